"""Values every public template needs: the portal's name and its operator."""

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The portal's name as the settings give it, for the English catalog.
SITE_NAME = gettext_noop("本地药械信息公开平台")


def site_name():
    """The portal's name in the active language (as set, if the catalog lacks it)."""
    return gettext(settings.PORTAL["site_name"])


def portal(request):
    return {"portal": {**settings.PORTAL, "site_name": site_name()}}
