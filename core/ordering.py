"""Chinese names in the order people look them up: by pinyin, not code point."""

import unicodedata
from functools import lru_cache

LONGEST_PHRASE = 4


def _plain(reading):
    """A reading without its tone mark (ān -> an)."""
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=30_000)
def _syllable(char):
    """A character's first reading, or the character itself lower-cased when
    it has none (letters, digits)."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char))
    return _plain(readings.split(",")[0]) if readings else char.lower()


def _syllables(name):
    """Readings by the longest phrase pypinyin knows at each position (长春 is
    chang chun, 重庆 chong qing), else character by character. Plain lookups:
    pypinyin's own segmenting conversion costs milliseconds a name."""
    # Imported on first use: the tables take a worker half a second to load.
    from pypinyin.phrases_dict import phrases_dict

    syllables, position = [], 0
    while position < len(name):
        for length in range(min(LONGEST_PHRASE, len(name) - position), 1, -1):
            phrase = phrases_dict.get(name[position : position + length])
            if phrase:
                syllables += [_plain(readings[0]) for readings in phrase]
                position += length
                break
        else:
            syllables.append(_syllable(name[position]))
            position += 1
    return syllables


def load_tables():
    """Load pypinyin's tables ahead of the first sort (a worker warming up)."""
    _syllables("长春")


def pinyin_key(name):
    """Sort key: the syllables, then the name itself, so 安 < 白 < 中 and
    homophones keep a stable order."""
    return (_syllables(name), name)


def sorted_by_pinyin(items, name=lambda item: item):
    return sorted(items, key=lambda item: pinyin_key(name(item)))
