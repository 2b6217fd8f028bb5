"""Public reads of the screens over a record with small counts in one desa (tests/public_fixture.py): every
read that can carry a kecamatan or desa count carries the level and unit public mode judges it by."""
from __future__ import annotations

import pandas as pd
import pytest
from public_fixture import DESA, build_public_hostile_db

from lib.access import privacy
from lib.db.connect import connect
from lib.screens import actions, reads
from lib.screens.source import Source


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = connect(build_public_hostile_db(tmp_path_factory.mktemp("public-reads")), read_only=True)
    yield con
    con.close()


def test_a_desa_history_of_two_and_three_children_is_hidden(con):
    raw = reads.series(con, ("ST-JUMLAH",), (DESA,), None)
    assert sorted(raw["nilai"]) == [2.0, 3.0] and set(raw["level"]) == {"desa"}
    shown = privacy.public_view(raw)
    assert shown["nilai"].isna().all() and shown["disamarkan"].all()
    assert "Nama Orang" not in " ".join(shown["sumber"].astype(str))


def test_the_public_action_table_shows_under_five_and_no_free_text(con):
    public = actions.action_table(Source(con, "id", True), "ST", None, (DESA,), False)
    normal = actions.action_table(Source(con, "id", False), "ST", None, (DESA,), False)
    assert "2 anak" in normal["Jumlah"].tolist() and "Nama Orang" in " ".join(normal["Tindakan"])
    assert "< 5 anak" in public["Jumlah"].tolist() and "Tindakan" not in public and "Uraian" not in public
    text = " ".join(public.astype(str).to_numpy().ravel())
    assert "Nama Orang" not in text and "nama-orang" not in text
    assert actions.public_note(Source(con, "id", True)) and actions.public_note(Source(con, "id", False)) is None


def test_every_public_read_keeps_declared_columns_only(con):
    frames = [reads.series(con, ("ST-JUMLAH",), (DESA,), None), reads.action_list(con, "ST", None, (DESA,), True),
              reads.small_wins(con, None)]
    for frame in frames:
        shown = privacy.public_view(frame)
        assert all(privacy.rule(c) for c in shown.columns)
        assert isinstance(shown, pd.DataFrame)
