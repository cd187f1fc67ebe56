"""What every JSON API of the site shares (`/api/v1/`, `/api/search/`).

One rule for `page` and `page_size`, one paged body, query parameters that
are declared once and both checked and documented from that declaration,
and errors as `{"error": "<Chinese message>"}`. Content apps build their
views on `PublicListView` and `PublicDetailView`, and their querysets on the
visibility rule (`for_public()`).
"""

import re
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers, views
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_ID = 2**63 - 1  # the largest id the databases store
_DIGITS = re.compile(r"^[0-9]{1,19}$")


class ParameterError(ValueError):
    """A bad query parameter; the message says what is wrong, in the active
    language (Chinese under /api/, whatever the visitor reads: core.language)."""


def integer(params, name, default=None, minimum=1, maximum=MAX_ID):
    raw = params.get(name)
    if isinstance(raw, list | tuple):  # a dict of lists, as search's callers pass
        raw = raw[-1] if raw else None
    if raw is None or raw == "":
        return default
    raw = str(raw)
    if not _DIGITS.match(raw) or not minimum <= int(raw) <= maximum:
        raise ParameterError(
            gettext("参数 %(name)s 应为 %(minimum)s 到 %(maximum)s 之间的整数。")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return int(raw)


def page_params(params):
    """(page, page_size) from a QueryDict or dict: the one rule for every API."""
    page = integer(params, "page", 1, maximum=MAX_PAGE)
    page_size = integer(params, "page_size", DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    return page, page_size


def text(params, name, max_length=100):
    value = (params.get(name) or "").replace("\x00", "").strip()
    if len(value) > max_length:
        raise ParameterError(f"参数 {name} 过长：最多 {max_length} 个字符。")
    return value


def choice(params, name, choices):
    value = params.get(name)
    if value is None or value == "":
        return None
    if value not in choices.values:
        raise ParameterError(f"参数 {name} 的取值无效，可选值：{'、'.join(choices.values)}。")
    return value


def boolean(params, name):
    value = params.get(name)
    if value is None or value == "":
        return None
    if value not in ("true", "false"):
        raise ParameterError(f"参数 {name} 应为 true 或 false。")
    return value == "true"


@dataclass(frozen=True)
class Filter:
    """A query parameter of a list endpoint: `kind` is "text", "id", "bool"
    or a TextChoices class. Parsed and documented from this one declaration."""

    name: str
    kind: object
    description: str

    def parse(self, params):
        if self.kind == "text":
            return text(params, self.name)
        if self.kind == "id":
            return integer(params, self.name)
        if self.kind == "bool":
            return boolean(params, self.name)
        return choice(params, self.name, self.kind)

    def openapi(self):
        if self.kind == "text":
            return OpenApiParameter(self.name, OpenApiTypes.STR, description=self.description)
        if self.kind == "id":
            return OpenApiParameter(
                self.name,
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description=self.description,
            )
        if self.kind == "bool":
            return OpenApiParameter(
                self.name, OpenApiTypes.STR, enum=["true", "false"], description=self.description
            )
        return OpenApiParameter(
            self.name, OpenApiTypes.STR, enum=list(self.kind.values), description=self.description
        )


PAGE_SCHEMA = {
    "page": {
        "description": "页码，从 1 开始",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    },
    "page_size": {
        "description": f"每页条数，最多 {MAX_PAGE_SIZE}",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "default": DEFAULT_PAGE_SIZE,
        },
    },
}
# The same two, for a detail endpoint that pages what it holds.
PAGE_PARAMETERS = [
    OpenApiParameter(name, spec["schema"], description=spec["description"])
    for name, spec in PAGE_SCHEMA.items()
]


class PagePagination(BasePagination):
    """`count`, `page`, `page_size`, `pages` and `results`; a page past the
    end is empty rather than an error."""

    def paginate_queryset(self, queryset, request, view=None):
        self.page, self.page_size = page_params(request.query_params)
        self.count = queryset.count()
        offset = (self.page - 1) * self.page_size
        return list(queryset[offset : offset + self.page_size]) if offset < self.count else []

    def get_paginated_response(self, data):
        pages = (self.count + self.page_size - 1) // self.page_size
        return Response(
            {
                "count": self.count,
                "page": self.page,
                "page_size": self.page_size,
                "pages": pages,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        integer_schema = {"type": "integer"}
        return {
            "type": "object",
            "required": ["count", "page", "page_size", "pages", "results"],
            "properties": {
                "count": integer_schema,
                "page": integer_schema,
                "page_size": integer_schema,
                "pages": integer_schema,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            dict(PAGE_SCHEMA[name], name=name, required=False, **{"in": "query"})
            for name in PAGE_SCHEMA
        ]


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="中文错误说明")


def exception_handler(error, context):
    """Every error as {"error": message}, in Chinese."""
    if isinstance(error, ParameterError):
        return Response({"error": str(error)}, status=400)
    if isinstance(error, Http404):
        error = exceptions.NotFound("接口或记录不存在。")
    response = views.exception_handler(error, context)
    if response is not None:
        detail = getattr(error, "detail", "")
        response.data = {"error": str(detail if isinstance(detail, str) else "请求无效。")}
    return response


class PortalSchema(AutoSchema):
    """Adds each view's declared filters, and the error responses every
    list (400) and detail (404) endpoint can give."""

    def get_description(self):
        return ""  # summaries say what each endpoint does; docstrings are for code

    def get_override_parameters(self):
        declared = [item.openapi() for item in getattr(self.view, "filters", ())]
        return declared + list(super().get_override_parameters())

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error = {
            "content": {
                "application/json": {
                    "schema": self.resolve_serializer(ErrorSerializer, direction).ref
                }
            }
        }
        if getattr(self.view, "takes_parameters", False):
            responses.setdefault("400", {"description": "参数无效", **error})
        responses.setdefault("404", {"description": "不存在或尚未公开", **error})
        return responses


class PublicView(views.APIView):
    """Read-only, anonymous, JSON: no sessions, no forms."""

    authentication_classes = ()
    permission_classes = ()
    http_method_names = ["get", "head"]


class PublicListView(PublicView, generics.ListAPIView):
    """A paged list; `filters` declares its query parameters, and
    `filter_public(queryset, values)` applies the parsed values."""

    filters = ()
    pagination_class = PagePagination
    takes_parameters = True

    def filter_queryset(self, queryset):
        values = {item.name: item.parse(self.request.query_params) for item in self.filters}
        page_params(self.request.query_params)  # a bad page is a 400 even for an empty list
        return self.filter_public(queryset, values)

    def filter_public(self, queryset, values):
        return queryset


class PublicDetailView(PublicView, generics.RetrieveAPIView):
    """One public record by id; anything else (a draft, a private page, an id
    that cannot exist) is the same 404."""

    lookup_url_kwarg = "id"
    not_found = "记录不存在或尚未公开。"

    def get_object(self):
        pk = self.kwargs["id"]
        found = self.get_queryset().filter(pk=pk).first() if 1 <= pk <= MAX_ID else None
        if found is None:
            raise exceptions.NotFound(self.not_found)
        return found


class ApiRootView(PublicView):
    """`/api/v1/` itself: what there is, and where the OpenAPI schema is."""

    endpoints = {}

    @extend_schema(
        summary="接口目录",
        responses={
            200: {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "openapi": {"type": "string"},
                    "endpoints": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    )
    def get(self, request):
        from django.urls import reverse

        return Response(
            {
                "title": "本地药械信息公开平台 开放数据接口",
                "openapi": reverse("api:openapi"),
                "endpoints": {name: reverse(route) for name, route in self.endpoints.items()},
            }
        )


def public_api_only(endpoints):
    """Schema hook: document /api/v1/ only (Wagtail's admin API is DRF too)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
