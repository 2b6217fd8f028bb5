"""A cell note whose value changed after it was written (issue 21's replay), shared by the read and screen tests."""
from __future__ import annotations

from datetime import datetime

import duckdb

from lib.catatan import rules
from lib.data import notes
from lib.db import snapshot, writer, writes

MAJENE_STUNTING = rules.Cell("ST-PREV", "76.05", "2022")  # 40,6 % in the tiny record; DINKES owns it


def replayed_question(db, asker) -> tuple[dict, datetime]:
    """Ask on Majene's stunting cell, then upload 30,5 for it: (notes.replay of the cell at the question's
    moment, that moment). The replay's 'catatan' holds 40,6, its 'kini' 30,5."""
    asked = rules.add(db, asker, MAJENE_STUNTING, "pertanyaan", "Mengapa 40,6?", now=datetime.now())
    with writer.writing(db) as con:
        batch = writes.add_batch(con, "isian.csv", "h", "dinkes", datetime.now(), 1, "")
        writes.add_values(con, [("ST-PREV", "76.05", "2022", 30.5, "SSGI", None, "resmi", "dinkes",
                                 datetime.now(), batch)])
    with snapshot.reading_notes(db) as con:
        moment = notes.note(con, asked)["dibuat"].to_pydatetime()
    with duckdb.connect(str(snapshot.latest_path(db)), read_only=True) as figures:
        return notes.replay(figures, "ST-PREV", "76.05", "2022", moment), moment
