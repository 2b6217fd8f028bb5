"""The konvergensi page's content on the demo record: every kabupaten filter, both languages and modes."""
from __future__ import annotations

from datetime import date

import pytest
from screens.conftest import every_source

from lib.judge import convergence as rules
from lib.screens import konvergensi

KABUPATEN = [None, "76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]
TODAY = date(2026, 12, 6)


def chosen(kabupaten: str | None) -> tuple[str, ...]:
    return (kabupaten,) if kabupaten else ()


@pytest.mark.parametrize("kabupaten", KABUPATEN)
@pytest.mark.parametrize("lang, mode", every_source())
def test_konvergensi_page_for_every_kabupaten(sources, lang, mode, kabupaten):
    src = sources[lang, mode]
    page = konvergensi.page(src, None, chosen(kabupaten), TODAY)
    # Demo: KE (P3KE desil 1), ST (e-PPGBM) and PA (BKKBN) have kecamatan rates, all simulated; ATS only a count.
    assert page.counted == 3 and [isu for isu, _, _ in page.isu_maps] == ["KE", "ST", "PA"]
    assert [simulated for _, _, simulated in page.isu_lines] == [True, True, False, True]
    # the isu by name, in the page's language
    assert page.simulasi_note and ", ".join(src.t(f"isu.{c}") for c in ("KE", "ST", "PA")) in page.simulasi_note
    shown = set(page.map_frame["wilayah"].str[:5])
    assert shown == ({kabupaten} if kabupaten else set(KABUPATEN[1:]))
    assert bool(page.filter_note) == bool(kabupaten)
    assert len(page.hotspots) == page.hotspot_count and page.inflation
    names = page.hotspots[src.t("konvergensi.kol.jumlah")]
    # "k dari m isu yang ada datanya", never "dari 5"; a count on simulated values says so
    assert names.str.contains(src.t("konvergensi.k_dari_m", k=1, m=2).split(" ")[1], regex=False).all()
    assert not names.str.contains(" 5 ").any()
    assert names.str.contains(src.t("konvergensi.termasuk_simulasi", n=1).split(" ")[0], regex=False).all()


@pytest.mark.parametrize("lang, mode", every_source())
def test_the_worst_fifth_stays_province_wide_under_a_kabupaten_filter(sources, lang, mode):
    src = sources[lang, mode]
    province = konvergensi.page(src, None, (), TODAY).map_frame.set_index("wilayah")
    majene = konvergensi.page(src, None, ("76.05",), TODAY).map_frame.set_index("wilayah")
    assert (province.loc[majene.index, "jumlah_isu"] == majene["jumlah_isu"]).all()
    assert (province.loc[majene.index, "label"] == majene["label"]).all()


def test_the_page_says_what_it_ranks_on_and_what_it_does_not_count(sources):
    src = sources["id", "normal"]
    page = konvergensi.page(src, None, (), TODAY)
    lines = {name: line for name, line, _ in page.isu_lines}
    # the period measured and the data's age, from the end of 2022
    assert "69 kecamatan yang ada datanya, data 2022 · 4 tahun lalu" in lines["Stunting"]
    assert "32 kecamatan yang ada datanya" in lines["Kemiskinan ekstrem"]
    assert "Tidak cukup data kecamatan" in lines["Anak tidak sekolah"]
    assert "Tidak ikut dihitung" in lines["Anak tidak sekolah"]
    assert "seperlima terburuk" in page.intro and "bukan penilaian terhadap target" in page.intro
    # inflation is context per kabupaten, never a kecamatan's isu
    assert all("INF" not in label for label in page.map_frame["label"])
    assert len(page.inflation) == 6


def test_hotspots_without_an_action_come_first_with_their_opds(sources):
    src = sources["id", "normal"]
    page = konvergensi.page(src, None, (), TODAY)
    actions = page.hotspots[src.t("konvergensi.kol.tindakan")]
    without = actions == src.t("konvergensi.tanpa_aksi")
    assert without.any()
    assert not without.iloc[without.idxmin():].any() or without.all()  # no action first, then those with one
    opds = page.hotspots[src.t("konvergensi.kol.opd")]
    assert opds.str.contains("koordinator").all()


def test_the_combinations_add_up_to_the_hotspots(sources):
    src = sources["en", "normal"]
    page = konvergensi.page(src, None, (), TODAY)
    assert page.combinations[src.t("konvergensi.kol.jumlah_kecamatan")].sum() == page.hotspot_count
    assert rules.MIN_KECAMATAN == 5
