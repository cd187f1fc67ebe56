"""The words people write in a catalog's coded columns, one vocabulary per column.

Each vocabulary folds a cell (full-width → half-width, no spaces, lower case,
Roman numerals as letters), tries the exact word, then strips the prefixes
offices add (省平台, 省级, 国家, 集中…) and tries again. A word it still does
not know is an error that lists the accepted words.
"""

import functools
import re
import unicodedata

from directory.choices import (
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    RecognitionLevel,
)

# A cell holding only one of these says "nothing to state" and counts as blank.
PLACEHOLDERS = {"/", "-", "--", "—", "——", "－", "／", "\\", "无", "暂无", "空"}


@functools.lru_cache(maxsize=4096)
def _fold(text):
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s()（）【】\[\]《》“”\"'·]+", "", text).lower()


def fold(text):
    """NFKC (full-width, Ⅲ → III), no spaces or brackets, lower case."""
    return _fold(str(text or ""))


FOLDED_PLACEHOLDERS = frozenset(fold(word) for word in PLACEHOLDERS)


def is_placeholder(text):
    folded = fold(text)
    return not folded or folded in FOLDED_PLACEHOLDERS


class UnknownWord(ValueError):
    """The cell holds a word this vocabulary does not know; str() says which to use."""


class Vocabulary:
    def __init__(self, name, words, prefixes=(), suffixes=()):
        """`words`: {stored value: [accepted words, the first one shown as canonical]}."""
        self.name = name
        self.words = words
        self.prefixes = tuple(sorted((fold(p) for p in prefixes), key=len, reverse=True))
        self.suffixes = tuple(sorted((fold(s) for s in suffixes), key=len, reverse=True))
        self.lookup = {}
        for value, spellings in words.items():
            for word in spellings:
                self.lookup.setdefault(fold(word), value)

    def accepted(self):
        return "、".join(word for spellings in self.words.values() for word in spellings)

    def _variants(self, folded):
        """The folded word, then with known prefixes and suffixes removed, one at a time."""
        seen, queue = [], [folded]
        while queue:
            word = queue.pop(0)
            if not word or word in seen:
                continue
            seen.append(word)
            queue += [word[len(p) :] for p in self.prefixes if word.startswith(p)]
            queue += [word[: -len(s)] for s in self.suffixes if word.endswith(s)]
        return seen

    def read(self, text):
        """The stored value for `text`; "" for a blank cell; UnknownWord otherwise."""
        if is_placeholder(text):
            return ""
        for word in self._variants(fold(text)):
            if word in self.lookup:
                return self.lookup[word]
        raise UnknownWord(
            f"无法识别的{self.name}“{str(text).strip()}”。可填写：{self.accepted()}。"
        )


PROCUREMENT = Vocabulary(
    "采购状态",
    {
        ProcurementStatus.CENTRALIZED: [
            ProcurementStatus.CENTRALIZED.label,
            "集中采购",
            "平台集中采购",
            "平台采购",
        ],
        ProcurementStatus.SUNSHINE: [
            ProcurementStatus.SUNSHINE.label,
            "阳光挂网",
            "挂网",
            "已挂网",
            "挂网采购",
            "阳光采购",
            "网上挂网",
            "挂网交易",
        ],
        ProcurementStatus.VBP_WINNER: [
            ProcurementStatus.VBP_WINNER.label,
            "带量中选",
            "带量采购",
            "集采中选",
            "中选",
            "中标",
            "带量采购中标",
        ],
        ProcurementStatus.VBP_CANDIDATE: [
            ProcurementStatus.VBP_CANDIDATE.label,
            "带量备选",
            "集采备选",
            "备选",
        ],
        ProcurementStatus.OFFLINE: [
            ProcurementStatus.OFFLINE.label,
            "仅线下采购",
            "线下采购",
            "备案采购",
            "线下",
            "备案",
            "未挂网",
            "未上网",
            "未进入平台",
            "线下/备案采购",
        ],
        ProcurementStatus.SELF_PROCURED: [
            ProcurementStatus.SELF_PROCURED.label,
            "自行采购",
            "医院自行采购",
            "自主采购",
            "自采",
        ],
        ProcurementStatus.UNKNOWN: [ProcurementStatus.UNKNOWN.label, "未知", "不详", "待定"],
    },
    prefixes=[
        "省药械采购平台",
        "省级平台",
        "省平台",
        "平台",
        "省级",
        "省",
        "国家组织",
        "国家",
        "联盟",
        "集中",
        "已",
    ],
)

PRODUCT_TYPE = Vocabulary(
    "产品类别",
    {
        ProductType.DRUG: [
            ProductType.DRUG.label,
            "化学药品",
            "化学药",
            "化药",
            "生物制品",
            "中成药",
            "中药",
            "中药饮片",
            "原料药",
            "西药",
            "疫苗",
            "drug",
        ],
        ProductType.DEVICE: [
            ProductType.DEVICE.label,
            "器械",
            "有源医疗器械",
            "无源医疗器械",
            "有源器械",
            "无源器械",
            "医疗设备",
            "医疗装备",
            "设备",
            "device",
        ],
        ProductType.CONSUMABLE: [
            ProductType.CONSUMABLE.label,
            "耗材",
            "高值医用耗材",
            "低值医用耗材",
            "高值耗材",
            "低值耗材",
            "卫生材料",
            "consumable",
        ],
        ProductType.IVD: [
            ProductType.IVD.label,
            "体外诊断",
            "诊断试剂",
            "IVD",
            "IVD试剂",
            "体外诊断试剂(按药品管理)",
            "ivd",
        ],
        ProductType.SERVICE: [ProductType.SERVICE.label, "service"],
    },
)

DEVICE_CLASS = Vocabulary(
    "管理类别",
    {
        DeviceClass.CLASS_1: [DeviceClass.CLASS_1.label, "一类", "I类", "Ⅰ类", "1类", "1", "I"],
        DeviceClass.CLASS_2: [DeviceClass.CLASS_2.label, "二类", "II类", "Ⅱ类", "2类", "2", "II"],
        DeviceClass.CLASS_3: [
            DeviceClass.CLASS_3.label,
            "三类",
            "III类",
            "Ⅲ类",
            "3类",
            "3",
            "III",
        ],
    },
    prefixes=["第", "class", "医疗器械"],
    suffixes=["类", "类医疗器械", "类器械", "医疗器械"],
)

MEDICAL_INSURANCE = Vocabulary(
    "医保情况",
    {
        MedicalInsurance.CLASS_A: [MedicalInsurance.CLASS_A.label, "甲类", "甲", "医保甲"],
        MedicalInsurance.CLASS_B: [MedicalInsurance.CLASS_B.label, "乙类", "乙", "医保乙"],
        MedicalInsurance.COVERED: [
            MedicalInsurance.COVERED.label,
            "是",
            "已纳入",
            "纳入",
            "医保",
            "医保目录内",
            "√",
            "y",
            "yes",
        ],
        MedicalInsurance.NOT_COVERED: [
            MedicalInsurance.NOT_COVERED.label,
            "否",
            "未纳入",
            "非医保",
            "自费",
            "×",
            "n",
            "no",
        ],
        MedicalInsurance.UNKNOWN: [MedicalInsurance.UNKNOWN.label, "未知", "不详"],
    },
    prefixes=["国家", "省", "基本"],
)

YES, NO = "yes", "no"
FIRST_SET = Vocabulary(
    "首台套",
    {
        YES: ["是", "首台套", "首台(套)", "有", "√", "y", "yes", "1", "true"],
        NO: ["否", "不是", "非", "×", "n", "no", "0", "false"],
    },
    prefixes=["国家级", "国家", "省级", "省", "市级", "市"],
)
FIRST_SET_LEVELS = (
    ("国家", RecognitionLevel.NATIONAL),
    ("省", RecognitionLevel.PROVINCE),
    ("市", RecognitionLevel.CITY),
)


def read_first_set(text):
    """(True/False/None for blank, the level the cell names or None)."""
    answer = FIRST_SET.read(text)
    if not answer:
        return None, None
    level = next((lv for word, lv in FIRST_SET_LEVELS if fold(text).startswith(word)), None)
    return answer == YES, level
