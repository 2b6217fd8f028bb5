"""The upload file a clerk fills in, written by tests: the long table (shapes.LONG_COLUMNS) as CSV with ';'."""
from __future__ import annotations

import csv
from pathlib import Path

from lib.ingest import shapes


def write_upload(path: Path, rows: list[tuple]) -> Path:
    """path holding the header and rows (indikator, wilayah, periode, nilai, sumber, catatan); returns path."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(shapes.LONG_COLUMNS)
        writer.writerows(rows)
    return path
