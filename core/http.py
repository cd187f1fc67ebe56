"""Response policies for the public site: rate limits and cache headers."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_ratelimit.core import get_usage

from .language import language_of

RATE_LIMITED_MESSAGE = "请求过于频繁，请稍后再试。"


class RateLimitMiddleware:
    """Counts requests per client address in the shared cache for each rule in
    settings.RATELIMIT_RULES, and answers 429 beyond the rate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for group, prefix, methods, rate in settings.RATELIMIT_RULES:
            if request.path.startswith(prefix) and request.method in methods:
                usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
                if usage and usage["should_limit"]:
                    return self._too_many(request, usage["time_left"])
                break
        return self.get_response(request)

    def _too_many(self, request, retry_after):
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"error": RATE_LIMITED_MESSAGE},
                status=429,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            # This answer comes before the language middleware: the visitor's choice, here too.
            with translation.override(language_of(request)):
                html = render_to_string("429.html", {"retry_after": retry_after}, request=request)
            response = HttpResponse(html, status=429)
        response["Retry-After"] = str(max(1, retry_after))
        patch_cache_control(response, no_store=True)
        return response


class PublicCacheHeadersMiddleware:
    """Anonymous GETs of public pages may be kept by browsers and a CDN;
    anything personal (a session, a cookie being set) is private."""

    PRIVATE_PREFIXES = ("/admin/", "/documents/")
    # Search and API answers must follow a publish within seconds, and no
    # purge reaches every query string: caches must ask again each time.
    LIVE_PREFIXES = ("/search/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        public = (
            anonymous
            and request.method in ("GET", "HEAD")
            and response.status_code in (200, 301, 404)
            and not response.cookies
            and not request.path.startswith(self.PRIVATE_PREFIXES)
        )
        if public and request.path.startswith(self.LIVE_PREFIXES):
            patch_cache_control(response, no_cache=True)
        elif public:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_SECONDS,
                s_maxage=settings.PUBLIC_SHARED_CACHE_SECONDS,
            )
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
