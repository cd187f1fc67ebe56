"""The embedded engine's shortcuts answer exactly as the plain ways: masks of
common tokens as slot intersections, the pinyin pair index as a scan."""

import numpy as np
import pytest

from search import text
from search.engines.embedded import EmbeddedEngine
from search.engines.embedded.matching import Searcher, intersect, member
from tests import factories

pytestmark = pytest.mark.django_db

rng = np.random.default_rng(7)


def sorted_sample(size, count):
    return np.sort(rng.choice(size, count, replace=False)).astype(np.int32)


@pytest.mark.parametrize("wanted_count", [3, 40, 900])  # a binary search each, then a mask
def test_member_agrees_with_numpy(wanted_count):
    slots, wanted = sorted_sample(1000, 500), sorted_sample(1200, wanted_count)
    assert member(slots, wanted).tolist() == np.isin(wanted, slots).tolist()
    assert not member(slots[:0], wanted).any()


def test_intersect_agrees_with_sets():
    arrays = [sorted_sample(1000, n) for n in (700, 20, 500, 900)]
    expected = set.intersection(*(set(a.tolist()) for a in arrays))
    assert intersect(arrays).tolist() == sorted(expected)
    assert intersect([]).tolist() == []


@pytest.fixture
def searcher():
    """Forty products: 示例 in all, 乳腺 in a quarter, 规格 in three."""
    for n in range(40):
        name = "数字乳腺X射线机" if n % 4 == 0 else "心电图机"
        spec = "规格甲" if n in (3, 17, 29) else "型号乙"
        factories.product(title=f"示例{name}{n}", model_spec=spec, intended_use=f"示例用途{n}")
    worker = EmbeddedEngine()
    worker.reset()
    worker.refresh()
    assert worker.view.size // 16 >= 3  # 规格甲 is a rare token, 示例 a common one
    return Searcher(worker.view)


def test_common_tokens_hit_what_their_slots_intersect_to(searcher):
    view = searcher.view
    for words in ["示例", "示例乳腺", "示例数字乳腺", "规格甲", "示例规格", "示例型号", "心电图"]:
        tokens = list(dict.fromkeys(text.bigrams(text.normalize_query(words))))
        for family in ("title", "text"):
            plain = intersect([view.slots(family, token) for token in tokens])
            assert searcher._hits(family, tokens).tolist() == plain.tolist(), (words, family)
    assert len(searcher._hits("text", ["示例"])) >= 40


def test_the_pinyin_pair_index_finds_what_a_scan_finds(searcher):
    segment = searcher.view.base
    blob, ends = segment.arrays["pinyin"].tobytes(), segment.arrays["pinyin_offsets"]
    lines = [blob[ends[i] : ends[i + 1]].decode() for i in range(segment.size)]
    for letters in ["ruxian", "rx", "x", "xindiantu", "tuji", "xdtj", "qq", "zzzz"]:
        scanned = [slot for slot, line in enumerate(lines) if letters in line]
        assert segment.pinyin_slots(letters).tolist() == scanned, letters
        assert scanned or letters in ("qq", "zzzz")  # the others are there to be found
