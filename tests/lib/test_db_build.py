"""The build: atomic, deterministic, append-only semantics, typed errors with the fix."""
from __future__ import annotations

import duckdb
import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db import __main__ as db_cli
from lib.db.build import build_record
from lib.db.connect import connect
from lib.db.errors import DatabaseMissingError, RecordProtectedError, SeedError


def query(path, sql, params=()):
    with connect(path) as con:
        return con.execute(sql, list(params)).fetchall()


def test_tiny_build_gives_current_value_from_utama(tiny_db):
    # 76.04 / 2021 has a pembanding 36.0 and an utama 35.5: the view shows the chosen one.
    rows = query(tiny_db, "SELECT nilai, sumber, jenis FROM v_capaian "
                          "WHERE indikator='ST-PREV' AND wilayah='76.04' AND periode='2021'")
    assert rows == [(35.5, "SSGI 2021", "resmi")]
    history = query(tiny_db, "SELECT nilai FROM capaian WHERE indikator='ST-PREV' AND wilayah='76.04' "
                             "AND periode='2021' ORDER BY id")
    assert history == [(36.0,), (35.5,)]


def test_connect_is_read_only_by_default(tiny_db):
    with connect(tiny_db) as con:
        with pytest.raises(duckdb.Error):
            con.execute("INSERT INTO opd VALUES ('X', 'X', 'X')")


def test_connect_missing_file_says_how_to_build(tmp_path):
    with pytest.raises(DatabaseMissingError, match="python -m lib.db build"):
        connect(tmp_path / "nothing.duckdb")


def test_build_twice_gives_identical_content(tiny_seed, tmp_path):
    first = build_record(tmp_path / "a.duckdb", seed_dir=tiny_seed).path
    second = build_record(tmp_path / "b.duckdb", seed_dir=tiny_seed).path
    for table in ("wilayah", "periode", "capaian", "unggahan", "target", "tindakan"):
        assert query(first, f"SELECT * FROM {table} ORDER BY ALL") == \
               query(second, f"SELECT * FROM {table} ORDER BY ALL"), table


def test_failed_build_leaves_no_file_and_keeps_the_old_one(tiny_seed, tmp_path):
    target = tmp_path / "keep.duckdb"
    build_record(target, seed_dir=tiny_seed)
    before = query(target, "SELECT count(*) FROM capaian")
    bad = dict(TINY_SEED)
    bad["capaian_resmi"] = TINY_SEED["capaian_resmi"] + [
        ("ST-PREV", "76.07", "2022", "30", "x", "", "", "utama")]  # 76.07 does not exist
    with pytest.raises(SeedError, match="capaian"):
        build_record(target, seed_dir=write_seed(tmp_path / "bad", bad))
    assert query(target, "SELECT count(*) FROM capaian") == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_non_numeric_seed_value_names_file_line_and_column(tmp_path):
    bad = dict(TINY_SEED)
    bad["capaian_resmi"] = TINY_SEED["capaian_resmi"] + [
        ("ST-PREV", "76.05", "2021", "16.377,5", "x", "", "", "utama")]
    with pytest.raises(SeedError, match=r"capaian_resmi.csv baris 11: kolom nilai berisi '16.377,5'"):
        build_record(tmp_path / "x.duckdb", seed_dir=write_seed(tmp_path / "bad", bad))


def test_two_utama_values_for_one_key_are_refused(tmp_path):
    bad = dict(TINY_SEED)
    bad["capaian_resmi"] = TINY_SEED["capaian_resmi"] + [
        ("ST-PREV", "76.05", "2022", "40.3", "lain", "", "", "utama")]
    with pytest.raises(SeedError, match="lebih dari satu nilai 'utama'.*ST-PREV 76.05 2022"):
        build_record(tmp_path / "x.duckdb", seed_dir=write_seed(tmp_path / "bad", bad))


def test_empty_source_is_refused(tmp_path):
    bad = dict(TINY_SEED)
    bad["capaian_resmi"] = TINY_SEED["capaian_resmi"] + [
        ("ST-PREV", "76.05", "2021", "30", " ", "", "", "utama")]
    with pytest.raises(SeedError):
        build_record(tmp_path / "x.duckdb", seed_dir=write_seed(tmp_path / "bad", bad))


def test_rolled_back_batch_disappears_from_view_but_not_from_history(tiny_db):
    with duckdb.connect(str(tiny_db)) as con:
        batch = con.execute("SELECT unggahan FROM capaian WHERE indikator='ST-PREV' AND wilayah='76.04' "
                            "AND periode='2021' AND nilai=35.5").fetchone()[0]
        con.execute("INSERT INTO pembatalan VALUES (?, 'admin', now(), 'uji')", [batch])
    assert query(tiny_db, "SELECT nilai FROM v_capaian WHERE indikator='ST-PREV' AND wilayah='76.04' "
                          "AND periode='2021'") == [(36.0,)]
    assert query(tiny_db, "SELECT count(*) FROM capaian WHERE wilayah='76.04' AND periode='2021'") == [(2,)]


def test_simulated_kabupaten_counts_add_up_to_published_totals(tiny_db):
    sums = dict(query(tiny_db, "SELECT indikator, sum(nilai) FROM v_capaian WHERE jenis='simulasi' "
                               "AND periode='2023-08' AND length(wilayah)=5 GROUP BY indikator"))
    assert sums == {"ST-SASARAN": 1000, "ST-INTERVENSI": 600, "ST-KELUAR": 50}


def test_scale_adds_desa_rows_marked_simulasi(tiny_seed, tmp_path):
    plain = build_record(tmp_path / "plain.duckdb", seed_dir=tiny_seed)
    scaled = build_record(tmp_path / "scaled.duckdb", seed_dir=tiny_seed, scale=3)
    extra = scaled.rows["capaian"] - plain.rows["capaian"]
    assert extra >= 3 * plain.rows["capaian"]
    assert query(scaled.path, "SELECT DISTINCT jenis FROM capaian WHERE length(wilayah) = 13") == [("simulasi",)]


def test_cli_build_prints_counts_and_exit_codes(tiny_seed, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    assert db_cli.main(["build", "--db", str(tmp_path / "cli.duckdb")]) == 0
    assert "capaian" in capsys.readouterr().out
    assert db_cli.main(["build", "--db", str(tmp_path / "cli.duckdb"), "--scale", "-1"]) == 1
    assert "--scale" in capsys.readouterr().err


def test_build_refuses_to_replace_a_database_holding_uploads(tiny_seed, tmp_path):
    target = build_record(tmp_path / "live.duckdb", seed_dir=tiny_seed).path
    with duckdb.connect(str(target)) as con:
        con.execute("INSERT INTO unggahan VALUES (99, 'isian.xlsx', 'abc', 'budi', now(), 1, NULL)")
    with pytest.raises(RecordProtectedError, match="1 unggahan; .*--force"):
        build_record(target, seed_dir=tiny_seed)
    assert query(target, "SELECT count(*) FROM unggahan WHERE id = 99") == [(1,)]
    report = build_record(target, seed_dir=tiny_seed, force=True)
    assert query(target, "SELECT count(*) FROM unggahan WHERE id = 99") == [(0,)]
    # --force keeps a dated copy of what it replaced, beside it, and says where
    assert report.kept_copy.parent == tmp_path and ".cadangan-" in report.kept_copy.name
    assert query(report.kept_copy, "SELECT count(*) FROM unggahan WHERE id = 99") == [(1,)]
