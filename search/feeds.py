"""Any search can be followed: `/search/feed/?<the search page's parameters>`
is an Atom feed of that search's new and changed results, newest first
(Django's syndication framework, over `service.newest`)."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_GET

from core.context_processors import site_name

from . import query as search_query
from . import registry, service

FEED_SIZE = 30


def _kind_label(kind):
    """The kind's name in the active language, as the search page's badges say it."""
    kinds = registry.facets()[registry.KIND]
    return kinds.shown_label(kinds.labels.get(kind, ""))


class SearchResultsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, query, params):
        return {"query": query, "params": params}

    def title(self, search):
        words = search["query"].text
        labels = [_kind_label(kind) or kind for kind in search["query"].filters.get("kind", ())]
        subject = gettext("“%(words)s”") % {"words": words} if words else gettext("全部")
        if labels:
            kinds = pgettext("list separator", "、").join(labels)
            subject += gettext("（%(text)s）") % {"text": kinds}
        return gettext("%(subject)s的新增和更新结果 · %(site)s") % {
            "subject": subject,
            "site": site_name(),
        }

    def subtitle(self, search):
        return gettext("按发布或更新时间排列，最新在前。")

    def link(self, search):
        return _with_params(reverse("search"), search["params"])

    def feed_url(self, search):
        return _with_params(reverse("search_feed"), search["params"])

    def items(self, search):
        return service.newest(search["query"], limit=FEED_SIZE)

    def item_title(self, item):
        document, _page = item
        label = _kind_label(document["kind"])
        if not label:
            return document["title"]
        return gettext("【%(kind)s】%(title)s") % {"kind": label, "title": document["title"]}

    def item_description(self, item):
        return item[0].get("summary", "")

    def item_link(self, item):
        return item[0]["url"]

    def item_guid(self, item):
        return f"urn:portal:{item[0]['kind']}:{item[0]['page_id']}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[1].first_published_at

    def item_updateddate(self, item):
        return item[1].last_published_at or item[1].first_published_at

    def item_categories(self, item):
        label = _kind_label(item[0]["kind"])
        return [label] if label else []


def _with_params(path, params):
    return f"{path}?{params}" if params else path


_feed = SearchResultsFeed()


@require_GET
def search_feed(request):
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    params = request.GET.copy()
    for name in ("page", "page_size", "sort"):
        params.pop(name, None)
    return _feed(request, query=query, params=params.urlencode())
