"""UI strings of the screen frame: filter bar, overviews when nothing is chosen, sign-in help (merged into
lib.text.strings.STRINGS)."""

SCREEN_STRINGS: dict[str, dict[str, str]] = {
    "filter.bar": {"id": "Filter", "en": "Filters"},
    "filter.bar_help": {"id": "Bahasa, kabupaten, OPD dan periode untuk semua halaman",
                        "en": "Language, regency, agency and period for every page"},
    "kabupaten.provinsi": {"id": "Sulawesi Barat (semua kabupaten)", "en": "West Sulawesi (all regencies)"},
    "kabupaten.judul_provinsi": {"id": "Rapor 4+1 Provinsi Sulawesi Barat",
                                 "en": "4+1 scorecard of West Sulawesi province"},
    "kabupaten.tanpa_pilihan": {
        "id": "Belum ada kabupaten yang dipilih, jadi halaman ini menampilkan angka tingkat provinsi. "
              "Pilih satu kabupaten di kotak Kabupaten untuk melihat rapornya.",
        "en": "No regency is chosen, so this page shows province-level figures. Choose a regency in the "
              "Regency box to see its scorecard."},
    "kabupaten.opd_pilih_dulu": {
        "id": "Pilih satu kabupaten untuk melihat OPD penanggung jawab kecamatannya.",
        "en": "Choose a regency to see the agencies responsible for its districts."},
    "opd.semua": {"id": "Semua OPD", "en": "All agencies"},
    "opd.judul_semua": {"id": "OPD Satgas 4+1", "en": "Agencies of the 4+1 task force"},
    "opd.tanpa_pilihan": {
        "id": "Belum ada OPD yang dipilih. Berikut semua OPD dan isu yang dikoordinasikannya; pilih satu OPD "
              "di kotak OPD untuk melihat isu, kesegaran data dan wilayah yang diampunya.",
        "en": "No agency is chosen. Below are all agencies and the issues they coordinate; choose one in the "
              "Agency box to see its issues, data freshness and the areas in its care."},
    "opd.col.singkatan": {"id": "Singkatan", "en": "Short name"},
    "opd.col.nama": {"id": "Nama OPD", "en": "Agency"},
    "opd.col.isu": {"id": "Koordinator isu", "en": "Coordinates"},
    "tentang.catatan_sumber": {"id": "Catatan sumber data", "en": "Data source notes"},
    "tentang.catatan_sumber_bahasa": {
        "id": "Asal setiap angka benih, aturan yang dipakai, dan angka yang tidak dimuat beserta alasannya.",
        "en": "Where every seed figure comes from, the rules applied, and the figures left out with the reason "
              "(written in Bahasa Indonesia)."},
    # Stored codes in words (lib.text.i18n.code_label): the indicator's good direction and its periodicity.
    "arah.turun": {"id": "turun", "en": "down"},
    "arah.naik": {"id": "naik", "en": "up"},
    "arah.rentang": {"id": "dalam rentang sasaran", "en": "within the target band"},
    "periodisitas.tahunan": {"id": "tahunan", "en": "annual"},
    "periodisitas.semesteran": {"id": "semesteran", "en": "half-yearly"},
    "periodisitas.triwulanan": {"id": "triwulanan", "en": "quarterly"},
    "periodisitas.bulanan": {"id": "bulanan", "en": "monthly"},
    "periodisitas.mingguan": {"id": "mingguan", "en": "weekly"},
    "auth.kontak_bawaan": {"id": "admin Monitor 4+1 di sekretariat Satgas 4+1 Provinsi Sulawesi Barat",
                           "en": "the Monitor 4+1 admin at the Satgas 4+1 secretariat of West Sulawesi Province"},
    "sumber.simulasi": {"id": "Simulasi Monitor 4+1 (bukan angka resmi)",
                        "en": "Monitor 4+1 simulation (not an official figure)"},
    "peta.skala_band": {"id": "Skala divergen: dalam rentang sasaran = netral",
                        "en": "Diverging scale: within the target band = neutral"},
    "peta.skala_kelas": {"id": "Skala berurutan: makin gelap = makin tinggi", "en": "Sequential scale: darker = higher"},
    "peta.skala_status": {"id": "Warna = status terhadap target", "en": "Colour = status against the target"},
    "peta.band_bawah": {"id": "di bawah sasaran (< {batas})", "en": "below the target band (< {batas})"},
    "peta.band_dalam": {"id": "dalam sasaran ({bawah}–{atas})", "en": "within the target band ({bawah}–{atas})"},
    "peta.band_atas": {"id": "di atas sasaran (> {batas})", "en": "above the target band (> {batas})"},
}
