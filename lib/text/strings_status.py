"""UI strings of status honesty (target basis, data age, change direction, series breaks): id and en.

Merged into lib.text.strings.STRINGS; kept apart so the status texts live in one place.
"""

STATUS_STRINGS: dict[str, dict[str, str]] = {
    "status.di bawah sasaran": {"id": "Di bawah sasaran", "en": "Below the target band"},
    "status.di atas sasaran": {"id": "Di atas sasaran", "en": "Above the target band"},
    # Short names of the kabupaten indicators that differ from their isu's headline indicator.
    "indikator.pendek.KE-P0": {"id": "Kemiskinan (P0)", "en": "Poverty rate (P0)"},
    "indikator.pendek.PA-PROP-BKKBN": {"id": "Perkawinan anak (BKKBN)", "en": "Child marriage (BKKBN)"},
    "indikator.pendek.ATS-DATA": {"id": "ATS (data awal)", "en": "Out of school (initial data)"},
    "status.tanpa_target_resmi": {"id": "Tanpa target resmi", "en": "No official target"},
    # Whose target judges the value: its own, the province's, or a national one.
    "target.cakupan.wilayah": {"id": "Target", "en": "Target"},
    "target.cakupan.provinsi": {"id": "Target provinsi", "en": "Provincial target"},
    "target.cakupan.nasional": {"id": "Target nasional", "en": "National target"},
    "target.sasaran.wilayah": {"id": "Sasaran", "en": "Target band"},
    "target.sasaran.provinsi": {"id": "Sasaran provinsi", "en": "Provincial target band"},
    "target.sasaran.nasional": {"id": "Sasaran nasional", "en": "National target band"},
    "target.teks": {"id": "{jenis} {nilai} ({tahun}) · {rujukan}", "en": "{jenis} {nilai} ({tahun}) · {rujukan}"},
    "target.acuan": {"id": "{nilai} ({tahun}) disampaikan {rujukan}, bukan target resmi",
                     "en": "{nilai} ({tahun}) stated by {rujukan}, not an official target"},
    "target.acuan_pendek": {"id": "Acuan lisan", "en": "Stated figure"},
    "target.acuan_garis": {"id": "Disampaikan {rujukan}, bukan target resmi",
                           "en": "Stated by {rujukan}, not an official target"},
    "target.garis": {"id": "{jenis} · {rujukan}", "en": "{jenis} · {rujukan}"},
    "target.cakupan.kabupaten": {"id": "Target kabupaten", "en": "Regency target"},
    "chart.keterangan": {"id": "Keterangan", "en": "Note"},
    "target.dasar.peraturan": {"id": "peraturan", "en": "regulation"},
    "target.dasar.dokumen": {"id": "dokumen perencanaan", "en": "planning document"},
    "target.dasar.pernyataan": {"id": "pernyataan pejabat", "en": "official's statement"},
    "usia.tahun": {"id": "data {periode} · {n} tahun lalu", "en": "data {periode} · {n} years ago"},
    "usia.bulan": {"id": "data {periode} · {n} bulan lalu", "en": "data {periode} · {n} months ago"},
    "usia.tabel_tahun": {"id": "data {n} tahun lalu", "en": "data {n} years old"},
    "usia.tabel_bulan": {"id": "data {n} bulan lalu", "en": "data {n} months old"},
    # English singulars ("1 year", not "1 years"); lib.present.status_text.age_key picks them for n = 1.
    "usia.tahun_1": {"id": "data {periode} · {n} tahun lalu", "en": "data {periode} · {n} year ago"},
    "usia.bulan_1": {"id": "data {periode} · {n} bulan lalu", "en": "data {periode} · {n} month ago"},
    "usia.tabel_tahun_1": {"id": "data {n} tahun lalu", "en": "data {n} year old"},
    "usia.tabel_bulan_1": {"id": "data {n} bulan lalu", "en": "data {n} month old"},
    "usia.lama": {"id": "Data lama", "en": "Old data"},
    "perubahan.teks": {"id": "{panah} {delta}, {arah}", "en": "{panah} {delta}, {arah}"},
    "perubahan.membaik": {"id": "membaik", "en": "improved"},
    "perubahan.memburuk": {"id": "memburuk", "en": "worsened"},
    "perubahan.tetap": {"id": "tetap", "en": "unchanged"},
    "perubahan.sejak": {"id": "{perubahan} sejak {periode}", "en": "{perubahan} since {periode}"},
    "perubahan.sumber_lain": {"id": "nilai {periode} dari {sumber}", "en": "{periode} value from {sumber}"},
    "bagian.teks": {"id": "{pct} dari {penyebut} ({nama})", "en": "{pct} of {penyebut} ({nama})"},
    "putus_seri.label": {"id": "Putus seri", "en": "Series break"},
    "putus_seri.catatan": {"id": "Garis vertikal = putus seri: {daftar}.", "en": "Vertical rule = series break: {daftar}."},
    "peringkat.periode_beda": {
        "id": "Periode tidak sama: nilai terbaru {terbaru}; lebih lama: {daftar}.",
        "en": "Periods differ: latest values {terbaru}; older: {daftar}.",
    },
    "col.target_dasar": {"id": "Dasar target", "en": "Target basis"},
    "col.acuan": {"id": "Acuan lisan (bukan target)", "en": "Stated figure (not a target)"},
    "col.usia": {"id": "Umur data", "en": "Data age"},
    "col.perubahan": {"id": "Perubahan", "en": "Change"},
    "kartu.capaian_rumus": {
        "id": "Capaian = kemajuan dari nilai awal {awal} ({periode_awal}) menuju target",
        "en": "Achievement = progress from the baseline {awal} ({periode_awal}) towards the target",
    },
    "kartu.capaian_tanpa_awal": {"id": "Capaian tidak dihitung: belum ada nilai awal",
                                 "en": "No achievement %: no baseline yet"},
    "tentang.ambang_rentang": {
        "id": "Sasaran berupa rentang (inflasi): nilai di luar rentang selalu 'di bawah' atau 'di atas sasaran', "
              "berapa pun jaraknya; tidak pernah 'sesuai jalur'.",
        "en": "Band targets (inflation): a value outside the band is always 'below' or 'above the target band', "
              "however close; never 'on track'.",
    },
    "tentang.ambang_tanpa_target": {
        "id": "Tidak ada target berdasar peraturan atau dokumen untuk indikator dan tahun itu. Angka yang hanya "
              "disampaikan pejabat ditampilkan sebagai acuan, bukan target.",
        "en": "No target from a regulation or planning document for that indicator and year. A figure an "
              "official only stated is shown as a reference, not a target.",
    },
    "tentang.usia": {"id": "Umur data", "en": "Data age"},
    "tentang.usia_teks": {
        "id": "Nilai disebut **lama** bila hari ini sudah melewati akhir periodenya lebih dari batas di bawah. "
              "Angkanya tetap tampil, tetapi warna statusnya dipudarkan dan diberi umur (\"data 2022 · 4 tahun "
              "lalu\"); nilai lama tidak dihitung sebagai kemenangan atau kemunduran terkini.",
        "en": "A value is **old** when today is past the end of its period by more than the limit below. Its "
              "number stays, its status colour is muted and labelled with its age (\"data 2022 · 4 years ago\"); "
              "an old value never counts as a current win or loss.",
    },
    "tentang.usia_batas": {"id": "Lama bila lebih dari … setelah periode berakhir",
                           "en": "Old when more than … after the period ended"},
    "tentang.usia_bulan": {"id": "{n} bulan", "en": "{n} months"},
    "tentang.usia_minggu": {"id": "{n} minggu", "en": "{n} weeks"},
    "tentang.contoh": {
        "id": "**Contoh dari data.** {indikator}, {wilayah}: {nilai} ({periode}); nilai awal {awal} "
              "({periode_awal}); {target}. Capaian = ({awal} − {nilai}) / ({awal} − {target_nilai}) × 100 = "
              "**{capaian}**. Status: {status}.",
        "en": "**Worked example.** {indikator}, {wilayah}: {nilai} ({periode}); baseline {awal} ({periode_awal}); "
              "{target}. Achievement = ({awal} − {nilai}) / ({awal} − {target_nilai}) × 100 = **{capaian}**. "
              "Status: {status}.",
    },
}
