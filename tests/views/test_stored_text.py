"""Text stored before uploads refused control characters (issue 7.4): a vertical tab or form feed in an old
sumber or catatan must not break a page, whose downloads write it into an Excel file."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from views.apptest import open_page


@pytest.fixture
def old_bad_row(demo_db, tmp_path, monkeypatch) -> Path:
    """The demo record plus a current ST-JUMLAH value for Majene whose sumber holds \\x0b and catatan \\x0c."""
    path = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, path)
    with duckdb.connect(str(path)) as con:
        periode = con.execute("SELECT max(periode) FROM v_capaian WHERE indikator = 'ST-JUMLAH' "
                              "AND wilayah = '76.05'").fetchone()[0]
        batch = con.execute("SELECT max(id) + 1 FROM unggahan").fetchone()[0]
        con.execute("INSERT INTO unggahan VALUES (?, 'lama.csv', 'x', 'admin', now(), 1, NULL)", [batch])
        con.execute("INSERT INTO capaian (indikator, wilayah, periode, nilai, sumber, catatan, jenis, dimuat_oleh, "
                    "dimuat_pada, unggahan) VALUES ('ST-JUMLAH', '76.05', ?, 123, 'Dinkes\x0bMajene', "
                    "'catatan\x0clama', 'resmi', 'admin', now(), ?)", [periode, batch])
    monkeypatch.setenv("MONITOR41_DB", str(path))
    return path


def test_stunting_and_kabupaten_pages_with_a_vertical_tab_in_sumber(old_bad_row):
    at = open_page("views/stunting.py", {"kab": "76.05"})
    at.selectbox(key="isu_ST_indikator").set_value("ST-JUMLAH").run()
    assert not at.exception and not at.error, (at.exception or at.error)[0].value
    assert at.get("download_button")
    at.switch_page("views/kabupaten.py").run()
    assert not at.exception and not at.error, (at.exception or at.error)[0].value
