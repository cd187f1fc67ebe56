"""One worker's view of the index: a snapshot segment, the delta of rows
written after it, and which slots are alive (an in-memory copy, since
replaced and removed documents are masked off the read-only snapshot)."""

import numpy as np

from .delta import Delta

MASKS_KEPT = 64  # 100 kB each at 100,000 slots


class View:
    def __init__(self, base, name=None):
        self.base = base
        self.name = name  # the snapshot's folder name (None: built in memory)
        self.delta = Delta(base.size)
        self.base_alive = np.ones(base.size, dtype=bool)
        self.alive = self.base_alive  # both segments' slots
        self.replaced = {}  # key -> (row id, slot or -1) for rows after the snapshot
        self.last_id = base.last_id
        self.last_lookback = 0.0  # 0: look back at once (late commits before the snapshot)
        self._forget()

    def _forget(self):
        """Drop what was worked out from the slots (they changed)."""
        self._numbers = self._tie_break = None
        self._masks = {}

    @property
    def size(self):
        return self.base.size + len(self.delta)

    def row_id(self, key):
        """The id of the row for `key` this view has applied (0 if none)."""
        known = self.replaced.get(key) or self.base.key_slots.get(key)
        return known[0] if known else 0

    def apply(self, rows):
        """Apply (id, key, deleted, data) rows; newer rows win per key."""
        for row_id, key, deleted, data in rows:
            previous = self.replaced.get(key) or self.base.key_slots.get(key)
            if previous and previous[0] >= row_id:
                continue
            if previous and previous[1] >= 0:
                if previous[1] < self.base.size:
                    self.base_alive[previous[1]] = False
                else:
                    self.delta.remove(previous[1])
            slot = -1 if deleted else self.delta.add(data)
            self.replaced[key] = (row_id, slot)
            self.last_id = max(self.last_id, row_id)
        delta_alive = np.array([d is not None for d in self.delta.documents], dtype=bool)
        self.alive = np.concatenate((self.base_alive, delta_alive))
        self._forget()

    # -- lookups over both segments -----------------------------------------
    def slots(self, family, token):
        base = self.base.slots(family, token)
        if not len(self.delta):
            return base
        more = self.delta.slots(family, token)
        return np.concatenate((base, more)) if len(more) else base

    def facet_slots(self, facet, value):
        base = self.base.facet_slots(facet, value)
        more = self.delta.facet_slots(facet, value) if len(self.delta) else ()
        return np.concatenate((base, more)) if len(more) else base

    def facet_counts(self, facet, mask, where, outside=False):
        """{value: count} over the slots in `mask`; `where`: its base slots
        (with `outside`: the base slots not in it)."""
        counts = self.base.facet_counts(facet, mask[: self.base.size], where, outside)
        for value, count in self.delta.facet_counts(facet, mask).items():
            counts[value] = counts.get(value, 0) + count
        return counts

    def filter_mask(self, facet, values):
        """The slots holding any of `values` of `facet`, as a mask: filters come
        from a small vocabulary, and building a mask over 100,000 slots costs
        more than the rest of a filter."""
        return self._mask(
            ("facet", facet, *values),
            lambda: np.concatenate([self.facet_slots(facet, value) for value in values]),
        )

    def token_mask(self, family, token):
        """The slots holding a common token, as a mask (see `_mask`)."""
        return self._mask((family, token), lambda: self.slots(family, token))

    def _mask(self, key, slots):
        """A mask of `slots()`, kept until the slots change (MASKS_KEPT at
        most): intersecting masks of common tokens and filters is one pass,
        where their slot arrays would take a binary search per slot."""
        mask = self._masks.get(key)
        if mask is None:
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            mask = np.zeros(self.size, dtype=bool)
            mask[slots()] = True
            mask.flags.writeable = False
            self._masks[key] = mask
        return mask

    def pinyin_slots(self, letters):
        base = self.base.pinyin_slots(letters)
        more = self.delta.pinyin_slots(letters) if len(self.delta) else ()
        return np.concatenate((base, np.array(more, dtype=np.intp))) if len(more) else base

    def document(self, slot):
        if slot < self.base.size:
            return self.base.document(slot)
        return self.delta.document(slot)

    @property
    def numbers(self):
        """(title length, publication time, name rank) per slot of both segments."""
        if self._numbers is None:
            base = self.base
            if not len(self.delta):
                self._numbers = (base.title_length, base.published, base.name_rank)
            else:
                delta = self.delta
                self._numbers = (
                    np.concatenate((base.title_length, delta.title_length)),
                    np.concatenate((base.published, delta.published)),
                    np.concatenate((base.name_rank, delta.name_ranks(base))),
                )
        return self._numbers

    @property
    def tie_break(self):
        """Among equal scores, shorter titles first, then by name."""
        if self._tie_break is None:
            title_length, _, name_rank = self.numbers
            self._tie_break = title_length * 1e6 + name_rank * 1e5
        return self._tie_break
