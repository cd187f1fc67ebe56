"""Defence in depth for enterprise editors: any admin page view that names a
page outside their enterprises answers 404, whatever Wagtail's own view
would have shown (some views, like the workflow-cancellation prompt, show a
page's workflow without checking the user's permission on it)."""

from django.http import Http404
from wagtail.models import Page

from .models import EnterpriseAccess
from .roles import STAFF_OWNED_PERMISSION

PAGE_KWARGS = ("page_id", "pk", "parent_page_id", "page_to_move_id", "destination_id")


def enterprise_paths(user):
    """Tree paths of the enterprises `user` edits; None for staff and for
    users who edit no enterprise (Wagtail's permissions apply as usual)."""
    if not user.is_authenticated or user.is_superuser or user.has_perm(STAFF_OWNED_PERMISSION):
        return None
    paths = list(EnterpriseAccess.objects.for_user(user).values_list("enterprise__path", flat=True))
    return paths or None


class EnterpriseScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtailadmin_pages":
            return None
        page_ids = [view_kwargs[key] for key in PAGE_KWARGS if key in view_kwargs]
        if not page_ids:
            return None
        paths = enterprise_paths(request.user)
        if paths is None:
            return None
        for page_id in page_ids:
            path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
            if path is None or not any(path.startswith(own) for own in paths):
                raise Http404
        return None
