"""Registration attempts per client address, counted in the shared cache."""

from django.conf import settings
from django.core.cache import cache


def _limit():
    # (attempts, seconds): ten submissions in ten minutes by default.
    return getattr(settings, "EVENT_REGISTRATION_RATE", (10, 600))


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def allow(request):
    """Count this attempt; False once the address is over its limit."""
    attempts, seconds = _limit()
    key = f"event-register-rate:{client_address(request)}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= attempts
