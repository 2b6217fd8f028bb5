"""python -m lib.ingest: template, load (preview, report, confirmation, exit codes), batches, rollback."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from upload_file import write_upload

from lib.ingest import shapes
from lib.ingest.__main__ import main
from lib.users import accounts as users

PROJECT_ROOT = Path(__file__).resolve().parents[2]


GOOD = [("ST-PREV", "76.05", "2023", "38,2", "SKI 2023", ""),
        ("ST-PREV", "76.04", "2023", "35", "SKI 2023", "angka sementara"),
        ("ST-PREV", "76.05", "2022", "40,6", "SSGI 2022", "")]


def counts(db_path: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db_path)) as con:
        return con.execute("SELECT (SELECT count(*) FROM capaian), (SELECT count(*) FROM unggahan), "
                           "(SELECT count(*) FROM pembatalan)").fetchone()


def current(db_path: Path, wilayah: str, periode: str):
    with duckdb.connect(str(db_path)) as con:
        return con.execute("SELECT nilai FROM v_capaian WHERE indikator = 'ST-PREV' AND wilayah = ? AND periode = ?",
                           [wilayah, periode]).fetchone()


@pytest.fixture
def accounts(tmp_path, monkeypatch, tiny_db):
    """A users file with an admin, a kecamatan OPD, the Dinkes coordinator and a viewer (OIDC-only: no hashing)."""
    path = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_USERS", str(path))
    with duckdb.connect(str(tiny_db)) as con:
        for name, role, opd in (("admin@sulbar.go.id", "admin", None), ("hukum@sulbar.go.id", "opd", "BIRO-HUKUM"),
                                ("dinkes@sulbar.go.id", "opd", "DINKES"), ("tamu@sulbar.go.id", "viewer", None)):
            users.add_user(name, None, role, opd, path=path, con=con)
    return path


@pytest.fixture
def no_tty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def test_load_with_yes_prints_preview_and_loads(tiny_db, tmp_path, capsys):
    before = counts(tiny_db)
    code = main(["load", str(write_upload(tmp_path / "isian.csv", GOOD)), "--db", str(tiny_db), "--yes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Pratinjau: 2 nilai baru, 0 berubah, 1 sama dengan nilai terkini" in out
    assert "Baris 2 ST-PREV 76.05 2023: baru 38,2" in out
    assert "Unggahan #4 dimuat: 2 nilai (2 baru, 0 berubah); 1 nilai sama dilewati." in out
    assert counts(tiny_db) == (before[0] + 2, before[1] + 1, 0)
    assert current(tiny_db, "76.05", "2023") == (38.2,)
    with duckdb.connect(str(tiny_db)) as con:
        assert con.execute("SELECT nama_berkas, dimuat_oleh FROM unggahan WHERE id = 4").fetchone()[0] == "isian.csv"


def test_same_file_again_exits_0_and_says_so(tiny_db, tmp_path, capsys):
    file = write_upload(tmp_path / "isian.csv", GOOD)
    assert main(["load", str(file), "--db", str(tiny_db), "--yes"]) == 0
    before = counts(tiny_db)
    assert main(["load", str(file), "--db", str(tiny_db), "--yes"]) == 0
    assert "sudah dimuat sebagai unggahan #4 pada" in capsys.readouterr().out
    assert counts(tiny_db) == before


def test_one_bad_row_rejects_the_file_with_the_report(tiny_db, tmp_path, capsys):
    before = counts(tiny_db)
    rows = GOOD + [("ST-PREV", "76.07", "2023", "30", "SKI 2023", "")]
    code = main(["load", str(write_upload(tmp_path / "isian.csv", rows)), "--db", str(tiny_db), "--yes"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 masalah ditemukan; tidak ada baris yang dimuat" in out
    assert "Baris 5, kolom wilayah, nilai '76.07': " in out
    assert counts(tiny_db) == before


def test_nothing_to_change_exits_0(tiny_db, tmp_path, capsys):
    rows = [("ST-PREV", "76.05", "2022", "40,6", "SSGI 2022", "")]
    before = counts(tiny_db)
    assert main(["load", str(write_upload(tmp_path / "sama.csv", rows)), "--db", str(tiny_db), "--yes"]) == 0
    assert "Tidak ada yang berubah" in capsys.readouterr().out
    assert counts(tiny_db) == before


def test_without_yes_and_without_a_terminal_exits_2(tiny_db, tmp_path, capsys, no_tty):
    before = counts(tiny_db)
    assert main(["load", str(write_upload(tmp_path / "isian.csv", GOOD)), "--db", str(tiny_db)]) == 2
    assert "tambahkan --yes" in capsys.readouterr().err
    assert counts(tiny_db) == before


@pytest.mark.parametrize("answer, code, loaded", [("y", 0, 2), ("", 1, 0), ("n", 1, 0)])
def test_terminal_confirmation(tiny_db, tmp_path, capsys, monkeypatch, answer, code, loaded):
    before = counts(tiny_db)
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert main(["load", str(write_upload(tmp_path / "isian.csv", GOOD)), "--db", str(tiny_db)]) == code
    assert asked == ["Muat 2 baris? [y/N] "]
    assert counts(tiny_db)[0] == before[0] + loaded


def test_check_only_loads_nothing(tiny_db, tmp_path, capsys):
    before = counts(tiny_db)
    assert main(["load", str(write_upload(tmp_path / "isian.csv", GOOD)), "--db", str(tiny_db), "--check"]) == 0
    assert "tidak ada yang dimuat" in capsys.readouterr().out
    assert counts(tiny_db) == before


def test_user_permissions_apply(tiny_db, tmp_path, capsys, accounts):
    file = write_upload(tmp_path / "isian.csv", GOOD)
    assert main(["load", str(file), "--db", str(tiny_db), "--yes", "--user", "hukum@sulbar.go.id"]) == 1
    out = capsys.readouterr().out
    assert "2 masalah ditemukan" in out
    assert "Baris 2 dan 4, kolom wilayah, nilai '76.05': Anda tidak berwenang memuat ST-PREV untuk Majene" in out
    assert main(["load", str(file), "--db", str(tiny_db), "--yes", "--user", "nobody"]) == 1
    assert "Pengguna 'nobody' tidak ada" in capsys.readouterr().err
    assert main(["load", str(file), "--db", str(tiny_db), "--yes", "--user", "dinkes@sulbar.go.id"]) == 0
    with duckdb.connect(str(tiny_db)) as con:
        assert con.execute("SELECT dimuat_oleh FROM unggahan WHERE id = 4").fetchone() == ("dinkes@sulbar.go.id",)


def test_usage_errors_exit_2(tiny_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["load"])
    assert exited.value.code == 2
    assert main(["load", str(tmp_path / "tidak-ada.csv"), "--db", str(tiny_db), "--yes"]) == 2
    assert "tidak ada" in capsys.readouterr().err


def test_file_level_refusal_exits_1(tiny_db, tmp_path, capsys):
    file = tmp_path / "laporan.pdf"
    file.write_bytes(b"%PDF-1.4 ...")
    assert main(["load", str(file), "--db", str(tiny_db), "--yes"]) == 1
    assert "bukan CSV atau XLSX" in capsys.readouterr().err


def test_busy_database_exits_1(tiny_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MONITOR41_WRITE_WAIT", "0.5")  # how long it waits is not the point: that it gives up
    file = write_upload(tmp_path / "isian.csv", GOOD)
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('siap', flush=True);"
         " time.sleep(60)"), str(tiny_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        assert main(["load", str(file), "--db", str(tiny_db), "--yes"]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "sedang dipakai proses lain" in err and "coba lagi" in err


def test_runs_as_a_module(tiny_db, tmp_path):
    file = write_upload(tmp_path / "isian.csv", GOOD)
    done = subprocess.run([sys.executable, "-m", "lib.ingest", "load", str(file), "--db", str(tiny_db), "--yes"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
                          check=False)
    assert done.returncode == 0 and "Unggahan #4 dimuat" in done.stdout


def test_template_default_and_per_user(tiny_db, tmp_path, capsys, accounts):
    out = tmp_path / "templat.xlsx"
    args = ["template", "--indikator", "ST-SASARAN", "--periode", "2023-08", "--out", str(out), "--db", str(tiny_db)]

    def codes():
        sheet = load_workbook(out)[shapes.TEMPLATE_SHEET]
        return [r[0].value for r in sheet.iter_rows(min_row=shapes.TABLE_HEADER_ROW + 1, max_col=1)]

    assert main(args) == 0
    assert codes() == ["76", "76.04", "76.04.04", "76.05", "76.05.01", "76.05.08"]
    assert main(args + ["--user", "hukum@sulbar.go.id"]) == 0
    assert codes() == ["76.04.04"]
    assert main(args + ["--user", "hukum@sulbar.go.id", "--levels", "kecamatan,desa"]) == 0
    assert codes() == ["76.04.04", "76.04.04.1001"]
    assert main(args + ["--user", "tamu@sulbar.go.id"]) == 1
    assert "tidak berwenang" in capsys.readouterr().err
    assert main(args + ["--levels", "pulau"]) == 2


def test_batches_and_rollback(tiny_db, tmp_path, capsys, accounts):
    assert main(["load", str(write_upload(tmp_path / "isian.csv", GOOD)), "--db", str(tiny_db), "--yes"]) == 0
    assert main(["rollback", "4", "--reason", "salah", "--db", str(tiny_db), "--user", "dinkes@sulbar.go.id"]) == 1
    assert "Hanya admin" in capsys.readouterr().err
    assert main(["rollback", "4", "--reason", "salah ketik", "--db", str(tiny_db), "--user", "admin@sulbar.go.id"]) == 0
    assert current(tiny_db, "76.05", "2023") is None
    assert main(["rollback", "4", "--reason", "lagi", "--db", str(tiny_db)]) == 1
    assert "sudah dibatalkan" in capsys.readouterr().err
    assert main(["batches", "--db", str(tiny_db)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("#4\t") and "DIBATALKAN oleh admin@sulbar.go.id: salah ketik" in first
