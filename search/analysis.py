"""What a query asks for, worked out once in Python for both engines.

A query becomes a `Plan`: a list of clauses (its words, function words
dropped, long runs split at known vocabulary words), each with alternatives
that count as finding it (the word itself, its synonyms, its pinyin reading,
an identifier), and the whole query as an identifier. A document is found
when it holds the whole identifier, or when it matches at least `minimum` of
the required clauses (one or two words: all; more: most; what lies between
vocabulary words in a long run and lone characters only add score); every
engine scores the same way:

    score = 100·(identifier) + Σ clauses (10·in title + 1·in text) + 50·(all clauses)

so an all-words match ranks before a partial one, and a title match before a
text match.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from . import text, vocabulary

SCORE_ID, SCORE_ALL, SCORE_TITLE, SCORE_TEXT = 100, 50, 10, 1

# Function words of questions ("有没有治疗高血压的药"): never required.
STOP_WORDS = sorted(
    {
        "有没有",
        "有哪些",
        "哪里有",
        "哪些",
        "哪个",
        "哪家",
        "哪种",
        "什么",
        "怎么",
        "如何",
        "请问",
        "我想",
        "想要",
        "需要",
        "购买",
        "一下",
        "以及",
        "或者",
        "可以",
        "用的",
        "的",
        "吗",
        "呢",
        "吧",
        "啊",
        "么",
    },
    key=len,
    reverse=True,
)
STOP_RE = re.compile("|".join(map(re.escape, STOP_WORDS)))
PINYIN_RE = re.compile(r"[a-z]{3,40}")
SPLIT_AT = 5  # runs this long or longer are split at vocabulary words


@dataclass(frozen=True)
class Alternative:
    kind: str  # "text", "synonym", "pinyin", "identifier"
    value: str  # normalised text, pinyin letters or identifier key
    reason: str  # shown to people: why a result matched

    @property
    def in_title_too(self):
        """Whether a match can be told apart in the title (identifiers cannot)."""
        return self.kind != "identifier"


@dataclass
class Clause:
    word: str
    alternatives: list = field(default_factory=list)
    required: bool = True  # counts towards the minimum; others only add score

    def of_kind(self, *kinds):
        return [a for a in self.alternatives if a.kind in kinds]


@dataclass
class Plan:
    clauses: list
    identifier: str
    minimum: int

    @property
    def empty(self):
        return not self.clauses and not self.identifier


def identifier_key(query_text):
    """The query as an identifier: compact, without a trailing 号."""
    return re.sub(r"号$", "", text.compact(query_text))


def minimum_should_match(count):
    """All of one or two words; of longer queries, most (3 of 4, 3 of 5)."""
    return count if count <= 2 else count - 1 - (count - 3) // 2


def plan(normalized, vocab=None):
    vocab = vocab if vocab is not None else vocabulary.current()
    words = []
    pieces = normalized.split()
    if len(pieces) > 1 and all(p.isalpha() and p.isascii() for p in pieces):
        joined = "".join(pieces)  # "xue yang yi": pinyin typed with spaces
        if joined not in vocab.expansions and not all(p in vocab.expansions for p in pieces):
            pieces = [joined]
    for piece in pieces:
        for part in STOP_RE.split(piece):
            words.extend(_words(part, vocab))
    seen, clauses = set(), []
    for word, required in words:
        if word not in seen and text.runs(word):
            seen.add(word)
            clause = _clause(word, vocab)
            clause.required = required and not (len(word) == 1 and text.CJK_RE.match(word))
            clauses.append(clause)
    if not any(clause.required for clause in clauses):
        for clause in clauses:
            clause.required = True
    identifier = identifier_key(normalized)
    if len(identifier) < 4 or not re.search(r"[0-9a-z]", identifier):
        identifier = ""  # identifiers all hold digits or letters
    required = sum(clause.required for clause in clauses)
    return Plan(clauses, identifier, minimum_should_match(required))


def _words(part, vocab):
    """A stretch without spaces or function words, as (query word, required)."""
    compact = re.sub(r"[^0-9a-z\u3400-\u9fff.-]", "", part)
    if not compact:
        return []
    if vocabulary.key(compact) in vocab.expansions:
        return [(vocabulary.key(compact), True)]
    words = []
    for run in text.runs(compact):
        if text.CJK_RE.match(run) and len(run) >= SPLIT_AT:
            words.extend(_split(run, vocab))
        else:
            words.append((run, True))
    return words


def _split(run, vocab):
    """Split a long Chinese run at the longest vocabulary words it contains;
    the stretches between them ("治疗", "企业生产") are not required."""
    words, start, position = [], 0, 0
    while position < len(run):
        for length in range(min(vocab.longest, len(run) - position), 1, -1):
            if run[position : position + length] in vocab.lexicon:
                if start < position:
                    words.append((run[start:position], False))
                words.append((run[position : position + length], True))
                position += length
                start = position
                break
        else:
            position += 1
    if start < len(run):
        words.append((run[start:], not words))
    return words


def _clause(word, vocab):
    """The word's alternatives, each with its reason in the active language."""
    clause = Clause(word, [Alternative("text", word, gettext("含“%(word)s”") % {"word": word})])
    for target, term, equivalent in vocab.expand(word):
        reason = gettext("同义词：%(term)s → %(equivalent)s") % {
            "term": term,
            "equivalent": equivalent,
        }
        clause.alternatives.append(Alternative("synonym", target, reason))
    if PINYIN_RE.fullmatch(word) and word not in vocab.expansions:
        reason = gettext("拼音 %(word)s") % {"word": word}
        clause.alternatives.append(Alternative("pinyin", word, reason))
    if any(c.isdigit() for c in word) and len(word) >= 4:
        reason = gettext("编号匹配")
        clause.alternatives.append(Alternative("identifier", identifier_key(word), reason))
    return clause
