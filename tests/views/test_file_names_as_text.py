"""A file name reaches the screen as text, never Markdown (issue 20, item 3): `![x](http://…)fn.csv` on the
Tindakan tab makes no image request. Plain data for every refusal that quotes a name, plus one AppTest of the tab."""
from __future__ import annotations

import re
from datetime import date, time

import pytest
from streamlit.testing.v1 import AppTest
from views.apptest import as_user

from lib.ingest import tindakan
from lib.ingest.reader import read_upload
from lib.ingest.rows import UploadError
from lib.present.markdown import message

NAME = "![x](https:%2F%2Fh.example%2Fb.png)fn.csv"  # a browser sends no "/" in a name; the reader cuts at one
LIVE = re.compile(r"!\[|(?<!\\)\]\(|<img")  # an image or link that Markdown would still build


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 bukan csv", b"\xff\xfeu\x00t\x00f\x00"])
def test_every_refusal_quoting_a_name_is_plain_text_through_message(data):
    for read in (tindakan.read, read_upload):
        with pytest.raises(UploadError) as caught:
            read(NAME, data)
        assert "fn.csv" in str(caught.value)
        shown = message(caught.value)
        assert "!\\[x\\]" in shown and not LIVE.search(shown), shown




def test_the_tindakan_tab_shows_the_file_name_as_text(read_env):  # a refused file: reads only, the shared record
    at = as_user("views/unggah.py", "dinkes")
    at = at.file_uploader(key="tindakan_berkas").set_value((NAME, b"PK\x03\x04 bukan csv", "text/csv")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "fn.csv" in error and "!\\[x\\]" in error and not LIVE.search(error), error


def test_the_apel_form_shows_a_typed_name_as_text_and_refuses_an_escape_sequence(env):
    at = as_user("views/riwayat.py", "admin")

    def record(name: str, hour: time) -> AppTest:
        at.date_input(key="riwayat_apel_tanggal").set_value(date(2024, 3, 18))
        at.time_input(key="riwayat_apel_jam").set_value(hour)
        at.text_input(key="riwayat_apel_nama").input(name)
        return next(b for b in at.button if b.label == "Catat apel").click().run()

    at = record("Apel ![x](https:%2F%2Fh.example%2Fb.png) **tebal**", time(9, 15))
    assert not at.exception
    [success] = [s.value for s in at.success]
    assert "!\\[x\\]" in success and "\\*\\*tebal" in success and not LIVE.search(success), success
    at = record("Apel \x1b[31mMerah", time(10, 0))
    [error] = [e.value for e in at.error]
    assert "U+001B" in error and "\x1b" not in error
