"""Since the last apel (Ringkasan): the apel to pick from, and what changed since the one picked — each value
then → now with better/worse by the indicator's arah, target changes flagged and not counted, new data
official and simulated apart, the kabupaten that moved most, and the three-line summary of the first screen.

Marks: ▲/▼ say only which way the value moved; membaik/memburuk is a word and a colour
(lib.present.status_text.CHANGE_COLORS) decided by arah (lib.judge.since_apel).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from lib.data import responsibility
from lib.data.apel import list_apel
from lib.db import record
from lib.judge import since_apel, status
from lib.judge.scorecard import PROVINCE
from lib.present import since_text
from lib.present.since_text import NEUTRAL_COLOR, change_color, moment_text
from lib.present.tables import simulated_mark
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


def comparison(con, moment: datetime, lang: str) -> tuple[str, object, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mode, history start, changes with the owners of cells now not met, new data with uploader OPD,
    kabupaten movement); the owners' roles and the seed's label in lang."""
    result = since_apel.compare(con, moment)
    changes = result.changes
    red = (changes["status_baru"].isin(status.MISSES)) & changes["status_berubah"]
    owners = (responsibility.with_owners(con, changes[red], reads.owner_roles(lang)) if red.any()
              else changes[red].assign(pemilik=""))
    changes = changes.assign(pemilik=owners["pemilik"].reindex(changes.index).fillna(""))
    new_data = result.new_data.assign(opd_pengunggah=_uploader_opd(result.new_data["dimuat_oleh"], lang))
    return result.mode, result.history_start, changes, new_data, result.movement


@dataclass(frozen=True)
class ApelChoice:
    label: str  # '24 Juli 2023 pukul 08.00 (jam tidak tercatat) — Apel Satgas 4+1'
    moment: datetime
    recorded: bool  # False: the hour is lib.data.apel.DEFAULT_JAM


def apel_choices(src: Source, now: datetime | date) -> tuple[ApelChoice, ...]:
    """Recorded apel up to now, newest first (the first is the default comparison: the last apel)."""
    now = now if isinstance(now, datetime) else datetime.combine(now, time.max)
    apels = src.read(list_apel)
    apels = apels[pd.to_datetime(apels["waktu"]) <= pd.Timestamp(now)].reset_index(drop=True)
    return tuple(ApelChoice(f"{moment_text(w.to_pydatetime(), src.lang, bool(r))} — {n}", w.to_pydatetime(), bool(r))
                 for w, r, n in zip(pd.to_datetime(apels["waktu"]), apels["jam_tercatat"], apels["nama"]))


@dataclass(frozen=True)
class SinceView:
    """The block's texts and tables for one apel and kabupaten choice, ready to draw."""
    caption: str
    summary: tuple[str, str, str]  # the three lines, as HTML (escaped), for the first screen
    changed: int  # rows: values or statuses that changed
    counts: dict  # lib.judge.since_apel.counts of the rows shown
    new_official: int  # official values in batches loaded since
    new_official_batches: int
    new_simulated: int  # simulated values, counted apart
    best: tuple[str, str, str | None]  # label, the kabupaten's name in large type, its counts (None: none)
    worst: tuple[str, str, str | None]
    red_lines: tuple[str, ...]
    changes: pd.DataFrame | None  # None: nothing changed
    change_colors: tuple[str, ...]  # the colour of each changes row's Perubahan cell (by arah)
    new_data: pd.DataFrame | None  # None: no new data


def since_view(src: Source, choice: ApelChoice | datetime | date, kabupaten: tuple[str, ...]) -> SinceView:
    """What changed since the apel; with kabupaten chosen, only their cells and the province's."""
    if not isinstance(choice, ApelChoice):
        moment = since_apel.as_moment(choice)
        choice = ApelChoice(moment_text(moment, src.lang), moment, True)
    mode, start, changes, new_data, movement = src.read(comparison, choice.moment, src.lang)
    if kabupaten:
        changes = changes[changes["wilayah"].isin((PROVINCE, *kabupaten))]
        movement = movement[movement["wilayah"].isin(kabupaten)]
    when = moment_text(choice.moment, src.lang, choice.recorded)
    tally = since_apel.counts(since_apel.official(changes))  # simulated values never decide better or worse
    red = changes[changes["status_baru"].isin(status.MISSES) & changes["status_berubah"]]  # newly not met
    official, simulated = int(new_data["jumlah_resmi"].sum()), int(new_data["jumlah_simulasi"].sum())
    best, worst = _kabupaten_pick(src, movement, best=True), _kabupaten_pick(src, movement, best=False)
    return SinceView(
        src.t("since.riwayat", tanggal=when) if mode == since_apel.RIWAYAT
        else src.t("since.pendekatan", tanggal=when, mulai=i18n.format_date(start, src.lang)),
        _summary(src, choice, tally, new_data, movement),
        len(changes), tally, official, int((new_data["jumlah_resmi"] > 0).sum()), simulated, best, worst,
        tuple(src.t("since.merah", status=i18n.status_label(row.status_baru, src.lang), indikator=row.nama_indikator,
                    wilayah=row.nama, pemilik=row.pemilik)
              for row in red.head(MAX_RED_LINES).itertuples()),
        None if changes.empty else _change_table(src, changes),
        tuple(change_color(kind) for kind in changes["perubahan"]),
        None if new_data.empty else _new_data_table(src, new_data))


def _word(src: Source, kind: str, n: int) -> str:
    """'3 membaik' in the colour of the word (HTML)."""
    text = html.escape(src.t("since.hitung", n=i18n.format_number(n, 0, src.lang), arah=src.t(f"since.arah.{kind}")))
    colour = change_color(kind) if n else NEUTRAL_COLOR
    return f'<span style="color:{colour};font-weight:600">{text}</span>'


def _summary(src: Source, choice: ApelChoice, tally: dict, new_data: pd.DataFrame,
             movement: pd.DataFrame) -> tuple[str, str, str]:
    """Three lines: values better/worse (target changes apart), new data official and simulated, kabupaten."""
    t, lang = src.t, src.lang
    head = html.escape(t("since.ringkas_judul", apel=choice.label))
    parts = [_word(src, since_apel.MEMBAIK, tally[since_apel.MEMBAIK]),
             _word(src, since_apel.MEMBURUK, tally[since_apel.MEMBURUK]),
             html.escape(t("since.hitung", n=tally[since_apel.BARU], arah=t(f"since.arah.{since_apel.BARU}")))]
    if tally["target"]:
        parts.append(html.escape(t("since.ringkas_target", n=tally["target"])))
    if tally[since_apel.PUTUS]:
        parts.append(html.escape(t("since.ringkas_putus", n=tally[since_apel.PUTUS])))
    first = f"<strong>{head}</strong> " + " · ".join(parts)
    official, simulated = new_data[new_data["jumlah_resmi"] > 0], new_data[new_data["jumlah_simulasi"] > 0]
    second = html.escape(t("since.ringkas_data", resmi=i18n.format_number(official["jumlah_resmi"].sum(), 0, lang),
                           unggahan=len(official)))
    if not simulated.empty:
        second += " · " + html.escape(t("since.ringkas_simulasi", tanda=simulated_mark(lang),
                                        n=i18n.format_number(simulated["jumlah_simulasi"].sum(), 0, lang),
                                        unggahan=len(simulated)))
    best = movement[movement["saldo"] > 0].head(1)
    worst = movement[movement["saldo"] < 0].tail(1)
    third = html.escape(t("since.ringkas_kabupaten",
                          membaik=best["nama"].iloc[0] if not best.empty else t("since.tidak_ada"),
                          memburuk=worst["nama"].iloc[0] if not worst.empty else t("since.tidak_ada")))
    return first, second, third


def _kabupaten_pick(src: Source, movement: pd.DataFrame, best: bool) -> tuple[str, str, str | None]:
    """Label, the kabupaten's name in large type (never cut off like a metric) and its counts (None: none).
    No arrow: ▲/▼ mean a value's direction only, and here the word says better or worse."""
    pick = movement[movement["saldo"] > 0].head(1) if best else movement[movement["saldo"] < 0].tail(1)
    label = src.t("since.kab_membaik" if best else "since.kab_memburuk")
    if pick.empty:
        return label, f"#### {src.t('since.tidak_ada')}", None
    row = pick.iloc[0]
    return (label, f"#### {row['nama']}", src.t("since.kab_rinci", membaik=row["membaik"], memburuk=row["memburuk"]))


def _status_part(lang: str, code: object, lama: object) -> str:
    label = i18n.status_label(code if isinstance(code, str) else None, lang)
    stale = not i18n.is_missing(lama) and bool(lama)
    return f"{label} · {i18n.t('since.lama', lang)}" if stale else label


def _change_table(src: Source, changes: pd.DataFrame) -> pd.DataFrame:
    t, lang = src.t, src.lang
    return pd.DataFrame({
        t("col.indikator"): changes["nama_indikator"], t("col.wilayah"): changes["nama"],
        t("col.dulu"): [since_text.value_text(*r, lang) for r in zip(changes["nilai_lama"], changes["satuan"],
                                                                   changes["periode_label_lama"])],
        t("col.sekarang"): [since_text.value_text(*r, lang) for r in zip(changes["nilai_baru"], changes["satuan"],
                                                                       changes["periode_label_baru"])],
        t("col.perubahan"): [since_text.change_text(r, lang) for _, r in changes.iterrows()],
        t("since.kol.status_dulu"): [_status_part(lang, c, a) for c, a in zip(changes["status_lama"],
                                                                              changes["lama_lama"])],
        t("since.kol.status_kini"): [_status_part(lang, c, a) for c, a in zip(changes["status_baru"],
                                                                              changes["lama_baru"])],
        t("col.pemilik"): changes["pemilik"],
        t("col.jenis"): [simulated_mark(lang) if j == "simulasi" else t("jenis.resmi") for j in changes["jenis_baru"]],
    })


def _new_data_table(src: Source, new_data: pd.DataFrame) -> pd.DataFrame:
    t, lang = src.t, src.lang
    # An uploaded file's name only where it is not withheld (public mode: lib.access.privacy): the batch number.
    shown = {t("col.unggahan"): [f"#{i} {n}" if isinstance(n, str) and n else f"#{i}"
                                 for i, n in zip(new_data["unggahan"], new_data["nama_berkas"])]}
    if "dimuat_oleh" in new_data:  # dropped in public mode: no person's name in public
        shown[t("col.dimuat_oleh")] = new_data["dimuat_oleh"]
    shown[t("col.opd_pengunggah")] = new_data["opd_pengunggah"]
    shown[t("col.dimuat_pada")] = [moment_text(pd.Timestamp(d).to_pydatetime(), lang) for d in new_data["dimuat_pada"]]
    shown[t("col.indikator")] = new_data["indikator"]
    shown[t("col.wilayah")] = new_data["wilayah"]
    shown[t("jenis.resmi")] = new_data["jumlah_resmi"].astype(int)
    shown[simulated_mark(lang)] = new_data["jumlah_simulasi"].astype(int)
    return pd.DataFrame(shown)


def notes_summary(counts: dict | None, lang: str) -> str:
    """The cell notes' line of the first screen's box, as HTML (escaped): 'Catatan sel: 3 pertanyaan baru,
    1 dijawab, 2 belum dijawab; 1 komitmen lewat tenggat'; '' when there is nothing to count or no counts
    (public mode)."""
    line = since_text.notes_line(counts, lang)
    if not line:
        return ""
    return f"<strong>{html.escape(i18n.t('catatan_brief.judul_ringkas', lang))}</strong> {html.escape(line)}"
