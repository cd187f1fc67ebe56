import dataclasses

from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import query as search_query
from . import registry, service, text


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
    """Each facet value with the URL that toggles it."""
    shaped = []
    titles = {name: facet.title for name, facet in registry.facets().items()}
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
            items.append({**value, "url": "?" + params.urlencode()})
        shaped.append({"name": facet, "title": titles[facet], "values": items})
    return shaped


def _help_links(request, response):
    """For a search that found nothing: what would find something."""
    found = response.get("suggestions") or {}
    links = []
    if found.get("without_filters"):
        params = QueryDict(mutable=True)
        params["q"] = request.GET.get("q", "")
        count = found["without_filters"]
        links.append({"url": "?" + params.urlencode(), "label": f"去掉筛选条件：{count} 条结果"})
    for term in found.get("terms", []) + found.get("titles", []):
        params = QueryDict(mutable=True)
        params["q"] = term
        links.append({"url": "?" + params.urlencode(), "label": f"试试“{term}”"})
    return links


@require_GET
def search_page(request):
    context = {"sorts": search_query.SORTS, "q": request.GET.get("q", "")}
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    response = service.run(query)
    context.update(
        {
            "query": query,
            "response": response,
            "facets": _facet_links(request, response["facets"]),
            "pages": _page_links(request, response),
            "help_links": _help_links(request, response),
            "sort": query.sort,
        }
    )
    return render(request, "search/search.html", context)


@require_GET
def search_api(request):
    try:
        query = search_query.parse(request.GET)
    except search_query.QueryError as error:
        return JsonResponse({"error": str(error)}, status=400)
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
