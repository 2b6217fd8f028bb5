"""Reads of cell notes (catatan sel, issue 21): plain DataFrames for the screens, the slide and the CLI.

Every function takes a connection to a file holding the tables `catatan` and `catatan_peristiwa`: in the
app, the published notes file (lib.db.snapshot.open_notes / notes_path — never in public mode); in the
CLI and tests, the record itself. `replay` alone takes the indicator snapshot (the figures).

The tables are append-only (lib/db/schema.sql); what a note is now is derived here:
- `teks`: the latest version (a 'teks' event) else the first; `versi` counts them (1 = never edited).
  A withdrawn note has no `teks` (missing; its versions stay readable through `versions`).
- `status`: 'ditarik' once withdrawn (a 'tarik' event, by its author or an admin); else the latest 'status'
  event ('terbuka', 'dijawab', 'selesai', 'ditutup'); else 'dijawab' for a penjelasan (it waits for nobody)
  and 'terbuka' for the rest.
- `terbuka`: the note waits for someone: status 'terbuka', not a penjelasan, and its thread's first note
  not withdrawn. A pertanyaan or koreksi is answered ('dijawab') when the cell's OPD or an admin replies in
  its thread (lib.catatan writes that event); a komitmen stays open until marked 'selesai' with a note, or
  'ditutup'.
- `lewat_tenggat`: an open komitmen whose tenggat is before `today`; `hari_lewat` by how many days.
- `utas`: the thread's first note (id of the note itself when it starts a thread).
`today` defaults to the server's date; tests pass it.

Columns of every note frame: NOTE_COLUMNS.
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.data import queries
from lib.db import history

QUESTION_KINDS = ("pertanyaan", "koreksi")  # wait for the cell's OPD to answer
KINDS = ("pertanyaan", "penjelasan", "komitmen", "koreksi")
STATES = ("terbuka", "dijawab", "selesai", "ditutup", "ditarik")
NOTE_COLUMNS = ["id", "utas", "induk", "jenis", "isu", "indikator", "wilayah", "periode", "snapshot", "teks",
                "versi", "diubah", "dibuat", "penulis", "opd_penulis", "opd_tujuan", "tenggat", "opd_komitmen",
                "sebutan", "status", "status_pada", "dijawab_pada", "ditarik_pada", "ditarik_oleh", "terbuka",
                "lewat_tenggat", "hari_lewat", "balasan"]

_NOTES = """
WITH teks AS (
    SELECT catatan, arg_max(teks, id) AS teks, count(*) AS ubah, max(pada) AS diubah
    FROM catatan_peristiwa WHERE jenis = 'teks' GROUP BY catatan
), st AS (
    SELECT catatan, arg_max(status, id) AS status, max(pada) AS status_pada
    FROM catatan_peristiwa WHERE jenis = 'status' GROUP BY catatan
), dijawab AS (
    SELECT catatan, min(pada) AS dijawab_pada
    FROM catatan_peristiwa WHERE jenis = 'status' AND status = 'dijawab' GROUP BY catatan
), tarik AS (
    SELECT catatan, min(pada) AS ditarik_pada, arg_min(oleh, id) AS ditarik_oleh
    FROM catatan_peristiwa WHERE jenis = 'tarik' GROUP BY catatan
), balasan AS (
    SELECT induk AS catatan, count(*) AS balasan FROM catatan WHERE induk IS NOT NULL GROUP BY induk
), n AS (
    SELECT c.id, coalesce(c.induk, c.id) AS utas, c.induk, c.jenis, c.isu, c.indikator, c.wilayah, c.periode,
           c.snapshot,
           CASE WHEN tarik.catatan IS NULL THEN coalesce(teks.teks, c.teks) END AS teks,
           1 + coalesce(teks.ubah, 0) AS versi, teks.diubah, c.dibuat, c.penulis, c.opd_penulis, c.opd_tujuan,
           c.tenggat, c.opd_komitmen, coalesce(c.sebutan, []::VARCHAR[]) AS sebutan,
           CASE WHEN tarik.catatan IS NOT NULL THEN 'ditarik'
                WHEN st.status IS NOT NULL THEN st.status
                WHEN c.jenis = 'penjelasan' THEN 'dijawab'
                ELSE 'terbuka' END AS status,
           coalesce(tarik.ditarik_pada, st.status_pada) AS status_pada, dijawab.dijawab_pada,
           tarik.ditarik_pada, tarik.ditarik_oleh, coalesce(balasan.balasan, 0) AS balasan
    FROM catatan AS c
    LEFT JOIN teks ON teks.catatan = c.id
    LEFT JOIN st ON st.catatan = c.id
    LEFT JOIN dijawab ON dijawab.catatan = c.id
    LEFT JOIN tarik ON tarik.catatan = c.id
    LEFT JOIN balasan ON balasan.catatan = c.id
)
SELECT n.*,
       n.status = 'terbuka' AND n.jenis <> 'penjelasan'
           AND NOT coalesce((SELECT r.status = 'ditarik' FROM n AS r WHERE r.id = n.utas), false) AS terbuka,
       n.jenis = 'komitmen' AND n.status = 'terbuka' AND n.tenggat < $today
           AND NOT coalesce((SELECT r.status = 'ditarik' FROM n AS r WHERE r.id = n.utas), false) AS lewat_tenggat,
       CASE WHEN n.jenis = 'komitmen' AND n.tenggat < $today THEN date_diff('day', n.tenggat, $today)
            ELSE 0 END AS hari_lewat
FROM n
"""


def _today(today: date | None) -> date:
    return today or date.today()


def all_notes(con, today: date | None = None) -> pd.DataFrame:
    """Every note and reply with its current text and state (NOTE_COLUMNS), by id."""
    frame = con.execute(f"SELECT * FROM ({_NOTES}) ORDER BY id", {"today": _today(today)}).df()
    return frame[NOTE_COLUMNS]


def notes(con, *, isu: str | None = None, indikator: str | None = None, wilayah: str | None = None,
          periode: str | None = None, opd: str | None = None, terbuka: bool | None = None,
          today: date | None = None) -> pd.DataFrame:
    """Notes filtered by cell parts; `opd`: those routed to it, committed by it or written by it; `terbuka`:
    True only notes waiting for someone, False only the others. Oldest first."""
    frame = all_notes(con, today)
    for column, value in (("isu", isu), ("indikator", indikator), ("wilayah", wilayah), ("periode", periode)):
        if value is not None:
            frame = frame[frame[column] == value]
    if opd is not None:
        frame = frame[(frame["opd_tujuan"] == opd) | (frame["opd_komitmen"] == opd) | (frame["opd_penulis"] == opd)]
    if terbuka is not None:
        frame = frame[frame["terbuka"] == terbuka]
    return frame.sort_values(["dibuat", "id"]).reset_index(drop=True)


def note(con, note_id: int, today: date | None = None) -> pd.Series | None:
    """One note or reply (NOTE_COLUMNS), or None when there is no such number."""
    frame = all_notes(con, today)
    found = frame[frame["id"] == note_id]
    return None if found.empty else found.iloc[0]


def thread(con, note_id: int, today: date | None = None) -> pd.DataFrame:
    """The whole thread of a note (its first note, then the replies, oldest first); empty when unknown."""
    frame = all_notes(con, today)
    found = frame[frame["id"] == note_id]
    if found.empty:
        return frame.iloc[0:0]
    root = found.iloc[0]["utas"]
    return frame[frame["utas"] == root].sort_values(["dibuat", "id"]).reset_index(drop=True)


def cell_notes(con, indikator: str, wilayah: str, periode: str | None = None,
               today: date | None = None) -> pd.DataFrame:
    """Every thread pinned to a cell (all periods when `periode` is None): threads newest first, inside a
    thread the first note then its replies oldest first. Group by `utas` for the panel."""
    frame = notes(con, indikator=indikator, wilayah=wilayah, periode=periode, today=today)
    if frame.empty:
        return frame
    started = frame.groupby("utas")["dibuat"].transform("min")
    frame = frame.assign(_mulai=started, _balasan=frame["induk"].notna())
    frame = frame.sort_values(["_mulai", "utas", "_balasan", "dibuat", "id"],
                              ascending=[False, False, True, True, True])
    return frame.drop(columns=["_mulai", "_balasan"]).reset_index(drop=True)


def versions(con, note_id: int) -> pd.DataFrame:
    """Every text version of a note, first first: versi, teks, oleh, pada."""
    return con.execute("""
        SELECT 1 AS versi, teks, penulis AS oleh, dibuat AS pada FROM catatan WHERE id = $id
        UNION ALL
        SELECT 1 + row_number() OVER (ORDER BY id), teks, oleh, pada FROM catatan_peristiwa
        WHERE catatan = $id AND jenis = 'teks'
        ORDER BY versi
    """, {"id": note_id}).df()


def events(con, note_id: int) -> pd.DataFrame:
    """What happened to a note, oldest first: id, jenis ('teks', 'status', 'tarik'), status, teks, oleh, opd, pada."""
    return con.execute("SELECT id, jenis, status, teks, oleh, opd, pada FROM catatan_peristiwa "
                       "WHERE catatan = ? ORDER BY id", [note_id]).df()


def open_counts(con, isu: str | None = None, wilayah: str | None = None,
                today: date | None = None) -> pd.DataFrame:
    """Per cell with open notes: isu, indikator, wilayah, periode, terbuka (open notes), belum_dijawab (open
    questions and corrections), lewat_tenggat (overdue commitments). For the count marks on ranking rows,
    rapor cells and the map (sum over periode for a mark per indikator × wilayah)."""
    frame = notes(con, isu=isu, wilayah=wilayah, terbuka=True, today=today)
    columns = ["isu", "indikator", "wilayah", "periode", "terbuka", "belum_dijawab", "lewat_tenggat"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(belum_dijawab=frame["jenis"].isin(QUESTION_KINDS))
    grouped = frame.groupby(["isu", "indikator", "wilayah", "periode"], as_index=False).agg(
        terbuka=("id", "count"), belum_dijawab=("belum_dijawab", "sum"), lewat_tenggat=("lewat_tenggat", "sum"))
    return grouped[columns].astype({"terbuka": int, "belum_dijawab": int, "lewat_tenggat": int})


def inbox_questions(con, opd: str, today: date | None = None) -> pd.DataFrame:
    """"Pertanyaan untuk Anda": open questions and corrections routed to the OPD, oldest first, with
    `hari_menunggu` (days since asked)."""
    frame = notes(con, opd=None, terbuka=True, today=today)
    frame = frame[frame["jenis"].isin(QUESTION_KINDS) & (frame["opd_tujuan"] == opd)]
    waited = (pd.Timestamp(_today(today)) - frame["dibuat"].dt.normalize()).dt.days
    return frame.assign(hari_menunggu=waited.astype(int)).reset_index(drop=True)


def inbox_commitments(con, opd: str, today: date | None = None) -> pd.DataFrame:
    """"Komitmen Anda": the OPD's open commitments, overdue first (most overdue first), then by due date."""
    frame = notes(con, terbuka=True, today=today)
    frame = frame[(frame["jenis"] == "komitmen") & (frame["opd_komitmen"] == opd)]
    return frame.sort_values(["lewat_tenggat", "tenggat", "id"], ascending=[False, True, True]).reset_index(drop=True)


def mentions(con, name: str, today: date | None = None) -> pd.DataFrame:
    """Notes that @mention an account name or an OPD code (case-insensitive), newest first."""
    frame = all_notes(con, today)
    wanted = name.casefold()
    hit = frame["sebutan"].map(lambda names: any(str(n).casefold() == wanted for n in list(names)))
    found = frame[hit & (frame["status"] != "ditarik")]
    return found.sort_values(["dibuat", "id"], ascending=False).reset_index(drop=True)


def counts_since(con, moment: datetime, today: date | None = None) -> dict[str, int]:
    """For "sejak apel terakhir" and Ringkasan, counted after `moment` (e.g. the last apel's moment):
    ditanya: questions and corrections asked since; dijawab: those answered since (whenever asked);
    belum_dijawab: questions and corrections open now (whenever asked); komitmen_baru: commitments made
    since; komitmen_jatuh_tempo: open commitments whose date fell between the moment's day and today;
    komitmen_lewat: open commitments past their date now; komitmen_selesai: marked done since."""
    frame = all_notes(con, today)
    live = frame[frame["status"] != "ditarik"]
    questions = live[live["jenis"].isin(QUESTION_KINDS)]
    commitments = live[live["jenis"] == "komitmen"]
    since = pd.Timestamp(moment)
    day, now = pd.Timestamp(since.date()), pd.Timestamp(_today(today))
    open_commitments = commitments[commitments["terbuka"]]
    due = pd.to_datetime(open_commitments["tenggat"])
    done = commitments[(commitments["status"] == "selesai") & (commitments["status_pada"] > since)]
    return {
        "ditanya": int((questions["dibuat"] > since).sum()),
        "dijawab": int((questions["dijawab_pada"] > since).sum()),
        "belum_dijawab": int(questions["terbuka"].sum()),
        "komitmen_baru": int((commitments["dibuat"] > since).sum()),
        "komitmen_jatuh_tempo": int(((due >= day) & (due <= now)).sum()),
        "komitmen_lewat": int(open_commitments["lewat_tenggat"].sum()),
        "komitmen_selesai": int(len(done)),
    }


FOLLOW_UP_COLUMNS = ["jenis", "id", "isu", "indikator", "wilayah", "periode", "opd", "dibuat", "tenggat",
                     "hari", "teks", "penulis"]


def follow_up(con, today: date | None = None) -> pd.DataFrame:
    """The "Tindak lanjut" list: unanswered questions and corrections (opd = routed to, hari = days waiting,
    oldest first), then overdue commitments (opd = the committing OPD, hari = days overdue, most first)."""
    frame = all_notes(con, today)
    day = pd.Timestamp(_today(today))
    asked = frame[frame["terbuka"] & frame["jenis"].isin(QUESTION_KINDS)].sort_values(["dibuat", "id"])
    asked = asked.assign(opd=asked["opd_tujuan"], hari=(day - asked["dibuat"].dt.normalize()).dt.days)
    late = frame[frame["lewat_tenggat"]].sort_values(["hari_lewat", "id"], ascending=[False, True])
    late = late.assign(opd=late["opd_komitmen"], hari=late["hari_lewat"])
    out = pd.concat([asked[FOLLOW_UP_COLUMNS], late[FOLLOW_UP_COLUMNS]], ignore_index=True)
    return out.astype({"hari": int}) if not out.empty else out


def replay(con, indikator: str, wilayah: str, periode: str, moment: datetime) -> dict[str, pd.DataFrame]:
    """The cell as it was at `moment` (a note's `dibuat`) beside today's, read from the figures (the indicator
    snapshot or the record, not the notes file): {"catatan": …, "kini": …, "target": …}. "catatan" and "kini"
    hold the cell's value row (queries.series columns; empty when there was none); "target" every target that
    may apply (queries.targets; targets are reference data, the same then and now). The status is judged by
    the caller (lib.judge.targets / lib.judge.status) on each, as everywhere else."""
    def cell(source) -> pd.DataFrame:
        found = queries.series(source, [indikator], [wilayah])
        return found[found["periode"] == periode].reset_index(drop=True)

    with history.snapshot_at(con, moment) as then:
        before = cell(then)
    return {"catatan": before, "kini": cell(con), "target": queries.targets(con, [indikator], [wilayah])}


def cell_facts(con, indikator: str, wilayah: str, periode: str) -> dict:
    """What the rules need to know about a cell, read in the write's transaction: its isu (None: no such
    indikator), whether the wilayah and the periode exist, whether a value or a target is recorded for the
    key, and who loaded the current value (`pengunggah`, an account name; None without a value)."""
    row = con.execute("""
        SELECT (SELECT isu FROM indikator WHERE kode = $i),
               EXISTS (SELECT 1 FROM wilayah WHERE kode = $w),
               EXISTS (SELECT 1 FROM periode WHERE kode = $p),
               EXISTS (SELECT 1 FROM v_capaian WHERE indikator = $i AND wilayah = $w AND periode = $p),
               EXISTS (SELECT 1 FROM target WHERE indikator = $i AND wilayah = $w AND periode = $p),
               (SELECT u.dimuat_oleh FROM v_capaian AS v JOIN unggahan AS u ON u.id = v.unggahan
                WHERE v.indikator = $i AND v.wilayah = $w AND v.periode = $p)
    """, {"i": indikator, "w": wilayah, "p": periode}).fetchall()[0]
    return dict(zip(("isu", "wilayah_ada", "periode_ada", "nilai_ada", "target_ada", "pengunggah"), row))


def opd_codes(con) -> set[str]:
    """Every OPD code (an @mention of an OPD must name one)."""
    return {r[0] for r in con.execute("SELECT kode FROM opd").fetchall()}
