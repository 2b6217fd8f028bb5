# Monitor 4+1 Sulbar. `make run` and `make test` work on a fresh clone with only Python 3.11 installed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     := $(or $(MONITOR41_DB),data/monitor41.duckdb)
# Where `make run` listens: this machine only unless asked (make run ADDRESS=0.0.0.0 PORT=8080).
ADDRESS ?= 127.0.0.1
PORT    ?= 8501
# Test workers (pytest-xdist): one per core, at most four; each browser worker runs its own app and Chromium.
# Measured on 2 cores: 2 workers 15,4 min, 4 workers 16,3 min. worksteal: a worker that runs out of tests takes
# some from a busy one, so the slow browser files do not end the run on a single worker. After the e2e screens
# shared their page loads and tiny_db became a copy: pytest 13,1 min (784 s, was 1018 s), clean clone with venv
# 15,1 min, both with the machine shared (1-minute load 4,6-12, median 6,6). With the Vega-Lite map (no WebGL
# in the browser tests) on a quiet machine: pytest 9,9 min (592 s, existing venv); clean clone 9 min 26 s.
# Issue 17 (each browser screen loaded once per worker, the four sizes of a page side by side, the offline
# check on every browser context; bench/README.md): clean clone with venv 5 min 41 s (pytest 302 s), machine
# shared (1-minute load 7-10). Issues 20-22 added ~640 tests, many with real processes (CLI, replicas, nginx, a
# warm-up): clean clone with venv 9 min 26 s (pytest 530 s) on a quiet machine; 3 workers were no faster (535 s).
# Issues 22-23 (kirim page, konvergensi, orang tua asuh; 4.426 tests): clean clone with venv 14 min 46 s (pytest
# 838 s) on a quiet machine: at the 15-minute CI limit. Session 20 (read-only tests on shared records, CLI argument
# cases in-process, owners of many cells in one query): pytest 763 -> 521 s on an existing venv (bench/README.md).
JOBS    ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: run test build bench bench-publish bench-kirim load geo clean help

help:
	@echo "make run    - siapkan .venv, bangun database demo bila perlu, buka aplikasi"
	@echo "make test   - siapkan .venv (dengan paket uji) dan jalankan seluruh tes (JOBS=N proses paralel)"
	@echo "make build  - bangun ulang database dari data/seed"
	@echo "make geo SRC=...  - pasang berkas batas wilayah ke geo/"
	@echo "make bench  - ukur waktu tiap halaman (SCALE=N untuk database berskala; BROWSER=1 di Chromium)"
	@echo "make bench-publish - pengunjung pertama setelah unggahan (WARM=0: tanpa pemanasan)"
	@echo "make load   - SESSIONS sesi serentak per halaman lewat protokol Streamlit (REPLICAS=N, URL=...)"
	@echo "make bench-kirim - beban halaman sendiri lalu di samping putaran 30 kiriman (PRIORITY=unit|nice|none)"
	@echo "make clean  - hapus .venv, dan database hanya bila tidak berisi data pengguna (FORCE=1: simpan salinan, lalu hapus)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# --no-compile: pip would compile every module of every package (about 20 s of CPU on a clean clone, most of
# it never imported); Python compiles and caches what is imported, once, on first use.
$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --no-compile -r requirements-test.txt
	touch $@

# Built only when missing: once OPDs upload data, the file is the record and is never rebuilt behind
# anyone's back. `make build` rebuilds from the seed (it refuses a file holding user data, or one it cannot
# read; FORCE=1 overrides and keeps a uniquely named, verified copy). A build also publishes the first read-only snapshot.
$(DB): | $(VENV)/.installed
	$(BIN)/python -m lib.db build --db $(DB)

build: $(VENV)/.installed
	$(BIN)/python -m lib.db build --db $(DB) $(if $(FORCE),--force)

# Open to the network only on request, and then with a warning: without nginx (deploy/) there is no HTTPS,
# no security headers, and Streamlit's internal endpoints are public.
run: $(VENV)/.installed $(DB)
	@case "$(ADDRESS)" in 127.*|localhost|::1) ;; *) echo "Peringatan: aplikasi terbuka di $(ADDRESS):$(PORT) tanpa nginx: tanpa HTTPS, tanpa header keamanan, dan endpoint internal Streamlit terbuka. Untuk pemasangan sungguhan lihat deploy/README.md." >&2 ;; esac
	MONITOR41_DB=$(DB) $(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal

# Server-side run time per page (cold and warm) and map bytes; SCALE=N benchmarks a scaled database.
# BROWSER=1: page switches in headless Chromium (click to settled) against a bare page, same run.
bench: $(VENV)/.installed-test
	$(if $(BROWSER),$(BIN)/python bench/browser.py,$(BIN)/python bench/bench.py --scale $(or $(SCALE),0))

# The first visitor after a publication: Ringkasan in a running app right after a CLI upload (bench/first_visit.py);
# WARM=0: without the warm-up (readers switch at once, as before issue 21).
bench-publish: $(VENV)/.installed-test
	$(BIN)/python bench/first_visit.py $(if $(WARM),--warm-seconds $(WARM))

# Concurrent sessions through Streamlit's websocket protocol (bench/load.py): starts REPLICAS app replicas on
# loopback (behind nginx when more than one), or loads a running deployment at URL.
load: $(VENV)/.installed-test
	$(BIN)/python bench/load.py --sessions $(or $(SESSIONS),50) --replicas $(or $(REPLICAS),1) $(if $(URL),--url $(URL))

# Viewers first (issue 22): the load of `make load` alone, then beside delivery rounds of 30 (python -m lib.kirim
# run at the systemd unit's priority; PRIORITY=none to compare), p50/p95 per page and each round's wall time.
bench-kirim: $(VENV)/.installed-test
	$(BIN)/python bench/kirim_beside_load.py --sessions $(or $(SESSIONS),50) --priority $(or $(PRIORITY),unit) \
	  --repeat $(or $(REPEAT),2)

# Replace the committed boundary files: make geo SRC=folder (the three files and SOURCES.md, or one file).
geo: $(VENV)/.installed
	@test -n "$(SRC)" || { echo "Pakai: make geo SRC=folder-atau-berkas-geojson"; exit 2; }
	$(BIN)/python -m lib.maps.boundaries install $(SRC)

# The record goes only when it provably holds no user data: uploads, tindakan, apel, rollbacks, anything the
# seed did not write (python -m lib.db remove refuses otherwise and the record stays; the '-' lets the rest of
# the clean go on). FORCE=1 removes it too, after keeping a verified copy beside it. Only the record, its WAL,
# its locks and the snapshot files publication made are deleted, each by name: never a folder's contents
# (the snapshot folder may be the data folder). Without the venv nothing can prove it: kept.
clean:
	-@if [ -x $(BIN)/python ]; then $(BIN)/python -m lib.db remove --db $(DB) $(if $(FORCE),--force); \
	 else echo "Database $(DB) dibiarkan: tanpa .venv isinya tidak bisa diperiksa."; fi
	rm -rf $(VENV)
