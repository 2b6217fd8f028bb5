"""The konvergensi counting rules (lib.judge.convergence) on small records built here, and its reads
(lib.data.convergence) on a small record built from a seed written in the test."""
from __future__ import annotations

import copy
from datetime import date

import pandas as pd
import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.data import convergence as data
from lib.db.build import build_record
from lib.db.connect import connect
from lib.judge import convergence as rules
from lib.screens import konvergensi
from lib.screens.source import Source

TODAY = date(2026, 12, 6)


def _values(isu: str, indikator: str, values: dict[str, float], satuan: str = "persen", arah: str = "turun",
            jenis: str = "resmi", periode: str = "2024") -> pd.DataFrame:
    """Kecamatan values of one indicator in one period, as lib.data.convergence.kecamatan_values gives them."""
    return pd.DataFrame({
        "isu": isu, "indikator": indikator, "nama_indikator": indikator, "satuan": satuan, "arah": arah,
        "periodisitas": "tahunan", "wilayah": list(values), "nama": list(values), "nilai": list(values.values()),
        "jenis": jenis, "periode": periode, "periode_label": periode, "periode_jenis": "tahun",
        "tanggal": pd.Timestamp(f"{periode}-12-31")})


def _kecamatan(codes) -> pd.DataFrame:
    return pd.DataFrame({"wilayah": list(codes), "nama": list(codes), "kode_induk": [c[:5] for c in codes],
                         "nama_induk": [c[:5] for c in codes]})


def _ten(start: float = 10.0, step: float = 1.0) -> dict[str, float]:
    return {f"76.0{1 + i // 5}.0{i % 5 + 1}": start + i * step for i in range(10)}


def test_worst_fifth_takes_the_highest_for_turun_and_the_lowest_for_naik():
    values = pd.Series([10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0])
    assert values[rules.worst_fifth(values, "turun")].tolist() == [90.0, 100.0]  # ceil(10 / 5) = 2 highest
    assert values[rules.worst_fifth(values, "naik")].tolist() == [10.0, 20.0]


def test_worst_fifth_keeps_every_value_tied_with_the_last_one_in():
    values = pd.Series([5.0, 7.0, 9.0, 9.0, 9.0, 1.0])  # ceil(6 / 5) = 2 worst: 9 and 9, and the third 9 too
    assert rules.worst_fifth(values, "turun").tolist() == [False, False, True, True, True, False]
    assert rules.worst_fifth(pd.Series([3.0, 3.0, 3.0, 3.0, 3.0]), "naik").all()  # all tied: all in


def test_worst_fifth_rounds_up_and_ignores_missing_values():
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, None])  # 6 values: ceil(6 / 5) = 2
    assert rules.worst_fifth(values, "turun").tolist() == [False, False, False, False, True, True, False]


def test_worst_fifth_refuses_a_direction_it_cannot_rank():
    with pytest.raises(ValueError, match="rentang"):
        rules.worst_fifth(pd.Series([1.0, 2.0]), "rentang")


def test_an_isu_with_too_few_kecamatan_is_not_in_the_denominator():
    values = pd.concat([_values("ST", "ST-PPGBM", _ten()),
                        _values("KE", "KE-P0", {"76.01.01": 30.0, "76.01.02": 5.0, "76.01.03": 4.0, "76.01.04": 3.0})])
    basis = rules.choose(values, TODAY).set_index("isu")
    assert basis.loc["ST", "keadaan"] == rules.DIPAKAI and basis.loc["ST", "jumlah_wilayah"] == 10
    assert basis.loc["KE", "keadaan"] == rules.KURANG and basis.loc["KE", "jumlah_wilayah"] == 4
    assert basis.loc["ATS", "keadaan"] == basis.loc["PA", "keadaan"] == rules.TANPA_DATA
    table = rules.hotspots(_kecamatan(_ten()), rules.flags(values, basis.reset_index())).set_index("wilayah")
    # 76.01.01 is by far the worst in KE, but KE has 4 kecamatan: the count is "k dari 1", never "dari 2" or "dari 5"
    assert table.loc["76.01.01", "jumlah_isu_data"] == 1 and table.loc["76.01.01", "jumlah_isu"] == 0
    assert table["jumlah_isu_data"].eq(1).all()
    assert table.loc["76.02.05", "isu_terburuk"] == ["ST"] and table.loc["76.02.05", "jumlah_isu"] == 1


def test_counts_are_never_ranked_a_rate_is_preferred_and_the_headline_first():
    big = {code: value * 100 for code, value in _ten().items()}
    values = pd.concat([_values("ATS", "ATS-DATA", big, satuan="anak"),
                        _values("ST", "ST-SASARAN", big, satuan="anak"),
                        _values("ST", "ST-PPGBM", _ten()),
                        _values("ST", "ST-PREV", _ten(50.0, -1.0))])
    basis = rules.choose(values, TODAY).set_index("isu")
    assert basis.loc["ATS", "keadaan"] == rules.HANYA_JUMLAH and basis.loc["ATS", "indikator"] == "ATS-DATA"
    assert basis.loc["ST", "indikator"] == "ST-PREV"  # the headline before e-PPGBM, never the count of children


def test_k_of_m_counts_only_the_isu_with_data_for_that_kecamatan():
    five = {f"76.01.0{i}": float(i) for i in range(1, 6)}
    values = pd.concat([_values("ST", "ST-PPGBM", _ten()), _values("PA", "PA-PROP", five),
                        _values("KE", "KE-P0", {**five, "76.02.05": 99.0})])
    basis = rules.choose(values, TODAY)
    table = rules.hotspots(_kecamatan(_ten()), rules.flags(values, basis)).set_index("wilayah")
    # KE has 6 values (99 and 5 are its worst two), PA 5 (5 is its worst), ST 10: 76.01.05 has all three
    assert table.loc["76.01.05", ["jumlah_isu", "jumlah_isu_data"]].tolist() == [2, 3]
    assert table.loc["76.01.05", "isu_terburuk"] == ["KE", "PA"]
    # 76.02.05 has no PA value: "2 dari 2", not "2 dari 3"
    assert table.loc["76.02.05", "isu_terburuk"] == ["KE", "ST"] and table.loc["76.02.05", "jumlah_isu_data"] == 2
    assert table.loc["76.02.01", ["jumlah_isu", "jumlah_isu_data"]].tolist() == [0, 1]
    combos = rules.combinations(table.reset_index())
    assert combos[["kombinasi", "jumlah_wilayah"]].values.tolist() == [["KE + PA", 1], ["KE + ST", 1], ["ST", 1]]


def test_simulated_values_are_flagged_in_the_basis_and_in_every_count_they_enter():
    values = pd.concat([_values("ST", "ST-PPGBM", _ten(), jenis="simulasi"), _values("KE", "KE-P0", _ten())])
    basis = rules.choose(values, TODAY).set_index("isu")
    assert basis.loc["ST", "jenis"] == rules.SIMULASI and basis.loc["KE", "jenis"] == "resmi"
    table = rules.hotspots(_kecamatan(_ten()), rules.flags(values, basis.reset_index())).set_index("wilayah")
    worst = table.loc["76.02.05"]
    assert worst["isu_terburuk"] == ["KE", "ST"] and worst["jumlah_simulasi"] == 1 and worst["isu_simulasi"] == ["ST"]
    assert rules.combinations(table.reset_index()).set_index("kombinasi").loc["KE + ST", "ada_simulasi"]


def test_inflation_is_never_counted_per_kecamatan():
    values = pd.concat([_values("INF", "INF-YOY", _ten(), arah="turun"), _values("ST", "ST-PPGBM", _ten())])
    basis = rules.choose(values, TODAY)
    assert "INF" not in set(basis["isu"])
    table = rules.hotspots(_kecamatan(_ten()), rules.flags(values, basis))
    assert table["isu_ada_data"].map(lambda isu: "INF" in isu).sum() == 0 and table["jumlah_isu_data"].max() == 1


def test_hotspots_without_an_action_come_first_then_the_most_isu():
    values = pd.concat([_values("ST", "ST-PPGBM", _ten()), _values("KE", "KE-P0", _ten())])
    values = pd.concat([values, _values("PA", "PA-PROP", {**_ten(), "76.02.04": 99.0})])
    basis = rules.choose(values, TODAY)
    table = rules.hotspots(_kecamatan(_ten()), rules.flags(values, basis))
    actions = pd.DataFrame({"kecamatan": ["76.02.05"], "isu": ["ST"]})  # the worst one has an action
    listed = rules.hotspot_list(table, actions)
    assert listed["wilayah"].tolist() == ["76.02.04", "76.02.05"]
    assert listed["jumlah_tindakan"].tolist() == [0, 1]
    assert listed["jumlah_isu"].tolist() == [3, 3]
    no_action = rules.hotspot_list(table, actions.iloc[0:0])
    assert no_action["wilayah"].tolist() == ["76.02.04", "76.02.05"] or \
        no_action["wilayah"].tolist() == ["76.02.05", "76.02.04"]


def test_the_data_age_counts_from_the_end_of_the_measured_period():
    basis = rules.choose(_values("ST", "ST-PPGBM", _ten(), periode="2022"), TODAY).set_index("isu")
    assert basis.loc["ST", "usia_tahun"] == 4 and bool(basis.loc["ST", "lama"])


# The reads, on a small record: seven kecamatan in two kabupaten, an older and a newer period, one action in a desa.
KECAMATAN = [("76.05.0" + str(i), "kecamatan", f"Kec {i}", "76.05", "") for i in range(2, 8)]


@pytest.fixture(scope="module")
def small_con(tmp_path_factory):
    seed = copy.deepcopy(TINY_SEED)
    seed["wilayah"] += KECAMATAN
    # no kabupaten e-PPGBM: the demo simulation would spread it over Majene's kecamatan
    seed["capaian_resmi"] = [r for r in seed["capaian_resmi"] if r[:2] != ("ST-PPGBM", "76.05")]
    rows = [("ST-PPGBM", "76.05.0" + str(i), "2021", str(50 - i), "e-PPGBM", "https://example.org/p", "", "utama")
            for i in range(2, 8)]  # an older period: never mixed with the newer one
    rows += [("ST-PPGBM", code, "2022", str(v), "e-PPGBM", "https://example.org/p", "", "utama")
             for code, v in (("76.05.01", 30.0), ("76.05.08", 10.0), ("76.04.04", 12.0), ("76.05.02", 11.0),
                             ("76.05.03", 13.0), ("76.05.04", 14.0))]
    rows += [("ST-SASARAN", "76.05.0" + str(i), "2023-08-W2", str(100 * i), "Dinkes", "https://example.org/s", "",
              "utama") for i in range(2, 8)]
    seed["capaian_resmi"] += rows
    seed["capaian_resmi"] += [("ST-SASARAN", "76.05.01.1001", "2023-08-W2", "7", "Dinkes", "https://example.org/s", "",
                               "utama")]  # one desa value: the page says it has no desa map yet
    seed["tindakan"] += [("ST", "DINKES", "76.05.01.1001", "2024-03", "Kelas gizi di desa", "", "", "", "Berita", ""),
                         ("ST", "DINKES", "76.05.03", "2024-03", "Pemantauan kecamatan", "", "", "", "Berita", ""),
                         ("ST", "DINKES", "76.05", "2024-03", "Rapat kabupaten", "", "", "", "Berita", "")]
    folder = tmp_path_factory.mktemp("konvergensi")
    path = build_record(folder / "k.duckdb", seed_dir=write_seed(folder / "seed", seed)).path
    con = connect(path, read_only=True)
    yield con
    con.close()


def test_the_reads_take_each_indicators_latest_kecamatan_period_only(small_con):
    values = data.kecamatan_values(small_con, list(rules.COUNTED_ISU))
    ppgbm = values[values["indikator"] == "ST-PPGBM"]
    assert set(ppgbm["periode"]) == {"2022"} and len(ppgbm) == 6
    kecamatan = data.kecamatan(small_con)
    assert len(kecamatan) == 9 and set(kecamatan["nama_induk"]) == {"Polewali Mandar", "Majene"}
    basis = rules.choose(values, TODAY).set_index("isu")
    assert basis.loc["ST", "indikator"] == "ST-PPGBM" and basis.loc["ST", "jumlah_wilayah"] == 6
    table = rules.hotspots(kecamatan, rules.flags(values, basis.reset_index())).set_index("wilayah")
    assert table.loc["76.05.01", "isu_terburuk"] == ["ST"]  # 30 %: the one worst (ceil(6 / 5) = 2: 30 and 14)
    assert table.loc["76.05.04", "isu_terburuk"] == ["ST"]
    assert table.loc["76.05.07", "jumlah_isu_data"] == 0  # no 2022 value: the 2021 one is not used


def test_actions_are_read_per_kecamatan_from_the_kecamatan_and_its_desa(small_con):
    found = data.kecamatan_actions(small_con)
    # the desa's action counts for its kecamatan; the kabupaten's and the province's are no kecamatan's
    assert sorted(zip(found["kecamatan"], found["judul"])) == [("76.05.01", "Kelas gizi di desa"),
                                                                ("76.05.03", "Pemantauan kecamatan")]
    values = data.kecamatan_values(small_con, list(rules.COUNTED_ISU))
    table = rules.hotspots(data.kecamatan(small_con), rules.flags(values, rules.choose(values, TODAY)))
    listed = rules.hotspot_list(table, found)
    assert listed["wilayah"].tolist() == ["76.05.04", "76.05.01"]  # 76.05.01 is worse but has an action


@pytest.mark.parametrize("indikator, periode", [("KE-DESIL1-PERSEN", "2024-07"), ("PA-PROP-BKKBN", "2023-09-01-diumumkan")])
def test_demo_kecamatan_rates_are_simulated_and_average_to_their_kabupaten(demo_con, indikator, periode):
    rows = demo_con.execute("""
        SELECT w.kode_induk, avg(v.nilai), bool_and(v.jenis = 'simulasi'), count(*),
               (SELECT k.nilai FROM v_capaian AS k WHERE k.indikator = v.indikator AND k.wilayah = w.kode_induk
                AND k.periode = v.periode AND k.jenis = 'resmi') AS kabupaten
        FROM v_capaian AS v JOIN wilayah AS w ON w.kode = v.wilayah AND w.level = 'kecamatan'
        WHERE v.indikator = ? AND v.periode = ? GROUP BY w.kode_induk, v.indikator, v.periode""",
                            [indikator, periode]).fetchall()
    assert rows and all(simulated for _, _, simulated, _, _ in rows)
    assert all(abs(mean - kabupaten) < 0.06 for _, mean, _, _, kabupaten in rows)


def test_the_hotspot_list_shows_action_titles_inside_and_withholds_them_in_public(small_con):
    column = Source(small_con).t("konvergensi.kol.tindakan")
    inside = konvergensi.page(Source(small_con), None, (), TODAY).hotspots[column].tolist()
    public = konvergensi.page(Source(small_con, public=True), None, (), TODAY).hotspots[column].tolist()
    assert inside[0] == Source(small_con).t("konvergensi.tanpa_aksi") and "Kelas gizi di desa" in inside[1]
    assert public[0] == inside[0] and "Kelas gizi" not in public[1] and "Dinkes" in public[1]


@pytest.fixture(scope="module")
def deck_data(demo_con):
    """The deck's query results (lib.export.model.load) on the demo, read once for the module (only read)."""
    from lib.export import model

    return model.load(demo_con)


def test_the_deck_has_a_hotspot_slide_no_action_first_with_opds_and_the_simulasi_caveat(deck_data):
    import io

    from pptx import Presentation

    from lib.export import model
    from lib.export.pptx_deck import BODY_BOTTOM, deck_pptx

    deck = model.build_deck(deck_data, "id")
    slide = next(s for s in deck.slides if s.kind == model.HOTSPOTS)
    assert [s.kind for s in deck.slides][-3:] == [model.HOTSPOTS, "asuh", "penutup"]  # then orang tua asuh
    assert slide.subtitle == "36 kecamatan di seperlima terburuk"
    assert len(slide.items) == model.HOTSPOT_ROWS and slide.more.startswith("… dan 33 kecamatan lagi")
    assert all(x.kind == "tanpa_aksi" and x.age == "Tanpa aksi tercatat" for x in slide.items)
    assert slide.items[0].cell == "Sesenapadang (Mamasa) — ST + PA · 2 dari 2 isu"
    assert "Dinkes" in slide.items[0].opd and "DP3AP2KB" in slide.items[0].opd
    # the caveat, the isu by name: the count rests on simulasi
    assert slide.lines[-1] == ("Angka kecamatan semua isu yang dihitung (Kemiskinan ekstrem, Stunting, Perkawinan anak) "
                               "simulasi, bukan angka resmi.")
    assert slide.sources and all(src.endswith(")") for src in slide.sources)
    shown = io.BytesIO(deck_pptx(deck))
    texts = [shape.text_frame.text for page in Presentation(shown).slides for shape in page.shapes
             if shape.has_text_frame]
    assert "Titik rawan konvergensi" in texts and "Tanpa aksi tercatat" in texts
    page = next(p for p in Presentation(io.BytesIO(shown.getvalue())).slides
                if any(x.has_text_frame and x.text_frame.text == "Titik rawan konvergensi" for x in p.shapes))
    rest = next(x for x in page.shapes if x.has_text_frame and x.text_frame.text.startswith("… dan 33"))
    assert (rest.top + rest.height) / 914400 <= BODY_BOTTOM  # the line for the rest stays above the sources
    english = next(s for s in model.build_deck(deck_data, "en").slides if s.kind == model.HOTSPOTS)
    assert english.items[0].age == "No action recorded" and "2 of 2 isu" in english.items[0].cell


def test_the_slide_marks_opds_inferred_from_below_and_names_each_once():
    from lib.export import model

    per_isu = ((("ST", (("Dinkes", "Dispar"), ("Biro Hukum",))), ("PA", (("DP3AP2KB", "Dispar"), ()))))
    assert model._hotspot_opds(per_isu, "id") == "Dinkes, Dispar, DP3AP2KB; Biro Hukum (disimpulkan dari kecamatan)"
    assert model._hotspot_opds((), "id") == ""


def test_a_kabupaten_deck_lists_only_its_hotspots(deck_data):
    from lib.export import model

    deck = model.build_deck(deck_data, "id", ("76.04",))
    slide = next(s for s in deck.slides if s.kind == model.HOTSPOTS)
    assert slide.items and all("(Polewali Mandar)" in x.cell for x in slide.items)
    assert slide.subtitle == "10 kecamatan di seperlima terburuk"  # as the page lists for Polewali Mandar


def test_the_page_names_the_isu_with_desa_values_and_draws_no_desa_map(small_con, demo_con):
    assert data.desa_isu(small_con, rules.COUNTED_ISU) == ["ST"]
    page = konvergensi.page(Source(small_con), None, (), TODAY)
    assert page.desa_note == Source(small_con).t("konvergensi.desa_ada", isu="ST")
    assert data.desa_isu(demo_con, rules.COUNTED_ISU) == []  # the demo: none, said so


def test_the_slide_names_the_simulated_isu_apart_when_only_some_are():
    from lib.export import model

    empty = pd.DataFrame(columns=model.HOTSPOT_COLUMNS)
    partly = model.hotspot_slide(model.Hotspots(empty, counted=("KE", "ST"), simulated=("ST",)), "id")
    assert "(Kemiskinan ekstrem, Stunting)" in partly.lines[0]
    assert partly.lines[1] == "Termasuk 1 isu dengan angka kecamatan simulasi (Stunting), bukan angka resmi."
    official = model.hotspot_slide(model.Hotspots(empty, counted=("KE", "ST")), "en")
    assert len(official.lines) == 1 and "(Extreme poverty, Stunting)" in official.lines[0]
