"""Issue 21 item 5: the first visitor after a publication finds the page warm. A real `streamlit run` process
serves Ringkasan once; another process uploads (a new snapshot); the server warms the new snapshot while its
sessions still read the previous one, says so in its log, and the next Ringkasan run — over Streamlit's own
websocket protocol — switches to it and computes nothing: every result it asks for was computed by the
warm-up (the server logs a result computed outside the warm-up, once per snapshot; bench/first_visit.py
measures the seconds). Internal and public deployments (the public variants are warmed there)."""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from upload_file import write_upload

from bench import deployment, stclient
from lib.db import snapshot

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def page(base: str, path: str) -> stclient.PageLoad:
    loaded = asyncio.run(stclient.load_page(base, path, "", timeout=120))
    assert loaded.error is None, loaded.error
    return loaded


def upload(record: Path, folder: Path) -> str:
    """One value uploaded by the CLI in its own process; the version of the snapshot it published."""
    path = write_upload(folder / "isian.csv", [("ST-PREV", "76.05", "2023", "38,2", "SKI 2023", "")])
    done = subprocess.run([sys.executable, "-m", "lib.ingest", "load", str(path), "--db", str(record), "--yes"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180, check=False,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == 0, done.stderr
    return snapshot.read_pointer(snapshot.folder(record)).file


@pytest.mark.parametrize("public", ["0", "1"], ids=["internal", "public"])
def test_the_first_visit_after_a_publication_is_served_from_the_warmed_snapshot(demo_db, tmp_path, public):
    record = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, record)
    log = tmp_path / "streamlit.log"
    port = deployment.free_port()
    process = deployment.start_replica(PROJECT_ROOT / "app.py", port, {"MONITOR41_DB": str(record),
                                                                      "MONITOR41_PUBLIC": public}, log)
    base = f"http://{deployment.HOST}:{port}"
    try:
        deployment.wait_healthy(base, process, log, "Server Streamlit")
        page(base, "")  # visitors: the process computes Ringkasan and Tentang on the first snapshot
        page(base, "tentang")
        before = snapshot.read_pointer(snapshot.folder(record)).file
        new = upload(record, tmp_path)
        assert new != before
        deadline = time.monotonic() + 60
        while f"Salinan baca {new} hangat" not in (text := log.read_text(errors="replace")):
            assert f"Salinan baca {new} dipakai" not in text, "beralih sebelum hangat:\n" + text[-3000:]
            assert time.monotonic() < deadline, text[-3000:]
            page(base, "tentang")  # other visitors meanwhile: a run makes the process look for a new snapshot
            time.sleep(0.5)
        text = log.read_text(errors="replace")
        warmed = int(re.search(rf"Salinan baca {re.escape(new)} hangat: (\d+) hasil", text).group(1))
        assert warmed > 5  # Ringkasan's results, computed for the new snapshot before anyone asked

        page(base, "")  # the first visitor after the publication (or the last Tentang visit) switches
        text = log.read_text(errors="replace")
        assert f"Salinan baca {new} dipakai." in text  # switched, warm (not "belum hangat")
        assert text.index(f"Salinan baca {new} hangat") < text.index(f"Salinan baca {new} dipakai")
        assert f"Salinan baca {new}: hasil dihitung di luar pemanasan" not in text, text[-3000:]
        assert "Traceback" not in text and "missing ScriptRunContext" not in text
    finally:
        deployment.stop_process(process)
