"""An immutable index segment: what the embedded engine knows about the
SearchDocument rows up to one id, as a handful of flat numpy arrays.

- Postings (one family per field: bigrams and single characters of the text
  and of the title, identifier keys) in CSR form: a sorted array of 64-bit
  token hashes, offsets into one concatenated array of slots (64-bit: numpy
  indexes with nothing else directly, and converting 32-bit slots costs more
  than the lookup they serve). Looking a token up is one binary search; no
  per-token Python objects exist, so a segment opened from disk with mmap
  costs almost nothing until it is read, and every worker shares the same
  pages.
- Per-slot numbers (title length, publication time, rank in name order).
- Documents as one blob with offsets, decoded only for the page shown
  (marshal: twice as fast to decode as JSON; snapshots name their Python);
  titles' pinyin and initials as one blob, with where each pair of letters is.
- Facets: per facet its values and their slots, counted with bincount.

`SegmentBuilder` makes one from rows; `Segment` answers from the arrays,
wherever they live (memory or a snapshot on disk, see snapshot.py).
"""

import bisect
import hashlib
import marshal
from array import array
from collections import defaultdict
from datetime import datetime
from functools import cached_property, lru_cache

import numpy as np

from search import text
from search.documents import name_sort

FAMILIES = ("text", "text_chars", "title", "title_chars", "identifiers")
EMPTY = np.zeros(0, dtype=np.intp)
PAIRS = 256 * 256  # pairs of bytes in the pinyin blob
PINYIN_SEPARATOR, SLOT_SEPARATOR = b"\t", b"\n"  # never part of a pinyin query


def stable_hash(token):
    """A stable 64-bit hash (Python's own hash changes per process)."""
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")


token_hash = lru_cache(maxsize=65536)(stable_hash)  # query tokens repeat


def document_tokens(document):
    """family -> set of tokens of one document."""
    all_text = text.fold(document.get("all_text", ""))
    title = text.fold(document["title"])
    return {
        "text": set(text.bigrams(all_text)),
        "text_chars": set(text.characters(all_text)),
        "title": set(text.bigrams(title)),
        "title_chars": set(text.characters(title)),
        "identifiers": set(document["id_terms"]),
    }


def facet_values(document):
    """{facet: [values]} of a document, as the filters name them."""
    return {"kind": [document["kind"]], **document.get("facets", {})}


def name_order_key(document):
    """Name order: the title's pinyin, then the title (as `core.ordering`)."""
    return (document.get("name_sort") or name_sort(document["title"])) + "\0" + document["title"]


def timestamp(iso):
    return datetime.fromisoformat(iso).timestamp() if iso else 0.0


def stored(document):
    """What a search answers with: the document without its indexed text."""
    return {k: v for k, v in document.items() if k != "all_text"}


def pinyin_line(document):
    return f"{document['pinyin']}\t{document['initials']}\n".encode()


class SegmentDamaged(Exception):
    """A snapshot's arrays turned out not to be what was written."""


class _PostingsBuilder:
    """token -> slots, gathered compactly (token ids in an int32 array)."""

    def __init__(self):
        self.ids = {}
        self.token_ids = array("i")
        self.slots = array("i")

    def add(self, tokens, slot):
        ids = self.ids
        for token in tokens:
            token_id = ids.get(token)
            if token_id is None:
                token_id = ids[token] = len(ids)
            self.token_ids.append(token_id)
            self.slots.append(slot)

    def finish(self, order_of_tokens):
        """(offsets, slots) with tokens in `order_of_tokens` (a permutation of ids)."""
        position = np.empty(len(self.ids), dtype=np.int64)
        position[order_of_tokens] = np.arange(len(self.ids))
        keys = position[np.frombuffer(self.token_ids, dtype=np.int32)]
        order = np.argsort(keys, kind="stable")  # slots stay ascending per token
        slots = np.frombuffer(self.slots, dtype=np.int32)[order].astype(np.intp)
        counts = np.bincount(keys, minlength=len(self.ids))
        offsets = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return offsets, slots


class SegmentBuilder:
    def __init__(self):
        self.postings = {family: _PostingsBuilder() for family in FAMILIES}
        self.facets = defaultdict(_PostingsBuilder)
        self.documents, self.document_ends = bytearray(), array("q")
        self.pinyin, self.pinyin_ends = bytearray(), array("q")
        self.title_length, self.published = array("d"), array("d")
        self.names = []
        self.keys, self.row_ids, self.key_slots = [], array("q"), array("i")
        self.last_id = 0

    def add(self, row_id, key, deleted, document):
        self.last_id = max(self.last_id, row_id)
        self.keys.append(key)
        self.row_ids.append(row_id)
        if deleted:
            self.key_slots.append(-1)
            return
        slot = len(self.title_length)
        self.key_slots.append(slot)
        for family, tokens in document_tokens(document).items():
            self.postings[family].add(tokens, slot)
        for facet, values in facet_values(document).items():
            self.facets[facet].add(values, slot)
        self.documents += marshal.dumps(stored(document))
        self.document_ends.append(len(self.documents))
        self.pinyin += pinyin_line(document)
        self.pinyin_ends.append(len(self.pinyin))
        self.title_length.append(document["title_length"])
        self.published.append(timestamp(document.get("published")))
        self.names.append(name_order_key(document))

    def finish(self):
        """(arrays, meta) of the segment."""
        size = len(self.title_length)
        arrays = {}
        for family, builder in self.postings.items():
            tokens = list(builder.ids)  # in id order
            hashes = np.fromiter(map(stable_hash, tokens), dtype=np.uint64, count=len(tokens))
            order = np.argsort(hashes, kind="stable")
            offsets, slots = builder.finish(order)
            arrays.update({f"{family}.hashes": hashes[order], f"{family}.offsets": offsets})
            arrays[f"{family}.slots"] = slots
        facets = {}
        for number, (facet, builder) in enumerate(self.facets.items()):
            values = list(builder.ids)
            offsets, slots = builder.finish(np.arange(len(values)))
            arrays[f"facet{number}.offsets"], arrays[f"facet{number}.slots"] = offsets, slots
            facets[facet] = {"number": number, "values": values}
        names_order = sorted(range(size), key=self.names.__getitem__)
        rank = np.empty(size, dtype=np.float64)
        rank[names_order] = (np.arange(size) + 1.0) / (size + 1)
        sorted_names = "\n".join(self.names[i] for i in names_order).encode()
        arrays.update(
            {
                "documents": np.frombuffer(self.documents, dtype=np.uint8),
                "document_offsets": _offsets(self.document_ends),
                "pinyin": np.frombuffer(self.pinyin, dtype=np.uint8),
                "pinyin_offsets": _offsets(self.pinyin_ends),
                "title_length": np.frombuffer(self.title_length, dtype=np.float64),
                "published": np.frombuffer(self.published, dtype=np.float64),
                "name_rank": rank,
                "sorted_names": np.frombuffer(sorted_names, dtype=np.uint8),
                "keys": np.frombuffer("\n".join(self.keys).encode(), dtype=np.uint8),
                "row_ids": np.frombuffer(self.row_ids, dtype=np.int64),
                "key_slots": np.frombuffer(self.key_slots, dtype=np.int32),
            }
        )
        arrays["pinyin_pair_offsets"], arrays["pinyin_pair_places"] = _pair_places(arrays["pinyin"])
        meta = {"size": size, "last_id": self.last_id, "facets": facets}
        return arrays, meta


def _pair_codes(blob):
    return blob[:-1].astype(np.int32) * 256 + blob[1:]


def _pair_places(blob):
    """Where each pair of adjacent bytes of the pinyin blob starts, grouped by
    pair (ascending within each): a pinyin query looks up its rarest pair
    instead of scanning the whole blob."""
    codes = _pair_codes(blob) if len(blob) > 1 else np.zeros(0, dtype=np.int32)
    places = np.argsort(codes, kind="stable").astype(np.int32)
    offsets = np.zeros(PAIRS + 1, dtype=np.int64)
    np.cumsum(np.bincount(codes, minlength=PAIRS), out=offsets[1:])
    return offsets, places


def _offsets(ends):
    return np.concatenate(([0], np.frombuffer(ends, dtype=np.int64))).astype(np.int64)


class Segment:
    """Answers from a segment's arrays (read-only, possibly memory-mapped)."""

    def __init__(self, arrays, meta):
        self.arrays, self.meta = arrays, meta
        self.size, self.last_id = meta["size"], meta["last_id"]
        self.title_length = arrays["title_length"]
        self.published = arrays["published"]
        self.name_rank = arrays["name_rank"]
        self.check()

    def check(self):
        """Refuse arrays that do not fit together (a damaged snapshot)."""
        a, size = self.arrays, self.size
        ok = all(
            len(a[f"{f}.offsets"]) == len(a[f"{f}.hashes"]) + 1
            and int(a[f"{f}.offsets"][-1]) == len(a[f"{f}.slots"])
            for f in FAMILIES
        )
        ok &= all(len(a[name]) == size for name in ("title_length", "published", "name_rank"))
        ok &= len(a["document_offsets"]) == len(a["pinyin_offsets"]) == size + 1
        ok &= int(a["document_offsets"][-1]) == len(a["documents"])
        ok &= int(a["pinyin_offsets"][-1]) == len(a["pinyin"])
        ok &= len(a["pinyin_pair_offsets"]) == PAIRS + 1
        ok &= int(a["pinyin_pair_offsets"][-1]) == len(a["pinyin_pair_places"])
        ok &= len(a["row_ids"]) == len(a["key_slots"])
        if not ok:
            raise SegmentDamaged("arrays do not fit together")

    def slots(self, family, token):
        """Sorted slots holding `token` (a view, no copy)."""
        hashes = self.arrays[f"{family}.hashes"]
        wanted = np.uint64(token_hash(token))
        i = int(np.searchsorted(hashes, wanted))
        if i == len(hashes) or hashes[i] != wanted:
            return EMPTY
        offsets = self.arrays[f"{family}.offsets"]
        return self.arrays[f"{family}.slots"][offsets[i] : offsets[i + 1]]

    def document(self, slot):
        offsets = self.arrays["document_offsets"]
        try:  # our own file, written by save(); damage is caught, never trusted
            document = marshal.loads(self.arrays["documents"][offsets[slot] : offsets[slot + 1]])  # noqa: S302
        except (ValueError, EOFError, TypeError) as error:
            raise SegmentDamaged(f"document {slot}") from error
        if not isinstance(document, dict):
            raise SegmentDamaged(f"document {slot}")
        return document

    @cached_property
    def key_slots(self):
        """key -> (row id, slot or -1); built on first catch-up."""
        a = self.arrays
        keys = a["keys"].tobytes().decode().split("\n") if a["keys"].size else []
        rows = zip(a["row_ids"].tolist(), a["key_slots"].tolist(), strict=True)
        return dict(zip(keys, rows, strict=True))

    # -- pinyin --------------------------------------------------------------
    def pinyin_slots(self, letters):
        """Slots whose pinyin or initials contain `letters` (ascending): the
        places of the pattern's rarest pair of letters, then the other
        letters checked at those places only."""
        blob = self.arrays["pinyin"]
        pattern = np.frombuffer(letters.encode(), dtype=np.uint8)
        if not len(pattern) or len(pattern) > len(blob):
            return EMPTY
        if len(pattern) == 1:
            return self._slots_at(np.flatnonzero(blob == pattern[0]))
        offsets, places = self.arrays["pinyin_pair_offsets"], self.arrays["pinyin_pair_places"]
        codes = _pair_codes(pattern)
        counts = offsets[codes + 1] - offsets[codes]
        anchor = int(np.argmin(counts))
        code = codes[anchor]
        starts = places[offsets[code] : offsets[code + 1]].astype(np.intp) - anchor
        starts = starts[(starts >= 0) & (starts <= len(blob) - len(pattern))]
        for i, letter in enumerate(pattern):
            if i not in (anchor, anchor + 1) and len(starts):
                starts = starts[blob[starts + i] == letter]
        return self._slots_at(starts)  # ascending: places are, per pair

    def _slots_at(self, places):
        """The slots whose pinyin line holds the ascending `places` (ascending, once each)."""
        ends = self.arrays["pinyin_offsets"]
        slots = np.searchsorted(ends, places, side="right") - 1
        return slots[np.r_[True, slots[1:] != slots[:-1]]] if len(slots) else EMPTY

    # -- facets --------------------------------------------------------------
    @cached_property
    def _facets(self):
        """facet -> (values, per-slot value number + 1 and its counts, or None
        when a slot may have several values; value number per entry, slots)."""
        out = {}
        for facet, info in self.meta["facets"].items():
            offsets = self.arrays[f"facet{info['number']}.offsets"]
            slots = self.arrays[f"facet{info['number']}.slots"]
            numbers = np.arange(len(info["values"]), dtype=np.intp)  # bincount's own type
            entry_values = np.repeat(numbers, np.diff(offsets))
            single = totals = None
            if not len(slots) or np.bincount(slots).max() == 1:  # at most one value a slot
                single = np.zeros(self.size, dtype=np.intp)
                single[slots] = entry_values + 1
                totals = np.bincount(single, minlength=len(info["values"]) + 1)
            out[facet] = (info["values"], single, totals, entry_values, slots)
        return out

    def facet_counts(self, facet, mask, where, outside=False):
        """{value: count} over the slots set in `mask` (this segment's part).
        `where`: those slots, or with `outside` the slots not in it (fewer
        when nearly everything matched: all counts minus theirs)."""
        if facet not in self._facets:
            return {}
        values, single, totals, entry_values, slots = self._facets[facet]
        if single is not None:
            counts = np.bincount(single[where], minlength=len(values) + 1)
            if outside:
                counts = totals - counts
            counts = counts[1:]
        else:
            counts = np.bincount(entry_values[mask[slots]], minlength=len(values))
        return {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def facet_slots(self, facet, value):
        info = self.meta["facets"].get(facet)
        if info is None or value not in info["values"]:
            return EMPTY
        i = info["values"].index(value)
        offsets = self.arrays[f"facet{info['number']}.offsets"]
        return self.arrays[f"facet{info['number']}.slots"][offsets[i] : offsets[i + 1]]

    # -- name order for documents added later --------------------------------
    def names_at_or_below(self, key):
        """How many of this segment's names sort at or before `key`."""
        return bisect.bisect_right(self._sorted_names, key)

    @cached_property
    def _sorted_names(self):
        blob = self.arrays["sorted_names"].tobytes().decode()
        return blob.split("\n") if self.size else []
