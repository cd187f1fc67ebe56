import csv
import io

import pytest
from openpyxl import load_workbook

from directory.choices import ProductType
from directory.downloads import rows_for_pages
from directory.importing.reading import SpreadsheetError, parse_rows
from directory.spreadsheets import (
    COLUMN_KEYS,
    HEADERS,
    match_header,
    write_csv,
    write_xlsx,
)
from tests import factories

ROW = {"enterprise_name": "中山示例有限公司", "credit_code": "91440300708461136T"}


def test_seventeen_columns_in_the_issue_order():
    assert COLUMN_KEYS[:2] == ("enterprise_name", "credit_code")
    assert HEADERS[16] == "首台套" and HEADERS[-1] == "核实情况" and len(HEADERS) == 21


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("企业名称", "enterprise_name"),
        (" 统一社会信用代码 ", "credit_code"),
        ("Enterprise_Name", "enterprise_name"),
        ("ＲＥＧＩＳＴＲＡＴＩＯＮ＿ＮＯ", "registration_no"),
        ("注册证 编号", "registration_no"),
        ("credit code", "credit_code"),
        ("备注", None),
    ],
)
def test_headers_match_in_chinese_english_full_width(text, key):
    assert match_header(text) == key


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_csv_encodings_are_detected(encode):
    data = encode("统一社会信用代码,企业名称\n91440300708461136T,中山示例有限公司\n")
    sheet = parse_rows(data, "csv")
    assert sheet.columns == ["credit_code", "enterprise_name"]
    assert sheet.rows == [(2, ROW)]


def test_csv_is_written_with_bom_and_reads_back():
    data = write_csv([ROW])
    assert data.startswith(b"\xef\xbb\xbf")
    assert parse_rows(data, "csv").rows[0][1]["enterprise_name"] == "中山示例有限公司"


def test_xlsx_round_trip_keeps_codes_as_text():
    data = write_xlsx([{**ROW, "registration_no": "国药准字H20000001"}])
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())] == list(HEADERS)
    parsed = parse_rows(data, "xlsx")
    assert parsed.rows[0][1]["credit_code"] == ROW["credit_code"]


def test_missing_required_column_and_junk_file_are_refused():
    with pytest.raises(SpreadsheetError, match="统一社会信用代码"):
        parse_rows("企业名称\n某公司\n".encode(), "csv")
    with pytest.raises(SpreadsheetError, match="Excel"):
        parse_rows(b"not a zip", "xlsx")
    with pytest.raises(SpreadsheetError, match="只支持"):
        parse_rows(b"", "pdf")


@pytest.mark.django_db
def test_rows_for_pages_uses_a_constant_number_of_queries(django_assert_max_num_queries):
    enterprise = factories.enterprise(title="慈溪示例有限公司", region="慈溪市")
    products = [factories.product(parent=enterprise) for _ in range(5)]
    products.append(factories.product(product_type=ProductType.SERVICE, device_class=""))
    with django_assert_max_num_queries(2):
        rows = rows_for_pages([*products, enterprise])
    assert len(rows) == 7
    assert rows[0]["enterprise_name"] == "慈溪示例有限公司"
    assert rows[0]["product_type"] == "医疗器械" and rows[0]["device_class"] == "第二类"
    assert rows[-1]["enterprise_name"] == "慈溪示例有限公司"
    assert rows[-2]["product_type"] == "服务" and rows[-2]["device_class"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_catalog_download(client, file_format):
    enterprise = factories.enterprise(title="中山示例有限公司")
    product = factories.product(parent=enterprise, title="数字乳腺X射线机")
    draft = factories.product(parent=enterprise, title="草稿产品", live=False)
    catalog = factories.catalog(title="首台（套）目录", entries=[product, draft])
    response = client.get(f"{catalog.url}download/{file_format}/")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "%E9%A6%96" in response["Content-Disposition"]  # 首, percent-encoded
    rows = parse_rows(b"".join(response), file_format).rows
    assert [values["product_name"] for _, values in rows] == ["数字乳腺X射线机"]
    assert client.get(f"{catalog.url}download/pdf/").status_code == 404


def test_csv_writer_quotes_commas_and_newlines():
    data = write_csv([{**ROW, "enterprise_description": "第一段，含逗号, 和\n第二段"}])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][COLUMN_KEYS.index("enterprise_description")] == "第一段，含逗号, 和\n第二段"
