"""Orang tua asuh uploads (issue 23): one row per child-sponsorship, with its sponsor; all or nothing.

The same path as the tindakan upload (lib.ingest.tindakan): the readers' heading rules and XLSX safety, every cell
through lib.ingest.cells (control, bidi and zero-width characters refused, MAX_CHARS per column), numbers through
lib.ingest.numbers, every problem listed at once (row, column, what is wrong, what would be right), one unggahan
batch per file through the uploads' writer (lib.ingest.load.writing), the same hash check against loading a file
twice, and rollback by lib.ingest.load.rollback (v_asuhan_agregat then leaves the batch out).

Rules of a row:
- anak_ref is the pseudonymous reference of the source system. Never a NIK or KK number (16 digits, also with
  spaces, dots or dashes between) and never a name: it must hold a digit and no space, only letters, digits and
  . _ / - (ANAK_REF). This system stores no child's name or NIK.
- desa is a desa code (Kemendagri) the record knows; sasaran baduta | ibu_hamil | catin; mulai and bulan_laporan
  are months (2025-03), not after this month, bulan_laporan not before mulai; bulan_rencana 1-60; bulan_tersalur
  0..bulan_rencana and not more than the months from mulai to bulan_laporan; rupiah_per_bulan whole, 0 up to
  MAX_RUPIAH; zscore_awal/zscore_akhir (TB/U) within -6..+6, zscore_awal required for a baduta; hasil
  keluar_stunting only for a baduta and not with a latest z-score below -2.
- The sponsor (mitra_nama, mitra_jenis, mitra_opd, mitra_kabupaten) is matched to a known one of the same name
  (case aside), kind, OPD and kabupaten, else added with the batch. asn_opd needs an OPD or a kabupaten.
- Scope (lib.access.permissions): an admin loads anything. An OPD account loads rows whose sponsor is its own ASN
  (mitra_jenis asn_opd, mitra_opd = its OPD), and rows of children in a wilayah it answers for (the stunting
  rule of the value uploads: may_report); never another OPD's ASN. A viewer loads nothing.
- One sponsorship (mitra, anak_ref) once per file. A later file reporting it again appends a row: its latest
  row not rolled back is its current state.
Uploaded rows are official (jenis_data 'resmi'); simulated rows come only from lib.db.simulation_asuh.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
from openpyxl.styles import Font

from lib.data import asuh as asuh_reads
from lib.data import reference, wilayah
from lib.db import writes, writes_asuh
from lib.ingest import named_table
from lib.ingest.cells import check_cells, visible
from lib.ingest.numbers import NumberFormatError, parse_number
from lib.ingest.validate import Problem

COLUMNS = ("mitra_nama", "mitra_jenis", "mitra_opd", "mitra_kabupaten", "anak_ref", "desa", "sasaran", "mulai",
           "bulan_rencana", "rupiah_per_bulan", "saluran", "bulan_tersalur", "zscore_awal", "zscore_akhir", "hasil",
           "bulan_laporan")
REQUIRED = ("mitra_nama", "mitra_jenis", "anak_ref", "desa", "sasaran", "mulai", "bulan_rencana", "rupiah_per_bulan",
            "bulan_tersalur", "hasil", "bulan_laporan")
MITRA_JENIS = ("asn_opd", "perusahaan", "bank", "perguruan_tinggi", "organisasi_keagamaan", "organisasi_masyarakat",
               "perorangan")
SASARAN = ("baduta", "ibu_hamil", "catin")
HASIL = ("berjalan", "keluar_stunting", "tetap", "pindah", "meninggal")
MAX_CHARS = {"mitra_nama": 200, "mitra_jenis": 50, "mitra_opd": 50, "mitra_kabupaten": 50, "anak_ref": 40,
             "desa": 50, "sasaran": 50, "mulai": 20, "bulan_rencana": 20, "rupiah_per_bulan": 50, "saluran": 200,
             "bulan_tersalur": 20, "zscore_awal": 20, "zscore_akhir": 20, "hasil": 50, "bulan_laporan": 20}
MAX_PLANNED, MAX_RUPIAH, Z_LIMIT, STUNTED = 60, 10_000_000, 6.0, -2.0
ANAK_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_NIK = re.compile(r"\d{16}")
_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-01)?")  # 2025-03; 2025-03-01 is what Excel makes of a typed 2025-03
JENIS_DATA = "resmi"
MayReport = Callable[[str], bool]  # (wilayah) -> allowed for this account

COLUMN_NOTES = {
    "mitra_nama": "Nama orang tua asuh: kelompok ASN (mis. 'ASN Dinas Kesehatan'), perusahaan, bank, kampus, "
                  "organisasi, atau nama perorangan yang setuju namanya dicatat.",
    "mitra_jenis": "Salah satu: " + ", ".join(MITRA_JENIS) + ".",
    "mitra_opd": "Kode OPD provinsi untuk kelompok ASN (mis. DINKES); kosongkan untuk yang lain.",
    "mitra_kabupaten": "Kode kabupaten bila orang tua asuh milik satu kabupaten (mis. 76.03 untuk ASN Pemkab "
                       "Mamasa); boleh kosong.",
    "anak_ref": "Nomor rujukan samaran anak dari sistem sumber (mis. nomor register TPK). BUKAN nama dan BUKAN "
                "NIK/nomor KK: harus memuat angka, tanpa spasi.",
    "desa": "Kode desa/kelurahan Kemendagri tempat anak tinggal, mis. 76.05.01.1001.",
    "sasaran": "Salah satu: baduta, ibu_hamil, catin.",
    "mulai": "Bulan pertama bantuan, tahun-bulan, mis. 2025-03.",
    "bulan_rencana": "Lama bantuan yang direncanakan, dalam bulan (1-60).",
    "rupiah_per_bulan": "Bantuan per bulan dalam rupiah, bilangan bulat, mis. 185000.",
    "saluran": "Lewat siapa bantuan sampai: TPK, Puskesmas, atau nama organisasi; boleh kosong.",
    "bulan_tersalur": "Berapa bulan bantuan benar-benar sudah tersalur sampai bulan laporan.",
    "zscore_awal": "Z-skor TB/U saat mulai (-6 sampai 6, koma desimal boleh: -2,6); wajib untuk baduta.",
    "zscore_akhir": "Z-skor TB/U pengukuran terakhir; boleh kosong bila belum diukur ulang.",
    "hasil": "Salah satu: berjalan, keluar_stunting, tetap, pindah, meninggal.",
    "bulan_laporan": "Bulan keadaan yang dilaporkan baris ini, tahun-bulan, mis. 2025-10.",
}
EXAMPLE = ("ASN Dinas Kesehatan", "asn_opd", "DINKES", "", "TPK-0451-2025", "76.05.01.1001", "baduta", "2025-03",
           "12", "185000", "TPK", "7", "-2,61", "-2,25", "berjalan", "2025-10")


@dataclass(frozen=True)
class AsuhanRow:
    """One valid sponsorship report, ready to load."""

    line: int
    mitra_nama: str
    mitra_jenis: str
    mitra_opd: str | None
    mitra_kabupaten: str | None
    anak_ref: str
    desa: str
    sasaran: str
    mulai: date
    bulan_rencana: int
    rupiah_per_bulan: int
    saluran: str | None
    bulan_tersalur: int
    zscore_awal: float | None
    zscore_akhir: float | None
    hasil: str
    bulan_laporan: date

    @property
    def mitra_key(self) -> tuple:
        return (self.mitra_nama.casefold(), self.mitra_jenis, self.mitra_opd, self.mitra_kabupaten)


def template_csv() -> bytes:
    """The template: the column headings and one example row (UTF-8 CSV with BOM, opens in Excel)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([COLUMNS, EXAMPLE])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """The template as .xlsx: sheet 'asuhan' with the headings and the example row (replace it), sheet
    'petunjuk' with a note per column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "asuhan"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(14, len(column) + 2)
        for row in (1, 2):
            sheet.cell(row, index).number_format = "@"  # text: codes and months stay as typed
    notes = book.create_sheet("petunjuk")
    notes.append(("kolom", "wajib", "isi"))
    for column in COLUMNS:
        notes.append((column, "ya" if column in REQUIRED else "tidak", COLUMN_NOTES[column]))
    notes.append(())
    notes.append(("", "", "Satu baris = satu anak dengan satu orang tua asuh. Baris contoh di lembar 'asuhan' "
                          "harus diganti. Berkas dengan satu baris salah ditolak seluruhnya; semua masalah "
                          "ditampilkan sekaligus."))
    notes.column_dimensions["A"].width, notes.column_dimensions["C"].width = 18, 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(file_name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line, cells) per filled row of a .csv or .xlsx; UploadError (with the fix) when the file is refused."""
    return named_table.read(file_name, data, COLUMNS, REQUIRED, "asuhan")


def reporter(con, user) -> MayReport:
    """may_report(wilayah) for a lib.users.accounts.User: the lib.access.permissions rule for stunting."""
    from lib.access import permissions

    allowed = permissions.checker(con, user)
    indicator = reference.first_indicator_per_isu(con).get("ST")
    return lambda code: indicator is not None and allowed(indicator, code)


class _Context:
    """The reference data a check needs, read once, and who loads."""

    def __init__(self, con, may_report: MayReport | None, user_opd: str | None, today: date):
        self.opd = set(reference.opd_codes(con))
        self.desa = set(wilayah.codes_at_levels(con, ("desa",)))
        self.kabupaten = set(wilayah.codes_at_levels(con, ("kabupaten",)))
        self.may_report, self.user_opd = may_report, user_opd
        self.this_month = today.replace(day=1)


def anak_ref_problem(text: str) -> tuple[str, str] | None:
    """Message and fix when text is no pseudonymous reference (a NIK, a KK number or a name), else None."""
    digits = re.sub(r"[\s.\-/_]", "", text)
    if _NIK.search(digits):
        return ("anak_ref tampak seperti NIK atau nomor KK (16 angka). Sistem ini tidak menyimpan NIK anak atau "
                "keluarga.", "Pakai nomor rujukan samaran dari sistem sumber (mis. nomor register TPK), bukan NIK.")
    if not any(ch.isdigit() for ch in text) or " " in text:
        return ("anak_ref tampak seperti nama orang (tanpa angka atau berspasi). Sistem ini tidak menyimpan nama "
                "anak.", "Pakai nomor rujukan samaran dari sistem sumber, mis. TPK-0451-2025.")
    if not ANAK_REF.fullmatch(text):
        return ("anak_ref hanya boleh berisi huruf, angka, titik, garis bawah, garis miring dan tanda minus.",
                "Salin nomor rujukan dari sistem sumber apa adanya, mis. TPK-0451-2025.")
    return None


def _month(text: str) -> date | None:
    found = _MONTH.fullmatch(text)
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return date(int(found.group(1)), int(found.group(2)), 1)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


class _Row:
    """The checks of one row; every problem goes to problems."""

    def __init__(self, line: int, cells: dict[str, str], ctx: _Context, problems: list[Problem]):
        self.line, self.ctx, self.problems = line, ctx, problems
        self.cells = check_cells(line, cells, lambda *problem: problems.append(Problem(*problem)),
                                 f"pada baris {line}", MAX_CHARS)

    def refuse(self, column: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.line, column, visible(self.cells.get(column, "")), message, fix))

    def choice(self, column: str, allowed: tuple[str, ...]) -> str | None:
        value = self.cells[column].strip().lower()
        if value not in allowed:
            self.refuse(column, f"{column} tidak dikenal." if value else f"{column} kosong.",
                        f"Tulis salah satu: {', '.join(allowed)}.")
            return None
        return value

    def whole(self, column: str, low: int, high: int, unit: str) -> int | None:
        text = self.cells[column]
        try:
            value = parse_number(text, unit)
        except NumberFormatError as exc:
            self.refuse(column, f"{column}: {exc}", f"Tulis bilangan bulat {low}–{high}.")
            return None
        if not float(value).is_integer() or not low <= value <= high:
            self.refuse(column, f"{column} harus bilangan bulat {low}–{high}.", f"Periksa angkanya: '{text}'.")
            return None
        return int(value)

    def zscore(self, column: str) -> float | None:
        text = self.cells[column]
        if not text:
            return None
        try:
            value = parse_number(text, "z-skor")
        except NumberFormatError as exc:
            self.refuse(column, f"{column}: {exc}", "Tulis z-skor TB/U seperti -2,6.")
            return None
        if not -Z_LIMIT <= value <= Z_LIMIT:
            self.refuse(column, f"{column} {text} di luar rentang -6 sampai 6 (tidak masuk akal untuk TB/U).",
                        "Periksa pengukurannya; tulis z-skor, bukan tinggi badan dalam cm.")
            return None
        return round(float(value), 2)

    def month(self, column: str) -> date | None:
        value = _month(self.cells[column])
        if value is None:
            self.refuse(column, f"{column} bukan bulan." if self.cells[column] else f"{column} kosong.",
                        "Tulis tahun-bulan, mis. 2025-03.")
        elif value > self.ctx.this_month:
            self.refuse(column, f"{column} {self.cells[column]} belum terjadi.", "Tulis bulan yang sudah berjalan.")
            return None
        return value

    def sponsor(self) -> tuple[str | None, str | None, str | None]:
        """(jenis, opd, kabupaten) of the sponsor, checked, with the account's scope."""
        jenis = self.choice("mitra_jenis", MITRA_JENIS)
        opd = self.cells["mitra_opd"].strip().upper() or None
        kabupaten = self.cells["mitra_kabupaten"].strip() or None
        if not self.cells["mitra_nama"]:
            self.refuse("mitra_nama", "Nama orang tua asuh kosong.", "Tulis nama kelompok ASN, lembaga atau orang.")
        if opd and opd not in self.ctx.opd:
            self.refuse("mitra_opd", "Kode OPD tidak dikenal.", "Pakai kode dari tabel opd, mis. DINKES.")
        if kabupaten and kabupaten not in self.ctx.kabupaten:
            self.refuse("mitra_kabupaten", "Kode kabupaten tidak dikenal.", "Pakai kode Kemendagri, mis. 76.03.")
        if jenis == "asn_opd" and not (opd or kabupaten):
            self.refuse("mitra_opd", "Kelompok ASN tanpa OPD atau kabupaten.",
                        "Isi mitra_opd (OPD provinsi) atau mitra_kabupaten (ASN Pemkab).")
        if jenis and jenis != "asn_opd" and opd:
            self.refuse("mitra_opd", "mitra_opd hanya untuk kelompok ASN (mitra_jenis asn_opd).",
                        "Kosongkan mitra_opd, atau ubah mitra_jenis menjadi asn_opd.")
        return jenis, opd, kabupaten

    def scope(self, jenis: str | None, opd: str | None, desa: str | None) -> None:
        ctx = self.ctx
        if ctx.user_opd and jenis == "asn_opd" and opd and opd != ctx.user_opd:
            self.refuse("mitra_opd", f"Akun ini tidak boleh memuat asuhan ASN OPD lain ({opd}).",
                        f"Muat hanya ASN {ctx.user_opd}, atau minta OPD itu mengunggah sendiri.")
            return
        own_asn = bool(ctx.user_opd) and jenis == "asn_opd" and opd == ctx.user_opd
        if ctx.may_report and desa and not own_asn and not ctx.may_report(desa):
            self.refuse("desa", f"Akun ini tidak berwenang memuat asuhan di wilayah {desa}.",
                        "Muat hanya asuhan ASN OPD Anda sendiri, atau anak di wilayah yang diampu OPD Anda.")

    def result(self) -> AsuhanRow | None:
        cells, before = self.cells, len(self.problems)
        jenis, opd, kabupaten = self.sponsor()
        ref = cells["anak_ref"]
        problem = anak_ref_problem(ref) if ref else ("anak_ref kosong.", "Isi nomor rujukan samaran anak.")
        if problem:
            self.refuse("anak_ref", *problem)
        desa = cells["desa"].strip()
        if desa not in self.ctx.desa:
            self.refuse("desa", "Kode desa tidak dikenal.", "Pakai kode desa/kelurahan Kemendagri, mis. 76.05.01.1001.")
            desa = None
        self.scope(jenis, opd, desa)
        sasaran = self.choice("sasaran", SASARAN)
        hasil = self.choice("hasil", HASIL)
        mulai, laporan = self.month("mulai"), self.month("bulan_laporan")
        planned = self.whole("bulan_rencana", 1, MAX_PLANNED, "bulan")
        delivered = self.whole("bulan_tersalur", 0, MAX_PLANNED, "bulan")
        rupiah = self.whole("rupiah_per_bulan", 0, MAX_RUPIAH, "rupiah")
        before_z, after_z = self.zscore("zscore_awal"), self.zscore("zscore_akhir")
        if mulai and laporan and laporan < mulai:
            self.refuse("bulan_laporan", "bulan_laporan sebelum bulan mulai.", "Periksa kedua bulan itu.")
        if delivered is not None and planned is not None and delivered > planned:
            self.refuse("bulan_tersalur", f"bulan_tersalur {delivered} melebihi bulan_rencana {planned}.",
                        "Tulis bulan yang sudah tersalur, paling banyak sama dengan rencananya.")
        elif delivered is not None and mulai and laporan and laporan >= mulai \
                and delivered > _months_between(mulai, laporan) + 1:
            self.refuse("bulan_tersalur", f"bulan_tersalur {delivered} lebih dari jumlah bulan sejak mulai "
                        f"({_months_between(mulai, laporan) + 1}).", "Periksa bulan mulai dan bulan_tersalur.")
        if sasaran == "baduta" and before_z is None and not cells["zscore_awal"]:
            self.refuse("zscore_awal", "zscore_awal wajib untuk baduta.", "Isi z-skor TB/U saat bantuan mulai.")
        if hasil == "keluar_stunting" and sasaran and sasaran != "baduta":
            self.refuse("hasil", "keluar_stunting hanya untuk baduta.", "Pakai berjalan, tetap, pindah atau meninggal.")
        if hasil == "keluar_stunting" and after_z is not None and after_z < STUNTED:
            self.refuse("hasil", f"keluar_stunting, padahal zscore_akhir {cells['zscore_akhir']} masih di bawah -2.",
                        "Periksa hasil atau z-skor terakhirnya.")
        if len(self.problems) > before:
            return None
        return AsuhanRow(self.line, cells["mitra_nama"], jenis, opd, kabupaten, ref, desa, sasaran, mulai, planned,
                         rupiah, cells["saluran"] or None, delivered, before_z, after_z, hasil, laporan)


def check(con, rows: list[tuple[int, dict[str, str]]], may_report: MayReport | None = None,
          user_opd: str | None = None, today: date | None = None) -> tuple[list[AsuhanRow], list[Problem]]:
    """Every row checked; all problems at once (a file with one is refused whole)."""
    ctx, problems, clean, seen = _Context(con, may_report, user_opd, today or date.today()), [], [], {}
    for line, cells in rows:
        row = _Row(line, cells, ctx, problems).result()
        if row is None:
            continue
        key = (row.mitra_key, row.anak_ref)
        if key in seen:
            problems.append(Problem(line, "anak_ref", row.anak_ref, f"Asuhan yang sama (orang tua asuh dan anak_ref) "
                                    f"sudah ada di baris {seen[key]}.", "Hapus salah satu baris."))
            continue
        seen[key] = line
        clean.append(row)
    return clean, problems


def load(db_path, file_name: str, data: bytes, *, user_name: str, user_opd: str | None = None,
         may_report: MayReport | None = None) -> int | None:
    """Check the file again and load it as one batch; its id, or None when this file is already loaded. Raises
    UploadError for an unreadable file, lib.ingest.pipeline.RejectedError listing every problem,
    LoadError/BusyError."""
    return named_table.load(db_path, file_name, data, read(file_name, data),
                            lambda con, rows: check(con, rows, may_report, user_opd),
                            lambda con, clean, name, digest: _append(con, clean, name, digest, user_name.strip()))


def _append(con, rows: list[AsuhanRow], file_name: str, digest: str, user_name: str) -> int:
    now = datetime.now().replace(microsecond=0)
    batch_id = writes.add_batch(con, file_name, digest, user_name, now, len(rows),
                                f"Unggahan orang tua asuh: {len(rows)} asuhan")
    known = asuh_reads.mitra(con)
    known = known[known["jenis_data"] == JENIS_DATA]
    ids = {(nama.casefold(), jenis, opd if isinstance(opd, str) else None, kab if isinstance(kab, str) else None): i
           for i, nama, jenis, opd, kab in known[["id", "nama", "jenis", "opd", "kabupaten"]].itertuples(index=False)}
    new = list(dict.fromkeys(r.mitra_key for r in rows if r.mitra_key not in ids))
    first = {r.mitra_key: r for r in reversed(rows)}
    added = writes_asuh.add_mitra(con, [(first[k].mitra_nama, first[k].mitra_jenis, first[k].mitra_opd,
                                         first[k].mitra_kabupaten, JENIS_DATA, batch_id, user_name, now) for k in new])
    ids |= dict(zip(new, added))
    writes_asuh.add_asuhan(con, [(ids[r.mitra_key], r.anak_ref, r.desa, r.sasaran, r.mulai, r.bulan_rencana,
                                  r.rupiah_per_bulan, r.saluran, r.bulan_tersalur, r.zscore_awal, r.zscore_akhir,
                                  r.hasil, r.bulan_laporan, JENIS_DATA, batch_id, user_name, now) for r in rows])
    return batch_id
