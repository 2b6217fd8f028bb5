"""The OPD journey through the app: sign in, download a template, upload with a mistake, see the report,
fix it, load it, see the new figure on the dashboard; an admin sees the batch and rolls it back."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest
from views.apptest import PASSWORD, as_user, open_page, signed_in

from lib.ingest import shapes
from lib.text import i18n
from lib.users import accounts as users

HEADER = "indikator,wilayah,nama_wilayah,periode,nilai,sumber,catatan\n"
GOOD = HEADER + "ST-PPGBM,76.05,Majene,2025,19,Dinkes Sulbar e-PPGBM 2025,\n"
BAD = HEADER + ("ST-PPGBM,76.05,Majene,2025,19,Dinkes Sulbar e-PPGBM 2025,\n"
                "ST-PPGBM,76.01,Majene,2025,21,Dinkes Sulbar e-PPGBM 2025,\n")  # 76.01 is Pasangkayu




def upload(at: AppTest, name: str, text: str) -> AppTest:
    return at.file_uploader(key="unggah_berkas").set_value((name, text.encode("utf-8"), "text/csv")).run()


PICKERS = {"Tingkat wilayah": "unggah_tingkat_", "Periode data diukur per": "unggah_jenis_periode_",
           "Periode": "unggah_periode_"}


def picker(at: AppTest, label: str):
    """The Unggah template picker with this label (its key ends in a tag of its options)."""
    [widget] = [w for kind in ("radio", "selectbox") for w in getattr(at, kind)
                if w.label == label and (w.key or "").startswith(PICKERS[label])]
    return widget


def current(database: Path, wilayah: str) -> list:
    # Read-write like the app: one process holds a DuckDB file one way only.
    with duckdb.connect(str(database)) as con:
        return con.execute("SELECT nilai, sumber FROM v_capaian WHERE indikator = 'ST-PPGBM' AND wilayah = ? "
                           "AND periode = '2025'", [wilayah]).fetchall()


def test_data_pages_need_sign_in(read_env):  # only reads: the shared record
    at = open_page("views/unggah.py")
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert not at.get("file_uploader")


def test_opd_user_gets_a_template_of_its_indicators(read_env):
    at = signed_in("views/unggah.py", "dinkes")  # through the sign-in form
    options = at.selectbox(key="unggah_indikator").options
    assert options and all(option.startswith("ST-") for option in options)  # DINKES coordinates stunting only
    assert at.get("download_button")


def test_the_clerk_picks_level_and_period_from_lists_and_types_no_code(read_env):  # a preview loads nothing
    at = as_user("views/unggah.py", "dinkes")
    assert not at.text_input  # nothing to type: indicator, level, kind of period and period are lists
    at.selectbox(key="unggah_indikator").set_value("ST-PREV").run()
    level = picker(at, "Tingkat wilayah")
    assert level.options == ["Provinsi (1)", "Kabupaten (6)", "Kecamatan (69)", "Desa/kelurahan (648)"]
    assert level.value == "kabupaten"
    kinds = picker(at, "Periode data diukur per")  # tahunan: its own year, or a finer measured period
    assert kinds.options == ["Tahun", "Semester", "Triwulan", "Bulan"] and kinds.value == "tahun"
    period = picker(at, "Periode")
    assert period.value == str(date.today().year - 1)  # the last year that has ended
    assert all(re.fullmatch(r"\d{4}", option) for option in period.options)
    assert at.get("download_button")[0].proto.label == (
        f"Unduh templat Excel ({date.today().year - 1}, Kabupaten, 6 wilayah)")

    picker(at, "Periode data diukur per").set_value("bulan").run()  # Susenas March: a month of an annual series
    period = picker(at, "Periode")
    assert period.options[0].startswith(("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                         "Agustus", "September", "Oktober", "November", "Desember"))
    picker(at, "Tingkat wilayah").set_value("kecamatan").run()
    assert "Kecamatan, 69 wilayah" in at.get("download_button")[0].proto.label

    at.selectbox(key="unggah_indikator").set_value("ST-SASARAN").run()  # bulanan: month, or the apel's week
    assert picker(at, "Periode data diukur per").options == ["Bulan", "Minggu"]
    assert picker(at, "Tingkat wilayah").value == "kecamatan"  # still offered, so still chosen
    picker(at, "Periode data diukur per").set_value("minggu").run()
    assert picker(at, "Periode").options[0].startswith("Minggu ")
    assert not at.error and not at.exception


def test_a_kecamatan_opd_gets_only_its_own_levels(env, tmp_path):
    users.add_user("bapperida", PASSWORD, "opd", opd="BAPPERIDA", path=tmp_path / "pengguna.json")
    at = as_user("views/unggah.py", "bapperida")
    assert picker(at, "Tingkat wilayah").options == ["Kecamatan (2)", "Desa/kelurahan (16)"]
    assert "Kecamatan, 2 wilayah" in at.get("download_button")[0].proto.label


def test_bad_row_is_reported_and_nothing_loads_then_the_fix_loads(env):
    at = upload(as_user("views/unggah.py", "dinkes"), "isian.csv", BAD)
    assert not at.exception
    assert "1 masalah ditemukan" in at.error[0].value
    report = at.dataframe[0].value
    assert report["Baris"].tolist() == ["3"] and "Pasangkayu" in report["Masalah"].iloc[0] + report["Yang benar"].iloc[0]
    assert current(env, "76.05") == []  # the good row did not load either

    at = upload(at, "isian.csv", GOOD)
    assert "1 nilai baru" in at.success[0].value
    at.button(key="unggah_muat").click().run()
    assert not at.error
    assert current(env, "76.05") == [(19.0, "Dinkes Sulbar e-PPGBM 2025")]

    dashboard = open_page("views/stunting.py", {"kab": "76.05"})
    dashboard.selectbox(key="isu_ST_indikator").set_value("ST-PPGBM").run()
    assert "19,0%" in dashboard.dataframe[0].value.to_string()


def test_opd_user_cannot_load_another_isu(env):
    other = HEADER + "KE-P0,76.05,Majene,2025-S1,14,BPS,\n"
    at = upload(as_user("views/unggah.py", "dinkes"), "isian.csv", other)
    assert "1 masalah ditemukan" in at.error[0].value
    with duckdb.connect(str(env)) as con:
        assert con.execute("SELECT count(*) FROM capaian WHERE indikator='KE-P0' AND periode='2025-S1' "
                           "AND wilayah='76.05'").fetchone() == (0,)


def test_admin_sees_the_batch_and_rolls_it_back(env):
    loaded = upload(as_user("views/unggah.py", "dinkes"), "isian.csv", GOOD)
    loaded.button(key="unggah_muat").click().run()
    assert current(env, "76.05") == [(19.0, "Dinkes Sulbar e-PPGBM 2025")]

    at = as_user("views/riwayat.py", "admin")
    assert "isian.csv" in at.dataframe[0].value.to_string()
    at.text_input(key="riwayat_alasan").input("salah periode")
    next(b for b in at.button if b.label == "Batalkan unggahan ini").click().run()
    assert not at.error
    assert current(env, "76.05") == []  # back to no value: nothing was deleted, a pembatalan row was added
    with duckdb.connect(str(env)) as con:
        assert con.execute("SELECT count(*) FROM capaian WHERE indikator='ST-PPGBM' AND periode='2025'").fetchone() == (1,)
        assert con.execute("SELECT alasan FROM pembatalan").fetchall() == [("salah periode",)]


def test_viewer_cannot_upload(env):
    users.add_user("tamu", PASSWORD, "viewer", path=Path(str(env)).with_name("pengguna.json"))
    at = as_user("views/unggah.py", "tamu")
    assert "akun Anda (pembaca) tidak dapat membukanya" in at.error[0].value
    assert not at.get("file_uploader")


def test_hostile_file_name_and_source_show_as_text_in_the_upload_flow(env):
    hostile = "![x](http://beacon.example/b.png) :red[MERAH] **tebal**"
    name = "![x](http:__beacon.example_b.png) :red[x].csv"
    at = upload(as_user("views/unggah.py", "dinkes"), name, HEADER +
                f'ST-PPGBM,76.05,Majene,2025,19,"{hostile}","{hostile}"\n')
    at.button(key="unggah_muat").click().run()
    assert not at.exception and not at.error
    assert current(env, "76.05") == [(19.0, hostile)]  # stored as sent …
    at = upload(at, name, HEADER + f'ST-PPGBM,76.05,Majene,2025,19,"{hostile}","{hostile}"\n')  # once more
    assert "sudah dimuat sebagai unggahan" in at.info[0].value  # the notice quotes the file name
    bodies = [str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "error")
              for e in getattr(at, kind)]
    live = re.compile(r"(?<!\\)\]\(|:red(?<!\\)\[|(?<!\\)\*\*tebal")
    assert not [b for b in bodies if live.search(b)], bodies  # … and every message shows it as text


TYPED = HEADER + ('ST-PPGBM,76.05,Majene,2025,"18,2",Dinkes Sulbar e-PPGBM 2025,\n'
                  'ST-PPGBM,76.01,Pasangkayu,2025,"21,35",Dinkes Sulbar e-PPGBM 2025,\n')


def test_preview_shows_values_the_indonesian_way_with_names(read_env):  # a preview loads nothing
    at = upload(as_user("views/unggah.py", "dinkes"), "isian.csv", TYPED)
    assert not at.exception and "2 nilai baru" in at.success[0].value
    preview = at.dataframe[0].value
    assert preview["Wilayah"].tolist() == ["Majene (76.05)", "Pasangkayu (76.01)"]
    assert preview["Periode"].tolist() == ["2025", "2025"]
    assert preview["Nilai baru"].tolist() == ["18,2%", "21,35%"]
    assert preview["Nilai sekarang"].tolist() == [i18n.MISSING, i18n.MISSING]
    text = preview.to_string()
    assert "None" not in text and "nan" not in text and "18.2" not in text


def test_preview_in_english(read_env):  # a preview loads nothing
    at = upload(as_user("views/unggah.py", "dinkes", {"lang": "en"}), "isian.csv", TYPED)
    preview = at.dataframe[0].value
    assert preview["Area"].tolist() == ["Majene (76.05)", "Pasangkayu (76.01)"]
    assert preview["New value"].tolist() == ["18.2%", "21.35%"]


def test_uploader_limit_is_the_enforced_one_and_its_texts_follow_the_language(read_env):  # a preview loads nothing
    for query, hint in (({}, "paling besar 5 MB"), ({"lang": "en"}, "at most 5 MB")):
        at = as_user("views/unggah.py", "dinkes", query)
        for key in ("unggah_berkas", "tindakan_berkas", "asuh_berkas"):
            assert at.file_uploader(key=key).proto.max_upload_size_mb * 1024 * 1024 == shapes.MAX_UPLOAD_BYTES
        assert sum(hint in c.value for c in at.caption) == 3  # under the three uploaders (values, actions, asuh)
        styles = " ".join(str(h.proto.body) for h in at.get("html"))
        for key in ("unggah_berkas", "tindakan_berkas", "asuh_berkas"):  # Streamlit's English lines give way
            assert f".st-key-{key} [data-testid='stFileUploaderDropzone'] [data-testid=" \
                   "'stFileUploaderDropzoneInstructions'] {display: none;}" in styles
        assert i18n.t("unggah.pilih_berkas", query.get("lang", "id")) in styles
        # a file the browser refuses (over the limit, wrong type) is explained in the UI language, not English
        assert i18n.t("unggah.berkas_ditolak", query.get("lang", "id"), mb=5) in styles
        # … and so is the tooltip on its red chip, which Streamlit writes in English
        assert "[data-testid='stTooltipErrorContent'] {font-size: 0;}" in styles
        assert i18n.t("unggah.berkas_ditolak_singkat", query.get("lang", "id"), mb=5) in styles


def test_action_preview_names_wilayah_and_period(read_env):  # a preview loads nothing
    actions = ("isu,opd,wilayah,periode,judul,uraian,jumlah,satuan,sumber,url\n"
               "ST,,76.05,2025-10,Kelas ibu balita Majene,,1250,peserta,Laporan Dinkes Sulbar,\n")
    at = as_user("views/unggah.py", "dinkes")
    at = at.file_uploader(key="tindakan_berkas").set_value(("tindakan.csv", actions.encode(), "text/csv")).run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert preview.iloc[0].tolist() == [2, "ST", i18n.MISSING, "Majene (76.05)", "Oktober 2025",
                                        "Kelas ibu balita Majene", "1.250 peserta", "Laporan Dinkes Sulbar"]
