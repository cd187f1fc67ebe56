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
    token makes the others cheap."""
    if not arrays:
        return EMPTY
    arrays = sorted(arrays, key=len)
    found = np.asarray(arrays[0])
    for other in arrays[1:]:
        if not len(found):
            break
        found = found[member(other, found)]
    return found


def member(slots, wanted):
    """For each of `wanted`, whether the sorted `slots` hold it: a binary
    search each when they are few, else one pass through a mask (a common
    token holds most of the documents, and 100,000 binary searches cost ten
    times the mask)."""
    if not len(slots):
        return np.zeros(len(wanted), dtype=bool)
    if len(wanted) * 16 < len(slots):
        at = np.searchsorted(slots, wanted)
        at[at == len(slots)] = 0
        return slots[at] == wanted
    mask = np.zeros(int(max(slots[-1], wanted.max() if len(wanted) else 0)) + 1, dtype=bool)
    mask[slots] = True
    return mask[wanted]


def holds(slots, wanted):
    return member(slots, wanted).tolist()


class Searcher:
    def __init__(self, view):
        self.view = view
        self.size = view.size

    def _mask_of(self, slots):
        mask = np.zeros(self.size, dtype=bool)
        mask[slots] = True
        return mask

    def _hits(self, family, tokens):
        """Sorted slots holding every token: the rare tokens' slots
        intersected, then checked against the common tokens' masks."""
        if not tokens:
            return EMPTY
        arrays = [self.view.slots(family, t) for t in tokens]
        rare, common = [], []
        for token, slots in zip(tokens, arrays, strict=True):
            if len(slots) > self.size // 16:
                common.append(token)
            else:
                rare.append(slots)
        if len(common) < 2:
            return intersect(arrays)
        masks = [self.view.token_mask(family, t) for t in common]
        if rare:
            found = intersect(rare)
            for mask in masks:
                found = found[mask[found]]
            return found
        joined = np.logical_and.reduce(masks) if len(masks) > 1 else masks[0]
        return np.flatnonzero(joined)

    def _alternative(self, alternative):
        """(in title, in text) slots of one way to find a query word."""
        if alternative.kind == "identifier":
            return None, self._hits("identifiers", [alternative.value])
        if alternative.kind == "pinyin":
            found = self.view.pinyin_slots(alternative.value)
            return found, found
        value = alternative.value
        if text.needs_characters(value):
            tokens = list(dict.fromkeys(text.characters(value)))
            return self._hits("title_chars", tokens), self._hits("text_chars", tokens)
        tokens = list(dict.fromkeys(text.bigrams(value)))
        return self._hits("title", tokens), self._hits("text", tokens)

    def _union(self, arrays):
        arrays = [a for a in arrays if len(a)]
        if len(arrays) <= 1:
            return arrays[0] if arrays else EMPTY
        if sum(map(len, arrays)) < self.size // 64:
            joined = np.sort(np.concatenate(arrays))
            return joined[np.r_[True, joined[1:] != joined[:-1]]]
        return np.flatnonzero(self._mask_of(np.concatenate(arrays)))

    def _counts(self, arrays):
        """How many of `arrays` hold each slot."""
        joined = np.concatenate(arrays) if arrays else EMPTY
        return np.bincount(joined, minlength=self.size)

    def _match(self, query):
        """(found, score, what matched) as search.analysis describes: each
        query word is a sorted array of slots, counted with bincount, so the
        cost hardly grows with the number of words."""
        alive, size = self.view.alive, self.size
        if not query.normalized:
            return alive.copy(), np.zeros(size, dtype=np.int64), None
        plan = query.plan
        by_id = self._hits("identifiers", [plan.identifier]) if plan.identifier else EMPTY
        in_titles, in_texts, required, named = [], [], [], []
        for i, clause in enumerate(plan.clauses):
            titles, texts = [], []
            for j, alternative in enumerate(clause.alternatives):
                in_title, in_text = self._alternative(alternative)
                named.append((f"c{i}.{j}", in_title, in_text))
                if in_title is not None:
                    titles.append(in_title)
                texts.append(in_text)
            in_titles.append(self._union(titles))
            in_texts.append(self._union(texts))
            if clause.required:
                required.append(in_texts[-1])
        candidates = self._candidates(required, plan.minimum, by_id)
        if candidates is not None:
            found, score = self._score_few(candidates, plan, by_id, in_titles, in_texts, required)
        else:
            count = self._counts(in_texts)
            score = SCORE_TITLE * self._counts(in_titles) + SCORE_TEXT * count
            score[by_id] += SCORE_ID
            found = self._mask_of(by_id)
            if plan.clauses:
                score += SCORE_ALL * (count == len(plan.clauses))
                # Every word required (the usual case): their counts are `count`.
                every = len(required) == len(in_texts)
                found |= (count if every else self._counts(required)) >= plan.minimum
        return found & alive, score, (by_id, named)

    def _candidates(self, required, minimum, by_id):
        """The only slots that can be found, when they are few: a slot in
        `minimum` of the required words' arrays is in one of the
        len(required) - minimum + 1 smallest. None: score every slot."""
        if minimum < 1 or not required:
            return None
        smallest = sorted(required, key=len)[: len(required) - minimum + 1]
        if sum(map(len, smallest)) > self.size // 8:
            return None
        return self._union([*smallest, by_id])

    def _score_few(self, candidates, plan, by_id, in_titles, in_texts, required):
        """`_match`'s found and score, worked out for `candidates` only."""

        def times(arrays):
            return sum((member(a, candidates) for a in arrays), np.zeros(len(candidates), int))

        count, identified = times(in_texts), member(by_id, candidates)
        local = SCORE_TITLE * times(in_titles) + SCORE_TEXT * count + SCORE_ID * identified
        local += SCORE_ALL * (count == len(plan.clauses))
        score = np.zeros(self.size, dtype=local.dtype)
        score[candidates] = local
        found = identified | (times(required) >= plan.minimum)
        return self._mask_of(candidates[found]), score

    @staticmethod
    def _matched(page, matches):
        """What matched, for each slot of the page (see SearchResults.matched)."""
        if matches is None:
            return [[] for _ in page]
        by_id, named = matches
        by_id = holds(by_id, page)
        columns = [
            (name, None if in_title is None else holds(in_title, page), holds(in_text, page))
            for name, in_title, in_text in named
        ]
        out = []
        for row in range(len(page)):
            names = ["id"] if by_id[row] else []
            for name, in_title, in_text in columns:
                if in_title is not None and in_title[row]:
                    names.append(f"{name}.t")
                elif in_text[row]:
                    names.append(f"{name}.x")
            out.append(names)
        return out

    def search(self, query):
        view = self.view
        matched, score, matches = self._match(query)
        filters = {
            facet: view.filter_mask(facet, values) for facet, values in query.filters.items()
        }
        selected = matched.copy()
        for mask in filters.values():
            selected &= mask
        facets, counted = {}, {}
        for facet in registry.facets():
            # Each facet counts as if its own filter were off, so choices stay visible.
            others = tuple(other for other in filters if other != facet)
            if others not in counted:  # without filters every facet counts the same slots
                base = matched
                for other in others:
                    base = base & filters[other]
                counted[others] = (base, *self._where(base[: view.base.size]))
            facets[facet] = view.facet_counts(facet, *counted[others])
        slots = np.flatnonzero(selected)
        page = self._page(slots, score, query)
        return SearchResults(
            count=len(slots),
            documents=[view.document(s) for s in page],
            facets=facets,
            matched=self._matched(page, matches),
        )

    @staticmethod
    def _where(mask):
        """(the slots set in `mask`, False), or when most are set the others, True."""
        if np.count_nonzero(mask) > len(mask) // 2:
            return np.flatnonzero(~mask), True
        return np.flatnonzero(mask), False

    def _page(self, slots, score, query):
        _, published, name_rank = self.view.numbers
        sort = query.effective_sort()
        if sort == "name":
            keys = name_rank[slots]
        elif sort == "newest":
            keys = -published[slots]
        else:
            keys = (10000 - score[slots]) * 1e10 + self.view.tie_break[slots]
        end = query.offset + query.page_size
        if query.offset >= len(slots):
            return slots[:0]
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
        slots = self._hits(family, list(dict.fromkeys(tokens)))
        slots = slots[self.view.alive[slots]]
        return self._shortest(slots, limit)

    def _suggest_pinyin(self, letters, limit):
        """Full pinyin (ruxian) or initials (rx) anywhere in a title."""
        slots = self.view.pinyin_slots(letters)
        return self._shortest(slots[self.view.alive[slots]][: limit * 4], limit)

    def _shortest(self, slots, limit):
        title_length = self.view.numbers[0]
        best = slots[np.argsort(title_length[slots], kind="stable")[:limit]]
        return [self.view.document(s) for s in best]
