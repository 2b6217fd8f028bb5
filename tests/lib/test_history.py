"""lib.db.history and lib.judge.since_apel: the record rebuilt at a date, and what changed since an apel."""
from __future__ import annotations

import shutil
from datetime import date, datetime, time

import duckdb
import pandas as pd
import pytest
from loading_clock import load_at, set_clock

from lib.data.apel import latest_apel
from lib.db import history
from lib.db import record as db_record
from lib.ingest import load as loading
from lib.judge import since_apel

A_LOADED = datetime(2026, 11, 28, 9, 0)   # after the seed (2026-11-28 00:00), on the apel day
B_LOADED = datetime(2026, 11, 29, 9, 0)   # the day after the apel
A_ROLLED_BACK = datetime(2026, 11, 29, 15, 0)
APEL = date(2026, 11, 28)


@pytest.fixture(scope="module")
def _history_record(_tiny_record, tmp_path_factory):
    """Tiny db + batch A (on the apel day, rolled back the next day) + batch B (the next day): built once per
    module, every test only reads it."""
    path = tmp_path_factory.mktemp("history") / "tiny.duckdb"
    shutil.copyfile(_tiny_record, path.with_name("tiny.duckdb.tmp"))
    db_record.replace(path, path.with_name("tiny.duckdb.tmp"), force=False)
    with pytest.MonkeyPatch.context() as monkeypatch:
        batch_a = load_at(path, [("ST-PREV", "76.04", "2022", 30.0), ("ST-PREV", "76.05", "2023", 38.0)], "a",
                          monkeypatch, A_LOADED)
        load_at(path, [("ST-PREV", "76.05", "2024", 13.0)], "b", monkeypatch, B_LOADED, user="admin.bapperida")
        set_clock(monkeypatch, A_ROLLED_BACK)
        loading.rollback(path, batch_a, user_name="admin", reason="salah ketik")
    return path


@pytest.fixture
def record(_history_record):
    """A read-only connection of the test's own to the module's history record."""
    with duckdb.connect(str(_history_record), read_only=True) as con:
        yield con


def _value(frame: pd.DataFrame, wilayah: str, periode: str, indikator: str = "ST-PREV"):
    found = frame[(frame["indikator"] == indikator) & (frame["wilayah"] == wilayah) & (frame["periode"] == periode)]
    return None if found.empty else float(found["nilai"].iloc[0])


def test_state_on_apel_day_has_the_upload_before_and_not_the_rollback_after(record):
    then = history.current_values_at(record, history.end_of_day(APEL))
    assert _value(then, "76.04", "2022") == 30.0  # batch A, rolled back only the next day
    assert _value(then, "76.05", "2023") == 38.0
    assert _value(then, "76.05", "2024") is None  # batch B arrived the next day


def test_state_between_upload_and_rollback_and_after_rollback(record):
    between = history.current_values_at(record, datetime(2026, 11, 29, 12, 0))
    assert _value(between, "76.04", "2022") == 30.0 and _value(between, "76.05", "2024") == 13.0
    after = history.current_values_at(record, datetime(2026, 11, 29, 16, 0))
    assert _value(after, "76.04", "2022") == 36.0  # the seed value is current again
    assert _value(after, "76.05", "2023") is None
    assert _value(after, "76.05", "2024") == 13.0


def test_state_now_equals_v_capaian(record):
    now = history.current_values_at(record, datetime.now())
    current = record.execute("SELECT * FROM v_capaian ORDER BY indikator, wilayah, periode").df()
    pd.testing.assert_frame_equal(now, current)


def test_state_before_history_is_empty(record):
    assert history.current_values_at(record, datetime(2025, 1, 1)).empty
    assert history.history_start(record) == datetime(2026, 11, 28)


def test_since_apel_rebuilds_from_history_and_lists_new_batches(record):
    result = since_apel.compare(record, datetime.combine(APEL, time(10, 0)))  # batch A an hour before
    assert result.mode == since_apel.RIWAYAT
    assert result.new_data["dimuat_oleh"].tolist() == ["admin.bapperida"]  # A was rolled back: not current
    assert result.new_data["indikator"].iloc[0] == "ST-PREV"
    majene = result.changes[(result.changes["indikator"] == "ST-PREV") & (result.changes["wilayah"] == "76.05")]
    assert majene["status_baru"].iloc[0] == "tercapai"  # 13 % against the 14 % target
    assert majene["perubahan"].iloc[0] == since_apel.MEMBAIK  # 38 → 13 on a `turun` indicator
    assert majene["periode_label_lama"].iloc[0] == "2023"
    assert result.movement.set_index("wilayah").loc["76.05", "membaik"] >= 1


def test_since_an_apel_older_than_the_history_is_approximated_by_period(record):
    result = since_apel.compare(record, date(2023, 7, 24))
    assert result.mode == since_apel.PERIODE
    assert set(result.new_data["dimuat_oleh"]) >= {"admin.bapperida", "seed"}


def test_latest_apel_is_the_most_recent_not_in_the_future(record):
    latest = latest_apel(record, date(2026, 11, 30))
    assert latest["tanggal"].date() == date(2023, 7, 24)
    assert latest["waktu"] == datetime(2023, 7, 24, 8, 0) and not latest["jam_tercatat"]  # hour not in the seed
    assert latest_apel(record, date(2023, 7, 23)) is None


def test_then_is_judged_for_data_age_on_the_apel_day(record):
    before, after, mode, _ = since_apel.states(record, date(2023, 7, 24), today=date(2026, 11, 30))
    assert mode == since_apel.PERIODE
    then = before.set_index(["indikator", "wilayah"]).loc[("ST-PREV", "76.04")]
    now = after.set_index(["indikator", "wilayah"]).loc[("ST-PREV", "76.04")]
    assert then["periode_label"] == now["periode_label"] == "2022"
    assert not then["lama"] and then["usia_bulan"] == 7  # in July 2023 the 2022 value was current
    assert now["lama"] and now["usia_tahun"] == 4


def test_rebuilt_record_holds_target_basis_and_series_breaks(demo_db):
    from lib.data import queries
    from lib.judge import scorecard
    with duckdb.connect(str(demo_db), read_only=True) as con:
        with history.snapshot_at(con, datetime.now()) as snapshot:
            breaks = queries.series_breaks(snapshot, ["INF-YOY"], ["76.02"])
            rebuilt = scorecard.assessed(snapshot, ["ST-PREV", "INF-YOY"], ["76", "76.02"], today=date(2026, 11, 30))
        real = scorecard.assessed(con, ["ST-PREV", "INF-YOY"], ["76", "76.02"], today=date(2026, 11, 30))
    assert breaks["periode"].tolist() == ["2020-01", "2024-01"]
    columns = ["indikator", "wilayah", "status", "target", "target_dasar", "target_rujukan", "acuan", "lama"]
    pd.testing.assert_frame_equal(rebuilt[columns], real[columns])
    assert rebuilt["target_dasar"].notna().any()
