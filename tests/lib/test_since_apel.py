"""Issue 18 item 5: "since the last apel", truthfully — on small built records.

Better or worse by the indicator's arah on the values, never by status; a status that changed with its target
is flagged and not counted; new data official and simulated apart; the apel is a moment (date and hour) and
"since" is strictly after it; an old record migrates to apel with an hour.
"""
from __future__ import annotations

import copy
import shutil
from datetime import date, datetime, time

import duckdb
import pytest
from loading_clock import load_at
from seed_fixture import TINY_SEED, write_seed

from lib.apel import meetings
from lib.data.apel import DEFAULT_JAM, latest_apel, list_apel
from lib.db import record, writes
from lib.db.build import build_record
from lib.export import since as export_since
from lib.ingest import load as loading
from lib.judge import since_apel
from lib.present import since_text
from lib.screens import since_apel as since_screen
from lib.screens.source import Source

APEL = datetime(2026, 11, 28, 10, 0)  # the seed was loaded 2026-11-28 00:00: the apel is within the history
HOUR_BEFORE, HOUR_AFTER = datetime(2026, 11, 28, 9, 0), datetime(2026, 11, 28, 11, 0)


def _seed_with_milestone(folder):
    """The tiny seed plus a documented 2023 milestone for stunting (21 %) before the 2024 national 14 %."""
    tables = copy.deepcopy(TINY_SEED)
    tables["target"].append(("ST-PREV", "76", "2023", "daerah", "21", "", "RPJMD Sulbar", "", "", "dokumen",
                             "RPJMD Sulbar 2022-2026"))
    return write_seed(folder / "seed", tables)


def _simulated(path, rows, moment) -> None:
    """A batch of simulated values (as lib.db.simulation writes them), loaded at moment."""
    with loading.writing(path) as con:
        batch = writes.add_batch(con, "simulasi.csv", "sim", "seed", moment, len(rows), "simulasi uji")
        writes.add_values(con, [(*r, "Simulasi", None, "simulasi", "seed", moment, batch) for r in rows])


def _row(changes, wilayah, indikator="ST-PREV"):
    found = changes[(changes["indikator"] == indikator) & (changes["wilayah"] == wilayah)]
    assert len(found) == 1, found
    return found.iloc[0]


@pytest.fixture(scope="module")
def _story_record(tmp_path_factory):
    """Majene 20 % (2023, met the 2023 milestone) loaded an hour before the apel; after it, Majene 19 % (2024,
    against the 2024 target 14 %) and Polewali Mandar 36 → 30 % (still not met); simulated counts after it too.
    Built once per module: the tests below only read it, or write to their own copy (story_db)."""
    folder = tmp_path_factory.mktemp("since")
    db = build_record(folder / "since.duckdb", seed_dir=_seed_with_milestone(folder)).path
    with pytest.MonkeyPatch.context() as monkeypatch:
        load_at(db, [("ST-PREV", "76.05", "2023", 20.0)], "before", monkeypatch, HOUR_BEFORE)
        load_at(db, [("ST-PREV", "76.05", "2024", 19.0), ("ST-PREV", "76.04", "2023", 30.0)], "after",
                monkeypatch, HOUR_AFTER)
    _simulated(db, [("ST-INTERVENSI", "76", "2023-09-W1", 700.0), ("ST-INTERVENSI", "76", "2023-09-W2", 710.0)],
               HOUR_AFTER)
    return db


@pytest.fixture
def story_db(_story_record, tmp_path):
    """The story record as a copy the test owns (it writes)."""
    built = tmp_path / "since.duckdb.tmp"
    shutil.copyfile(_story_record, built)
    record.replace(tmp_path / "since.duckdb", built, force=False)
    return tmp_path / "since.duckdb"


@pytest.fixture(scope="module")
def story(_story_record):
    """The story record, read only."""
    with duckdb.connect(str(_story_record), read_only=True) as con:
        yield con


def test_an_improvement_is_an_improvement_whatever_the_status(story):
    result = since_apel.compare(story, APEL, today=date(2026, 12, 1))
    polman = _row(result.changes, "76.04")
    assert (polman["nilai_lama"], polman["nilai_baru"]) == (36.0, 30.0)
    # 2022 then (no target of its own; the 2023 milestone has passed by 2026: no verdict), 2023 now (not met)
    assert polman["status_lama"] == "belum bisa dinilai" and polman["status_baru"] == "tidak tercapai"
    assert polman["perubahan"] == since_apel.MEMBAIK and polman["naik_turun"] == since_apel.DOWN
    text = since_text.change_text(polman, "id")
    assert text.startswith("▼ ") and text.endswith("membaik")  # the arrow is the value's, the word arah's


def test_a_status_that_changed_with_its_target_is_flagged_and_not_counted(story):
    result = since_apel.compare(story, APEL, today=date(2026, 12, 1))
    majene = _row(result.changes, "76.05")
    assert majene["status_lama"] == "tercapai" and majene["status_baru"] != "tercapai"  # 19 % misses 14 %
    assert majene["target_berganti"] and (majene["target_tahun_lama"], majene["target_tahun_baru"]) == ("2023", "2024")
    assert majene["perubahan"] == since_apel.MEMBAIK  # 20 → 19 on a `turun` indicator: better, by the values
    assert "target berganti: 2023 → 2024" in since_text.change_text(majene, "id")
    tally = since_apel.counts(result.changes)
    assert tally["target"] == 1 and tally[since_apel.MEMBURUK] == 0
    # No kabupaten "worsened": the status fell only because the 2024 target replaced the 2023 milestone.
    movement = result.movement.set_index("wilayah")
    assert (movement["memburuk"] == 0).all() and movement.loc["76.05", "membaik"] == 1


def test_new_data_counts_official_and_simulated_apart(story):
    new = since_apel.compare(story, APEL, today=date(2026, 12, 1)).new_data
    assert new["jumlah_resmi"].sum() == 2 and new["jumlah_simulasi"].sum() == 2
    view = since_screen.since_view(Source(story), APEL, ())
    assert (view.new_official, view.new_simulated) == (2, 2)
    assert "○ Simulasi: 2 nilai" in view.summary[1] and "2 nilai resmi" in view.summary[1]


def test_an_upload_an_hour_after_the_apel_counts_since_and_one_an_hour_before_does_not(story):
    result = since_apel.compare(story, APEL, today=date(2026, 12, 1))
    assert result.mode == since_apel.RIWAYAT
    names = set(result.new_data["nama_berkas"])
    assert "after.xlsx" in names and "before.xlsx" not in names
    majene = _row(result.changes, "76.05")
    assert majene["nilai_lama"] == 20.0  # the upload an hour before is part of "then"
    # The same apel read as a date only (its hour unknown: 08:00) would put both uploads after it.
    by_default = since_apel.compare(story, APEL.date(), today=date(2026, 12, 1))
    assert {"after.xlsx", "before.xlsx"} <= set(by_default.new_data["nama_berkas"])


def test_the_summary_words_are_coloured_by_arah_and_carry_no_arrow(story):
    view = since_screen.since_view(Source(story), APEL, ())
    first = view.summary[0]
    assert "2 nilai resmi membaik" in first and "0 nilai resmi memburuk" in first
    assert "1 status berubah karena target berganti" in first
    assert "▲" not in "".join(view.summary) and "▼" not in "".join(view.summary)
    assert view.best[1] == "#### Majene" or view.best[1] == "#### Polewali Mandar"  # no arrow on a kabupaten
    assert view.worst[1].endswith("Tidak ada")
    perubahan = view.changes["Perubahan"].tolist()
    assert all(text.endswith("membaik") or "target berganti" in text for text in perubahan)
    assert set(view.change_colors) == {since_text.change_color(since_apel.MEMBAIK)}


def test_the_deck_lines_follow_the_same_rules(story_db):
    db = story_db
    meetings.add(db, meetings.Apel(APEL.date(), "Apel Koordinasi", jam=APEL.time()), user_name="admin")
    with duckdb.connect(str(db), read_only=True) as con:
        comparison = export_since.load(con, date(2026, 12, 1))
    assert comparison.moment == APEL
    lines = export_since.lines(comparison, "id")
    assert lines[0].startswith("Sejak apel 28 November 2026 pukul 10.00: 2 nilai membaik, 0 memburuk")
    assert "1 status berubah karena target berganti" in lines[0]
    assert any("Majene — Prevalensi balita stunting: 20,0% (2023) → 19,0% (2024), ▼ 1,0 poin, membaik · target berganti: 2023 → 2024" in line
               for line in lines), "\n".join(lines)
    assert lines[-1] == "Data resmi baru: 2 nilai dalam 1 unggahan. ○ Simulasi: 2 nilai lain (tidak tampil di sini)."


def test_value_change_follows_arah():
    assert since_apel.value_change(2.94, 1.46, "turun") == since_apel.MEMBAIK
    assert since_apel.value_change(10, 12, "naik") == since_apel.MEMBAIK
    assert since_apel.value_change(10, 12, "turun") == since_apel.MEMBURUK
    assert since_apel.value_change(None, 12, "turun") == since_apel.BARU
    assert since_apel.value_change(12, None, "turun") == since_apel.HILANG
    assert since_apel.value_change(4.5, 3.0, "rentang", 1.5, 3.5) == since_apel.MEMBAIK  # into the band
    assert since_apel.value_change(2.0, 3.0, "rentang", 1.5, 3.5) == since_apel.TETAP  # inside both times
    assert since_apel.value_change(2.0, 3.0, "rentang") == since_apel.BERUBAH  # no band: no verdict


def test_an_apel_is_recorded_with_its_hour_and_listed_by_moment(tiny_db):
    meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=time(9, 30)), user_name="admin")
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        apels = list_apel(con)
        latest = latest_apel(con, date(2026, 12, 1))
    assert apels["waktu"].iloc[0] == datetime(2024, 3, 18, 9, 30) and bool(apels["jam_tercatat"].iloc[0])
    seeded = apels.iloc[1]  # the seed does not know the hour: the documented default, and said so
    assert seeded["waktu"] == datetime.combine(date(2023, 7, 24), DEFAULT_JAM) and not seeded["jam_tercatat"]
    assert latest["waktu"] == datetime(2024, 3, 18, 9, 30)
    assert since_text.moment_text(datetime(2023, 7, 24, 8), "id", recorded=False) == \
        "24 Juli 2023 pukul 08.00 (jam tidak tercatat, dianggap 08.00)"


def test_an_apel_without_an_hour_or_in_the_future_is_refused(tiny_db):
    with pytest.raises(meetings.ApelError, match="Jam apel wajib diisi"):
        meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel"), user_name="admin")
    later = datetime.now().replace(second=0, microsecond=0)
    if later.hour < 23:  # an hour from now, today: not yet happened
        with pytest.raises(meetings.ApelError, match="belum terjadi"):
            meetings.add(tiny_db, meetings.Apel(later.date(), "Apel", jam=time(later.hour + 1, 0)), user_name="admin")
    assert meetings.parse_time("07.30") == time(7, 30)
    with pytest.raises(meetings.ApelError, match="JJ:MM"):
        meetings.parse_time("jam tujuh")


def test_an_old_record_migrates_to_apel_with_an_hour(tiny_db, tiny_seed, tmp_path, monkeypatch):
    from old_schema import write_v1_record
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    record.migrate_record(old)
    with duckdb.connect(str(old), read_only=True) as con:
        apels = list_apel(con)
        columns = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'apel' "
                                             "ORDER BY column_index").fetchall()]
    assert "jam" in columns
    assert apels["tanggal"].dt.date.tolist() == [date(2023, 7, 24)]
    assert not apels["jam_tercatat"].iloc[0] and apels["waktu"].iloc[0] == datetime(2023, 7, 24, 8, 0)
    meetings.add(old, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=time(9, 30)), user_name="admin")
    with duckdb.connect(str(old), read_only=True) as con:
        assert list_apel(con)["waktu"].iloc[0] == datetime(2024, 3, 18, 9, 30)


def test_simulated_values_never_decide_better_or_worse():
    import pandas as pd
    changes = pd.DataFrame({
        "wilayah": ["76.04", "76.04", "76.05"], "nama": ["Polewali Mandar", "Polewali Mandar", "Majene"],
        "level": ["kabupaten"] * 3, "jenis_lama": ["resmi", "simulasi", None],
        "jenis_baru": ["resmi", "simulasi", "simulasi"],
        "perubahan": [since_apel.MEMBURUK, since_apel.MEMBAIK, since_apel.BARU],
        "status_berubah": [False, False, True], "target_berganti": [False, False, False]})
    assert since_apel.counts(since_apel.official(changes))[since_apel.MEMBAIK] == 0
    movement = since_apel.movement(changes).set_index("wilayah")
    assert list(movement.index) == ["76.04"] and movement.loc["76.04", "memburuk"] == 1
    assert movement.loc["76.04", "membaik"] == 0


def test_satgas_actions_on_trends_are_diamonds_not_arrows():
    """Issue 18 item 4: ▲/▼ mean a value's direction only; an action on a trend chart is a ◆."""
    import json

    import altair as alt
    import pandas as pd

    from lib.charts.markers import with_action_markers
    from lib.text import i18n
    values = pd.DataFrame({"tanggal": pd.to_datetime(["2022-12-31", "2024-12-31"]), "nilai": [40, 28]})
    actions = pd.DataFrame({"tanggal": pd.to_datetime(["2023-06-30"]), "judul": ["Pasti Padu"],
                            "nama_wilayah": ["Sulbar"], "jumlah": [12.0], "satuan": ["lokus"], "sumber": ["x"],
                            "periode_label": ["2023"]})
    chart = with_action_markers(alt.Chart(values).mark_line().encode(x="tanggal:T", y="nilai:Q"), actions,
                                values["tanggal"].min(), values["tanggal"].max())
    shapes = {layer.get("mark", {}).get("shape") for layer in json.loads(chart.to_json())["layer"]
              if isinstance(layer.get("mark"), dict)}
    assert "diamond" in shapes and not any(s and "triangle" in s for s in shapes)
    # Heads sit on the time axis and the rules are quiet: the top of the plot holds the series-break labels
    # (at 1366 px the heads, their rules and three break labels made the stunting trend unreadable).
    marks = [layer["mark"] for layer in json.loads(chart.to_json())["layer"] if isinstance(layer.get("mark"), dict)]
    heads = next(m for m in marks if m.get("shape") == "diamond")
    rules = next(m for m in marks if m.get("type") == "rule")
    assert heads["y"] == {"expr": "height - 5"} and rules["opacity"] <= 0.5 and rules["strokeWidth"] <= 1
    assert "◆" in i18n.t("tindakan.penanda", "id") and "▼" not in i18n.t("tindakan.penanda", "id").split("Segitiga")[0]


def test_a_seeded_apel_hour_is_built_and_migrated(tmp_path, tiny_db, monkeypatch):
    from old_schema import write_v1_record
    tables = copy.deepcopy(TINY_SEED)
    tables["apel"] = [("tanggal", "jam", "nama", "tempat", "catatan", "sumber", "url"),
                      ("2023-07-24", "07:30", "Apel Satgas 4+1", "", "", "Berita", "")]
    seed = write_seed(tmp_path / "seed-jam", tables)
    built = build_record(tmp_path / "jam.duckdb", seed_dir=seed).path
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(seed))
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    record.migrate_record(old)
    for path in (built, old):
        with duckdb.connect(str(path), read_only=True) as con:
            apels = list_apel(con)
        assert apels["waktu"].iloc[0] == datetime(2023, 7, 24, 7, 30) and bool(apels["jam_tercatat"].iloc[0])


def test_then_and_now_across_a_survey_break_are_named_and_not_compared(demo_con):
    # Polewali Mandar stunting 39,3 % (SSGI 2022) then, 28,09 % (SKI 2023) now: two surveys, no "membaik".
    result = since_apel.compare(demo_con, datetime(2023, 7, 24, 8, 0), today=date(2026, 12, 6))
    polman = _row(result.changes, "76.04")
    assert polman["perubahan"] == since_apel.PUTUS and polman["putus_seri"].startswith("SSGI 2022 → SKI 2023")
    text = since_text.change_text(polman, "id")
    assert text.startswith("▼ 11,21 poin, tidak dibandingkan (putus seri: SSGI 2022 → SKI 2023")
    assert "76.04" not in set(result.movement.loc[result.movement["membaik"] > 0, "wilayah"]) or \
        result.movement.set_index("wilayah").loc["76.04", "membaik"] == 1  # only its P0 fall counts
    assert since_apel.counts(since_apel.official(result.changes))[since_apel.PUTUS] >= 1
