"""Catalog and search downloads: only public rows, nothing a spreadsheet runs,
no character that breaks a file, and large catalogs streamed."""

import csv
import io
import tracemalloc

import pytest
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from core.bulk import add_children
from directory.importing.reading import parse_rows
from directory.models import CatalogEntry, ProductPage
from directory.spreadsheets import COLUMN_KEYS, safe_cell, write_csv, write_xlsx
from tests import factories

from .conftest import restrict

pytestmark = pytest.mark.django_db

DANGEROUS = ["=1+2", "+86 760", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x")']


def download(client, catalog, file_format):
    response = client.get(f"{catalog.url}download/{file_format}/")
    assert response.status_code == 200
    return b"".join(response)


def text_of(data, file_format):
    if file_format == "csv":
        return data.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_catalog_download_holds_public_entries_only(client, leaky_catalog, file_format):
    data = download(client, leaky_catalog["catalog"], file_format)
    names = [
        (values.get("enterprise_name"), values.get("product_name"))
        for _, values in parse_rows(data, file_format).rows
    ]
    assert names == [("公开企业", "公开产品"), ("公开的另一企业", "")]
    text = text_of(data, file_format)
    for title in leaky_catalog["hidden_titles"]:
        assert title not in text


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_restricted_catalog_does_not_download(client, file_format):
    catalog = factories.catalog(entries=[factories.product(title="受限目录里的产品")])
    restrict(catalog, PageViewRestriction.LOGIN)
    response = client.get(f"{catalog.url}download/{file_format}/")
    assert response.status_code in (302, 401, 403)
    assert "受限目录里的产品".encode() not in response.getvalue()


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_triggers_are_neutralised(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("普通文字=1") == "普通文字=1"
    assert safe_cell("\x00=响铃\x07") == "'=响铃"


def test_csv_cells_never_start_a_formula_and_import_back_unchanged():
    rows = [{"enterprise_name": value, "credit_code": "91440300708461136T"} for value in DANGEROUS]
    data = write_csv(rows)
    cells = [row[0] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:]
    assert cells == ["'" + value for value in DANGEROUS]
    parsed = [values["enterprise_name"] for _, values in parse_rows(data, "csv").rows]
    assert parsed == [value.strip() for value in DANGEROUS]


def test_xlsx_holds_no_formula_and_only_text_cells():
    rows = [{"enterprise_name": value, "credit_code": "91440300708461136T"} for value in DANGEROUS]
    sheet = load_workbook(io.BytesIO(write_xlsx(rows))).worksheets[0]
    cells = list(sheet.iter_rows(min_row=2))
    assert all(cell.data_type == "s" for row in cells for cell in row if cell.value)
    assert [row[0].value for row in cells] == ["'" + value for value in DANGEROUS]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_control_characters_never_break_a_download(client, file_format):
    enterprise = factories.enterprise(title="响铃\x07企业", address="地址\x08\x1f\x0b")
    catalog = factories.catalog(entries=[factories.product(enterprise, title="控制\x1b字符产品")])
    data = download(client, catalog, file_format)
    (values,) = [values for _, values in parse_rows(data, file_format).rows]
    assert values["enterprise_name"] == "响铃企业"
    assert values["product_name"] == "控制字符产品"
    assert values["address"] == "地址"


def _bulk_catalog(count):
    """A catalog of `count` product entries, written in bulk."""
    enterprise = factories.enterprise(title="批量企业")
    products = add_children(
        [
            (enterprise, ProductPage(title=f"批量产品{n}", product_type="service"))
            for n in range(count)
        ]
    )
    catalog = factories.catalog(title="大目录")
    CatalogEntry.objects.bulk_create(
        CatalogEntry(catalog=catalog, product=product, sort_order=n)
        for n, product in enumerate(products)
    )
    return catalog


def _peak_while_reading(response):
    """Bytes read and the peak of Python allocations while reading the body."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    size = 0
    for chunk in response:
        size += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size, peak


def test_a_large_catalog_streams_its_csv_in_bounded_memory(client):
    catalog = _bulk_catalog(3000)
    response = client.get(f"{catalog.url}download/csv/")
    assert response.status_code == 200 and response.streaming
    size, peak = _peak_while_reading(response)
    assert size > 3000 * len(COLUMN_KEYS)
    # Holding 3,000 entries' pages at once takes over 12 MB: they were read in chunks.
    assert peak < 6 * 1024 * 1024, peak


def test_downloads_never_enter_the_page_cache(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MIDDLEWARE = ["core.page_cache.AnonymousPageCacheMiddleware", *settings.MIDDLEWARE]
    product = factories.product(title="缓存前的名称")
    catalog = factories.catalog(entries=[product])
    for file_format in ("csv", "xlsx"):
        download(client, catalog, file_format)
    ProductPage.objects.filter(pk=product.pk).update(title="缓存后的名称")
    for file_format in ("csv", "xlsx"):
        assert "缓存后的名称" in text_of(download(client, catalog, file_format), file_format)
