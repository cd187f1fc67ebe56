"""The small in-memory segment of rows newer than the snapshot.

Its slots follow the snapshot's (slot = base size + position), so postings
of both segments concatenate into one sorted array. A document replaced
again in the delta leaves a dead slot behind; the snapshot is rewritten
long before that matters.
"""

from collections import defaultdict

import numpy as np

from .segment import (
    EMPTY,
    FAMILIES,
    document_tokens,
    facet_values,
    name_order_key,
    stored,
    timestamp,
)


class Delta:
    def __init__(self, start):
        self.start = start  # the first slot number of the delta
        self.documents = []  # position -> document (None once replaced)
        self.postings = {family: defaultdict(list) for family in FAMILIES}
        self.facets = defaultdict(lambda: defaultdict(list))
        self.title_length, self.published, self.names = [], [], []
        self._arrays = {}

    def __len__(self):
        return len(self.documents)

    def add(self, document):
        slot = self.start + len(self.documents)
        for family, tokens in document_tokens(document).items():
            for token in tokens:
                self.postings[family][token].append(slot)
        for facet, values in facet_values(document).items():
            for value in values:
                self.facets[facet][value].append(slot)
        self.documents.append(stored(document))
        self.title_length.append(document["title_length"])
        self.published.append(timestamp(document.get("published")))
        self.names.append(name_order_key(document))
        self._arrays.clear()
        return slot

    def remove(self, slot):
        self.documents[slot - self.start] = None

    def slots(self, family, token):
        found = self.postings[family].get(token)
        return np.array(found, dtype=np.intp) if found else EMPTY

    def facet_slots(self, facet, value):
        found = self.facets.get(facet, {}).get(value)
        return np.array(found, dtype=np.intp) if found else EMPTY

    def facet_counts(self, facet, mask):
        """{value: count} over the delta's slots set in the whole `mask`."""
        counts = {}
        for value, slots in self.facets.get(facet, {}).items():
            count = int(np.count_nonzero(mask[slots]))
            if count:
                counts[value] = count
        return counts

    def document(self, slot):
        return self.documents[slot - self.start]

    def pinyin_slots(self, letters):
        return [
            self.start + i
            for i, d in enumerate(self.documents)
            if d is not None and (letters in d["pinyin"] or letters in d["initials"])
        ]

    def name_ranks(self, base):
        """Ranks between the snapshot's: a delta name that sorts between base
        names p-1 and p gets a rank between theirs, in name order among the
        delta names that fall there too."""
        gaps = defaultdict(list)
        for i, name in enumerate(self.names):
            gaps[base.names_at_or_below(name)].append((name, i))
        ranks = np.zeros(len(self.names))
        for position, members in gaps.items():
            members.sort()
            for j, (_, i) in enumerate(members):
                ranks[i] = (position + (j + 1) / (len(members) + 1)) / (base.size + 1)
        return ranks
