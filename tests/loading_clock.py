"""Uploads at a chosen moment, for tests of "what the record held then": lib.ingest.load's clock fixed to
`moment`, and a load of clean rows as an OPD clerk would make it."""
from __future__ import annotations

from datetime import datetime

from lib.ingest import load as loading
from lib.ingest.validate import CleanRow


def set_clock(monkeypatch, moment: datetime) -> None:
    """lib.ingest.load's datetime.now() returns `moment` for the rest of the test."""
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment
    monkeypatch.setattr(loading, "datetime", Clock)


def load_at(path, rows, content, monkeypatch, moment, user="dinkes.sulbar") -> int:
    """Load (indikator, wilayah, periode, nilai) rows as one upload batch at `moment`; its batch id."""
    set_clock(monkeypatch, moment)
    rows = [CleanRow(i + 2, *r, "Dinkes Sulbar", None) for i, r in enumerate(rows)]
    return loading.load(path, rows, file_name=f"{content}.xlsx", content_hash=content, user_name=user).batch_id
