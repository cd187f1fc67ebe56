"""/api/v1/: the open data API and its OpenAPI schema."""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, re_path

from directory import api
from directory.api_schema import openapi_view
from events import api as events_api

app_name = "api"


def without_trailing_slash(request, path):
    """The API's paths have no trailing slash; send a slashed one to its twin."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(request.path[:-1] + (f"?{query}" if query else ""))


urlpatterns = [
    path("openapi.json", openapi_view, name="openapi"),
    path("enterprises", api.enterprise_list, name="enterprise-list"),
    path("enterprises/<str:pk>", api.enterprise_detail, name="enterprise-detail"),
    path("products", api.product_list, name="product-list"),
    path("products/<str:pk>", api.product_detail, name="product-detail"),
    path("catalogs", api.catalog_list, name="catalog-list"),
    path("catalogs/<str:pk>", api.catalog_detail, name="catalog-detail"),
    path("events", events_api.event_list, name="event-list"),
    path("events/<str:pk>", events_api.event_detail, name="event-detail"),
    re_path(r"^(?P<path>.+)/$", without_trailing_slash),
]
