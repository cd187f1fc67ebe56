"""The search request: parsed and checked once, used by the page, the JSON
API and both engines. Bad input raises QueryError with a message for a 400."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.api import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, ParameterError, page_params

from . import analysis, registry, text

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE", "MAX_PAGE_SIZE", "QueryError", "parse"]

MAX_QUERY_LENGTH = 100
# Elasticsearch's default index.max_result_window; both engines keep to it.
MAX_RESULT_WINDOW = 10_000
SORTS = {"relevance": _("相关度"), "name": _("名称"), "newest": _("最新发布")}


class QueryError(ParameterError):
    pass


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet -> tuple of values
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def normalized(self):
        return text.normalize_query(self.text)

    @cached_property
    def plan(self):
        """The query's words, alternatives and identifier (see analysis)."""
        return analysis.plan(self.normalized)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def effective_sort(self):
        """Relevance needs words to rank by; without them, newest first."""
        if self.sort == "relevance" and not self.normalized:
            return "newest"
        return self.sort


def parse(params):
    """Build a SearchQuery from a QueryDict (or dict of lists/strings)."""
    raw_text = params.get("q", "") or ""
    if len(raw_text) > MAX_QUERY_LENGTH:
        raise QueryError(
            gettext("搜索词过长：最多 %(limit)s 个字符。") % {"limit": MAX_QUERY_LENGTH}
        )
    if text.CONTROL_RE.search(raw_text):
        raise QueryError(gettext("搜索词含有控制字符。"))
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise QueryError(
            gettext("不支持的排序方式“%(sort)s”：可用 relevance、name、newest。") % {"sort": sort}
        )
    filters = {}
    for name, facet in registry.facets().items():
        values = _values(params, name)
        for value in values:
            if error := facet.check(value):
                raise QueryError(error)
        if values:
            filters[name] = tuple(dict.fromkeys(values))
    try:
        page, page_size = page_params(params)  # the same rule as /api/v1/
    except ParameterError as error:
        raise QueryError(str(error)) from None
    if page * page_size > MAX_RESULT_WINDOW:
        raise QueryError(
            gettext("只能翻阅前 %(limit)s 条结果，请加筛选条件缩小范围。")
            % {"limit": MAX_RESULT_WINDOW}
        )
    return SearchQuery(
        text=" ".join(raw_text.split()),
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
    )


def _values(params, name):
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name, [])
        values = value if isinstance(value, list | tuple) else [value]
    return [v.strip() for v in values if v and v.strip()]


@dataclass
class SearchResults:
    count: int
    documents: list  # the page's documents, best first
    facets: dict  # facet -> {value: count}
    # per document: the names of what matched ("id", "c0.1.t": clause 0,
    # alternative 1, in the title; "c0.1.x": in the text)
    matched: list = field(default_factory=list)
