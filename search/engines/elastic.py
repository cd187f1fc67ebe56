"""The Elasticsearch engine: one index (behind an alias) for enterprises and
products, analysed for Chinese with built-in filters only (`cjk_width`,
`lowercase`, `cjk_bigram`), so no plugin is needed on the cluster.

The index mirrors SearchDocument: `push_pending()` sends the rows written
since the last push (by the one pusher that holds the lease, see
elastic_push.py), `rebuild()` fills a fresh index and swaps the alias to it,
so search never goes dark.
"""

import logging
import time

from django.conf import settings
from django.db.models import Max
from elasticsearch import Elasticsearch, TransportError, helpers
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Mapping,
    Object,
    Q,
    Search,
    Text,
    analyzer,
)

from search import registry, text
from search.analysis import SCORE_ALL, SCORE_ID, SCORE_TEXT, SCORE_TITLE
from search.engines import elastic_push
from search.models import EngineCursor, SearchDocument
from search.query import SearchResults

logger = logging.getLogger(__name__)

LOOKBACK_ROWS = 500
PUSH_BATCH = 1000
chinese = analyzer(
    "chinese_bigram", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"]
)
chinese_chars = analyzer("chinese_chars", tokenizer="standard", filter=["cjk_width", "lowercase"])


def chinese_text(**extra_fields):
    return Text(analyzer=chinese, fields={"chars": Text(analyzer=chinese_chars), **extra_fields})


class EntryDocument(Document):
    """One enterprise or product, as SearchDocument.data describes it."""

    kind = Keyword()
    page_id = Integer()
    title = chinese_text(sort=Keyword())
    title_length = Integer()
    all_text = chinese_text()
    url = Keyword(index=False)
    summary = Text(index=False)
    is_example = Boolean()
    published = Date()
    pinyin = Keyword()
    initials = Keyword()
    name_sort = Keyword()  # the title's pinyin: names sort by pinyin
    id_terms = Keyword()
    details = Object(enabled=False)


NAME_ORDER = ({"name_sort": {"order": "asc", "unmapped_type": "keyword"}}, {"title.sort": "asc"})


def facet_field(facet):
    return "kind" if facet == "kind" else f"facets.{facet}"


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url):
        self.client = Elasticsearch(url, request_timeout=10, max_retries=2, retry_on_timeout=True)

    @property
    def alias(self):
        return f"{settings.SEARCH_INDEX_PREFIX}-entries"

    # -- index management --------------------------------------------------
    def _create_index(self, name):
        """The index for every registered kind: each facet is a keyword field."""
        index = Index(name, using=self.client)
        index.document(EntryDocument)
        facets = Mapping()
        names = [facet for facet in registry.facets() if facet != "kind"]
        facets.field("facets", Object(properties={facet: Keyword() for facet in names}))
        index.mapping(facets)
        index.create()

    def ensure_index(self):
        """Make the index if the alias is missing; True if it had to."""
        if self.client.indices.exists_alias(name=self.alias):
            return False
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
        self._create_index(name)
        self.client.indices.put_alias(index=name, name=self.alias)
        return True

    def rebuild(self, progress=None):
        """Fill a new index from SearchDocument, then point the alias at it."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1000}"
        self._create_index(name)
        latest = SearchDocument.objects.aggregate(latest=Max("id"))["latest"] or 0
        rows = SearchDocument.objects.filter(deleted=False).values_list("key", "data")
        actions = (
            {"_op_type": "index", "_index": name, "_id": key, "_source": data}
            for key, data in rows.iterator(chunk_size=2000)
        )
        for ok, _item in helpers.streaming_bulk(self.client, actions, chunk_size=1000):
            if progress and ok:
                progress(1)
        self.client.indices.refresh(index=name)
        old = (
            list(self.client.indices.get_alias(name=self.alias))
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"add": {"index": name, "alias": self.alias}}]
        actions += [{"remove": {"index": index, "alias": self.alias}} for index in old]
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        self._set_cursor(latest)
        self.push_pending()  # whatever changed while we were copying

    @property
    def cursor_name(self):
        return f"elasticsearch:{self.alias}"

    def _cursor(self):
        return EngineCursor.objects.get_or_create(engine=self.cursor_name)[0]

    def _set_cursor(self, last_id):
        EngineCursor.objects.update_or_create(
            engine=self.cursor_name, defaults={"last_id": last_id}
        )

    def has_pending(self):
        return SearchDocument.objects.filter(id__gt=self._cursor().last_id).exists()

    def push_pending(self, still_holding=None):
        """Send rows newer than the cursor, PUSH_BATCH at a time, moving the
        cursor after each batch the server took, so a failure loses nothing
        and a long queue drains in steps. The LOOKBACK_ROWS below the cursor
        go again with the first batch (a transaction that committed after a
        later one was pushed). `still_holding()` is asked before each batch
        (the pusher's lease). An index lost with the server is refilled."""
        refill = self.ensure_index()
        last_id = 0 if refill else self._cursor().last_id
        start = max(0, last_id - LOOKBACK_ROWS)
        sent = 0
        while still_holding is None or still_holding():
            rows = list(
                SearchDocument.objects.filter(id__gt=start)
                .order_by("id")
                .values_list("id", "key", "deleted", "data")[:PUSH_BATCH]
            )
            if not rows:
                break
            self._bulk(rows)
            last_id = max(last_id, rows[-1][0])
            self._set_cursor(last_id)
            sent += len(rows)
            start = rows[-1][0]
            if len(rows) < PUSH_BATCH:
                break
        return sent

    def _bulk(self, rows):
        actions = [
            {"_op_type": "delete", "_index": self.alias, "_id": key}
            if deleted
            else {"_op_type": "index", "_index": self.alias, "_id": key, "_source": data}
            for _id, key, deleted, data in rows
        ]
        _, errors = helpers.bulk(
            self.client, actions, raise_on_error=False, refresh="wait_for", stats_only=False
        )
        real_errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if real_errors:
            raise TransportError(f"bulk indexing failed: {real_errors[:3]}")

    # -- answering ---------------------------------------------------------
    @staticmethod
    def _alternative(alternative, name):
        """(in title, in text) queries of one way to find a query word."""
        if alternative.kind == "identifier":
            return None, Q("term", id_terms={"value": alternative.value, "_name": f"{name}.x"})
        if alternative.kind == "pinyin":
            pattern = f"*{alternative.value}*"
            return Q(
                "bool",
                should=[Q("wildcard", pinyin=pattern), Q("wildcard", initials=pattern)],
                minimum_should_match=1,
                _name=f"{name}.t",
            ), None
        value = alternative.value
        suffix = ".chars" if text.needs_characters(value) else ""
        in_title = Q(
            "match", **{f"title{suffix}": {"query": value, "operator": "and", "_name": f"{name}.t"}}
        )
        in_text = Q(
            "match",
            **{f"all_text{suffix}": {"query": value, "operator": "and", "_name": f"{name}.x"}},
        )
        return in_title, in_text

    def _text_query(self, plan):
        by_id = Q("term", id_terms={"value": plan.identifier, "_name": "id"})
        should = [Q("constant_score", filter=by_id, boost=SCORE_ID)] if plan.identifier else []
        clauses = []
        for i, clause in enumerate(plan.clauses):
            titles, texts = [], []
            for j, alternative in enumerate(clause.alternatives):
                in_title, in_text = self._alternative(alternative, f"c{i}.{j}")
                titles += [in_title] if in_title is not None else []
                texts += [in_text if in_text is not None else in_title]
            any_title = Q("bool", should=titles, minimum_should_match=1)
            any_text = Q("bool", should=texts, minimum_should_match=1)
            should.append(Q("constant_score", filter=any_title, boost=SCORE_TITLE))
            should.append(Q("constant_score", filter=any_text, boost=SCORE_TEXT))
            clauses.append((any_text, clause.required))
        found = [by_id] if plan.identifier else []
        if clauses:
            every = Q("bool", must=[q for q, _ in clauses])
            should.append(Q("constant_score", filter=every, boost=SCORE_ALL))
            required = [q for q, is_required in clauses if is_required]
            found.append(Q("bool", should=required, minimum_should_match=plan.minimum))
        if not found:
            return Q("bool", must_not=[Q("match_all")])
        return Q("bool", filter=[Q("bool", should=found, minimum_should_match=1)], should=should)

    @staticmethod
    def _filter(facet, values):
        return Q("terms", **{facet_field(facet): list(values)})

    def search(self, query):
        words = query.normalized
        search = Search(using=self.client, index=self.alias)
        search = search.query(self._text_query(query.plan) if words else Q("match_all"))
        filters = {facet: self._filter(facet, values) for facet, values in query.filters.items()}
        if filters:
            search = search.post_filter(Q("bool", filter=list(filters.values())))
        for facet in registry.facets():
            others = [q for name, q in filters.items() if name != facet]
            bucket = search.aggs.bucket(
                facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
            )
            bucket.bucket("values", "terms", field=facet_field(facet), size=500)
        sort = query.effective_sort()
        if sort == "name":
            search = search.sort(*NAME_ORDER)
        elif sort == "newest":
            search = search.sort({"published": {"order": "desc", "missing": "_last"}})
        else:
            search = search.sort("_score", {"title_length": "asc"}, *NAME_ORDER)
        search = search.source(excludes=["all_text"]).extra(
            from_=query.offset, size=query.page_size, track_total_hits=True
        )
        response = search.execute()
        facets = {}
        for facet in registry.facets():
            counts = {}
            for bucket in response.aggregations[facet]["values"]["buckets"]:
                counts[_bucket_value(bucket.to_dict())] = bucket["doc_count"]
            facets[facet] = {value: count for value, count in counts.items() if value and count}
        return SearchResults(
            count=response.hits.total.value,
            documents=[hit.to_dict() for hit in response.hits],
            facets=facets,
            matched=[list(getattr(hit.meta, "matched_queries", []) or []) for hit in response.hits],
        )

    def suggest(self, prefix, limit=8):
        words = text.normalize_query(prefix)
        if not words:
            return []
        if words.isascii() and words.isalpha():
            pattern = f"*{words}*"
            query = Q(
                "bool",
                should=[Q("wildcard", pinyin=pattern), Q("wildcard", initials=pattern)],
                minimum_should_match=1,
            )
        else:
            field = "title.chars" if text.needs_characters(words) else "title"
            query = Q("match", **{field: {"query": words, "operator": "and"}})
        search = (
            Search(using=self.client, index=self.alias)
            .query(query)
            .sort({"title_length": "asc"}, {"title.sort": "asc"})
            .source(excludes=["all_text"])
            .extra(size=limit)
        )
        return [hit.to_dict() for hit in search.execute().hits]


def _bucket_value(bucket):
    key = bucket.get("key_as_string", bucket["key"])
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


# -- background pushing (one pusher for every process: elastic_push) -------
def schedule_push():
    """Wake this process's pusher after a commit; returns at once. If another
    process holds the lease, that one sends the rows within POLL_SECONDS."""
    from search.engines import get_engine

    elastic_push.running_loop(get_engine).wake.set()


def wait_until_pushed(timeout=10):
    """For tests and commands: block until no row waits for Elasticsearch."""
    from search.engines import get_engine

    return elastic_push.wait_until_pushed(get_engine().cursor_name, timeout)
