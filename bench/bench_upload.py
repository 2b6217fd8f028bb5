"""Benchmark of the upload path: validating 10.000 rows, and how fast an XLSX cell bomb and a small XLSX holding
one 195 MB cell (issue 20: 16,7 s and 880 MB before the streamed text check) are refused.

A developer tool: no thresholds, never fails because a machine is slow. Usage:
    .venv/bin/python bench/bench_upload.py
"""
from __future__ import annotations

import io
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.db.build import build_record  # noqa: E402
from lib.db.connect import connect  # noqa: E402
from lib.ingest.reader import read_upload  # noqa: E402
from lib.ingest.rows import SourceRow, UploadError  # noqa: E402
from lib.ingest.validate import validate  # noqa: E402


def cell_bomb(rows: int = 11_000, columns: int = 1000) -> bytes:
    """An XLSX of rows × columns cells without r= attributes (the reported file had 11 million)."""
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
                           "</workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                                      "</Relationships>"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as stream:
            stream.write(b"<worksheet><sheetData>")
            row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
            for _ in range(rows):
                stream.write(row)
            stream.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def long_cell(size: int = 195 * 1024 * 1024) -> bytes:
    """An XLSX of about 200 KB whose one shared string holds size bytes of 'x' (written in pieces)."""
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
                           "</workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                                      "</Relationships>",
        "xl/worksheets/sheet1.xml": '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                                    "</sheetData></worksheet>"}
    buffer, piece = io.BytesIO(), b"x" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w") as stream:
            stream.write(b"<sst><si><t>")
            for _ in range(size // len(piece)):
                stream.write(piece)
            stream.write(b"</t></si></sst>")
    return buffer.getvalue()


def timed(label: str, action) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    outcome = action()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"{label}: {elapsed:.2f} s, puncak memori Python {peak:.0f} MB — {outcome}")


def refused(data: bytes) -> str:
    try:
        read_upload("bom.xlsx", data)
    except UploadError as exc:
        return str(exc)[:70] + "…"
    return "DIMUAT (tidak ditolak)"


def main() -> None:
    bomb = cell_bomb()
    print(f"berkas bom: {len(bomb) / 1024:.0f} KB")
    timed("XLSX 11 juta sel ditolak", lambda: refused(bomb))
    long = long_cell()
    print(f"berkas satu sel 195 MB: {len(long) / 1024:.0f} KB")
    timed("XLSX satu sel 195 MB ditolak", lambda: refused(long))
    with tempfile.TemporaryDirectory() as folder, connect(build_record(Path(folder) / "b.duckdb").path) as con:
        codes = [r[0] for r in con.execute("SELECT kode FROM wilayah WHERE level = 'desa'").fetchall()]
        rows = [SourceRow(i + 2, {"indikator": "ST-SASARAN", "wilayah": codes[i % len(codes)], "nama_wilayah": "",
                                  "periode": f"{2015 + i // (12 * len(codes))}-{i // len(codes) % 12 + 1:02d}",
                                  "nilai": str(i), "sumber": "Dinkes", "catatan": ""}) for i in range(10_000)]
        timed("validasi 10.000 baris", lambda: f"{len(validate(rows, con, today=date(2026, 11, 28))[0])} baris bersih")


if __name__ == "__main__":
    main()
