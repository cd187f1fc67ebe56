"""Catalog and search results as spreadsheets: pages become rows, rows a file.

Only public pages reach a row (CatalogEntry.objects.for_public()). A catalog
of any size streams: entries are read in chunks and each chunk is turned into
rows with a fixed number of queries, so memory stays flat. Rows are data, in
Chinese whatever the visitor reads: the import reads them back.
"""

import re

from django.http import Http404

from core.language import in_data_language
from directory.choices import DeviceClass, MedicalInsurance, ProcurementStatus, ProductType
from directory.models import EnterprisePage, ProductPage, SourceDocument, first_set_product_ids
from directory.spreadsheets import SPREADSHEET_FORMATS, html_to_text, spreadsheet_response

CHUNK_SIZE = 500


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


def provenance_cells(records, citations):
    """Whether the row is an example and where its facts stand, so that nobody
    takes a placeholder for an official fact (or imports it back as one)."""
    records = [record for record in records if record is not None]
    verified = (
        f"{record.verified_on:%Y-%m-%d} 核实，依据：{record.verified_against}"
        for record in records
        if record.verified_on
    )
    return {
        "is_example": "是" if any(record.is_example for record in records) else "否",
        "fact_source": "；".join(
            dict.fromkeys(citations[r.fact_source_id] for r in records if r.fact_source_id)
        ),
        "placeholders": "；".join(label for r in records for label in r.placeholder_labels()),
        "verified": "；".join(dict.fromkeys(verified)),
    }


def rows_for_pages(pages):
    """Spreadsheet rows for any mix of public enterprise and product pages, in
    order, with three queries whatever their number: the products' enterprises,
    which products hold a 首台（套） recognition, and the sources they cite."""
    with in_data_language():
        return _rows(list(pages))


def _rows(pages):
    products = [page for page in pages if isinstance(page, ProductPage)]
    makers = EnterprisePage.objects.makers_of(products) if products else {}
    first_set = first_set_product_ids([product.pk for product in products])
    records = [*pages, *(maker for maker in makers.values() if maker)]
    citations = SourceDocument.objects.citations(
        getattr(record, "fact_source_id", None) for record in records
    )
    rows = []
    for page in pages:
        if isinstance(page, ProductPage):
            enterprise = makers[page.pk]
            row = enterprise_cells(enterprise) if enterprise else {}
            row.update(product_cells(page, page.pk in first_set))
            row.update(provenance_cells([enterprise, page], citations))
        elif isinstance(page, EnterprisePage):
            row = enterprise_cells(page)
            row.update(provenance_cells([page], citations))
        else:
            continue
        rows.append(row)
    return rows


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def catalog_rows(catalog, chunk_size=CHUNK_SIZE):
    """The public entries of `catalog` as rows, in catalog order, lazily."""
    entries = catalog.get_entries().iterator(chunk_size=chunk_size)
    for chunk in _chunks(entries, chunk_size):
        yield from rows_for_pages(entry.product or entry.enterprise for entry in chunk)


def catalog_filename(catalog):
    name = re.sub(r'[\\/:*?"<>|\s]+', "", catalog.title) or "目录"
    return f"{name}_{catalog.published_on:%Y%m%d}" if catalog.published_on else name


def catalog_download(request, catalog, file_format):
    """The catalog's public entries as a CSV (streamed) or XLSX attachment."""
    if file_format not in SPREADSHEET_FORMATS:
        raise Http404("不支持的下载格式。")
    return spreadsheet_response(catalog_rows(catalog), file_format, catalog_filename(catalog))
