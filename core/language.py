"""The interface language: Simplified Chinese unless the visitor chose English.

The choice lives in Django's language cookie only, never in the browser's
Accept-Language, so a Chinese public site opens in Chinese for everyone and
the page cache needs one key part per language (`language_of`). Content is
shown as entered; only interface text is translated.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}
COOKIE_AGE = 365 * 24 * 3600


def language_of(request):
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in LANGUAGE_CODES else settings.LANGUAGE_CODE


class CookieLanguageMiddleware:
    """Activates the visitor's chosen language for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


def switch_language(request, language):
    """GET /language/<code>/?next=<path>: remember the choice and go back."""
    if language not in LANGUAGE_CODES:
        return HttpResponseBadRequest(
            "不支持该语言。Unsupported language.".encode(), content_type="text/plain; charset=utf-8"
        )
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
