from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .dashboard import RequestsPanel
from .models import AssistanceRequest
from .permissions import edits_an_enterprise, request_permission_policy
from .views import assistance_viewset

register_permission_policy(AssistanceRequest, request_permission_policy)


@hooks.register("register_admin_viewset")
def register_assistance_viewset():
    return assistance_viewset


@hooks.register("construct_homepage_panels")
def enterprise_requests_panel(request, panels):
    if edits_an_enterprise(request.user):
        panels.append(RequestsPanel(request.user))
