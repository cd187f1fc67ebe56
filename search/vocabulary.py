"""The search vocabulary (synonyms), held in memory and expanded at query time.

Staff edit `Synonym` rows in the admin; every process notices a change on its
next query (one cheap aggregate over the table) and reloads. Expansion is done
here in Python for both engines, so the embedded engine and Elasticsearch
expand a query in exactly the same way and need no index rebuild.

The default vocabulary lives in `search/data/*.tsv` (see the README for
where each part comes from) and is loaded by a data migration.
"""

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Max

from . import text

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_FILES = {
    "synonyms_devices.tsv": ("device_catalog", False),
    "synonyms_medicines.tsv": ("medicine", True),
    "synonyms_clinical.tsv": ("clinical", False),
}
SEPARATORS = re.compile(r"[、,，;；]")


def split_equivalents(value):
    return [part.strip() for part in SEPARATORS.split(value) if part.strip()]


def read_default_vocabulary():
    """(term, equivalents, two_way, source) for every line of the data files."""
    for name, (source, two_way) in DEFAULT_FILES.items():
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            term, equivalents = line.split("\t", 1)
            yield term.strip(), "、".join(split_equivalents(equivalents)), two_way, source


def key(term):
    """The form a term is compared in: folded, simplified, without spaces."""
    return re.sub(r"\s+", "", text.normalize_query(term))


@dataclass
class Vocabulary:
    # key -> [(equivalent key, term as staff wrote it, equivalent as written)]
    expansions: dict = field(default_factory=dict)
    lexicon: frozenset = frozenset()  # every known word, for splitting long queries
    longest: int = 0

    @classmethod
    def from_rows(cls, rows):
        expansions = {}
        for term, equivalents, two_way in rows:
            term_key = key(term)
            targets = [(key(e), e) for e in split_equivalents(equivalents)]
            targets = [(k, e) for k, e in targets if k and k != term_key]
            if not term_key or not targets:
                continue
            entry = expansions.setdefault(term_key, [])
            entry.extend((k, term, e) for k, e in targets if k not in [x[0] for x in entry])
            if two_way:
                for target_key, target in targets:
                    back = expansions.setdefault(target_key, [])
                    if term_key not in [x[0] for x in back]:
                        back.append((term_key, target, term))
        words = set(expansions)
        words.update(k for entries in expansions.values() for k, _, _ in entries)
        words = frozenset(w for w in words if len(w) >= 2)
        return cls(expansions, words, max((len(w) for w in words), default=0))

    def expand(self, word):
        """[(equivalent key, term, equivalent)] for a query word."""
        return self.expansions.get(word, [])

    def nearest(self, word, limit=5):
        """Vocabulary terms sharing the most characters with `word` (for
        queries that found nothing)."""
        chars = set(word)
        scored = []
        for term in self.expansions:
            common = len(chars & set(term))
            if common >= max(1, min(2, len(chars))):
                scored.append((-common, abs(len(term) - len(word)), term))
        return [term for _, _, term in sorted(scored)[:limit]]


_lock = threading.Lock()
_state = {"fingerprint": None, "vocabulary": Vocabulary()}


def current():
    """The vocabulary as the database holds it now (reloaded when it changed)."""
    from .models import Synonym

    stats = Synonym.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    fingerprint = (stats["count"], stats["latest"])
    if fingerprint != _state["fingerprint"]:
        with _lock:
            if fingerprint != _state["fingerprint"]:
                rows = Synonym.objects.values_list("term", "equivalents", "two_way")
                _state["vocabulary"] = Vocabulary.from_rows(rows)
                _state["fingerprint"] = fingerprint
    return _state["vocabulary"]
