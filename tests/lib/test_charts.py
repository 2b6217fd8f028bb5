"""Behaviour of lib.charts.values, asserted on the Vega-Lite spec (chart.to_dict()): theme, locale, marks, labels."""
import json
import math
import re

import altair as alt
import pandas as pd
import pytest

from lib.charts import gauges, theme
from lib.charts import values as c
from lib.judge import status as s

SIM_ID = "Data simulasi — bukan angka resmi"


def trend_values(jenis=("resmi", "resmi", "simulasi")) -> pd.DataFrame:
    return pd.DataFrame({
        "wilayah_nama": ["Mamuju"] * 3,
        "tanggal": pd.to_datetime(["2021-12-31", "2022-12-31", "2023-08-31"]),
        "periode_label": ["2021", "2022", "Agustus 2023"],
        "nilai": [40.1, 35.0, 30.3],
        "jenis": list(jenis),
        "sumber": ["SSGI 2021", "SSGI 2022", "Simulasi"],
    })


def targets(upper=None) -> pd.DataFrame:
    return pd.DataFrame({"tanggal_mulai": pd.to_datetime(["2024-01-01"]),
                         "tanggal_akhir": pd.to_datetime(["2024-12-31"]),
                         "nilai": [14.0 if upper is None else 1.5], "nilai_atas": [upper]})


def gauge_rows() -> pd.DataFrame:
    return pd.DataFrame({"label": ["Stunting", "Inflasi"], "achievement_pct": [22.4, None],
                         "status": [s.TIDAK_TERCAPAI, None], "value_text": ["30,3%", None],
                         "target_text": ["14%", None]})


def ranking() -> pd.DataFrame:
    return pd.DataFrame({"kab": ["Mamuju", "Majene", "Mamasa", "Pasangkayu"], "nilai": [36.5, 29.9, None, 1234.5],
                         "status": [s.TIDAK_TERCAPAI, s.TERCAPAI, None, s.DI_ATAS_SASARAN]})


def matrix() -> pd.DataFrame:
    return pd.DataFrame({"wilayah_nama": ["Mamuju", "Mamuju", "Majene", "Majene"],
                         "isu_nama": ["Stunting", "Inflasi", "Stunting", "Inflasi"],
                         "status": [s.TERCAPAI, None, s.TIDAK_TERCAPAI, s.BELUM_ADA_TARGET_ANTARA],
                         "value_text": ["30,3%", None, "40,6%", ""]})


def layers(spec: dict) -> list:
    return spec["layer"]


def rows(spec: dict, layer: dict) -> list:
    """The data rows a layer draws (Altair hoists data shared by all layers to the top level)."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def marks(spec: dict, kind: str) -> list:
    return [lay for lay in layers(spec) if lay["mark"]["type"] == kind]


def texts(spec: dict) -> str:
    return json.dumps(spec.get("datasets", {}), ensure_ascii=False)


# --- theme and locale ------------------------------------------------------------------------------

def test_theme_is_registered_and_enabled_on_import():
    assert theme.THEME_NAME == "monitor41"
    assert "monitor41" in alt.theme.names()
    assert alt.theme.active == "monitor41"


def test_theme_puts_indonesian_locale_into_every_spec():
    locale = c.trend_chart(trend_values(), unit_label="%").to_dict()["config"]["locale"]
    assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == "."
    assert locale["number"]["currency"] == ["Rp", ""]
    assert locale["time"]["shortMonths"] == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                                             "Nov", "Des"]
    assert locale["time"]["months"][7] == "Agustus"
    assert locale["time"]["days"][:2] == ["Minggu", "Senin"] and locale["time"]["shortDays"][0] == "Min"


def test_theme_sizes_are_projector_readable_and_config_is_valid_vega_lite():
    config = theme.monitor41_theme()["config"]
    assert config["axis"]["labelFontSize"] >= 13 and config["axis"]["titleFontSize"] >= 16
    assert config["legend"]["labelFontSize"] >= 13 and config["title"]["fontSize"] >= 16
    assert config["axisX"]["grid"] is False
    alt.Config(**config).to_dict(validate=True)  # raises on a locale or key Vega-Lite does not know


def test_locale_config_en_and_localize_switch_the_chart_to_english():
    en = theme.locale_config("en")
    assert en["number"]["decimal"] == "." and en["number"]["thousands"] == ","
    assert en["time"]["shortMonths"][7] == "Aug" and en["time"]["days"][0] == "Sunday"
    chart = c.trend_chart(trend_values(), unit_label="%", lang="en")
    assert theme.localize(chart, "en").to_dict()["config"]["locale"]["number"]["decimal"] == "."
    assert chart.to_dict()["config"]["locale"]["number"]["decimal"] == ","  # localize returned a copy
    with pytest.raises(ValueError, match="Bahasa"):
        theme.locale_config("fr")


# --- trend -----------------------------------------------------------------------------------------

def test_simulated_points_are_hollow_on_dashed_segments_with_a_simulasi_legend():
    spec = c.trend_chart(trend_values(), unit_label="Prevalensi (%)").to_dict()
    points = marks(spec, "point")
    filled = [p for p in points if p["mark"]["filled"]]
    hollow = [p for p in points if not p["mark"]["filled"]]
    assert [r["jenis"] for r in rows(spec, filled[0])] == ["resmi", "resmi"]
    assert [r["jenis"] for r in rows(spec, hollow[0])] == ["simulasi"]
    assert hollow[0]["mark"]["fill"] == "white"
    (segments,) = [r for r in marks(spec, "rule") if "strokeDash" in r["encoding"]]
    dash = segments["encoding"]["strokeDash"]
    assert dash["scale"]["domain"] == ["Resmi", SIM_ID] and dash["scale"]["range"] == [c.SOLID, c.SIM_DASH]
    assert dash["legend"]["title"] == "Jenis data"
    # The segment leading into the simulated point is dashed, the official one before it is not.
    assert [r["jenis_label"] for r in rows(spec, segments)] == ["Resmi", SIM_ID]


def test_official_only_trend_has_no_hollow_points_nor_simulasi_label():
    spec = c.trend_chart(trend_values(("resmi",) * 3), unit_label="%").to_dict()
    assert all(p["mark"]["filled"] for p in marks(spec, "point"))
    assert "simulasi" not in json.dumps(spec["layer"]).lower()


def test_jenis_is_normalised_and_unknown_jenis_is_refused():
    spec = c.trend_chart(trend_values(("resmi", "resmi", " Simulasi ")), unit_label="%").to_dict()
    assert any(not p["mark"]["filled"] for p in marks(spec, "point"))
    with pytest.raises(c.ChartInputError, match="estimasi.*resmi, simulasi"):
        c.trend_chart(trend_values(("resmi", "estimasi", "resmi")), unit_label="%")


def test_trend_tooltip_and_time_axis_use_locale_formats():
    spec = c.trend_chart(trend_values(), unit_label="Prevalensi (%)").to_dict()
    point = marks(spec, "point")[0]["encoding"]
    tips = {t["field"]: t for t in point["tooltip"]}
    assert tips["nilai"]["format"] == ",.1f" and tips["nilai"]["title"] == "Prevalensi (%)"
    assert set(tips) == {"wilayah_nama", "periode_label", "nilai", "jenis_label", "sumber"}
    assert point["x"]["axis"]["format"] == "%b %Y"
    assert {"year": 2023, "month": 8, "date": 31} in point["x"]["axis"]["values"]  # tick on the period end


def test_long_series_ticks_are_thinned_but_keep_the_latest_period():
    values = pd.concat([trend_values()] * 8, ignore_index=True)
    values["tanggal"] = pd.date_range("2022-01-31", periods=len(values), freq="ME")
    ticks = marks(c.trend_chart(values, unit_label="%").to_dict(), "point")[0]["encoding"]["x"]["axis"]["values"]
    assert len(ticks) <= 10 and ticks[-1] == {"year": 2023, "month": 12, "date": 31}


def test_band_target_is_a_shaded_rect_with_y_and_y2():
    spec = c.trend_chart(trend_values(), targets(upper=3.5), unit_label="Inflasi (%)").to_dict()
    (band,) = marks(spec, "rect")
    enc = band["encoding"]
    assert enc["y"]["field"] == "nilai" and enc["y2"]["field"] == "nilai_atas"
    assert enc["x"]["field"] == "tanggal_mulai" and enc["x2"]["field"] == "tanggal_akhir"
    assert rows(spec, band)[0]["nilai_atas"] == 3.5
    assert "Rentang target" in texts(spec)


def test_single_target_is_a_dashed_rule_over_its_period():
    spec = c.trend_chart(trend_values(), targets(), unit_label="%").to_dict()
    assert not marks(spec, "rect")
    (rule,) = [r for r in marks(spec, "rule") if r["mark"].get("strokeDash") == c.TARGET_DASH]
    assert rule["encoding"]["x2"]["field"] == "tanggal_akhir" and "y2" not in rule["encoding"]


def test_missing_column_error_names_the_column():
    with pytest.raises(c.ChartInputError, match="kolom sumber tidak ada"):
        c.trend_chart(trend_values().drop(columns="sumber"), unit_label="%")


def test_chart_caption_texts():
    assert c.chart_caption(["BPS", "BPS", None, "SSGI"], "Agustus 2023", True) == (
        "Sumber: BPS; SSGI; per Agustus 2023. Titik berongga = data simulasi, bukan angka resmi.")
    assert c.chart_caption("BPS", "Agustus 2023", False) == "Sumber: BPS; per Agustus 2023."
    assert c.chart_caption([], "Agustus 2023") == "Per Agustus 2023."
    assert c.chart_caption(["BPS"], "August 2023", True, lang="en") == (
        "Source: BPS; as of August 2023. Hollow points = simulated data, not official figures.")


# --- gauge -----------------------------------------------------------------------------------------

def test_gauge_without_achievement_is_grey_and_says_tidak_ada_data():
    spec = gauges.gauge(None, s.TERCAPAI, label="Inflasi", value_text=None, target_text=None).to_dict()
    (arc,) = marks(spec, "arc")
    assert arc["mark"]["color"] == s.STATUS_COLORS[s.TIDAK_ADA_DATA]
    assert rows(spec, arc)[0]["status_text"] == "Tidak ada data"
    assert rows(spec, arc)[0]["capaian"] == "–" and rows(spec, arc)[0]["nilai"] == "–"


@pytest.mark.parametrize("pct, share", [(50, 0.5), (150, 1.0), (-20, 0.0)])
def test_gauge_arc_length_is_clipped_achievement_and_coloured_by_status(pct, share):
    spec = gauges.gauge(pct, s.DI_ATAS_SASARAN, label="Stunting", value_text="30,3%", target_text="14%").to_dict()
    track, value = marks(spec, "arc")
    assert value["mark"]["theta2"] - value["mark"]["theta"] == pytest.approx(math.pi * share)
    assert value["mark"]["color"] == s.STATUS_COLORS[s.DI_ATAS_SASARAN] and track["mark"]["color"] == theme.TRACK
    row = rows(spec, value)[0]
    assert row["status_text"] == "Di atas sasaran" and row["target_text"] == "14%"
    assert spec["title"]["text"] == "Stunting"


def test_gauge_centre_is_achievement_with_value_and_target_beside_it():
    # One gauge, one meaning: the centre is always the achievement %, the value and target sit below it.
    spec = gauges.gauge(22.4, s.TIDAK_TERCAPAI, label="", value_text="35,4%",
                   target_text="Target 18,61% (2024) · BKKBN (Perpres 72/2021)").to_dict()
    row = rows(spec, marks(spec, "arc")[0])[0]
    assert row["capaian"] == "22%"
    assert row["line"] == "35,4% · target 18,61% (2024)"
    assert row["target_text"] == "Target 18,61% (2024) · BKKBN (Perpres 72/2021)"  # basis in the tooltip


def test_gauge_of_a_lama_value_is_muted_and_says_so():
    spec = gauges.gauge(60, s.TIDAK_TERCAPAI, label="", value_text="11,7%", target_text="8,74%", muted=True).to_dict()
    value = marks(spec, "arc")[1]
    assert value["mark"]["color"] == s.muted_color(s.STATUS_COLORS[s.TIDAK_TERCAPAI])
    assert rows(spec, value)[0]["status_text"] == "Tidak tercapai · Data lama"


def test_gauge_grid_is_one_concatenated_chart_with_a_gauge_per_row():
    spec = gauges.gauge_grid(gauge_rows(), columns=2).to_dict()
    assert spec["columns"] == 2 and len(spec["concat"]) == 2
    assert [g["title"]["text"] for g in spec["concat"]] == ["Stunting", "Inflasi"]
    assert "Tidak tercapai" in texts(spec) and "Tidak ada data" in texts(spec)


def _svg(img: str) -> str:
    """The SVG inside a card gauge's <img> data URI."""
    import base64
    import re
    return base64.b64decode(re.search(r'base64,([^"]+)"', img).group(1)).decode("utf-8")


def _svg_texts(svg: str) -> list[str]:
    import html
    import re
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _svg_fills(svg: str) -> list[str]:
    import re
    return re.findall(r'<path d="[^"]+" fill="([^"]+)"', svg)


def test_card_gauge_svg_draws_the_way_from_baseline_to_target_with_the_value_not_the_pct():
    # The card gauge is an image, not a Vega chart: the ring in the status colour, a tick where the value stands
    # and the value itself; the % is said in words beside it (lib.screens.cards), never drawn as a big figure.
    img = gauges.gauge_svg(22.4, s.TIDAK_TERCAPAI, value_text="35,4%", title="Capaian 22% dari jalan menuju target")
    svg = _svg(img)
    assert _svg_texts(svg) == ["35,4%"]
    assert "22%" not in svg
    assert _svg_fills(svg) == [theme.TRACK, s.STATUS_COLORS[s.TIDAK_TERCAPAI]]
    assert svg.count("<line") == 1  # the value's tick
    assert 'title="Capaian 22% dari jalan menuju target"' in img and img.startswith('<img class="m41-gauge"')


@pytest.mark.parametrize("pct, end_x", [(50, 88.0), (100, 172.0), (150, 172.0)])
def test_card_gauge_svg_arc_ends_at_the_clipped_achievement(pct, end_x):
    svg = _svg(gauges.gauge_svg(pct, s.DI_ATAS_SASARAN, value_text="1", width=176))
    value_path = re.findall(r'<path d="M[\d.]+ [\d.]+A[\d.]+ [\d.]+ 0 0 1 ([\d.]+) ', svg)[1]
    assert float(value_path) == pytest.approx(end_x, abs=0.01)


def test_card_gauge_svg_without_data_is_grey_and_muted_when_lama():
    no_data = _svg(gauges.gauge_svg(None, s.TERCAPAI, value_text=None))
    assert _svg_fills(no_data) == [s.STATUS_COLORS[s.TIDAK_ADA_DATA]] and "<line" not in no_data
    lama = _svg(gauges.gauge_svg(60, s.TIDAK_TERCAPAI, value_text="11,7%", muted=True))
    assert _svg_fills(lama)[1] == s.muted_color(s.STATUS_COLORS[s.TIDAK_TERCAPAI])


def test_card_gauge_svg_escapes_uploaded_text():
    img = gauges.gauge_svg(50, s.TERCAPAI, value_text="<b>1</b>", title='"x" 2')
    assert "<b>" not in img and "&lt;b&gt;1&lt;/b&gt;" in _svg(img) and 'title="&quot;x&quot; 2"' in img


def test_gauge_grid_html_has_a_block_per_row_saying_status_and_progress_in_words():
    rows = gauge_rows().assign(label=["<b>Majene</b> (2022)", "Inflasi"], muted=[True, False])
    grid = gauges.gauge_grid_html(rows)
    assert grid.startswith('<div class="m41-gauges">') and grid.count('class="m41-gaugecell"') == 2
    assert "Tidak tercapai · Data lama: capaian 22% dari jalan menuju target" in grid
    assert "&lt;b&gt;Majene&lt;/b&gt;" in grid and "<b>Majene" not in grid
    assert "Target 14%" not in grid and ">14%<" in grid  # the target line as given
    english = gauges.gauge_grid_html(rows, lang="en")
    assert "Not met · Old data: 22% of the way to the target" in english


@pytest.mark.parametrize("pct, words", [(22.4, "Capaian 22% dari jalan menuju target"),
                                        (130, "Capaian 100%: target tercapai"),
                                        (-10, "Capaian 0%: nilai bergerak menjauh dari target sejak nilai awal")])
def test_progress_words_say_what_the_percentage_is(pct, words):
    assert gauges.progress_words(pct) == words


# --- ranking ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("arah, order", [("turun", ["Majene", "Mamuju", "Pasangkayu", "Mamasa"]),
                                         ("naik", ["Pasangkayu", "Mamuju", "Majene", "Mamasa"])])
def test_ranking_is_sorted_best_first_with_missing_values_last(arah, order):
    spec = c.ranking_chart(ranking(), value_column="nilai", label_column="kab", unit_label="%", arah=arah).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == order


def test_ranking_rentang_sorts_by_distance_to_band_and_draws_it():
    df = pd.DataFrame({"kab": ["A", "B", "C"], "nilai": [5.0, 2.0, 1.0]})
    spec = c.ranking_chart(df, value_column="nilai", label_column="kab", unit_label="%", arah="rentang",
                           target=1.5, target_upper=3.5).to_dict()
    assert spec["layer"][1]["encoding"]["y"]["sort"] == ["B", "C", "A"]
    assert spec["layer"][0]["mark"]["type"] == "rect"


def test_ranking_labels_are_indonesian_and_bars_coloured_by_status():
    spec = c.ranking_chart(ranking(), value_column="nilai", label_column="kab", unit_label="%",
                           status_column="status", target=30).to_dict()
    bar = marks(spec, "bar")[0]
    labels = {r["kab"]: r["_teks"] for r in rows(spec, bar)}
    assert labels == {"Mamuju": "36,5", "Majene": "29,9", "Mamasa": "–", "Pasangkayu": "1.234,5"}
    scale = bar["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"]))["Tercapai"] == s.STATUS_COLORS[s.TERCAPAI]
    (rule,) = marks(spec, "rule")
    assert rule["encoding"]["x"]["field"] == "t" and "x2" not in rule["encoding"]  # full-height target line
    assert layers(spec).index(rule) > layers(spec).index(bar)  # drawn over the bars, visible across them


def test_ranking_refuses_unknown_arah_and_status():
    with pytest.raises(c.ChartInputError, match="arah"):
        c.ranking_chart(ranking(), value_column="nilai", label_column="kab", unit_label="%", arah="atas")
    bad = ranking().assign(status=["hijau", None, None, None])
    with pytest.raises(c.ChartInputError, match="hijau"):
        c.ranking_chart(bad, value_column="nilai", label_column="kab", unit_label="%", status_column="status")


# --- sparkline and status matrix --------------------------------------------------------------------

def test_sparkline_has_no_axes_and_hollow_simulated_points():
    spec = c.sparkline(trend_values()).to_dict()
    assert all(lay["encoding"]["x"]["axis"] is None for lay in layers(spec))
    assert [p["mark"]["filled"] for p in marks(spec, "point")] == [True, False]
    assert spec["width"] <= 200


def test_status_matrix_colours_cells_by_status_and_writes_value_with_status_in_tooltip():
    spec = gauges.status_matrix(matrix()).to_dict()
    rect, text = layers(spec)
    fills = {(r["wilayah_nama"], r["isu_nama"]): r["fill"] for r in rows(spec, rect)}
    assert fills[("Mamuju", "Inflasi")] == s.STATUS_COLORS[s.TIDAK_ADA_DATA]
    assert fills[("Majene", "Stunting")] == s.STATUS_COLORS[s.TIDAK_TERCAPAI]
    cells = {(r["wilayah_nama"], r["isu_nama"]): (r["_teks"], r["_ink"], r["keterangan"]) for r in rows(spec, text)}
    assert cells[("Mamuju", "Stunting")][0::2] == ("30,3%", "Tercapai")
    assert cells[("Mamuju", "Inflasi")][0::2] == ("–", "Tidak ada data")
    assert cells[("Majene", "Inflasi")][2] == "Belum ada target antara"
    assert cells[("Majene", "Stunting")][1] == "white"
    assert cells[("Mamuju", "Inflasi")][1] == gauges.ink_on(s.status_color(None))  # dark "no data" grey: white ink
    assert rect["encoding"]["y"]["sort"] == ["Mamuju", "Majene"]  # caller's order, not alphabetical


# --- empty frames, immutability, language -------------------------------------------------------------

BUILDERS = {
    "trend": lambda df, lang: c.trend_chart(df, unit_label="%", lang=lang),
    "gauge_grid": lambda df, lang: gauges.gauge_grid(df, lang=lang),
    "ranking": lambda df, lang: c.ranking_chart(df, value_column="nilai", label_column="kab", unit_label="%",
                                                lang=lang),
    "sparkline": lambda df, lang: c.sparkline(df, lang=lang),
    "status_matrix": lambda df, lang: gauges.status_matrix(df, lang=lang),
}
FRAMES = {"trend": trend_values, "gauge_grid": gauge_rows, "ranking": ranking, "sparkline": trend_values,
          "status_matrix": matrix}


def as_text_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with ISO date strings, as a CSV or a careless query would give them."""
    return frame.assign(**{col: frame[col].dt.strftime("%Y-%m-%d") for col in frame.select_dtypes("datetime")})


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("lang, message", [("id", "Tidak ada data untuk pilihan ini"),
                                           ("en", "No data for this selection")])
def test_empty_frames_show_the_empty_state(name, lang, message):
    for frame in (FRAMES[name]().iloc[:0], None):
        assert message in texts(BUILDERS[name](frame, lang).to_dict())


def test_frames_without_any_value_show_the_empty_state():
    assert "Tidak ada data untuk pilihan ini" in texts(c.trend_chart(trend_values().assign(nilai=None),
                                                                     unit_label="%").to_dict())
    no_values = BUILDERS["ranking"](ranking().assign(nilai=None), "id")
    assert "Tidak ada data untuk pilihan ini" in texts(no_values.to_dict())


@pytest.mark.parametrize("name", BUILDERS)
def test_builders_do_not_mutate_their_input(name):
    frame = as_text_dates(FRAMES[name]())  # a builder that parsed dates in place would change these
    before = frame.copy(deep=True)
    BUILDERS[name](frame, "id").to_dict()
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize("goal", [targets(upper=3.5), targets().drop(columns="nilai_atas")], ids=["band", "no_upper"])
def test_trend_targets_are_not_mutated(goal):
    goal = as_text_dates(goal)
    before = goal.copy(deep=True)
    spec = c.trend_chart(trend_values(), goal, unit_label="%").to_dict()
    pd.testing.assert_frame_equal(goal, before)
    assert marks(spec, "rect" if "nilai_atas" in goal.columns else "text")


def test_en_switch_changes_labels():
    spec = c.trend_chart(trend_values(), targets(upper=3.5), unit_label="%", lang="en").to_dict()
    (segments,) = [r for r in marks(spec, "rule") if "strokeDash" in r["encoding"]]
    assert segments["encoding"]["strokeDash"]["scale"]["domain"] == [
        "Official", "Simulated data — not an official figure"]
    assert segments["encoding"]["strokeDash"]["legend"]["title"] == "Data type"
    assert segments["encoding"]["color"]["title"] == "Area"
    assert "Target band" in texts(spec) and "Rentang target" not in texts(spec)
    gauge = gauges.gauge(None, None, label="Inflation", value_text=None, target_text=None, lang="en").to_dict()
    assert "No data" in texts(gauge)
    ranked = c.ranking_chart(ranking(), value_column="nilai", label_column="kab", unit_label="%", lang="en").to_dict()
    assert "1,234.5" in texts(ranked)


# --- trend for OPD heads: height, fixed colours, emphasis, labels that never overlap ------------------
def province_and_kabupaten(codes=("76", "76.01", "76.02", "76.04")) -> pd.DataFrame:
    names = {"76": "Sulawesi Barat", "76.01": "Pasangkayu", "76.02": "Mamuju", "76.04": "Polewali Mandar"}
    frames = [trend_values(("resmi",) * 3).assign(wilayah=code, wilayah_nama=names[code],
                                                  nilai=[40.0 + i * 0.2, 35.0 + i * 0.2, 30.0 + i * 0.2])
              for i, code in enumerate(codes)]
    return pd.concat(frames, ignore_index=True)


def colour_of(spec: dict) -> dict:
    """wilayah name -> colour, as the chart's colour scale maps them."""
    encoding = next(lay["encoding"]["color"] for lay in marks(spec, "rule")
                    if "field" in lay["encoding"].get("color", {}))
    return dict(zip(encoding["scale"]["domain"], encoding["scale"]["range"]))


def test_trend_is_at_least_300_px_tall_with_legends_on_top_of_it():
    spec = c.trend_chart(province_and_kabupaten(), unit_label="%", height=150).to_dict()
    assert spec["height"] >= 300
    assert spec["autosize"]["type"] == "fit-x"  # the plot keeps its height; legends and axes come on top


def test_each_kabupaten_keeps_its_colour_whatever_else_is_drawn():
    every = colour_of(c.trend_chart(province_and_kabupaten(), unit_label="%").to_dict())
    fewer = colour_of(c.trend_chart(province_and_kabupaten(("76.04", "76")), unit_label="%").to_dict())
    assert fewer["Polewali Mandar"] == every["Polewali Mandar"] == theme.WILAYAH_COLORS["76.04"]
    assert every["Sulawesi Barat"] == theme.WILAYAH_COLORS["76"]
    assert len(set(theme.WILAYAH_COLORS.values())) == len(theme.WILAYAH_COLORS)


def test_province_and_chosen_kabupaten_are_emphasised_and_named_the_rest_quiet():
    spec = c.trend_chart(province_and_kabupaten(), unit_label="%", emphasis=("76", "76.04")).to_dict()
    line = next(lay for lay in marks(spec, "rule") if "x2" in lay["encoding"] and "strokeWidth" in lay["encoding"])
    width = {r["wilayah_nama"]: r["_w"] for r in rows(spec, line)}
    opacity = {r["wilayah_nama"]: r["_o"] for r in rows(spec, line)}
    assert width["Polewali Mandar"] == width["Sulawesi Barat"] > width["Mamuju"] == width["Pasangkayu"]
    assert opacity["Mamuju"] < 0.5 <= opacity["Polewali Mandar"]
    labels = next(lay for lay in marks(spec, "text") if lay["encoding"].get("text", {}).get("field") == "wilayah_nama")
    assert {r["wilayah_nama"] for r in rows(spec, labels)} == {"Sulawesi Barat", "Polewali Mandar"}


def test_end_labels_are_moved_apart_and_left_to_the_legend_when_crowded():
    # Four lines ending 0,2 apart on a 10-point axis: one label line (16 px of 320) is 0,5 apart.
    spec = c.trend_chart(province_and_kabupaten(), unit_label="%", emphasis=("76", "76.01", "76.02")).to_dict()
    labels = next(lay for lay in marks(spec, "text") if lay["encoding"].get("text", {}).get("field") == "wilayah_nama")
    ys = sorted(r["label_y"] for r in rows(spec, labels))
    gap = (40.6 - 30.0) * c.END_LABEL_GAP_PX / 320
    assert all(b - a >= gap - 1e-9 for a, b in zip(ys, ys[1:]))
    crowded = c.trend_chart(province_and_kabupaten(("76", "76.01", "76.02", "76.04", "76.05")[:4]).pipe(
        lambda d: pd.concat([d, d.assign(wilayah="76.05", wilayah_nama="Majene")])), unit_label="%").to_dict()
    assert not [lay for lay in marks(crowded, "text") if lay["encoding"].get("text", {}).get("field") == "wilayah_nama"]


def test_end_labels_have_a_right_margin_in_pixels_as_wide_as_their_longest_name():
    # A margin in time units was a few pixels short on a phone: "Sulawesi Barat" ran past the chart's edge.
    spec = c.trend_chart(province_and_kabupaten(), unit_label="%", emphasis=("76", "76.04")).to_dict()
    labels = next(lay for lay in marks(spec, "text") if lay["encoding"].get("text", {}).get("field") == "wilayah_nama")
    reserved = int(re.search(r"width - (\d+)", labels["encoding"]["x"]["scale"]["range"][1]["expr"]).group(1))
    longest = len("Polewali Mandar")
    assert labels["mark"]["limit"] >= longest * 6.5  # the name fits whole in Source Sans or a wider fallback
    assert reserved >= labels["mark"]["dx"] + labels["mark"]["limit"]  # and the text can never be wider


def test_dodge_keeps_order_and_distance_within_bounds():
    placed = c.dodge([5.0, 5.1, 9.0, 5.05], gap=1.0, low=0.0, high=10.0)
    ordered = sorted(placed)
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(ordered, ordered[1:]))
    assert max(placed) <= 10.0 and placed[2] == max(placed)
    assert c.dodge([9.9, 10.0], gap=1.0, high=10.0) == [9.0, 10.0]


def test_breaks_on_one_date_share_one_label():
    values = province_and_kabupaten()
    breaks = pd.DataFrame({"wilayah_nama": ["Sulawesi Barat", "Mamuju", "Pasangkayu"],
                           "tanggal": pd.to_datetime(["2022-06-30"] * 3), "keterangan": ["a", "b", "c"]})
    spec = c.trend_chart(values, unit_label="%", breaks=breaks).to_dict()
    label = next(lay for lay in marks(spec, "text") if lay["encoding"].get("text", {}).get("field") == "label"
                 and "Putus" in texts({"datasets": {"x": rows(spec, lay)}}))
    assert [r["label"] for r in rows(spec, label)] == ["Putus seri · 3 wilayah"]
