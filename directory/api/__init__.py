"""The directory's part of the open data API (/api/v1/): enterprises,
products and catalogs, public only."""
