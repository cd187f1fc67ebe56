"""Catalog spreadsheets in and out: one column list shared by import and export.

Import (directory.importing.reading) matches headers in Chinese or English, in
any order, through `match_header`. Export writes the same columns, so a
downloaded file imports back unchanged.
"""

import csv
import html as html_module
import io
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.html import strip_tags

from directory.choices import DeviceClass, MedicalInsurance, ProcurementStatus, ProductType


@dataclass(frozen=True)
class Column:
    key: str
    header: str


COLUMNS = (
    Column("enterprise_name", "企业名称"),
    Column("credit_code", "统一社会信用代码"),
    Column("region", "所在地区"),
    Column("address", "地址"),
    Column("contact_name", "联系人"),
    Column("contact_phone", "联系电话"),
    Column("website", "企业网站"),
    Column("enterprise_description", "企业简介"),
    Column("product_name", "产品名称"),
    Column("product_type", "产品类别"),
    Column("device_class", "管理类别"),
    Column("registration_no", "注册证编号"),
    Column("model", "规格型号"),
    Column("intended_use", "适用范围"),
    Column("procurement_status", "采购状态"),
    Column("medical_insurance", "医保"),
    Column("first_set", "首台套"),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
HEADERS = tuple(column.header for column in COLUMNS)
LABELS = {column.key: column.header for column in COLUMNS}
PRODUCT_KEYS = (
    "product_name",
    "product_type",
    "device_class",
    "registration_no",
    "model",
    "intended_use",
    "procurement_status",
    "medical_insurance",
    "first_set",
)

# Other names that official files use for the same column.
HEADER_ALIASES = {
    "企业": "enterprise_name",
    "生产企业": "enterprise_name",
    "企业名": "enterprise_name",
    "信用代码": "credit_code",
    "社会信用代码": "credit_code",
    "地区": "region",
    "企业地址": "address",
    "电话": "contact_phone",
    "网站": "website",
    "网址": "website",
    "简介": "enterprise_description",
    "产品": "product_name",
    "产品类型": "product_type",
    "类别": "product_type",
    "注册证号": "registration_no",
    "注册证/备案编号": "registration_no",
    "注册证备案编号": "registration_no",
    "批准文号": "registration_no",
    "型号规格": "model",
    "规格": "model",
    "model_spec": "model",
    "医保目录": "medical_insurance",
    "是否医保": "medical_insurance",
    "首台（套）": "first_set",
    "首台(套)": "first_set",
    "是否首台套": "first_set",
    "首台套产品": "first_set",
    "是否首台（套）": "first_set",
    "生产企业名称": "enterprise_name",
    "企业名称（全称）": "enterprise_name",
    "申报企业": "enterprise_name",
    "统一社会信用代码（18位）": "credit_code",
    "所在地": "region",
    "所属地区": "region",
    "注册地址": "address",
    "联系方式": "contact_phone",
    "联系人电话": "contact_phone",
    "产品通用名称": "product_name",
    "产品名": "product_name",
    "药品名称": "product_name",
    "通用名称": "product_name",
    "产品分类": "product_type",
    "器械类别": "device_class",
    "医疗器械管理类别": "device_class",
    "类别（第几类）": "device_class",
    "注册证号/备案号": "registration_no",
    "注册证编号/备案凭证编号": "registration_no",
    "医疗器械注册证编号": "registration_no",
    "药品批准文号": "registration_no",
    "批准文号/注册证号": "registration_no",
    "规格型号": "model",
    "适用范围/预期用途": "intended_use",
    "预期用途": "intended_use",
    "适应症": "intended_use",
    "功能主治": "intended_use",
    "挂网情况": "procurement_status",
    "采购方式": "procurement_status",
    "挂网采购情况": "procurement_status",
    "是否挂网": "procurement_status",
    "医保类别": "medical_insurance",
    "医保情况": "medical_insurance",
    "医保甲乙类": "medical_insurance",
    # Row numbers: recognised so they are neither data nor "unknown".
    "序号": "sequence",
    "编号序号": "sequence",
    "no": "sequence",
    "no.": "sequence",
}

SPREADSHEET_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def normalize_header(text):
    """Full-width to half-width, no spaces or punctuation noise, lower case."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = re.sub(r"[\s_\-*：:]+", "", text).lower()
    return text


_HEADER_LOOKUP = {}
for _column in COLUMNS:
    _HEADER_LOOKUP[normalize_header(_column.key)] = _column.key
    _HEADER_LOOKUP[normalize_header(_column.header)] = _column.key
for _alias, _key in HEADER_ALIASES.items():
    _HEADER_LOOKUP.setdefault(normalize_header(_alias), _key)


def match_header(text):
    """The column key a header cell names, or None."""
    text = normalize_header(text)
    if text in _HEADER_LOOKUP:
        return _HEADER_LOOKUP[text]
    # "注册证编号\n（备案号）": a bracketed note after the name is still that column.
    return _HEADER_LOOKUP.get(re.sub(r"\([^()]*\)$", "", text))


# Writing ---------------------------------------------------------------------


def write_csv(rows):
    """UTF-8 with a BOM, so that Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(key, "") for key in COLUMN_KEYS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_xlsx(rows, sheet_title="目录"):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        # Text cells only: long codes must not turn into numbers.
        sheet.append([row.get(key, "") or None for key in COLUMN_KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(rows, file_format, filename):
    """An attachment of `rows` (dicts keyed by column) as CSV or XLSX; 404 otherwise."""
    if file_format not in SPREADSHEET_FORMATS:
        raise Http404("不支持的下载格式。")
    content = write_csv(rows) if file_format == "csv" else write_xlsx(rows)
    response = HttpResponse(content, content_type=SPREADSHEET_FORMATS[file_format])
    response["Content-Disposition"] = content_disposition(f"{filename}.{file_format}")
    return response


def content_disposition(filename):
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", unicodedata.normalize("NFKD", filename))
    ascii_name = ascii_name.strip("_") or "download"
    if not re.search(r"[A-Za-z0-9]", ascii_name.rsplit(".", 1)[0]):
        ascii_name = "download." + filename.rsplit(".", 1)[-1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


# Pages as rows -------------------------------------------------------------


def html_to_text(html):
    """Rich text as the plain paragraphs a spreadsheet cell holds."""
    if not html:
        return ""
    text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>", "\n", html)
    return html_module.unescape(strip_tags(text)).strip()


def _label(choices, value):
    if not value:
        return ""
    try:
        return choices(value).label
    except ValueError:
        return value


def enterprise_cells(enterprise):
    return {
        "enterprise_name": enterprise.title,
        "credit_code": enterprise.credit_code,
        "region": enterprise.region,
        "address": enterprise.address,
        "contact_name": enterprise.contact_name,
        "contact_phone": enterprise.contact_phone,
        "website": enterprise.website,
        "enterprise_description": html_to_text(enterprise.description),
    }


def product_cells(product, first_set):
    return {
        "product_name": product.title,
        "product_type": _label(ProductType, product.product_type),
        "device_class": _label(DeviceClass, product.device_class),
        "registration_no": product.registration_no,
        "model": product.model_spec,
        "intended_use": product.intended_use,
        "procurement_status": _label(ProcurementStatus, product.procurement_status),
        "medical_insurance": _label(MedicalInsurance, product.medical_insurance),
        "first_set": "是" if first_set else "否",
    }


def rows_for_pages(pages):
    """Spreadsheet rows for any mix of enterprise and product pages, in order.

    A handful of queries whatever the number of pages: enterprises are fetched
    by path prefix, first-set recognitions in one query.
    """
    from directory.models import EnterprisePage, ProductPage, first_set_product_ids

    pages = list(pages)
    product_ids = [page.pk for page in pages if isinstance(page, ProductPage)]
    parent_paths = {page.path[: -page.steplen] for page in pages if isinstance(page, ProductPage)}
    enterprises = {page.path: page for page in pages if isinstance(page, EnterprisePage)}
    missing = parent_paths - set(enterprises)
    if missing:
        for enterprise in EnterprisePage.objects.filter(path__in=missing):
            enterprises[enterprise.path] = enterprise
    first_set = first_set_product_ids(product_ids)
    rows = []
    for page in pages:
        if isinstance(page, ProductPage):
            enterprise = enterprises.get(page.path[: -page.steplen])
            row = enterprise_cells(enterprise) if enterprise else {}
            row.update(product_cells(page, page.pk in first_set))
        elif isinstance(page, EnterprisePage):
            row = enterprise_cells(page)
        else:
            continue
        rows.append(row)
    return rows


def catalog_rows(catalog):
    """The public entries of a catalog as rows, in catalog order."""
    return rows_for_pages(entry.product or entry.enterprise for entry in catalog.get_entries())


def catalog_filename(catalog):
    name = re.sub(r'[\\/:*?"<>|\s]+', "", catalog.title) or "目录"
    return f"{name}_{catalog.published_on:%Y%m%d}" if catalog.published_on else name


def catalog_download(request, catalog, file_format):
    if file_format not in SPREADSHEET_FORMATS:
        raise Http404("不支持的下载格式。")
    return spreadsheet_response(catalog_rows(catalog), file_format, catalog_filename(catalog))
