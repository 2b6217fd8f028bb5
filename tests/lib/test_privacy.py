"""Public mode hides small counts in small areas and people's names, and nothing else."""
import pandas as pd

from lib import privacy


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
