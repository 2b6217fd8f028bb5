"""Public mode hides small counts in small areas and people's names, and nothing else."""
import re

import pandas as pd
import pytest

from lib.access import privacy
from lib.present import tables


def frame():
    return pd.DataFrame({
        "wilayah": ["76.04.04", "76.04.04.1001", "76.04", "76.04.06", "76.04.04"],
        "level": ["kecamatan", "desa", "kabupaten", "kecamatan", "kecamatan"],
        "satuan": ["anak", "anak", "anak", "anak", "persen"],
        "nilai": [3.0, 0.0, 2.0, 12.0, 4.5],
        "sumber": ["Kompas (kutipan Pj Gubernur Akmal Malik, 23-02-2023)", "BPS", None, "Dinkes", "SSGI"],
        "dimuat_oleh": ["budi", "budi", "seed", "seed", "seed"],
    })


def test_small_counts_in_small_areas_are_hidden_and_marked():
    shown = privacy.public_view(frame())
    assert shown["nilai"].isna().tolist() == [True, True, False, False, False]
    assert shown["disamarkan"].tolist() == [True, True, False, False, False]
    assert shown.loc[2, "nilai"] == 2.0  # a kabupaten count is not a small area
    assert shown.loc[4, "nilai"] == 4.5  # a percentage is not a count of people


def test_names_leave_sources_and_columns():
    shown = privacy.public_view(frame())
    assert shown.loc[0, "sumber"] == "Kompas"
    assert "Akmal" not in " ".join(shown["sumber"].dropna())
    assert "dimuat_oleh" not in shown.columns


def test_public_result_handles_tuples_and_leaves_other_values():
    first, second = privacy.public_result((frame(), frame()))
    assert first["nilai"].isna().sum() == 2 and second["nilai"].isna().sum() == 2
    assert privacy.public_result([1, 2]) == [1, 2]


def test_input_is_not_changed():
    original = frame()
    privacy.public_view(original)
    assert original["nilai"].tolist() == [3.0, 0.0, 2.0, 12.0, 4.5]


SEED_SOURCES = pd.concat([pd.read_csv(f"data/seed/{name}.csv")["sumber"] for name in ("capaian_resmi", "target")])
TITLES = ("Gubernur", "Bupati", "Kepala", "Kadis", "Kabid", "Kasi", "Sekretaris", "Ketua", "Deputi", "Irjen",
          "Direktur", "Jubir", "Plt", "Plh", "Pj", "Akmal", "Zudan", "Mithhar", "Rahmat", "Mustari", "kutipan",
          "mengutip", "dikutip")


@pytest.mark.parametrize("source,publisher", [
    ("Kompas (kutipan Pj Gubernur Akmal Malik, 23-02-2023)", "Kompas"),
    ("Kompas - kutipan Pj Gubernur Akmal Malik", "Kompas"),
    ("Kompas – kutipan Pj Gubernur Akmal Malik", "Kompas"),
    ("Kompas—Pj Gubernur Akmal Malik", "Kompas"),
    ("Radar Sulbar [kutipan Bupati Majene]", "Radar Sulbar"),
    ("Radar Sulbar {kutipan Bupati Majene}", "Radar Sulbar"),
    ("Radar Sulbar: Bupati Majene", "Radar Sulbar"),
    ("Radar Sulbar; kata Bupati Majene", "Radar Sulbar"),
    ("Radar Sulbar, Bupati Majene", "Radar Sulbar"),
    ("Radar Sulbar | Bupati Majene", "Radar Sulbar"),
    ("Radar Sulbar / Kadis Sosial Rahmat Sanusi", "Radar Sulbar"),
    ("Radar Sulbar. Rahmat Sanusi berkata", "Radar Sulbar"),
    ("Radar Sulbar kutipan Kadis Sosial Rahmat Sanusi", "Radar Sulbar"),
    ("Tribun-Sulbar menurut Sekretaris Bapperida", "Tribun-Sulbar"),
    ("Tribun-Sulbar-kutipan Kadis", "Tribun-Sulbar"),
    ('"Kompas" kutipan Pj Gubernur', "Kompas"),
    ("Tribun-Sulbar (02-06-2022)", "Tribun-Sulbar"),
    ("Top-news.id (siaran pers Pemprov Sulbar, 28-08-2023)", "Top-news.id"),
    ("Inpres No. 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem; dikutip Kadis Sosial Sulbar",
     "Inpres No. 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem"),
    ("Sasaran inflasi Pemerintah 2,5±1 persen (PMK 101/PMK.010/2021); Bank Indonesia",
     "Sasaran inflasi Pemerintah 2,5±1 persen"),
    ("Pj Gubernur Akmal Malik", "–"),  # nothing of it is a publisher: nothing of it is shown
])
def test_public_source_keeps_only_the_publisher_whatever_the_punctuation(source, publisher):
    assert privacy.public_source(source) == publisher


@pytest.mark.parametrize("source", sorted(SEED_SOURCES.dropna().unique()))
def test_no_seed_source_shows_an_official_in_public(source):
    shown = privacy.public_source(source)
    assert shown and not any(re.search(rf"\b{word}\b", shown, re.IGNORECASE) for word in TITLES), shown


def test_links_keep_only_their_site():
    frame = pd.DataFrame({"sumber": ["Inisulbar"], "url": [
        "https://inisulbar.com/kepala-bapperida-sulbar-junda-maulana-sebut-stunting.html"]})
    assert privacy.public_view(frame).loc[0, "url"] == "https://inisulbar.com"


def kecamatan_targets():
    return pd.DataFrame({
        "level": ["kecamatan", "kecamatan", "kabupaten", "kecamatan"],
        "satuan": ["anak", "anak", "anak", "persen"],
        "nilai": [13.0, 3.0, 2.0, 4.0], "target": [4.0, 14.0, 3.0, 2.0], "target_atas": [None] * 4,
        "capaian_pct": [325.0, 21.4, 66.7, 50.0], "nilai_sebelumnya": [9.0, 2.0, 1.0, 4.0],
        "selisih": [4.0, 1.0, 1.0, 0.0],
    })


def test_small_targets_and_what_reveals_them_are_hidden_too():
    shown = privacy.public_view(kecamatan_targets())
    assert shown["target_disamarkan"].tolist() == [True, False, False, False]
    assert pd.isna(shown.loc[0, "target"]) and shown.loc[0, "nilai"] == 13.0
    assert pd.isna(shown.loc[0, "capaian_pct"])  # 13 at 325 % would give the target away
    assert shown["disamarkan"].tolist() == [False, True, False, False]
    assert pd.isna(shown.loc[1, "capaian_pct"]) and pd.isna(shown.loc[1, "selisih"])
    assert shown["nilai_sebelumnya_disamarkan"].tolist() == [False, True, False, False]
    assert shown.loc[2, "target"] == 3.0 and shown.loc[3, "target"] == 2.0  # kabupaten; not a count


def test_tables_show_a_hidden_target_as_under_five():
    shown, export = tables.ranking_table(privacy.public_view(kecamatan_targets().assign(
        wilayah=["a", "b", "c", "d"], nama=["A", "B", "C", "D"], periode_label="2024", status=None, lama=False,
        target_tahun=2024, target_cakupan="wilayah", target_dasar="dokumen", target_rujukan="Renstra Dinkes", arah="naik",
        jenis="simulasi", sumber="Dinkes", url=None)), "id")
    assert shown.set_index("Wilayah").loc["A", "Target"] == "< 5"
    assert " 4 anak" not in " ".join(shown["Target"])
    assert export.set_index("Wilayah")["Target"].isna()["A"]


def test_public_output_is_an_allow_list_a_new_column_is_private_until_declared():
    shown = privacy.public_view(frame().assign(telepon_kader=["0812"] * 5, nama_kader=["Ani"] * 5))
    assert "telepon_kader" not in shown.columns and "nama_kader" not in shown.columns
    assert set(shown.columns) <= {c for c in shown.columns if privacy.rule(c)}
    assert privacy.rule("nama_indikator_en") == privacy.SHOWN  # an English twin follows its column


def test_the_older_values_source_keeps_only_its_publisher():
    row = pd.DataFrame({"sumber": ["BPS"], "sumber_sebelumnya": ["Harian Lama (kutipan Kadinkes dr. Nama Orang)"]})
    assert privacy.public_view(row).loc[0, "sumber_sebelumnya"] == "Harian Lama"


def test_free_text_and_file_names_are_withheld_but_their_columns_stay():
    shown = privacy.public_view(pd.DataFrame({
        "judul": ["Kunjungan dr. Nama Orang"], "uraian": ["Bersama Nama Orang"], "catatan": ["x"],
        "nama_berkas": ["laporan-pak-joko.xlsx"], "dimuat_oleh": ["joko"], "dicatat_oleh": ["joko"], "isu": ["ST"]}))
    assert shown[["judul", "uraian", "catatan", "nama_berkas"]].isna().all().all()
    assert "dimuat_oleh" not in shown.columns and "dicatat_oleh" not in shown.columns and shown.loc[0, "isu"] == "ST"


def test_a_tindakan_amount_of_two_children_in_a_desa_is_hidden_whatever_its_unit_says():
    actions = pd.DataFrame({"level": ["desa", "desa", "kabupaten", "desa"],
                            "satuan": ["anak", "anak (data dicek)", "anak", "persen potongan harga"],
                            "jumlah": [2.0, 3.0, 2.0, 4.0]})
    shown = privacy.public_view(actions)
    assert shown["jumlah_disamarkan"].tolist() == [True, True, False, False]
    assert shown["jumlah"].isna().tolist() == [True, True, False, False]


def test_values_then_and_now_and_the_baseline_are_counts_too():
    shown = privacy.public_view(pd.DataFrame({"level": ["kecamatan"], "satuan": ["jiwa"], "nilai_lama": [3.0],
                                              "nilai_baru": [9.0], "selisih": [6.0], "baseline": [2.0],
                                              "nilai": [9.0], "capaian_pct": [50.0]}))
    assert pd.isna(shown.loc[0, "nilai_lama"]) and pd.isna(shown.loc[0, "selisih"]) and shown.loc[0, "nilai_baru"] == 9
    assert pd.isna(shown.loc[0, "baseline"]) and pd.isna(shown.loc[0, "capaian_pct"])


def test_public_result_masks_the_frames_of_a_dataclass_and_a_dict():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Comparison:
        changes: pd.DataFrame
        note: str = "x"

    masked = privacy.public_result(Comparison(frame()))
    assert "dimuat_oleh" not in masked.changes.columns and masked.note == "x"
    assert "dimuat_oleh" not in privacy.public_result({"a": frame()})["a"].columns
