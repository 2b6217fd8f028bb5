"""Numbers typed as text in an upload, read the Indonesian way; anything readable two ways is refused.

Indonesian writing is canonical: '.' groups thousands, ',' is the decimal mark. A reading is accepted
only when it is the one reading that makes sense for the indicator's satuan; otherwise the value is
refused with both readings and the way to write the intended one. "Whole" units are the counts
(lib.text.i18n.COUNT_UNITS: anak, jiwa, KK, perkara, kegiatan, …), and rupiah; "below 1.000" units are
persen and indeks; "other" is the rest. A count is never negative (may_be_negative), whatever its isu.

| # | text (after trimming)                    | example              | whole     | persen/indeks | other    |
|---|------------------------------------------|----------------------|-----------|---------------|----------|
| 1 | digits only                              | 16377                | 16377     | 16377         | 16377    |
| 2 | one ',' then 1–2 or 4+ digits            | 40,6 · 1,19 · 1,2345 | 40.6 …    | 40.6 …        | 40.6 …   |
| 3 | '0' or 4+ digits, then ',' and 3 digits  | 0,125 · 1234,567     | 0.125 …   | 0.125 …       | 0.125 …  |
| 4 | 1–3 digits (not 0), ',' and 3 digits     | 16,377 · 1,190       | refused   | 16.377 · 1.19 | refused  |
| 5 | 1–3 digits (not 0), '.' and 3 digits     | 16.377 · 1.190       | 16377     | refused       | refused  |
| 6 | '.' groups of three, optional ',' part   | 1.234.567 · 1.234,5  | 1234567 … | 1234567 …     | 1234567 …|
| 7 | one '.' where it cannot group thousands  | 40.6 · 2.21 · 0.125  | 40.6 …    | 40.6 …        | 40.6 …   |
| 8 | English grouping (',' every 3 digits)    | 1,234,567 · 1,234.5  | refused   | refused       | refused  |
| 9 | any other mix of '.' and ','             | 1.23.4 · 1,2,3 · ,5  | refused   | refused       | refused  |
|10 | spaces inside, 1E+05, (1,2), letters, -  | 16 377 · 1E+05       | refused   | refused       | refused  |
|11 | '=…' formula text, Excel error           | =B7*2 · #DIV/0!      | refused   | refused       | refused  |
|12 | empty                                    | ''                   | refused   | refused       | refused  |

Why: row 4 — for a whole unit, 16,377 is English thousands or a fraction of a child, so it is refused;
for persen/indeks the thousands reading (≥ 1.000) is impossible, so 1,19 is meant. Row 5 — 16.377
children would be a fraction the English way, so the Indonesian 16377 is meant; a persen 1.190 would
be 1190 % the Indonesian way, so the writer used English and the value is refused, never re-read; for
other units both readings make sense. Row 7 — a lone '.' followed by 1–2 or 4+ digits, or after '0'
or 4+ digits, cannot be a thousands separator: English-locale CSV exports and the seed files write
decimals so, and reading them cannot go wrong. Row 8 — English grouping is refused as a whole (its
short form 16,377 must be refused anyway, so one fix covers the column). A fix never suggests a
text that would itself read two ways (for "other" units 2,125 is suggested as 2,1250).

Around the number: spaces and NBSP; a leading '+', '-' or '−' (range checks are validate's); a
trailing '%' only for persen; a leading 'Rp' / 'Rp.' only for a rupiah satuan (on a count or a persen
it means the wrong indicator or column, so it is refused). Numbers from XLSX
numeric cells never come here: they already are numbers.
"""
from __future__ import annotations

import re
from decimal import Decimal

from lib.text.i18n import COUNT_UNITS, format_number

UNDER_THOUSAND_UNITS = ("persen", "indeks")
MAX_MAGNITUDE = 10.0**15  # beyond any indicator (a provincial budget in rupiah is ~10^12); floats stay exact
_COUNTS = {unit.lower() for unit in COUNT_UNITS}
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!")
_GENERAL_FIX = ("Tulis angka dengan koma sebagai tanda desimal dan titik hanya sebagai pemisah ribuan "
                "tiap tiga angka, mis. 40,6 atau 16.377.")

_PLAIN = re.compile(r"\d+")
_DOT_PAIR = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_COMMA_PAIR = re.compile(r"[1-9]\d{0,2},\d{3}")
_ID_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")
_EN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_RUPIAH = re.compile(r"rp\.?\s*", re.IGNORECASE)


class NumberFormatError(ValueError):
    """A value that is not a number written the Indonesian way; .problem and .fix are for the user."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem} {fix}")
        self.problem = problem
        self.fix = fix


def is_count(satuan: str | None) -> bool:
    """Whether satuan counts people or things (lib.text.i18n.COUNT_UNITS): whole, never negative."""
    return (satuan or "").strip().lower() in _COUNTS


def may_be_negative(isu: str, arah: str, satuan: str | None) -> bool:
    """Whether a value of this indicator may be below zero: inflation and bands may, a count never does."""
    return (isu == "INF" or arah == "rentang") and not is_count(satuan)


def _under_thousand(satuan: str | None) -> bool:
    return (satuan or "").strip().lower() in UNDER_THOUSAND_UNITS


def _is_rupiah(satuan: str | None) -> bool:
    return (satuan or "").strip().lower() in ("rupiah", "rp")


def _whole(satuan: str | None) -> bool:
    """Units written as whole numbers: counts, and rupiah (no sen in practice)."""
    return is_count(satuan) or _is_rupiah(satuan)


def parse_number(text: str, satuan: str) -> float:
    """Read a number typed as text (see the module table); raise NumberFormatError saying the fix."""
    raw = "" if text is None else str(text)
    body = raw.strip()
    if not body:
        raise NumberFormatError("Nilai kosong.", "Isi angkanya, mis. 40,6 atau 16377.")
    _refuse_special(raw, body)
    negative = body[0] in "-−"
    if body[0] in "+-−":
        body = body[1:].strip()
    body = _strip_affixes(raw, body, satuan)
    value = _read_body(raw, body, satuan)
    return -value if negative and value else value


def _refuse_special(raw: str, body: str) -> None:
    """Formula text, Excel errors and accounting brackets get their own explanation."""
    if body.startswith("="):
        raise NumberFormatError(
            f"'{raw}' adalah rumus Excel tanpa hasil tersimpan, bukan angka.",
            "Buka berkas di Excel agar rumusnya dihitung lalu simpan ulang, atau ketik angkanya langsung.")
    if body.upper() in _EXCEL_ERRORS:
        raise NumberFormatError(
            f"Sel berisi galat Excel {body}, bukan angka.",
            "Perbaiki rumus di sel itu (mis. pembagian dengan nol) atau ketik angkanya.")
    if body.startswith("(") and body.endswith(")"):
        raise NumberFormatError(
            f"'{raw}' memakai tanda kurung untuk angka negatif.",
            f"Tulis dengan tanda minus di depan: -{body[1:-1].strip()}.")


def _strip_affixes(raw: str, body: str, satuan: str) -> str:
    """Remove a trailing '%' (persen only) and a leading 'Rp' (rupiah only)."""
    if body.endswith("%"):
        if (satuan or "").strip().lower() != "persen":
            raise NumberFormatError(
                f"'{raw}' memakai tanda %, padahal satuan indikator ini {satuan}.",
                "Hapus tanda % dan tulis angkanya saja, atau periksa kode indikatornya.")
        body = body[:-1].strip()
    match = _RUPIAH.match(body)
    if match:
        if not _is_rupiah(satuan):
            raise NumberFormatError(
                f"'{raw}' diawali Rp, padahal satuan indikator ini {satuan}.",
                "Hapus 'Rp' dan tulis angkanya saja, atau periksa kode indikatornya.")
        body = body[match.end():]
    return body


def _read_body(raw: str, body: str, satuan: str) -> float:
    """Apply the module table to the digits-and-marks body."""
    if _PLAIN.fullmatch(body):
        return float(Decimal(body))
    if _DOT_PAIR.fullmatch(body):
        if _whole(satuan):
            return float(Decimal(body.replace(".", "")))
        raise _two_readings(raw, body, satuan, ".")
    if _COMMA_PAIR.fullmatch(body):
        if _under_thousand(satuan):
            return float(Decimal(body.replace(",", ".")))
        raise _two_readings(raw, body, satuan, ",")
    if _ID_GROUPED.fullmatch(body):
        return float(Decimal(body.replace(".", "").replace(",", ".")))
    if _COMMA_DECIMAL.fullmatch(body):
        return float(Decimal(body.replace(",", ".")))
    if _DOT_DECIMAL.fullmatch(body):
        return float(Decimal(body))
    if _EN_GROUPED.fullmatch(body):
        value = Decimal(body.replace(",", ""))
        raise NumberFormatError(
            f"'{raw}' ditulis cara Inggris (koma sebagai pemisah ribuan"
            f"{', titik sebagai tanda desimal' if '.' in body else ''}).",
            f"Tulis cara Indonesia: {show_number(value)} (titik pemisah ribuan, koma desimal) "
            f"atau tanpa pemisah ribuan: {typed_form(value, satuan)}.")
    raise _not_a_number(raw, body)


def _two_readings(raw: str, body: str, satuan: str, mark: str) -> NumberFormatError:
    """Explain both readings of 'X.XXX' / 'X,XXX' and how to write the intended one."""
    thousands = Decimal(body.replace(mark, ""))
    decimal = Decimal(body.replace(mark, "."))
    name = "koma" if mark == "," else "titik"
    as_decimal = f"{spoken(decimal)} ({name} sebagai tanda desimal)"
    as_thousands = f"{typed_form(thousands, satuan)} ({name} sebagai pemisah ribuan)"
    readings = f"{as_thousands} atau {as_decimal}" if mark == "," else f"{as_decimal} atau {as_thousands}"
    if _whole(satuan):
        return NumberFormatError(
            f"'{raw}' bisa dibaca {readings}, padahal jumlah {satuan} selalu bilangan bulat.",
            f"Bila maksudnya {typed_form(thousands, satuan)} {satuan}, tulis {typed_form(thousands, satuan)} "
            f"atau {show_number(thousands)} (titik sebagai pemisah ribuan).")
    return NumberFormatError(
        f"'{raw}' bisa dibaca dua cara: {readings}.",
        f"Bila maksudnya {spoken(decimal)}, tulis {typed_form(decimal, satuan)}; bila maksudnya "
        f"{typed_form(thousands, satuan)}, tulis {typed_form(thousands, satuan)} tanpa titik.")


def _not_a_number(raw: str, body: str) -> NumberFormatError:
    """The catch-all refusal, with a specific hint for the usual slips."""
    if re.fullmatch(r"[\d.,]*\d\s+\d[\d.,\s]*", body):
        return NumberFormatError(f"'{raw}' memakai spasi di tengah angka.",
                                 "Hapus spasinya, mis. 16377 atau 16.377.")
    if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+", body):
        return NumberFormatError(
            f"'{raw}' ditulis dalam notasi ilmiah (E).",
            "Format kolom itu sebagai angka biasa di Excel lalu simpan ulang, agar angkanya tertulis lengkap.")
    if body in {"", "-", "–", "—"} or not re.search(r"\d", body):
        return NumberFormatError(
            f"'{raw}' bukan angka.",
            "Tulis angkanya, mis. 40,6 atau 16377; bila nilainya nol tulis 0; bila belum ada data, "
            "hapus barisnya (di templat: kosongkan selnya).")
    if re.fullmatch(r"[\d.,]+", body):
        return NumberFormatError(f"'{raw}' memakai titik atau koma di tempat yang tidak lazim.", _GENERAL_FIX)
    return NumberFormatError(f"'{raw}' bukan angka.", _GENERAL_FIX)


def _plain(value: Decimal) -> str:
    """Digits with a decimal comma, no grouping, no trailing zeros: 1234,5."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def typed_form(value: Decimal | float, satuan: str | None = None) -> str:
    """How to type value so that parse_number reads it back for this satuan, e.g. 1190 or 1,19."""
    value = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = _plain(value)
    if _COMMA_PAIR.fullmatch(text.lstrip("-")) and not _under_thousand(satuan):
        text += "0"  # 2,125 would read two ways for this unit; 2,1250 reads one way
    return text


def spoken(value: Decimal) -> str:
    """A decimal said the Indonesian way, unmistakably: '16 koma 377'."""
    whole, _, fraction = _plain(value).partition(",")
    return f"{whole} koma {fraction}" if fraction else whole


def show_number(value: Decimal | float) -> str:
    """A number in Indonesian writing with every decimal it has: 16.377, 1.234,5, 16,377."""
    value = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    decimals = max(0, -value.normalize().as_tuple().exponent)
    return format_number(value, decimals=min(decimals, 10))


def value_problem(value: float, kode: str, satuan: str, signed: bool, where: str,
                  from_cell: bool = False) -> tuple[str, str] | None:
    """Message and fix when value cannot be right for indicator kode (signed: may be negative), else None."""
    if abs(value) >= MAX_MAGNITUDE:  # also keeps show_number within Decimal's precision
        return (f"Nilai {where} terlalu besar (lebih dari {format_number(MAX_MAGNITUDE)}).",
                "Periksa angkanya: tidak ada indikator sebesar itu; mungkin angka lain ikut tersalin ke sel itu.")
    if value < 0 and not signed:
        return (f"Nilai {show_number(value)} {where} negatif, padahal {kode} ({satuan}) tidak bisa negatif.",
                "Tulis nilainya tanpa tanda minus, atau periksa kode indikatornya.")
    if is_count(satuan) and not float(value).is_integer():
        shown = show_number(value)
        message = f"Nilai {shown} {where} bukan bilangan bulat, padahal jumlah {satuan} selalu bulat."
        if from_cell and Decimal(repr(value)).as_tuple().exponent >= -3:
            whole = int(Decimal(repr(value)) * 1000)  # English-locale Excel read the thousands dot as decimal
            return message, (f"Bila maksudnya {whole} {satuan}, ketik {whole} tanpa titik: Excel berbahasa "
                             f"Inggris membaca titik sebagai tanda desimal, jadi {show_number(whole)} menjadi "
                             f"{shown.replace(',', ' koma ')}.")
        return message, "Tulis jumlahnya sebagai bilangan bulat, mis. 16377."
    low = -100 if signed else 0
    if satuan.lower() == "persen" and not low <= value <= 100:
        return (f"Nilai {show_number(value)} persen {where} di luar rentang {low}–100.",
                ("Tulis persen sebagai angka 0–100 (40,6 berarti 40,6%); bila ini jumlah orang, pakai "
                "indikator jumlahnya."))
    return None
