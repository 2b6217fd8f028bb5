"""Tentang's and Kualitas' content: definitions and rule tables in both languages; data quality for every OPD
(and none) and every kabupaten (and none)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from screens.conftest import every_source
from screens.test_kabupaten_opd import KABUPATEN, OPD

from lib.data import queries
from lib.judge import forecast, freshness, quality
from lib.screens import kualitas, tentang

AS_OF = quality.reference_date(None, date.today())


@pytest.mark.parametrize("lang, mode", every_source())
def test_tentang_for_both_languages_and_modes(sources, lang, mode):
    src = sources[lang, mode]
    blocks = tentang.definition_blocks(src)
    isu = [src.t(f"isu.{code}") for code in ("KE", "ST", "ATS", "PA", "INF")]
    assert [title.split(" — ")[0] for title, _ in blocks] == isu
    assert all(paragraphs and all(p.startswith("**") for p in paragraphs) for _, paragraphs in blocks)
    assert len(tentang.decision_table(lang)) == 7
    assert "| --- |" not in tentang.decision_markdown(lang) and tentang.decision_markdown(lang).count("\n") == 8
    assert len(tentang.freshness_rule_table(lang)) == len(freshness.ALLOWANCE)
    example = tentang.achievement_example(src)
    assert example is not None and "× 100 =" in example
    assert str(forecast.MIN_POINTS) in tentang.forecast_method(lang)
    text = " ".join(p for _, paragraphs in blocks for p in paragraphs)
    if lang == "en":
        assert "Frequency: monthly" in text and "Good direction: down" in text
        assert not re.search(r"Frequency: (bulanan|tahunan|semesteran)|Good direction: (turun|naik)", text)
    else:
        assert "Contoh dari data" in example


@pytest.mark.parametrize("code", OPD)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_kualitas_for_every_opd(sources, lang, code):
    src = sources[lang, "normal"]
    note = kualitas.not_coordinator(src, code)
    if note is not None:  # an OPD that coordinates no isu has no indicators to report on
        assert code and not len(src.read(queries.opd_list).set_index("kode").loc[code, "isu_koordinasi"])
        return
    check_quality(src, code, ())


@pytest.mark.parametrize("kabupaten", KABUPATEN[1:])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_kualitas_for_every_kabupaten(sources, lang, kabupaten):
    check_quality(sources[lang, "normal"], None, (kabupaten,))


def check_quality(src, code, kabupaten):
    complete = kualitas.completeness(src, code, kabupaten, AS_OF, quality.DEFAULT_WINDOW)
    assert not complete.summary.empty and complete.matrices
    assert ((complete.summary["porsi"] >= 0) & (complete.summary["porsi"] <= 1)).all()
    if code:
        assert set(complete.summary["opd"]) == {code}
    late = kualitas.timeliness(src, code, kabupaten, AS_OF)
    assert len(late.shown) == len(late.found) and late.notes == [kualitas.about(AS_OF, src.lang)]
    found = kualitas.outliers(src, code, kabupaten, AS_OF)
    assert len(found.shown) == len(found.found)
    if kabupaten and not found.found.empty:
        assert found.found["wilayah"].str.startswith(kabupaten[0]).all()


def test_kualitas_says_when_an_opd_coordinates_nothing(sources):
    assert kualitas.not_coordinator(sources["id", "normal"], None) is None
    assert kualitas.not_coordinator(sources["id", "normal"], "DINKES") is None
    assert "Bapperida" in kualitas.not_coordinator(sources["id", "normal"], "BAPPERIDA")
    assert kualitas.outliers_caption("en") != kualitas.outliers_caption("id")
