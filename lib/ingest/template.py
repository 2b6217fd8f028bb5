"""The Excel upload template: one indicator, one period, one row per wilayah, plus instructions in Indonesian.

For the Unggah page a clerk picks, never types: `levels_for` gives the wilayah levels holding rows that clerk
may fill (a template per indicator and level), `period_jenis_choices` the kinds of period the indicator's
periodisitas accepts (its own, or a finer measured one, lib.text.periods.FINER_ALLOWED), `period_choices`
the periods of one kind to choose from, newest first, and `default_period` the last finished one.
"""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from lib.data import reference
from lib.data.wilayah import codes_at_levels, names_of
from lib.ingest import shapes
from lib.ingest.numbers import is_count, may_be_negative
from lib.text import periods
from lib.text.i18n import format_number

DEFAULT_LEVELS = ("provinsi", "kabupaten", "kecamatan")
LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")  # coarse to fine, as the wilayah tree
PICKER_YEARS = 6  # the period list reaches back this many years (annual surveys are published late)
PERIOD_SHEET = "Daftar periode"  # the template's list of periods the period cell may take (code, label)
_READ_ONLY = PatternFill("solid", fgColor="E7E6E6")
_INPUT = PatternFill("solid", fgColor="FFF9DB")
_HEADING = PatternFill("solid", fgColor="1F4E79")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {"A": 18, "B": 34, "C": 16, "D": 40, "E": 40}


class TemplateError(ValueError):
    """A template request naming an unknown indicator, period or wilayah; the message says the fix."""


def file_name(indikator: str, periode: str, level: str | None = None) -> str:
    """The download name: templat_ST-PREV_2023.xlsx, or templat_ST-PREV_2023_kabupaten.xlsx for one level."""
    return f"templat_{indikator}_{periode}{'_' + level if level else ''}.xlsx"


def levels_for(con, allowed: list[str]) -> dict[str, list[str]]:
    """The allowed wilayah codes per level, coarse to fine, leaving out levels with none (one template each)."""
    allowed_set = set(allowed)
    by_level = {level: [code for code in codes_at_levels(con, (level,)) if code in allowed_set]
                for level in LEVELS}
    return {level: codes for level, codes in by_level.items() if codes}


def period_jenis_choices(periodisitas: str) -> tuple[str, ...]:
    """The kinds of period a value of this periodisitas may carry: its own first, then the finer measured ones
    (tahunan: tahun, semester, triwulan, bulan — Susenas March is 2024-03; bulanan: bulan, minggu)."""
    return (periods.jenis_for_periodicity(periodisitas), *periods.FINER_ALLOWED[periodisitas])


def period_choices(con, jenis: str, today: date, years: int = PICKER_YEARS) -> list[periods.Period]:
    """The periods of one jenis that have begun by today, in the last `years` years, newest first: only codes the
    record knows (its periode table), so every choice makes a template that loads."""
    known = set(reference.periode_codes(con))
    found = [period for period in periods.periods_between(today.year - years + 1, today.year)
             if period.jenis == jenis and period.mulai <= today and period.kode in known]
    return sorted(found, key=lambda period: period.sort_key, reverse=True)


def default_period(choices: list[periods.Period], jenis: str, today: date) -> str | None:
    """The period a clerk most likely reports: the last one of this jenis that has ended (else the newest)."""
    if not choices:
        return None
    finished = periods.previous_period(periods.period_of_date(today, jenis).kode).kode
    codes = [period.kode for period in choices]
    return finished if finished in codes else codes[0]


def default_wilayah(con, levels: tuple[str, ...] = DEFAULT_LEVELS) -> list[str]:
    """Every wilayah code of the given levels (default: province, kabupaten, kecamatan), sorted."""
    return codes_at_levels(con, levels)


def value_bounds(meta: dict) -> tuple[float | None, float | None]:
    """Lowest and highest acceptable value, as lib.ingest.validate checks them (None: unbounded)."""
    signed = may_be_negative(meta["isu"], meta["arah"], meta["satuan"])
    if meta["satuan"] == "persen":
        return (-100.0 if signed else 0.0), 100.0
    return (None, None) if signed else (0.0, None)


def _indicator(con, indikator: str) -> dict:
    meta = reference.indicator(con, indikator)
    if meta is None:
        known = reference.indicator_codes(con)
        raise TemplateError(f"Indikator '{indikator}' tidak dikenal. Kode yang sah: {', '.join(known)}.")
    return meta


def _period(con, meta: dict, periode: str) -> tuple[str, str]:
    """The canonical period code (2023-8 -> 2023-08) and its label; refused when unknown or unfitting."""
    try:
        periode = periods.parse_period(periode).kode
    except periods.PeriodError as exc:
        raise TemplateError(str(exc)) from exc
    label = reference.periode_label(con, periode)
    if label is None:
        raise TemplateError(f"Periode '{periode}' tidak dikenal. Bentuk yang sah: 2023, 2023-S1, 2023-Q3, "
                            "2023-08, 2023-08-W2.")
    if not periods.fits_periodicity(periode, meta["periodisitas"]):
        raise TemplateError(f"Indikator {meta['kode']} dilaporkan {meta['periodisitas']}; periode '{periode}' "
                            f"tidak cocok. Pilih periode {periods.jenis_for_periodicity(meta['periodisitas'])}.")
    return periode, label


def _names(con, codes: list[str]) -> list[tuple[str, str]]:
    found = names_of(con, codes)
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise TemplateError(f"Kode wilayah tidak dikenal: {', '.join(unknown)}. Pakai kode Kemendagri, "
                            "mis. 76.05 (Majene) atau 76.05.01.")
    if not codes:
        raise TemplateError("Tidak ada wilayah untuk templat ini; pengguna ini tidak berwenang melaporkan "
                            "indikator tersebut di wilayah mana pun.")
    return [(code, found[code]) for code in codes]


def template_periods(con, periode: str, today: date) -> list[periods.Period]:
    """The periods the template's period cell offers: those of the chosen period's jenis a clerk may pick on the
    page (period_choices), with the chosen one even when it lies outside that window, newest first."""
    chosen = periods.parse_period(periode)
    offered = period_choices(con, chosen.jenis, today)
    if chosen.kode not in {period.kode for period in offered}:
        offered = sorted([*offered, chosen], key=lambda period: period.sort_key, reverse=True)
    return offered


def write_template(con, indikator: str, periode: str, wilayah: list[str], today: date | None = None) -> bytes:
    """An .xlsx template (shapes.py) for one indicator and period with one empty row per wilayah. The period
    cell is a list (sheet PERIOD_SHEET: codes and labels of the same kind of period), so the clerk may reuse
    the file for another period by choosing it, never typing it; the label beside it follows the choice."""
    meta = _indicator(con, indikator)
    periode, label = _period(con, meta, periode)
    header = {"indikator": meta["kode"], "nama_indikator": meta["nama"], "satuan": meta["satuan"],
              "definisi": meta["definisi"], "periode": periode, "label_periode": label}
    rows = _names(con, wilayah)
    offered = template_periods(con, periode, today or date.today())
    book = Workbook()
    sheet = book.active
    sheet.title = shapes.TEMPLATE_SHEET
    _write_header(sheet, header)
    _write_table(sheet, rows)
    sheet.add_data_validation(_value_rule(meta, len(rows)))
    for rule in _text_rules(len(rows)):
        sheet.add_data_validation(rule)
    _period_choice(sheet, len(offered))
    _help_sheet(book.create_sheet(shapes.TEMPLATE_HELP_SHEET), header, meta, reference.indicator_list(con))
    _period_sheet(book.create_sheet(PERIOD_SHEET), offered)
    book.properties.creator = shapes.TEMPLATE_MARKER
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_header(sheet, header: dict) -> None:
    """A1 marker, then the block of labels (column A) and values (column B, merged to E, read-only)."""
    sheet["A1"] = shapes.TEMPLATE_MARKER
    sheet["A1"].font = Font(bold=True, size=14, color="1F4E79")
    for offset, (label, key) in enumerate(shapes.HEADER_FIELDS.items()):
        row = shapes.HEADER_FIRST_ROW + offset
        sheet.cell(row, 1, label).font = Font(bold=True)
        cell = sheet.cell(row, 2, str(header[key]))
        cell.number_format = "@"
        cell.fill = _READ_ONLY
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        if key == "definisi":
            sheet.row_dimensions[row].height = 15 * max(1, len(str(header[key])) // 110 + 1)


def _header_row(key: str) -> int:
    return shapes.HEADER_FIRST_ROW + list(shapes.HEADER_FIELDS.values()).index(key)


def _period_choice(sheet, count: int) -> None:
    """The period cell: open, a list of the PERIOD_SHEET codes; the label cell looks its choice up there."""
    code_row, label_row = _header_row("periode"), _header_row("label_periode")
    codes = f"'{PERIOD_SHEET}'!$A$2:$A${count + 1}"
    cell = sheet.cell(code_row, 2)
    cell.fill, cell.protection = _INPUT, Protection(locked=False)
    rule = DataValidation(type="list", formula1=codes, allow_blank=False, showErrorMessage=True,
                          showInputMessage=True, errorTitle="Periode tidak ada di daftar",
                          error=f"Pilih periode dari daftar (lembar '{PERIOD_SHEET}'); jangan mengetik.",
                          promptTitle="Periode", prompt="Pilih dari daftar; nama periodenya tampil di baris bawah.")
    rule.add(f"B{code_row}")
    sheet.add_data_validation(rule)
    label = sheet.cell(label_row, 2)
    label.value = (f"=IFERROR(VLOOKUP(B{code_row},'{PERIOD_SHEET}'!$A$2:$B${count + 1},2,FALSE),"
                   '"Pilih periode dari daftar")')
    label.number_format = "General"


def _period_sheet(sheet, offered: list[periods.Period]) -> None:
    """Every period the period cell may take: code (text) and its Indonesian label, newest first; read-only."""
    for col, heading in enumerate(("Kode periode", "Periode"), start=1):
        cell = sheet.cell(1, col, heading)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), _HEADING
    for row, period in enumerate(offered, start=2):
        sheet.cell(row, 1, period.kode).number_format = "@"
        sheet.cell(row, 2, period.label_id)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 16, 30
    sheet.protection = SheetProtection(sheet=True)


def _write_table(sheet, rows: list[tuple[str, str]]) -> None:
    """Headings, then one row per wilayah: code and name read-only, Nilai/Sumber/Catatan open for input."""
    top = shapes.TABLE_HEADER_ROW
    for col, heading in enumerate(shapes.TABLE_HEADINGS, start=1):
        cell = sheet.cell(top, col, heading)
        cell.font, cell.fill, cell.border = Font(bold=True, color="FFFFFF"), _HEADING, _BOX
    for index, (code, name) in enumerate(rows, start=1):
        for col, value in enumerate((code, name, None, None, None), start=1):
            cell = sheet.cell(top + index, col, value)
            cell.border = _BOX
            if col <= 2:
                cell.number_format, cell.fill = "@", _READ_ONLY
            else:
                cell.fill, cell.protection = _INPUT, Protection(locked=False)
                cell.number_format = "General" if col == 3 else "@"
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(top + 1, 3)
    # No password: protection guards against accidental edits of codes and names, it is not a security boundary.
    sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def _value_rule(meta: dict, count: int) -> DataValidation:
    """Excel-side check of the Nilai column: whole numbers for counts, decimals otherwise, within bounds."""
    whole = is_count(meta["satuan"])
    low, high = value_bounds(meta)
    kind = "bilangan bulat" if whole else "angka"
    bound = (f" {_plain(low)}–{_plain(high)}" if low is not None and high is not None
             else f" ≥ {_plain(low)}" if low is not None else "")
    example = "16377" if whole else "40,6"
    rule = DataValidation(
        type="whole" if whole else "decimal", allow_blank=True, showErrorMessage=True, showInputMessage=True,
        errorTitle="Nilai tidak sah", promptTitle=f"Nilai ({meta['satuan']})",
        error=f"Isi {kind}{bound} tanpa satuan atau teks, mis. {example}. Kosongkan bila angka belum ada.",
        prompt=f"Isi {kind}{bound} dalam {meta['satuan']}, tanpa satuan; mis. {example}.")
    if high is not None:
        rule.operator, rule.formula1, rule.formula2 = "between", _plain(low), _plain(high)
    elif low is not None:
        rule.operator, rule.formula1 = "greaterThanOrEqual", _plain(low)
    else:  # Excel needs some bound; this one never refuses a real value
        rule.operator, rule.formula1, rule.formula2 = "between", "-1000000000", "1000000000"
    first = shapes.TABLE_HEADER_ROW + 1
    rule.add(f"C{first}:C{first + count - 1}")
    return rule


def _text_rules(count: int) -> list[DataValidation]:
    """Excel-side length limits of Sumber and Catatan: the same shapes.MAX_CHARS the reader applies."""
    rules, first = [], shapes.TABLE_HEADER_ROW + 1
    for column in ("sumber", "catatan"):
        letter, limit = "ABCDE"[shapes.TABLE_COLUMNS.index(column)], shapes.MAX_CHARS[column]
        rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True,
                              showErrorMessage=True, errorTitle="Teks terlalu panjang",
                              error=f"{column.capitalize()} paling banyak {format_number(limit)} karakter.")
        rule.add(f"{letter}{first}:{letter}{first + count - 1}")
        rules.append(rule)
    return rules


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _help_lines(header: dict, meta: dict) -> list[str]:
    whole = is_count(meta["satuan"])
    example = "16.377 atau 16377 (bilangan bulat)" if whole else "40,6 (koma desimal)"
    return [
        "Petunjuk pengisian",
        "",
        f"Indikator: {header['indikator']} — {header['nama_indikator']} ({header['satuan']})",
        (f"Periode: {header['label_periode']} ({header['periode']}). Untuk periode lain, pilih kodenya dari daftar di "
         f"sel B{_header_row('periode')} lembar '{shapes.TEMPLATE_SHEET}' (semua pilihan ada di lembar "
         f"'{PERIOD_SHEET}'); jangan mengetik."),
        "",
        (f"1. Isi hanya kolom Nilai, Sumber dan Catatan di lembar '{shapes.TEMPLATE_SHEET}'. Kode dan nama "
        "wilayah serta blok judul terkunci: jangan diubah, dipindah atau dihapus."),
        ("2. Satu baris = satu wilayah. Bila angkanya belum ada, kosongkan seluruh baris itu (Nilai, Sumber dan "
        "Catatan): baris kosong dilewati."),
        f"3. Cara menulis angka untuk indikator ini: {example}.",
        ("   Jumlah (anak, jiwa, KK, perkara, kegiatan, …): 16.377 atau 16377 — titik sebagai pemisah ribuan "
        "boleh; jumlah tidak pernah negatif atau pecahan."),
        "   Persen: 40,6 — koma sebagai pemisah desimal, tanpa tanda %.",
        ("   Jangan: menulis satuan atau teks di sel Nilai (40,6%, ±300, n/a, -), dua angka dalam satu sel, "
        "rumus yang merujuk berkas lain, menambah/menghapus baris atau kolom, mengganti nama lembar."),
        ("4. Sumber wajib diisi untuk setiap nilai: nama dokumen atau aplikasi dan tanggalnya, mis. "
        f"'e-PPGBM, unduhan 10 Agustus 2023'; paling banyak {format_number(shapes.MAX_CHARS['sumber'])} "
        f"karakter. Catatan boleh kosong (paling banyak {format_number(shapes.MAX_CHARS['catatan'])} karakter)."),
        ("   Jangan menyembunyikan baris, kolom atau lembar yang berisi data, dan hapus filter sebelum menyimpan: "
        "data yang tersembunyi atau tersaring ditolak, tidak dimuat diam-diam."),
        ("5. Unggah lewat halaman 'Unggah data' (atau `python -m lib.ingest load`). Setiap baris diperiksa dulu: "
        "bila SATU baris saja salah, TIDAK ADA yang dimuat. Laporan menyebut baris, kolom dan cara "
        "memperbaikinya; perbaiki lalu unggah ulang seluruh berkas."),
        ("6. Mengunggah berkas yang sama dua kali tidak menggandakan data, dan nilai yang sama dengan nilai terkini "
        "tidak dicatat ulang. Untuk koreksi, ubah nilainya lalu unggah lagi: nilai lama tetap tersimpan di riwayat."),
    ]


def _help_sheet(sheet, header: dict, meta: dict, indicators: list[tuple]) -> None:
    """The instructions, one paragraph per row, then every indicator code (for the long format too)."""
    sheet.column_dimensions["A"].width = 110
    lines = _help_lines(header, meta)
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    top = len(lines) + 2
    sheet.cell(top, 1, "Daftar kode indikator (kode — nama, satuan, periodisitas)").font = Font(bold=True)
    for offset, (kode, nama, satuan, periodisitas) in enumerate(indicators, start=1):
        sheet.cell(top + offset, 1, f"{kode} — {nama} ({satuan}, {periodisitas})")
    sheet.protection = SheetProtection(sheet=True)
