"""Since the last apel: statuses then and now, the data that arrived since, kabupaten that moved most.

"Then" is the record as it stood at the end of the apel day (lib.db.history.snapshot_at), assessed by the same
lib.judge.scorecard functions as the screens, with the apel date as the day data age is judged on (a value that
was current then counts as current then, even if it is lama now): so it is what the screens showed that
day. Every table of the record is in the rebuilt copy (targets with their dasar, putus_seri …). An apel older than the
record's history (a database built after it) cannot be rebuilt that way: then "then" is approximated by the
values whose period ended on or before the apel date (mode PERIODE), and the screen says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.data import queries, uploads
from lib.db import history
from lib.judge import scorecard, status

RIWAYAT, PERIODE = "riwayat", "periode"  # rebuilt from the history / approximated by period end
MEMBAIK, MEMBURUK, BARU = "membaik", "memburuk", "baru dinilai"
_RANK = {code: rank for rank, code in enumerate(status.STATUSES)}  # 0 best


@dataclass(frozen=True)
class Comparison:
    tanggal: date
    mode: str  # RIWAYAT or PERIODE
    history_start: datetime | None
    changes: pd.DataFrame  # one row per (indikator, wilayah) whose status changed
    new_data: pd.DataFrame  # one row per batch holding current values that arrived since
    movement: pd.DataFrame  # per kabupaten: how many statuses improved / worsened


def _scope(con) -> tuple[list[str], list[str]]:
    """Indicators with a target somewhere (only they have a status), and the province and kabupaten."""
    wilayah = [scorecard.PROVINCE, *queries.wilayah_codes(con, "kabupaten")]
    judged = set(queries.targets(con, queries.indicators(con)["kode"].tolist(), wilayah)["indikator"])
    return [code for code in queries.indicators(con)["kode"] if code in judged], wilayah


def states(con, tanggal: date, today: date | None = None) -> tuple[pd.DataFrame, pd.DataFrame, str, datetime | None]:
    """(assessed then, assessed now, mode, history start) for every indicator at province and kabupaten.
    "Then" judges data age on the apel date, "now" on today (the real date when None)."""
    codes, wilayah = _scope(con)
    start = history.history_start(con)
    moment = history.end_of_day(tanggal)
    now = scorecard.assessed(con, codes, wilayah, today=today)
    if start is not None and moment >= start:
        with history.snapshot_at(con, moment) as snapshot:
            return scorecard.assessed(snapshot, codes, wilayah, today=tanggal), now, RIWAYAT, start
    return scorecard.assessed(con, codes, wilayah, tanggal, today=tanggal), now, PERIODE, start


def _direction(old: str | None, new: str | None) -> str:
    if old not in _RANK:
        return BARU
    if new not in _RANK:
        return MEMBURUK  # a judged cell that lost its data or target
    return MEMBAIK if _RANK[new] < _RANK[old] else MEMBURUK


def status_changes(before: pd.DataFrame, after: pd.DataFrame, isu_of: dict[str, str]) -> pd.DataFrame:
    """Rows whose status differs between the two assessed frames, with from → to and the direction."""
    keep = ["indikator", "wilayah", "status", "nilai", "periode_label", "periode_label_en", "jenis"]
    after, before = after.reindex(columns=[*after.columns.union(keep, sort=False)]), before.reindex(
        columns=[*before.columns.union(keep, sort=False)])
    merged = after.reindex(columns=["nama_indikator", "nama_indikator_en", "nama", "level", "satuan", *keep]).merge(
        before[keep], on=["indikator", "wilayah"], how="left", suffixes=("_baru", "_lama"))
    # English twins named as lib.text.i18n.localized expects them: <column>_en
    merged = merged.rename(columns={"periode_label_en_baru": "periode_label_baru_en",
                                    "periode_label_en_lama": "periode_label_lama_en"})
    old, new = merged["status_lama"].where(merged["status_lama"].notna(), None), merged["status_baru"]
    differs = [(o if isinstance(o, str) else None) != (n if isinstance(n, str) else None)
               for o, n in zip(old, new)]
    changed = merged[differs].copy()
    changed["arah"] = [_direction(o if isinstance(o, str) else None, n if isinstance(n, str) else None)
                       for o, n in zip(changed["status_lama"], changed["status_baru"])]
    changed["isu"] = changed["indikator"].map(isu_of)
    order = {MEMBURUK: 0, MEMBAIK: 1, BARU: 2}
    return changed.sort_values(["arah", "isu", "wilayah"], key=lambda s: s.map(order) if s.name == "arah" else s,
                               kind="stable").reset_index(drop=True)


def movement(changes: pd.DataFrame) -> pd.DataFrame:
    """Per kabupaten: statuses improved, worsened and the balance, best first (kabupaten rows only)."""
    kab = changes[changes["level"] == "kabupaten"]
    if kab.empty:
        return pd.DataFrame(columns=["wilayah", "nama", "membaik", "memburuk", "saldo"])
    counts = kab.groupby(["wilayah", "nama"])["arah"].agg(
        membaik=lambda s: int((s == MEMBAIK).sum()), memburuk=lambda s: int((s == MEMBURUK).sum())).reset_index()
    counts["saldo"] = counts["membaik"] - counts["memburuk"]
    return counts.sort_values(["saldo", "wilayah"], ascending=[False, True]).reset_index(drop=True)


def new_data(con, tanggal: date, mode: str) -> pd.DataFrame:
    """Batches holding current values that arrived after the apel (mode RIWAYAT: loaded after its day;
    PERIODE: of a period ending after it), with who loaded them, which indicators and wilayah."""
    return uploads.batches_since(con, mode == RIWAYAT, history.end_of_day(tanggal), tanggal)


def compare(con, tanggal: date, today: date | None = None) -> Comparison:
    """Everything the since-apel section shows, for the apel on `tanggal` (now judged on `today`)."""
    before, after, mode, start = states(con, tanggal, today)
    isu_of = dict(queries.indicators(con)[["kode", "isu"]].itertuples(index=False))
    changes = status_changes(before, after, isu_of)
    return Comparison(tanggal, mode, start, changes, new_data(con, tanggal, mode), movement(changes))
