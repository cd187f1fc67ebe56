from .catalog import CatalogEntry, CatalogIndexPage, CatalogPage
from .enterprise import DirectoryIndexPage, EnterprisePage
from .product import (
    FirstSetRecognition,
    FirstUseRecord,
    ProductDocument,
    ProductImage,
    ProductPage,
    first_set_product_ids,
    product_rule_errors,
)
from .provenance import ProvenanceMixin, SourceDocument
from .uploads import ImportUpload

__all__ = [
    "CatalogEntry",
    "CatalogIndexPage",
    "CatalogPage",
    "DirectoryIndexPage",
    "EnterprisePage",
    "FirstSetRecognition",
    "FirstUseRecord",
    "ImportUpload",
    "ProductDocument",
    "ProductImage",
    "ProductPage",
    "ProvenanceMixin",
    "SourceDocument",
    "first_set_product_ids",
    "product_rule_errors",
]
