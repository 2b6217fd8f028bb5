"""Every command line that prints ends quietly when its reader goes away (`python -m lib.apel list | true`,
`| head`): real processes whose stdout pipe is closed before (or while) they write. One handling, lib.cli.run."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lib.users import accounts

ROOT = Path(__file__).resolve().parents[2]
NOISE = ("Traceback", "BrokenPipe", "Exception ignored")


def _closed_early(args: list[str], env: dict[str, str] | None = None, read: int = 0) -> tuple[int, str]:
    """Run `python args` with stdout a pipe of which `read` bytes are read before it is closed; (exit, stderr)."""
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    if read:
        child.stdout.read(read)
    child.stdout.close()
    err = child.stderr.read().decode()
    child.stderr.close()
    return child.wait(timeout=120), err


@pytest.fixture
def record(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo record (apel, uploads) each command may use and change."""
    path = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, path)
    return path


def _commands(record: Path, tmp_path: Path) -> dict[str, tuple[list[str], Path | None]]:
    """Command → (arguments, a file it writes: proof it still did its work)."""
    users_file = tmp_path / "pengguna.json"
    accounts.add_user("pengelola", "kopi-mandar-2023", "admin", path=users_file)
    return {
        "lib.apel": (["-m", "lib.apel", "list", "--db", str(record)], None),
        "lib.ingest": (["-m", "lib.ingest", "batches", "--db", str(record)], None),
        "lib.users": (["-m", "lib.users", "list"], None),  # MONITOR41_USERS names users_file
        "lib.db": (["-m", "lib.db", "backup", "--db", str(record), "--out", str(tmp_path / "cadangan.duckdb")],
                   tmp_path / "cadangan.duckdb"),
        "lib.export": (["-m", "lib.export", "image", "--db", str(record), "--out", str(tmp_path / "apel.png")],
                       tmp_path / "apel.png"),
        "lib.maps.boundaries": (["-m", "lib.maps.boundaries", "install", str(ROOT / "geo"), "--geo-dir",
                                 str(tmp_path / "geo")], tmp_path / "geo" / "sulbar_desa.geojson"),
    }


@pytest.mark.parametrize("name", ["lib.apel", "lib.ingest", "lib.users", "lib.db", "lib.export",
                                  "lib.maps.boundaries"])
def test_a_closed_pipe_gives_no_traceback(name, record, tmp_path):
    args, written = _commands(record, tmp_path)[name]
    code, err = _closed_early(args, env={"MONITOR41_USERS": str(tmp_path / "pengguna.json")})
    assert not any(word in err for word in NOISE), err
    assert code in (0, 1), err  # 1: the output could not be delivered
    assert written is None or written.exists()


def test_help_into_a_closed_pipe_gives_no_traceback():
    code, err = _closed_early(["-m", "lib.db", "--help"])
    assert code in (0, 1) and not any(word in err for word in NOISE), err


def test_a_pipe_closed_while_writing_gives_no_traceback():
    # Like `| head -c 10`: the reader goes away in the middle of a long output, not before it.
    long_output = ("import sys; from lib import cli\n"
                   "def main():\n    for i in range(200000):\n        print('baris', i)\n    return 0\n"
                   "sys.exit(cli.run(main))")
    code, err = _closed_early(["-c", long_output], read=10)
    assert code == 1 and not any(word in err for word in NOISE), err


def test_output_then_system_exit_into_a_closed_pipe_gives_no_traceback():
    # argparse's --help and usage errors print, then raise SystemExit: the output still waits in the buffer.
    printed_then_exit = ("import sys; from lib import cli\n"
                         "def main():\n    print('bantuan ' * 50)\n    sys.exit(0)\n"
                         "sys.exit(cli.run(main))")
    code, err = _closed_early(["-c", printed_then_exit])
    assert code == 1 and not any(word in err for word in NOISE), err
