"""One round of 30 briefing deliveries (issue 22), timed: a demo record in a temporary folder, 30 subscriptions
(six kabupaten × five, folder channel, brief PDF + share PNG + text), then `python -m lib.kirim run` as the
systemd unit runs it (nice 19). Prints the round's wall time and CPU seconds. A developer's tool: no threshold.

Viewers first: run `make load` in another terminal at the same time and compare its page times with and
without the round (bench/README.md, "Kirim").

usage: .venv/bin/python bench/kirim_round.py [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KABUPATEN = ("76.01", "76.02", "76.03", "76.04", "76.05", "76.06")
ISU = (None, "KE", "ST", "ATS", "PA")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="folder to build in and keep (default: temporary)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kirim-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "monitor41.duckdb"
    env = {**os.environ, "MONITOR41_DB": str(db), "MONITOR41_SNAPSHOT_DIR": "", "PYTHONPATH": str(ROOT)}
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "lib.db", "build", "--db", str(db)], env=env, check=True,
                   capture_output=True)
    from lib.kirim import subscribe

    made = datetime(2026, 1, 1)
    (folder / "paket").mkdir(exist_ok=True)
    for kab in KABUPATEN:
        for isu in ISU:
            subscribe.add(db, by="bench", channel="folder", recipient=str(folder / "paket" / f"{kab}-{isu or 'semua'}"),
                          trigger="jadwal", schedule="senin 06:00", kabupaten=[kab], isu=isu,
                          contents="brief,png,teks", now=made)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(["nice", "-n", "19", sys.executable, "-m", "lib.kirim", "run", "--pada",
                           "2026-01-05 06:01"], env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(done.stdout.strip() or done.stderr.strip())
    print(f"30 kiriman: {wall:.1f} s dinding, {cpu:.1f} s CPU (nice 19), folder {folder}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
