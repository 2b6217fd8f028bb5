"""What may be shown in public (setting MONITOR41_PUBLIC=1, and always on the Presentasi page and in every
export: the deck, the PDF brief and the share images).

Public output is an allow-list: every frame a public surface reads passes through public_view, which keeps
only the columns declared in PUBLIC_COLUMNS, each under its rule. A column nobody declared is private: it
never reaches a public visitor, whatever query adds it later.

- SHOWN: reference data and what is computed from it (names of wilayah, indicators and OPD, periods,
  statuses, targets' bases).
- COUNT: a count under 5 at kecamatan or desa level is hidden and shown as "< 5" (a small count in a small
  area can point at a family). The rule covers every count a row carries (value, previous value, the values
  then and now, baseline, target, band, a tindakan's jumlah), and the figures computed from a hidden one
  (change, achievement, distance to the target) are hidden with it.
- SOURCE: only the publisher, whatever the punctuation ("Kompas (kutipan Pj Gubernur …)", "Kompas - kutipan
  …", "Radar Sulbar [kutipan Bupati …]" -> the publisher) — the older value's source too.
- LINK: only the link's site.
- WITHHELD: free text a user typed and nothing marks as public (a tindakan's judul and uraian, a value's
  catatan, an uploaded file's name): kept as an empty column so pages draw, its content never shown. The
  schema has no "public" mark for tindakan, so a public visitor sees their counts and categories only.
- Columns naming who loaded, rolled back or recorded data are not declared: they are dropped.
"""
from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

import pandas as pd

from lib.text.i18n import COUNT_UNITS, MISSING

SMALL_COUNT = 5
SMALL_AREA_LEVELS = ("kecamatan", "desa")
SUPPRESSED_TEXT = "< 5"

SHOWN, COUNT, SOURCE, LINK, WITHHELD = "shown", "count", "source", "link", "withheld"

# Count columns and, for each, the column that marks it hidden ("disamarkan" is the value's own mark).
COUNT_COLUMNS = {"nilai": "disamarkan", "nilai_sebelumnya": "nilai_sebelumnya_disamarkan",
                 "target": "target_disamarkan", "target_atas": "target_disamarkan",
                 "nilai_atas": "disamarkan", "nilai_lama": "nilai_lama_disamarkan",
                 "nilai_baru": "nilai_baru_disamarkan", "baseline": "baseline_disamarkan",
                 "acuan": "acuan_disamarkan", "acuan_atas": "acuan_disamarkan",
                 "bagian_penyebut": "bagian_penyebut_disamarkan", "jumlah": "jumlah_disamarkan",
                 "nilai_resmi": "nilai_resmi_disamarkan", "nilai_simulasi": "nilai_simulasi_disamarkan"}
MARK_COLUMNS = tuple(dict.fromkeys(COUNT_COLUMNS.values()))
# Figures computed from counts: hidden when any count they come from (and the row has) is hidden.
DERIVED_COLUMNS = {"selisih": ("nilai", "nilai_sebelumnya", "nilai_lama", "nilai_baru"),
                   "capaian_pct": ("nilai", "target", "target_atas", "baseline"),
                   "jarak_target": ("nilai", "target", "target_atas"),
                   "perubahan_relatif": ("nilai", "nilai_sebelumnya")}

_SHOWN_COLUMNS = (
    # wilayah, indicators, isu, OPD (reference data)
    "wilayah", "nama", "level", "kode", "kode_bps", "kecamatan", "nama_kecamatan", "nama_induk", "nama_wilayah",
    "wilayah_nama", "target_wilayah", "indikator", "nama_indikator", "indikator_utama", "definisi", "isu",
    "isu_koordinasi", "satuan", "arah", "periodisitas", "bagian_nama", "opd", "nama_opd", "singkatan",
    "opd_singkatan", "opd_koordinator", "opd_pengunggah", "pemilik", "peran", "disimpulkan",
    # periods and dates
    "periode", "periode_label", "periode_jenis", "tanggal", "tanggal_mulai", "tanggal_akhir", "periode_sebelumnya",
    "periode_jenis_sebelumnya", "tanggal_sebelumnya", "periode_lama", "periode_baru", "periode_label_lama",
    "periode_label_baru", "tanggal_lama", "tanggal_baru", "periode_terakhir", "label_terakhir", "baseline_periode",
    "usia_tahun", "usia_bulan", "lama", "lama_lama", "lama_baru", "terlambat", "waktu", "jam", "jam_tercatat",
    # judgements (lib.judge) and their targets' bases (reference data)
    "status", "status_lama", "status_baru", "status_berubah", "aturan", "warna", "membaik", "memburuk",
    "perubahan", "naik_turun", "saldo", "putus_seri", "keterangan", "jenis", "jenis_sebelumnya", "jenis_lama",
    "jenis_baru", "jenis_terakhir", "ada_resmi", "ada_simulasi", "target_periode", "target_tahun",
    "target_cakupan", "target_dasar", "target_rujukan", "target_berganti", "target_periode_lama",
    "target_periode_baru", "target_tahun_lama", "target_tahun_baru", "acuan_tahun", "acuan_rujukan",
    "acuan_cakupan", "dasar", "rujukan", "lingkup",
    # tallies (never of people in one place) and batch ids
    "jumlah_indikator", "jumlah_kabupaten", "jumlah_kabupaten_utama", "jumlah_nilai", "jumlah_resmi",
    "jumlah_simulasi", "jumlah_wilayah", "urutan", "id", "unggahan", "dimuat_pada", "dicatat_pada",
    # apel: the meeting's name and place
    "tempat",
    # konvergensi (lib.judge.convergence): worst-fifth positions and tallies of isu, never of people
    "kode_induk", "keadaan", "batas", "jumlah_terburuk", "terburuk", "isu_terburuk", "isu_ada_data", "isu_simulasi",
    "jumlah_isu", "jumlah_isu_data", "kombinasi", "jumlah_tindakan",
    # orang tua asuh (issue 23): published commitments, and the sums of lib.judge.asuh in its public form
    # (lib.judge.asuh.publik hides every count from 1 to 4 before a screen or the deck reads them)
    "tingkat", "jenis_data", "pihak", "jumlah_atas", "komitmen_sponsor", "komitmen_anak", "bulan_laporan",
    "asuhan_aktif", "mitra_aktif", "anak", "anak_berjalan", "bulan_tersalur", "rupiah_tersalur", "anak_6_bulan",
    "anak_membaik", "anak_keluar", "anak_maju", "anak_tetap", "anak_pindah", "anak_meninggal",
    *(f"{c}_disamarkan" for c in ("asuhan_aktif", "mitra_aktif", "anak", "anak_berjalan", "bulan_tersalur",
                                  "rupiah_tersalur", "anak_6_bulan", "anak_membaik", "anak_keluar", "anak_maju",
                                  "anak_tetap", "anak_pindah", "anak_meninggal")),
    # marks this module adds
    *MARK_COLUMNS,
)
_DERIVED_SHOWN = tuple(DERIVED_COLUMNS)

# Every column a public surface may show, with its rule. Not here: private (dropped).
PUBLIC_COLUMNS: dict[str, str] = {
    **dict.fromkeys(_SHOWN_COLUMNS, SHOWN), **dict.fromkeys(_DERIVED_SHOWN, SHOWN),
    **dict.fromkeys(COUNT_COLUMNS, COUNT),
    "sumber": SOURCE, "target_sumber": SOURCE, "sumber_sebelumnya": SOURCE,
    "url": LINK, "target_url": LINK,
    "judul": WITHHELD, "uraian": WITHHELD, "catatan": WITHHELD, "nama_berkas": WITHHELD,
}
# Free text withheld in public; the screens say so where it would be.
WITHHELD_COLUMNS = tuple(c for c, rule in PUBLIC_COLUMNS.items() if rule == WITHHELD)


def rule(column: object) -> str | None:
    """The public rule of a column (an English twin `X_en` follows X's), or None: private."""
    name = str(column)
    found = PUBLIC_COLUMNS.get(name)
    if found is None and name.endswith("_en"):
        found = PUBLIC_COLUMNS.get(name[:-3])
    return found


# Where a publisher's name ends: a bracket, a spaced or long dash, a slash between spaces, other clause
# punctuation, or a word that introduces a quotation or an official's title (case-insensitive).
_CLAUSE = re.compile(r"[(\[{<|:;\"“”'‘’]|,\s|\s[-–—/]|[–—]|(?<!\bNo)(?<!\bKab)(?<!\bKec)(?<!\bNomor)\.\s")
_QUOTING_WORDS = (
    "kutipan", "mengutip", "dikutip", "menurut", "kata", "ujar", "ucap", "sebut", "wawancara", "pernyataan",
    "keterangan", "paparan", "pidato", "siaran", "rilis", "gubernur", "wagub", "bupati", "wabup", "wakil",
    "wali", "walikota", "camat", "lurah", "kepala", "kadis", r"kadis\w+", "kadinkes", "kaban", "kabid", "kasi",
    "kasubag", "kasubbag", "sekretaris", "sekda", "pj", "plt", "plh", "ketua", "inspektur", "menteri", "menko",
    "deputi", "direktur", "dirjen", "irjen", "jubir", "juru", "humas", "koordinator", "perencana", "pejabat",
    "anggota", "staf", "dr", "prof", "bapak", "ibu", "pak", "bu", "h", "hj", "ir", "drs")
_QUOTING = re.compile(r"(?<![\w.])(?:" + "|".join(_QUOTING_WORDS) + r")(?![\w-])", re.IGNORECASE)
_TRAILING = " \t-–—/.,;:"


def public_source(source: object) -> object:
    """Only the publisher of a source, never a quoted official ("Kompas - kutipan Pj Gubernur X" -> "Kompas").

    A source whose first words already name a person or title yields "–" rather than anything of it.
    """
    if not isinstance(source, str):
        return source
    text = " ".join(source.split()).lstrip("\"“‘'")
    clause = _CLAUSE.search(text)
    if clause:
        text = text[:clause.start()]
    quoting = _QUOTING.search(text)
    if quoting:
        text = text[:quoting.start()]
    return text.strip(_TRAILING) or MISSING


def public_url(url: object) -> object:
    """Only the site of a link (its path may name a person): "https://kompas.com/read/..." -> "https://kompas.com"."""
    if not isinstance(url, str) or not url.strip():
        return url
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.hostname}" if parts.scheme and parts.hostname else MISSING


_COUNT_UNITS = tuple(u.lower() for u in COUNT_UNITS)


def is_count_unit(satuan: object) -> bool:
    """Whether a unit counts people, households or places: 'anak', 'KK', and a tindakan's free-text unit that
    begins with one ('anak (data dicek)', 'desa sasaran')."""
    if not isinstance(satuan, str):
        return False
    text = " ".join(satuan.split()).lower()
    return any(text == u or text.startswith((u + " ", u + "(")) for u in _COUNT_UNITS)


def _small(frame: pd.DataFrame, column: str, area_count: pd.Series) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    return area_count & values.notna() & (values.abs() < SMALL_COUNT)


def suppress_small_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank every count under SMALL_COUNT in kecamatan/desa rows, mark it (shown as "< 5"), and blank what
    is computed from it. The value's mark is `disamarkan`, the target's `target_disamarkan`."""
    if not {"satuan", "level"} <= set(frame.columns):
        return frame
    area_count = frame["level"].isin(SMALL_AREA_LEVELS) & frame["satuan"].map(is_count_unit).astype(bool)
    hidden_by_column = {c: _small(frame, c, area_count) for c in COUNT_COLUMNS if c in frame.columns}
    if not any(mask.any() for mask in hidden_by_column.values()):
        return frame
    shown = frame.copy()
    for column, mask in hidden_by_column.items():
        mark = COUNT_COLUMNS[column]
        shown[mark] = (shown[mark].fillna(False).astype(bool) if mark in shown.columns else False) | mask
    hidden = {column: shown[COUNT_COLUMNS[column]] for column in hidden_by_column}  # a band goes with its edge
    for column, mask in hidden.items():
        shown.loc[mask, column] = float("nan")
    for column, sources in DERIVED_COLUMNS.items():
        masks = [hidden[s] for s in sources if s in hidden]
        if column in shown.columns and masks:
            shown.loc[pd.concat(masks, axis=1).any(axis=1), column] = float("nan")
    return shown


def public_view(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame fit for public display: only declared columns (PUBLIC_COLUMNS), small counts hidden, sources
    and links without names, free text withheld."""
    shown = suppress_small_counts(frame)
    rules = {c: rule(c) for c in shown.columns}
    shown = shown[[c for c, r in rules.items() if r is not None]]
    changes = {}
    for column, found in rules.items():
        if found == SOURCE:
            changes[column] = shown[column].map(public_source)
        elif found == LINK:
            changes[column] = shown[column].map(public_url)
        elif found == WITHHELD:
            changes[column] = pd.Series(None, index=shown.index, dtype=object)
    return shown.assign(**changes) if changes else shown


def public_result(result: object) -> object:
    """public_view applied to a frame, to every frame in a tuple, list or dict, and to every field of a
    dataclass (such as lib.judge.since_apel.Comparison); anything else passes unchanged."""
    if isinstance(result, pd.DataFrame):
        return public_view(result)
    if isinstance(result, tuple) and not hasattr(result, "_fields"):
        masked = tuple(public_result(item) for item in result)
        return result if all(a is b for a, b in zip(masked, result)) else masked
    if isinstance(result, list) and any(isinstance(x, pd.DataFrame) for x in result):
        return [public_result(item) for item in result]
    if isinstance(result, dict) and any(isinstance(x, pd.DataFrame) for x in result.values()):
        return {key: public_result(item) for key, item in result.items()}
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        changes = {f.name: masked for f in dataclasses.fields(result)
                   if (masked := public_result(getattr(result, f.name))) is not getattr(result, f.name)}
        return dataclasses.replace(result, **changes) if changes else result
    return result
