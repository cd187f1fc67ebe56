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
# 准 domestic, 进 imported, 许 Hong Kong/Macau/Taiwan.
DEVICE_REGISTRATION = re.compile(rf"^(?:国|[{PROVINCES}])械注[准进许](?P<digits>\d{{11}})$")
# Before 2014: 国食药监械(准)字2012第3210123号, 粤食药监械(准)字…, 国食药监械(进)字…;
# the first digit after 第 is the class. Stored with ASCII brackets (NFKC).
OLD_DEVICE_REGISTRATION = re.compile(
    rf"^(?:国|[{PROVINCES}])食药监械\([准进许]\)字\d{{4}}第(?P<digits>\d{{7}})号$"
)
# 国械备20150001号, 粤械备…, 粤中械备20150012号 (city-level filing for class I).
DEVICE_FILING = re.compile(rf"^(?:国|[{PROVINCES}][\u4e00-\u9fff]?)械备\d{{8,9}}号?$")
# 国药准字H20000001: H chemical, Z traditional, S biological (also IVD reagents
# regulated as medicines), J imported-packaged…
DRUG_APPROVAL = re.compile(r"^国药准字[HZSJBTF]\d{8}$")
# 进口药品注册证号 H/S/Z + 8 digits; 医药产品注册证号 (Hong Kong, Macau,
# Taiwan) HC/SC/ZC + 8 digits; written with or without the name of the licence.
IMPORTED_DRUG = re.compile(r"^(?:(?:进口药品|医药产品)注册证(?:号|编号)?[:：]?)?[HSZ]C?\d{8}$")
# Forms whose trailing 号 is not part of the number.
TRAILING_HAO = re.compile(r"^(.*(?:械注[准进许]|国药准字|注册证).*?\d)号$")


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


def normalize_registration_no(value):
    """Canonical registration number: identifier form, no trailing 号 where it
    is not part of the number (filing numbers keep theirs)."""
    number = normalize_identifier(value)
    match = TRAILING_HAO.match(number)
    return match[1] if match else number


def registration_kind(value):
    """'device_registration', 'device_filing', 'drug' or None for a bad shape."""
    number = normalize_registration_no(value)
    if DEVICE_REGISTRATION.match(number) or OLD_DEVICE_REGISTRATION.match(number):
        return "device_registration"
    if DEVICE_FILING.match(number):
        return "device_filing"
    if DRUG_APPROVAL.match(number) or IMPORTED_DRUG.match(number):
        return "drug"
    return None


def is_drug_regulated_reagent(value):
    """国药准字S…: a biological product, which for IVD means a reagent
    (blood screening) regulated as a medicine."""
    return normalize_registration_no(value).startswith("国药准字S")


def registration_device_class(value):
    """The management class ('2' or '3') a device registration number encodes."""
    number = normalize_registration_no(value)
    match = DEVICE_REGISTRATION.match(number)
    if match:
        return match["digits"][4]
    match = OLD_DEVICE_REGISTRATION.match(number)
    return match["digits"][0] if match else None


def validate_registration_no(value):
    if registration_kind(value) is None:
        raise ValidationError(
            "注册证/备案编号格式不正确：应如“国械注准20173221234”“国械注进20163211234”"
            "“国械注许20183401234”“国食药监械（准）字2012第3210123号”“粤中械备20150012号”"
            "“国药准字H20000001”或进口药品注册证号“H20150001”。",
            code="registration_shape",
        )


# Digits, separators and the words companies print next to a number:
# 0760-88888888（总机）、0760-88888889 转 8001, 400-123-4567 ext. 12.
PHONE_WORDS = re.compile(r"总机|传真|手机|电话|座机|分机|转|ext\.?|x", re.IGNORECASE)
PHONE_CHARACTERS = re.compile(r"^[0-9+\-()（）\s、,，;；/／.~～]*$")


def validate_phone(value):
    """Loose on purpose: kept as written, but must look like phone numbers."""
    rest = PHONE_WORDS.sub("", value or "")
    digits = sum(char.isdigit() for char in rest)
    if not PHONE_CHARACTERS.match(rest) or digits < 5:
        raise ValidationError(
            "联系电话只能包含号码、空格、括号、“-”、顿号或斜杠分隔的多个号码，"
            "以及“转”“分机”“总机”“传真”等字样。",
            code="phone_shape",
        )


def complete_credit_code(first17):
    """A full credit code for 17 given characters (used for synthetic records)."""
    return first17 + credit_code_check_character(first17)
