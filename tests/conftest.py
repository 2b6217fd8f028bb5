"""Shared fixtures: a tiny database built from code (seconds) and the real demo database (built once)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db import record
from lib.db.build import build_record
from lib.db.connect import connect

PROJECT_ROOT = Path(__file__).resolve().parent.parent

@pytest.fixture
def tiny_seed(tmp_path: Path) -> Path:
    """A seed folder with two kabupaten and a handful of values, written from code."""
    return write_seed(tmp_path / "seed", TINY_SEED)


@pytest.fixture(scope="session")
def _tiny_record(tmp_path_factory) -> Path:
    """The tiny seed built once per test process (a build takes a second or two; a copy a tenth of that)."""
    folder = tmp_path_factory.mktemp("tiny-template")
    return build_record(folder / "tiny.duckdb", seed_dir=write_seed(folder / "seed", TINY_SEED)).path


@pytest.fixture
def tiny_db(tiny_seed: Path, tmp_path: Path, _tiny_record: Path) -> Path:
    """A database built from the tiny seed: the session's build, put in place the way build_record finishes (under
    the writer lock, then a published snapshot beside it), so each test owns its own record."""
    return published_copy(_tiny_record, tmp_path / "tiny.duckdb")


def published_copy(source: Path, target: Path) -> Path:
    """A copy of a built record put in place at `target` and published, as build_record finishes."""
    built = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, built)
    record.replace(target, built, force=False)
    return target


@pytest.fixture
def demo_record(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's demo record that the test owns (writes, deliveries), put in place and published."""
    return published_copy(demo_db, tmp_path / "monitor41.duckdb")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The real demo database built from data/seed, once per test session."""
    path = tmp_path_factory.mktemp("demo") / "monitor41.duckdb"
    return build_record(path, seed_dir=PROJECT_ROOT / "data" / "seed").path


@pytest.fixture(scope="module")
def demo_con(demo_db: Path):
    """A read-only connection to the demo database, one per test module."""
    con = connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(autouse=True, scope="session")
def _project_geo_dir():
    """Tests read the project's own boundary files (geo/, committed), whatever the environment says."""
    os.environ["MONITOR41_GEO_DIR"] = str(PROJECT_ROOT / "geo")
    yield
