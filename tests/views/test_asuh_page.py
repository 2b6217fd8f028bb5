"""The orang tua asuh page (views/orang-tua-asuh.py) in the app, internal and public, its lines on Ringkasan and
the OPD page, and the Unggah tab: a bad sponsorship file lists every problem and loads nothing."""
from __future__ import annotations

import duckdb
from views.apptest import open_page, signed_in

from lib.access.privacy import SUPPRESSED_TEXT
from lib.text import i18n

PAGE = "views/orang-tua-asuh.py"


def _texts(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(at, kind)]
    parts += [e.label for e in at.get("expander")]
    parts += [e.value.to_csv() for e in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_the_page_shows_commitments_and_simulated_rows_apart_with_kecamatan_counts_inside(env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    at = open_page(PAGE)
    assert not at.error, [e.value for e in at.error]
    text = _texts(at)
    assert at.title[0].value == i18n.t("asuh.judul", "id")
    assert i18n.t("asuh.belum_ada_resmi", "id") in text  # commitments only: no official sponsorship uploaded
    assert "6.000 sponsor" in text and i18n.t("asuh.simulasi_peringatan", "id") in text
    assert i18n.t("asuh.kecamatan_judul", "id") in text and SUPPRESSED_TEXT in text
    assert i18n.t("asuh.tren", "id") in text and at.get("vega_lite_chart")  # the stunting trend beside it


def test_the_public_page_shows_aggregates_only(env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = open_page(PAGE, {"kab": "76.05"})
    assert not at.error, [e.value for e in at.error]
    text = _texts(at)
    assert i18n.t("asuh.simulasi_peringatan", "id") in text
    assert i18n.t("asuh.kecamatan_judul", "id") not in text  # no kecamatan counts in public
    assert "kutipan" not in text  # sources by publisher only


def test_ringkasan_says_the_programme_is_simulated_only_and_the_opd_page_shows_its_rows(env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    ringkasan = _texts(open_page("views/ringkasan.py"))
    assert i18n.t("asuh.hanya_simulasi", "id", tanda="○ Simulasi") in ringkasan
    opd = _texts(open_page("views/opd.py", {"opd": "DINKES"}))
    assert i18n.t("asuh.opd_judul", "id") in opd and "○ Simulasi" in opd


def _sponsorships(database) -> int:
    with duckdb.connect(str(database)) as con:
        return con.execute("SELECT count(*) FROM asuhan").fetchone()[0]
