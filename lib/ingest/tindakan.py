"""OPD uploads of satgas actions (tindakan): read, validate every row, load all or nothing, roll back.

The same path as value uploads: the readers' heading rules and XLSX safety (lib.ingest.reader/xlsx), the
permission rule of lib.access.permissions (an OPD reports for the isu it coordinates, or for any isu in the wilayah
it answers for), one unggahan batch per file through the uploads' writer (lib.ingest.load), the same hash
check against loading a file twice, and rollback by lib.ingest.load.rollback (v_tindakan then hides the rows).
The same cell rules as values too: every cell through lib.ingest.cells (control, bidi and zero-width characters
refused, MAX_CHARS per column), jumlah through lib.ingest.numbers (never negative, whole for a count unit), and
an .xlsx streamed through lib.ingest.xlsx_scan (cell, text and extent budgets) before openpyxl opens it.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from lib.data import reference, wilayah
from lib.db import writes
from lib.ingest import named_table, shapes
from lib.ingest.cells import check_cells
from lib.ingest.numbers import NumberFormatError, parse_number, value_problem
from lib.ingest.validate import Problem
from lib.text import periods

COLUMNS = ("isu", "opd", "wilayah", "periode", "judul", "uraian", "jumlah", "satuan", "sumber", "url")
REQUIRED = ("isu", "wilayah", "periode", "judul", "sumber")
MAX_TITLE = 200
# The longest text per column, in characters after trimming (lib.ingest.cells, the rules of value uploads):
# sumber as for values (500); uraian as a value's catatan (1.000: a paragraph, not a pasted report); judul a
# headline; url room for a long address; codes and the unit are short; jumlah as a value's nilai.
MAX_CHARS = {"isu": 50, "opd": 50, "wilayah": 50, "periode": 50, "judul": MAX_TITLE, "uraian": 1000,
             "jumlah": 200, "satuan": 50, "sumber": shapes.MAX_CHARS["sumber"], "url": 2000}
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MayReport = Callable[[str, str], bool]  # (isu, wilayah) -> allowed


@dataclass(frozen=True)
class ActionRow:
    """One valid action, ready to load."""

    line: int
    isu: str
    opd: str | None
    wilayah: str
    periode: str
    judul: str
    uraian: str | None
    jumlah: float | None
    satuan: str | None
    sumber: str
    url: str | None


def template_csv() -> bytes:
    """The template: the column headings and one example row (UTF-8 CSV with BOM, opens in Excel)."""
    example = ["INF", "KETAPANG", "76.02", "2025-10", "Gerakan Pangan Murah di Pasar Regional", "Bersama Bulog",
               "4", "kegiatan", "Dinas Ketahanan Pangan Sulbar", "https://contoh.go.id/berita"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([COLUMNS, example])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read(file_name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line, cells) per filled row of a .csv or .xlsx; UploadError (with the fix) when the file is refused."""
    return named_table.read(file_name, data, COLUMNS, REQUIRED, "tindakan")


class _Context:
    """The reference data a check needs, read once, and who reports."""

    def __init__(self, con, may_report: MayReport | None, user_opd: str | None, today: date):
        self.isu = set(reference.isu_codes(con))
        self.opd = set(reference.opd_codes(con))
        self.wilayah = set(wilayah.all_codes(con))
        self.periode = set(reference.periode_codes(con))
        self.may_report, self.user_opd, self.today = may_report, user_opd, today


def reporter(con, user) -> MayReport:
    """may_report(isu, wilayah) for a lib.users.accounts.User: the lib.access.permissions rule, read for an isu."""
    from lib.access import permissions

    allowed = permissions.checker(con, user)
    first = reference.first_indicator_per_isu(con)
    return lambda isu, wilayah: isu in first and allowed(first[isu], wilayah)


def _check_keys(cells: dict[str, str], ctx: _Context, refuse) -> str | None:
    """Check isu, opd, wilayah (with permission) and periode; the period code when it is valid."""
    isu, opd, wilayah = cells["isu"].upper(), cells["opd"].upper(), cells["wilayah"]
    if isu not in ctx.isu:
        refuse("isu", "Kode isu tidak dikenal.", f"Pakai salah satu: {', '.join(sorted(ctx.isu))}.")
    if opd and (opd not in ctx.opd or (ctx.user_opd and opd != ctx.user_opd)):
        refuse("opd", "Kode OPD tidak dikenal atau bukan OPD akun ini.",
               f"Tulis {ctx.user_opd or 'kode dari tabel opd (mis. DINKES)'} atau kosongkan.")
    if wilayah not in ctx.wilayah:
        refuse("wilayah", "Kode wilayah tidak dikenal.", "Pakai kode Kemendagri, mis. 76 (provinsi) atau 76.05 (Majene).")
    elif isu in ctx.isu and ctx.may_report and not ctx.may_report(isu, wilayah):
        refuse("wilayah", f"Akun ini tidak berwenang melaporkan tindakan isu {isu} untuk wilayah {wilayah}.",
               "Laporkan hanya isu yang dikoordinasikan OPD Anda atau wilayah yang diampunya.")
    try:
        period = periods.parse_period(cells["periode"])
    except periods.PeriodError as exc:
        refuse("periode", str(exc), "Tulis mis. 2025, 2025-S1, 2025-Q3, 2025-10 atau 2025-10-W2.")
        return None
    if not period.measured:
        refuse("periode", "Tindakan dicatat pada periode pelaksanaannya, bukan tanggal diumumkan.",
               "Tulis periode tindakan itu berjalan, mis. 2025-10.")
        return None
    if period.kode not in ctx.periode or period.mulai > ctx.today:
        refuse("periode", "Periode belum terjadi atau di luar rentang data.", "Isi periode tindakan yang sudah berjalan.")
    return period.kode


def _check_text(line: int, cells: dict[str, str], refuse) -> float | None:
    """Check judul, sumber, url and jumlah; the amount when one is given and valid."""
    if not cells["judul"]:  # its length is checked with every cell's (lib.ingest.cells)
        refuse("judul", "Judul tindakan kosong.", f"Tulis judul singkat (1–{MAX_TITLE} karakter).")
    if not cells["sumber"]:
        refuse("sumber", "Sumber wajib diisi.", "Tulis dokumen, laporan atau berita yang mencatat tindakan ini.")
    if cells["url"] and not _URL.match(cells["url"]):
        refuse("url", "Alamat tautan tidak sah.", "Tulis alamat lengkap berawalan https:// atau kosongkan.")
    if not cells["jumlah"]:
        return None
    try:
        amount = parse_number(cells["jumlah"], cells["satuan"] or "")
    except NumberFormatError as exc:
        refuse("jumlah", str(exc), "Tulis angkanya seperti yang disarankan, atau kosongkan kolom jumlah.")
        return None
    # The value path's rules for an amount (lib.ingest.numbers): never negative, whole for a count unit
    # (kegiatan, anak, KK, …), within 0–100 for persen, not absurdly large.
    problem = value_problem(amount, "jumlah tindakan", cells["satuan"] or "-", False,
                            f"di kolom jumlah pada baris {line}")
    if problem:
        refuse("jumlah", *problem)
        return None
    return amount


def _check_row(line: int, cells: dict[str, str], ctx: _Context, problems: list[Problem]) -> ActionRow | None:
    def refuse(column: str, message: str, fix: str) -> None:
        problems.append(Problem(line, column, cells.get(column, ""), message, fix))

    before = len(problems)
    cells = check_cells(line, cells, lambda *problem: problems.append(Problem(*problem)), f"pada baris {line}",
                        MAX_CHARS)
    periode = _check_keys(cells, ctx, refuse)
    jumlah = _check_text(line, cells, refuse)
    if len(problems) > before:
        return None
    return ActionRow(line, cells["isu"].upper(), cells["opd"].upper() or None, cells["wilayah"], periode,
                     cells["judul"], cells["uraian"] or None, jumlah, cells["satuan"] or None, cells["sumber"],
                     cells["url"] or None)


def check(con, rows: list[tuple[int, dict[str, str]]], may_report: MayReport | None = None,
          user_opd: str | None = None, today: date | None = None) -> tuple[list[ActionRow], list[Problem]]:
    """Every row checked; all problems at once (a file with one is refused whole)."""
    ctx, problems, clean, seen = _Context(con, may_report, user_opd, today or date.today()), [], [], {}
    for line, cells in rows:
        row = _check_row(line, cells, ctx, problems)
        if row is None:
            continue
        key = (row.isu, row.wilayah, row.periode, row.judul.lower())
        if key in seen:
            problems.append(Problem(line, "judul", row.judul, f"Tindakan yang sama sudah ada di baris {seen[key]}.",
                                    "Hapus salah satu baris."))
            continue
        seen[key] = line
        clean.append(row)
    return clean, problems


def load(db_path, file_name: str, data: bytes, *, user_name: str, user_opd: str | None = None,
         may_report: MayReport | None = None) -> int | None:
    """Check the file again and load it as one batch (None: this file is already loaded). Raises
    UploadError for an unreadable file, lib.ingest.RejectedError listing every problem, LoadError/BusyError."""
    return named_table.load(db_path, file_name, data, read(file_name, data),
                            lambda con, rows: check(con, rows, may_report, user_opd),
                            lambda con, clean, name, digest: _append(con, clean, name, digest, user_name.strip(),
                                                                     user_opd))  # an OPD's actions as its values


def _append(con, rows: list[ActionRow], file_name: str, digest: str, user_name: str, user_opd: str | None) -> int:
    now = datetime.now().replace(microsecond=0)
    batch_id = writes.add_batch(con, file_name, digest, user_name, now, len(rows),
                                f"Unggahan tindakan: {len(rows)} tindakan")
    writes.add_actions(con, [(r.isu, r.opd or user_opd, r.wilayah, r.periode, r.judul, r.uraian, r.jumlah, r.satuan,
                              r.sumber, r.url, user_name, now, batch_id) for r in rows])
    return batch_id
