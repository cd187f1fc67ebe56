"""The shape of a Chinese official document number (文号).

A 文号 is the issuer's abbreviation, the year in 六角括号 and a serial number
followed by 号: 中工信〔2020〕214号, 浙医保发〔2021〕10号. Editors and letters
write the brackets many ways ([2020], (2020), 【2020】) and with spaces
("214 号"); `normalize_document_number` writes the one official form first.
"""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

_BRACKETED_YEAR = re.compile(r"[\[［(（【〔〖]\s*(\d{4})\s*[\]］)）】〕〗]")
DOCUMENT_NUMBER = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{1,20})〔(?P<year>\d{4})〕(?P<serial>\d{1,5})号$"
)
FIRST_YEAR = 1949


def normalize_document_number(value):
    value = re.sub(r"\s+", "", value or "")
    return _BRACKETED_YEAR.sub(r"〔\1〕", value)


def document_number_year(value):
    match = DOCUMENT_NUMBER.match(normalize_document_number(value))
    return int(match["year"]) if match else None


def validate_document_number(value):
    normalized = normalize_document_number(value)
    match = DOCUMENT_NUMBER.match(normalized)
    if not match:
        raise ValidationError(
            "文号格式应为“发文机关代字〔年份〕序号号”，如“中工信〔2020〕214号”“浙医保发〔2021〕10号”。",
            code="invalid_document_number",
        )
    year = int(match["year"])
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise ValidationError(f"文号中的年份 {year} 不合理。", code="invalid_document_year")
