import dataclasses

from django.http import Http404, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.visibility import public_pages

from . import query as search_query
from . import registry, service, stats, text


def _page_links(request, response):
    """Previous/next links that keep every other parameter (shareable URLs)."""
    last_page = max(1, -(-response["count"] // response["page_size"]))
    links = {}
    for name, page in (("previous", response["page"] - 1), ("next", response["page"] + 1)):
        if 1 <= page <= min(last_page, search_query.MAX_PAGE):
            params = request.GET.copy()
            params["page"] = page
            links[name] = "?" + params.urlencode()
    links["last_page"] = last_page
    return links


def _facet_links(request, facets):
    """Each facet value with the URL that toggles it, labelled for people."""
    shaped = []
    known = registry.facets()
    for facet, values in facets.items():
        if not values:
            continue
        items = []
        for value in values:
            params = request.GET.copy()
            params.pop("page", None)
            chosen = params.getlist(facet)
            if value["selected"]:
                chosen = [v for v in chosen if v != value["value"]]
            else:
                chosen.append(value["value"])
            params.setlist(facet, chosen)
            label = known[facet].shown_label(value["label"])
            items.append({**value, "label": label, "url": "?" + params.urlencode()})
        shaped.append({"name": facet, "title": known[facet].title, "values": items})
    return shaped


# The search form marks its submissions; a new query drops the old filters
# unless the visitor ticks "keep" (facet links carry neither marker).
FORM_MARKER, KEEP_FILTERS = "new", "keep"


def _without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


def _chips(request, facets):
    """The active filters, each with the URL that removes it, and a clear-all URL."""
    chips = [
        {"title": facet["title"], "label": value["label"], "url": value["url"]}
        for facet in facets
        for value in facet["values"]
        if value["selected"]
    ]
    clear = _without(request.GET, "page", *registry.facets())
    return chips, "?" + clear.urlencode()


def _form_redirect(request):
    """A submission of the search form: drop the markers, and the filters
    unless the visitor chose to keep them."""
    names = [FORM_MARKER, KEEP_FILTERS, "page"]
    if not request.GET.get(KEEP_FILTERS):
        names += list(registry.facets())
    if request.GET.get("sort") == "relevance":  # the default: shorter shared URLs
        names.append("sort")
    return HttpResponseRedirect("?" + _without(request.GET, *names).urlencode())


def _help_links(request, response):
    """For a search that found nothing: what would find something."""
    found = response.get("suggestions") or {}
    links = []
    if found.get("without_filters"):
        params = QueryDict(mutable=True)
        params["q"] = request.GET.get("q", "")
        count = found["without_filters"]
        label = ngettext(
            "去掉筛选条件：%(count)s 条结果", "去掉筛选条件：%(count)s 条结果", count
        ) % {"count": count}
        links.append({"url": "?" + params.urlencode(), "label": label})
    for term in found.get("terms", []) + found.get("titles", []):
        params = QueryDict(mutable=True)
        params["q"] = term
        links.append(
            {"url": "?" + params.urlencode(), "label": gettext("试试“%(term)s”") % {"term": term}}
        )
    return links


@require_GET
def search_page(request):
    if FORM_MARKER in request.GET:
        return _form_redirect(request)
    context = {"sorts": search_query.SORTS, "q": request.GET.get("q", "")}
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    response = service.run(query)
    pages = _page_links(request, response)
    if response["count"] and query.page > pages["last_page"]:
        # Past the end (an old link, a hand-typed number): the last page.
        params = request.GET.copy()
        params["page"] = pages["last_page"]
        return HttpResponseRedirect("?" + params.urlencode())
    facets = _facet_links(request, response["facets"])
    chips, clear_url = _chips(request, facets)
    context.update(
        {
            "query": query,
            "response": response,
            "facets": facets,
            "chips": chips,
            "clear_url": clear_url,
            "pages": pages,
            "help_links": _help_links(request, response),
            "sort": query.sort,
            "feed_params": _without(request.GET, "page", "sort").urlencode(),
        }
    )
    if query.page == 1 and query.normalized:
        stats.record_search(query.normalized, found=bool(response["count"]))
        context["click_token"] = stats.click_token(query.normalized)
    if not response["count"] and query.filters:
        unfiltered = dataclasses.replace(query, filters={}, page=1, page_size=1)
        context["unfiltered_count"] = service.get_engine().search(unfiltered).count
        context["unfiltered_url"] = clear_url
    return render(request, "search/search.html", context)


@require_GET
def follow_result(request, page_id):
    """A result link from the search page: count the click, then go to the
    page. Only public pages of this site, by id, so it redirects nowhere else."""
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    url = page.get_url(request) if page else None
    if not url or not url.startswith("/") or url.startswith(("//", "/\\")):
        raise Http404("没有找到这个页面。")
    stats.record_click(request.GET.get("t", ""))
    return HttpResponseRedirect(url)


@require_GET
def search_api(request):
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        return JsonResponse(
            {"error": str(error)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    response = service.run(query)
    for facet in response["facets"].values():
        for value in facet:
            value.pop("selected")
    return JsonResponse(response, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    prefix = request.GET.get("q", "")
    if len(prefix) > search_query.MAX_QUERY_LENGTH or text.CONTROL_RE.search(prefix):
        return JsonResponse({"error": "搜索词无效。"}, status=400)
    return JsonResponse(
        {"suggestions": service.suggestions(prefix)}, json_dumps_params={"ensure_ascii": False}
    )


MAX_DOWNLOAD_ROWS = 5000


@require_GET
def search_download(request, file_format):
    """The whole result set (up to MAX_DOWNLOAD_ROWS) in the import's columns."""
    handler = registry.download_handler()
    if handler is None:
        raise Http404("没有可下载的格式。")
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        return JsonResponse({"error": str(error)}, status=400)
    documents = []
    for page in range(1, MAX_DOWNLOAD_ROWS // 500 + 1):
        batch = service.get_engine().search(dataclasses.replace(query, page=page, page_size=500))
        documents += batch.documents
        if len(documents) >= batch.count or not batch.documents:
            break
    return handler(documents, file_format)
