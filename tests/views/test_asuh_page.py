"""The orang tua asuh page (views/orang-tua-asuh.py) in the app, internal and public, its lines on Ringkasan and
the OPD page, and the Unggah tab: a bad sponsorship file lists every problem and loads nothing."""
from __future__ import annotations

import duckdb
from views.apptest import as_user, open_page

from lib.access.privacy import SUPPRESSED_TEXT
from lib.text import i18n

PAGE = "views/orang-tua-asuh.py"
# The tests that only read take `read_env` (the shared record, tests/views/conftest.py); the uploads `env`.


def _texts(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(at, kind)]
    parts += [e.label for e in at.get("expander")]
    parts += [e.value.to_csv() for e in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_the_page_shows_commitments_and_simulated_rows_apart_with_kecamatan_counts_inside(read_env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    at = open_page(PAGE)
    assert not at.error, [e.value for e in at.error]
    text = _texts(at)
    assert at.title[0].value == i18n.t("asuh.judul", "id")
    assert i18n.t("asuh.belum_ada_resmi", "id") in text  # commitments only: no official sponsorship uploaded
    assert "6.000 sponsor" in text and i18n.t("asuh.simulasi_peringatan", "id") in text
    assert i18n.t("asuh.kecamatan_judul", "id") in text and SUPPRESSED_TEXT in text
    assert i18n.t("asuh.tren", "id") in text and at.get("vega_lite_chart")  # the stunting trend beside it


def test_the_public_page_shows_aggregates_only(read_env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = open_page(PAGE, {"kab": "76.05"})
    assert not at.error, [e.value for e in at.error]
    text = _texts(at)
    assert i18n.t("asuh.simulasi_peringatan", "id") in text
    assert i18n.t("asuh.kecamatan_judul", "id") not in text  # no kecamatan counts in public
    assert "kutipan" not in text  # sources by publisher only


def test_ringkasan_says_the_programme_is_simulated_only_and_the_opd_page_shows_its_rows(read_env, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    ringkasan = _texts(open_page("views/ringkasan.py"))
    assert i18n.t("asuh.hanya_simulasi", "id", tanda="○ Simulasi") in ringkasan
    opd = _texts(open_page("views/opd.py", {"opd": "DINKES"}))
    assert i18n.t("asuh.opd_judul", "id") in opd and "○ Simulasi" in opd


def _sponsorships(database) -> int:
    with duckdb.connect(str(database)) as con:
        return con.execute("SELECT count(*) FROM asuhan").fetchone()[0]


HEADER = ("mitra_nama,mitra_jenis,mitra_opd,mitra_kabupaten,anak_ref,desa,sasaran,mulai,bulan_rencana,"
          "rupiah_per_bulan,saluran,bulan_tersalur,zscore_awal,zscore_akhir,hasil,bulan_laporan\n")
def _row(mitra: str = "ASN Dinas Kesehatan,asn_opd,DINKES", ref: str = "TPK-0452-2025", desa: str = "{desa}",
         sasaran: str = "baduta", z: str = "-2.6") -> str:
    return f"{mitra},,{ref},{desa},{sasaran},2025-03,12,185000,TPK,7,{z},-2.2,berjalan,2025-10\n"


GOOD_ROW = _row(ref="TPK-0451-2025")


# Five different problems: a NIK as the child's reference, an unknown desa, a sasaran that does not exist, a
# z-score out of range, another OPD's civil servants.
BAD = HEADER + _row(ref="7605010101990001") + _row(desa="76.99.99.9999") + _row(sasaran="balita") + \
    _row(z="-9.5") + _row(mitra="ASN Dinas PUPR,asn_opd,DPUPR")


def _a_desa(database) -> str:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("SELECT kode FROM wilayah WHERE level = 'desa' AND kode LIKE '76.05.%' "
                           "ORDER BY kode LIMIT 1").fetchone()[0]


def _upload(at, name: str, text: str):
    return at.file_uploader(key="asuh_berkas").set_value((name, text.encode("utf-8"), "text/csv")).run()


def test_a_bad_sponsorship_file_lists_every_problem_and_loads_nothing(env):
    desa, before = _a_desa(env), _sponsorships(env)
    at = as_user("views/unggah.py", "dinkes")
    assert i18n.t("asuh.tab", "id") in [tab.label for tab in at.tabs]
    at = _upload(at, "asuhan-salah.csv", BAD.format(desa=desa))
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("unggah.ditolak", "id", n=5)]
    problems = at.dataframe[-1].value
    # every row, one problem each
    assert len(problems) == 5 and problems.iloc[:, 0].astype(str).tolist() == ["2", "3", "4", "5", "6"]
    assert "asuh_muat" not in [b.key for b in at.button]  # nothing to load
    assert _sponsorships(env) == before


def test_a_good_sponsorship_file_is_summed_per_sponsor_and_loads(env):
    desa, before = _a_desa(env), _sponsorships(env)
    at = _upload(as_user("views/unggah.py", "dinkes"), "asuhan.csv", HEADER + GOOD_ROW.format(desa=desa))
    assert not at.error, [e.value for e in at.error]
    shown = at.dataframe[-1].value
    assert "TPK-0451-2025" not in shown.to_csv()  # the preview never lists a child's reference back
    at = at.button(key="asuh_muat").click().run()
    assert [s.value for s in at.success if "dimuat" in s.value]
    assert _sponsorships(env) == before + 1
