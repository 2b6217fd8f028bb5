"""Shared fixtures: a tiny database built from code (seconds) and the real demo database (built once)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib import db
from seed_fixture import TINY_SEED, write_seed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_GEO = PROJECT_ROOT.parent / "shared" / "geo"

@pytest.fixture
def tiny_seed(tmp_path: Path) -> Path:
    """A seed folder with two kabupaten and a handful of values, written from code."""
    return write_seed(tmp_path / "seed", TINY_SEED)


@pytest.fixture
def tiny_db(tiny_seed: Path, tmp_path: Path) -> Path:
    """A database built from the tiny seed."""
    return db.build(tmp_path / "tiny.duckdb", seed_dir=tiny_seed).path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The real demo database built from data/seed, once per test session."""
    path = tmp_path_factory.mktemp("demo") / "monitor41.duckdb"
    return db.build(path, seed_dir=PROJECT_ROOT / "data" / "seed").path


@pytest.fixture(autouse=True, scope="session")
def _shared_geo_dir():
    """Tests read boundary files from ../shared/geo, never from the project's geo/ folder."""
    if SHARED_GEO.exists():
        os.environ.setdefault("MONITOR41_GEO_DIR", str(SHARED_GEO))
    yield
