"""lib.apel.meetings: apel dates recorded through the uploads' writer, with who and when; the command line."""
from __future__ import annotations

from datetime import date, time, timedelta

import duckdb
import pytest

from lib.apel import meetings
from lib.apel.__main__ import main as apel_main
from lib.data.apel import list_apel

NINE = time(9, 0)


def rows(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return list_apel(con)


def test_seeded_apel_is_the_sourced_one(demo_db):
    seeded = rows(demo_db)
    assert seeded["tanggal"].dt.date.tolist() == [date(2023, 7, 24)]
    assert seeded["sumber"].iloc[0] == "99news.id" and seeded["dicatat_oleh"].iloc[0] == "seed"


def test_add_records_who_and_when(tiny_db):
    meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "  Apel Maret  ", "Kantor Gubernur", jam=time(8, 30)), user_name="admin")
    found = rows(tiny_db)
    assert found["nama"].tolist() == ["Apel Maret", "Apel Satgas 4+1"]
    assert found["dicatat_oleh"].iloc[0] == "admin" and found["dicatat_pada"].notna().all()


@pytest.mark.parametrize("entry, message", [
    (meetings.Apel(date(2024, 3, 18), " ", jam=NINE), "Nama apel wajib diisi"),
    (meetings.Apel(date(2024, 3, 18), "Tanpa jam"), "Jam apel wajib diisi"),
    (meetings.Apel(date.today() + timedelta(days=1), "Apel besok", jam=NINE), "belum terjadi"),
    (meetings.Apel(date(2022, 12, 31), "Sebelum satgas", jam=NINE), "di luar rentang"),
])
def test_bad_entries_are_refused_and_nothing_is_written(tiny_db, entry, message):
    with pytest.raises(meetings.ApelError, match=message):
        meetings.add(tiny_db, entry, user_name="admin")
    assert len(rows(tiny_db)) == 1


def test_same_apel_twice_is_refused(tiny_db):
    meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=NINE), user_name="admin")
    with pytest.raises(meetings.ApelError, match="sudah dicatat oleh admin"):
        meetings.add(tiny_db, meetings.Apel(date(2024, 3, 18), "Apel Maret", jam=NINE), user_name="operator")
    with pytest.raises(meetings.ApelError, match="tidak boleh 'seed'"):
        meetings.add(tiny_db, meetings.Apel(date(2024, 3, 19), "Apel", jam=NINE), user_name="seed")


def test_command_line_add_and_list(tiny_db, capsys):
    assert apel_main(["add", "--db", str(tiny_db), "--tanggal", "2024-03-18", "--jam", "08:30", "--nama", "Apel Maret",
                      "--tempat", "Mamuju", "--oleh", "admin"]) == 0
    assert "pukul 08.30" in capsys.readouterr().out
    assert apel_main(["add", "--db", str(tiny_db), "--tanggal", "18-03-2024", "--jam", "08:30", "--nama", "x"]) == 1
    assert "TTTT-BB-HH" in capsys.readouterr().err
    assert apel_main(["add", "--db", str(tiny_db), "--tanggal", "2024-03-19", "--jam", "pagi", "--nama", "x"]) == 1
    assert "JJ:MM" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # --jam is required: argparse's usage error
        apel_main(["add", "--db", str(tiny_db), "--tanggal", "2024-03-19", "--nama", "x"])
    assert usage.value.code == 2 and "--jam" in capsys.readouterr().err
    assert apel_main(["list", "--db", str(tiny_db)]) == 0
    out = capsys.readouterr().out
    assert "2024-03-18 08:30  Apel Maret  (Mamuju; dicatat oleh admin)" in out
    assert "2023-07-24 08:00*" in out and "* jam tidak tercatat, dianggap 08:00" in out
