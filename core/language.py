"""The interface language: Simplified Chinese unless the visitor chose English.

The choice lives in Django's language cookie only, never in the browser's
Accept-Language, so a Chinese public site opens in Chinese for everyone and
the page cache needs one key part per language (`language_of`). Content is
shown as entered; only interface text is translated.

What programs read is data, and stays in the data's language (Chinese)
whatever the visitor chose: the open data API under /api/, downloads and
search documents carry the Chinese choice labels and dates that imports and
other programs match on (`in_data_language`). Choice labels are marked with
gettext_noop and translated only where a page shows them.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}
COOKIE_AGE = 365 * 24 * 3600


# Paths that answer in the data's language whatever the cookie says.
DATA_PATHS = ("/api/",)


def in_data_language():
    """A context in which text is built in the data's language (a fresh one
    for each use: an override object must not be shared between threads)."""
    return translation.override(settings.LANGUAGE_CODE)


def language_of(request):
    if request.path.startswith(DATA_PATHS):
        return settings.LANGUAGE_CODE
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in LANGUAGE_CODES else settings.LANGUAGE_CODE


class CookieLanguageMiddleware:
    """Activates the visitor's chosen language for the request, and only for
    it: whatever runs after the response (a streamed download) or in the
    next request on this thread starts from the default again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
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
