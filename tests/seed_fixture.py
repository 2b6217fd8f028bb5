"""The tiny seed, written from code: two kabupaten and a handful of values, built in well under a second."""
from __future__ import annotations

import csv
from pathlib import Path

TINY_SEED = {
    "wilayah": [
        ("kode", "level", "nama", "kode_induk", "kode_bps"),
        ("76", "provinsi", "Sulawesi Barat", "", "76"),
        ("76.04", "kabupaten", "Kabupaten Polewali Mandar", "76", "7602"),
        ("76.05", "kabupaten", "Kabupaten Majene", "76", "7601"),
        ("76.04.04", "kecamatan", "Polewali", "76.04", ""),
        ("76.05.01", "kecamatan", "Banggae", "76.05", ""),
        ("76.05.08", "kecamatan", "Banggae Timur", "76.05", ""),
        ("76.04.04.1001", "desa", "Pekkabata", "76.04.04", ""),
        ("76.05.01.1001", "desa", "Banggae", "76.05.01", ""),
        ("76.05.08.1001", "desa", "Baurung", "76.05.08", ""),
    ],
    "opd": [
        ("kode", "nama", "singkatan"),
        ("DINKES", "Dinas Kesehatan", "Dinkes"),
        ("DINSOS", "Dinas Sosial", "Dinsos"),
        ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
        ("DP3AP2KB", "Dinas PPPA PPKB", "DP3AP2KB"),
        ("KETAPANG", "Dinas Ketahanan Pangan", "Dinas Ketapang"),
        ("BIRO-HUKUM", "Biro Hukum Setda", "Biro Hukum"),
    ],
    "isu": [
        ("kode", "nama", "opd_koordinator"),
        ("KE", "Kemiskinan ekstrem", "DINSOS"),
        ("ST", "Stunting", "DINKES"),
        ("ATS", "Anak tidak sekolah", "DISDIKBUD"),
        ("PA", "Perkawinan anak", "DP3AP2KB"),
        ("INF", "Inflasi", "KETAPANG"),
    ],
    "indikator": [
        ("kode", "isu", "nama", "satuan", "arah", "periodisitas", "definisi", "sumber"),
        ("ST-PREV", "ST", "Prevalensi balita stunting", "persen", "turun", "tahunan", "SSGI", "Kemenkes"),
        ("ST-PPGBM", "ST", "Prevalensi stunting e-PPGBM", "persen", "turun", "tahunan", "e-PPGBM", "Dinkes"),
        ("ST-SASARAN", "ST", "Balita stunting sasaran", "anak", "turun", "bulanan", "Sasaran", "Satgas"),
        ("ST-INTERVENSI", "ST", "Balita diintervensi", "anak", "naik", "bulanan", "Intervensi", "Satgas"),
        ("ST-KELUAR", "ST", "Balita keluar stunting", "anak", "naik", "bulanan", "Keluar", "Satgas"),
        ("INF-YOY", "INF", "Inflasi y-o-y", "persen", "rentang", "bulanan", "IHK", "BPS"),
    ],
    "capaian_resmi": [
        ("indikator", "wilayah", "periode", "nilai", "sumber", "url", "catatan", "pilihan"),
        ("ST-PREV", "76.05", "2022", "40.6", "SSGI 2022", "https://example.org/ssgi", "", "utama"),
        ("ST-PREV", "76.04", "2022", "36.0", "SSGI 2022", "https://example.org/ssgi", "", "utama"),
        ("ST-PREV", "76.04", "2021", "36.0", "Artikel A", "https://example.org/a", "salah ketik", "pembanding"),
        ("ST-PREV", "76.04", "2021", "35.5", "SSGI 2021", "https://example.org/ssgi", "", "utama"),
        ("ST-PPGBM", "76.05", "2022", "12.0", "e-PPGBM", "https://example.org/ppgbm", "", "utama"),
        ("ST-SASARAN", "76", "2023-08-W2", "1000", "Dinkes", "https://example.org/st", "", "utama"),
        ("ST-INTERVENSI", "76", "2023-08-W2", "600", "Dinkes", "https://example.org/st", "", "utama"),
        ("ST-KELUAR", "76", "2023-08-W2", "50", "Dinkes", "https://example.org/st", "", "utama"),
        ("INF-YOY", "76", "2024-01", "3.14", "BPS", "https://example.org/bps", "", "utama"),
    ],
    "target": [
        ("indikator", "wilayah", "periode", "lingkup", "nilai", "nilai_atas", "sumber", "url", "catatan", "dasar",
         "rujukan"),
        ("ST-PREV", "76", "2024", "nasional", "14", "", "Perpres 72/2021", "", "", "peraturan", "Perpres 72/2021"),
        ("INF-YOY", "76", "2024", "nasional", "1.5", "3.5", "Sasaran inflasi", "", "2,5 ± 1", "peraturan",
         "PMK 101/2021"),
    ],
    "penanggung_jawab": [
        ("opd", "wilayah", "isu", "sumber"),
        ("DINKES", "76", "ST", "SK 296/2023"),
        ("BIRO-HUKUM", "76.04.04", "", "berita"),
    ],
    "tindakan": [
        ("isu", "opd", "wilayah", "periode", "judul", "uraian", "jumlah", "satuan", "sumber", "url"),
        ("INF", "KETAPANG", "76", "2025-10", "Gerakan Pangan Murah", "", "10", "kali", "Berita", ""),
    ],
    "apel": [
        ("tanggal", "nama", "tempat", "catatan", "sumber", "url"),
        ("2023-07-24", "Apel Satgas 4+1", "", "", "Berita", ""),
    ],
}


def write_seed(folder: Path, tables: dict[str, list[tuple]]) -> Path:
    """Write seed CSV files (first tuple is the header) into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder
