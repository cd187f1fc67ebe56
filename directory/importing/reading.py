"""File → rows: the table in an office's spreadsheet, whatever is around it.

Offices put a title row or a blank row above the header, number the rows
(序号), break header cells over two lines, merge header cells over two rows
and leave empty rows and columns at the end; a workbook may hold several
sheets. All of that is read without help. What cannot be read at all is a
`SpreadsheetError` with a Chinese message, and nothing is imported.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from directory.spreadsheets import LABELS, PROVENANCE_KEYS, match_header, unescape_cell

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_LABEL = "20 MB"
# Python's csv module refuses longer fields; say so instead of failing.
MAX_CSV_CELL = csv.field_size_limit()
# How far down a sheet the header may be (title rows, notes).
HEADER_SEARCH_ROWS = 30
REQUIRED = ("enterprise_name", "credit_code")
# Control characters other than tab and line breaks: PostgreSQL refuses NUL
# in text, and none of them belongs in a record.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Encrypted Office files are OLE2 containers holding an "EncryptionInfo" stream.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


class SpreadsheetError(Exception):
    """The file cannot be read as a table at all (not a per-row problem)."""


@dataclass
class ParsedSheet:
    columns: list  # keys of the recognised columns, in file order
    rows: list  # (row_number, {key: text}) for every non-empty data row
    unknown_headers: list
    sheet_name: str = ""
    header_row: int = 1


def decode_csv(data):
    """Text of a CSV file saved as UTF-8 (BOM or not) or GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            "无法识别文件编码：请另存为 UTF-8 或 GB18030 编码的 CSV。"
        ) from error


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
        value = value.removesuffix("T00:00:00")
    # A download's apostrophe against formula injection comes off again here.
    return unescape_cell(str(value).strip()).strip()


def _csv_tables(data):
    text = decode_csv(data)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            rows.append([cell_text(cell) for cell in row])
    except csv.Error as error:
        line = reader.line_num
        if "field larger than field limit" in str(error):
            message = f"第 {line} 行附近有单元格超过 {MAX_CSV_CELL} 个字符，无法读取。"
        else:
            message = f"第 {line} 行附近的 CSV 格式有误，无法读取（{error}）。"
        raise SpreadsheetError(message) from error
    return [("", rows)]


def _refuse_ole2(data):
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTION_INFO in data:
            raise SpreadsheetError(
                "Excel 文件设有打开密码，无法读取：请在 Excel 中取消密码后另存为 .xlsx 再上传。"
            )
        raise SpreadsheetError("这是旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后再上传。")


def _sheet_rows(sheet):
    """Every row as text; a merged range repeats its value in every cell it covers."""
    rows = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            row = rows[r]
            if len(row) < merged.max_col:
                row.extend([""] * (merged.max_col - len(row)))
            for c in range(merged.min_col - 1, merged.max_col):
                row[c] = value
    return rows


def _xlsx_tables(data):
    _refuse_ole2(data)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError("文件不是有效的 .xlsx 表格（内容已损坏或并非 Excel 文件）。")
    from openpyxl import load_workbook

    try:
        # Not read-only: merged cells are only known to a fully loaded sheet.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SpreadsheetError(
            "无法读取 Excel 文件：内容已损坏或并非 .xlsx 格式，请在 Excel 中另存后再上传。"
        ) from error
    try:
        return [(sheet.title, _sheet_rows(sheet)) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def read_tables(data, file_format):
    """[(sheet name, rows of text cells)] of a .csv or .xlsx file."""
    file_format = file_format.lower().lstrip(".")
    if file_format not in ("csv", "xlsx"):
        raise SpreadsheetError("只支持 .xlsx 和 .csv 文件。")
    if len(data) > MAX_FILE_BYTES:
        raise SpreadsheetError(f"文件超过 {MAX_FILE_LABEL}，请分成几个文件导入。")
    if not data.strip():
        raise SpreadsheetError("文件是空的。")
    return _csv_tables(data) if file_format == "csv" else _xlsx_tables(data)


def _header_row(rows):
    """Index and {key: position} of the row naming the most known columns."""
    best, best_positions = None, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        positions = {}
        for position, text in enumerate(row):
            key = match_header(text) if text else None
            if key and key not in positions:
                positions[key] = position
        if len(positions) > len(best_positions):
            best, best_positions = index, positions
    return best, best_positions


def _recognisable(rows):
    _, positions = _header_row(rows)
    return all(key in positions for key in REQUIRED)


def _says_yes(cells, position):
    return position < len(cells) and str(cells[position]).strip() in ("是", "yes", "Yes", "TRUE")


def parse_rows(data, file_format, sheet_name=None):
    """Map each data row to column keys; row numbers as the spreadsheet shows them."""
    tables = read_tables(data, file_format)
    if sheet_name:
        chosen = [table for table in tables if table[0] == sheet_name]
        if not chosen:
            names = "、".join(f"“{name}”" for name, _ in tables)
            raise SpreadsheetError(f"找不到工作表“{sheet_name}”；文件中的工作表：{names}。")
    else:
        chosen = [table for table in tables if _recognisable(table[1])] or tables[:1]
    name, table = chosen[0]
    if not any(any(row) for row in table):
        raise SpreadsheetError("文件是空的。")
    header_index, _ = _header_row(table)
    if header_index is None:
        raise SpreadsheetError("找不到表头：前 30 行中没有“企业名称”“统一社会信用代码”等列名。")
    positions, unknown = {}, []
    for position, text in enumerate(table[header_index]):
        if not text:
            continue
        key = match_header(text)
        if key is None:
            if text not in unknown:
                unknown.append(text)
        elif key in positions:
            if positions[key] != position and table[header_index][positions[key]] != text:
                raise SpreadsheetError(f"表头“{text}”重复：列“{LABELS[key]}”出现了两次。")
        else:
            positions[key] = position
    missing = [LABELS[key] for key in REQUIRED if key not in positions]
    if missing:
        raise SpreadsheetError(
            f"缺少必需的列：{'、'.join(missing)}（第 {header_index + 1} 行应为表头）。"
        )
    positions.pop("sequence", None)
    example_column = positions.pop("is_example", None)
    for key in PROVENANCE_KEYS:
        positions.pop(key, None)
    rows, examples = [], []
    # A header merged over two rows repeats itself in the second: skip it.
    header_cells = {p: table[header_index][p] for p in positions.values()}
    for index in range(header_index + 1, len(table)):
        cells = table[index]
        values = {
            key: (cells[position] if position < len(cells) else "")
            for key, position in positions.items()
        }
        if not any(values.values()):
            continue
        if all(values[k] == header_cells[p] for k, p in positions.items() if values[k]):
            continue
        if example_column is not None and _says_yes(cells, example_column):
            examples.append(str(index + 1))
            continue
        rows.append((index + 1, values))
    if examples:
        raise SpreadsheetError(
            f"第 {'、'.join(examples[:20])} 行标为“示例数据”：示例记录不是官方信息，"
            "不能作为正式数据导入，请删除这些行后再导入。"
        )
    if not rows:
        raise SpreadsheetError(f"表头（第 {header_index + 1} 行）下面没有数据行。")
    return ParsedSheet(
        columns=list(positions),
        rows=rows,
        unknown_headers=unknown,
        sheet_name=name,
        header_row=header_index + 1,
    )
