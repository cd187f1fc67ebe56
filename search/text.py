"""Chinese-first text handling shared by both search engines.

Both engines see the same normalised text: full-width folded to half-width,
letters lower-cased, traditional characters (in queries) converted to
simplified. Chinese is split into overlapping character pairs (bigrams), the
same thing Elasticsearch's `cjk_bigram` filter does, so a two-character query
finds every longer word that contains it.
"""

import html
import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RE = re.compile(rf"[{CJK}]+|[a-z0-9]+(?:\.[0-9]+)*")
CJK_RE = re.compile(rf"^[{CJK}]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_to_simplified = OpenCC("t2s")


def fold(text):
    """Full-width to half-width and lower case, for indexing and queries."""
    return unicodedata.normalize("NFKC", text).lower()


def fold_keeping_offsets(text):
    """`fold`, one character for one character, so that offsets in the result
    match the original (used to place highlights)."""
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=8192)
def _fold_char(char):
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


@lru_cache(maxsize=2048)
def normalize_query(text):
    return _to_simplified.convert(fold(text.strip()))


def runs(text):
    """Chinese runs and latin/number words of already-folded text."""
    return TOKEN_RE.findall(text)


def bigrams(text):
    """Index tokens: bigrams for Chinese runs (a lone character stays single),
    whole words for everything else."""
    tokens = []
    for run in runs(text):
        if CJK_RE.match(run) and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def characters(text):
    """Unigram tokens: every Chinese character alone, words whole."""
    tokens = []
    for run in runs(text):
        if CJK_RE.match(run):
            tokens.extend(run)
        else:
            tokens.append(run)
    return tokens


def needs_characters(query_text):
    """A lone Chinese character can only be found among single characters."""
    return any(CJK_RE.match(run) and len(run) == 1 for run in runs(query_text))


def compact(text):
    """Identifiers compared without spaces or punctuation."""
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", fold(text))


def pinyin(text):
    # Imported here: pypinyin's tables take a worker half a second to load,
    # and only indexing needs them.
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(fold(text), errors="ignore")
    full = "".join(syllables)
    initials = "".join(syllable[0] for syllable in syllables if syllable)
    return re.sub(r"[^a-z0-9]", "", full), re.sub(r"[^a-z0-9]", "", initials)


def highlight(text, query_terms, limit=None):
    """Escape `text` and wrap every occurrence of any query term in <em>."""
    if not text:
        return ""
    if limit and len(text) > limit:
        text = _window(text, query_terms, limit)
    folded = fold_keeping_offsets(text)
    marks = [False] * len(text)
    for term in query_terms:
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                marks[i] = True
            start = folded.find(term, start + 1)
    out, inside = [], False
    for char, marked in zip(text, marks, strict=True):
        if marked != inside:
            out.append("<em>" if marked else "</em>")
            inside = marked
        out.append(html.escape(char))
    if inside:
        out.append("</em>")
    return "".join(out)


def _window(text, query_terms, limit):
    folded = fold_keeping_offsets(text)
    positions = [folded.find(term) for term in query_terms if term and term in folded]
    start = max(0, min(positions) - limit // 4) if positions else 0
    snippet = text[start : start + limit]
    return ("…" if start else "") + snippet + ("…" if start + limit < len(text) else "")


def highlight_terms(query_text):
    """What to mark in results: the query's Chinese runs and words."""
    return sorted(set(runs(query_text)), key=len, reverse=True)


def clean_control_characters(text):
    return CONTROL_RE.sub("", text)
