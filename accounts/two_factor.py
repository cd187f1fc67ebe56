"""TOTP two-factor sign-in for staff who can publish (django-otp's TOTP
device). Opt-in: a user who has confirmed a device must enter a current code
after signing in before any admin page opens; everyone else signs in as
before."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from wagtail.models import GroupPagePermission

from .middleware import ViewMiddleware

EXEMPT_URL_NAMES = {"wagtailadmin_login", "wagtailadmin_logout", "accounts_two_factor_verify"}


def may_use_two_factor(user):
    """Staff who can publish some page (superusers included)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists()


def needs_second_factor(user):
    return (
        user.is_authenticated and user_has_device(user, confirmed=True) and not user.is_verified()
    )


class AdminTwoFactorMiddleware(ViewMiddleware):
    """After django_otp.middleware.OTPMiddleware: admin pages wait for the
    code of users who turned two-factor on."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith("/admin/"):
            return None
        if match.url_name in EXEMPT_URL_NAMES:
            return None
        if not needs_second_factor(request.user):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts_two_factor_verify')}?{query}")
