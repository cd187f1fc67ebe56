"""Each coded column reads the words real catalogs use, and only those."""

import pytest

from directory.choices import DeviceClass, MedicalInsurance, ProcurementStatus, ProductType
from directory.importing import vocabulary

PROCUREMENT_WORDS = {
    "省平台挂网": ProcurementStatus.SUNSHINE,
    "阳光挂网": ProcurementStatus.SUNSHINE,
    "挂网": ProcurementStatus.SUNSHINE,
    "省级平台 挂网": ProcurementStatus.SUNSHINE,
    "集中带量采购中选": ProcurementStatus.VBP_WINNER,
    "国家集采中选": ProcurementStatus.VBP_WINNER,
    "带量中选": ProcurementStatus.VBP_WINNER,
    "带量采购备选": ProcurementStatus.VBP_CANDIDATE,
    "未挂网": ProcurementStatus.OFFLINE,
    "线下采购": ProcurementStatus.OFFLINE,
    "备案采购": ProcurementStatus.OFFLINE,
    "仅线下/备案采购": ProcurementStatus.OFFLINE,
    "自行采购": ProcurementStatus.SELF_PROCURED,
    "省平台集中采购": ProcurementStatus.CENTRALIZED,
    "集中采购": ProcurementStatus.CENTRALIZED,
    "ＳＵＮＳＨＩＮＥ": None,  # a code, not a word people write: refused
}


@pytest.mark.parametrize(("word", "value"), PROCUREMENT_WORDS.items())
def test_procurement_words(word, value):
    if value is None:
        with pytest.raises(vocabulary.UnknownWord):
            vocabulary.PROCUREMENT.read(word)
    else:
        assert vocabulary.PROCUREMENT.read(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("第一类", DeviceClass.CLASS_1),
        ("Ⅰ类", DeviceClass.CLASS_1),
        ("I类", DeviceClass.CLASS_1),
        ("第Ⅱ类", DeviceClass.CLASS_2),
        ("ＩＩ类", DeviceClass.CLASS_2),
        ("二类", DeviceClass.CLASS_2),
        ("第 2 类", DeviceClass.CLASS_2),
        ("Class III", DeviceClass.CLASS_3),
        ("ⅲ", DeviceClass.CLASS_3),
        ("第三类医疗器械", DeviceClass.CLASS_3),
        ("３", DeviceClass.CLASS_3),
    ],
)
def test_device_classes_in_every_notation(word, value):
    assert vocabulary.DEVICE_CLASS.read(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("化学药品", ProductType.DRUG),
        ("生物制品", ProductType.DRUG),
        ("中成药", ProductType.DRUG),
        ("有源医疗器械", ProductType.DEVICE),
        ("无源医疗器械", ProductType.DEVICE),
        ("高值医用耗材", ProductType.CONSUMABLE),
        ("体外诊断试剂", ProductType.IVD),
        ("ＩＶＤ", ProductType.IVD),
    ],
)
def test_product_types_as_nmpa_writes_them(word, value):
    assert vocabulary.PRODUCT_TYPE.read(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("甲类", MedicalInsurance.CLASS_A),
        ("医保甲类", MedicalInsurance.CLASS_A),
        ("乙类", MedicalInsurance.CLASS_B),
        ("国家医保乙类", MedicalInsurance.CLASS_B),
        ("是", MedicalInsurance.COVERED),
        ("自费", MedicalInsurance.NOT_COVERED),
    ],
)
def test_insurance_keeps_the_category(word, value):
    assert vocabulary.MEDICAL_INSURANCE.read(word) == value


@pytest.mark.parametrize(
    ("word", "answer"),
    [
        ("是", (True, None)),
        ("首台（套）", (True, None)),
        ("省级首台套", (True, "province")),
        ("国家级首台套", (True, "national")),
        ("否", (False, None)),
        ("", (None, None)),
        ("/", (None, None)),
    ],
)
def test_first_set_words_and_levels(word, answer):
    assert vocabulary.read_first_set(word) == answer


def test_blank_and_placeholder_cells_are_blank():
    for word in ("", "  ", "/", "—", "－"):
        assert vocabulary.PROCUREMENT.read(word) == ""


def test_unknown_word_lists_the_accepted_words():
    with pytest.raises(vocabulary.UnknownWord) as error:
        vocabulary.PROCUREMENT.read("看情况")
    message = str(error.value)
    assert "无法识别的采购状态“看情况”" in message
    for word in ("阳光挂网", "带量采购中选", "自行采购", "仅线下/备案采购"):
        assert word in message
