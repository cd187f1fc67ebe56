"""The embedded engine: an in-memory inverted index over SearchDocument rows.

Every process keeps bigram postings as numpy arrays and answers a query with
a few vector operations: a boolean mask per word, masks per filter, and
counts per facet value. It catches up with other processes by reading the
SearchDocument rows written since it last looked (one indexed query), so a
publish shows up in every worker on its next search.
"""

import bisect
import re
import threading
import time
from collections import defaultdict

import numpy as np
from django.db import connection
from django.db.models import Max

from search import registry, text
from search.analysis import SCORE_ALL, SCORE_ID, SCORE_TEXT, SCORE_TITLE
from search.models import SearchDocument
from search.query import SearchResults

# On PostgreSQL ids can commit out of order; re-read this many recent rows
# once a second so a late commit is never missed.
LOOKBACK_ROWS = 500
LOOKBACK_SECONDS = 1.0
EMPTY = np.zeros(0, dtype=np.int32)


def facet_values(document):
    """{facet: [values]} of a document, as the filters name them."""
    return {"kind": [document["kind"]], **document.get("facets", {})}


def letter_pairs(letters):
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


class Postings:
    """token -> sorted int32 array of slots; new slots are buffered, then merged."""

    def __init__(self):
        self.arrays = {}
        self.pending = defaultdict(list)

    def add(self, tokens, slot):
        for token in tokens:
            self.pending[token].append(slot)

    def merge(self):
        for token, slots in self.pending.items():
            new = np.fromiter(slots, dtype=np.int32, count=len(slots))
            old = self.arrays.get(token)
            self.arrays[token] = new if old is None else np.concatenate((old, new))
        self.pending.clear()

    def get(self, token):
        return self.arrays.get(token, EMPTY)


class EmbeddedIndex:
    def __init__(self):
        self.documents = []  # slot -> document (None once superseded)
        self.alive = np.zeros(1024, dtype=bool)
        self.title_length = np.zeros(1024, dtype=np.float64)
        self.published = np.zeros(1024, dtype=np.float64)
        self.name_rank = np.zeros(1024, dtype=np.float64)
        self.text = Postings()  # bigrams of all_text
        self.text_chars = Postings()  # single characters of all_text
        self.title = Postings()
        self.title_chars = Postings()
        self.identifiers = Postings()
        self.pinyin = Postings()  # letter pairs of titles' pinyin and initials
        self.facets = defaultdict(Postings)  # facet -> value -> slots
        self.slot_of = {}  # key -> (row id, slot)
        self.sorted_titles, self.sorted_ranks = [], []
        self.last_id = 0
        self.last_lookback = 0.0
        self._suggest_blob = None

    @property
    def size(self):
        return len(self.documents)

    def _grow(self, needed):
        if needed <= len(self.alive):
            return
        capacity = max(needed, 2 * len(self.alive))
        for name in ("alive", "title_length", "published", "name_rank"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def apply(self, rows):
        """Apply (id, key, deleted, data) rows; newer rows win per key."""
        changed = False
        for row_id, key, deleted, data in rows:
            previous = self.slot_of.get(key)
            if previous and previous[0] >= row_id:
                continue
            if previous and previous[1] >= 0:
                self.alive[previous[1]] = False
                self.documents[previous[1]] = None
            if deleted:
                self.slot_of[key] = (row_id, -1)
            else:
                self.slot_of[key] = (row_id, self._add(data))
            self.last_id = max(self.last_id, row_id)
            changed = True
        if changed:
            for postings in (self.text, self.text_chars, self.title, self.title_chars):
                postings.merge()
            self.identifiers.merge()
            self.pinyin.merge()
            for postings in self.facets.values():
                postings.merge()
            self._suggest_blob = None
        return changed

    def _add(self, document):
        slot = self.size
        self._grow(slot + 1)
        self.documents.append(document)
        self.alive[slot] = True
        all_text = text.fold(document.pop("all_text"))  # only needed for the postings
        title = text.fold(document["title"])
        self.text.add(set(text.bigrams(all_text)), slot)
        self.text_chars.add(set(text.characters(all_text)), slot)
        self.title.add(set(text.bigrams(title)), slot)
        self.title_chars.add(set(text.characters(title)), slot)
        self.identifiers.add(document["id_terms"], slot)
        self.pinyin.add(letter_pairs(document["pinyin"]) | letter_pairs(document["initials"]), slot)
        for facet, values in facet_values(document).items():
            self.facets[facet].add(values, slot)
        self.title_length[slot] = document["title_length"]
        published = document.get("published")
        self.published[slot] = _timestamp(published) if published else 0.0
        self.name_rank[slot] = self._rank_for(document["title"])
        return slot

    def _rank_for(self, title):
        """A float that orders titles: between its sorted neighbours' ranks."""
        position = bisect.bisect_right(self.sorted_titles, title)
        below = self.sorted_ranks[position - 1] if position else 0.0
        above = self.sorted_ranks[position] if position < len(self.sorted_ranks) else 1.0
        rank = (below + above) / 2
        self.sorted_titles.insert(position, title)
        self.sorted_ranks.insert(position, rank)
        return rank

    def load_all(self, rows):
        """Initial load: sort titles once, so ranks are evenly spread."""
        rows = sorted(rows, key=lambda row: row[0])
        titles = sorted(row[3]["title"] for row in rows if not row[2])
        self.sorted_titles = titles
        self.sorted_ranks = [(i + 0.5) / (len(titles) + 1) for i in range(len(titles))]
        positions = {}
        for i, title in enumerate(titles):
            positions.setdefault(title, i)
        saved = self._rank_for
        self._rank_for = lambda title: self.sorted_ranks[positions[title]]
        try:
            self.apply(rows)
        finally:
            self._rank_for = saved


def _timestamp(iso):
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


class EmbeddedEngine:
    name = "embedded"

    def __init__(self):
        self.index = EmbeddedIndex()
        self.lock = threading.Lock()
        self.loaded_for = None

    # -- catching up with the database ------------------------------------
    def refresh(self):
        with self.lock:
            index = self.index
            database = (connection.vendor, connection.settings_dict.get("NAME"))
            latest = SearchDocument.objects.aggregate(latest=Max("id"))["latest"] or 0
            superseded = index.size > 1000 and index.size > 2 * len(index.slot_of)
            if self.loaded_for != database or latest < index.last_id or superseded:
                self._reload(database)
                return
            now = time.monotonic()
            lookback = connection.vendor != "sqlite" and now - index.last_lookback > (
                LOOKBACK_SECONDS
            )
            if latest == index.last_id and not lookback:
                return
            since = index.last_id - LOOKBACK_ROWS if lookback else index.last_id
            if lookback:
                index.last_lookback = now
            fresh = [
                row_id
                for row_id, key in SearchDocument.objects.filter(id__gt=since).values_list(
                    "id", "key"
                )
                if index.slot_of.get(key, (0,))[0] < row_id
            ]
            if fresh:
                index.apply(
                    SearchDocument.objects.filter(id__in=fresh)
                    .order_by("id")
                    .values_list("id", "key", "deleted", "data")
                )

    def _reload(self, database):
        self.index = EmbeddedIndex()
        self.index.load_all(SearchDocument.objects.values_list("id", "key", "deleted", "data"))
        self.index.last_lookback = time.monotonic()
        self.loaded_for = database

    def reset(self):
        """Forget everything; the next query reloads from the database."""
        with self.lock:
            self.loaded_for = None

    # -- answering ---------------------------------------------------------
    def _mask(self, postings, tokens):
        """Slots holding every token."""
        index = self.index
        mask = None
        for token in tokens:
            hit = np.zeros(index.size, dtype=bool)
            hit[postings.get(token)] = True
            mask = hit if mask is None else mask & hit
        return mask if mask is not None else np.zeros(index.size, dtype=bool)

    def _alternative(self, alternative):
        """(in title, in text) masks of one way to find a query word."""
        index = self.index
        if alternative.kind == "identifier":
            return None, self._mask(index.identifiers, [alternative.value])
        if alternative.kind == "pinyin":
            mask = self._pinyin(alternative.value)
            return mask, mask
        value = alternative.value
        if text.needs_characters(value):
            tokens = list(dict.fromkeys(text.characters(value)))
            return self._mask(index.title_chars, tokens), self._mask(index.text_chars, tokens)
        tokens = list(dict.fromkeys(text.bigrams(value)))
        return self._mask(index.title, tokens), self._mask(index.text, tokens)

    def _pinyin(self, letters):
        """Titles whose full pinyin or initials contain `letters`: candidates
        from letter pairs, then checked."""
        index = self.index
        candidates = self._mask(index.pinyin, sorted(letter_pairs(letters)))
        mask = np.zeros(index.size, dtype=bool)
        for slot in np.flatnonzero(candidates & index.alive[: index.size]):
            document = index.documents[slot]
            if letters in document["pinyin"] or letters in document["initials"]:
                mask[slot] = True
        return mask

    def _match(self, query):
        """(found, score, what matched) as search.analysis describes."""
        index = self.index
        alive = index.alive[: index.size]
        if not query.normalized:
            return alive.copy(), np.zeros(index.size), None
        plan = query.plan
        by_id = (
            self._mask(index.identifiers, [plan.identifier])
            if plan.identifier
            else np.zeros(index.size, dtype=bool)
        )
        score = SCORE_ID * by_id.astype(np.float64)
        count = np.zeros(index.size, dtype=np.int32)
        required = np.zeros(index.size, dtype=np.int32)
        named = []
        for i, clause in enumerate(plan.clauses):
            any_title = np.zeros(index.size, dtype=bool)
            any_text = np.zeros(index.size, dtype=bool)
            for j, alternative in enumerate(clause.alternatives):
                in_title, in_text = self._alternative(alternative)
                named.append((f"c{i}.{j}", in_title, in_text))
                if in_title is not None:
                    any_title |= in_title
                any_text |= in_text
            count += any_text
            if clause.required:
                required += any_text
            score += SCORE_TITLE * any_title + SCORE_TEXT * any_text
        found = by_id.copy()
        if plan.clauses:
            score += SCORE_ALL * (count == len(plan.clauses))
            found |= required >= plan.minimum
        return found & alive, score, (by_id, named)

    @staticmethod
    def _matched(slot, matches):
        if matches is None:
            return []
        by_id, named = matches
        names = ["id"] if by_id[slot] else []
        for name, in_title, in_text in named:
            if in_title is not None and in_title[slot]:
                names.append(f"{name}.t")
            elif in_text[slot]:
                names.append(f"{name}.x")
        return names

    def _filter_mask(self, facet, values):
        mask = np.zeros(self.index.size, dtype=bool)
        for value in values:
            mask[self.index.facets[facet].get(value)] = True
        return mask

    def search(self, query):
        self.refresh()
        index = self.index
        matched, score, matches = self._match(query)
        filters = {f: self._filter_mask(f, vs) for f, vs in query.filters.items()}
        selected = matched.copy()
        for mask in filters.values():
            selected &= mask
        facets = {}
        for facet in registry.facets():
            postings = index.facets[facet]
            # Each facet counts as if its own filter were off, so choices stay visible.
            base = matched.copy()
            for other, mask in filters.items():
                if other != facet:
                    base &= mask
            counts = {}
            for value, slots in postings.arrays.items():
                count = int(np.count_nonzero(base[slots]))
                if count:
                    counts[value] = count
            facets[facet] = counts
        slots = np.flatnonzero(selected)
        page = self._page(slots, score, query)
        return SearchResults(
            count=len(slots),
            documents=[index.documents[s] for s in page],
            facets=facets,
            matched=[self._matched(s, matches) for s in page],
        )

    def _page(self, slots, score, query):
        index = self.index
        sort = query.effective_sort()
        if sort == "name":
            keys = index.name_rank[slots]
        elif sort == "newest":
            keys = -index.published[slots]
        else:
            keys = (
                (10000 - score[slots]) * 1e10
                + index.title_length[slots] * 1e6
                + index.name_rank[slots] * 1e5
            )
        end = query.offset + query.page_size
        if query.offset >= len(slots):
            return []
        if end < len(slots):
            top = np.argpartition(keys, end - 1)[:end]
            order = top[np.argsort(keys[top], kind="stable")]
        else:
            order = np.argsort(keys, kind="stable")
        return slots[order[query.offset : end]]

    def suggest(self, prefix, limit=8):
        self.refresh()
        index = self.index
        words = text.normalize_query(prefix)
        if re.fullmatch(r"[a-z]+", words):
            return self._suggest_pinyin(words, limit)
        tokens = text.characters(words) if text.needs_characters(words) else text.bigrams(words)
        if not tokens:
            return []
        postings = index.title_chars if text.needs_characters(words) else index.title
        mask = self._mask(postings, list(dict.fromkeys(tokens))) & index.alive[: index.size]
        slots = np.flatnonzero(mask)
        best = slots[np.argsort(index.title_length[slots], kind="stable")[:limit]]
        return [index.documents[s] for s in best]

    def _suggest_pinyin(self, letters, limit):
        """Full pinyin (ruxian) or initials (rx) anywhere in a title."""
        index = self.index
        if index._suggest_blob is None:
            slots = [s for _, s in index.slot_of.values() if s >= 0]
            documents = [index.documents[s] for s in slots]
            lines = [f"{d['pinyin']}\t{d['initials']}" for d in documents]
            offsets = np.cumsum([0] + [len(line) + 1 for line in lines])
            index._suggest_blob = ("\n".join(lines), offsets, slots)
        blob, offsets, slots = index._suggest_blob
        found = []
        for match in re.finditer(re.escape(letters), blob):
            slot = slots[int(np.searchsorted(offsets, match.start(), side="right")) - 1]
            if slot not in found:
                found.append(slot)
            if len(found) >= limit * 4:
                break
        found.sort(key=lambda s: index.title_length[s])
        return [index.documents[s] for s in found[:limit]]
