"""Safe by default: the shipped configuration binds the app to loopback (make run, .streamlit/config.toml, the
systemd unit), warns when `make run` is asked to open it to the network, and the example environment trusts
the bundled nginx for visitor addresses (so sign-in failures are counted per visitor)."""
from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from lib import config

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _env_example() -> dict[str, str]:
    lines = (PROJECT_ROOT / "deploy" / "monitor41.env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_direct_runs_listen_on_loopback_only():
    settings = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["address"] == "127.0.0.1"
    unit = (PROJECT_ROOT / "deploy" / "systemd" / "monitor41@.service").read_text(encoding="utf-8")
    assert "--server.address 127.0.0.1" in unit


@pytest.mark.skipif(shutil.which("make") is None, reason="make tidak terpasang")
def test_make_run_binds_loopback_and_warns_when_opened():
    def dry_run(*args: str) -> str:
        return subprocess.run(["make", "-n", "run", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              check=True, timeout=60).stdout

    plain = dry_run()
    assert "--server.address 127.0.0.1 " in plain
    opened = subprocess.run(["sh", "-c", next(line for line in dry_run("ADDRESS=0.0.0.0").splitlines()
                                              if line.startswith("case"))],
                            capture_output=True, text=True, check=True, timeout=30)
    assert opened.stderr.startswith("Peringatan: aplikasi terbuka di 0.0.0.0:8501 tanpa nginx")
    quiet = subprocess.run(["sh", "-c", next(line for line in plain.splitlines() if line.startswith("case"))],
                           capture_output=True, text=True, check=True, timeout=30)
    assert quiet.stderr == ""


def test_the_example_environment_trusts_the_bundled_nginx():
    env = _env_example()
    assert env["MONITOR41_TRUSTED_PROXIES"] == "127.0.0.1"
    assert "127.0.0.1" in config.SETTINGS["MONITOR41_TRUSTED_PROXIES"].default.split(",")
