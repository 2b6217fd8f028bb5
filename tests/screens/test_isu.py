"""The five isu pages' content for the province and every kabupaten, in both languages and both modes."""
from __future__ import annotations

from datetime import date

import pytest
from screens.conftest import every_source

from lib.charts import values
from lib.screens import actions, isu, isu_trend

ISU = ["KE", "ST", "ATS", "PA", "INF"]
KABUPATEN = [None, "76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]


def chosen(kabupaten: str | None) -> tuple[str, ...]:
    return (kabupaten,) if kabupaten else ()


@pytest.mark.parametrize("kabupaten", KABUPATEN)
@pytest.mark.parametrize("isu_code", ISU)
@pytest.mark.parametrize("lang, mode", every_source())
def test_isu_page_for_every_kabupaten(sources, lang, mode, isu_code, kabupaten):
    src = sources[lang, mode]
    title, coordinator = isu.header(src, isu_code)
    assert title == src.t(f"isu.{isu_code}") and coordinator
    registry = isu.indicator_choices(src, isu_code)
    assert not registry.empty and (registry["jumlah_nilai"] > 0).all()
    code = isu.opening_indicator(src, isu_code, registry, None)
    picked = chosen(kabupaten)
    frames = isu.frames(src, code, None, picked)
    assert len(frames.kabupaten) == 6  # the map colours every kabupaten whatever is chosen
    assert set(frames.trend_names) == {"76", *(picked or frames.kabupaten["wilayah"])} - (
        set() if (frames.shown["wilayah"] == "76").any() else {"76"})
    ranking = isu.ranking(src, code, None, picked)
    assert len(ranking.shown) == len(ranking.export) == len(frames.shown)
    if kabupaten:  # the ranking narrows to the province, the kabupaten and its kecamatan
        assert frames.shown["wilayah"].map(lambda w: w == "76" or w.startswith(kabupaten)).all()
    trend = isu_trend.trend(src, isu_code, code, None, picked)
    assert (trend.chart is None) == (trend.points < 3)
    if trend.chart is not None:
        assert trend.caption.endswith(src.t("isu.celah"))
    gauges = isu.gauge_frame(src, code, None, picked)
    if gauges is not None:
        assert gauges["achievement_pct"].notna().all()
    assert all(line.startswith("**") for line in isu_trend.forecast_section(src, code, None, picked))
    assert isu.indicator_caption(src, registry.set_index("kode").loc[code])


@pytest.mark.parametrize("isu_code, expected", [("KE", "KE-P0"), ("ATS", "ATS-DATA"), ("PA", "PA-PROP-BKKBN"),
                                                ("ST", "ST-PREV")])
def test_isu_pages_open_on_an_indicator_with_kabupaten_data(sources, isu_code, expected):
    src = sources["id", "normal"]
    registry = isu.indicator_choices(src, isu_code)
    assert isu.opening_indicator(src, isu_code, registry, None) == expected
    assert isu.frames(src, expected, None, ()).kabupaten["nilai"].notna().any()  # the map is not grey


def test_majene_stunting_ranking_is_indonesian_and_narrowed(sources):
    shown = isu.ranking(sources["id", "normal"], "ST-PREV", None, ("76.05",)).shown.to_string()
    assert "Majene" in shown and "40,6%" in shown and "40.6" not in shown and "Pasangkayu" not in shown
    english = isu.ranking(sources["en", "normal"], "ST-PREV", None, ("76.05",)).shown.to_string()
    assert "40.6%" in english


def test_public_mode_hides_small_kecamatan_counts(sources):
    """76.03.17 Mehalaan: 4 children left stunting in June 2024 — '< 5' in public, the count otherwise."""
    public = isu.ranking(sources["id", "public"], "ST-KELUAR", None, ("76.03",)).shown.set_index("Wilayah")
    assert public.loc["Mehalaan", "Nilai"] == "< 5"
    assert (public["Nilai"] != "< 5").sum() >= 2  # the kabupaten total and larger kecamatan stay visible
    normal = isu.ranking(sources["id", "normal"], "ST-KELUAR", None, ("76.03",)).shown.set_index("Wilayah")
    assert normal.loc["Mehalaan", "Nilai"] == "4 anak"
    labels = isu.map_labels(isu.frames(sources["id", "public"], "ST-KELUAR", None, ("76.03",)).kecamatan, "id")
    assert any("Mehalaan: < 5" in label for label in labels["label"])


def test_simulated_values_are_marked_in_the_notes_and_gauges(sources):
    src = sources["id", "normal"]
    ranking = isu.ranking(src, "ST-INTERVENSI", None, ("76.05",))
    assert ranking.notes[0] == src.t("jenis.simulasi")
    official = isu.ranking(src, "ST-PREV", None, ())
    assert src.t("jenis.simulasi") not in official.notes


def test_mamuju_december_2023_inflation_is_below_the_band_with_its_basis(sources):
    shown = isu.ranking(sources["id", "normal"], "INF-YOY", date(2023, 12, 31), ("76.02",)).shown.to_string()
    assert "Di bawah sasaran" in shown and "Sesuai jalur" not in shown
    assert "Sasaran nasional 2,0–4,0% (2023) · PMK 101/PMK.010/2021" in shown
    assert isu.band(isu.frames(sources["id", "normal"], "INF-YOY", date(2023, 12, 31), ()).kabupaten) == (2.0, 4.0)


def test_actions_of_an_isu_include_province_wide_ones(sources):
    src = sources["id", "normal"]
    table = actions.action_table(src, isu="INF", wilayah=("76.02",), with_province=True)
    assert table is not None and set(table["Isu"]) == {src.t("isu.INF")}
    public = actions.action_table(sources["id", "public"], isu="INF", wilayah=("76.02",), with_province=True)
    assert all(url.count("/") <= 2 for url in public["URL"].dropna() if url != "–")  # only the site in public
    assert len(actions.trend_actions(src, "INF", ("76", "76.02"))) == len(table)


def test_ranking_is_worst_first_with_a_chip_colour_per_row(sources):
    from lib.judge import status
    src = sources["id", "normal"]
    ranking = isu.ranking(src, "ST-PREV", None, ())
    assert len(ranking.fills) == len(ranking.shown)
    kabupaten = ranking.shown[ranking.shown["Wilayah"] != "Sulawesi Barat"]
    assert ranking.shown["Wilayah"].iloc[0] == "Sulawesi Barat"  # the province pinned on top
    words = kabupaten["Status"].tolist()
    judged = [i for i, w in enumerate(words) if w.startswith("Tercapai")]
    missed = [i for i, w in enumerate(words) if w.startswith("Tidak tercapai")]
    assert not judged or not missed or max(missed) < min(judged)
    assert set(ranking.fills) <= {*status.STATUS_COLORS.values(), status.NO_TARGET_COLOR,
                                  *(status.muted_color(c) for c in status.STATUS_COLORS.values())}


def test_trend_draws_every_kabupaten_and_emphasises_the_province_and_the_chosen_one(sources):
    src = sources["id", "normal"]
    spec = isu_trend.trend(src, "ST", "ST-PREV", None, ("76.04",)).chart.to_dict()
    assert spec["height"] >= 300
    drawn = [rows for name, rows in spec["datasets"].items() if rows and "_w" in rows[0]]
    loud = {r["wilayah_nama"] for rows in drawn for r in rows if r["_w"] == values.LOUD["_w"]}
    everyone = {r["wilayah_nama"] for rows in drawn for r in rows}
    assert loud == {"Sulawesi Barat", "Polewali Mandar"} and len(everyone) > len(loud)
