from .catalog import CatalogEntry, CatalogIndexPage, CatalogPage
from .enterprise import DirectoryIndexPage, EnterprisePage
from .product import FirstSetRecognition, FirstUseRecord, ProductDocument, ProductImage, ProductPage

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
]
