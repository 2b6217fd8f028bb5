-- Monitor 4+1 Sulbar: the DuckDB data contract (README "Kontrak data" documents every column).
-- Table and column names are Indonesian and stable: analysts and BI tools depend on them.

CREATE TABLE wilayah (
    kode        VARCHAR PRIMARY KEY,              -- Kemendagri code: 76, 76.05, 76.05.01, 76.05.01.2001
    level       VARCHAR NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kecamatan', 'desa')),
    nama        VARCHAR NOT NULL,
    kode_induk  VARCHAR REFERENCES wilayah (kode), -- parent code; NULL for the province
    kode_bps    VARCHAR                            -- BPS code, province and kabupaten only (NOT derivable)
);

CREATE TABLE opd (
    kode       VARCHAR PRIMARY KEY,
    nama       VARCHAR NOT NULL,
    singkatan  VARCHAR NOT NULL
);

CREATE TABLE isu (
    kode             VARCHAR PRIMARY KEY CHECK (kode IN ('KE', 'ST', 'ATS', 'PA', 'INF')),
    nama             VARCHAR NOT NULL,
    nama_en          VARCHAR,                     -- English name (NULL: the Indonesian one is shown)
    opd_koordinator  VARCHAR NOT NULL REFERENCES opd (kode)
);

CREATE TABLE indikator (
    kode          VARCHAR PRIMARY KEY,
    isu           VARCHAR NOT NULL REFERENCES isu (kode),
    nama          VARCHAR NOT NULL,
    nama_en       VARCHAR,                        -- English name (NULL: the Indonesian one is shown)
    satuan        VARCHAR NOT NULL,
    satuan_en     VARCHAR,                        -- English unit: percent, children, people, ...
    arah          VARCHAR NOT NULL CHECK (arah IN ('turun', 'naik', 'rentang')),
    periodisitas  VARCHAR NOT NULL
        CHECK (periodisitas IN ('tahunan', 'semesteran', 'triwulanan', 'bulanan', 'mingguan')),
    definisi      VARCHAR NOT NULL,
    definisi_en   VARCHAR,                        -- English definition (NULL: the Indonesian one is shown)
    sumber        VARCHAR NOT NULL
);

-- The period a value's source measured (Susenas March 2024 = 2024-03). A value whose measurement period is
-- unknown carries the day it was announced: kode 2023-09-01-diumumkan, jenis 'diumumkan', mulai = akhir =
-- that day, label "tahun data tidak diketahui, diumumkan 1 September 2023".
CREATE TABLE periode (
    kode    VARCHAR PRIMARY KEY,                  -- 2023, 2023-S1, 2023-Q3, 2023-08, 2023-08-W2, 2023-09-01-diumumkan
    jenis   VARCHAR NOT NULL
        CHECK (jenis IN ('tahun', 'semester', 'triwulan', 'bulan', 'minggu', 'diumumkan')),
    mulai   DATE NOT NULL,
    akhir   DATE NOT NULL,
    label   VARCHAR NOT NULL,                     -- "Minggu II Agustus 2023"
    label_en VARCHAR                              -- "Week II, August 2023"
);

CREATE TABLE target (
    indikator   VARCHAR NOT NULL REFERENCES indikator (kode),
    wilayah     VARCHAR NOT NULL REFERENCES wilayah (kode),
    periode     VARCHAR NOT NULL REFERENCES periode (kode),
    nilai       DOUBLE NOT NULL,                  -- the target; the lower bound of a band
    nilai_atas  DOUBLE,                           -- upper bound, only for a band (inflation)
    lingkup     VARCHAR NOT NULL DEFAULT 'daerah'
        CHECK (lingkup IN ('daerah', 'nasional')),  -- daerah: set for this wilayah; nasional: a national target
    sumber      VARCHAR NOT NULL CHECK (trim(sumber) <> ''),
    url         VARCHAR,
    catatan     VARCHAR,
    -- How binding the target is. Only peraturan and dokumen colour a status; a pernyataan (a figure an
    -- official stated) is shown as a labelled reference, never as a target.
    dasar       VARCHAR NOT NULL CHECK (dasar IN ('peraturan', 'dokumen', 'pernyataan')),
    rujukan     VARCHAR NOT NULL CHECK (trim(rujukan) <> ''),  -- short name: 'Perpres 72/2021'
    PRIMARY KEY (indikator, wilayah, periode, lingkup)
);

-- Where a series changes base or source: values before `periode` and from `periode` on are never joined.
CREATE TABLE putus_seri (
    indikator   VARCHAR NOT NULL REFERENCES indikator (kode),
    wilayah     VARCHAR NOT NULL REFERENCES wilayah (kode),
    periode     VARCHAR NOT NULL REFERENCES periode (kode),  -- the first period of the new series
    keterangan  VARCHAR NOT NULL,
    sumber      VARCHAR NOT NULL,
    PRIMARY KEY (indikator, wilayah, periode)
);

CREATE TABLE unggahan (
    id            BIGINT PRIMARY KEY,             -- one load batch (seed, simulation or an OPD upload)
    nama_berkas   VARCHAR NOT NULL,
    hash_isi      VARCHAR NOT NULL,               -- sha256 of the loaded content
    dimuat_oleh   VARCHAR NOT NULL,
    dimuat_pada   TIMESTAMP NOT NULL,
    jumlah_baris  BIGINT NOT NULL,
    keterangan    VARCHAR
);

CREATE TABLE pembatalan (                          -- a rolled-back batch: appended, nothing is deleted
    unggahan        BIGINT PRIMARY KEY REFERENCES unggahan (id),
    dibatalkan_oleh VARCHAR NOT NULL,
    dibatalkan_pada TIMESTAMP NOT NULL,
    alasan          VARCHAR
);

CREATE SEQUENCE capaian_id START 1;

CREATE TABLE capaian (                             -- append-only: a correction is a new row
    id           BIGINT PRIMARY KEY DEFAULT nextval('capaian_id'),
    indikator    VARCHAR NOT NULL REFERENCES indikator (kode),
    wilayah      VARCHAR NOT NULL REFERENCES wilayah (kode),
    periode      VARCHAR NOT NULL REFERENCES periode (kode),
    nilai        DOUBLE NOT NULL,
    sumber       VARCHAR NOT NULL CHECK (trim(sumber) <> ''),
    url          VARCHAR,
    catatan      VARCHAR,
    jenis        VARCHAR NOT NULL CHECK (jenis IN ('resmi', 'simulasi')),
    dimuat_oleh  VARCHAR NOT NULL,
    dimuat_pada  TIMESTAMP NOT NULL,
    unggahan     BIGINT NOT NULL REFERENCES unggahan (id)
);

CREATE TABLE penanggung_jawab (
    opd      VARCHAR NOT NULL REFERENCES opd (kode),
    wilayah  VARCHAR NOT NULL REFERENCES wilayah (kode),
    isu      VARCHAR REFERENCES isu (kode),       -- NULL: the OPD answers for every isu in that wilayah
    sumber   VARCHAR NOT NULL
);

CREATE TABLE tindakan (                            -- collaborative actions of the satgas
    id        BIGINT PRIMARY KEY,
    isu       VARCHAR REFERENCES isu (kode),
    opd       VARCHAR REFERENCES opd (kode),
    wilayah   VARCHAR NOT NULL REFERENCES wilayah (kode),
    periode   VARCHAR NOT NULL REFERENCES periode (kode),
    judul     VARCHAR NOT NULL,
    uraian    VARCHAR,
    jumlah    DOUBLE,
    satuan    VARCHAR,
    sumber    VARCHAR NOT NULL,
    url       VARCHAR,
    dimuat_oleh  VARCHAR NOT NULL,                -- who loaded it ('seed' for data/seed/tindakan.csv)
    dimuat_pada  TIMESTAMP NOT NULL,
    unggahan     BIGINT REFERENCES unggahan (id)  -- the OPD upload batch; NULL for seed rows
);

CREATE TABLE apel (                               -- apel koordinasi of the satgas: "since the last apel"
    tanggal       DATE NOT NULL,
    nama          VARCHAR NOT NULL CHECK (trim(nama) <> ''),
    tempat        VARCHAR,
    catatan       VARCHAR,
    sumber        VARCHAR,                        -- where the date is published (seeded apel)
    url           VARCHAR,
    dicatat_oleh  VARCHAR NOT NULL,               -- who recorded it ('seed' for data/seed/apel.csv)
    dicatat_pada  TIMESTAMP NOT NULL,
    jam           TIME,                           -- when the apel began, on the record's clock (that of
                                                  -- dimuat_pada); NULL = not recorded, read as 08:00
    PRIMARY KEY (tanggal, nama)
);

-- Catatan sel (issue 21): notes pinned to a cell (indikator × wilayah × periode). Append-only: a row is never
-- updated or deleted; a new text version, a state change and a withdrawal are rows of catatan_peristiwa, and
-- lib/data/notes.py derives the current text and state. Never in a published indicator snapshot
-- (lib.db.snapshot copies every other table); the app reads them from the small notes file
-- (<snapshot folder>/catatan-*.duckdb). No REFERENCES: the rules (lib/catatan) check every code in the
-- write's transaction, and a referencing table would have to be rebuilt by every migration of its target.
CREATE TABLE catatan (
    id            BIGINT PRIMARY KEY,             -- the note's number (max + 1, in the write's transaction)
    induk         BIGINT,                         -- the thread's first note for a reply; NULL starts a thread
    jenis         VARCHAR NOT NULL CHECK (jenis IN ('pertanyaan', 'penjelasan', 'komitmen', 'koreksi')),
    isu           VARCHAR NOT NULL,
    indikator     VARCHAR NOT NULL,
    wilayah       VARCHAR NOT NULL,
    periode       VARCHAR NOT NULL,
    snapshot      VARCHAR,                        -- the indicator snapshot published when it was written
    teks          VARCHAR NOT NULL CHECK (trim(teks) <> ''),  -- first version (later ones: catatan_peristiwa)
    dibuat        TIMESTAMP NOT NULL,             -- server local time, the clock of unggahan.dimuat_pada
    penulis       VARCHAR NOT NULL,               -- account name
    opd_penulis   VARCHAR,                        -- the author's OPD (NULL: admin or viewer without one)
    opd_tujuan    VARCHAR NOT NULL,               -- who must act: the cell's OPD; for koreksi the uploader's
    tenggat       DATE,                           -- komitmen only: the promised date
    opd_komitmen  VARCHAR,                        -- komitmen only: the OPD that commits
    sebutan       VARCHAR[],                      -- @mentions: account names and OPD codes
    CHECK ((jenis = 'komitmen') = (tenggat IS NOT NULL AND opd_komitmen IS NOT NULL))
);

CREATE TABLE catatan_peristiwa (                  -- what happened to a note since: append-only
    id       BIGINT PRIMARY KEY,
    catatan  BIGINT NOT NULL,                     -- catatan.id
    jenis    VARCHAR NOT NULL CHECK (jenis IN ('teks', 'status', 'tarik')),
    status   VARCHAR CHECK (status IN ('terbuka', 'dijawab', 'selesai', 'ditutup')),  -- jenis 'status'
    teks     VARCHAR,                             -- 'teks': the new version; 'status'/'tarik': a note on it
    oleh     VARCHAR NOT NULL,
    opd      VARCHAR,
    pada     TIMESTAMP NOT NULL,
    CHECK ((jenis = 'status') = (status IS NOT NULL)),
    CHECK (jenis <> 'teks' OR trim(coalesce(teks, '')) <> '')
);

-- Kirim (issue 22): subscriptions to briefings and their outbox. Like the notes, never in a published indicator
-- snapshot (lib.db.snapshot.PRIVATE_TABLES: addresses and chat ids are personal data) and written without a new
-- snapshot (lib.db.writer notes_only). No REFERENCES, for the reason given above the notes; lib/kirim checks codes.
CREATE TABLE langganan (
    id            BIGINT PRIMARY KEY,             -- the subscription's number (max + 1, in the write's transaction)
    saluran       VARCHAR NOT NULL CHECK (saluran IN ('email', 'telegram', 'whatsapp', 'folder')),
    penerima      VARCHAR NOT NULL CHECK (trim(penerima) <> ''),  -- address, chat id, phone number or folder
    kabupaten     VARCHAR[],                      -- kabupaten codes; NULL: the whole province
    opd           VARCHAR,                        -- only the cells this OPD answers for
    isu           VARCHAR,                        -- only this isu
    isi           VARCHAR[] NOT NULL,             -- what is sent: brief, deck, png, teks
    pemicu        VARCHAR NOT NULL CHECK (pemicu IN ('terbit', 'jadwal')),
    jadwal        VARCHAR,                        -- pemicu jadwal: 'senin 06:00', 'h-1 apel 07:00'
    publik        BOOLEAN NOT NULL,               -- recipient outside the government: public-mode content
    templat       VARCHAR,                        -- whatsapp: the approved template's name
    dibuat_oleh   VARCHAR NOT NULL,
    dibuat_pada   TIMESTAMP NOT NULL,             -- server local time, the clock of unggahan.dimuat_pada
    tanda_awal    TIMESTAMP,                      -- the newest load time when it was made: "changed since" starts there
    dihapus_oleh  VARCHAR,
    dihapus_pada  TIMESTAMP,                      -- removed: nothing more is queued for it (its outbox stays)
    CHECK ((pemicu = 'jadwal') = (jadwal IS NOT NULL))
);

CREATE TABLE kiriman (                            -- the outbox: one row per subscription, occasion and recipient
    id            BIGINT PRIMARY KEY,
    langganan     BIGINT NOT NULL,                -- langganan.id
    slot          VARCHAR NOT NULL,               -- 'terbit:<snapshot file>' or 'jadwal:2026-12-07T06:00'
    penerima      VARCHAR NOT NULL,
    tanda         TIMESTAMP,                      -- terbit: the newest load time judged (the next baseline)
    status        VARCHAR NOT NULL CHECK (status IN ('antre', 'terkirim', 'gagal', 'lewat')),  -- lewat: nothing new
    pesan         VARCHAR,                        -- the short text sent (built when queued)
    percobaan     INTEGER NOT NULL DEFAULT 0,
    coba_lagi     TIMESTAMP,                      -- antre after a failure: not before this time
    galat         VARCHAR,                        -- the last failure, without secrets
    dibuat        TIMESTAMP NOT NULL,
    terkirim      TIMESTAMP,
    UNIQUE (langganan, slot, penerima)
);

-- Orang tua asuh (issue 23): sponsors, the sponsorships of children at risk of stunting, and the published
-- commitments. No REFERENCES (as the notes): lib/ingest/asuhan checks every code in the load's transaction.
CREATE TABLE mitra (                              -- a sponsor: a person, an ASN group or an organisation
    id            BIGINT PRIMARY KEY,
    nama          VARCHAR NOT NULL CHECK (trim(nama) <> ''),  -- 'ASN Dinas Kesehatan', 'Bank Sulselbar'
    jenis         VARCHAR NOT NULL CHECK (jenis IN ('asn_opd', 'perusahaan', 'bank', 'perguruan_tinggi',
                                                    'organisasi_keagamaan', 'organisasi_masyarakat', 'perorangan')),
    opd           VARCHAR,                        -- asn_opd: the provincial OPD whose ASN sponsor (opd.kode)
    kabupaten     VARCHAR,                        -- optional: the kabupaten it belongs to (ASN of a Pemkab)
    jenis_data    VARCHAR NOT NULL CHECK (jenis_data IN ('resmi', 'simulasi')),
    unggahan      BIGINT NOT NULL,                -- the batch that first named it
    dimuat_oleh   VARCHAR NOT NULL,
    dimuat_pada   TIMESTAMP NOT NULL,
    CHECK (jenis <> 'asn_opd' OR opd IS NOT NULL OR kabupaten IS NOT NULL)
);

-- One row per child-sponsorship and report: append-only like capaian; the current state of a sponsorship
-- (mitra, anak_ref) is its latest row in a batch not rolled back (v_asuhan_agregat). Never in a published
-- snapshot (lib.db.snapshot.PRIVATE_TABLES): only the aggregates of v_asuhan_agregat leave the record.
CREATE TABLE asuhan (
    id               BIGINT PRIMARY KEY,
    mitra            BIGINT NOT NULL,             -- mitra.id
    anak_ref         VARCHAR NOT NULL CHECK (trim(anak_ref) <> ''),  -- pseudonymous reference of the source
                                                  -- system (never a name or a NIK: the upload refuses them)
    desa             VARCHAR NOT NULL,            -- Kemendagri desa code, 76.05.01.2001
    sasaran          VARCHAR NOT NULL CHECK (sasaran IN ('baduta', 'ibu_hamil', 'catin')),
    mulai            DATE NOT NULL CHECK (day(mulai) = 1),        -- the first month of support
    bulan_rencana    INTEGER NOT NULL CHECK (bulan_rencana BETWEEN 1 AND 60),
    rupiah_per_bulan BIGINT NOT NULL CHECK (rupiah_per_bulan >= 0),
    saluran          VARCHAR,                     -- how it reaches the family: 'TPK', an organisation's name
    bulan_tersalur   INTEGER NOT NULL CHECK (bulan_tersalur >= 0),
    zscore_awal      DOUBLE CHECK (zscore_awal BETWEEN -6 AND 6),    -- height-for-age (TB/U) at the start
    zscore_akhir     DOUBLE CHECK (zscore_akhir BETWEEN -6 AND 6),   -- the latest measurement
    hasil            VARCHAR NOT NULL
        CHECK (hasil IN ('berjalan', 'keluar_stunting', 'tetap', 'pindah', 'meninggal')),
    bulan_laporan    DATE NOT NULL CHECK (day(bulan_laporan) = 1),  -- the month the row reports the state of
    jenis_data       VARCHAR NOT NULL CHECK (jenis_data IN ('resmi', 'simulasi')),
    unggahan         BIGINT NOT NULL,
    dimuat_oleh      VARCHAR NOT NULL,
    dimuat_pada      TIMESTAMP NOT NULL,
    CHECK (bulan_tersalur <= bulan_rencana)
);

-- Published commitments (reference data from news and official releases, like target): per OPD or wilayah.
CREATE TABLE kewajiban (
    id           BIGINT PRIMARY KEY,
    wilayah      VARCHAR NOT NULL,                -- 76 (the province) or a kabupaten code
    opd          VARCHAR,                         -- a provincial OPD (NULL: the whole government of wilayah)
    pihak        VARCHAR NOT NULL CHECK (trim(pihak) <> ''),  -- who commits: 'ASN Pemprov Sulbar'
    jumlah       DOUBLE,                          -- NULL: a rule without a total
    jumlah_atas  DOUBLE,                          -- upper bound of a range (Rp180-185 ribu)
    satuan       VARCHAR NOT NULL
        CHECK (satuan IN ('sponsor', 'anak', 'anak_per_sponsor', 'rupiah_per_anak_per_bulan', 'kunjungan_per_bulan')),
    periode      VARCHAR NOT NULL,                -- when it was stated: 2023-06
    uraian       VARCHAR NOT NULL CHECK (trim(uraian) <> ''),
    dasar        VARCHAR NOT NULL CHECK (dasar IN ('dokumen', 'pernyataan')),
    rujukan      VARCHAR NOT NULL CHECK (trim(rujukan) <> ''),
    sumber       VARCHAR NOT NULL CHECK (trim(sumber) <> ''),
    url          VARCHAR,
    jenis_data   VARCHAR NOT NULL DEFAULT 'resmi' CHECK (jenis_data IN ('resmi', 'simulasi'))
);

-- Sponsorships summed per mitra, kecamatan, sasaran, jenis_data and the batch of the current row: the current
-- row of each (mitra, anak_ref) in batches not rolled back. A published snapshot holds this as a table (lib.db.snapshot), never asuhan.
-- anak_maju: children with >= 6 months delivered whose z-score rose by >= 0,3 or who left stunting.
CREATE VIEW v_asuhan_agregat AS
WITH kini AS (
    SELECT a.*, round(a.zscore_akhir - a.zscore_awal, 2) AS naik,
           row_number() OVER (PARTITION BY a.mitra, a.anak_ref ORDER BY a.id DESC) AS urutan
    FROM asuhan AS a
    WHERE a.unggahan NOT IN (SELECT unggahan FROM pembatalan)
)
SELECT mitra, left(desa, 5) AS kabupaten, left(desa, 8) AS kecamatan, sasaran, jenis_data, unggahan,
       count(*) AS anak,
       count(*) FILTER (WHERE hasil = 'berjalan') AS anak_berjalan,
       CAST(sum(bulan_tersalur) AS BIGINT) AS bulan_tersalur,
       CAST(sum(bulan_tersalur * rupiah_per_bulan) AS BIGINT) AS rupiah_tersalur,
       count(*) FILTER (WHERE bulan_tersalur >= 6) AS anak_6_bulan,
       count(*) FILTER (WHERE bulan_tersalur >= 6 AND naik >= 0.3) AS anak_membaik,
       count(*) FILTER (WHERE bulan_tersalur >= 6 AND hasil = 'keluar_stunting') AS anak_keluar,
       count(*) FILTER (WHERE bulan_tersalur >= 6 AND (naik >= 0.3 OR hasil = 'keluar_stunting')) AS anak_maju,
       count(*) FILTER (WHERE hasil = 'tetap') AS anak_tetap,
       count(*) FILTER (WHERE hasil = 'pindah') AS anak_pindah,
       count(*) FILTER (WHERE hasil = 'meninggal') AS anak_meninggal,
       max(bulan_laporan) AS bulan_laporan,
       max(dimuat_pada) AS dimuat_pada
FROM kini
WHERE urutan = 1
GROUP BY mitra, left(desa, 5), left(desa, 8), sasaran, jenis_data, unggahan;

-- The current value per (indikator, wilayah, periode): the latest row of a batch not rolled back.
CREATE VIEW v_capaian AS
SELECT indikator, wilayah, periode, nilai, sumber, jenis, url, catatan, unggahan, dimuat_pada
FROM (
    SELECT c.*, row_number() OVER (PARTITION BY indikator, wilayah, periode ORDER BY c.id DESC) AS urutan
    FROM capaian AS c
    WHERE c.unggahan NOT IN (SELECT unggahan FROM pembatalan)
)
WHERE urutan = 1;

-- Satgas actions in force: seed rows and rows of upload batches not rolled back.
CREATE VIEW v_tindakan AS
SELECT * FROM tindakan WHERE unggahan IS NULL OR unggahan NOT IN (SELECT unggahan FROM pembatalan);

-- The schema version of this file (lib/db/migrate.py); `python -m lib.db migrate` upgrades older records.
CREATE TABLE skema_versi (
    versi          INTEGER PRIMARY KEY,
    dipasang_pada  TIMESTAMP NOT NULL,
    keterangan     VARCHAR NOT NULL
);
