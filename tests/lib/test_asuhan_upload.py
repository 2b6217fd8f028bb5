"""Issue 23 item 2: orang tua asuh uploads, all or nothing, with scope, templates, history and rollback."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from cli_inprocess import run_main

from lib.data import asuh as reads
from lib.data import uploads
from lib.db import snapshot
from lib.ingest import asuhan
from lib.ingest import load as loading
from lib.ingest.pipeline import RejectedError
from lib.users import accounts as users
from lib.users.accounts import User

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HEADER = ",".join(asuhan.COLUMNS) + "\n"
DINKES_ASN = "ASN Dinas Kesehatan,asn_opd,DINKES,,TPK-0001-2025,76.05.01.1001,baduta,2025-01,12,185000,TPK,8,\"-2,60\",\"-2,25\",berjalan,2025-09\n"
COMPANY = "PT Contoh Sejahtera,perusahaan,,,TPK-0002-2025,76.04.04.1001,ibu_hamil,2025-06,9,200000,TPK,4,,,berjalan,2025-09\n"
GOOD = HEADER + DINKES_ASN + COMPANY
ADMIN = User("admin", "admin")
DINKES = User("dinkes", "opd", "DINKES")
BIRO_HUKUM = User("biro.hukum", "opd", "BIRO-HUKUM")  # answers for kecamatan 76.04.04 only (tiny seed)


def counts(path) -> tuple[int, int, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM asuhan), (SELECT count(*) FROM mitra), "
                           "(SELECT count(*) FROM unggahan)").fetchone()


def official(path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        frame = reads.ringkasan_asuhan(con)
    frame = frame[frame["jenis_data"] == "resmi"]
    return sorted(zip(frame["nama_mitra"], frame["kecamatan"], frame["anak"], frame["bulan_tersalur"]))


def upload(path, text: str, user: User = DINKES, name: str = "asuhan.csv"):
    with duckdb.connect(str(path), read_only=True) as con:
        may = asuhan.reporter(con, user)
    return asuhan.load(path, name, text.encode("utf-8"), user_name=user.name,
                       user_opd=user.opd if user.role == "opd" else None, may_report=may)


def test_a_good_file_loads_as_one_batch_and_a_second_identical_one_is_refused(tiny_db):
    before = counts(tiny_db)
    batch = upload(tiny_db, GOOD)
    assert counts(tiny_db) == (before[0] + 2, before[1] + 2, before[2] + 1)
    assert official(tiny_db) == [("ASN Dinas Kesehatan", "76.05.01", 1, 8), ("PT Contoh Sejahtera", "76.04.04", 1, 4)]
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert con.execute("SELECT DISTINCT unggahan, dimuat_oleh, jenis_data FROM asuhan WHERE unggahan = ?",
                           [batch]).fetchall() == [(batch, "dinkes", "resmi")]
        z = con.execute("SELECT zscore_awal, zscore_akhir FROM asuhan WHERE anak_ref = 'TPK-0001-2025'").fetchone()
    assert z == (-2.6, -2.25)
    assert upload(tiny_db, GOOD) is None  # the same bytes: nothing added
    assert counts(tiny_db) == (before[0] + 2, before[1] + 2, before[2] + 1)
    later = HEADER + DINKES_ASN.replace(",8,", ",9,").replace("2025-09\n", "2025-10\n")
    upload(tiny_db, later)  # a later report of the same sponsorship: same sponsor, one child, 9 months
    assert counts(tiny_db)[1] == before[1] + 2
    assert official(tiny_db)[0] == ("ASN Dinas Kesehatan", "76.05.01", 1, 9)


def test_a_file_with_five_different_problems_lists_all_five_and_loads_nothing(tiny_db):
    before = counts(tiny_db)
    bad = HEADER + DINKES_ASN + (
        "ASN Dinas Kesehatan,asn_opd,DINKES,,7604011234560001,76.05.01.1001,baduta,2025-01,12,185000,TPK,8,-2.6,,berjalan,2025-09\n"
        "ASN Dinas Kesehatan,asn_opd,DINKES,,TPK-0003-2025,76.99.99.9999,baduta,2025-01,12,185000,TPK,8,-2.6,,berjalan,2025-09\n"
        "ASN Dinas Kesehatan,asn_opd,DINKES,,TPK-0004-2025,76.05.01.1001,balita,2025-01,12,185000,TPK,8,-2.6,,berjalan,2025-09\n"
        "ASN Dinas Kesehatan,asn_opd,DINKES,,TPK-0005-2025,76.05.01.1001,baduta,2025-01,12,185000,TPK,8,-2.6,95,berjalan,2025-09\n"
        "ASN Dinas Kesehatan,asn_opd,DINKES,,TPK-0006-2025,76.05.01.1001,baduta,2025-01,6,185000,TPK,8,-2.6,,berjalan,2025-09\n")
    with pytest.raises(RejectedError) as refused:
        upload(tiny_db, bad)
    found = [(p.line, p.column) for p in refused.value.problems]
    assert found == [(3, "anak_ref"), (4, "desa"), (5, "sasaran"), (6, "zscore_akhir"), (7, "bulan_tersalur")]
    text = str(refused.value)
    assert "5 masalah" in text and "NIK" in text and "tidak ada baris yang dimuat" in text
    assert counts(tiny_db) == before  # not even the good first row


@pytest.mark.parametrize("ref", ["7604011234560001", "7604 0112 3456 0001", "76.04.01.1234560001", "KK-7604011234560001"])
def test_a_nik_looking_reference_is_refused_and_says_why(tiny_db, ref):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows = asuhan.read("a.csv", (HEADER + DINKES_ASN.replace("TPK-0001-2025", ref)).encode())
        _, problems = asuhan.check(con, rows)
    assert [(p.column, "NIK" in p.message) for p in problems] == [("anak_ref", True)]


@pytest.mark.parametrize("ref", ["Siti Aminah", "Aminah", "Muh. Rizal"])
def test_a_name_is_refused_as_a_child_reference(tiny_db, ref):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows = asuhan.read("a.csv", (HEADER + DINKES_ASN.replace("TPK-0001-2025", ref)).encode())
        _, problems = asuhan.check(con, rows)
    assert [(p.column, "nama" in p.message) for p in problems] == [("anak_ref", True)]


def test_an_opd_loads_its_own_asn_anywhere_and_others_only_where_it_answers(tiny_db):
    own = GOOD.replace("ASN Dinas Kesehatan,asn_opd,DINKES", "ASN Biro Hukum,asn_opd,BIRO-HUKUM")
    with pytest.raises(RejectedError) as refused:
        upload(tiny_db, HEADER + DINKES_ASN + COMPANY.replace("76.04.04.1001", "76.05.08.1001"), user=BIRO_HUKUM)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "mitra_opd"), (3, "desa")]
    assert "ASN OPD lain" in str(refused.value) and "tidak berwenang" in str(refused.value)
    assert upload(tiny_db, own, user=BIRO_HUKUM)  # its ASN in Majene, a company's child in its kecamatan
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        viewer = asuhan.reporter(con, User("tamu", "viewer"))
        _, problems = asuhan.check(con, asuhan.read("a.csv", GOOD.encode()), viewer, None)
    assert {p.column for p in problems} == {"desa"}


def history(path, batch) -> tuple:
    with duckdb.connect(str(snapshot.latest_path(path)), read_only=True) as con:  # as the Unggah page reads it
        row = uploads.batches(con).set_index("id").loc[batch]
    label = tuple(None if pd.isna(row[c]) else row[c] for c in ("indikator", "periode"))
    return row["jumlah_baris"], row["baris_terkini"], *label, bool(row["dibatalkan"])


def test_rollback_hides_the_batch_and_the_file_may_come_again(tiny_db):
    batch = upload(tiny_db, GOOD)
    assert history(tiny_db, batch) == (2, 2, "ST", "2025-09", False)
    loading.rollback(tiny_db, batch, user_name="admin", reason="salah kirim")
    assert official(tiny_db) == []
    assert history(tiny_db, batch) == (2, 0, None, None, True)
    with duckdb.connect(str(snapshot.latest_path(tiny_db)), read_only=True) as con:  # published: the sums only
        assert reads.ringkasan_asuhan(con).query("jenis_data == 'resmi'").empty
    assert upload(tiny_db, GOOD) > batch
    assert len(official(tiny_db)) == 2


def test_the_templates_hold_every_column_an_example_that_passes_and_notes(tiny_db):
    book = openpyxl.load_workbook(io.BytesIO(asuhan.template_xlsx()))
    assert [c.value for c in book["asuhan"][1]] == list(asuhan.COLUMNS)
    notes = {row[0]: row[2] for row in book["petunjuk"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(notes) == set(asuhan.COLUMNS) and "NIK" in notes["anak_ref"]
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        for name, data in (("t.csv", asuhan.template_csv()), ("t.xlsx", asuhan.template_xlsx())):
            clean, problems = asuhan.check(con, asuhan.read(name, data), asuhan.reporter(con, DINKES), "DINKES")
            assert problems == [] and len(clean) == 1 and clean[0].zscore_awal == -2.61


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lib.ingest", *map(str, args)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_the_command_line_checks_loads_refuses_and_rolls_back_in_real_processes(tiny_db, tmp_path, monkeypatch,
                                                                                 capsys):
    """The template, the refused check, the load and the rollback are real `python -m lib.ingest` processes; the
    missing file, another OPD's ASN and the same file again run its main(argv) in this process (their messages)."""
    import os

    from lib.ingest.__main__ import main

    def here(*args, env):
        return run_main(main, [str(a) for a in args], env, monkeypatch, capsys)

    people = tmp_path / "pengguna.json"
    with duckdb.connect(str(tiny_db)) as con:
        users.add_user("hukum@sulbar.go.id", None, "opd", "BIRO-HUKUM", path=people, con=con)
    env = {**os.environ, "MONITOR41_USERS": str(people)}
    template = tmp_path / "templat.xlsx"
    assert _cli("asuhan-templat", "--out", template, env=env).returncode == 0 and template.stat().st_size > 0
    bad = tmp_path / "salah.csv"
    bad.write_text(HEADER + DINKES_ASN.replace("TPK-0001-2025", "7604011234560001"), encoding="utf-8")
    before = counts(tiny_db)
    done = _cli("asuhan", bad, "--db", tiny_db, "--yes", env=env)
    assert done.returncode == 1 and "NIK" in done.stdout and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("Gagal: 1 masalah")
    scoped = here("asuhan", tmp_path / "baik.csv", "--db", tiny_db, "--yes", env=env)
    assert scoped.returncode == 2  # no such file: a usage error
    good = tmp_path / "baik.csv"
    good.write_text(GOOD, encoding="utf-8")
    refused = here("asuhan", good, "--db", tiny_db, "--yes", "--user", "hukum@sulbar.go.id", env=env)
    assert refused.returncode == 1 and "ASN OPD lain" in refused.stdout
    assert counts(tiny_db) == before
    loaded = _cli("asuhan", good, "--db", tiny_db, "--yes", env=env)
    assert loaded.returncode == 0 and "dimuat: 2 asuhan" in loaded.stdout, loaded.stderr
    batch = int(loaded.stdout.split("Unggahan #")[1].split()[0])
    again = here("asuhan", good, "--db", tiny_db, "--yes", env=env)
    assert again.returncode == 0 and "sudah dimuat" in again.stdout
    assert _cli("rollback", batch, "--reason", "uji", "--db", tiny_db, env=env).returncode == 0
    assert official(tiny_db) == [] and counts(tiny_db)[0] == before[0] + 2  # rows kept, hidden
