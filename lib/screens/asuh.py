"""Orang tua asuh, the tracker's content as plain data: per OPD and per kabupaten the published commitment
against what the sponsorship records show (sponsors and sponsorships running, children, child-months and rupiah
delivered, children who progressed after six months), official and simulated apart; the kecamatan counts an
internal page shows; the "kemenangan kecil" of Ringkasan and the OPD page's line.

Rules (the counting ones live in lib.judge.asuh; these are what the screens add):
- Official (resmi) and simulated rows are two separate tables and sentences; a simulated row is never set
  against a commitment (no capaian), never summed with an official one, never a small win.
- A commitment judges (status colours, gauge) only when its basis is a document (dasar 'dokumen'); a stated one
  (pernyataan, every published commitment in the demo) is a reference, drawn neutral and said to be one.
- No data is not zero: a place with a commitment but no official sponsorship rows says "belum ada data".
- No child is identifiable: the screens only ever read sums (a published snapshot holds no child row at all:
  lib.db.snapshot.PRIVATE_TABLES), and every count from 1 to 4 is "< 5" in public mode everywhere and in the
  kecamatan table in every mode (lib.judge.asuh.publik).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from lib.access.privacy import SUPPRESSED_TEXT
from lib.data import asuh as data_asuh
from lib.export import asuh as deck_asuh
from lib.judge import asuh as rules
from lib.judge import status
from lib.present import tables
from lib.screens.source import Source
from lib.text import i18n, periods

PROVINCE = data_asuh.PROVINCE
RESMI, SIMULASI = "resmi", "simulasi"
TREND_ISU, TREND_INDICATOR = "ST", "ST-PREV"  # the stunting headline (lib.judge.headlines) beside the tracker
DOCUMENTED = "dokumen"  # the only basis that judges a commitment (as a target's: lib.judge.targets)
COMMITTED_UNITS = ("sponsor", "anak")  # totals a delivery can be set against (one child per sponsor)
WINS_SHOWN = 3


# Reads (module level, hashable arguments: a Source caches them per snapshot).
def rekap(con, tingkat: str, kabupaten: tuple[str, ...], opd: str | None, public: bool) -> pd.DataFrame:
    """lib.judge.asuh's rekap at tingkat (opd, kabupaten, kecamatan) of the sponsorships of children in the
    chosen kabupaten (all when none) and of the chosen OPD's ASN; public: its public form (small counts
    hidden). The province row stays first (every chosen kabupaten summed)."""
    rows = data_asuh.ringkasan_asuhan(con)
    promised = data_asuh.kewajiban(con)
    if kabupaten:
        rows = rows[rows["kabupaten"].isin(kabupaten)]
        promised = promised[promised["wilayah"].isin(kabupaten)]  # the province's promise is not per kabupaten
    if opd:
        rows = rows[rows["opd"] == opd]
        promised = promised[promised["opd"] == opd]
    if tingkat == rules.OPD:
        frame = rules.per_opd(rows, promised)
    elif tingkat == rules.KABUPATEN:
        frame = rules.per_kabupaten(rows, promised)
    else:
        frame = rules.per_kecamatan(rows)
    frame = frame.reset_index(drop=True)
    return rules.publik(frame) if public else frame


def commitments(con, kabupaten: tuple[str, ...], opd: str | None) -> pd.DataFrame:
    """The published commitments of the province, of the chosen kabupaten and of the chosen OPD."""
    found = data_asuh.kewajiban(con)
    if kabupaten:
        found = found[found["wilayah"].isin((PROVINCE, *kabupaten))]
    if opd:
        found = found[found["opd"].isna() | (found["opd"] == opd)]
    return found.reset_index(drop=True)


# Texts of one figure.
def _hidden(row: pd.Series, column: str) -> bool:
    return bool(row.get(f"{column}_disamarkan")) if not i18n.is_missing(row.get(f"{column}_disamarkan")) else False


def count_text(row: pd.Series, column: str, lang: str) -> str:
    """A count of the rekap: '12', '< 5' where hidden, '–' where there is no data."""
    if _hidden(row, column):
        return SUPPRESSED_TEXT
    value = row.get(column)
    return i18n.MISSING if i18n.is_missing(value) else i18n.format_number(value, 0, lang)


def rupiah_text(value: object, lang: str, hidden: bool = False) -> str:
    """'Rp12.600.000'; '–' without data, and where the children it comes from are hidden (an amount of 6 months
    at Rp185.000 would give a hidden count of children away)."""
    if hidden or i18n.is_missing(value):
        return i18n.MISSING
    return i18n.t("asuh.rupiah", lang, n=i18n.format_number(value, 0, lang))


def committed(row: pd.Series) -> tuple[float | None, str | None]:
    """(the total committed, its unit: sponsor or anak) of a rekap row; (None, None) without one."""
    for column, unit in (("komitmen_sponsor", "sponsor"), ("komitmen_anak", "anak")):
        value = row.get(column)
        if not i18n.is_missing(value):
            return float(value), unit
    return None, None


def commitment_text(row: pd.Series, lang: str) -> str:
    """'6.000 sponsor', '1.000 anak', '–'."""
    value, unit = committed(row)
    if value is None:
        return i18n.MISSING
    key = "asuh.komitmen_sponsor" if unit == "sponsor" else "asuh.komitmen_anak"
    return i18n.t(key, lang, n=i18n.format_number(value, 0, lang))


def share_of_commitment(row: pd.Series) -> float | None:
    """Sponsorships running as a percentage of the commitment (one child per committed sponsor); None without
    a commitment, or without official rows (no data is not zero), or where the count is hidden."""
    value, _ = committed(row)
    running = row.get("asuhan_aktif")
    if value is None or not value or row.get("jenis_data") != RESMI or _hidden(row, "asuhan_aktif") \
            or i18n.is_missing(running):
        return None
    return status.achievement_pct(float(running), value, status.NAIK, baseline=0.0)


# Tables.
def _columns(src: Source, with_commitment: bool, place_key: str) -> dict[str, str]:
    t = src.t
    columns = {"nama": t(place_key)}
    if with_commitment:
        columns |= {"komitmen": t("asuh.col.komitmen"), "capaian": t("asuh.col.capaian")}
    return columns | {"mitra_aktif": t("asuh.col.mitra_aktif"), "asuhan_aktif": t("asuh.col.asuhan_aktif"),
                      "anak": t("asuh.col.anak"), "bulan_tersalur": t("asuh.col.bulan_tersalur"),
                      "rupiah_tersalur": t("asuh.col.rupiah_tersalur"), "anak_6_bulan": t("asuh.col.anak_6_bulan"),
                      "anak_maju": t("asuh.col.anak_maju")}


def _place_name(src: Source, row: pd.Series, chosen: bool = False) -> str:
    """The row's OPD or wilayah; the province row is 'Sulawesi Barat (semua)', or the sum of the chosen
    kabupaten while the filter chooses some."""
    if row["tingkat"] == rules.PROVINSI:
        return src.t("asuh.pilihan" if chosen else "asuh.provinsi")
    return str(row["nama"]) if not i18n.is_missing(row["nama"]) else str(row["kode"])


def table(src: Source, frame: pd.DataFrame, jenis: str, place_key: str, chosen: bool = False) -> pd.DataFrame:
    """One part of a rekap (official: with the commitment and the share of it running; simulated: without) as
    the labelled table the page shows. Official places with a commitment and no sponsorship rows stay, with
    '–' for what they have no data of."""
    lang, official = src.lang, jenis == RESMI
    if official:
        shown = deck_asuh.official_rows(frame)
    else:
        shown = frame[frame["jenis_data"] == jenis]
        shown = shown[pd.to_numeric(shown["anak"], errors="coerce").fillna(0).gt(0) | shown.get(
            "anak_disamarkan", pd.Series(False, index=shown.index)).fillna(False).astype(bool)]
    names = _columns(src, official, place_key)
    rows = []
    for _, row in shown.iterrows():
        hidden_children = _hidden(row, "anak")
        cells = {"nama": _place_name(src, row, chosen)}
        if official:
            cells |= {"komitmen": commitment_text(row, lang), "capaian": share_of_commitment(row)}
        cells |= {c: count_text(row, c, lang) for c in ("mitra_aktif", "asuhan_aktif", "anak")}
        cells["bulan_tersalur"] = i18n.MISSING if hidden_children else count_text(row, "bulan_tersalur", lang)
        cells["rupiah_tersalur"] = rupiah_text(row["rupiah_tersalur"], lang, hidden_children)
        cells |= {c: count_text(row, c, lang) for c in ("anak_6_bulan", "anak_maju")}
        rows.append(cells)
    return pd.DataFrame(rows, columns=list(names)).rename(columns=names)


def commitments_only(src: Source, shown: pd.DataFrame) -> pd.DataFrame:
    """An official table without any official row: the place, its commitment and 'belum ada data resmi'."""
    kept = shown.iloc[:, :2].copy()
    kept[src.t("asuh.col.asuhan_aktif")] = src.t("asuh.belum_ada_data")
    return kept


def has_rows(frame: pd.DataFrame, jenis: str) -> bool:
    """Whether a rekap has sponsorship rows of that kind (hidden small counts count as rows)."""
    part = frame[frame["jenis_data"] == jenis]
    return not part.empty and (pd.to_numeric(part["anak"], errors="coerce").fillna(0).gt(0).any()
                               or part.get("anak_disamarkan", pd.Series(False, index=part.index)).fillna(False)
                               .astype(bool).any())


def progress_sentence(src: Source, frame: pd.DataFrame, jenis: str) -> str | None:
    """'Dari 120 anak yang sudah diasuh ≥ 6 bulan, 41 membaik (z-score TB/U naik ≥ 0,3) atau keluar dari
    stunting.' of the province row of that kind; None without one. Hidden counts say '< 5'."""
    row = _province_row(frame, jenis)
    if row is None:
        return None
    six = count_text(row, "anak_6_bulan", src.lang)
    if six in (i18n.MISSING, "0"):
        return src.t("asuh.kemajuan_belum")
    return src.t("asuh.kemajuan", enam=six, maju=count_text(row, "anak_maju", src.lang),
                 keluar=count_text(row, "anak_keluar", src.lang))


def totals_sentence(src: Source, frame: pd.DataFrame, jenis: str) -> str | None:
    """'312 anak diasuh oleh 45 mitra; 1.870 bulan-anak dan Rp336.600.000 tersalur.' of the province row."""
    row = _province_row(frame, jenis)
    if row is None:
        return None
    lang = src.lang
    return src.t("asuh.jumlah", anak=count_text(row, "anak", lang), mitra=count_text(row, "mitra_aktif", lang),
                 berjalan=count_text(row, "asuhan_aktif", lang),
                 bulan=i18n.MISSING if _hidden(row, "anak") else count_text(row, "bulan_tersalur", lang),
                 rupiah=rupiah_text(row["rupiah_tersalur"], lang, _hidden(row, "anak")))


def _province_row(frame: pd.DataFrame, jenis: str) -> pd.Series | None:
    rows = frame[(frame["tingkat"] == rules.PROVINSI) & (frame["jenis_data"] == jenis)]
    if rows.empty or not has_rows(rows, jenis):
        return None
    return rows.iloc[0]


def gauge_frame(src: Source, frame: pd.DataFrame) -> pd.DataFrame | None:
    """One gauge (lib.charts.gauges) per official row whose commitment rests on a document: sponsorships
    running against it, coloured by status. None when no commitment is a documented one (then the table's
    neutral bar is all there is)."""
    documented = commitments_of_basis(src, DOCUMENTED)
    rows = []
    for _, row in deck_asuh.official_rows(frame).iterrows():
        pct = share_of_commitment(row)
        if pct is None or row["kode"] not in documented:
            continue
        value, _ = committed(row)
        running = float(row["asuhan_aktif"])
        rows.append({"label": _place_name(src, row), "achievement_pct": pct,
                     "status": status.classify_status(running, value, status.NAIK),
                     "value_text": src.t("asuh.berjalan_dari", n=i18n.format_number(running, 0, src.lang),
                                         komitmen=commitment_text(row, src.lang)),
                     "target_text": documented[row["kode"]], "muted": False})
    return pd.DataFrame(rows) if rows else None


def commitments_of_basis(src: Source, dasar: str) -> dict[str, str]:
    """Place code (kabupaten, province or OPD) -> 'rujukan (periode)' of its commitments with that basis."""
    found = src.read(commitments, (), None)
    found = found[(found["dasar"] == dasar) & found["satuan"].isin(COMMITTED_UNITS)]
    return {(o if isinstance(o, str) and o else w): f"{r} ({p})"
            for w, o, r, p in zip(found["wilayah"], found["opd"], found["rujukan"], found["periode"])}


def commitment_table(src: Source, kabupaten: tuple[str, ...], opd: str | None) -> pd.DataFrame:
    """Every published commitment in view: who, what, how much, basis (dokumen/pernyataan), when, source."""
    found = src.read(commitments, kabupaten, opd)
    t, lang = src.t, src.lang
    return pd.DataFrame({
        t("asuh.col.wilayah"): [src.t("asuh.provinsi") if w == PROVINCE else n
                                for w, n in zip(found["wilayah"], found["nama_wilayah"])],
        t("asuh.col.pihak"): found["pihak"],
        t("asuh.col.jumlah"): [_amount(r, lang) for _, r in found.iterrows()],
        t("asuh.col.dasar"): [t("asuh.dasar_dokumen") if d == DOCUMENTED else t("asuh.dasar_pernyataan")
                              for d in found["dasar"]],
        t("asuh.col.periode"): [_period(p, lang) for p in found["periode"]],
        t("asuh.col.sumber"): found["sumber"]})


def _period(code: str, lang: str) -> str:
    """'2023-06' -> 'Juni 2023'; the code itself when it does not parse."""
    try:
        return periods.parse_period(code).label(lang)
    except periods.PeriodError:
        return str(code)


_UNIT_KEYS = {"sponsor": "asuh.satuan_sponsor", "anak": "asuh.satuan_anak",
              "anak_per_sponsor": "asuh.satuan_anak_per_sponsor",
              "rupiah_per_anak_per_bulan": "asuh.satuan_rupiah_per_anak_per_bulan",
              "kunjungan_per_bulan": "asuh.satuan_kunjungan_per_bulan"}


def _amount(row: pd.Series, lang: str) -> str:
    """'6.000 sponsor', 'Rp180.000–185.000 per anak per bulan', 'minimal 5 anak per sponsor'."""
    if i18n.is_missing(row["jumlah"]):
        return i18n.MISSING
    number = i18n.format_number(row["jumlah"], 0, lang)
    if not i18n.is_missing(row.get("jumlah_atas")):
        number = f"{number}–{i18n.format_number(row['jumlah_atas'], 0, lang)}"
    key = _UNIT_KEYS.get(row["satuan"])
    return i18n.t(key, lang, n=number) if key else f"{number} {row['satuan']}"


@dataclass(frozen=True)
class Part:
    """What the page shows of one kind of rows (official or simulated)."""
    jenis: str
    per_opd: pd.DataFrame
    per_kabupaten: pd.DataFrame
    totals: str | None
    progress: str | None


@dataclass(frozen=True)
class Tracker:
    official: Part
    simulated: Part | None  # None: no simulated rows in view
    has_official: bool  # any official sponsorship row in view (else the official tables show commitments only)
    gauges: pd.DataFrame | None  # documented commitments only
    commitments: pd.DataFrame
    note: str  # the caption under the official tables: what 'capaian' means and that pernyataan never judges


def tracker(src: Source, kabupaten: tuple[str, ...], opd: str | None) -> Tracker:
    """The tracker's tables and sentences for the filters."""
    by_opd = src.read(rekap, rules.OPD, kabupaten, opd, src.public)
    by_kab = src.read(rekap, rules.KABUPATEN, kabupaten, opd, src.public)
    chosen, has_official = bool(kabupaten), has_rows(by_kab, RESMI)
    official = Part(RESMI, table(src, by_opd, RESMI, "asuh.col.opd", chosen),
                    table(src, by_kab, RESMI, "asuh.col.wilayah", chosen),
                    totals_sentence(src, by_kab, RESMI), progress_sentence(src, by_kab, RESMI))
    if not has_official:  # commitments only: one column says there is no data, not eight columns of dashes
        official = replace(official, per_opd=commitments_only(src, official.per_opd),
                           per_kabupaten=commitments_only(src, official.per_kabupaten))
    simulated = None
    if has_rows(by_kab, SIMULASI):
        simulated = Part(SIMULASI, table(src, by_opd, SIMULASI, "asuh.col.opd", chosen),
                         table(src, by_kab, SIMULASI, "asuh.col.wilayah", chosen),
                         totals_sentence(src, by_kab, SIMULASI), progress_sentence(src, by_kab, SIMULASI))
    gauges = pd.concat([g for g in (gauge_frame(src, by_opd), gauge_frame(src, by_kab)) if g is not None]
                       or [pd.DataFrame()], ignore_index=True)
    return Tracker(official, simulated, has_official, None if gauges.empty else gauges,
                   commitment_table(src, kabupaten, opd), src.t("asuh.capaian_keterangan"))


def kecamatan_table(src: Source, kabupaten: tuple[str, ...], opd: str | None) -> pd.DataFrame | None:
    """Counts per kecamatan where the children live, for an internal page: always with every count from 1 to 4
    hidden ('< 5'), official and simulated marked; None in public mode (aggregates per OPD and kabupaten only)
    or when there is nothing to show."""
    if src.public:
        return None
    frame = src.read(rekap, rules.KECAMATAN, kabupaten, opd, True)  # suppressed in every mode
    if frame.empty:
        return None
    lang, t = src.lang, src.t
    return pd.DataFrame({
        t("asuh.col.kecamatan"): frame["nama"].fillna(frame["kode"]),
        t("col.jenis"): [tables.simulated_mark(lang) if j == SIMULASI else t("jenis.resmi")
                         for j in frame["jenis_data"]],
        t("asuh.col.anak"): [count_text(r, "anak", lang) for _, r in frame.iterrows()],
        t("asuh.col.asuhan_aktif"): [count_text(r, "asuhan_aktif", lang) for _, r in frame.iterrows()],
        t("asuh.col.anak_6_bulan"): [count_text(r, "anak_6_bulan", lang) for _, r in frame.iterrows()],
        t("asuh.col.anak_maju"): [count_text(r, "anak_maju", lang) for _, r in frame.iterrows()]})


# Ringkasan's small wins and the OPD page.
def wins(src: Source, kabupaten: tuple[str, ...]) -> tuple[str, ...]:
    """The programme's small wins, from official rows only: children who progressed after six months, per
    kabupaten (the most first, at most WINS_SHOWN); hidden counts are never a win."""
    by_kab = src.read(rekap, rules.KABUPATEN, kabupaten, None, src.public)
    rows = by_kab[(by_kab["tingkat"] == rules.KABUPATEN) & (by_kab["jenis_data"] == RESMI)]
    found = []
    for _, row in rows.iterrows():
        maju = row.get("anak_maju")
        if _hidden(row, "anak_maju") or i18n.is_missing(maju) or maju <= 0:
            continue
        found.append((float(maju), src.t("asuh.menang", nama=_place_name(src, row),
                                         maju=i18n.format_number(maju, 0, src.lang),
                                         enam=count_text(row, "anak_6_bulan", src.lang))))
    return tuple(text for _, text in sorted(found, key=lambda x: -x[0])[:WINS_SHOWN])


def simulated_line(src: Source, kabupaten: tuple[str, ...]) -> str | None:
    """Where the programme has simulated rows only: one line saying so (never a win); None otherwise."""
    by_kab = src.read(rekap, rules.KABUPATEN, kabupaten, None, src.public)
    if has_rows(by_kab, RESMI) or not has_rows(by_kab, SIMULASI):
        return None
    return src.t("asuh.hanya_simulasi", tanda=tables.simulated_mark(src.lang))


def opd_summary(src: Source, opd: str) -> tuple[str, ...]:
    """The OPD page's lines: the OPD's ASN commitment (if one is published) against its official sponsorships,
    and its simulated rows apart, marked; () when the OPD has neither."""
    frame = src.read(rekap, rules.OPD, (), opd, src.public)
    rows = frame[(frame["tingkat"] == rules.OPD) & (frame["kode"] == opd)]
    lines = []
    for _, row in deck_asuh.official_rows(rows).iterrows():
        value, _ = committed(row)
        delivered = count_text(row, "asuhan_aktif", src.lang) if row["jenis_data"] == RESMI else None
        if value is not None:
            lines.append(src.t("asuh.opd_komitmen", komitmen=commitment_text(row, src.lang),
                               berjalan=delivered or src.t("asuh.belum_ada_data")))
        elif delivered is not None:
            lines.append(src.t("asuh.opd_resmi", anak=count_text(row, "anak", src.lang), berjalan=delivered,
                               maju=count_text(row, "anak_maju", src.lang)))
    simulated = rows[rows["jenis_data"] == SIMULASI]
    if has_rows(simulated, SIMULASI):
        row = simulated.iloc[0]
        lines.append(src.t("asuh.opd_simulasi", tanda=tables.simulated_mark(src.lang),
                           anak=count_text(row, "anak", src.lang), berjalan=count_text(row, "asuhan_aktif", src.lang),
                           maju=count_text(row, "anak_maju", src.lang)))
    return tuple(lines)
