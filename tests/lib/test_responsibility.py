"""lib.data.responsibility: who owns each cell, for each kabupaten of the demo data."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lib.data import responsibility
from lib.judge import scorecard

# The penanggung jawab OPDs of each kabupaten's kecamatan in data/seed/penanggung_jawab.csv.
KABUPATEN_OWNERS = {
    "76.01": {"BPSDM", "DISHUB", "INSPEKTORAT"},
    "76.02": {"BAPPERIDA", "DPMPTSP", "SATPOLPP"},
    "76.03": {"DISPAR"},
    "76.04": {"BIRO-HUKUM", "BIRO-UMUM", "DPUPR", "DISKOMINFOPERS", "SETWAN"},
    "76.05": {"KOPERINDAG"},
    "76.06": {"SATPOLPP"},
}
COORDINATORS = {"KE": "DINSOS", "ST": "DINKES", "ATS": "DISDIKBUD", "PA": "DP3AP2KB", "INF": "KETAPANG"}


@pytest.fixture(scope="module")
def con(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize("kabupaten", sorted(KABUPATEN_OWNERS))
@pytest.mark.parametrize("isu", sorted(COORDINATORS))
def test_each_kabupaten_cell_names_coordinator_first_then_its_kecamatan_opds(con, kabupaten, isu):
    found = responsibility.owners(con, isu, kabupaten)
    assert found["opd"].iloc[0] == COORDINATORS[isu]
    assert found["peran"].iloc[0] == responsibility.KOORDINATOR
    wilayah_owners = set(found.loc[found["peran"] == responsibility.PENANGGUNG_JAWAB, "opd"])
    assert wilayah_owners == KABUPATEN_OWNERS[kabupaten]


def test_province_cell_has_only_coordinators(con):
    assert responsibility.owners(con, "ST", "76")["opd"].tolist() == ["DINKES"]
    assert responsibility.owners(con, "INF", "76")["opd"].tolist() == ["KETAPANG", "BIRO-EKBANG"]


def test_kecamatan_and_desa_inherit_only_their_own_opd(con):
    assert set(responsibility.owners(con, "KE", "76.04.04")["opd"]) == {"DINSOS", "BIRO-HUKUM"}
    assert set(responsibility.owners(con, "KE", "76.04.04.1001")["opd"]) == {"DINSOS", "BIRO-HUKUM"}
    assert responsibility.owners(con, "KE", "76.04.01")["opd"].tolist() == ["DINSOS"]  # no assignment found


def test_owner_names_reads_as_one_line(con):
    # Satpol PP is recorded for kecamatan of Mamuju Tengah, not for the kabupaten: its ownership is inferred
    assert (responsibility.owner_names(con, "ST", "76.06")
            == "Dinkes (koordinator); Satpol PP (penanggung jawab wilayah, disimpulkan dari kecamatan)")
    short = {responsibility.KOORDINATOR: "coordinator", responsibility.PENANGGUNG_JAWAB: "area lead",
             responsibility.DISIMPULKAN: "inferred"}
    assert (responsibility.owner_names(con, "ST", "76.06", short)
            == "Dinkes (coordinator); Satpol PP (area lead, inferred)")
    # at the kecamatan it is recorded for, the same OPD is named, not inferred
    assert responsibility.owner_names(con, "KE", "76.04.04", short) == "Dinsos (coordinator); Biro Hukum (area lead)"


def test_red_cells_owned_by_an_opd(con):
    cells = pd.DataFrame({"isu": ["ST", "ST", "KE"], "wilayah": ["76.06", "76.05", "76.06"],
                          "status": ["tidak tercapai", "tidak tercapai", "tercapai"]})
    owned = scorecard.red_cells_owned(cells, con, "SATPOLPP")
    assert owned[["isu", "wilayah", "peran"]].values.tolist() == [["ST", "76.06", "penanggung jawab wilayah"]]
    assert scorecard.red_cells_owned(cells, con, "DINKES")["wilayah"].tolist() == ["76.06", "76.05"]
