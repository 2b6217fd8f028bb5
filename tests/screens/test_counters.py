"""The status counters agree across pages: a kabupaten's counts (Kabupaten), its cells in the kabupaten × isu
matrix (Ringkasan) and the off-track cells the OPDs are given (OPD) — same statuses, same lama rule — on days
when the demo data is current and when it has aged."""
from __future__ import annotations

from datetime import date

import pytest

from lib.data import queries
from lib.judge import scorecard, status
from lib.screens import kabupaten

DAYS = [date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31), None]  # None: today
KABUPATEN = ["76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]


def _current_official(frame):
    return frame[(frame["jenis"] == "resmi") & ~frame["lama"].fillna(False).astype(bool)]


@pytest.fixture(scope="module")
def opd_codes(demo_con):
    return queries.opd_list(demo_con)["kode"].tolist()


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_kabupaten_counts_matrix_and_opd_lists_agree(demo_con, opd_codes, today):
    codes = queries.indicators(demo_con)["kode"].tolist()
    matrix = scorecard.kabupaten_matrix(demo_con, None, today)
    owned = {(r["isu"], r["wilayah"]) for o in opd_codes
             for _, r in scorecard.red_cells_owned(matrix, demo_con, o).iterrows()}
    for code in KABUPATEN:
        frame = scorecard.assessed(demo_con, codes, [code], None, today)
        frame = frame[frame["nilai"].notna()]
        cells = matrix[(matrix["wilayah"] == code) & matrix["nilai"].notna()]
        # Each matrix cell is the same row, judged the same, as on the kabupaten's scorecard.
        for _, cell in cells.iterrows():
            same = frame[frame["indikator"] == cell["indikator"]].iloc[0]
            assert (same["status"], bool(same["lama"])) == (cell["status"], bool(cell["lama"]))
        counted = dict(kabupaten.counts(frame, "id").metrics)
        red = _current_official(cells)
        red = red[red["status"].isin(status.MISSES)]
        assert counted["Tidak tercapai"] >= (red["status"] == status.TIDAK_TERCAPAI).sum()
        # An off-track cell the counters count is on some OPD's list; a lama or simulated one on none.
        listed = {w for (_, w) in owned if w == code}
        assert bool(listed) == (not red.empty), code
        stale = cells[cells["lama"].astype(bool) | (cells["jenis"] != "resmi")]
        assert not {(i, code) for i in stale["isu"]} & owned
