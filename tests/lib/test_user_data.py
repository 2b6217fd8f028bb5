"""Issue 20, "Data lost or replaced": user data is whatever the seed did not write, and no operator command loses
it. The rule in one place (lib.db.record.USER_DATA / SEED_ONLY), the copies it keeps (uniquely named, verified,
with a manifest), restore reading a backup whole, and reserved account names. Process cases: test_db_cli_user_data.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pytest

from lib.apel import meetings
from lib.db import __main__ as db_cli
from lib.db import build as db_build
from lib.db import record, writer, writes
from lib.db.build import build_record
from lib.db.errors import DatabaseError, RecordProtectedError
from lib.users import accounts
from lib.users.errors import UserError

SCHEMA = Path(record.__file__).with_name("schema.sql")


def test_every_table_of_the_schema_is_declared_seed_only_or_user_data(tiny_db):
    """A new table (notes, subscriptions, sponsorships …) fails here until it is classified in lib/db/record.py."""
    in_schema = set(re.findall(r"^CREATE TABLE (\w+)", SCHEMA.read_text(encoding="utf-8"), flags=re.MULTILINE))
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        built = set(record.table_names(con))
    user = {rows.table for rows in record.USER_DATA}
    assert in_schema == built
    assert not user & set(record.SEED_ONLY)
    assert in_schema == user | set(record.SEED_ONLY), "tabel belum digolongkan: " + ", ".join(
        sorted(in_schema ^ (user | set(record.SEED_ONLY))))
    with duckdb.connect(str(tiny_db), read_only=True) as con:  # each declared "written by" column exists
        for rows in record.USER_DATA:
            if rows.written_by:
                assert con.execute(f'SELECT "{rows.written_by}" FROM "{rows.table}" LIMIT 0').description


def test_a_fresh_build_holds_no_user_data_though_the_seed_wrote_every_kind(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert all(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("unggahan", "tindakan", "apel"))
    assert record.user_data_in(tiny_db) == {}


def _add_user_data(path: Path) -> None:
    """3 unggahan (one a tindakan upload, one rolled back), 2 tindakan and an apel an admin recorded."""
    when = datetime(2026, 12, 1, 9)
    with writer.writing(path) as con:
        for n in (1, 2):
            batch = writes.add_batch(con, f"isian-{n}.csv", "h", "budi", when, 1, None)
            writes.add_values(con, [("ST-PREV", "76.05", "2023", 30.0 + n, "SKI", None, "resmi", "budi", when,
                                     batch)])
        batch = writes.add_batch(con, "tindakan.csv", "t", "budi", when, 2, None)
        writes.add_actions(con, [("ST", "DINKES", "76.05", "2023", f"Kunjungan {n}", None, None, None, "Dinkes",
                                  None, "budi", when, batch) for n in (1, 2)])
        writes.add_rollback(con, 1, "admin", when, "salah")
    meetings.add(path, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=time(9)), user_name="admin")


def test_every_kind_of_user_data_is_counted_and_named_in_the_refusal(tiny_db, tiny_seed):
    _add_user_data(tiny_db)
    assert record.user_data_in(tiny_db) == {"unggahan": 3, "nilai": 2, "pembatalan": 1, "tindakan": 2, "apel": 1}
    with pytest.raises(RecordProtectedError, match="3 unggahan, 2 nilai, 1 pembatalan, 2 tindakan, 1 apel"):
        build_record(tiny_db, seed_dir=tiny_seed)
    with pytest.raises(RecordProtectedError, match="1 apel"):
        record.remove(tiny_db)
    assert record.user_data_in(tiny_db)["apel"] == 1


def test_an_apel_an_admin_recorded_is_user_data_for_build_and_remove(tiny_db, tiny_seed):
    meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=time(9)), user_name="admin")
    with pytest.raises(RecordProtectedError, match="benih: 1 apel;"):
        build_record(tiny_db, seed_dir=tiny_seed)
    with pytest.raises(RecordProtectedError, match="benih: 1 apel;"):
        record.remove(tiny_db)
    assert tiny_db.exists()


def test_a_table_no_list_names_counts_as_user_data_when_it_holds_rows(tiny_db, tiny_seed):
    """A record from a newer release with a table this code does not know: never replaced behind its back."""
    with duckdb.connect(str(tiny_db)) as con:
        con.execute("CREATE TABLE pengingat (teks VARCHAR)")
    assert record.user_data_in(tiny_db) == {}
    with duckdb.connect(str(tiny_db)) as con:
        con.execute("INSERT INTO pengingat VALUES ('rapat')")
    with pytest.raises(RecordProtectedError, match="1 pengingat"):
        build_record(tiny_db, seed_dir=tiny_seed)


class _FrozenClock(datetime):
    """datetime whose now() stands still: every copy is made 'within the same second'."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 12, 6, 10, 0, 0)


def _apel_names(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT nama FROM apel WHERE dicatat_oleh <> 'seed'").fetchall()}


def test_build_force_twice_in_one_second_keeps_two_copies_and_prints_the_kept_one(tiny_db, tiny_seed, monkeypatch,
                                                                                    capsys):
    monkeypatch.setattr(record, "datetime", _FrozenClock)
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    printed = []
    for name in ("Apel Pertama", "Apel Kedua"):
        meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), name, jam=time(9)), user_name="admin")
        assert db_cli.main(["build", "--db", str(tiny_db), "--force"]) == 0
        out = capsys.readouterr().out
        printed.append(Path(out.split("Berkas lama disimpan sebagai ")[1].splitlines()[0]))
    first, second = printed
    assert first != second and first.name == "tiny.cadangan-20261206T100000.duckdb"
    assert second.name == "tiny.cadangan-20261206T100000-2.duckdb"
    assert _apel_names(first) == {"Apel Pertama"} and _apel_names(second) == {"Apel Kedua"}
    for copy in printed:  # each verified copy opens and holds the rows its manifest claims
        claims = json.loads(record.manifest_path(copy).read_text(encoding="utf-8"))
        assert record.check_backup(copy).rows == claims["baris"] and claims["baris"]["apel"] == 2
    assert record.user_data_in(tiny_db) == {}


def test_a_copy_never_overwrites_a_file_of_that_name(tiny_db, monkeypatch):
    monkeypatch.setattr(record, "datetime", _FrozenClock)
    taken = tiny_db.with_name("tiny.cadangan-20261206T100000.duckdb")
    taken.write_bytes(b"milik orang lain")
    copy = record.keep_copy(tiny_db)
    assert copy != taken and taken.read_bytes() == b"milik orang lain"
    assert copy.read_bytes() == tiny_db.read_bytes()


def test_a_copy_that_does_not_verify_is_removed_and_nothing_is_replaced(tiny_db, tiny_seed, monkeypatch):
    meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=time(9)), user_name="admin")
    before = tiny_db.read_bytes()

    def short_copy(source, target):  # a disk that fills up half-way
        target.write_bytes(source.read_bytes()[: 1 << 20])

    monkeypatch.setattr(record, "_copy_bytes", short_copy)
    with pytest.raises(DatabaseError, match="tidak bisa dibuat atau diperiksa.*tidak diganti"):
        build_record(tiny_db, seed_dir=tiny_seed, force=True)
    assert tiny_db.read_bytes() == before
    assert not list(tiny_db.parent.glob("*.cadangan-*")) and not list(tiny_db.parent.glob("*.tmp-bangun-*"))


def test_a_damaged_record_is_kept_byte_for_byte_by_force(tiny_seed, tmp_path):
    target = tmp_path / "monitor41.duckdb"
    target.write_bytes(b"DUCK" * 1000)
    report = build_record(target, seed_dir=tiny_seed, force=True)
    assert report.kept_copy.read_bytes() == b"DUCK" * 1000
    assert json.loads(record.manifest_path(report.kept_copy).read_text(encoding="utf-8"))["baris"] is None


def test_restore_checks_the_manifest_of_a_backup(tiny_db, tmp_path):
    out = record.backup(tiny_db, tmp_path / "cadangan" / "a.duckdb")
    manifest = record.manifest_path(out)
    claims = json.loads(manifest.read_text(encoding="utf-8"))
    assert claims["baris"]["apel"] == 1 and claims["versi_skema"] == record.migrate.LATEST
    claims["baris"]["apel"] = 2  # the file no longer holds what was recorded
    manifest.write_text(json.dumps(claims), encoding="utf-8")
    before = tiny_db.read_bytes()
    with pytest.raises(DatabaseError, match="tidak sama dengan yang dicatat manifesnya"):
        record.restore(tiny_db, out)
    assert tiny_db.read_bytes() == before
    manifest.unlink()  # without a manifest the file is still read whole before it is used
    kept, contents = record.restore(tiny_db, out)
    assert contents.rows["apel"] == 1 and record.check_backup(kept).rows == contents.rows


def test_a_backup_of_a_newer_schema_is_refused(tiny_db, tmp_path):
    newer = tmp_path / "baru.duckdb"
    newer.write_bytes(tiny_db.read_bytes())
    with duckdb.connect(str(newer)) as con:
        con.execute("INSERT INTO skema_versi VALUES (?, now(), 'masa depan')", [record.migrate.LATEST + 1])
    with pytest.raises(DatabaseError, match="lebih baru dari aplikasi ini"):
        record.restore(tiny_db, newer)


def test_a_failed_build_leaves_no_temporary_file(tiny_seed, tmp_path):
    from seed_fixture import TINY_SEED, write_seed

    stale = tmp_path / "x.duckdb.tmp-bangun-999-dead"  # left by a build that was killed
    stale.write_bytes(b"setengah")
    bad = {**TINY_SEED, "opd": [*TINY_SEED["opd"], ("DINKES", "Ganda", "Ganda")]}
    with pytest.raises(DatabaseError):
        build_record(tmp_path / "x.duckdb", seed_dir=write_seed(tmp_path / "bad", bad))
    assert not list(tmp_path.glob("x.duckdb.tmp*")) and not (tmp_path / "x.duckdb").exists()


def test_temporary_names_of_two_builds_differ(tiny_seed, tmp_path, monkeypatch):
    seen = []
    real = db_build._build_file

    def noting(tmp, *args):
        seen.append(tmp)
        return real(tmp, *args)

    monkeypatch.setattr(db_build, "_build_file", noting)
    build_record(tmp_path / "x.duckdb", seed_dir=tiny_seed)
    build_record(tmp_path / "x.duckdb", seed_dir=tiny_seed)
    assert len(set(seen)) == 2 and all(".tmp-bangun-" in p.name for p in seen)


# ---- reserved names -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed", "Seed", "SISTEM", "benih", "simulasi", "system"])
def test_a_reserved_name_cannot_be_an_account(name, tmp_path):
    with pytest.raises(UserError, match="dicadangkan"):
        accounts.add_user(name, "kata-sandi-panjang", "admin", path=tmp_path / "users.json")
    assert accounts.list_users(tmp_path / "users.json") == []


def test_an_old_account_with_a_reserved_name_never_signs_in(tmp_path):
    users = tmp_path / "users.json"
    accounts.add_user("admin.lama", "kata-sandi-panjang", "admin", path=users)
    data = json.loads(users.read_text(encoding="utf-8"))  # as written by a release that did not reserve names
    data["users"][0]["name"] = "seed"
    users.write_text(json.dumps(data), encoding="utf-8")
    assert accounts.verify("seed", "kata-sandi-panjang", path=users, throttle=accounts.Throttle()) is None
    assert accounts.find_user("seed", users) is None and accounts.session_stamp("seed", users) is None


def test_the_users_list_marks_an_old_account_with_a_reserved_name(tmp_path, monkeypatch, capsys):
    from lib.users.__main__ import main as users_main

    users = tmp_path / "users.json"
    accounts.add_user("operator", "kata-sandi-panjang", "admin", path=users)
    data = json.loads(users.read_text(encoding="utf-8"))
    data["users"].append({**data["users"][0], "name": "Sistem"})
    users.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("MONITOR41_USERS", str(users))
    assert users_main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "dicadangkan" not in lines[0] and "Sistem" in lines[1] and "nama dicadangkan" in lines[1]


def test_rows_an_old_account_named_seed_loaded_are_user_data(tiny_db, tiny_seed):
    """Before names were reserved an account `seed` could load; its rows carry a real load time, not the seed's."""
    with writer.writing(tiny_db) as con:
        batch = writes.add_batch(con, "isian.csv", "h", "seed", datetime(2026, 12, 2, 10), 1, None)
        writes.add_values(con, [("ST-PREV", "76.05", "2023", 31.0, "SKI", None, "resmi", "seed",
                                 datetime(2026, 12, 2, 10), batch)])
    assert record.user_data_in(tiny_db) == {"unggahan": 1, "nilai": 1}
    with pytest.raises(RecordProtectedError, match="1 unggahan, 1 nilai"):
        build_record(tiny_db, seed_dir=tiny_seed)


def test_a_record_of_the_first_release_migrated_holds_no_user_data(tiny_db, tiny_seed, tmp_path, monkeypatch):
    """Migrations that add seed rows (tindakan, apel) write them at the seed's load time: still seed data."""
    from old_schema import write_v1_record

    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    record.migrate_record(old)
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM apel").fetchone()[0] == 1
    assert record.user_data_in(old) == {}


def test_a_batch_an_old_account_named_seed_loaded_can_be_rolled_back(tiny_db):
    from lib.data import uploads
    from lib.db.connect import connect
    from lib.ingest import load as loading

    with writer.writing(tiny_db) as con:
        batch = writes.add_batch(con, "isian.csv", "h", "seed", datetime(2026, 12, 2, 10), 1, None)
    with connect(tiny_db) as con:
        listed = uploads.batches(con).set_index("id")["benih"]
    assert not listed[batch] and listed[1]  # batch 1 is the seed's
    loading.rollback(tiny_db, batch, user_name="admin", reason="dimuat akun lama 'seed'")
    with pytest.raises(loading.LoadError, match="data benih"):
        loading.rollback(tiny_db, 1, user_name="admin", reason="coba")


def test_a_backup_never_overwrites_a_manifest_of_that_name(tiny_db, tmp_path):
    out = tmp_path / "cadangan.duckdb"
    record.manifest_path(out).write_text("milik orang lain", encoding="utf-8")
    with pytest.raises(DatabaseError, match="sudah ada"):
        record.backup(tiny_db, out)
    assert not out.exists() and record.manifest_path(out).read_text(encoding="utf-8") == "milik orang lain"
