"""lib.cli: one way every `python -m lib.…` command dispatches, refuses ("Gagal: …", exit 1) and ends."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from lib import cli

ROOT = Path(__file__).resolve().parents[2]


class Refused(Exception):
    pass


def _parser(handler) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coba")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("go").set_defaults(run=handler)
    return parser


def _raise(exc: Exception):
    def handler(args):
        raise exc
    return handler


def test_handler_result_is_the_exit_code(capsys):
    assert cli.dispatch(_parser(lambda args: print("selesai")), ["go"], (Refused,)) == 0
    assert cli.dispatch(_parser(lambda args: 3), ["go"], (Refused,)) == 3
    assert capsys.readouterr().out == "selesai\n"


def test_refusal_and_usage_error_print_gagal_on_stderr(capsys):
    assert cli.dispatch(_parser(_raise(Refused("kode salah"))), ["go"], (Refused,)) == 1
    assert capsys.readouterr().err == "Gagal: kode salah\n"
    assert cli.dispatch(_parser(_raise(cli.UsageError("berkas tidak ada"))), ["go"], (Refused,)) == 2
    assert capsys.readouterr().err == "Gagal: berkas tidak ada\n"
    with pytest.raises(ValueError):  # not a refusal: a bug, and it must show as one
        cli.dispatch(_parser(_raise(ValueError("x"))), ["go"], (Refused,))
    with pytest.raises(SystemExit) as exited:
        cli.dispatch(_parser(print), [], (Refused,))
    assert exited.value.code == 2


@pytest.mark.parametrize("path", ["lib/db/__main__.py", "lib/ingest/__main__.py", "lib/users/__main__.py",
                                  "lib/apel/__main__.py", "lib/export/__main__.py", "lib/maps/boundaries.py"])
def test_every_command_line_uses_the_one_style(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    assert "cli.dispatch(" in source and "sys.exit(cli.run(main))" in source and "set_defaults(run=" in source
