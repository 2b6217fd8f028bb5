"""The UI string table: every key has an Indonesian (id) and an English (en) text."""
from lib.text.strings_status import STATUS_STRINGS

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"id": "Monitor 4+1 Sulbar", "en": "Monitor 4+1 Sulbar"},
    "app.subtitle": {
        "id": "Satgas 4+1 Provinsi Sulawesi Barat",
        "en": "Satgas 4+1 of West Sulawesi Province",
    },
    # Issues, keyed by isu.kode
    "isu.KE": {"id": "Kemiskinan ekstrem", "en": "Extreme poverty"},
    "isu.ST": {"id": "Stunting", "en": "Stunting"},
    "isu.ATS": {"id": "Anak tidak sekolah", "en": "Out-of-school children"},
    "isu.PA": {"id": "Perkawinan anak", "en": "Child marriage"},
    "isu.INF": {"id": "Inflasi", "en": "Inflation"},
    # Codes from lib.judge.status, keyed exactly as stored (with spaces); see status_label()
    "status.tercapai": {"id": "Tercapai", "en": "Achieved"},
    "status.sesuai jalur": {"id": "Sesuai jalur", "en": "On track"},
    "status.perlu perhatian": {"id": "Perlu perhatian", "en": "Needs attention"},
    "status.tidak sesuai jalur": {"id": "Tidak sesuai jalur", "en": "Off track"},
    "status.tidak ada data": {"id": "Tidak ada data", "en": "No data"},
    "band.di bawah rentang": {"id": "Di bawah rentang", "en": "Below the band"},
    "band.dalam rentang": {"id": "Dalam rentang", "en": "Within the band"},
    "band.di atas rentang": {"id": "Di atas rentang", "en": "Above the band"},
    "trend.membaik": {"id": "Membaik", "en": "Improving"},
    "trend.tetap": {"id": "Tetap", "en": "Unchanged"},
    "trend.memburuk": {"id": "Memburuk", "en": "Worsening"},
    "forecast.sudah tercapai": {"id": "Sudah tercapai", "en": "Already achieved"},
    "forecast.diperkirakan tercapai": {"id": "Diperkirakan tercapai", "en": "Expected to be achieved"},
    "forecast.tidak tercapai dengan laju saat ini": {
        "id": "Tidak tercapai dengan laju saat ini",
        "en": "Not achieved at the current pace",
    },
    "forecast.data kurang": {"id": "Data kurang", "en": "Not enough data"},
    # Data provenance (capaian.jenis) and captions
    "jenis.simulasi": {
        "id": "Data simulasi — bukan angka resmi",
        "en": "Simulated data — not an official figure",
    },
    "jenis.simulasi.short": {"id": "Simulasi", "en": "Simulated"},
    "jenis.resmi": {"id": "Resmi", "en": "Official"},
    "caption.sumber": {"id": "Sumber", "en": "Source"},
    "caption.sumber_lain": {"id": "dan {n} sumber lain (lihat tabel)", "en": "and {n} more sources (see the table)"},
    "caption.per_periode": {"id": "per {periode}", "en": "as of {periode}"},
    "no_data": {"id": "Tidak ada data", "en": "No data"},
    # Global filters
    "filter.kabupaten": {"id": "Kabupaten", "en": "Regency"},
    "filter.semua_kabupaten": {"id": "Semua kabupaten", "en": "All regencies"},
    "filter.opd": {"id": "OPD", "en": "Agency (OPD)"},
    "filter.periode": {"id": "Periode", "en": "Period"},
    "filter.bahasa": {"id": "Bahasa", "en": "Language"},
    "filter.semua_opd": {"id": "Semua OPD", "en": "All agencies"},
    "filter.periode_terbaru": {"id": "Terbaru", "en": "Latest"},
    "filter.periode_help": {
        "id": "Tampilkan angka sampai akhir tahun ini. Kosong = angka terbaru.",
        "en": "Show figures up to the end of this year. Empty = latest figures.",
    },
    "galat.berkas_pengguna": {
        "id": "Daftar akun sedang bermasalah, jadi masuk belum bisa dilakukan. Rinciannya sudah dicatat di log "
              "server; hubungi admin aplikasi.",
        "en": "The account list has a problem, so signing in is not possible right now. The details are in the "
              "server log; contact the app's administrator.",
    },
    "galat.tak_terduga": {
        "id": "Terjadi kesalahan tak terduga saat menampilkan halaman ini. Kesalahan sudah dicatat di log server; "
              "muat ulang halaman, atau laporkan ke admin beserta waktu kejadiannya.",
        "en": "An unexpected error occurred while showing this page. It has been written to the server log; "
              "reload the page, or report it to the admin with the time it happened.",
    },
    # Navigation groups
    "nav.isu": {"id": "Isu 4+1", "en": "4+1 issues"},
    "nav.wilayah": {"id": "Wilayah & OPD", "en": "Regions & agencies"},
    "nav.lainnya": {"id": "Lainnya", "en": "More"},
    # Table column headings, keyed by the column they label
    "col.wilayah": {"id": "Wilayah", "en": "Area"},
    "col.kode": {"id": "Kode", "en": "Code"},
    "col.nama": {"id": "Nama", "en": "Name"},
    "col.nama_induk": {"id": "Kabupaten", "en": "Regency"},
    "col.kecamatan": {"id": "Kode kecamatan", "en": "District code"},
    "col.nama_kecamatan": {"id": "Kecamatan", "en": "District"},
    "col.opd": {"id": "OPD", "en": "Agency"},
    "col.nama_opd": {"id": "Nama OPD", "en": "Agency name"},
    "col.isu": {"id": "Isu", "en": "Issue"},
    "col.indikator": {"id": "Indikator", "en": "Indicator"},
    "col.nilai": {"id": "Nilai", "en": "Value"},
    "col.satuan": {"id": "Satuan", "en": "Unit"},
    "col.periode": {"id": "Periode", "en": "Period"},
    "col.target": {"id": "Target", "en": "Target"},
    "col.capaian": {"id": "Capaian target", "en": "Target achievement"},
    "col.status": {"id": "Status", "en": "Status"},
    "col.jenis": {"id": "Jenis data", "en": "Data type"},
    "col.sumber": {"id": "Sumber", "en": "Source"},
    "col.tren": {"id": "Tren", "en": "Trend"},
    "col.arah": {"id": "Arah baik", "en": "Good direction"},
    "col.periodisitas": {"id": "Periodisitas", "en": "Frequency"},
    "col.definisi": {"id": "Definisi", "en": "Definition"},
    "col.jumlah_nilai": {"id": "Jumlah nilai", "en": "Values"},
    "col.periode_terakhir": {"id": "Data terakhir", "en": "Latest data"},
    "col.kesegaran": {"id": "Kesegaran", "en": "Freshness"},
    # Cards, maps, downloads
    "kartu.dari": {"id": "{nilai} dari {target}", "en": "{nilai} of {target}"},
    "kartu.capaian_judul": {"id": "Capaian target", "en": "Target achievement"},
    "kartu.perubahan": {"id": "{delta} sejak {periode}", "en": "{delta} since {periode}"},
    "peta.skematis": {
        "id": "Peta skematis (petak, bukan batas wilayah). Pasang batas wilayah dengan "
              "`make geo SRC=folder-berkas-geojson` untuk peta sebenarnya.",
        "en": "Schematic tile map (not real boundaries). Install boundaries with "
              "`make geo SRC=folder-with-geojson` for the real map.",
    },
    "peta.tanpa_batas": {
        "id": "Berkas batas {level} belum dipasang; peta tingkat ini tidak dapat digambar.",
        "en": "No {level} boundary file is installed; this level cannot be mapped.",
    },
    "unduh.csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "unduh.excel": {"id": "Unduh Excel", "en": "Download Excel"},
    # Ringkasan
    "ringkasan.judul": {"id": "Ringkasan Satgas 4+1", "en": "Satgas 4+1 overview"},
    "ringkasan.keterangan": {
        "id": "Angka provinsi terbaru tiap isu, posisi tiap kabupaten, dan perbaikan terbesar sejak periode sebelumnya.",
        "en": "Latest provincial figure of each issue, where each regency stands, and the largest improvements.",
    },
    "ringkasan.keterangan_kabupaten": {
        "id": "Angka terbaru Kabupaten {nama} per isu (indikator tingkat kabupaten).",
        "en": "Latest figures of {nama} regency per issue (regency-level indicators).",
    },
    "ringkasan.peta": {"id": "Status per kabupaten", "en": "Status by regency"},
    "ringkasan.pilih_isu": {"id": "Isu", "en": "Issue"},
    "ringkasan.matriks": {"id": "Rapor kabupaten × isu", "en": "Regency × issue scorecard"},
    "ringkasan.matriks_keterangan": {
        "id": "Indikator per isu: {daftar}. Abu-abu = belum ada data atau target tingkat kabupaten.",
        "en": "Indicator per issue: {daftar}. Grey = no regency-level data or target yet.",
    },
    "ringkasan.kemenangan": {"id": "Kemenangan kecil", "en": "Small wins"},
    "ringkasan.kemenangan_kosong": {"id": "Belum ada perbaikan yang tercatat.", "en": "No improvement recorded yet."},
    # Isu pages
    "isu.koordinator": {"id": "OPD koordinator: {opd}", "en": "Coordinating agency: {opd}"},
    "isu.pilih_indikator": {"id": "Indikator", "en": "Indicator"},
    "isu.kosong": {"id": "Belum ada data untuk isu ini.", "en": "No data for this issue yet."},
    "isu.peta_kabupaten": {"id": "Peta kabupaten — klik untuk memilih", "en": "Regency map — click to select"},
    "isu.peta_kecamatan": {"id": "Peta kecamatan Kabupaten {nama}", "en": "District map of {nama}"},
    "isu.peringkat": {"id": "Peringkat", "en": "Ranking"},
    "isu.capaian_help": {
        "id": "Angka di tengah pengukur = capaian: kemajuan dari nilai awal menuju target (0–100%); di bawahnya "
              "nilai indikator dan targetnya. Arahkan kursor untuk dasar target; rumusnya di halaman Tentang.",
        "en": "The number in each gauge = achievement: progress from the baseline towards the target (0–100%); "
              "below it the indicator's value and its target. Hover for the target's basis; formula on About.",
    },
    "isu.tren": {"id": "Tren dan target", "en": "Trend and target"},
    "isu.tren_sedikit": {
        "id": "Baru ada {n} titik data untuk pilihan ini; tren belum bisa digambar. Angkanya ada di tabel peringkat.",
        "en": "Only {n} data points for this selection; no trend can be drawn yet. The figures are in the table.",
    },
    "isu.garis_target": {"id": "Garis putus-putus/pita hijau = target ({wilayah}).",
                         "en": "Dashed line/green band = target ({wilayah})."},
    "isu.celah": {"id": "Garis terputus = ada periode tanpa data.", "en": "A break in a line = a period without data."},
    "isu.tanpa_kecamatan": {
        "id": "Indikator ini belum punya data tingkat kecamatan; peta tetap per kabupaten.",
        "en": "This indicator has no district-level data yet; the map stays at regency level.",
    },
    "peta.ada_simulasi": {"id": "termasuk data simulasi", "en": "includes simulated data"},
    "peta.hanya_provinsi": {
        "id": "Indikator ini hanya tersedia untuk tingkat provinsi; belum ada angka per kabupaten.",
        "en": "This indicator exists for the province only; there are no regency figures yet.",
    },
    "isu.capaian_target": {"id": "Capaian terhadap target", "en": "Achievement against target"},
    "isu.tanpa_target": {
        "id": "Tidak ada nilai di wilayah terpilih yang dinilai terhadap target berdasar peraturan atau dokumen "
              "(angka yang hanya disampaikan pejabat tidak dijadikan target).",
        "en": "No value in the chosen areas is judged against a target from a regulation or planning document "
              "(a figure an official only stated is not used as a target).",
    },
    # Kabupaten page
    "kabupaten.pilih": {"id": "Kabupaten", "en": "Regency"},
    "kabupaten.judul": {"id": "Rapor 4+1 Kabupaten {nama}", "en": "4+1 scorecard of {nama}"},
    "kabupaten.keterangan": {
        "id": "Semua indikator yang punya data untuk kabupaten ini: status, angka terbaru, target dan tren.",
        "en": "Every indicator with data for this regency: status, latest figure, target and trend.",
    },
    "kabupaten.hitungan": {
        "id": "Hitungan status dari {resmi} indikator resmi; {simulasi} indikator bernilai simulasi tidak dihitung.",
        "en": "Status counts of {resmi} official indicators; {simulasi} simulated indicators are not counted.",
    },
    "kabupaten.kosong": {"id": "Belum ada data untuk kabupaten ini.", "en": "No data for this regency yet."},
    "kabupaten.opd_judul": {"id": "OPD penanggung jawab kecamatan", "en": "Agencies responsible for districts"},
    "kabupaten.opd_kosong": {
        "id": "Penugasan OPD untuk kecamatan di kabupaten ini belum tercatat (lampiran SK 296/2023 belum ditemukan).",
        "en": "No agency assignment is recorded for this regency's districts (the SK 296/2023 annex was not found).",
    },
    # OPD page
    "opd.pilih": {"id": "OPD", "en": "Agency"},
    "opd.koordinator": {"id": "Koordinator isu: {isu}", "en": "Coordinates: {isu}"},
    "opd.bukan_koordinator": {
        "id": "OPD ini bukan koordinator isu; perannya sebagai penanggung jawab wilayah ada di bawah.",
        "en": "This agency coordinates no issue; its role as area lead is below.",
    },
    "opd.kesegaran": {"id": "Kesegaran data indikator", "en": "Freshness of indicator data"},
    "opd.wilayah_judul": {"id": "Wilayah yang diampu", "en": "Areas in its care"},
    "opd.wilayah_kosong": {
        "id": "Belum tercatat kecamatan yang diampu OPD ini.", "en": "No district is recorded for this agency."},
    "opd.angka_kosong": {
        "id": "Belum ada angka tingkat kecamatan untuk kecamatan ini.", "en": "No district-level figures yet."},
    "opd.angka_judul": {"id": "Angka kecamatan yang diampu", "en": "Figures of its districts"},
    "opd.semua_isu": {"id": "Semua isu", "en": "All issues"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "level.provinsi": {"id": "Provinsi", "en": "Province"},
    "level.kabupaten": {"id": "Kabupaten", "en": "Regency"},
    "level.kecamatan": {"id": "Kecamatan", "en": "District"},
    "level.desa": {"id": "Desa/kelurahan", "en": "Village"},
    "opd.segar": {"id": "Mutakhir", "en": "Up to date"},
    "opd.terlambat": {"id": "Terlambat {n} periode", "en": "{n} periods late"},
    # About
    "tentang.judul": {"id": "Tentang Monitor 4+1 Sulbar", "en": "About Monitor 4+1 Sulbar"},
    "tentang.pengantar": {
        "id": "Dasbor pemantauan Satgas 4+1 Provinsi Sulawesi Barat (Keputusan Gubernur No. 296 Tahun 2023): "
              "kemiskinan ekstrem, stunting, anak tidak sekolah, perkawinan anak, dan pengendalian inflasi. "
              "Setiap angka membawa sumber dan periodenya; kode wilayah mengikuti Kemendagri.",
        "en": "Monitoring dashboard of West Sulawesi's Satgas 4+1 (Governor's Decree No. 296 of 2023): extreme "
              "poverty, stunting, out-of-school children, child marriage and inflation control. Every figure "
              "carries its source and period; area codes follow the Ministry of Home Affairs.",
    },
    "tentang.indikator": {"id": "Indikator", "en": "Indicators"},
    "tentang.status": {"id": "Cara status ditentukan", "en": "How statuses are decided"},
    "tentang.status_teks": {
        "id": "Status hanya dihitung terhadap target yang **berdasar peraturan** (Perpres, Inpres, PMK, Perda) "
              "atau **dokumen perencanaan** (RPJMN, RPJMD, Renstra, Stranas), untuk indikator yang sama dan "
              "tahun nilai itu (bila tahun itu tidak punya target: target terdekat berikutnya; target yang sudah "
              "lewat tidak dipakai). Kabupaten tanpa target sendiri dinilai terhadap target provinsi atau "
              "nasional, dan layar menyebutnya. Setiap status menampilkan nilai target, tahun dan dasarnya.\n\n"
              "**Capaian** (angka di tengah setiap pengukur) = kemajuan dari **nilai awal** (nilai tertua seri "
              "wilayah itu) menuju target: (awal − nilai) / (awal − target) × 100 untuk indikator yang makin "
              "kecil makin baik; untuk jumlah kumulatif (naik) nilai awalnya 0. Tanpa nilai awal yang masih di "
              "atas target, capaian tidak dihitung; status hanya menyatakan tercapai atau perlu perhatian. "
              "Untuk rentang (inflasi) capaian 100 di dalam rentang dan turun sesuai jarak di luarnya. Bila "
              "tanggal awal dan target diketahui, capaian dibandingkan dengan lintasan lurus menuju target.",
        "en": "A status is judged only against a target **set in a regulation** (Perpres, Inpres, PMK, Perda) "
              "or a **planning document** (RPJMN, RPJMD, Renstra, Stranas), for the same indicator and the "
              "value's own year (without one: the next target; an expired target is not used). A regency "
              "without its own target is judged against the provincial or national target, and the screen says "
              "so. Every status shows the target's value, year and basis.\n\n"
              "**Achievement** (the number in every gauge) = progress from the **baseline** (the area's oldest "
              "value in the series) towards the target: (baseline − value) / (baseline − target) × 100 where "
              "lower is better; cumulative counts (naik) start from 0. Without a baseline still above the "
              "target there is no achievement %; the status only says achieved or needs attention. For a band "
              "(inflation) achievement is 100 inside the band and falls with the distance outside. When "
              "baseline and target dates are known, achievement is compared with a straight path to the target.",
    },
    "tentang.data": {"id": "Data resmi dan data simulasi", "en": "Official and simulated data"},
    "tentang.data_teks": {
        "id": "Angka **resmi** berasal dari terbitan BPS, Kemenkes (SSGI/SKI), Dinas, Bapperida, dan kutipan pejabat "
              "di media, masing-masing dengan alamat sumber. Angka **simulasi** hanya mengisi seri yang tidak "
              "pernah diterbitkan (jumlah intervensi bulanan per kabupaten dan kecamatan, e-PPGBM per kecamatan), "
              "dikalibrasi ke angka resmi, dan selalu ditandai 🧪 serta titik berongga pada grafik.",
        "en": "**Official** figures come from BPS, the Ministry of Health (SSGI/SKI), provincial agencies and "
              "officials quoted in the press, each with its address. **Simulated** figures only fill series that "
              "were never published, are calibrated to official totals, and are always marked 🧪 and drawn hollow.",
    },
    "tentang.lisensi": {"id": "Lisensi dan atribusi", "en": "Licences and attribution"},
    "tentang.batas_belum": {
        "id": "Batas wilayah belum dipasang; peta memakai petak skematis. Pasang dengan `make geo SRC=...`.",
        "en": "No boundaries installed; maps use schematic tiles. Install with `make geo SRC=...`.",
    },
    "tentang.ambang": {"id": "Ambang", "en": "Threshold"},
    "tentang.ambang_tercapai": {"id": "Nilai sudah mencapai target atau di dalam rentang.",
                                "en": "The value meets the target or lies inside the band."},
    "tentang.ambang_sesuai": {"id": "Capaian ≥ {pct:.0f}%, atau tertinggal ≤ {gap:.0f} poin dari lintasan.",
                              "en": "Achievement ≥ {pct:.0f}%, or ≤ {gap:.0f} points behind the path."},
    "tentang.ambang_perhatian": {"id": "Capaian ≥ {pct:.0f}%, atau tertinggal ≤ {gap:.0f} poin dari lintasan.",
                                 "en": "Achievement ≥ {pct:.0f}%, or ≤ {gap:.0f} points behind the path."},
    "tentang.ambang_tidak": {"id": "Di bawah itu, atau nilai memburuk menjauhi target.",
                             "en": "Below that, or the value moved away from the target."},
    "tentang.atribusi_wilayah": {
        "id": "Data kode wilayah: idn-area-data 4.0.1 (fityannugroho/idn-area-data), Open Database License 1.0; "
              "berdasarkan Kepmendagri No 300.2.2-2138 Tahun 2025.",
        "en": "Area code data: idn-area-data 4.0.1 (fityannugroho/idn-area-data), Open Database License 1.0; "
              "based on Kepmendagri No 300.2.2-2138 of 2025.",
    },
    "tentang.atribusi_angka": {
        "id": "Angka terbitan tetap milik penerbitnya (BPS, Kemenkes, pemerintah daerah, media); sumber dan alamat "
              "tiap angka ada di tabel dan unduhan. Rincian: bagian *Catatan sumber data* di bawah.",
        "en": "Published figures belong to their publishers (BPS, Ministry of Health, local government, press); "
              "each figure's source and address are in the tables and downloads. Details: *Data source notes* below.",
    },
    # Presentation
    "presentasi.judul": {"id": "Apel Koordinasi Satgas 4+1 Sulawesi Barat",
                         "en": "Satgas 4+1 West Sulawesi coordination meeting"},
    "presentasi.sebelumnya": {"id": "Sebelumnya", "en": "Previous"},
    "presentasi.berikutnya": {"id": "Berikutnya", "en": "Next"},
    "presentasi.jeda": {"id": "Jeda", "en": "Pause"},
    "presentasi.putar": {"id": "Putar", "en": "Play"},
    "presentasi.interval": {"id": "Ganti slide tiap", "en": "Advance every"},
    "presentasi.detik": {"id": "tiap {n} detik", "en": "every {n} s"},
    "presentasi.keluar": {"id": "Keluar dari presentasi", "en": "Leave the presentation"},
    "presentasi.per_kabupaten": {"id": "per kabupaten", "en": "by regency"},
    "presentasi.tanpa_kabupaten": {"id": "Belum ada angka tingkat kabupaten untuk isu ini.",
                                   "en": "No regency-level figures for this issue yet."},
    "presentasi.terima_kasih": {"id": "Terima kasih", "en": "Thank you"},
    "presentasi.publik": {"id": "Hanya angka tingkat provinsi dan kabupaten yang boleh tampil di depan umum",
                          "en": "Only province and regency figures, fit for public display"},
    # Chart labels (lib.charts.values)
    "chart.empty": {"id": "Tidak ada data untuk pilihan ini", "en": "No data for this selection"},
    "chart.wilayah": {"id": "Wilayah", "en": "Area"},
    "chart.isu": {"id": "Isu", "en": "Issue"},
    "chart.periode": {"id": "Periode", "en": "Period"},
    "chart.jenis": {"id": "Jenis data", "en": "Data type"},
    "chart.nilai": {"id": "Nilai", "en": "Value"},
    "chart.status": {"id": "Status", "en": "Status"},
    "chart.target": {"id": "Target", "en": "Target"},
    "chart.target_band": {"id": "Rentang target", "en": "Target band"},
    "chart.batas_bawah": {"id": "Batas bawah", "en": "Lower bound"},
    "chart.batas_atas": {"id": "Batas atas", "en": "Upper bound"},
    "chart.capaian": {"id": "Capaian", "en": "Achievement"},
    "chart.caption_simulasi": {"id": "Titik berongga = data simulasi, bukan angka resmi.", "en": "Hollow points = simulated data, not official figures."},
    "chart.tanpa_target": {"id": "Tanpa target resmi", "en": "No official target"},
    # Data entry (Unggah) and history (Riwayat)
    "nav.data": {"id": "Data", "en": "Data"},
    "page.unggah": {"id": "Unggah data", "en": "Upload data"},
    "page.riwayat": {"id": "Riwayat", "en": "History"},
    "page.kualitas": {"id": "Kualitas data", "en": "Data quality"},
    "unggah.judul": {"id": "Unggah data", "en": "Upload data"},
    "unggah.keterangan": {
        "id": "Unduh templat, isi, lalu unggah. Setiap baris diperiksa; bila satu saja salah, tidak ada yang dimuat "
              "dan semua masalah ditampilkan sekaligus.",
        "en": "Download a template, fill it in, upload it. Every row is checked; if one is wrong, nothing is "
              "loaded and every problem is listed at once.",
    },
    "unggah.tab_templat": {"id": "1. Unduh templat", "en": "1. Download a template"},
    "unggah.tab_unggah": {"id": "2. Unggah berkas", "en": "2. Upload the file"},
    "unggah.tanpa_indikator": {"id": "Akun Anda belum berwenang memuat indikator apa pun; hubungi admin.",
                               "en": "Your account may not load any indicator yet; ask the admin."},
    "unggah.indikator": {"id": "Indikator", "en": "Indicator"},
    "unggah.periode": {"id": "Kode periode", "en": "Period code"},
    "unggah.periode_help": {"id": "Bentuk: 2025, 2025-S1, 2025-Q3, 2025-08 atau 2025-08-W2.",
                            "en": "Forms: 2025, 2025-S1, 2025-Q3, 2025-08 or 2025-08-W2."},
    "unggah.unduh_templat": {"id": "Unduh templat Excel ({periode}, {n} wilayah)",
                             "en": "Download the Excel template ({periode}, {n} areas)"},
    "unggah.berkas": {"id": "Berkas isian (.xlsx atau .csv, maks. {mb} MB)",
                      "en": "Filled file (.xlsx or .csv, max {mb} MB)"},
    "unggah.petunjuk": {
        "id": "Templat Excel atau format panjang dengan kolom indikator, wilayah, periode, nilai, sumber, catatan. "
              "Tulis angka cara Indonesia: 16.377 anak, 40,6 persen.",
        "en": "The Excel template or the long format with columns indikator, wilayah, periode, nilai, sumber, "
              "catatan. Write numbers the Indonesian way: 16.377 children, 40,6 percent.",
    },
    "unggah.ditolak": {"id": "{n} masalah ditemukan; tidak ada yang dimuat. Perbaiki lalu unggah ulang seluruh berkas.",
                       "en": "{n} problems found; nothing was loaded. Fix them and upload the whole file again."},
    "unggah.unduh_laporan": {"id": "Unduh daftar masalah (CSV)", "en": "Download the problem list (CSV)"},
    "unggah.kol_baris": {"id": "Baris", "en": "Row"},
    "unggah.kol_kolom": {"id": "Kolom", "en": "Column"},
    "unggah.kol_nilai": {"id": "Isi sel", "en": "Cell"},
    "unggah.kol_masalah": {"id": "Masalah", "en": "Problem"},
    "unggah.kol_perbaikan": {"id": "Yang benar", "en": "What would be right"},
    "unggah.kol_lama": {"id": "Nilai sekarang", "en": "Current value"},
    "unggah.kol_baru": {"id": "Nilai baru", "en": "New value"},
    "unggah.status.baru": {"id": "Baru", "en": "New"},
    "unggah.status.berubah": {"id": "Berubah", "en": "Changed"},
    "unggah.status.sama": {"id": "Sama (dilewati)", "en": "Same (skipped)"},
    "unggah.pratinjau": {"id": "Berkas lolos pemeriksaan: {baru} nilai baru, {berubah} berubah, {sama} sama.",
                         "en": "The file passed every check: {baru} new values, {berubah} changed, {sama} the same."},
    "unggah.tidak_ada_perubahan": {"id": "Semua nilai sama dengan yang sudah ada; tidak ada yang perlu dimuat.",
                                   "en": "Every value equals the current one; there is nothing to load."},
    "unggah.muat": {"id": "Muat {n} nilai", "en": "Load {n} values"},
    "riwayat.judul": {"id": "Riwayat unggahan", "en": "Upload history"},
    "riwayat.keterangan": {
        "id": "Setiap pemuatan adalah satu batch. Nilai tidak pernah dihapus: pembatalan dicatat sebagai baris baru "
              "dan angka kembali ke nilai sebelumnya.",
        "en": "Every load is a batch. Values are never deleted: a rollback is recorded as a new row and the "
              "figures return to their previous values.",
    },
    "riwayat.kosong": {"id": "Belum ada unggahan.", "en": "No uploads yet."},
    "riwayat.ya": {"id": "Dibatalkan", "en": "Rolled back"},
    "riwayat.pilih": {"id": "Lihat isi batch", "en": "Show the rows of batch"},
    "riwayat.batal_judul": {"id": "**Batalkan unggahan #{id}**", "en": "**Roll back upload #{id}**"},
    "riwayat.alasan": {"id": "Alasan pembatalan", "en": "Reason"},
    "riwayat.alasan_wajib": {"id": "Isi alasan pembatalan.", "en": "Give a reason."},
    "riwayat.batalkan": {"id": "Batalkan unggahan ini", "en": "Roll back this upload"},
    "riwayat.dibatalkan": {"id": "Unggahan #{id} dibatalkan; angka kembali ke nilai sebelumnya.",
                           "en": "Upload #{id} rolled back; figures returned to their previous values."},
    "unggah.kol_sumber_lama": {"id": "Sumber nilai sekarang", "en": "Source of the current value"},
    "riwayat.baris.id": {"id": "No.", "en": "No."},
    "riwayat.baris.indikator": {"id": "Indikator", "en": "Indicator"},
    "riwayat.baris.wilayah": {"id": "Kode wilayah", "en": "Area code"},
    "riwayat.baris.nama_wilayah": {"id": "Wilayah", "en": "Area"},
    "riwayat.baris.periode": {"id": "Periode", "en": "Period"},
    "riwayat.baris.nilai": {"id": "Nilai", "en": "Value"},
    "riwayat.baris.sumber": {"id": "Sumber", "en": "Source"},
    "riwayat.baris.catatan": {"id": "Catatan", "en": "Note"},
    "riwayat.baris.jenis": {"id": "Jenis data", "en": "Data type"},
    "riwayat.baris.terkini": {"id": "Masih terkini", "en": "Still current"},
    "riwayat.baris.isu": {"id": "Isu", "en": "Issue"},
    "riwayat.baris.opd": {"id": "OPD", "en": "Agency (OPD)"},
    "riwayat.baris.judul": {"id": "Tindakan", "en": "Action"},
    "riwayat.baris.jumlah": {"id": "Jumlah", "en": "Amount"},
    "riwayat.baris.satuan": {"id": "Satuan", "en": "Unit"},
    "riwayat.kol.id": {"id": "Batch", "en": "Batch"},
    "riwayat.kol.nama_berkas": {"id": "Berkas", "en": "File"},
    "riwayat.kol.dimuat_oleh": {"id": "Dimuat oleh", "en": "Loaded by"},
    "riwayat.kol.dimuat_pada": {"id": "Dimuat pada", "en": "Loaded at"},
    "riwayat.kol.jumlah_baris": {"id": "Baris", "en": "Rows"},
    "riwayat.kol.baris_terkini": {"id": "Masih terkini", "en": "Still current"},
    "riwayat.kol.indikator": {"id": "Indikator", "en": "Indicators"},
    "riwayat.kol.periode": {"id": "Periode", "en": "Periods"},
    "riwayat.kol.dibatalkan": {"id": "Status", "en": "Status"},
    "riwayat.kol.alasan": {"id": "Alasan pembatalan", "en": "Rollback reason"},
    # Pages
    "page.ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "page.kabupaten": {"id": "Kabupaten", "en": "Regency"},
    "page.opd": {"id": "OPD", "en": "Agencies"},
    "page.presentasi": {"id": "Presentasi", "en": "Presentation"},
    "page.tentang": {"id": "Tentang", "en": "About"},
    # Units, keyed by indikator.satuan; ".one" is the English singular
    "unit.persen": {"id": "%", "en": "%"},
    "unit.poin": {"id": "poin", "en": "pt"},
    "unit.anak": {"id": "anak", "en": "children"},
    "unit.anak.one": {"id": "anak", "en": "child"},
    "unit.jiwa": {"id": "jiwa", "en": "people"},
    "unit.jiwa.one": {"id": "jiwa", "en": "person"},
    "unit.perkara": {"id": "perkara", "en": "cases"},
    "unit.perkara.one": {"id": "perkara", "en": "case"},
    "unit.kegiatan": {"id": "kegiatan", "en": "activities"},
    "unit.kegiatan.one": {"id": "kegiatan", "en": "activity"},
    "unit.KK": {"id": "KK", "en": "households"},
    "unit.KK.one": {"id": "KK", "en": "household"},
    "unit.balita": {"id": "balita", "en": "under-fives"},
    "unit.balita.one": {"id": "balita", "en": "under-five"},
    "unit.orang": {"id": "orang", "en": "people"},
    "unit.orang.one": {"id": "orang", "en": "person"},
    "unit.keluarga": {"id": "keluarga", "en": "families"},
    "unit.keluarga.one": {"id": "keluarga", "en": "family"},
    "unit.rumah tangga": {"id": "rumah tangga", "en": "households"},
    "unit.rumah tangga.one": {"id": "rumah tangga", "en": "household"},
    "unit.desa": {"id": "desa", "en": "villages"},
    "unit.desa.one": {"id": "desa", "en": "village"},
    "unit.indeks": {"id": "indeks", "en": "index"},
    # Period labels (lib.text.periods); {roman} is I–IV, {n} is 1–4
    "period.semester": {"id": "Semester {roman} {year}", "en": "Semester {roman} {year}"},
    "period.triwulan": {"id": "Triwulan {roman} {year}", "en": "Q{n} {year}"},
    "period.bulan": {"id": "{month} {year}", "en": "{month} {year}"},
    "period.minggu": {"id": "Minggu {roman} {month} {year}", "en": "Week {roman}, {month} {year}"},
    # Sign-in
    "auth.judul": {"id": "Masuk", "en": "Sign in"},
    "auth.keterangan": {
        "id": "Unggah data, Riwayat dan Kualitas data adalah halaman kerja Satgas 4+1: petugas OPD memuat angka "
              "capaian, admin memeriksa riwayat muatan dan kelengkapan laporan. Masuk dengan akun Anda. Belum punya "
              "akun? Hubungi {kontak}. Angka dan peta dapat dibuka tanpa akun di Ringkasan dan halaman isu.",
        "en": "Upload data, History and Data quality are the 4+1 task force's work pages: agency staff load "
              "figures, admins check the load history and reporting. Sign in with your account. No account yet? "
              "Contact {kontak}. Figures and maps are open to everyone on the Overview and issue pages.",
    },
    "auth.nama": {"id": "Nama pengguna", "en": "User name"},
    "auth.sandi": {"id": "Kata sandi", "en": "Password"},
    "auth.masuk": {"id": "Masuk", "en": "Sign in"},
    "auth.keluar": {"id": "Keluar", "en": "Sign out"},
    "auth.kosong": {"id": "Isi nama pengguna dan kata sandi.", "en": "Enter your user name and password."},
    "auth.salah": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "auth.coba_lagi": {
        "id": "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {detik} detik.",
        "en": "Too many failed sign-in attempts; try again in {detik} seconds.",
    },
    "auth.belum_ada_pengguna": {
        "id": "Aplikasi ini belum punya akun pengguna, jadi belum ada yang bisa masuk. Hubungi {kontak} untuk "
              "menyiapkan akun (langkahnya ada di README). Angka dan peta tetap dapat dibuka di Ringkasan.",
        "en": "This app has no user accounts yet, so nobody can sign in. Contact {kontak} to set accounts up (the "
              "steps are in the README). Figures and maps stay open on the Overview.",
    },
    "auth.tidak_berwenang": {
        "id": "Halaman ini untuk peran lain; akun Anda ({peran}) tidak dapat membukanya. Anda tetap dapat membaca "
              "semua angka, peta dan unduhan di halaman lain. Perlu hak memuat data untuk OPD Anda? Hubungi "
              "{kontak}.",
        "en": "This page is for another role; your account ({peran}) cannot open it. You can still read every "
              "figure, map and download on the other pages. Need the right to load data for your agency? "
              "Contact {kontak}.",
    },
    "auth.masuk_sebagai": {"id": "Masuk sebagai **{nama}** ({peran})", "en": "Signed in as **{nama}** ({peran})"},
    "auth.peran.admin": {"id": "admin", "en": "admin"},
    "auth.peran.opd": {"id": "OPD {opd}", "en": "agency {opd}"},
    "auth.peran.viewer": {"id": "pembaca", "en": "viewer"},
    "auth.oidc_masuk": {"id": "Masuk dengan akun instansi", "en": "Sign in with your organisation account"},
    "auth.oidc_atau": {"id": "atau dengan kata sandi:", "en": "or with a password:"},
    "auth.oidc_belum_terdaftar": {
        "id": "Akun {email} belum terdaftar di aplikasi ini. Minta {kontak} mendaftarkannya (sebutkan OPD Anda).",
        "en": "The account {email} is not registered in this app yet. Ask {kontak} to register it (name your "
              "agency).",
    },
    "auth.oidc_tanpa_email": {
        "id": "Penyedia masuk tidak memberi alamat e-mail yang terverifikasi; akun ini tidak bisa dipakai.",
        "en": "The sign-in provider gave no verified e-mail address; this account cannot be used.",
    },
    "auth.oidc_tanpa_authlib": {
        "id": "Masuk dengan akun instansi belum tersedia di server ini; sementara itu masuk dengan kata sandi.",
        "en": "Signing in with an organisation account is not available on this server yet; meanwhile sign in "
              "with a password.",
    },
    # Data quality
    "kualitas.judul": {"id": "Kualitas data", "en": "Data quality"},
    "kualitas.keterangan": {
        "id": "Siapa yang belum melapor, seri yang terlambat, dan angka yang perlu diperiksa ulang — dinilai per "
              "{tanggal}. Wilayah yang diharapkan melapor: provinsi, ditambah kabupaten yang pernah melaporkan "
              "indikator itu; kecamatan dan desa tidak dihitung.",
        "en": "Who has not reported, which series are late, and which figures need a second look — as of "
              "{tanggal}. Expected to report: the province, plus every regency that has ever reported the "
              "indicator; districts and villages are not counted.",
    },
    "kualitas.jendela": {"id": "Rentang periode", "en": "Period window"},
    "kualitas.jendela_help": {
        "id": "Seri bulanan/mingguan dilihat per bulan, seri tahunan/semesteran/triwulanan per tahun, sampai "
              "periode terakhir yang sudah selesai.",
        "en": "Monthly/weekly series are counted in months, annual/half-yearly/quarterly ones in years, up to "
              "the last completed period.",
    },
    "kualitas.jendela.pendek": {"id": "6 bulan / 2 tahun", "en": "6 months / 2 years"},
    "kualitas.jendela.standar": {"id": "12 bulan / 3 tahun", "en": "12 months / 3 years"},
    "kualitas.jendela.panjang": {"id": "24 bulan / 5 tahun", "en": "24 months / 5 years"},
    "kualitas.bukan_koordinator": {
        "id": "{opd} bukan OPD koordinator isu, jadi tidak punya indikator untuk dinilai di sini. Kosongkan filter "
              "OPD untuk melihat semua isu.",
        "en": "{opd} coordinates no issue, so it has no indicators to assess here. Clear the agency filter to "
              "see every issue.",
    },
    "kualitas.lengkap_judul": {"id": "Kelengkapan laporan", "en": "Reporting completeness"},
    "kualitas.lengkap_keterangan": {
        "id": "Porsi wilayah yang diharapkan yang sudah punya angka, per indikator dan periode. Periode terakhir "
              "mungkin masih menunggu terbit.",
        "en": "Share of the expected areas that have a figure, per indicator and period. The last period may "
              "still be awaiting publication.",
    },
    "kualitas.rincian": {"id": "Periode yang belum lengkap dan siapa yang belum melapor",
                         "en": "Incomplete periods and who has not reported"},
    "kualitas.semua_lengkap": {"id": "Semua wilayah yang diharapkan sudah melapor di rentang ini.",
                               "en": "Every expected area has reported in this window."},
    "kualitas.tanpa_indikator": {"id": "Tidak ada indikator untuk dinilai dengan filter ini.",
                                 "en": "No indicators to assess with these filters."},
    "kualitas.tepat_judul": {"id": "Ketepatan waktu", "en": "Timeliness"},
    "kualitas.tepat_keterangan": {
        "id": "Periode terakhir yang berisi angka, dibandingkan periodisitas indikator; satu periode diberi "
              "kelonggaran untuk terbit. Yang paling terlambat di atas.",
        "en": "Latest period with a figure, against the indicator's frequency; one period is allowed for "
              "publication. The latest come first.",
    },
    "kualitas.pencilan_judul": {"id": "Angka yang perlu diperiksa", "en": "Figures to review"},
    "kualitas.pencilan_keterangan": {
        "id": "Angka terbaru tiap wilayah (provinsi, kabupaten, kecamatan) yang jauh dari riwayatnya sendiri "
              "(minimal {n} periode sebelumnya) atau dari wilayah setingkat di induk yang sama (minimal {n}; hanya "
              "untuk persentase dan indeks, karena jumlah mengikuti besar penduduk). Skor = skor-z robust (median "
              "dan MAD); ditandai bila |skor| ≥ {ambang}. Pencilan belum tentu salah: periksa sumbernya.",
        "en": "Each area's latest figure (province, regency, district) that lies far from its own history (at "
              "least {n} earlier periods) or from the same-level areas under the same parent (at least {n}; only "
              "for percentages and indices, as counts follow population size). Score = robust z-score (median "
              "and MAD); flagged when |score| ≥ {ambang}. An outlier is not necessarily wrong: check its source.",
    },
    "kualitas.pencilan_kosong": {"id": "Tidak ada angka yang menyimpang melewati ambang.",
                                 "en": "No figure deviates beyond the threshold."},
    "kualitas.periodisitas.tahunan": {"id": "Tahunan", "en": "Annual"},
    "kualitas.periodisitas.semesteran": {"id": "Semesteran", "en": "Half-yearly"},
    "kualitas.periodisitas.triwulanan": {"id": "Triwulanan", "en": "Quarterly"},
    "kualitas.periodisitas.bulanan": {"id": "Bulanan", "en": "Monthly"},
    "kualitas.periodisitas.mingguan": {"id": "Mingguan", "en": "Weekly"},
    "kualitas.status.tepat waktu": {"id": "Tepat waktu", "en": "On time"},
    "kualitas.status.terlambat": {"id": "Terlambat {n} periode", "en": "{n} periods late"},
    "kualitas.status.belum pernah": {"id": "Belum pernah ada angka", "en": "Never reported"},
    "kualitas.arah.atas": {"id": "Jauh di atas", "en": "Far above"},
    "kualitas.arah.bawah": {"id": "Jauh di bawah", "en": "Far below"},
    "kualitas.alasan.riwayat": {"id": "{arah} riwayatnya ({n} periode sebelumnya)",
                                "en": "{arah} its own history ({n} earlier periods)"},
    "kualitas.alasan.tetangga": {"id": "{arah} {n} {tingkat} lain di {induk}",
                                 "en": "{arah} {n} other {tingkat} in {induk}"},
    "kualitas.tingkat.kabupaten": {"id": "kabupaten", "en": "regencies"},
    "kualitas.tingkat.kecamatan": {"id": "kecamatan", "en": "districts"},
    "kualitas.pendek.semester": {"id": "Smt {roman} {year}", "en": "H{n} {year}"},
    "kualitas.pendek.triwulan": {"id": "Tw {roman} {year}", "en": "Q{n} {year}"},
    "kualitas.pendek.bulan": {"id": "{month} {year}", "en": "{month} {year}"},
    "kualitas.pendek.minggu": {"id": "Mg {roman} {month} {year}", "en": "W{n} {month} {year}"},
    "kualitas.col.porsi": {"id": "Sudah lapor", "en": "Reported"},
    "kualitas.col.lapor": {"id": "Lapor/diharapkan", "en": "Reported/expected"},
    "kualitas.col.belum_lapor": {"id": "Belum lapor", "en": "Not reported"},
    "kualitas.col.alasan": {"id": "Alasan", "en": "Reason"},
    "kualitas.col.skor": {"id": "Skor", "en": "Score"},
    "kualitas.col.pembanding": {"id": "Pembanding (median)", "en": "Benchmark (median)"},
}
STRINGS.update(STATUS_STRINGS)

from lib.text.strings_apel import APEL_STRINGS  # noqa: E402 — the apel features' strings, kept in their own module

STRINGS.update({key: text for key, text in APEL_STRINGS.items() if key not in STRINGS})

# The apel deck's texts live beside their package (lib.text.strings_export) and join the one table here.
from lib.text.strings_export import TEXTS as _EXPORT_TEXTS  # noqa: E402

STRINGS.update(_EXPORT_TEXTS)

from lib.text.strings_screens import SCREEN_STRINGS  # noqa: E402  (the screen frame's strings, kept apart)

STRINGS.update(SCREEN_STRINGS)
