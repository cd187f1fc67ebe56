"""The search request: parsed and checked once, used by the page, the JSON
API and both engines. Bad input raises QueryError with a message for a 400."""

from dataclasses import dataclass, field
from functools import cached_property

from . import analysis, registry, text

MAX_QUERY_LENGTH = 100
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 1000
# Elasticsearch's default index.max_result_window; both engines keep to it.
MAX_RESULT_WINDOW = 10_000
SORTS = {"relevance": "相关度", "name": "名称", "newest": "最新发布"}


class QueryError(ValueError):
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


def _integer(params, name, default, minimum, maximum):
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise QueryError(f"参数 {name} 应为整数。") from None
    if not minimum <= value <= maximum:
        raise QueryError(f"参数 {name} 应在 {minimum} 到 {maximum} 之间。")
    return value


def parse(params):
    """Build a SearchQuery from a QueryDict (or dict of lists/strings)."""
    raw_text = params.get("q", "") or ""
    if len(raw_text) > MAX_QUERY_LENGTH:
        raise QueryError(f"搜索词过长：最多 {MAX_QUERY_LENGTH} 个字符。")
    if text.CONTROL_RE.search(raw_text):
        raise QueryError("搜索词含有控制字符。")
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise QueryError(f"不支持的排序方式“{sort}”：可用 relevance、name、newest。")
    filters = {}
    for name, facet in registry.facets().items():
        values = _values(params, name)
        for value in values:
            if error := facet.check(value):
                raise QueryError(error)
        if values:
            filters[name] = tuple(dict.fromkeys(values))
    page = _integer(params, "page", 1, 1, MAX_PAGE)
    page_size = _integer(params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    if page * page_size > MAX_RESULT_WINDOW:
        raise QueryError(f"只能翻阅前 {MAX_RESULT_WINDOW} 条结果，请加筛选条件缩小范围。")
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
