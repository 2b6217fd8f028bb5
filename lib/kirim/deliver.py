"""One round of deliveries (`python -m lib.kirim run`): queue what is due, then send the queue, one at a time.

1. Queue. The published snapshot is read once (lib.db.snapshot_reader). A `terbit` subscription is looked at
   once per snapshot (slot 'terbit:<snapshot file>'): the figures at its previous mark (the newest load time it
   last judged, or the one when it was made) against the figures now, in its scope (lib.kirim.content); a
   change queues a message, no change stores a 'lewat' row (so that snapshot is never looked at again for it).
   A `jadwal` subscription queues its latest slot at or before `now` (slot 'jadwal:2026-12-07T06:00'), if made
   before that slot: a slot fires once. The outbox's unique key (langganan, slot, penerima) keeps anything from
   being queued twice, even by two rounds at once (only one runs: lib.db.outbox.one_round).
2. Send. Every queued row whose time has come is sent through its channel (lib.kirim.channels), with the files
   built for its scope; its state is written at once (terkirim, or antre again after a backoff with the error,
   or gagal after MONITOR41_KIRIM_COBA tries), one write per delivery, so a round cut short resends nothing
   that was sent and loses nothing that was not.

The round runs outside the app's processes (deploy/systemd/monitor41-kirim.timer, at low CPU priority), so a
round after a publish never slows a page.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from lib import config
from lib.data import apel as apel_data
from lib.data import deliveries
from lib.data import notes as notes_data
from lib.db import outbox, snapshot, snapshot_reader, writer
from lib.export import model
from lib.kirim import channels, content, rules

LOGGER = logging.getLogger("monitor41.kirim")


@dataclass
class Round:
    queued: list[int] = field(default_factory=list)
    skipped: int = 0
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def max_tries() -> int:
    try:
        return max(1, int(config.get("MONITOR41_KIRIM_COBA")))
    except ValueError:
        return int(config.SETTINGS["MONITOR41_KIRIM_COBA"].default)


def _notes(record: Path, now: datetime) -> pd.DataFrame:
    """Every cell note from the published notes file; empty in a public process (it never opens them)."""
    try:
        with snapshot.reading_notes(record) as con:
            return notes_data.all_notes(con, now.date())
    except snapshot.NotesHiddenError:
        return pd.DataFrame(columns=notes_data.NOTE_COLUMNS)


def _plan(record: Path, figures, snap: str, now: datetime) -> list[dict]:
    """What the round queues: dicts of outbox.queue's arguments (message None and skipped for 'lewat')."""
    with outbox.reading(record) as con:
        subs = deliveries.live_subscriptions(con)
        done = {(sub["id"], slot) for sub in subs
                for slot in (f"terbit:{snap}",) if deliveries.has_slot(con, sub["id"], slot)}
        marks = {sub["id"]: deliveries.last_mark(con, sub["id"]) or sub["tanda_awal"] for sub in subs}
    apel_days = [d.date() if hasattr(d, "date") else d for d in apel_data.list_apel(figures)["tanggal"]]
    mark_now = deliveries.newest_load(figures)
    planned, changes = [], {}
    notes = _notes(record, now) if any(s["pemicu"] == "terbit" and not s["publik"] for s in subs) else None
    for sub in subs:
        if sub["pemicu"] == "terbit":
            if notes is not None:  # a commitment that fell due: once per note (slot komitmen:<note>)
                for _, note in content.due_commitments(notes, sub, now.date()).iterrows():
                    planned.append(dict(sub=sub, slot=f"komitmen:{int(note['id'])}", mark=None, skipped=False,
                                        message=content.commitment_message(figures, sub, note)))
            if (sub["id"], f"terbit:{snap}") in done:
                continue
            mark = marks[sub["id"]] or mark_now
            if mark not in changes:
                changes[mark] = content.all_changes(figures, mark, now.date())
            rows = content.in_scope(figures, changes[mark], sub)
            message = content.change_message(figures, sub, rows, mark) if not rows.empty else None
            planned.append(dict(sub=sub, slot=f"terbit:{snap}", message=message, mark=mark_now,
                                skipped=rows.empty))
        else:
            slot = rules.parse_schedule(sub["jadwal"]).last_slot(now, apel_days)
            if slot is None or slot < sub["dibuat_pada"]:
                continue
            planned.append(dict(sub=sub, slot=f"jadwal:{slot:%Y-%m-%dT%H:%M}", message=None, mark=None,
                                skipped=False))
    return planned


def _queue(record: Path, planned: list[dict], figures, now: datetime, result: Round) -> None:
    with outbox.reading(record) as con:
        planned = [p for p in planned if not deliveries.has_slot(con, p["sub"]["id"], p["slot"])]
    frames: dict = {}  # the matrix and headlines of this round, queried once
    for item in planned:  # a scheduled message is written now, from the figures of this round
        if item["message"] is None and not item["skipped"]:
            item["message"] = content.summary_message(figures, item["sub"], now.date(), frames)
    if not planned:
        return
    with writer.writing(record, outbox_only=True) as con:
        for item in planned:
            row = outbox.queue(con, item["sub"]["id"], item["slot"], item["sub"]["penerima"], now, item["message"],
                               item["mark"], item["skipped"])
            if row is not None and item["skipped"]:
                result.skipped += 1
            elif row is not None:
                result.queued.append(row)


def _folder_name(row: dict, sub: dict) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", f"{row['id']:06d}-langganan{sub['id']}-{row['slot']}")


def _send(row: dict, sub: dict, files: list) -> None:
    text = row["pesan"] or ""
    channel = sub["saluran"]
    if channel == "email":  # the message's first line (scope and what happened) is the subject
        channels.send_email(row["penerima"], text.splitlines()[0] if text else "Monitor 4+1", text, files)
    elif channel == "telegram":
        channels.send_telegram(row["penerima"], text, files)
    elif channel == "whatsapp":
        channels.send_whatsapp(row["penerima"], sub["templat"], text, files)
    else:
        channels.write_folder(row["penerima"], _folder_name(row, sub), text, files)


def _deliver(record: Path, figures, now: datetime, result: Round) -> None:
    with outbox.reading(record) as con:
        due = deliveries.due(con, now)
        subs = {n: deliveries.subscription(con, n) for n in {row["langganan"] for row in due}}
    built: dict[tuple, list] = {}
    loaded: list = []  # the deck's queries, run once per round when a file is wanted
    for row in due:
        sub = subs[row["langganan"]]
        key = (tuple(sub["kabupaten"]), sub["isu"], sub["opd"], tuple(sub["isi"]))  # the scope and the files
        try:
            if key not in built:
                if not loaded and any(item != "teks" for item in sub["isi"]):
                    loaded.append(model.load(figures))
                built[key] = content.attachments(figures, sub, now.date(), loaded[0] if loaded else None)
            _send(row, sub, built[key])
        except channels.ChannelError as exc:
            tries = int(row["percobaan"]) + 1
            retry_at = now + rules.backoff(tries) if tries < max_tries() else None
            LOGGER.info("Kiriman %s (langganan %s) gagal, percobaan %s: %s", row["id"], sub["id"], tries, exc)
            with writer.writing(record, outbox_only=True) as con:
                outbox.failed(con, int(row["id"]), str(exc), retry_at)
            (result.retried if retry_at else result.failed).append(int(row["id"]))
            continue
        with writer.writing(record, outbox_only=True) as con:
            outbox.sent(con, int(row["id"]), datetime.now().replace(microsecond=0))
        result.sent.append(int(row["id"]))


def run(record: Path | str, now: datetime | None = None) -> Round:
    """One round: queue what is due at `now` (the server's clock by default; a test passes its own), send it."""
    record = Path(record)
    now = (now or datetime.now()).replace(microsecond=0)
    result = Round()
    with outbox.one_round(record):
        handle = snapshot_reader.open_latest(record, snapshot.folder(record), record_fallback=False)
        try:
            planned = _plan(record, handle.con, handle.version, now)
            _queue(record, planned, handle.con, now, result)
            _deliver(record, handle.con, now, result)
        finally:
            handle.close()
    return result
