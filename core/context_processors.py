"""Values every public template needs: the portal's name and its operator."""

from django.conf import settings


def portal(request):
    return {"portal": settings.PORTAL}
