"""lib.ingest.load: atomic, idempotent, serialised appends to capaian; rollback; batch listings."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from lib.data import uploads
from lib.db.lock import writer_lock
from lib.ingest import load as loading
from lib.ingest import shapes
from lib.ingest.pipeline import RejectedError, format_change, format_problems, load_file
from lib.ingest.validate import CleanRow, Problem

MONTHS = [f"{year}-{month:02d}" for year in range(2016, 2026) for month in range(1, 13)]
WILAYAH = ["76", "76.04", "76.05", "76.04.04", "76.05.01", "76.05.08", "76.04.04.1001", "76.05.01.1001",
           "76.05.08.1001"]


def row(line, indikator, wilayah, periode, nilai, sumber="Dinkes Sulbar", catatan=None) -> CleanRow:
    return CleanRow(line, indikator, wilayah, periode, nilai, sumber, catatan)


def many_rows(count: int, offset: float = 0.0, first_line: int = 2) -> list[CleanRow]:
    """count rows of ST-SASARAN with distinct keys (wilayah x month), values far from any seeded one."""
    keys = [(w, m) for m in MONTHS for w in WILAYAH][:count]
    return [row(first_line + i, "ST-SASARAN", w, m, 100_000 + i + offset) for i, (w, m) in enumerate(keys)]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def query(path: Path, sql: str, params=None):
    with duckdb.connect(str(path)) as con:
        return con.execute(sql, params or []).fetchall()


def counts(path: Path) -> tuple[int, int, int]:
    return query(path, "SELECT (SELECT count(*) FROM capaian), (SELECT count(*) FROM unggahan), "
                       "(SELECT count(*) FROM pembatalan)")[0]


def current(path: Path, indikator: str, wilayah: str, periode: str):
    found = query(path, "SELECT nilai, sumber, jenis FROM v_capaian WHERE indikator = ? AND wilayah = ? "
                        "AND periode = ?", [indikator, wilayah, periode])
    return found[0] if found else None


def load(path: Path, rows, name="isian.xlsx", content="a", user="dinkes.sulbar"):
    return loading.load(path, rows, file_name=name, content_hash=digest(content), user_name=user)


def test_good_file_loads_and_is_recorded(tiny_db):
    before = counts(tiny_db)
    result = load(tiny_db, [row(12, "ST-PREV", "76.05", "2023", 38.2, "SKI 2023"),
                            row(13, "ST-PREV", "76.04", "2023", 35.0, "SKI 2023", "angka sementara")])
    assert result.batch_id == 4 and result.added == 2 and result.unchanged == 0
    assert "Unggahan #4 dimuat: 2 nilai (2 baru, 0 berubah)" in result.message
    assert current(tiny_db, "ST-PREV", "76.05", "2023") == (38.2, "SKI 2023", "resmi")
    assert counts(tiny_db) == (before[0] + 2, before[1] + 1, 0)
    batch = query(tiny_db, "SELECT nama_berkas, hash_isi, dimuat_oleh, jumlah_baris FROM unggahan WHERE id = 4")
    assert batch == [("isian.xlsx", digest("a"), "dinkes.sulbar", 2)]
    stored = query(tiny_db, "SELECT catatan, dimuat_oleh, unggahan FROM capaian WHERE wilayah = '76.04' "
                            "AND periode = '2023'")
    assert stored == [("angka sementara", "dinkes.sulbar", 4)]


def test_load_checkpoints_so_a_copy_of_the_file_alone_is_complete(tiny_db, tmp_path):
    with duckdb.connect(str(tiny_db)) as app:  # the app keeps the instance open meanwhile
        before = tiny_db.stat().st_mtime_ns
        load(tiny_db, [row(2, "ST-PREV", "76.05", "2023", 38.2)])
        wal = Path(f"{tiny_db}.wal")
        assert not wal.exists() or wal.stat().st_size == 0
        assert tiny_db.stat().st_mtime_ns > before  # the app's caches key on it
        copy = shutil.copy(tiny_db, tmp_path / "salinan.duckdb")
        assert app.execute("SELECT count(*) FROM unggahan").fetchone() == (4,)
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT nilai FROM v_capaian WHERE indikator = 'ST-PREV' AND wilayah = '76.05' "
                           "AND periode = '2023'").fetchone() == (38.2,)


def test_a_constraint_failure_in_one_row_among_1000_writes_nothing(tiny_db):
    before = counts(tiny_db)
    rows = many_rows(1000)
    rows[700] = row(702, "ST-SASARAN", "76.07", "2023-08", 5)  # unknown wilayah: the database refuses it
    with pytest.raises(loading.LoadError, match="tidak ada yang tersimpan"):
        load(tiny_db, rows)
    assert counts(tiny_db) == before  # the unggahan row inserted before the capaian rows is gone too
    assert load(tiny_db, many_rows(1000)).added == 1000


def csv_bytes(rows: list[CleanRow]) -> bytes:
    lines = [";".join(shapes.LONG_COLUMNS)]
    lines += [f"{r.indikator};{r.wilayah};{r.periode};{r.nilai:.0f};{r.sumber};" for r in rows]
    return "\n".join(lines).encode()


def test_one_bad_row_among_1000_in_a_file_loads_nothing(tiny_db):
    before = counts(tiny_db)
    rows = many_rows(1001)
    rows[500] = row(502, "ST-SASARAN", "76.07", "2023-08", 5)
    with pytest.raises(RejectedError) as refused:
        load_file(tiny_db, "isian.csv", csv_bytes(rows), user_name="dinkes.sulbar")
    assert [(p.line, p.column, p.value) for p in refused.value.problems] == [(502, "wilayah", "76.07")]
    assert "Baris 502, kolom wilayah, nilai '76.07': Kode wilayah 76.07 tidak dikenal." in str(refused.value)
    assert counts(tiny_db) == before
    del rows[500]
    assert load_file(tiny_db, "isian.csv", csv_bytes(rows), user_name="dinkes.sulbar").added == 1000


def test_load_file_checks_permissions_itself(tiny_db):
    before = counts(tiny_db)
    with pytest.raises(RejectedError, match="tidak berwenang"):
        load_file(tiny_db, "isian.csv", csv_bytes(many_rows(4)), user_name="dinkes.sulbar",
                  may_load=lambda indikator, wilayah: wilayah != "76.05")
    assert counts(tiny_db) == before


def test_format_problems_one_line_each():
    problems = [Problem(12, "wilayah", "76.07", "Kode wilayah 76.07 pada baris 12 tidak dikenal.",
                        "Kode kabupaten yang sah: 76.01–76.06.", (12,)),
                Problem(3, "sumber", "", "Sumber kosong pada baris 3 dan 4.", "Tulis sumber datanya.", (3, 4)),
                Problem(None, None, None, "Berkas tanpa judul kolom", "")]
    assert format_problems(problems).splitlines() == [
        ("Baris 12, kolom wilayah, nilai '76.07': Kode wilayah 76.07 tidak dikenal. Yang benar: Kode kabupaten "
        "yang sah: 76.01–76.06."),
        "Baris 3 dan 4, kolom sumber: Sumber kosong. Yang benar: Tulis sumber datanya.",
        "Berkas: Berkas tanpa judul kolom."]
    assert format_problems(problems, limit=1).splitlines()[-1] == "… dan 2 masalah lain."


def test_same_content_again_adds_nothing_and_names_the_earlier_batch(tiny_db):
    first = load(tiny_db, many_rows(5), name="minggu2.xlsx", content="bytes")
    before = counts(tiny_db)
    again = load(tiny_db, many_rows(5, offset=1), name="salinan.xlsx", content="bytes")
    assert again.batch_id is None and again.added == 0
    assert again.already_loaded["id"] == first.batch_id
    assert f"sudah dimuat sebagai unggahan #{first.batch_id} pada" in again.message
    assert "oleh dinkes.sulbar (minggu2.xlsx)" in again.message
    assert counts(tiny_db) == before


def test_unchanged_values_are_skipped_and_a_file_changing_nothing_makes_no_batch(tiny_db):
    load(tiny_db, many_rows(3), content="first")
    mixed = many_rows(3)
    mixed[1] = row(3, mixed[1].indikator, mixed[1].wilayah, mixed[1].periode, 7.0)
    result = load(tiny_db, mixed + [row(9, "ST-PREV", "76.05", "2023", 38.2)], content="second")
    assert (result.added, result.unchanged) == (2, 2)
    assert query(tiny_db, f"SELECT jumlah_baris FROM unggahan WHERE id = {result.batch_id}") == [(2,)]
    before = counts(tiny_db)
    nothing = load(tiny_db, [row(2, "ST-PREV", "76.05", "2022", 40.6, "Sumber lain")], content="third")
    assert nothing.batch_id is None and nothing.unchanged == 1
    assert "Tidak ada yang berubah" in nothing.message
    assert counts(tiny_db) == before


def test_official_value_equal_to_a_simulated_one_still_replaces_it(tiny_db):
    indikator, wilayah, periode, nilai = query(
        tiny_db, "SELECT indikator, wilayah, periode, nilai FROM v_capaian WHERE jenis = 'simulasi' LIMIT 1")[0]
    result = load(tiny_db, [row(2, indikator, wilayah, periode, nilai)])
    assert result.added == 1
    assert current(tiny_db, indikator, wilayah, periode)[2] == "resmi"


def test_correction_appends_and_becomes_current_history_keeps_both(tiny_db):
    load(tiny_db, [row(2, "ST-PREV", "76.05", "2023", 38.2)], content="v1")
    load(tiny_db, [row(2, "ST-PREV", "76.05", "2023", 36.9, "SKI 2023 (revisi)")], content="v2")
    assert current(tiny_db, "ST-PREV", "76.05", "2023") == (36.9, "SKI 2023 (revisi)", "resmi")
    history = query(tiny_db, "SELECT nilai FROM capaian WHERE indikator = 'ST-PREV' AND wilayah = '76.05' "
                             "AND periode = '2023' ORDER BY id")
    assert history == [(38.2,), (36.9,)]


def test_preview_says_new_changed_unchanged_with_the_current_source(tiny_db):
    rows = [row(2, "ST-PREV", "76.05", "2022", 39.0), row(3, "ST-PREV", "76.05", "2023", 38.2),
            row(4, "ST-PREV", "76.04", "2022", 36.0, "lain")]
    with duckdb.connect(str(tiny_db)) as con:
        found = loading.preview(con, rows, digest("x"))
    assert [c.status for c in found.changes] == ["berubah", "baru", "sama"]
    changed = found.changes[0]
    assert (changed.lama, changed.baru, changed.sumber_lama, changed.line) == (40.6, 39.0, "SSGI 2022", 2)
    assert found.changes[1].lama is None and found.already_loaded is None
    assert found.summary().startswith("1 nilai baru, 1 berubah, 1 sama")
    assert format_change(changed) == "Baris 2 ST-PREV 76.05 2022: 40,6 → 39 (sumber lama: SSGI 2022)"
    load(tiny_db, rows, content="x")
    with duckdb.connect(str(tiny_db)) as con:
        assert loading.preview(con, rows, digest("x")).already_loaded["id"] == 4


def test_rollback_falls_back_keeps_history_and_refuses_twice(tiny_db):
    first = load(tiny_db, [row(2, "ST-PREV", "76.05", "2022", 39.0)], content="fix")
    before = counts(tiny_db)
    loading.rollback(tiny_db, first.batch_id, user_name="admin", reason="salah ketik")
    assert current(tiny_db, "ST-PREV", "76.05", "2022") == (40.6, "SSGI 2022", "resmi")
    assert counts(tiny_db) == (before[0], before[1], 1)
    assert query(tiny_db, "SELECT dibatalkan_oleh, alasan FROM pembatalan") == [("admin", "salah ketik")]
    with pytest.raises(loading.LoadError, match=f"#{first.batch_id} sudah dibatalkan pada .* oleh admin"):
        loading.rollback(tiny_db, first.batch_id, user_name="admin", reason="lagi")
    again = load(tiny_db, [row(2, "ST-PREV", "76.05", "2022", 39.0)], content="fix")  # allowed after rollback
    assert again.added == 1 and current(tiny_db, "ST-PREV", "76.05", "2022")[0] == 39.0


def test_rollback_refuses_unknown_seed_and_reasonless(tiny_db):
    with pytest.raises(loading.LoadError, match="#99 tidak ada"):
        loading.rollback(tiny_db, 99, user_name="admin", reason="uji")
    with pytest.raises(loading.LoadError, match="data benih"):
        loading.rollback(tiny_db, 2, user_name="admin", reason="uji")
    with pytest.raises(loading.LoadError, match="Alasan pembatalan wajib"):
        loading.rollback(tiny_db, 2, user_name="admin", reason="  ")
    assert counts(tiny_db)[2] == 0


def test_refuses_doubled_keys_and_the_seed_user(tiny_db):
    before = counts(tiny_db)
    with pytest.raises(loading.LoadError, match="Baris 2 dan 5 sama-sama berisi ST-PREV 76.05 2023"):
        load(tiny_db, [row(2, "ST-PREV", "76.05", "2023", 1), row(5, "ST-PREV", "76.05", "2023", 2)])
    with pytest.raises(loading.LoadError, match="tidak boleh 'seed'"):
        load(tiny_db, many_rows(1), user="seed")
    assert counts(tiny_db) == before


def test_batches_and_batch_rows(tiny_db):
    first = load(tiny_db, many_rows(3), name="a.xlsx", content="a")
    second = load(tiny_db, [row(2, "ST-SASARAN", "76", "2016-01", 1.0)], name="b.xlsx", content="b")
    loading.rollback(tiny_db, second.batch_id, user_name="admin", reason="uji")
    with duckdb.connect(str(tiny_db)) as con:
        listing = uploads.batches(con)
        rows = uploads.batch_rows(con, first.batch_id)
    assert list(listing["id"][:3]) == [second.batch_id, first.batch_id, 3]
    top = listing.iloc[0]
    assert bool(top["dibatalkan"]) and top["alasan"] == "uji" and not bool(top["benih"])
    assert listing.iloc[1]["baris_terkini"] == 3 and bool(listing.iloc[-1]["benih"])
    assert list(rows["wilayah"]) == ["76", "76.04", "76.05"] and rows["terkini"].all()
    assert rows.iloc[0]["nama_wilayah"] == "Sulawesi Barat"


def test_two_threads_loading_at_once_both_succeed_while_a_reader_queries(tiny_db):
    before = counts(tiny_db)
    errors, results, stop, start = [], [], threading.Event(), threading.Barrier(2)
    anchor = duckdb.connect(str(tiny_db))  # like the app: one shared instance, a cursor per use

    def reader():
        while not stop.is_set():
            try:
                anchor.cursor().execute("SELECT count(*) FROM v_capaian").fetchone()
            except Exception as exc:  # noqa: BLE001 — any failure fails the test below
                errors.append(exc)

    def writer(offset, content):
        start.wait(10)  # both writers ask for the lock at the same moment
        try:
            results.append(load(tiny_db, many_rows(600, offset=offset), content=content))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=reader), threading.Thread(target=writer, args=(0.5, "one")),
               threading.Thread(target=writer, args=(0.25, "two"))]
    for thread in threads:
        thread.start()
    for thread in threads[1:]:
        thread.join(60)
    stop.set()
    threads[0].join(10)
    anchor.close()
    assert errors == []
    assert sorted(r.batch_id for r in results) == [4, 5] and all(r.added == 600 for r in results)
    assert counts(tiny_db) == (before[0] + 1200, before[1] + 2, 0)
    with duckdb.connect(str(tiny_db), read_only=True) as con:  # a fresh open of the checkpointed file
        assert con.execute("SELECT count(*) FROM capaian WHERE unggahan IN (4, 5)").fetchone() == (1200,)


def test_lock_held_too_long_is_busy(tiny_db, monkeypatch):
    monkeypatch.setenv("MONITOR41_WRITE_WAIT", "0.2")
    with writer_lock(tiny_db):  # another writer (here: this thread, through its own descriptor)
        started = time.monotonic()
        with pytest.raises(loading.BusyError, match="coba lagi"):
            load(tiny_db, many_rows(1))
        assert 0.2 <= time.monotonic() - started < 3  # waited briefly, then gave up
    assert load(tiny_db, many_rows(1)).added == 1


def test_a_writer_outside_the_lock_is_busy(tiny_db, monkeypatch):
    before = counts(tiny_db)
    other, real = duckdb.connect(str(tiny_db)), loading._changes

    def racing(con, rows, jenis):  # another writer commits batch 4 after our transaction began
        other.execute("INSERT INTO unggahan VALUES (4, 'lain', 'h', 'lain', now(), 0, NULL)")
        return real(con, rows, jenis)

    monkeypatch.setattr(loading, "_changes", racing)
    with pytest.raises(loading.BusyError, match="coba lagi"):
        load(tiny_db, many_rows(2))
    other.close()
    assert counts(tiny_db) == (before[0], before[1] + 1, 0)  # only the other writer's row


def test_database_held_by_another_process_is_busy(tiny_db, monkeypatch):
    monkeypatch.setenv("MONITOR41_WRITE_WAIT", "0.5")  # how long it waits is not the point: that it gives up
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('siap', flush=True);"
         " time.sleep(60)"), str(tiny_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        started = time.monotonic()
        with pytest.raises(loading.BusyError, match="dipakai proses lain"):
            load(tiny_db, many_rows(1))
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
    assert load(tiny_db, many_rows(1)).added == 1
