"""lib.ingest.tindakan: satgas actions uploaded all or nothing, with permission, history and rollback."""
from __future__ import annotations

import io

import duckdb
import openpyxl
import pytest

from lib.data import actions, uploads
from lib.ingest import load as loading
from lib.ingest import tindakan
from lib.ingest.pipeline import RejectedError
from lib.ingest.rows import UploadError
from lib.users.accounts import User

HEADER = "isu,opd,wilayah,periode,judul,uraian,jumlah,satuan,sumber,url\n"
GOOD = HEADER + ("INF,,76.04.04,2025-10,Pasar murah kecamatan,,12,kegiatan,Laporan Biro Hukum,\n"
                 "ST,,76.04.04,2025-09,Pemberian makanan tambahan,Posyandu Pekkabata,1250,paket,Laporan,"
                 "https://contoh.go.id/pmt\n")
BAD = GOOD + "ST,,76.05,2025-10,Bantuan sembako,,dua puluh,paket,Laporan,\n"
BIRO_HUKUM = User("biro.hukum", "opd", "BIRO-HUKUM")


def counts(path) -> tuple[int, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM tindakan), (SELECT count(*) FROM unggahan)").fetchone()


def upload(path, text: str, user: User = BIRO_HUKUM, name: str = "tindakan.csv"):
    with duckdb.connect(str(path), read_only=True) as con:
        may = tindakan.reporter(con, user)
    return tindakan.load(path, name, text.encode("utf-8"), user_name=user.name, user_opd=user.opd, may_report=may)


def listed(path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return actions.actions(con)["judul"].tolist()


def test_good_file_loads_as_one_batch_with_who_and_the_opd(tiny_db):
    batch = upload(tiny_db, GOOD)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows = con.execute("SELECT judul, opd, jumlah, dimuat_oleh, unggahan FROM tindakan WHERE unggahan = ? "
                           "ORDER BY id", [batch]).fetchall()
        keterangan = con.execute("SELECT keterangan FROM unggahan WHERE id = ?", [batch]).fetchone()[0]
    assert rows == [("Pasar murah kecamatan", "BIRO-HUKUM", 12.0, "biro.hukum", batch),
                    ("Pemberian makanan tambahan", "BIRO-HUKUM", 1250.0, "biro.hukum", batch)]
    assert keterangan == "Unggahan tindakan: 2 tindakan"
    assert "Pemberian makanan tambahan" in listed(tiny_db)


def test_one_bad_row_rejects_the_whole_file(tiny_db):
    before = counts(tiny_db)
    with pytest.raises(RejectedError) as refused:
        upload(tiny_db, BAD)
    problems = {(p.line, p.column) for p in refused.value.problems}
    assert problems == {(4, "wilayah"), (4, "jumlah")}  # Majene is not Biro Hukum's; 'dua puluh' is no number
    assert "tidak berwenang" in str(refused.value)
    assert counts(tiny_db) == before


def test_admin_may_report_anywhere_and_same_file_twice_adds_nothing(tiny_db):
    admin = User("admin", "admin")
    assert upload(tiny_db, BAD.replace("dua puluh", "20"), user=admin) is not None
    before = counts(tiny_db)
    assert upload(tiny_db, BAD.replace("dua puluh", "20"), user=admin) is None
    assert counts(tiny_db) == before


def test_rollback_hides_the_actions(tiny_db):
    batch = upload(tiny_db, GOOD)
    loading.rollback(tiny_db, batch, user_name="admin", reason="salah wilayah")
    assert "Pemberian makanan tambahan" not in listed(tiny_db)
    assert listed(tiny_db) == ["Gerakan Pangan Murah"]  # the seed action stays


def test_history_shows_an_action_batch_with_its_rows_until_rolled_back(tiny_db):
    batch = upload(tiny_db, GOOD)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        listed_batch = uploads.batches(con).set_index("id").loc[batch]
        rows = uploads.batch_rows(con, batch)
    assert (listed_batch["indikator"], listed_batch["periode"]) == ("INF, ST", "2025-09, 2025-10")
    assert listed_batch["baris_terkini"] == 2
    assert rows["judul"].tolist() == ["Pasar murah kecamatan", "Pemberian makanan tambahan"]
    assert rows["terkini"].tolist() == [True, True]
    loading.rollback(tiny_db, batch, user_name="admin", reason="salah wilayah")
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert uploads.batch_rows(con, batch)["terkini"].tolist() == [False, False]
        assert uploads.batches(con).set_index("id").loc[batch, "baris_terkini"] == 0


@pytest.mark.parametrize("text, message", [
    ("", "kosong"),
    ("isu,wilayah\nKE,76\n", "Kolom 'periode' tidak ada"),
    (HEADER, "tidak berisi baris tindakan"),
])
def test_unreadable_files_are_refused_with_the_fix(tiny_db, text, message):
    with pytest.raises(UploadError, match=message):
        upload(tiny_db, text)


def test_other_opd_in_the_opd_column_is_refused(tiny_db):
    with pytest.raises(RejectedError, match="bukan OPD akun ini"):
        upload(tiny_db, GOOD.replace("INF,,76.04.04", "INF,DINSOS,76.04.04"))


def test_xlsx_file_is_read_like_csv(tiny_db):
    book = openpyxl.Workbook()
    for line in GOOD.strip().splitlines():
        book.active.append(line.split(",")[:10])
    data = io.BytesIO()
    book.save(data)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        may = tindakan.reporter(con, BIRO_HUKUM)
    assert tindakan.load(tiny_db, "tindakan.xlsx", data.getvalue(), user_name="biro.hukum", user_opd="BIRO-HUKUM",
                         may_report=may)
    assert "Pasar murah kecamatan" in listed(tiny_db)


def test_template_has_every_column():
    assert tindakan.template_csv().decode("utf-8-sig").splitlines()[0] == ",".join(tindakan.COLUMNS)


def test_an_action_keeps_the_period_it_ran_not_an_announcement_day(tiny_db):
    text = HEADER + "INF,,76.04.04,2025-10-05-diumumkan,Pasar murah,,1,kegiatan,Laporan,\n"
    with pytest.raises(RejectedError) as refused:
        upload(tiny_db, text)
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "periode")]
    assert "periode pelaksanaannya" in str(refused.value)
