"""/api/v1/: the open data API of every content app, and its OpenAPI schema.

Paths have no trailing slash. A slashed twin of an endpoint redirects to it;
any other path under /api/v1/ is a JSON 404 (never a redirect).
"""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, path, re_path, resolve
from drf_spectacular.views import SpectacularJSONAPIView

from core.api import ApiRootView
from directory.api import views as directory
from events import api as events

app_name = "api"

ENDPOINTS = {
    "enterprises": "api:enterprise-list",
    "products": "api:product-list",
    "catalogs": "api:catalog-list",
    "events": "api:event-list",
}


def unknown_path(request, rest):
    """A slashed twin of an endpoint goes to the endpoint; anything else is a 404."""
    if request.path.endswith("/"):
        try:
            match = resolve(request.path[:-1])
        except Resolver404:
            match = None
        if match is not None and match.url_name not in (None, "unknown"):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path[:-1] + (f"?{query}" if query else ""))
    return JsonResponse(
        {"error": "接口不存在，可用的接口见 /api/v1/。"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    path("", ApiRootView.as_view(endpoints=ENDPOINTS), name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("enterprises", directory.EnterpriseList.as_view(), name="enterprise-list"),
    path("enterprises/<int:id>", directory.EnterpriseDetail.as_view(), name="enterprise-detail"),
    path("products", directory.ProductList.as_view(), name="product-list"),
    path("products/<int:id>", directory.ProductDetail.as_view(), name="product-detail"),
    path("catalogs", directory.CatalogList.as_view(), name="catalog-list"),
    path("catalogs/<int:id>", directory.CatalogDetail.as_view(), name="catalog-detail"),
    path("events", events.EventList.as_view(), name="event-list"),
    path("events/<int:id>", events.EventDetail.as_view(), name="event-detail"),
    re_path(r"^(?P<rest>.*)$", unknown_path, name="unknown"),
]
