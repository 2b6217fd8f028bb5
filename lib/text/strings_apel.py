"""UI strings of the apel features (since the last apel, owners, forecasts, satgas actions); merged into
lib.text.strings.STRINGS, so every key has an Indonesian (id) and an English (en) text like the others."""

APEL_STRINGS: dict[str, dict[str, str]] = {
    # Since the last apel (Ringkasan)
    "since.judul": {"id": "Sejak apel terakhir", "en": "Since the last apel"},
    "since.pilih": {"id": "Bandingkan dengan apel", "en": "Compare with the apel of"},
    "since.kosong": {"id": "Belum ada apel yang dicatat; admin dapat mencatatnya di halaman Riwayat.",
                     "en": "No apel recorded yet; an admin can record one on the History page."},
    "since.riwayat": {
        "id": "Keadaan pada akhir {tanggal} dibangun ulang dari riwayat unggahan: nilai yang dimuat sampai hari itu, "
              "tanpa unggahan yang sudah dibatalkan saat itu — persis yang tampil di layar hari itu.",
        "en": "The state at the end of {tanggal} is rebuilt from the upload history: values loaded by that day, "
              "without uploads rolled back by then — exactly what the screens showed that day."},
    "since.pendekatan": {
        "id": "Riwayat basis data ini baru dimulai {mulai}, setelah apel {tanggal}. Sebagai pendekatan, keadaan "
              "saat apel memakai angka yang periodenya berakhir paling lambat tanggal apel.",
        "en": "This database's history starts on {mulai}, after the apel of {tanggal}. As an approximation, the "
              "state at the apel uses the values whose period ended by the apel date."},
    "since.status_berubah": {"id": "Status berubah", "en": "Statuses changed"},
    "since.status_rinci": {"id": "{membaik} membaik · {memburuk} memburuk · {baru} baru dinilai",
                           "en": "{membaik} improved · {memburuk} worsened · {baru} newly assessed"},
    "since.data_baru": {"id": "Data baru", "en": "New data"},
    "since.data_rinci": {"id": "nilai dalam {unggahan} unggahan", "en": "values in {unggahan} uploads"},
    "since.kab_membaik": {"id": "Kabupaten paling membaik", "en": "Most improved regency"},
    "since.kab_memburuk": {"id": "Kabupaten paling memburuk", "en": "Most worsened regency"},
    "since.kab_rinci": {"id": "{membaik} membaik, {memburuk} memburuk", "en": "{membaik} improved, {memburuk} worsened"},
    "since.tidak_ada": {"id": "Tidak ada", "en": "None"},
    "since.merah": {"id": "🔴 Kini tidak sesuai jalur: **{indikator}**, {wilayah} — pemilik: {pemilik}",
                    "en": "🔴 Now off track: **{indikator}**, {wilayah} — owners: {pemilik}"},
    "since.rincian": {"id": "Rincian: status yang berubah dan data yang masuk", "en": "Details: changed statuses and new data"},
    "since.tanpa_perubahan": {"id": "Tidak ada status yang berubah sejak apel ini.",
                              "en": "No status has changed since this apel."},
    "since.tanpa_data": {"id": "Tidak ada data baru sejak apel ini.", "en": "No new data since this apel."},
    "since.benih": {"id": "data benih", "en": "seed data"},
    "since.simulasi": {"id": "🧪 berisi data simulasi", "en": "🧪 holds simulated data"},
    "since.arah.membaik": {"id": "▲ membaik", "en": "▲ improved"},
    "since.arah.memburuk": {"id": "▼ memburuk", "en": "▼ worsened"},
    "since.arah.baru dinilai": {"id": "● baru dinilai", "en": "● newly assessed"},
    "col.dulu": {"id": "Saat apel", "en": "At the apel"},
    "col.sekarang": {"id": "Sekarang", "en": "Now"},
    "col.perubahan": {"id": "Perubahan", "en": "Change"},
    "col.pemilik": {"id": "Pemilik (OPD)", "en": "Owners (OPD)"},
    "col.unggahan": {"id": "Unggahan", "en": "Upload"},
    "col.dimuat_oleh": {"id": "Dimuat oleh", "en": "Loaded by"},
    "col.opd_pengunggah": {"id": "OPD pengunggah", "en": "Uploading agency"},
    "col.dimuat_pada": {"id": "Dimuat pada", "en": "Loaded at"},
    "col.peran": {"id": "Peran", "en": "Role"},
    # Apel entry (Riwayat, admins)
    "apel.judul": {"id": "Apel koordinasi", "en": "Coordination apel"},
    "apel.keterangan": {"id": "Tanggal apel menjadi titik banding 'sejak apel terakhir' di Ringkasan.",
                        "en": "Apel dates are the reference points of 'since the last apel' on the summary."},
    "apel.tanggal": {"id": "Tanggal apel", "en": "Apel date"},
    "apel.nama": {"id": "Nama apel", "en": "Apel name"},
    "apel.tempat": {"id": "Tempat", "en": "Place"},
    "apel.catatan": {"id": "Catatan", "en": "Note"},
    "apel.simpan": {"id": "Catat apel", "en": "Record apel"},
    "apel.tersimpan": {"id": "Apel {nama} ({tanggal}) dicatat.", "en": "Apel {nama} ({tanggal}) recorded."},
    "apel.tambah": {"id": "Catat apel baru (admin)", "en": "Record a new apel (admin)"},
    # Owners (OPD page)
    "opd.merah_judul": {"id": "Sel tidak sesuai jalur yang dipegang OPD ini", "en": "Off-track cells this agency owns"},
    "opd.merah_kosong": {"id": "Tidak ada sel 'tidak sesuai jalur' yang dipegang OPD ini.",
                         "en": "No off-track cell is owned by this agency."},
    "peran.koordinator": {"id": "Koordinator isu", "en": "Issue coordinator"},
    "peran.penanggung jawab wilayah": {"id": "Penanggung jawab wilayah", "en": "Area lead"},
    # Owners of a cell, short: on off-track cards and in the matrix tooltip
    "pemilik.label": {"id": "Pemilik: {pemilik}", "en": "Owners: {pemilik}"},
    "pemilik.koordinator": {"id": "koordinator", "en": "coordinator"},
    "pemilik.penanggung jawab wilayah": {"id": "PJ wilayah", "en": "area lead"},
    "chart.pemilik": {"id": "Pemilik (OPD)", "en": "Owners (OPD)"},
    # Forecast of target attainment (isu pages, Tentang)
    "prakiraan.tercapai": {"id": "Dengan laju {mulai}–{akhir}, target {target} diperkirakan tercapai {tahun} — {kapan}.",
                           "en": "At the {mulai}–{akhir} pace, the target {target} is expected to be met in {tahun} — {kapan}."},
    "prakiraan.terlambat": {"id": "terlambat {n} tahun dari target {tahun_target}",
                            "en": "{n} years later than the {tahun_target} target"},
    "prakiraan.tepat": {"id": "sesuai tahun target {tahun_target}", "en": "within the {tahun_target} target year"},
    "prakiraan.lebih_cepat": {"id": "{n} tahun sebelum target {tahun_target}",
                              "en": "{n} years before the {tahun_target} target"},
    "prakiraan.sudah": {"id": "Target {target} ({tahun_target}) sudah tercapai: {nilai} ({periode}).",
                        "en": "The target {target} ({tahun_target}) is already met: {nilai} ({periode})."},
    "prakiraan.tidak": {"id": "Dengan laju {mulai}–{akhir}, target {target} ({tahun_target}) tidak akan tercapai: "
                              "trennya datar atau menjauhi target.",
                        "en": "At the {mulai}–{akhir} pace, the target {target} ({tahun_target}) will not be met: "
                              "the trend is flat or moving away from it."},
    "prakiraan.kurang": {"id": "Prakiraan target {nama}: tidak dibuat — perlu minimal {n} titik data resmi "
                               "(sejak putus seri terakhir), baru ada {ada}.",
                         "en": "Target forecast for {nama}: not made — needs at least {n} official data points "
                               "(since the last series break), {ada} available."},
    "prakiraan.judul": {"id": "Prakiraan capaian target", "en": "Target attainment forecast"},
    "tentang.prakiraan": {"id": "Akankah target tercapai?", "en": "Will the target be met?"},
    "tentang.prakiraan_teks": {
        "id": "Prakiraan di halaman isu menarik garis lurus (kuadrat terkecil) melalui angka **resmi** satu wilayah "
              "dan mencari kapan garis itu mencapai target yang berlaku (untuk inflasi: tepi rentang terdekat). "
              "Batasannya: dibuat hanya dari minimal {n} titik data resmi; data simulasi tidak pernah dipakai; "
              "titik sebelum putus seri (perubahan tahun dasar atau sumber) tidak dipakai; tren datar atau "
              "menjauh berarti 'tidak tercapai dengan laju saat ini', juga bila perlu lebih dari 100 tahun. "
              "Garis lurus mengabaikan percepatan atau perlambatan, dan beberapa titik saja membuatnya peka "
              "terhadap satu angka yang menyimpang: bacalah sebagai arah, bukan janji.",
        "en": "The forecast on the issue pages fits a straight line (least squares) through one area's **official** "
              "values and finds when that line reaches the applicable target (for inflation: the nearest band "
              "edge). Limits: made only from at least {n} official data points; simulated data are never used; "
              "points before a series break (a change of base year or source) are left out; a flat or worsening "
              "trend means 'not met at the current pace', as does one needing more than 100 years. A straight line "
              "ignores acceleration or slowdown, and with few points one odd value moves it: read it as a "
              "direction, not a promise."},
    # Satgas actions
    "tindakan.judul": {"id": "Tindakan satgas", "en": "Task force actions"},
    "tindakan.kosong": {"id": "Belum ada tindakan satgas yang tercatat di sini.",
                        "en": "No task force action recorded here yet."},
    "tindakan.penanda": {"id": "Di grafik tren, garis titik-titik ungu ▼ menandai tindakan ini (arahkan kursor untuk "
                                "judul, wilayah, jumlah dan sumbernya).",
                         "en": "On the trend chart, dotted violet lines ▼ mark these actions (hover for title, area, "
                               "amount and source)."},
    "tindakan.tab": {"id": "Tindakan satgas", "en": "Task force actions"},
    "tindakan.templat": {"id": "Unduh templat tindakan (CSV)", "en": "Download the actions template (CSV)"},
    "tindakan.berkas": {"id": "Berkas tindakan (.csv atau .xlsx, maks. {mb} MB)",
                        "en": "Actions file (.csv or .xlsx, max. {mb} MB)"},
    "tindakan.petunjuk": {
        "id": "Satu baris per tindakan: isu, opd (boleh kosong = OPD akun), wilayah (kode Kemendagri), periode, "
              "judul, uraian, jumlah, satuan, sumber (wajib), url. Satu baris salah = seluruh berkas ditolak.",
        "en": "One row per action: isu, opd (blank = the account's OPD), wilayah (Kemendagri code), periode, judul, "
              "uraian, jumlah, satuan, sumber (required), url. One bad row = the whole file is refused."},
    "tindakan.pratinjau": {"id": "{n} tindakan siap dimuat; periksa lalu muat.",
                           "en": "{n} actions ready to load; check them, then load."},
    "tindakan.muat": {"id": "Muat {n} tindakan", "en": "Load {n} actions"},
    "tindakan.dimuat": {"id": "Unggahan #{id} dimuat: {n} tindakan. Admin dapat membatalkannya di halaman Riwayat.",
                        "en": "Upload #{id} loaded: {n} actions. An admin can roll it back on the History page."},
    "tindakan.sudah": {"id": "Berkas ini sudah pernah dimuat; tidak ada yang ditambahkan.",
                       "en": "This file was loaded before; nothing was added."},
    "col.judul": {"id": "Tindakan", "en": "Action"},
    "col.uraian": {"id": "Uraian", "en": "Description"},
    "col.jumlah": {"id": "Jumlah", "en": "Amount"},
}
