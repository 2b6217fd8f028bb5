"""Since the last apel (Ringkasan): the apel to pick from, and what changed since the one picked — status
changes with their owners, new data with the uploader's OPD, the kabupaten that moved most."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.data import responsibility
from lib.data.apel import list_apel
from lib.db import record
from lib.judge import scorecard, since_apel, status
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n
from lib.users import accounts as users
from lib.users.errors import UserError

MAX_RED_LINES = 5  # the rest are in the details table


def _uploader_opd(names: pd.Series, lang: str) -> list[str]:
    """The OPD of each loader name from the users file ('data benih' for the seed, '' when unknown)."""
    try:
        known = {user.name: user.opd or i18n.t(f"auth.peran.{user.role}", lang, opd="").strip()
                 for user in users.list_users()}
    except UserError:
        known = {}
    return [i18n.t("since.benih", lang) if name == record.SEED_USER else known.get(name, "") for name in names]


def comparison(con, tanggal: date, lang: str) -> tuple[str, object, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mode, history start, status changes with owners, new data with uploader OPD, kabupaten movement); the
    owners' roles and the seed's label in lang."""
    result = since_apel.compare(con, tanggal)
    changes = result.changes
    red = changes["status_baru"].isin(status.MISSES)
    owners = (responsibility.with_owners(con, changes[red], reads.owner_roles(lang)) if red.any()
              else changes[red].assign(pemilik=""))
    changes = changes.assign(pemilik=owners["pemilik"].reindex(changes.index).fillna(""))
    new_data = result.new_data.assign(opd_pengunggah=_uploader_opd(result.new_data["dimuat_oleh"], lang))
    return result.mode, result.history_start, changes, new_data, result.movement


def apel_choices(src: Source, today: date) -> tuple[dict[int, str], dict[int, date]]:
    """Recorded apel up to today, newest first: labels ('24 Juli 2023 — Apel Satgas 4+1') and dates by position."""
    apels = src.read(list_apel)
    apels = apels[apels["tanggal"].dt.date <= today].reset_index(drop=True)
    return ({i: f"{i18n.format_date(row['tanggal'], src.lang)} — {row['nama']}" for i, row in apels.iterrows()},
            {i: row["tanggal"].date() for i, row in apels.iterrows()})


@dataclass(frozen=True)
class SinceView:
    """The block's texts and tables for one apel and kabupaten choice, ready to draw."""
    caption: str
    changed: int
    changed_detail: str
    new_values: str
    new_detail: str
    best: tuple[str, str, str | None]  # label, the kabupaten's name in large type, its counts (None: none)
    worst: tuple[str, str, str | None]
    red_lines: tuple[str, ...]
    changes: pd.DataFrame | None  # None: no status changed
    new_data: pd.DataFrame | None  # None: no new data


def since_view(src: Source, tanggal: date, kabupaten: tuple[str, ...]) -> SinceView:
    """What changed since the apel of that date; with kabupaten chosen, only their cells and the province's."""
    mode, start, changes, new_data, movement = src.read(comparison, tanggal, src.lang)
    if kabupaten:
        changes = changes[changes["wilayah"].isin((scorecard.PROVINCE, *kabupaten))]
        movement = movement[movement["wilayah"].isin(kabupaten)]
    when = i18n.format_date(tanggal, src.lang)
    counts = changes["arah"].value_counts()
    red = changes[changes["status_baru"].isin(status.MISSES)]
    return SinceView(
        src.t("since.riwayat", tanggal=when) if mode == since_apel.RIWAYAT
        else src.t("since.pendekatan", tanggal=when, mulai=i18n.format_date(start, src.lang)),
        len(changes), src.t("since.status_rinci", membaik=counts.get(since_apel.MEMBAIK, 0),
                            memburuk=counts.get(since_apel.MEMBURUK, 0), baru=counts.get(since_apel.BARU, 0)),
        i18n.format_number(new_data["jumlah_nilai"].sum(), lang=src.lang),
        src.t("since.data_rinci", unggahan=len(new_data)),
        _kabupaten_pick(src, movement, best=True), _kabupaten_pick(src, movement, best=False),
        tuple(src.t("since.merah", indikator=row.nama_indikator, wilayah=row.nama, pemilik=row.pemilik)
              for row in red.head(MAX_RED_LINES).itertuples()),
        None if changes.empty else _change_table(src, changes),
        None if new_data.empty else _new_data_table(src, new_data))


def _kabupaten_pick(src: Source, movement: pd.DataFrame, best: bool) -> tuple[str, str, str | None]:
    """Label, the kabupaten's name in large type (never cut off like a metric) and its counts (None: none)."""
    pick = movement[movement["saldo"] > 0].head(1) if best else movement[movement["saldo"] < 0].tail(1)
    label = src.t("since.kab_membaik" if best else "since.kab_memburuk")
    if pick.empty:
        return label, f"#### {src.t('since.tidak_ada')}", None
    row = pick.iloc[0]
    return (label, f"#### {'▲' if best else '▼'} {row['nama']}",
            src.t("since.kab_rinci", membaik=row["membaik"], memburuk=row["memburuk"]))


def _status_text(lang: str, code: object, value: object, satuan: str, period: object) -> str:
    if not isinstance(code, str):
        return i18n.status_label(None, lang)
    return f"{i18n.status_label(code, lang)} · {i18n.format_value(value, satuan, lang)} ({period})"


def _change_table(src: Source, changes: pd.DataFrame) -> pd.DataFrame:
    t, lang = src.t, src.lang
    return pd.DataFrame({
        t("col.indikator"): changes["nama_indikator"], t("col.wilayah"): changes["nama"],
        t("col.dulu"): [_status_text(lang, *r) for r in zip(changes["status_lama"], changes["nilai_lama"],
                                                             changes["satuan"], changes["periode_label_lama"])],
        t("col.sekarang"): [_status_text(lang, *r) for r in zip(changes["status_baru"], changes["nilai_baru"],
                                                                 changes["satuan"], changes["periode_label_baru"])],
        t("col.perubahan"): [t(f"since.arah.{a}") for a in changes["arah"]],
        t("col.pemilik"): changes["pemilik"],
        t("col.jenis"): [t("jenis.simulasi.short") if j == "simulasi" else t("jenis.resmi")
                         for j in changes["jenis_baru"]],
    })


def _new_data_table(src: Source, new_data: pd.DataFrame) -> pd.DataFrame:
    t = src.t
    shown = {t("col.unggahan"): [f"#{i} {n}" for i, n in zip(new_data["unggahan"], new_data["nama_berkas"])]}
    if "dimuat_oleh" in new_data:  # dropped in public mode: no person's name in public
        shown[t("col.dimuat_oleh")] = new_data["dimuat_oleh"]
    shown[t("col.opd_pengunggah")] = new_data["opd_pengunggah"]
    shown[t("col.dimuat_pada")] = [i18n.format_date(d, src.lang) for d in new_data["dimuat_pada"]]
    shown[t("col.indikator")] = new_data["indikator"]
    shown[t("col.wilayah")] = new_data["wilayah"]
    shown[t("col.jumlah_nilai")] = new_data["jumlah_nilai"]
    shown[t("col.jenis")] = [t("since.simulasi") if s else t("jenis.resmi") for s in new_data["ada_simulasi"]]
    return pd.DataFrame(shown)
