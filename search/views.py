import dataclasses

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import query as search_query
from . import service, text


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
        shaped.append({"name": facet, "title": search_query.FACET_TITLES[facet], "values": items})
    return shaped


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
            "sort": query.sort,
        }
    )
    return render(request, "search/search.html", context)


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
    from directory.downloads import rows_for_pages
    from directory.models import EnterprisePage, ProductPage
    from directory.spreadsheets import spreadsheet_response

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
    ids = {"enterprise": [], "product": []}
    for document in documents:
        ids[document["kind"]].append(document["page_id"])
    pages = {
        page.pk: page
        for model, kind in ((EnterprisePage, "enterprise"), (ProductPage, "product"))
        for page in model.objects.for_public().filter(pk__in=ids[kind])
    }
    ordered = [pages[d["page_id"]] for d in documents if d["page_id"] in pages]
    return spreadsheet_response(rows_for_pages(ordered), file_format, "搜索结果")
