"""UI texts of the apel deck, the PDF briefing and the narrative (id and en); merged into lib.text.strings.STRINGS."""

TEXTS: dict[str, dict[str, str]] = {
    "ekspor.unduh_pptx": {"id": "Unduh PowerPoint", "en": "Download PowerPoint"},
    "ekspor.unduh_pdf": {"id": "Unduh ringkasan PDF (1 halaman)", "en": "Download PDF briefing (1 page)"},
    "ekspor.unduh_gambar": {"id": "Gambar untuk dibagikan", "en": "Image to share"},
    "ekspor.gambar_lebar": {"id": "PNG 1920×1080", "en": "PNG 1920×1080"},
    "ekspor.gambar_persegi": {"id": "PNG 1080×1080 (WhatsApp)", "en": "PNG 1080×1080 (WhatsApp)"},
    "ekspor.menyiapkan": {"id": "Menyiapkan berkas…", "en": "Preparing the file…"},
    "ekspor.narasi": {"id": "Catatan singkat", "en": "In brief"},
    "ekspor.kontrol": {"id": "Kontrol", "en": "Controls"},
    "ekspor.kontrol_bantuan": {
        "id": "Tampilkan atau sembunyikan kontrol operator. Papan ketik: ← → dan spasi.",
        "en": "Show or hide the operator's controls. Keyboard: ← → and space.",
    },
    "ekspor.pemilik_merah": {"id": "OPD pemilik sel tidak sesuai jalur: {daftar}",
                             "en": "Agencies owning off-track cells: {daftar}"},
    "ekspor.sejak_judul": {
        "id": "Sejak apel {tanggal}: {n} status berubah ({membaik} membaik, {memburuk} memburuk, {baru} baru dinilai).",
        "en": "Since the apel of {tanggal}: {n} statuses changed ({membaik} improved, {memburuk} worsened, "
              "{baru} newly assessed).",
    },
    "ekspor.sejak_ubah": {"id": "{nama} — {indikator}: {dulu} → {kini}", "en": "{nama} — {indikator}: {dulu} → {kini}"},
    "ekspor.sejak_data": {"id": "Data resmi baru: {n} nilai dalam {unggahan} unggahan.",
                          "en": "New official data: {n} values in {unggahan} upload(s)."},
    "ekspor.opd": {"id": "OPD koordinator", "en": "Coordinating agency"},
    "ekspor.tindakan": {"id": "Tindakan satgas terakhir", "en": "Latest satgas action"},
    "ekspor.tanpa_tindakan": {"id": "Belum ada tindakan tercatat.", "en": "No action recorded yet."},
    "ekspor.provinsi": {"id": "Sulawesi Barat", "en": "West Sulawesi"},
    "ekspor.per_kabupaten": {"id": "{indikator} per kabupaten", "en": "{indikator} by regency"},
    "ekspor.tanpa_kabupaten": {"id": "Belum ada angka resmi tingkat kabupaten.",
                               "en": "No official regency figures yet."},
    "ekspor.sumber": {"id": "Sumber", "en": "Sources"},
    "ekspor.halaman": {"id": "{n}/{total}", "en": "{n}/{total}"},
    "ekspor.dibuat": {"id": "Dibuat {tanggal} dari data sampai {sampai}", "en": "Made {tanggal} from data up to {sampai}"},
    "ekspor.semua_data": {"id": "terbaru", "en": "latest"},
    "ekspor.ringkasan_judul": {"id": "Ringkasan untuk Gubernur — Satgas 4+1 Sulawesi Barat",
                               "en": "Briefing for the Governor — Satgas 4+1 West Sulawesi"},
    "ekspor.grid": {"id": "Kabupaten × isu (nilai, periode)", "en": "Regency × issue (value, period)"},
    "ekspor.perubahan": {"id": "Perubahan terbesar", "en": "Largest changes"},
    "ekspor.catatan": {"id": "Catatan", "en": "Notes"},
    "ekspor.hanya_resmi": {"id": "Hanya angka resmi; angka simulasi tidak ditampilkan.",
                           "en": "Official figures only; simulated values are not shown."},
    "ekspor.tanpa_data": {"id": "Tidak ada data", "en": "No data"},
    "ekspor.kabupaten_tak_dikenal": {
        "id": "Kode kabupaten {kode} tidak dikenal; kode yang sah: {sah}.",
        "en": "Unknown regency code {kode}; valid codes: {sah}.",
    },
    "ekspor.tanggal_salah": {
        "id": "Tanggal '{teks}' tidak bisa dibaca; tulis sebagai TTTT-BB-HH, misalnya 2025-12-31.",
        "en": "Date '{teks}' cannot be read; write it as YYYY-MM-DD, for example 2025-12-31.",
    },
    # Narrative (lib.export.narrative): deterministic templates, every number from the scorecard rows.
    "narasi.tidak_sesuai": {
        "id": "{n} dari {total} isu tidak sesuai jalur menurut angka provinsi terakhir: {daftar}.",
        "en": "{n} of {total} issues are off track on the latest province figures: {daftar}.",
    },
    "narasi.semua_sesuai": {
        "id": "Tidak ada isu yang tidak sesuai jalur menurut angka provinsi terakhir ({total} isu dinilai).",
        "en": "No issue is off track on the latest province figures ({total} issues assessed).",
    },
    "narasi.terburuk": {
        "id": "Kabupaten dengan isu tidak sesuai jalur terbanyak: {nama} ({n} isu; {daftar}).",
        "en": "Regency with the most off-track issues: {nama} ({n} issues; {daftar}).",
    },
    "narasi.membaik": {
        "id": "Perbaikan terbesar: {nama}, {indikator} dari {sebelum} ({periode_sebelum}) menjadi {sesudah} ({periode}).",
        "en": "Largest improvement: {nama}, {indikator} from {sebelum} ({periode_sebelum}) to {sesudah} ({periode}).",
    },
    "narasi.terlama": {
        "id": "Data paling lama: {isu}, {nilai} per {periode}.",
        "en": "Stalest data: {isu}, {nilai} as of {periode}.",
    },
}
