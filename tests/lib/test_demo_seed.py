"""The real demo seed: reference data, published figures and the simulated values' published bounds."""
from __future__ import annotations

import pytest

from lib.db.connect import connect

REQUIRED_INDICATORS = {
    # kode: (isu, satuan, arah)
    "ST-PREV": ("ST", "persen", "turun"), "ST-PPGBM": ("ST", "persen", "turun"),
    "ST-SASARAN": ("ST", "anak", None), "ST-INTERVENSI": ("ST", "anak", "naik"),
    "ST-KELUAR": ("ST", "anak", "naik"), "KE-EKSTREM": ("KE", "persen", "turun"),
    "KE-P0": ("KE", "persen", "turun"), "KE-JIWA": ("KE", "jiwa", "turun"),
    "ATS-JUMLAH": ("ATS", "anak", "turun"), "ATS-KEMBALI": ("ATS", "anak", "naik"),
    "PA-PROP": ("PA", "persen", "turun"), "PA-DISPENSASI": ("PA", "perkara", "turun"),
    "INF-YOY": ("INF", "persen", "rentang"), "INF-MTM": ("INF", "persen", None),
    "INF-PANGAN-MURAH": ("INF", "kegiatan", "naik"),
}


@pytest.fixture(scope="module")
def con(demo_db):
    with connect(demo_db) as connection:
        yield connection


def rows(con, sql, params=()):
    return con.execute(sql, list(params)).fetchall()


def test_all_724_wilayah_with_levels(con):
    counts = dict(rows(con, "SELECT level, count(*) FROM wilayah GROUP BY level"))
    assert counts == {"provinsi": 1, "kabupaten": 6, "kecamatan": 69, "desa": 648}


def test_kemendagri_to_bps_mapping_is_exactly_design_table(con):
    mapping = dict(rows(con, "SELECT kode, kode_bps FROM wilayah WHERE level IN ('provinsi', 'kabupaten')"))
    assert mapping == {"76": "76", "76.01": "7605", "76.02": "7604", "76.03": "7603",
                       "76.04": "7602", "76.05": "7601", "76.06": "7606"}
    assert dict(rows(con, "SELECT kode, nama FROM wilayah WHERE kode IN ('76.01', '76.05')")) == {
        "76.01": "Kabupaten Pasangkayu", "76.05": "Kabupaten Majene"}


def test_required_indicators_with_unit_and_direction(con):
    registry = {r[0]: r[1:] for r in rows(con, "SELECT kode, isu, satuan, arah FROM indikator")}
    for code, (isu, satuan, arah) in REQUIRED_INDICATORS.items():
        assert code in registry, code
        assert registry[code][0] == isu and registry[code][1] == satuan, code
        if arah:
            assert registry[code][2] == arah, code
    assert rows(con, "SELECT count(*) FROM indikator WHERE trim(definisi) = '' OR trim(sumber) = ''") == [(0,)]


def test_coordinators_and_regional_opd_are_present(con):
    coordinators = dict(rows(con, "SELECT kode, opd_koordinator FROM isu"))
    assert coordinators == {"KE": "DINSOS", "ST": "DINKES", "ATS": "DISDIKBUD", "PA": "DP3AP2KB",
                            "INF": "KETAPANG"}
    opd = {r[0] for r in rows(con, "SELECT kode FROM opd")}
    assert {"BAPPERIDA", "BIRO-EKBANG", "BIRO-HUKUM", "INSPEKTORAT", "DISHUB", "BPSDM", "DISPAR",
            "SATPOLPP", "SETWAN", "DISKOMINFOPERS", "BIRO-UMUM", "DPUPR", "DPMPTSP", "KOPERINDAG"} <= opd
    # Biro Hukum answers for Polewali (76.04.04) and Binuang (76.04.06).
    assert rows(con, "SELECT wilayah FROM penanggung_jawab WHERE opd = 'BIRO-HUKUM' ORDER BY 1") == [
        ("76.04.04",), ("76.04.06",)]


def test_every_kabupaten_has_official_ssgi_2022(con):
    found = rows(con, "SELECT wilayah FROM v_capaian WHERE indikator = 'ST-PREV' AND periode = '2022' "
                      "AND jenis = 'resmi' AND wilayah LIKE '76.0_' ORDER BY 1")
    assert [r[0] for r in found] == ["76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]


def test_majene_ssgi_2022_is_40_6(con):
    assert rows(con, "SELECT nilai FROM v_capaian WHERE indikator='ST-PREV' AND wilayah='76.05' "
                     "AND periode='2022'") == [(40.6,)]


def test_every_value_has_a_source(con):
    assert rows(con, "SELECT count(*) FROM capaian WHERE sumber IS NULL OR trim(sumber) = ''") == [(0,)]
    assert rows(con, "SELECT count(*) FROM capaian WHERE jenis = 'resmi' AND (url IS NULL OR url = '')") == [(0,)]


def test_conflicts_keep_both_sources_and_choose_documented_value(con):
    assert rows(con, "SELECT nilai FROM v_capaian WHERE indikator='ST-KELUAR' AND wilayah='76' "
                     "AND periode='2023-08-W2'") == [(1054.0,)]
    history = rows(con, "SELECT nilai FROM capaian WHERE indikator='ST-KELUAR' AND wilayah='76' "
                        "AND periode='2023-08-W2' ORDER BY id")
    assert history == [(1024.0,), (1054.0,)]


def test_inflation_series_break_and_unconfirmed_claim(con):
    # Before 2024 only the Mamuju city index exists: nothing is stored for the province.
    assert rows(con, "SELECT count(*) FROM v_capaian AS v JOIN periode AS p ON p.kode = v.periode "
                     "WHERE v.indikator = 'INF-YOY' AND v.wilayah = '76' AND p.akhir < DATE '2024-01-01'") == [(0,)]
    assert rows(con, "SELECT nilai FROM v_capaian WHERE indikator='INF-YOY' AND wilayah='76.02' "
                     "AND periode='2023-11'") == [(2.21,)]
    assert rows(con, "SELECT count(*) FROM capaian WHERE indikator='INF-YOY' AND nilai = 1.19 "
                     "AND periode = '2023-11'") == [(0,)]


def test_simulated_kabupaten_counts_match_published_totals(con):
    published = dict(rows(con, "SELECT indikator, nilai FROM v_capaian WHERE wilayah = '76' "
                               "AND periode = '2023-08-W2' AND jenis = 'resmi' AND indikator IN "
                               "('ST-SASARAN', 'ST-INTERVENSI', 'ST-KELUAR')"))
    assert published == {"ST-SASARAN": 16377, "ST-INTERVENSI": 9085, "ST-KELUAR": 1054}
    simulated = dict(rows(con, "SELECT indikator, sum(nilai) FROM v_capaian WHERE jenis = 'simulasi' "
                               "AND periode = '2023-08' AND wilayah LIKE '76.0_' GROUP BY indikator"))
    assert simulated == published


def test_simulated_values_never_exceed_their_bounds(con):
    over = rows(con, """
        SELECT count(*) FROM v_capaian AS i
        JOIN v_capaian AS s ON s.wilayah = i.wilayah AND s.periode = i.periode AND s.indikator = 'ST-SASARAN'
        JOIN v_capaian AS k ON k.wilayah = i.wilayah AND k.periode = i.periode AND k.indikator = 'ST-KELUAR'
        WHERE i.indikator = 'ST-INTERVENSI' AND (i.nilai > s.nilai OR k.nilai > i.nilai)""")
    assert over == [(0,)]
    # Kecamatan add up exactly to their kabupaten.
    mismatched = rows(con, """
        SELECT count(*) FROM (
            SELECT k.indikator, k.periode, k.wilayah, k.nilai, sum(c.nilai) AS total
            FROM v_capaian AS k
            JOIN wilayah AS w ON w.kode_induk = k.wilayah AND w.level = 'kecamatan'
            JOIN v_capaian AS c ON c.wilayah = w.kode AND c.indikator = k.indikator AND c.periode = k.periode
            WHERE k.jenis = 'simulasi' AND k.indikator IN ('ST-SASARAN', 'ST-INTERVENSI', 'ST-KELUAR')
            GROUP BY ALL HAVING total <> k.nilai)""")
    assert mismatched == [(0,)]
    bad_percent = rows(con, "SELECT count(*) FROM v_capaian AS v JOIN indikator AS i ON i.kode = v.indikator "
                            "WHERE i.satuan = 'persen' AND i.isu <> 'INF' AND (v.nilai < 0 OR v.nilai > 100)")
    assert bad_percent == [(0,)]
    negative_counts = rows(con, "SELECT count(*) FROM v_capaian AS v JOIN indikator AS i ON i.kode = v.indikator "
                                "WHERE i.satuan IN ('anak', 'jiwa', 'KK', 'perkara', 'kegiatan') "
                                "AND (v.nilai < 0 OR v.nilai <> round(v.nilai))")
    assert negative_counts == [(0,)]


def test_simulated_kecamatan_prevalence_averages_to_official_kabupaten(con):
    averages = rows(con, """
        SELECT k.wilayah, k.nilai, avg(c.nilai) FROM v_capaian AS k
        JOIN wilayah AS w ON w.kode_induk = k.wilayah
        JOIN v_capaian AS c ON c.wilayah = w.kode AND c.indikator = k.indikator AND c.periode = k.periode
        WHERE k.indikator = 'ST-PPGBM' AND k.periode = '2022' AND k.jenis = 'resmi'
          AND k.wilayah LIKE '76.0_' GROUP BY ALL""")
    assert len(averages) == 6
    for _, official, mean in averages:
        assert mean == pytest.approx(official, abs=0.05)
