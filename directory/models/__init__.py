from .catalog import CatalogEntry, CatalogIndexPage, CatalogPage
from .enterprise import DirectoryIndexPage, EnterprisePage
from .product import (
    FirstSetRecognition,
    FirstUseRecord,
    ProductDocument,
    ProductImage,
    ProductPage,
    first_set_product_ids,
)

__all__ = [
    "CatalogEntry",
    "CatalogIndexPage",
    "CatalogPage",
    "DirectoryIndexPage",
    "EnterprisePage",
    "FirstSetRecognition",
    "FirstUseRecord",
    "ProductDocument",
    "ProductImage",
    "ProductPage",
    "first_set_product_ids",
]
