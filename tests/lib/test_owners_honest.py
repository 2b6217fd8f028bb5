"""Issue 18 item 7, owners honestly: how many kecamatan have a recorded penanggung jawab is said where owners are
shown; a kabupaten owner read from its kecamatan is marked as inferred; a lama cell is not listed as a current
red cell on the OPD page or the slides. On the tiny built record and on the demo."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from lib.data import responsibility
from lib.db.connect import connect
from lib.export import model
from lib.judge import scorecard, status
from lib.screens import kabupaten, opd, reads
from lib.screens.source import Source

OFF_TARGET = status.TIDAK_TERCAPAI  # the red status of the OPD list


@pytest.fixture
def tiny(tiny_db: Path):
    con = connect(tiny_db, read_only=True)
    yield con
    con.close()


def _cells(stale: bool) -> pd.DataFrame:
    """Two off-target stunting cells, Polewali Mandar (its kecamatan Polewali has Biro Hukum) and Majene."""
    return pd.DataFrame({"isu": ["ST", "ST"], "wilayah": ["76.04", "76.05"], "status": [OFF_TARGET, OFF_TARGET],
                         "lama": [stale, False], "jenis": ["resmi", "resmi"], "nama": ["Polewali Mandar", "Majene"],
                         "nama_indikator": ["Prevalensi", "Prevalensi"], "nilai": [36.0, 40.6],
                         "satuan": ["persen", "persen"], "periode_label": ["2022", "2022"]})


def test_the_count_of_kecamatan_with_an_owner_is_said(tiny, demo_con):
    assert responsibility.kecamatan_coverage(tiny) == (1, 3)
    assert responsibility.kecamatan_coverage(tiny, "76.05") == (0, 2)
    assert opd.owners_coverage(Source(tiny)).startswith("Penanggung jawab tercatat untuk 1 dari 3 kecamatan")
    assert responsibility.kecamatan_coverage(demo_con) == (23, 69)  # issue 18: 23 of 69 today
    src = Source(demo_con)
    assert opd.owners_coverage(src).startswith("Penanggung jawab tercatat untuk 23 dari 69 kecamatan di Sulawesi Barat")
    assert (kabupaten.owners_coverage(src, "76.04")
            == "Penanggung jawab tercatat untuk 9 dari 16 kecamatan di Polewali Mandar.")
    assert kabupaten.owners_coverage(src, None) == opd.owners_coverage(src)  # no kabupaten chosen: the province
    assert "of 69 districts" in opd.owners_coverage(Source(demo_con, "en"))


def test_a_kabupaten_owner_read_from_its_kecamatan_is_marked_inferred(tiny):
    found = responsibility.owners(tiny, "ST", "76.04").set_index("opd")
    assert not found.loc["DINKES", "disimpulkan"]  # the coordinator is named for every cell of its isu
    assert found.loc["BIRO-HUKUM", "disimpulkan"]  # recorded for kecamatan Polewali, not for the kabupaten
    assert not responsibility.owners(tiny, "ST", "76.04.04").set_index("opd").loc["BIRO-HUKUM", "disimpulkan"]
    roles = reads.owner_roles("id")
    assert (responsibility.owner_names(tiny, "ST", "76.04", roles)
            == "Dinkes (koordinator); Biro Hukum (PJ wilayah, disimpulkan dari kecamatan)")
    assert "inferred from its districts" in responsibility.owner_names(tiny, "ST", "76.04", reads.owner_roles("en"))


@dataclass(frozen=True)
class _FixedRed(Source):
    """A Source whose red-cell read answers from given cells (as the scorecard would judge them)."""
    cells: pd.DataFrame | None = None

    def read(self, func, *args):
        if func is reads.owned_red_cells:
            return scorecard.red_cells_owned(self.cells, self.con, args[0])
        return super().read(func, *args)


def test_the_opd_red_list_marks_inferred_roles_and_leaves_out_lama_cells(tiny):
    current = opd.red_cells(_FixedRed(tiny, cells=_cells(stale=False)), "BIRO-HUKUM", None)
    assert current["Wilayah"].tolist() == ["Polewali Mandar"]
    assert current["Peran"].tolist() == ["Penanggung jawab wilayah (disimpulkan dari kecamatan)"]
    assert opd.red_cells(_FixedRed(tiny, cells=_cells(stale=True)), "BIRO-HUKUM", None) is None  # lama: not today's
    owned = scorecard.red_cells_owned(_cells(stale=True), tiny, "DINKES")
    assert owned["wilayah"].tolist() == ["76.05"] and not owned["disimpulkan"].any()


def test_no_opd_lists_a_lama_cell_as_red_on_the_demo(demo_con):
    matrix = scorecard.kabupaten_matrix(demo_con)
    stale = set(zip(*matrix.loc[(matrix["status"] == OFF_TARGET) & matrix["lama"], ["isu", "wilayah"]].T.values))
    for code in opd.opd_list(Source(demo_con))["kode"]:
        found = reads.owned_red_cells(demo_con, code, None)
        assert not found["lama"].any(), code
        assert not stale & set(zip(found["isu"], found["wilayah"])), code  # e.g. Majene's stunting 2022


def test_slides_name_no_owner_of_a_lama_cell_and_mark_inferred_ones(tiny):
    assert model.red_cell_owners(tiny, _cells(stale=True)) == {("ST", "76.05"): (("Dinkes",), ())}
    owners = model.red_cell_owners(tiny, _cells(stale=False))
    assert owners[("ST", "76.04")] == (("Dinkes",), ("Biro Hukum",))
    assert model.owners_text(owners[("ST", "76.04")], "id") == "Dinkes; Biro Hukum (disimpulkan dari kecamatan)"
    assert model.owners_text(owners[("ST", "76.04")], "en") == "Dinkes; Biro Hukum (inferred from its districts)"
    assert model.owners_text(None, "id") is None


def test_tentang_explains_owners_with_the_count(demo_con):
    from lib.screens import tentang

    text = tentang.owners_text(Source(demo_con))
    assert "disimpulkan dari kecamatan" in text and "23 dari 69 kecamatan" in text
    assert "inferred from its districts" in tentang.owners_text(Source(demo_con, "en"))


def test_the_owners_of_many_cells_in_one_query_are_each_cells_own(demo_con):
    """responsibility.owners_of (one query for the hotspot slide, the red cells, a Kirim scope) answers for each
    cell what owners answers for it alone: coordinators, province rows, inferred and recorded area OPDs of the
    province, kabupaten, kecamatan and desa, nothing for an unknown isu or wilayah."""
    places = ["76", "76.01", "76.04", "76.01.01", "76.01.10", "76.01.01.1006", "99.99"]
    cells = [(isu, w) for isu in ("ST", "INF", "XX") for w in places]  # INF: a province penanggung jawab row too
    found = responsibility.owners_of(demo_con, cells)
    assert list(found) == cells
    for isu, wilayah in cells:
        pd.testing.assert_frame_equal(found[(isu, wilayah)], responsibility.owners(demo_con, isu, wilayah))
    assert found[("XX", "76")].empty and found[("ST", "99.99")]["opd"].tolist() == ["DINKES"]  # coordinator only
    assert found[("ST", "76.01")].set_index("opd").loc["BPSDM", "disimpulkan"]  # recorded for its kecamatan
    assert responsibility.owners_of(demo_con, []) == {}
    roles = reads.owner_roles("en")
    assert responsibility.owner_names_of(demo_con, cells, roles) == {
        cell: responsibility.owner_names(demo_con, *cell, roles) for cell in cells}
