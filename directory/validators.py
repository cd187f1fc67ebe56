"""Checks for the identifiers that Chinese regulators issue.

Each check normalises first (full-width to half-width, spaces removed, letters
upper-cased), so that a value pasted from a PDF letter is accepted as its
canonical form and stored that way.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# GB 32100-2015: 31 characters (no I, O, S, V, Z) and fixed weights for the
# first 17 positions; the 18th is the check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

# 国械注准20173221234: year, class digit, category, serial (11 digits).
DEVICE_REGISTRATION = re.compile(rf"^(?:国|[{PROVINCES}])械注[准进许](?P<digits>\d{{11}})$")
# 国械备20150001号, 粤械备…, 粤中械备20150012号 (city-level filing for class I).
DEVICE_FILING = re.compile(rf"^(?:国|[{PROVINCES}][\u4e00-\u9fff]?)械备\d{{8,9}}号?$")
# 国药准字H20000001: H chemical, Z traditional, S biological, J imported-packaged…
DRUG_APPROVAL = re.compile(r"^国药准字[HZSJBTF]\d{8}$")


def normalize_identifier(value):
    """Canonical form of a code or number: NFKC, no spaces, upper case."""
    value = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"\s+", "", value).upper()


def credit_code_check_character(first17):
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value):
    code = normalize_identifier(value)
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为 18 位，当前为 %(length)s 位。",
            code="credit_code_length",
            params={"length": len(code)},
        )
    bad = [char for char in code if char not in CREDIT_CODE_ALPHABET]
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符“%(chars)s”（不使用 I、O、S、V、Z）。",
            code="credit_code_characters",
            params={"chars": "".join(dict.fromkeys(bad))},
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误：按 GB 32100-2015 第 18 位应为“%(expected)s”。",
            code="credit_code_check",
            params={"expected": expected},
        )


def registration_kind(value):
    """'device_registration', 'device_filing', 'drug' or None for a bad shape."""
    number = normalize_identifier(value)
    if DEVICE_REGISTRATION.match(number):
        return "device_registration"
    if DEVICE_FILING.match(number):
        return "device_filing"
    if DRUG_APPROVAL.match(number):
        return "drug"
    return None


def registration_device_class(value):
    """The management class ('2' or '3') a device registration number encodes."""
    match = DEVICE_REGISTRATION.match(normalize_identifier(value))
    return match["digits"][4] if match else None


def validate_registration_no(value):
    if registration_kind(value) is None:
        raise ValidationError(
            "注册证/备案编号格式不正确：应如“国械注准20173221234”“粤械注准20182010123”"
            "“粤中械备20150012号”或“国药准字H20000001”。",
            code="registration_shape",
        )


def complete_credit_code(first17):
    """A full credit code for 17 given characters (used for synthetic records)."""
    return first17 + credit_code_check_character(first17)
