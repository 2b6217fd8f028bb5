"""Settings are declared once and documented in the README."""
from pathlib import Path

from lib import config

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in config.SETTINGS if f"`{name}`" not in text]
    assert missing == []


def test_environment_overrides_default_and_blank_falls_back(monkeypatch):
    monkeypatch.setenv("MONITOR41_DB", "/tmp/elsewhere.duckdb")
    assert config.get("MONITOR41_DB") == "/tmp/elsewhere.duckdb"
    monkeypatch.setenv("MONITOR41_DB", "  ")
    assert config.get("MONITOR41_DB").endswith("data/monitor41.duckdb")
