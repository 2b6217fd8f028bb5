"""Tests for lib.access.permissions on the demo database: coordinating OPDs, kecamatan OPDs, admin and viewer."""
from __future__ import annotations

import duckdb
import pytest

from lib.access import permissions
from lib.users.accounts import User

DINKES = User("dinkes", "opd", "DINKES")
BIRO_HUKUM = User("biro.hukum", "opd", "BIRO-HUKUM")
ADMIN = User("admin", "admin")
VIEWER = User("tamu", "viewer")
DESA_UNDER_POLEWALI = "76.04.04.1001"

CASES = [
    (DINKES, "ST-PREV", "76.05", True),
    (DINKES, "ST-PREV", "76.05.01", True),
    (DINKES, "ST-PREV", "76", True),
    (DINKES, "KE-P0", "76.05", False),
    (DINKES, "KE-P0", "76.05.01", False),
    (BIRO_HUKUM, "KE-P0", "76.04.04", True),
    (BIRO_HUKUM, "ST-PREV", "76.04.06", True),
    (BIRO_HUKUM, "KE-P0", DESA_UNDER_POLEWALI, True),
    (BIRO_HUKUM, "KE-P0", "76.04", False),
    (BIRO_HUKUM, "KE-P0", "76.05.01", False),
    (BIRO_HUKUM, "KE-P0", "76", False),
    (DINKES, "NO-SUCH", "76.05", False),
    (DINKES, "ST-PREV", "76.99", False),
    (ADMIN, "KE-P0", "76.05.01", True),
    (ADMIN, "ST-PREV", "76", True),
    (VIEWER, "ST-PREV", "76.05", False),
    (VIEWER, "KE-P0", "76.04.04", False),
    (User("x", "opd", None), "ST-PREV", "76.05", False),
]


@pytest.fixture(scope="module")
def con(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as connection:
        yield connection


def test_demo_database_has_the_rows_these_tests_rely_on(con):
    assert con.execute("SELECT level, kode_induk FROM wilayah WHERE kode = ?", [DESA_UNDER_POLEWALI]).fetchone() == (
        "desa", "76.04.04")
    assert con.execute("SELECT isu FROM indikator WHERE kode = 'KE-P0'").fetchone() == ("KE",)


@pytest.mark.parametrize("user, indikator, wilayah, expected", CASES,
                         ids=[f"{u.name}-{i}-{w}" for u, i, w, _ in CASES])
def test_may_load(con, user, indikator, wilayah, expected):
    assert permissions.may_load(con, user, indikator, wilayah) is expected


@pytest.mark.parametrize("user", [DINKES, BIRO_HUKUM, ADMIN, VIEWER], ids=lambda u: u.name)
def test_checker_agrees_with_may_load(con, user):
    check = permissions.checker(con, user)
    for _, indikator, wilayah, _ in CASES:
        assert check(indikator, wilayah) is permissions.may_load(con, user, indikator, wilayah), (indikator, wilayah)


def test_checker_on_every_wilayah_matches_loadable_wilayah(con):
    every = [row[0] for row in con.execute("SELECT kode FROM wilayah").fetchall()]
    check = permissions.checker(con, BIRO_HUKUM)
    assert sorted(w for w in every if check("KE-P0", w)) == permissions.loadable_wilayah(con, BIRO_HUKUM, "KE-P0")


def test_loadable_wilayah_of_the_coordinating_opd_is_everything(con):
    codes = permissions.loadable_wilayah(con, DINKES, "ST-PREV")
    assert len(codes) == 724 and codes == sorted(codes)
    assert permissions.loadable_wilayah(con, DINKES, "KE-P0") == []


def test_loadable_wilayah_of_a_kecamatan_opd_is_its_kecamatan_and_desa(con):
    codes = permissions.loadable_wilayah(con, BIRO_HUKUM, "KE-P0")
    desa = [row[0] for row in con.execute(
        "SELECT kode FROM wilayah WHERE kode_induk IN ('76.04.04', '76.04.06') ORDER BY kode").fetchall()]
    assert len(desa) > 10
    assert codes == sorted(["76.04.04", "76.04.06", *desa])
    assert "76.04" not in codes and "76" not in codes


def test_admin_and_viewer(con):
    assert len(permissions.loadable_wilayah(con, ADMIN, "ST-PREV")) == 724
    assert permissions.loadable_wilayah(con, VIEWER, "ST-PREV") == []
