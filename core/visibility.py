"""The one rule for what the public sees.

A page is public when it is live, neither it nor any ancestor carries a view
restriction, and every ancestor is live: a product of an unpublished
enterprise is hidden, and so is everything in a section that was made private
or unpublished. Every public surface (pages, lists, downloads, APIs, search
documents, feeds, the sitemap) asks this module and nothing else.

Both checks are one query for the few pages that hide a subtree (a draft
with children, a restricted page), then a path-prefix filter, the way
Wagtail's own `public()` treats view restrictions. Within one request that
query runs once (`RequestScopeMiddleware`); a change the request announces
makes it run again. Across requests each process keeps the answer for the
current content version (`core.page_cache.content_version`), which every
announced change moves on once it commits.
"""

import contextlib
import contextvars

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.dispatch import receiver
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from .changes import content_changed
from .page_cache import content_version

NOTHING = Q(pk__in=[])


def _subtrees_q(paths):
    """Pages at or below any of `paths`, skipping paths already covered."""
    q, covered = Q(), []
    for path in sorted(paths):
        if covered and path.startswith(covered[-1]):
            continue
        covered.append(path)
        q |= Q(path__startswith=path)
    return q if covered else NOTHING


_request_roots = contextvars.ContextVar("hiding_roots", default=None)


class RequestScopeMiddleware:
    """Look the hiding pages up at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_roots.set({})
        try:
            return self.get_response(request)
        finally:
            _request_roots.reset(token)


@contextlib.contextmanager
def read_only_scope():
    """Look the hiding pages up at most once within a block that only reads
    pages (building search documents for thousands of them), whatever the
    content version says: the block may run before its change commits."""
    if _request_roots.get() is not None:
        yield
        return
    token = _request_roots.set({"changed": True})
    try:
        yield
    finally:
        _request_roots.reset(token)


@receiver(content_changed)
def forget_hiding_roots(sender, **kwargs):
    memo = _request_roots.get()
    if memo is not None:
        memo.clear()
        memo["changed"] = True  # this request's own changes are not in any version yet


_by_version = {}  # content version -> roots, for this process


def current_version():
    """The content version this request may trust, or None: outside a request,
    after the request announced a change, or where versions never move (tests
    roll back instead of committing, see CACHE_BY_CONTENT_VERSION)."""
    memo = _request_roots.get()
    if memo is None or memo.get("changed") or not settings.CACHE_BY_CONTENT_VERSION:
        return None
    return content_version()


def _roots():
    """(paths of unpublished pages with children, paths of restricted pages)."""
    memo = _request_roots.get()
    if memo and "roots" in memo:
        return memo["roots"]
    version = current_version()
    roots = _by_version.get(version) if version is not None else None
    if roots is None:
        roots = _query_roots()
        if version is not None:
            _by_version.clear()
            _by_version[version] = roots
    if memo is not None:
        memo["roots"] = roots
    return roots


def _query_roots():
    rows = Page.objects.filter(
        Q(live=False, numchild__gt=0, depth__gt=1) | Q(view_restrictions__isnull=False)
    ).values_list("path", "live")
    unpublished, restricted = set(), set()
    for path, live in rows:
        (restricted if live else unpublished).add(path)
    return unpublished, restricted


def restricted_paths():
    """Paths of the pages that carry a view restriction."""
    return _roots()[1]


def unpublished_subtrees_q():
    """Pages below a page that is not live (the tree's root never counts)."""
    return _subtrees_q(_roots()[0])


def hidden_q():
    """Everything the public may not see, as one Q over pages."""
    unpublished, restricted = _roots()
    return Q(live=False) | _subtrees_q(unpublished | restricted)


class PublicPageQuerySet(PageQuerySet):
    def for_public(self):
        """Only pages that the one rule lets the public see."""
        return self.exclude(hidden_q())


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def public_pages(queryset=None):
    """`queryset` (any page queryset, default every page) cut to public pages."""
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.exclude(hidden_q())


def public_page_ids():
    """A subquery of the ids of every public page, to filter rows that point
    at pages (catalog entries, recognitions) by the same rule."""
    return public_pages().values("pk")


def routable_pages(queryset):
    """`queryset` cut to pages URL routing may serve: live, under live
    ancestors. View restrictions are left to Wagtail, which asks for a login
    or password."""
    return queryset.filter(live=True).exclude(unpublished_subtrees_q())


_routes = {"version": None, "paths": {}}  # url path -> (page id, content type id), this process


def find_routable(url_path):
    """The specific page at `url_path` if routing may serve it, else None:
    two queries, or one when this process has routed the path before in
    the current content version."""
    version = current_version()
    if version is None or _routes["version"] != version or len(_routes["paths"]) > 10000:
        _routes["version"], _routes["paths"] = version, {}
    found = _routes["paths"].get(url_path)
    if found is None:
        row = routable_pages(Page.objects.filter(url_path=url_path)).values_list(
            "pk", "content_type_id"
        )
        found = row.first() or (None, None)
        if version is not None:
            _routes["paths"][url_path] = found
    page_id, content_type_id = found
    if page_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model.objects.filter(pk=page_id).first()


def is_public(page):
    return page is not None and public_pages(Page.objects.filter(pk=page.pk)).exists()


def public_ids(page_ids):
    """Which of `page_ids` the public may see (one query)."""
    return set(public_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True))
