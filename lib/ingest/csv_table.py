"""A CSV upload as a table of non-empty records, the same for values and tindakan (lib.ingest.tindakan).

UTF-8 with or without BOM, else Windows-1252 with a notice (it covers Latin-1's printable characters); the
delimiter, ';' or ',', is whichever the heading line uses more, or the one named by Excel's 'sep=;' first line,
which (as in Excel) is not counted: the heading is line 1. Tab-delimited text and binary files are refused.
"""
from __future__ import annotations

import csv
import io
import re

from lib.ingest import shapes
from lib.ingest.rows import UploadError
from lib.text.i18n import format_number

NOT_CSV = "Berkas '{name}' bukan CSV atau XLSX. Simpan ulang sebagai .xlsx (Excel 2007+) atau .csv."


def csv_records(name: str, data: bytes) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """(line, cells) of every record with a non-empty cell, and notices about the reading (encoding)."""
    text, notices = _decode(name, data)
    if "\x00" in text:  # a binary file; other control characters are refused per cell (lib.ingest.cells)
        raise UploadError(NOT_CSV.format(name=name))
    hint = re.match(r"sep=([;,])[ \t]*\r?\n", text)  # Excel's delimiter line; Excel hides it, so do we
    text = text[hint.end():] if hint else text
    heading = hint[1] if hint else next((line for line in text.splitlines() if line.strip()), "")
    if heading.count(";") == heading.count(",") == 0 and "\t" in heading:
        raise UploadError(f"Berkas '{name}' memakai tab sebagai pemisah kolom. Simpan sebagai CSV dengan pemisah "
                          "';' atau ','.")
    delimiter = ";" if heading.count(";") > heading.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, last = [], 0
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((last + 1, record))
            last = reader.line_num
    except csv.Error as exc:
        raise UploadError(_csv_error(name, last + 1, exc)) from None
    return records, notices


def _decode(name: str, data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (BOM optional), else Windows-1252 with a notice; anything else is refused."""
    fix = "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited)'."
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(f"Berkas '{name}' tersimpan sebagai UTF-16 ('Unicode Text'). {fix}")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [(f"Berkas '{name}' bukan UTF-8, jadi dibaca sebagai Windows-1252 (cp1252); "
                                       "periksa huruf khusus (mis. é) di pratinjau. Lain kali simpan sebagai "
                                       "'CSV UTF-8'.")]
    except UnicodeDecodeError as exc:
        raise UploadError(f"Berkas '{name}' tidak bisa dibaca sebagai UTF-8 maupun Windows-1252 (cp1252): byte "
                          f"0x{data[exc.start]:02X} pada posisi {exc.start} tidak sah di keduanya. {fix}") from None


def _csv_error(name: str, line: int, exc: csv.Error) -> str:
    """Explain a CSV the csv module cannot split: an overlong cell gets the text limits, the rest the quotes."""
    if "field larger than field limit" not in str(exc):
        return f"Berkas '{name}' rusak di baris {line}: {exc}. Periksa tanda kutip di baris itu."
    limits = ", ".join(f"{column} {format_number(shapes.MAX_CHARS[column])}" for column in ("sumber", "catatan"))
    return (f"Berkas '{name}': sel yang mulai di baris {line} lebih panjang dari "
            f"{format_number(csv.field_size_limit())} karakter, padahal teks dibatasi ({limits} karakter). "
            "Bila selnya memang sepanjang itu, ringkas isinya; bila tidak, sel itu diawali tanda kutip (\") "
            "tanpa penutup yang menelan baris-baris berikutnya: tambahkan tanda kutip penutupnya.")
