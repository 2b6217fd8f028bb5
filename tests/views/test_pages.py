"""AppTest: pages show what they should (Indonesian numbers, simulasi labels, URL-restored filters, the
fallback tile map). That every page runs for every OPD and kabupaten is test_every_page's job."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from map_fixture import GEO
from streamlit.testing.v1 import AppTest
from views.apptest import open_page

from lib.users import accounts

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app_env(shared_record, monkeypatch):
    """The process's shared demo record (tests/views/conftest.py): these tests only read it."""
    monkeypatch.setenv("MONITOR41_DB", str(shared_record))


def map_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the page's maps (lib.maps.vega): the charts that draw geoshapes."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    return [spec for spec in specs if '"geoshape"' in json.dumps(spec.get("layer", []))]


def texts(at: AppTest) -> str:
    """Every piece of text the page shows (markdown, captions, html, metrics, alerts, titles)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")) + " " + str(getattr(element, "label", "")))
    parts += [str(e.proto.body) for e in at.get("html")]
    return "\n".join(parts)


def stunting_indicator(kabupaten: str, indikator: str) -> AppTest:
    """The stunting page for one kabupaten with another indicator chosen, opened from a shared link that names
    it (one run; choosing it in the picker is done by test_upload_flow and test_stored_text)."""
    at = open_page("views/stunting.py", {"kab": kabupaten, "indikator": indikator})
    assert at.selectbox(key="isu_ST_indikator").value == indikator
    return at


def frames(at: AppTest) -> str:
    """Every dataframe shown, as text."""
    return "\n".join(df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("opd", ["BAPPERIDA", "SATPOLPP"])
def test_opd_that_coordinates_no_isu_shows_its_wilayah(app_env, opd):
    # 17 of the 22 OPDs coordinate no isu; they answer for kecamatan (see test_every_page for all of them).
    at = open_page("views/opd.py", {"opd": opd})
    assert not at.exception and not at.error
    assert at.session_state["opd_pilih"] == opd
    assert "Yang perlu ditindaklanjuti" in texts(at) and "Koordinator isu" not in texts(at)
    wilayah = next(df.value for df in at.dataframe if "Tingkat" in df.value.columns)  # after its to-do list
    assert (wilayah["Tingkat"] == "Kecamatan").all() and len(wilayah) >= 1
    assert "Angka kecamatan yang diampu" in texts(at)


def test_opd_with_nothing_assigned_shows_one_plain_sentence(app_env):
    at = open_page("views/opd.py", {"opd": "DKP"})
    assert not at.exception and not at.error and not at.info and not at.warning  # no boxes that contradict
    assert len(at.markdown) >= 1 and "belum ditugasi dalam Satgas 4+1" in at.markdown[0].value
    assert not at.dataframe and not at.subheader


def test_opd_todo_link_opens_the_isu_page_on_the_cell(app_env):
    at = open_page("views/opd.py", {"opd": "DINKES"})
    assert "Yang perlu ditindaklanjuti" in texts(at) and "jatuh tempo" in texts(at)
    link = next(b for b in at.button if b.label.startswith("Buka Stunting"))
    link.click().run()
    assert not at.exception
    assert at.session_state["app_kab"] == []  # a province cell: the isu page for every kabupaten
    assert at.title[0].value == "Stunting" and at.session_state["isu_ST_indikator"] == "ST-PREV"


def test_stunting_page_with_majene_shows_ssgi_2022_the_indonesian_way(app_env):
    at = open_page("views/stunting.py", {"kab": "76.05"})
    shown = frames(at)
    assert "Majene" in shown and "40,6%" in shown
    assert "40.6" not in shown
    assert "Pasangkayu" not in shown  # the filter narrows the ranking to Majene (and the province)


def test_query_parameters_restore_the_filters(app_env):
    at = open_page("views/ringkasan.py", {"kab": "76.05,76.02", "opd": "DINKES", "tahun": "2023", "lang": "en"})
    assert at.session_state["app_kab"] == ["76.05", "76.02"]
    assert at.session_state["app_opd"] == "DINKES"
    assert at.session_state["app_tahun"] == 2023
    assert at.title[0].value == "Satgas 4+1 overview"
    assert at.query_params["kab"] == "76.05,76.02"


def test_invalid_query_parameters_are_ignored_not_fatal(app_env):
    at = open_page("views/ringkasan.py", {"kab": "76.07,7601", "tahun": "abc", "lang": "fr"})
    assert not at.exception
    assert at.session_state["app_kab"] == []
    assert at.session_state["app_tahun"] is None


def test_year_filter_hides_later_values(app_env):
    at = open_page("views/inflasi.py", {"tahun": "2023"})
    periods = [p for p in at.dataframe[0].value["Periode"] if p != "–"]
    assert periods and all(p.endswith("2023") for p in periods)  # e.g. "Desember 2023" for Mamuju


def test_fallback_tile_map_when_no_boundary_file(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("MONITOR41_GEO_DIR", str(tmp_path))
    at = open_page("views/stunting.py")
    assert not at.exception
    assert len(map_specs(at)) == 1
    assert "Peta skematis" in texts(at)
    assert "make geo" in texts(at)


def _as(role: str | None, page: str, monkeypatch, tmp_path) -> AppTest:
    """Open a page as a visitor (role None) or as a signed-in user of that role."""
    if role is None:
        return open_page(page)
    users_file = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_USERS", str(users_file))
    user = accounts.add_user(f"pengelola-{role}", "kopi-mandar-2023", role, path=users_file)
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["auth_user"] = user
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_broken_boundary_file_is_explained_to_admins_only(app_env, monkeypatch, tmp_path):
    # Visitors keep the neutral schematic note; a signed-in admin reads why the real map is not drawn.
    (tmp_path / "sulbar_kabupaten.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    monkeypatch.setenv("MONITOR41_GEO_DIR", str(tmp_path))
    visitor = _as(None, "views/ringkasan.py", monkeypatch, tmp_path)
    assert not visitor.error and "Peta skematis" in texts(visitor)
    assert "sulbar_kabupaten.geojson" not in texts(visitor)
    admin = _as("admin", "views/ringkasan.py", monkeypatch, tmp_path)
    assert "Peta skematis" in texts(admin)
    assert any("Untuk admin" in c.value and "sulbar_kabupaten.geojson" in c.value for c in admin.caption)


def test_missing_database_says_how_to_build(monkeypatch, tmp_path):
    monkeypatch.setenv("MONITOR41_DB", str(tmp_path / "belum-ada.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m lib.db build" in at.error[0].value


def test_real_boundaries_carry_their_attribution(app_env):
    at = open_page("views/stunting.py")
    assert "cahyadsn/wilayah_boundaries" in texts(at)


def test_simulated_values_are_labelled(app_env):
    at = stunting_indicator("76.05", "ST-INTERVENSI")
    assert not at.exception
    assert "Data simulasi — bukan angka resmi" in texts(at)
    assert "Simulasi" in frames(at)


def test_official_only_indicator_has_no_simulasi_warning(app_env):
    at = open_page("views/stunting.py")
    assert at.selectbox(key="isu_ST_indikator").value == "ST-PREV"
    assert "Data simulasi — bukan angka resmi" not in texts(at)


def test_language_switch_changes_labels(app_env):
    at = open_page("views/stunting.py", {"lang": "en"})
    assert "Coordinating agency" in texts(at)
    assert "40.6%" in frames(at)


def test_presentation_advances_and_goes_back(app_env):
    at = open_page("views/presentasi.py")
    assert "1/9" in texts(at)
    at.button(key="presentasi_next").click().run()
    assert "2/9" in texts(at) and "Kemiskinan ekstrem" in texts(at)
    at.button(key="presentasi_prev").click().run()
    at.button(key="presentasi_prev").click().run()
    assert "9/9" in texts(at) and "Terima kasih" in texts(at)


def test_presentation_closing_and_isu_slides_match_the_powerpoint(app_env):
    at = open_page("views/presentasi.py")
    at.button(key="presentasi_next").click().run()
    at.button(key="presentasi_next").click().run()  # Stunting: the kabupaten values are lama today (2022/2023),
    assert "Dinas Koperindag dan UKM" not in texts(at)  # so no current red cell names its owners (issue 18)
    at.button(key="presentasi_prev").click().run()
    at.button(key="presentasi_prev").click().run()
    at.button(key="presentasi_prev").click().run()  # closing: since the last apel, as in the .pptx
    assert "9/9" in texts(at) and "Sejak apel 24 Juli 2023 pukul 08.00" in texts(at)


def test_presentation_shows_no_kecamatan_figures(app_env):
    at = open_page("views/presentasi.py")
    for _ in range(8):
        assert "Kecamatan" not in texts(at)
        at.button(key="presentasi_next").click().run()


def test_ringkasan_cards_follow_a_single_kabupaten(app_env):
    province = texts(open_page("views/ringkasan.py"))
    majene = texts(open_page("views/ringkasan.py", {"kab": "76.05"}))
    assert "35,4%" in province  # SSGI 2024, province
    assert "40,6%" in majene and "Kabupaten Majene" in majene


def test_public_mode_hides_small_kecamatan_counts_and_names(demo_db, monkeypatch, tmp_path):
    # A public deployment opens its own file read-only; a process never holds one file both ways.
    shutil.copyfile(demo_db, tmp_path / "publik.duckdb")
    monkeypatch.setenv("MONITOR41_DB", str(tmp_path / "publik.duckdb"))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = stunting_indicator("76.03", "ST-KELUAR")
    ranking = at.dataframe[0].value.set_index("Wilayah")
    assert ranking.loc["Mehalaan", "Nilai"] == "< 5"  # 76.03.17: 4 children in June 2024
    assert (ranking["Nilai"] != "< 5").sum() >= 2  # the kabupaten total and larger kecamatan stay visible


def test_private_mode_shows_the_small_count(app_env):
    at = stunting_indicator("76.03", "ST-KELUAR")
    assert at.dataframe[0].value.set_index("Wilayah").loc["Mehalaan", "Nilai"] == "4 anak"


def test_presentation_is_public_even_in_a_private_deployment(app_env):
    at = open_page("views/presentasi.py")
    at.button(key="presentasi_next").click().run()  # Kemiskinan ekstrem: source quoted an official
    shown = texts(at)
    assert "Sumber: Radar Sulbar News" in shown
    assert "(kutipan" not in shown


def _geo_with(tmp_path: Path, level: str, swap: dict[str, str]) -> Path:
    """A geo folder of the committed files with the polygons of swap's codes exchanged in one level (codes and
    names stay with the moved polygons: Majene drawn under Pasangkayu's code and name)."""
    folder = tmp_path / "geo"
    shutil.copytree(GEO, folder)
    data = json.loads((GEO / f"sulbar_{level}.geojson").read_text(encoding="utf-8"))
    shapes = {f["properties"]["kode"]: f["geometry"] for f in data["features"]}
    for feature in data["features"]:
        feature["geometry"] = shapes[swap.get(feature["properties"]["kode"], feature["properties"]["kode"])]
    (folder / f"sulbar_{level}.geojson").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_swapped_kabupaten_polygons_give_the_tile_map_and_the_reason_to_admins(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("MONITOR41_GEO_DIR", str(_geo_with(tmp_path, "kabupaten", {"76.01": "76.05", "76.05": "76.01"})))
    visitor = _as(None, "views/ringkasan.py", monkeypatch, tmp_path)
    assert not visitor.error and "Peta skematis" in texts(visitor) and "Pasangkayu (76.01)" not in texts(visitor)
    admin = _as("admin", "views/ringkasan.py", monkeypatch, tmp_path)
    assert "Peta skematis" in texts(admin)
    assert any(re.search(r"Untuk admin.*kabupaten Pasangkayu \(76\.01\) tergambar \d+ km", c.value)
               for c in admin.caption)
    viewer = _as("viewer", "views/ringkasan.py", monkeypatch, tmp_path)
    assert "Untuk admin" not in texts(viewer)


def test_swapped_kecamatan_polygons_give_no_kecamatan_map_and_the_reason_to_admins(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("MONITOR41_GEO_DIR", str(_geo_with(tmp_path, "kecamatan",
                                                          {"76.05.01": "76.05.02", "76.05.02": "76.05.01"})))
    page, query = "views/stunting.py", {"kab": "76.05", "indikator": "ST-PPGBM"}
    visitor = open_page(page, query)
    assert not visitor.error and "Untuk admin" not in texts(visitor) and "belum dipasang" in texts(visitor)
    users_file = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_USERS", str(users_file))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.session_state["auth_user"] = accounts.add_user("pengelola", "kopi-mandar-2023", "admin", path=users_file)
    at.switch_page(page).run()
    assert not at.exception
    assert any(re.search(r"Untuk admin.*kecamatan Banggae \(76\.05\.01\)", c.value) for c in at.caption)


def test_isu_map_is_a_vega_map_that_reports_clicks(app_env):
    """The map needs no WebGL: a Vega-Lite spec with one feature per kabupaten, whose click selection is
    sent back to the app (the click itself is tested in the browser, tests/e2e/test_browser.py)."""
    at = open_page("views/stunting.py", {"kab": "76.05"})
    (spec,) = map_specs(at)
    assert not at.get("deck_gl_json_chart")
    features = {f["properties"]["nama"]: f["properties"] for f in spec["datasets"]["wilayah"]}
    assert len(features) == 6 and features["Majene"]["kode"] == "76.05"
    assert [nama for nama, props in features.items() if props["chosen"]] == ["Majene"]
    (chart,) = [c for c in at.get("vega_lite_chart") if '"geoshape"' in c.proto.spec]
    assert list(chart.proto.selection_mode) == ["pilih"]


def test_with_a_basemap_the_map_is_drawn_by_pydeck(app_env, monkeypatch):
    monkeypatch.setenv("MONITOR41_BASEMAP", "https://tiles.example.go.id/style.json")
    at = open_page("views/stunting.py")
    assert not at.exception
    (deck,) = at.get("deck_gl_json_chart")
    assert json.loads(deck.proto.json)["mapStyle"] == "https://tiles.example.go.id/style.json"
    assert not map_specs(at)
