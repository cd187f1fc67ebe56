import pytest
from django.core.exceptions import ValidationError

from directory.validators import (
    complete_credit_code,
    normalize_identifier,
    registration_device_class,
    registration_kind,
    validate_credit_code,
    validate_registration_no,
)

# Codes as published on business licences.
REAL_CREDIT_CODES = ["91440300708461136T", "91110000100006485K"]


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


def test_full_width_and_lower_case_code_passes_and_normalises():
    code = REAL_CREDIT_CODES[0]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())
    validate_credit_code(full_width)
    assert normalize_identifier(full_width) == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9144030070846113", "18 位"),
        ("9144030070846113IT", "不允许的字符"),
        ("91440300708461136A", "第 18 位应为“T”"),
    ],
)
def test_bad_credit_codes_are_refused_with_reason(code, message):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert message in error.value.messages[0]


def test_complete_credit_code_makes_valid_codes():
    for body in ("91442000000000001", "12330282MB0000000"):
        validate_credit_code(complete_credit_code(body))


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("国械注准20173221234", "device_registration"),
        ("粤械注准20182010123", "device_registration"),
        ("浙械注准20202140456", "device_registration"),
        ("国械注进20153060415", "device_registration"),
        ("国械备20150001号", "device_filing"),
        ("粤中械备20150012号", "device_filing"),
        ("粤械备20190003", "device_filing"),
        ("国药准字H20000001", "drug"),
        ("国药准字Z44020211", "drug"),
        ("国药准字 S2001 0001", "drug"),
    ],
)
def test_registration_shapes(number, kind):
    assert registration_kind(number) == kind
    validate_registration_no(number)


@pytest.mark.parametrize(
    "number", ["国械注准2017322123", "美械注准20173221234", "国药准字X20000001", "H2000000", ""]
)
def test_bad_registration_shapes_are_refused(number):
    assert registration_kind(number) is None
    with pytest.raises(ValidationError, match="格式不正确"):
        validate_registration_no(number)


def test_registration_encodes_device_class():
    assert registration_device_class("粤械注准20182010123") == "2"
    assert registration_device_class("国械注准20173221234") == "3"
    assert registration_device_class("国药准字H20000001") is None
