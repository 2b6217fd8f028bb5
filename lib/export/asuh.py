"""The apel deck's orang tua asuh slide as data: each published commitment against the official sponsorships
running (per OPD and kabupaten), the children's progress after six months, and the simulasi caveat. The deck is
public: the sums are read in their public form (lib.judge.asuh.publik: counts 1–4 hidden), sources as their
publisher only, and a simulated row is never a figure on the slide — only counted in the caveat."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.access import privacy
from lib.data import asuh as data_asuh
from lib.db import record
from lib.judge import asuh as rules
from lib.text import i18n, periods

KIND = "asuh"  # the slide's kind and key, after the isu slides
ROWS = 4  # commitment rows at hall size; the rest counted in one line
RESMI, SIMULASI = "resmi", "simulasi"


@dataclass(frozen=True)
class AsuhData:
    """The slide's query results: the public sums per OPD and per kabupaten (lib.judge.asuh) and the published
    commitments that can be set against them (a total of sponsors or children)."""
    by_opd: pd.DataFrame
    by_kabupaten: pd.DataFrame
    commitments: pd.DataFrame


def load(con) -> AsuhData | None:
    """The slide's data; None for a record without the programme's tables (schema before v8)."""
    if not {"mitra", "kewajiban"} <= set(record.table_names(con)):
        return None
    rows, promised = data_asuh.ringkasan_asuhan(con), data_asuh.kewajiban(con)
    return AsuhData(rules.publik(rules.per_opd(rows, promised)), rules.publik(rules.per_kabupaten(rows, promised)),
                    promised.assign(sumber=promised["sumber"].map(privacy.public_source)))


def _count(row: pd.Series, column: str, lang: str) -> str:
    if bool(row.get(f"{column}_disamarkan")) and not i18n.is_missing(row.get(f"{column}_disamarkan")):
        return privacy.SUPPRESSED_TEXT
    value = row.get(column)
    return i18n.MISSING if i18n.is_missing(value) else i18n.format_number(value, 0, lang)


def _promise(row: pd.Series, lang: str) -> str | None:
    for column, key in (("komitmen_sponsor", "asuh.komitmen_sponsor"), ("komitmen_anak", "asuh.komitmen_anak")):
        if not i18n.is_missing(row.get(column)):
            return i18n.t(key, lang, n=i18n.format_number(row[column], 0, lang))
    return None


def _name(row: pd.Series, lang: str) -> str:
    if row["tingkat"] == rules.PROVINSI:  # only the OPD sums' province row is shown: every OPD's ASN
        return i18n.t("asuh.provinsi_asn", lang)
    return str(row["nama"]) if not i18n.is_missing(row["nama"]) else str(row["kode"])


def official_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per place of a rekap (lib.judge.asuh) for what is set against a commitment: its commitment
    (whichever row of the place carries it) with its official sums, or with no sums (jenis_data None) where the
    place has no official row — a commitment is never read against simulated sums."""
    promise = frame.groupby("kode", sort=False)[["komitmen_sponsor", "komitmen_anak"]].first()
    official = frame[frame["jenis_data"] == RESMI].drop(columns=["komitmen_sponsor", "komitmen_anak"])
    places = frame.drop_duplicates("kode")[["tingkat", "kode", "nama"]]
    rows = places.merge(official.drop(columns=["tingkat", "nama"]), on="kode", how="left")
    rows = rows.merge(promise.reset_index(), on="kode", how="left")
    keep = rows["jenis_data"].eq(RESMI) | rows["komitmen_sponsor"].notna() | rows["komitmen_anak"].notna()
    return rows[keep].reset_index(drop=True)


def _official(frame: pd.DataFrame, kabupaten: tuple[str, ...]) -> pd.DataFrame:
    """official_rows of the chosen kabupaten (all, with the province, when none)."""
    shown = official_rows(frame)
    if kabupaten:
        shown = shown[(shown["tingkat"] != rules.KABUPATEN) | shown["kode"].isin(kabupaten)]
    return shown


def commitment_lines(data: AsuhData, kabupaten: tuple[str, ...], lang: str) -> list[str]:
    """'Sulawesi Barat (semua): komitmen 6.000 sponsor — berjalan: belum ada data resmi', one per place with a
    commitment (the province's against every OPD's ASN, a kabupaten's against the children living there), then
    each place with official rows and no commitment."""
    lines, plain = [], []
    # The province row of the OPD sums (every OPD's ASN) first: the province's commitment is its ASN's.
    kab = data.by_kabupaten[data.by_kabupaten["tingkat"] != rules.PROVINSI]
    for frame in (data.by_opd, kab):
        for _, row in _official(frame, kabupaten).iterrows():
            promise = _promise(row, lang)
            running = _count(row, "asuhan_aktif", lang) if row["jenis_data"] == RESMI else \
                i18n.t("asuh.belum_ada_data", lang)
            if promise is not None:
                lines.append(i18n.t("asuh.baris_dek", lang, nama=_name(row, lang), komitmen=promise, berjalan=running))
            elif row["jenis_data"] == RESMI:
                plain.append(i18n.t("asuh.baris_dek_tanpa", lang, nama=_name(row, lang), berjalan=running,
                                    anak=_count(row, "anak", lang)))
    return list(dict.fromkeys([*lines, *plain]))


def progress_line(data: AsuhData, lang: str) -> str:
    """The children's progress from the official province row, or that there is no official data yet."""
    rows = data.by_kabupaten[(data.by_kabupaten["tingkat"] == rules.PROVINSI)
                             & (data.by_kabupaten["jenis_data"] == RESMI)]
    if rows.empty or _count(rows.iloc[0], "anak_6_bulan", lang) in (i18n.MISSING, "0"):
        return i18n.t("asuh.kemajuan_dek_belum", lang)
    row = rows.iloc[0]
    return i18n.t("asuh.kemajuan", lang, enam=_count(row, "anak_6_bulan", lang), maju=_count(row, "anak_maju", lang),
                  keluar=_count(row, "anak_keluar", lang))


def simulated_caveat(data: AsuhData, kabupaten: tuple[str, ...], lang: str) -> str:
    """'Simulasi: data asuhan di sistem ini baru simulasi (310 anak) — …' of the province, or of the chosen
    kabupaten ('' without simulated rows there)."""
    frame = data.by_kabupaten[data.by_kabupaten["jenis_data"] == SIMULASI]
    if not kabupaten:
        rows = frame[frame["tingkat"] == rules.PROVINSI]
        return i18n.t("asuh.simulasi_dek", lang, anak=_count(rows.iloc[0], "anak", lang)) if not rows.empty else ""
    rows = frame[(frame["tingkat"] == rules.KABUPATEN) & frame["kode"].isin(kabupaten)]
    if rows.empty:
        return ""
    total = pd.to_numeric(rows["anak"], errors="coerce").sum()
    hidden = rows.get("anak_disamarkan", pd.Series(False, index=rows.index)).fillna(False).astype(bool).any()
    shown = privacy.SUPPRESSED_TEXT if hidden and total < privacy.SMALL_COUNT else i18n.format_number(total, 0, lang)
    return i18n.t("asuh.simulasi_dek", lang, anak=shown)


def sources(data: AsuhData, kabupaten: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """'ANTARA (Juni 2023)': each publisher of a commitment set against delivery on the slide (the province's and
    the chosen kabupaten's; every one when none is chosen), with its periods."""
    found: dict[str, list[str]] = {}
    promised = data.commitments[data.commitments["satuan"].isin(("sponsor", "anak"))]
    if kabupaten:
        promised = promised[promised["wilayah"].isin((data_asuh.PROVINCE, *kabupaten))]
    for source, period in zip(promised["sumber"], promised["periode"]):
        label = periods.parse_period(period).label(lang)
        found.setdefault(str(source), [])
        if label not in found[str(source)]:
            found[str(source)].append(label)
    return tuple(f"{s} ({', '.join(p)})" for s, p in found.items())
