"""Answering a query plan (search/analysis.py) from a View with vector
operations: posting arrays are intersected smallest first, then turned into
one boolean mask per query word; filters are masks, facet counts bincounts."""

import re

import numpy as np

from search import registry, text
from search.analysis import SCORE_ALL, SCORE_ID, SCORE_TEXT, SCORE_TITLE
from search.query import SearchResults

from .segment import EMPTY


def intersect(arrays):
    """Slots in every one of the sorted `arrays`, smallest first, so a rare
    token makes the others cheap (one binary search per candidate)."""
    if not arrays:
        return EMPTY
    arrays = sorted(arrays, key=len)
    found = np.asarray(arrays[0])
    for other in arrays[1:]:
        if not len(found):
            break
        at = np.searchsorted(other, found)
        at[at == len(other)] = 0
        found = found[other[at] == found] if len(other) else EMPTY
    return found


class Searcher:
    def __init__(self, view):
        self.view = view
        self.size = view.size

    def _mask_of(self, slots):
        mask = np.zeros(self.size, dtype=bool)
        mask[slots] = True
        return mask

    def _mask(self, family, tokens):
        """Slots holding every token."""
        if not tokens:
            return np.zeros(self.size, dtype=bool)
        return self._mask_of(intersect([self.view.slots(family, t) for t in tokens]))

    def _alternative(self, alternative):
        """(in title, in text) masks of one way to find a query word."""
        if alternative.kind == "identifier":
            return None, self._mask("identifiers", [alternative.value])
        if alternative.kind == "pinyin":
            mask = self._mask_of(self.view.pinyin_slots(alternative.value))
            return mask, mask
        value = alternative.value
        if text.needs_characters(value):
            tokens = list(dict.fromkeys(text.characters(value)))
            return self._mask("title_chars", tokens), self._mask("text_chars", tokens)
        tokens = list(dict.fromkeys(text.bigrams(value)))
        return self._mask("title", tokens), self._mask("text", tokens)

    def _match(self, query):
        """(found, score, what matched) as search.analysis describes."""
        alive, size = self.view.alive, self.size
        if not query.normalized:
            return alive.copy(), np.zeros(size), None
        plan = query.plan
        if plan.identifier:
            by_id = self._mask("identifiers", [plan.identifier])
        else:
            by_id = np.zeros(size, dtype=bool)
        score = SCORE_ID * by_id.astype(np.float64)
        count = np.zeros(size, dtype=np.int32)
        required = np.zeros(size, dtype=np.int32)
        named = []
        for i, clause in enumerate(plan.clauses):
            any_title = np.zeros(size, dtype=bool)
            any_text = np.zeros(size, dtype=bool)
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

    def search(self, query):
        view = self.view
        matched, score, matches = self._match(query)
        filters = {
            facet: self._mask_of(np.concatenate([view.facet_slots(facet, v) for v in values]))
            for facet, values in query.filters.items()
        }
        selected = matched.copy()
        for mask in filters.values():
            selected &= mask
        facets = {}
        for facet in registry.facets():
            # Each facet counts as if its own filter were off, so choices stay visible.
            base = matched
            for other, mask in filters.items():
                if other != facet:
                    base = base & mask
            facets[facet] = view.facet_counts(facet, base)
        slots = np.flatnonzero(selected)
        page = self._page(slots, score, query)
        return SearchResults(
            count=len(slots),
            documents=[view.document(s) for s in page],
            facets=facets,
            matched=[self._matched(s, matches) for s in page],
        )

    def _page(self, slots, score, query):
        title_length, published, name_rank = self.view.numbers
        sort = query.effective_sort()
        if sort == "name":
            keys = name_rank[slots]
        elif sort == "newest":
            keys = -published[slots]
        else:
            keys = (
                (10000 - score[slots]) * 1e10 + title_length[slots] * 1e6 + name_rank[slots] * 1e5
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

    def suggest(self, prefix, limit):
        words = text.normalize_query(prefix)
        if re.fullmatch(r"[a-z]+", words):
            return self._suggest_pinyin(words, limit)
        tokens = text.characters(words) if text.needs_characters(words) else text.bigrams(words)
        if not tokens:
            return []
        family = "title_chars" if text.needs_characters(words) else "title"
        slots = np.flatnonzero(self._mask(family, list(dict.fromkeys(tokens))) & self.view.alive)
        return self._shortest(slots, limit)

    def _suggest_pinyin(self, letters, limit):
        """Full pinyin (ruxian) or initials (rx) anywhere in a title."""
        slots = self.view.pinyin_slots(letters)
        return self._shortest(slots[self.view.alive[slots]][: limit * 4], limit)

    def _shortest(self, slots, limit):
        title_length = self.view.numbers[0]
        best = slots[np.argsort(title_length[slots], kind="stable")[:limit]]
        return [self.view.document(s) for s in best]
