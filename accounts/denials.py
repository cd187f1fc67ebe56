"""A refusal as a 403 page. Wagtail's admin turns PermissionDenied into a
redirect to the dashboard; views that must answer with a status (so that a
denial is never mistaken for success) return this instead."""

from django.template.response import TemplateResponse

DENIED_MESSAGE = "您没有权限进行此操作。"


def forbidden(request, message=DENIED_MESSAGE):
    return TemplateResponse(request, "accounts/admin/denied.html", {"message": message}, status=403)
