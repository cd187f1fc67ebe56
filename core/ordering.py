"""Chinese names in the order people look them up: by pinyin, not code point."""

import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict


@lru_cache(maxsize=30_000)
def _syllable(char):
    """A character's first reading without its tone mark (安 -> an), or the
    character itself lower-cased when it has none (letters, digits)."""
    readings = pinyin_dict.get(ord(char))
    if not readings:
        return char.lower()
    reading = readings.split(",")[0]
    plain = "".join(
        c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)
    )
    return plain.replace("ü", "v")


def pinyin_key(name):
    """Sort key: the syllables, then the name itself, so 安 < 白 < 中 and
    homophones keep a stable order. Per character from pypinyin's table:
    the phrase-aware conversion costs milliseconds a name."""
    return ([_syllable(char) for char in name], name)


def sorted_by_pinyin(items, name=lambda item: item):
    return sorted(items, key=lambda item: pinyin_key(name(item)))
