"""Cells → values: each row read through the column vocabularies, then the
rows checked against each other (one enterprise, one product, one line each).

Only what a cell states becomes a value; a blank cell is absent, so that an
existing record keeps what it has.
"""

import unicodedata
from dataclasses import dataclass

from directory.choices import DeviceClass, ProductType
from directory.spreadsheets import PRODUCT_KEYS
from directory.validators import (
    normalize_identifier,
    normalize_registration_no,
    registration_device_class,
    registration_kind,
)

from . import vocabulary
from .reading import CONTROL
from .report import row_error

# Spreadsheet column → page field.
ENTERPRISE_FIELDS = {
    "enterprise_name": "title",
    "credit_code": "credit_code",
    "region": "region",
    "address": "address",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "website": "website",
    "enterprise_description": "description",
}
PRODUCT_FIELDS = {
    "product_name": "title",
    "product_type": "product_type",
    "device_class": "device_class",
    "registration_no": "registration_no",
    "model": "model_spec",
    "intended_use": "intended_use",
    "procurement_status": "procurement_status",
    "medical_insurance": "medical_insurance",
}
# Enterprise columns that may differ a little between one enterprise's rows.
DESCRIPTIVE = ("address", "contact_name", "contact_phone", "website", "description", "region")
VOCABULARIES = {
    "product_type": vocabulary.PRODUCT_TYPE,
    "device_class": vocabulary.DEVICE_CLASS,
    "procurement_status": vocabulary.PROCUREMENT,
    "medical_insurance": vocabulary.MEDICAL_INSURANCE,
}


def same_name(a, b):
    """Names equal but for full-width/half-width and spaces."""

    def fold(text):
        return "".join(unicodedata.normalize("NFKC", text).split())

    return fold(a) == fold(b)


@dataclass
class CleanRow:
    number: int
    credit_code: str
    enterprise: dict  # enterprise page field → value, stated cells only
    product: dict | None  # None: the row is an enterprise alone
    first_set: bool | None = None
    first_set_level: str | None = None
    # Which column each stated product value came from, for messages.
    product_key: tuple | None = None


def clean_rows(parsed_rows, errors):
    """[CleanRow] for every data row; problems appended to `errors`."""
    rows = []
    for number, values in parsed_rows:
        row = _clean_row(number, values, errors)
        if row is not None:
            rows.append(row)
    return rows


def _text(values, key):
    text = (values.get(key) or "").strip()
    # An apostrophe that a spreadsheet export put before =, +, - or @.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text


def _clean_row(number, values, errors):
    bad = [key for key, text in values.items() if text and CONTROL.search(text)]
    for key in bad:
        errors.append(row_error(number, key, "含有控制字符（如 NUL），请删除不可见字符后再导入。"))
    if bad:
        return None
    enterprise = {}
    for key, field_name in ENTERPRISE_FIELDS.items():
        text = _text(values, key)
        if text and not vocabulary.is_placeholder(text):
            enterprise[field_name] = text
    if "title" not in enterprise:
        errors.append(row_error(number, "enterprise_name", "企业名称不能为空。"))
    code = normalize_identifier(enterprise.get("credit_code", ""))
    if not code:
        errors.append(row_error(number, "credit_code", "统一社会信用代码不能为空。"))
    enterprise["credit_code"] = code
    website = enterprise.get("website")
    if website and "://" not in website:
        enterprise["website"] = f"http://{website}"
    row = CleanRow(number, code, enterprise, None)
    if any(_text(values, key) for key in PRODUCT_KEYS):
        row.product = _clean_product(number, values, errors, row)
    return row


def _clean_product(number, values, errors, row):
    product = {}
    for key, field_name in PRODUCT_FIELDS.items():
        text = _text(values, key)
        if key in VOCABULARIES:
            try:
                value = VOCABULARIES[key].read(text)
            except vocabulary.UnknownWord as error:
                errors.append(row_error(number, key, str(error)))
                continue
        else:
            value = "" if vocabulary.is_placeholder(text) else text
        if value:
            product[field_name] = value
    if "title" not in product:
        errors.append(row_error(number, "product_name", "产品名称不能为空（本行填写了产品信息）。"))
    if "registration_no" in product:
        product["registration_no"] = normalize_registration_no(product["registration_no"])
    try:
        row.first_set, row.first_set_level = vocabulary.read_first_set(_text(values, "first_set"))
    except vocabulary.UnknownWord as error:
        errors.append(row_error(number, "first_set", str(error)))
    return product


def infer_for_new_product(values):
    """A new product's type and class from its number when the cells leave them out.

    Never used for an existing product: its type changes only when its column says so.
    """
    number = values.get("registration_no", "")
    kind = registration_kind(number) if number else None
    if "product_type" not in values and kind:
        values["product_type"] = ProductType.DRUG if kind == "drug" else ProductType.DEVICE
    if "device_class" not in values and values.get("product_type") in DEVICE_TYPES_SET:
        if kind == "device_registration":
            values["device_class"] = registration_device_class(number)
        elif kind == "device_filing":
            values["device_class"] = DeviceClass.CLASS_1


DEVICE_TYPES_SET = {ProductType.DEVICE, ProductType.CONSUMABLE, ProductType.IVD}


def check_together(rows, errors, warnings):
    """One enterprise per credit code, one line per product and per enterprise.

    An enterprise's descriptive cells that differ between its rows are a
    warning and the first row's value is kept; a different name is an error.
    """
    first_row = {}
    seen_enterprises, seen_products = {}, {}
    for row in rows:
        if not row.credit_code:
            continue
        first = first_row.setdefault(row.credit_code, row)
        if first is not row:
            _merge_enterprise(first, row, errors, warnings)
        if row.product is None:
            if row.credit_code in seen_enterprises:
                errors.append(
                    row_error(
                        row.number,
                        "credit_code",
                        f"与第 {seen_enterprises[row.credit_code]} 行重复（同一企业）。",
                    )
                )
            seen_enterprises.setdefault(row.credit_code, row.number)
            continue
        number = row.product.get("registration_no")
        if number:
            key, column, what = ("reg", number), "registration_no", "注册证编号相同"
        else:
            key = (
                "name",
                row.credit_code,
                vocabulary.fold(row.product.get("title", "")),
                vocabulary.fold(row.product.get("model_spec", "")),
            )
            column, what = "product_name", "同一企业的产品名称和规格型号相同"
        row.product_key = key
        if key in seen_products:
            errors.append(
                row_error(row.number, column, f"与第 {seen_products[key]} 行重复（{what}）。")
            )
        seen_products.setdefault(key, row.number)


def _merge_enterprise(first, row, errors, warnings):
    name, other_name = first.enterprise.get("title"), row.enterprise.get("title")
    if name and other_name and not same_name(name, other_name):
        errors.append(
            row_error(
                row.number,
                "enterprise_name",
                f"统一社会信用代码与第 {first.number} 行相同，企业名称却不同："
                f"第 {first.number} 行为“{name}”，本行为“{other_name}”。",
            )
        )
        return
    column_of = {field: key for key, field in ENTERPRISE_FIELDS.items()}
    for field_name in DESCRIPTIVE:
        value, other = first.enterprise.get(field_name), row.enterprise.get(field_name)
        if other is None:
            continue
        if value is None:
            first.enterprise[field_name] = other  # the first row left it blank
        elif other != value:
            warnings.append(
                row_error(
                    row.number,
                    column_of[field_name],
                    f"与第 {first.number} 行（同一企业）不同，已采用第 {first.number} 行的内容。",
                )
            )
    row.enterprise = first.enterprise
