"""Defence in depth for enterprise editors: any admin view that names a page
of another enterprise, or an image or document outside their enterprise's
collections, answers 404, whatever Wagtail's own view would have done (some
views, like the workflow-cancellation prompt or an image's preview, check no
permission on the object; others redirect to the dashboard instead of
refusing with a status)."""

from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import EnterpriseAccess
from .roles import STAFF_OWNED_PERMISSION

PAGE_KWARGS = ("page_id", "pk", "parent_page_id", "page_to_move_id", "destination_id")
# Explorer listings: the ancestors of an editor's enterprise keep Wagtail's
# redirect to the editor's own section; another enterprise's pages are a 404.
EXPLORER_URL_NAMES = {"wagtailadmin_explore", "wagtailadmin_explore_results"}
MEDIA_KWARGS = {"wagtailimages": "image_id", "wagtaildocs": "document_id"}


def _is_enterprise_editor(user):
    return user.is_authenticated and not (
        user.is_superuser or user.has_perm(STAFF_OWNED_PERMISSION)
    )


def enterprise_paths(user):
    """Tree paths of the enterprises `user` edits; None for staff and for
    users who edit no enterprise (Wagtail's permissions apply as usual)."""
    if not _is_enterprise_editor(user):
        return None
    paths = list(EnterpriseAccess.objects.for_user(user).values_list("enterprise__path", flat=True))
    return paths or None


def _page_allowed(page_id, paths, ancestors_too):
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return False
    if any(path.startswith(own) for own in paths):
        return True
    return ancestors_too and any(own.startswith(path) for own in paths)


def _media_allowed(namespace, media_id, user):
    model = get_image_model() if namespace == "wagtailimages" else get_document_model()
    collections = EnterpriseAccess.objects.for_user(user).values("collection_id")
    return model.objects.filter(pk=media_id, collection_id__in=collections).exists()


class ViewMiddleware:
    """A middleware that acts only in process_view, once the URL is resolved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class EnterpriseScopeMiddleware(ViewMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        if match.namespace in MEDIA_KWARGS:
            media_id = view_kwargs.get(MEDIA_KWARGS[match.namespace])
            if media_id is not None and enterprise_paths(request.user) is not None:
                if not _media_allowed(match.namespace, media_id, request.user):
                    raise Http404
            return None
        explorer = match.url_name in EXPLORER_URL_NAMES and not match.namespace
        if match.namespace != "wagtailadmin_pages" and not explorer:
            return None
        page_ids = [view_kwargs[key] for key in PAGE_KWARGS if key in view_kwargs]
        if not page_ids:
            return None
        paths = enterprise_paths(request.user)
        if paths is None:
            return None
        for page_id in page_ids:
            if not _page_allowed(page_id, paths, ancestors_too=explorer):
                raise Http404
        return None
