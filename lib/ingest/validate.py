"""Check uploaded rows against the reference tables and the data contract, collecting every problem.

Rules, each a Problem saying what is wrong and what would be right: first every cell's text
(lib.ingest.cells: control characters, length limits); indicator unknown (closest codes
suggested); wilayah code unknown (valid codes of that level listed; BPS codes such as 7601 and codes
with a comma recognised), or disagreeing with nama_wilayah; period invalid, a date (Excel converted it),
outside the database years, not started yet (after `today`), or not fitting the indicator's
periodisitas (a finer measured period fits: Susenas March 2024 of a yearly series is 2024-03; a coarser one
never; an announcement day `2023-09-01-diumumkan` fits any); for a yearly, half-yearly or quarterly series, a
second period inside one year, semester or quarter (2024 beside 2024-03, in the upload or the record); value empty, unreadable (numbers.parse_number), negative where the indicator cannot be
(numbers.may_be_negative: only isu INF and arah rentang, and never a count), a fraction of a count, a
persen outside 0–100 (INF: −100–100); sumber empty or only a number (a decimal comma that split a CSV
row); not allowed by may_load; one key (indikator, wilayah, periode) twice with different content.
Decisions:
- Codes match without regard to case (st-prev = ST-PREV); periods are returned in canonical form.
- Wilayah codes and names are checked in lib.ingest.wilayah_check.
- One cause on many lines (an unknown indicator in every row) is one Problem; Problem.lines lists
  every line and Problem.line is the first.
- Rows repeating a key with the same value, sumber and catatan collapse into the first (nothing is
  lost); the same key with any difference is one Problem naming every line involved.
- A value is read only when its indicator is known: the satuan decides how to read it.
"""
from __future__ import annotations

import difflib
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lib.data import reference
from lib.data.wilayah import wilayah_rows
from lib.ingest.cells import check_cells
from lib.ingest.numbers import (
    NumberFormatError,
    may_be_negative,
    parse_number,
    show_number,
    value_problem,
)
from lib.ingest.rows import SourceRow
from lib.ingest.wilayah_check import check_wilayah, name_key
from lib.text import periods
from lib.text.plain import visible

_WHERE = "{where}"
# Periods repeat on every row and parse_period builds babel labels: parse each code once.
_parse_period = functools.lru_cache(maxsize=4096)(periods.parse_period)
_fits_periodicity = functools.lru_cache(maxsize=4096)(periods.fits_periodicity)


@dataclass(frozen=True)
class Problem:
    """What is wrong with the upload (message) and what would be right (fix), in Bahasa Indonesia."""

    line: int | None
    column: str | None
    value: str | None
    message: str
    fix: str
    lines: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"{self.message} {self.fix}"


@dataclass(frozen=True)
class CleanRow:
    """A fully valid row, in canonical codes, ready to load."""

    line: int
    indikator: str
    wilayah: str
    periode: str
    nilai: float
    sumber: str
    catatan: str | None


def validate(rows: list[SourceRow], con, may_load: Callable[[str, str], bool] | None = None, *,
             today: date | None = None) -> tuple[list[CleanRow], list[Problem]]:
    """Check every row; return the valid rows and every Problem (load nothing unless it is empty)."""
    ref = _Reference(con)
    issues = _Issues()
    allowed = functools.cache(may_load) if may_load else (lambda indikator, wilayah: True)
    checked = [_check_row(row, ref, issues, allowed, today or date.today()) for row in rows]
    clean = _check_duplicates(checked, ref, issues)
    clean = _check_one_period_per_slot(clean, con, ref, issues)
    return clean, issues.problems()


@dataclass(frozen=True)
class _Checked:
    """One row after checking: its key when the key is valid, what duplicates compare, the clean row."""

    line: int
    key: tuple[str, str, str] | None
    content: tuple
    clean: CleanRow | None


class _Reference:
    """The reference tables, read once per validation."""

    def __init__(self, con):
        self.indikator = {r[0].upper(): r for r in reference.indicator_rows(con)}
        self.wilayah = {r[0]: r for r in wilayah_rows(con)}
        self.periode = set(reference.periode_codes(con))
        years = [int(code) for code in self.periode if code.isdigit()]
        self.years = (min(years), max(years)) if years else (0, 0)
        self.by_bps = {r[4]: r[0] for r in self.wilayah.values() if r[4] and r[4] != r[0]}
        self.children: dict[str | None, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for code, _level, nama, induk, _bps in self.wilayah.values():
            self.children[induk].append(code)
            self.by_name[name_key(nama)].append(code)

    def short(self, code: str) -> str:
        """The wilayah's name without its Kabupaten prefix: 'Majene'."""
        return re.sub(r"^Kabupaten\s+", "", self.wilayah[code][2])


class _Issues:
    """Problems grouped by identical content, so one cause on many lines is one Problem."""

    def __init__(self):
        self.groups: dict[tuple, list[int]] = {}
        self.count = 0

    def add(self, lines, column: str | None, value: str | None, message: str, fix: str) -> None:
        """Record a problem; message may hold {where}, replaced by 'pada baris …'."""
        self.groups.setdefault((column, value, message, fix), []).extend(
            [lines] if isinstance(lines, int) else lines)
        self.count += 1

    def problems(self) -> list[Problem]:
        found = [Problem(line=min(lines), column=column, value=value, fix=fix, lines=tuple(sorted(set(lines))),
                         message=message.replace(_WHERE, "pada " + lines_text(lines)))
                 for (column, value, message, fix), lines in self.groups.items()]
        return sorted(found, key=lambda problem: problem.line)  # stable: a row's problems in column order


def lines_text(lines: list[int]) -> str:
    """'baris 12', 'baris 3 dan 9', 'baris 3, 5 dan 9–20' (long lists shortened)."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    parts = [str(a) if a == b else f"{a} dan {b}" if b == a + 1 else f"{a}–{b}" for a, b in spans]
    parts = [piece for part in parts for piece in part.split(" dan ")]
    if len(parts) > 8:
        rest = sum(b - a + 1 for a, b in spans[8:])
        parts = parts[:8] + [f"{rest} baris lain"]
    return "baris " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1])


def _check_row(row: SourceRow, ref: _Reference, issues: _Issues, allowed, today: date) -> _Checked:
    """Run every rule on one row; the row is clean only when none of them added a problem."""
    before, line = issues.count, row.line
    cells = check_cells(line, row.cells, issues.add, _WHERE)
    indikator = _check_indikator(line, cells.get("indikator", ""), ref, issues)
    info = ref.indikator.get(indikator) if indikator else None
    wilayah = check_wilayah(line, cells.get("wilayah", ""), cells.get("nama_wilayah", ""), ref, issues,
                            _WHERE)
    periode = _check_periode(line, cells.get("periode", ""), info, ref, issues, today)
    nilai = _check_nilai(line, cells.get("nilai", ""), row.numeric, info, issues) if info else None
    sumber = _check_sumber(line, cells.get("sumber", ""), issues)
    catatan = cells.get("catatan") or None
    if indikator and wilayah and not allowed(indikator, wilayah):
        issues.add(line, "wilayah", wilayah,
                   f"Anda tidak berwenang memuat {indikator} untuk {ref.short(wilayah)} ({wilayah}) {_WHERE}.",
                   f"Unggah hanya indikator dan wilayah yang menjadi tanggung jawab OPD Anda, atau minta OPD "
                   f"koordinator isu {info[1]} memuatnya.")
    key = (indikator, wilayah, periode) if indikator and wilayah and periode else None
    content = (nilai if nilai is not None else cells.get("nilai", ""), sumber, catatan)
    clean = None
    if issues.count == before and key and nilai is not None:
        clean = CleanRow(line, indikator, wilayah, periode, nilai, sumber, catatan)
    return _Checked(line, key, content, clean)


def _check_indikator(line: int, text: str, ref: _Reference, issues: _Issues) -> str | None:
    if text.upper() in ref.indikator:
        return ref.indikator[text.upper()][0]
    if not text:
        issues.add(line, "indikator", text, f"Kode indikator kosong {_WHERE}.",
                   "Isi kode indikatornya, mis. ST-SASARAN.")
        return None
    close = difflib.get_close_matches(text.upper(), list(ref.indikator), n=3, cutoff=0.6)
    prefixes = sorted({row[1] for row in ref.indikator.values()})
    fix = (f"Maksudnya {' atau '.join(close)}?" if close else
           f"Kode indikator diawali {', '.join(p + '-' for p in prefixes)}, mis. ST-SASARAN.")
    issues.add(line, "indikator", text, f"Kode indikator '{text}' {_WHERE} tidak dikenal.",
               fix + " Daftar kode ada di lembar Petunjuk templat dan halaman Tentang.")
    return None


def _check_periode(line: int, text: str, info, ref: _Reference, issues: _Issues, today: date) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(\s.*)?", text):
        issues.add(line, "periode", text, f"Periode '{text}' {_WHERE} berupa tanggal, bukan kode periode "
                   "(Excel mengubah 2023-08 menjadi tanggal).",
                   f"Format sel periode sebagai Teks lalu ketik kodenya, mis. {text[:7]} untuk bulan atau "
                   f"{text[:7]}-W2 untuk minggu.")
        return None
    if not text:
        issues.add(line, "periode", text, f"Kode periode kosong {_WHERE}.",
                   "Isi kode periodenya, mis. 2023, 2023-S1, 2023-Q3, 2023-08 atau 2023-08-W2.")
        return None
    try:
        period = _parse_period(text)
    except periods.PeriodError as exc:
        issues.add(line, "periode", text, f"Kode periode '{text}' {_WHERE} tidak sah.", _after_first(str(exc)))
        return None
    first, last = ref.years
    if period.kode not in ref.periode:
        issues.add(line, "periode", text, f"Periode {period.kode} {_WHERE} di luar tahun database ({first}–{last}).",
                   "Periksa tahunnya; bila memang benar, minta admin menambah tahun itu ke database.")
    elif period.mulai > today and not period.measured:
        issues.add(line, "periode", text, f"Tanggal diumumkan {period.akhir:%d-%m-%Y} {_WHERE} belum tiba.",
                   "Tulis tanggal nilai itu diumumkan (sudah lewat), mis. 2023-09-01-diumumkan.")
    elif period.mulai > today:
        issues.add(line, "periode", text, f"Periode {period.kode} ({period.label_id}) {_WHERE} belum dimulai.",
                   "Periksa tahun dan bulannya; nilai hanya dimuat untuk periode yang sudah berjalan.")
    elif info and not _fits_periodicity(period.kode, info[4]):
        issues.add(line, "periode", text, *_periodicity_problem(info[0], info[4], period))
    else:
        return period.kode
    return None


def _periodicity_problem(kode: str, periodisitas: str, period: periods.Period) -> tuple[str, str]:
    """Message and fix for a period that does not fit the indicator's periodisitas."""
    jenis = periods.jenis_for_periodicity(periodisitas)
    example = periods.period_of_date(period.mulai, jenis).kode
    finer = periods.FINER_ALLOWED[periodisitas]
    if period.jenis == "minggu":  # finer, but a week only carries monthly counts reported at an apel
        message = (f"{kode} dilaporkan {periodisitas}, tetapi periode {period.kode} {_WHERE} adalah minggu "
                   f"({period.label_id}); minggu hanya untuk hitungan bulanan yang dilaporkan di apel.")
        return message, f"Pakai bulan saat data diukur, mis. {period.kode[:7]}, atau kode {jenis}, mis. {example}."
    allowed = f", atau periode yang lebih rinci saat data diukur ({', '.join(finer)})" if finer else ""
    message = (f"{kode} dilaporkan {periodisitas}, tetapi periode {period.kode} {_WHERE} adalah {period.jenis} "
               f"({period.label_id}), lebih panjang dari satu {jenis}: satu nilai tidak bisa mewakili beberapa "
               f"{jenis}.")
    return message, f"Pakai kode {jenis}, mis. {example}{allowed}."


def _slot_of(code: str, periodisitas: str) -> str | None:
    holder = _periodicity_period(code, periodisitas)
    return holder.kode if holder else None


_periodicity_period = functools.lru_cache(maxsize=4096)(periods.periodicity_period)


def _check_one_period_per_slot(clean: list[CleanRow], con, ref: _Reference, issues: _Issues) -> list[CleanRow]:
    """A yearly, half-yearly or quarterly series keeps one period per year, semester or quarter: refuse a row
    whose period shares that slot with another code, in the upload or among the record's current values
    ('2024' beside '2024-03' would count extreme poverty twice for 2024). Monthly series are exempt: running
    counts are reported at several weekly apel of one month."""
    coarse = [row for row in clean if ref.indikator[row.indikator][4] in ("tahunan", "semesteran", "triwulanan")
              and _parse_period(row.periode).measured]
    if not coarse:
        return clean
    taken: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for indikator, wilayah, periode in reference.measured_periods_of_coarse_series(con):
        if indikator.upper() in ref.indikator:
            slot = _slot_of(periode, ref.indikator[indikator.upper()][4])
            if slot:
                taken[(indikator, wilayah, slot)].add(periode)
    uploaded: dict[tuple[str, str, str], list[CleanRow]] = defaultdict(list)
    for row in coarse:
        slot = _slot_of(row.periode, ref.indikator[row.indikator][4])
        if slot:
            uploaded[(row.indikator, row.wilayah, slot)].append(row)
    refused: set[int] = set()
    for (indikator, wilayah, slot), rows in uploaded.items():
        codes = {row.periode for row in rows}
        recorded = taken.get((indikator, wilayah, slot), set()) - codes
        if len(codes) < 2 and not recorded:
            continue
        jenis = _parse_period(slot).jenis
        others = sorted(codes | recorded)
        where = f" ({', '.join(sorted(recorded))} sudah ada di database)" if recorded else ""
        refused.update(row.line for row in rows)
        issues.add([row.line for row in rows], "periode", rows[0].periode,
                   f"{indikator} untuk {ref.short(wilayah)} ({wilayah}) {_WHERE} akan punya {len(others)} periode "
                   f"dalam {jenis} {_parse_period(slot).label_id}: {', '.join(others)}{where}.",
                   "Satu seri memakai satu periode per " + jenis + ": pakai kode periode yang sama dengan nilai "
                   "yang ada (periode saat data diukur, mis. Susenas Maret = 2024-03) bila ini nilai yang sama "
                   "atau koreksinya.")
    return [row for row in clean if row.line not in refused]


def _after_first(message: str) -> str:
    """A PeriodError message without its first sentence, which the Problem message already says."""
    first, _, rest = message.partition(". ")
    return rest if rest and first.startswith("Kode periode") else message


def _check_nilai(line: int, text: str, numeric: float | None, info, issues: _Issues) -> float | None:
    kode, isu, satuan, arah = info[:4]
    from_cell = numeric is not None
    if numeric is None:
        if not text:
            issues.add(line, "nilai", text, f"Nilai kosong {_WHERE}.", "Isi nilainya; bila belum ada data, "
                       "hapus baris ini (di templat: kosongkan juga sumber dan catatannya).")
            return None
        try:
            numeric = parse_number(text, satuan)
        except NumberFormatError as exc:
            issues.add(line, "nilai", text, f"Nilai {_WHERE} tidak bisa dibaca: {exc.problem}", exc.fix)
            return None
    if not math.isfinite(numeric):
        issues.add(line, "nilai", text, f"Nilai '{text}' {_WHERE} bukan angka.", "Tulis angkanya, mis. 40,6.")
        return None
    problem = value_problem(numeric, kode, satuan, may_be_negative(isu, arah, satuan), _WHERE, from_cell)
    if problem:
        issues.add(line, "nilai", text, *problem)
        return None
    return numeric


def _check_sumber(line: int, text: str, issues: _Issues) -> str:
    if not text:
        issues.add(line, "sumber", text, f"Sumber kosong {_WHERE}.",
                   "Tulis sumber datanya, mis. 'Dinkes Sulbar, e-PPGBM Agustus 2023'; setiap nilai wajib "
                   "bersumber.")
    elif re.fullmatch(r"[\d.,\s%-]+", text):
        issues.add(line, "sumber", text, f"Sumber '{text}' {_WHERE} hanya berisi angka.",
                   "Tulis nama penerbit atau dokumennya. Bila ini potongan nilai (40,6 terpecah oleh pemisah "
                   "','), beri tanda kutip pada nilainya atau simpan dengan pemisah ';'.")
    return text


def _check_duplicates(checked: list[_Checked], ref: _Reference, issues: _Issues) -> list[CleanRow]:
    """Collapse exact repeats of a key into the first; a key with differing content is a Problem."""
    by_key: dict[tuple, list[_Checked]] = defaultdict(list)
    for item in checked:
        if item.key:
            by_key[item.key].append(item)
    dropped: set[int] = set()
    for (indikator, wilayah, periode), items in by_key.items():
        if len(items) < 2:
            continue
        dropped.update(item.line for item in items[1:])
        if len({item.content for item in items}) > 1:
            dropped.add(items[0].line)
            detail = "; ".join(f"baris {item.line}: {_content_text(item.content)}" for item in items)
            issues.add([item.line for item in items], None, None,
                       f"{indikator} untuk {ref.short(wilayah)} ({wilayah}) periode {periode} muncul "
                       f"{len(items)} kali dengan isi berbeda ({detail}).",
                       "Sisakan satu baris per indikator, wilayah dan periode; hapus yang lain.")
    return [item.clean for item in checked if item.clean and item.line not in dropped]


def _content_text(content: tuple) -> str:
    nilai, sumber, catatan = content
    shown = show_number(nilai) if isinstance(nilai, float) else f"'{nilai}'"
    return f"nilai {shown}, sumber '{visible(sumber)}'" + (f", catatan '{visible(catatan)}'" if catatan else "")
