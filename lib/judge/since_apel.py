"""Since the last apel: values then → now, the data that arrived since, kabupaten that moved most.

The apel is a moment, its date and hour (lib.data.apel.moment; on the clock of unggahan.dimuat_pada). "Then"
is the record as it stood at that moment (lib.db.history.snapshot_at: rows loaded at or before it), assessed by
the same lib.judge.scorecard functions as the screens, with the apel date as the day data age is judged on (a
value current then counts as current then, even if it is lama now): so it is what the screens showed then.
"Since" is everything loaded strictly after the moment. An apel older than the record's history (a database
built after it) cannot be rebuilt that way: then "then" is approximated by the values whose period ended on
or before the apel date (mode PERIODE), and the screen says so.

Each row is one (indikator, wilayah) whose value or status differs between then and now. Better or worse is
decided on the two VALUES by the indicator's arah (lib.judge.status.change_since_previous), never by the
status: a value that fell from 2,94 % to 1,46 % on a `turun` indicator improved, whatever the two statuses.
A status that changed while the judging target changed (its period, e.g. the 2023 target gave way to the
2024 one) is flagged `target_berganti`; such a status change is never counted as better or worse — only the
values are. A value then and a value now on two sides of a series break (putus_seri: another survey family or
base year) are not compared: the row says PUTUS with the break's words, and counts neither way. New data is counted
official and simulated apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.data import apel as apel_data
from lib.data import queries, uploads
from lib.db import history
from lib.judge import scorecard, status

RIWAYAT, PERIODE = "riwayat", "periode"  # rebuilt from the history / approximated by period end
# What happened to a row's value, by the indicator's arah (the code is also the i18n key since.arah.<code>).
MEMBAIK, MEMBURUK, TETAP = status.MEMBAIK, status.MEMBURUK, status.TETAP
BARU = "baru dinilai"  # no value then
HILANG = "tanpa nilai"  # a value then, none now (its batch rolled back)
BERUBAH = "berubah"  # a band indicator without a band to say which way is better
PUTUS = "putus seri"  # then and now lie on two sides of a series break (survey family, base year): not compared
CHANGE_KINDS = (MEMBAIK, MEMBURUK, TETAP, BARU, HILANG, BERUBAH, PUTUS)
UP, DOWN, SAME = "naik", "turun", "sama"  # the value's own direction (▲ ▼ =), nothing about better or worse


@dataclass(frozen=True)
class Comparison:
    moment: datetime  # the apel: date and hour
    mode: str  # RIWAYAT or PERIODE
    history_start: datetime | None
    changes: pd.DataFrame  # one row per (indikator, wilayah) whose value or status changed
    new_data: pd.DataFrame  # one row per batch holding current values that arrived since
    movement: pd.DataFrame  # per kabupaten: how many values improved / worsened
    jam_tercatat: bool = True  # False: the apel's hour was not recorded (lib.data.apel.DEFAULT_JAM)

    @property
    def tanggal(self) -> date:
        return self.moment.date()


def as_moment(when: date | datetime) -> datetime:
    """A datetime as it is; a date at lib.data.apel.DEFAULT_JAM (an apel whose hour is not recorded)."""
    return when if isinstance(when, datetime) else apel_data.moment(when)


def _scope(con) -> tuple[list[str], list[str]]:
    """Indicators with a target somewhere (only they have a status), and the province and kabupaten."""
    wilayah = [scorecard.PROVINCE, *queries.wilayah_codes(con, "kabupaten")]
    judged = set(queries.targets(con, queries.indicators(con)["kode"].tolist(), wilayah)["indikator"])
    return [code for code in queries.indicators(con)["kode"] if code in judged], wilayah


def states(con, when: date | datetime, today: date | None = None
           ) -> tuple[pd.DataFrame, pd.DataFrame, str, datetime | None]:
    """(assessed then, assessed now, mode, history start) for every indicator at province and kabupaten.
    "Then" is the record at the apel's moment, data age judged on its date; "now" judged on today."""
    moment = as_moment(when)
    codes, wilayah = _scope(con)
    start = history.history_start(con)
    now = scorecard.assessed(con, codes, wilayah, today=today)
    if start is not None and moment >= start:
        with history.snapshot_at(con, moment) as snapshot:
            return scorecard.assessed(snapshot, codes, wilayah, today=moment.date()), now, RIWAYAT, start
    return scorecard.assessed(con, codes, wilayah, moment.date(), today=moment.date()), now, PERIODE, start


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def value_change(old: object, new: object, arah: str, lower: object = None, upper: object = None) -> str:
    """What happened to the value, by arah: MEMBAIK, MEMBURUK, TETAP, BARU, HILANG or BERUBAH."""
    old, new = _number(old), _number(new)
    if old is None:
        return BARU
    if new is None:
        return HILANG
    change = status.change_since_previous(new, old, arah, target=lower, upper=upper)
    if change is None:  # a band indicator without its band
        return TETAP if new == old else BERUBAH
    return change.direction  # inside the band both times: TETAP


def value_direction(old: object, new: object) -> str | None:
    """UP, DOWN or SAME for the value itself (the ▲ ▼ of the row); None without both values."""
    old, new = _number(old), _number(new)
    if old is None or new is None:
        return None
    return UP if new > old else DOWN if new < old else SAME


_KEEP = ["indikator", "wilayah", "status", "nilai", "periode", "periode_label", "periode_label_en", "jenis",
         "target_periode", "target_tahun", "lama", "tanggal"]
_NOW_ONLY = ["nama_indikator", "nama_indikator_en", "nama", "level", "satuan", "arah", "target", "target_atas",
             "acuan", "acuan_atas"]


def status_changes(before: pd.DataFrame, after: pd.DataFrame, isu_of: dict[str, str],
                   breaks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows whose value or status differs between the two assessed frames: value then → now, the value's own
    direction (naik/turun), better or worse by arah (`perubahan`; PUTUS across a series break, with its words in
    `putus_seri`), and whether the judging target changed."""
    after = after.reindex(columns=[*after.columns.union([*_KEEP, *_NOW_ONLY], sort=False)])
    before = before.reindex(columns=[*before.columns.union(_KEEP, sort=False)])
    merged = after[[*_NOW_ONLY, *_KEEP]].merge(before[_KEEP], on=["indikator", "wilayah"], how="left",
                                               suffixes=("_baru", "_lama"))
    # English twins named as lib.text.i18n.localized expects them: <column>_en
    merged = merged.rename(columns={"periode_label_en_baru": "periode_label_baru_en",
                                    "periode_label_en_lama": "periode_label_lama_en"})
    old_status = [_text(s) for s in merged["status_lama"]]
    new_status = [_text(s) for s in merged["status_baru"]]
    merged["status_berubah"] = [o != n for o, n in zip(old_status, new_status)]
    value_moved = [(_number(ov), _text(op)) != (_number(nv), _text(np_))
                   for ov, op, nv, np_ in zip(merged["nilai_lama"], merged["periode_lama"], merged["nilai_baru"],
                                              merged["periode_baru"])]
    changed = merged[[m or s for m, s in zip(value_moved, merged["status_berubah"])]].copy()
    # The band that says which way is better: the judging target's, else the stated reference's.
    lower = changed["target"].where(changed["target"].notna(), changed["acuan"])
    upper = changed["target_atas"].where(changed["target"].notna(), changed["acuan_atas"])
    changed["perubahan"] = [value_change(o, n, a if isinstance(a, str) else status.TURUN, lo, up)
                            for o, n, a, lo, up in zip(changed["nilai_lama"], changed["nilai_baru"],
                                                       changed["arah"], lower, upper)]
    series_breaks = scorecard.break_lists(breaks)
    changed["putus_seri"] = [scorecard.crossed_break(series_breaks.get((i, w), []), then, now) for i, w, then, now
                             in zip(changed["indikator"], changed["wilayah"], changed["tanggal_lama"],
                                    changed["tanggal_baru"])]
    changed.loc[changed["putus_seri"].notna() & changed["perubahan"].isin((MEMBAIK, MEMBURUK, TETAP)),
                "perubahan"] = PUTUS
    pairs = [(_number(o), _number(n)) for o, n in zip(changed["nilai_lama"], changed["nilai_baru"])]
    changed["naik_turun"] = [value_direction(o, n) for o, n in pairs]
    changed["selisih"] = [None if o is None or n is None else n - o for o, n in pairs]
    # A status that changed while the judging target changed, for a value present then and now (a value new
    # since the apel has no status change to explain).
    changed["target_berganti"] = [bool(s) and o is not None and n is not None and _text(to) != _text(tn)
                                  for s, (o, n), to, tn in zip(changed["status_berubah"], pairs,
                                                               changed["target_periode_lama"],
                                                               changed["target_periode_baru"])]
    changed["isu"] = changed["indikator"].map(isu_of)
    order = {MEMBURUK: 0, MEMBAIK: 1, BERUBAH: 2, PUTUS: 3, BARU: 4, HILANG: 5, TETAP: 6}
    return changed.sort_values(["perubahan", "isu", "wilayah"],
                               key=lambda s: s.map(order) if s.name == "perubahan" else s,
                               kind="stable").reset_index(drop=True)


def official(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows whose values are official both then and now (or official now, with none then): what the counts,
    the summary and the kabupaten that moved most are made of. Simulated values never decide better or worse."""
    then = changes["jenis_lama"].where(changes["jenis_lama"].notna(), "resmi")
    return changes[(changes["jenis_baru"] == "resmi") & (then == "resmi")]


def counts(changes: pd.DataFrame) -> dict[str, int]:
    """How many rows of each kind, plus `status` (statuses changed) and `target` (of those, with the target
    changed: not counted as better or worse)."""
    found = changes["perubahan"].value_counts() if "perubahan" in changes else pd.Series(dtype=int)
    out = {kind: int(found.get(kind, 0)) for kind in CHANGE_KINDS}
    out["status"] = int(changes["status_berubah"].sum()) if "status_berubah" in changes else 0
    out["target"] = int(changes["target_berganti"].sum()) if "target_berganti" in changes else 0
    return out


def movement(changes: pd.DataFrame) -> pd.DataFrame:
    """Per kabupaten: official values improved, worsened (by arah) and the balance, best first."""
    changes = official(changes)
    kab = changes[changes["level"] == "kabupaten"]
    if kab.empty:
        return pd.DataFrame(columns=["wilayah", "nama", "membaik", "memburuk", "saldo"])
    tally = kab.groupby(["wilayah", "nama"])["perubahan"].agg(
        membaik=lambda s: int((s == MEMBAIK).sum()), memburuk=lambda s: int((s == MEMBURUK).sum())).reset_index()
    tally["saldo"] = tally["membaik"] - tally["memburuk"]
    return tally.sort_values(["saldo", "wilayah"], ascending=[False, True]).reset_index(drop=True)


def new_data(con, moment: datetime, mode: str) -> pd.DataFrame:
    """Batches holding current values that arrived after the apel (mode RIWAYAT: loaded strictly after its
    moment; PERIODE: of a period ending after its date), with official and simulated values counted apart."""
    return uploads.batches_since(con, mode == RIWAYAT, moment, moment.date())


def compare(con, when: date | datetime, today: date | None = None) -> Comparison:
    """Everything the since-apel section shows, for the apel at `when` (a date: at DEFAULT_JAM), now judged on
    `today`."""
    moment = as_moment(when)
    before, after, mode, start = states(con, moment, today)
    isu_of = dict(queries.indicators(con)[["kode", "isu"]].itertuples(index=False))
    codes, wilayah = _scope(con)
    changes = status_changes(before, after, isu_of, queries.series_breaks(con, codes, wilayah))
    return Comparison(moment, mode, start, changes, new_data(con, moment, mode), movement(changes))
