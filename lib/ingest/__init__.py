"""Uploads of values and tindakan: read a CSV or XLSX, check every row, preview, load all or nothing; `python -m lib.ingest`."""
