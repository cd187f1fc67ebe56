"""Catalog spreadsheets in and out: one column list shared by import and export.

Import (directory.importing.reading) matches headers in Chinese or English, in
any order, through `match_header`. Export writes the same columns, so a
downloaded file imports back unchanged.
"""

import csv
import html
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.html import strip_tags


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
    # Where the row's facts stand: written by downloads, read back by the
    # import only to refuse example rows (PROVENANCE_KEYS never reach a page).
    Column("is_example", "示例数据"),
    Column("fact_source", "信息来源"),
    Column("placeholders", "占位字段"),
    Column("verified", "核实情况"),
)
PROVENANCE_KEYS = ("is_example", "fact_source", "placeholders", "verified")
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

# A cell starting with one of these is a formula to Excel, LibreOffice or
# Sheets (OWASP "CSV injection"); a leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XML 1.0, and so XLSX, cannot hold (tab, LF, CR stay).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(value):
    """Cell text that no spreadsheet program runs and every file format holds."""
    text = ILLEGAL_CHARACTERS.sub("", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def unescape_cell(text):
    """Undo `safe_cell`'s apostrophe, so that a downloaded file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def _row_cells(row):
    return [safe_cell(row.get(key, "")) for key in COLUMN_KEYS]


class _Line:
    """A file-like object whose write() hands back the text, for csv.writer."""

    def write(self, text):
        return text


def iter_csv(rows):
    """The CSV as UTF-8 chunks, one per row after the BOM and header, so that a
    response can stream any number of rows in constant memory. The BOM makes
    Excel open the Chinese text correctly."""
    writer = csv.writer(_Line())
    yield b"\xef\xbb\xbf" + writer.writerow(HEADERS).encode("utf-8")
    for row in rows:
        yield writer.writerow(_row_cells(row)).encode("utf-8")


def write_csv(rows):
    return b"".join(iter_csv(rows))


def save_xlsx(rows, target, sheet_title="目录"):
    """Write `rows` to `target` (a path or binary file) as a one-sheet workbook.

    Write-only mode sends each row to a temporary file as it is appended, so
    rows are never all held at once. Every value goes in as an explicit text
    cell: long codes stay text, and nothing from the data becomes a formula.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_cell(sheet_title)[:31] or "Sheet1")
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for text in _row_cells(row):
            cell = WriteOnlyCell(sheet, value=text or None)
            if text:
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def write_xlsx(rows, sheet_title="目录"):
    buffer = io.BytesIO()
    save_xlsx(rows, buffer, sheet_title)
    return buffer.getvalue()


def spreadsheet_response(rows, file_format, filename):
    """An attachment of `rows` (an iterable of dicts keyed by column) as CSV or
    XLSX; 404 for any other format. CSV streams row by row; XLSX is built in
    a temporary file and streamed from there."""
    if file_format not in SPREADSHEET_FORMATS:
        raise Http404("不支持的下载格式。")
    content_type = SPREADSHEET_FORMATS[file_format]
    if file_format == "csv":
        response = StreamingHttpResponse(iter_csv(rows), content_type=content_type)
    else:
        workbook = tempfile.TemporaryFile()
        save_xlsx(rows, workbook)
        workbook.seek(0)
        response = FileResponse(workbook, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"{filename}.{file_format}")
    response["Cache-Control"] = "no-store"
    return response


def html_to_text(rich_text):
    """Rich text as the plain paragraphs a spreadsheet cell holds."""
    if not rich_text:
        return ""
    text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>", "\n", rich_text)
    return html.unescape(strip_tags(text)).strip()


def content_disposition(filename):
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", unicodedata.normalize("NFKD", filename))
    ascii_name = ascii_name.strip("_") or "download"
    if not re.search(r"[A-Za-z0-9]", ascii_name.rsplit(".", 1)[0]):
        ascii_name = "download." + filename.rsplit(".", 1)[-1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
