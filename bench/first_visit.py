"""The first visitor after a publication: how long Ringkasan takes in a running app right after an upload.

    make bench-publish                                   # with the warm-up (the default)
    .venv/bin/python bench/first_visit.py --warm-seconds 0   # without it: readers switch at once (as before)

Starts one `streamlit run` replica on loopback on a fresh demo database, opens Ringkasan twice through
Streamlit's websocket protocol (bench/stclient.py: the first run of a fresh process, then a warm run), then
per round uploads one value with `python -m lib.ingest load` in another process (a new snapshot), waits
until the server has warmed it or switched to it (its log line "Salinan baca … hangat" or "… dipakai"), and times the next Ringkasan
runs: the first visitor after the publication, then the second. A developer tool: no thresholds.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import deployment  # noqa: E402
import stclient  # noqa: E402

PROJECT_ROOT = deployment.PROJECT_ROOT
SWITCHED = re.compile(r"Salinan baca (\S+) (?:dipakai|hangat)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="uploads to time (default 3)")
    parser.add_argument("--warm-seconds", default=None,
                        help="MONITOR41_WARM_SECONDS for the server (0: no warm-up; default: the app's default)")
    parser.add_argument("--page", default="", help="URL path of the page to time (default Ringkasan)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser.parse_args(argv)


def upload(record: Path, folder: Path, value: int) -> float:
    """One value uploaded by the CLI in its own process; seconds it took (writes and publishes)."""
    path = folder / f"isian-{value}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(("indikator", "wilayah", "periode", "nilai", "sumber", "catatan"))
        out.writerow(("ST-PREV", "76.05", "2023", f"{30 + value}", "SKI 2023", ""))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lib.ingest", "load", str(path), "--db", str(record), "--yes"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    if done.returncode != 0:
        raise SystemExit(f"unggahan gagal: {done.stderr.strip()}")
    return time.perf_counter() - start


def newest_version(record: Path) -> str:
    from lib.db import snapshot
    return snapshot.read_pointer(snapshot.folder(record)).file


def wait_switched(base: str, log: Path, version: str, timeout: float = 60.0) -> float:
    """Seconds until the server's log says it warmed or reads version. A process looks for a new snapshot
    when a page runs (at most once a second): a light page (Tentang) is opened every half second meanwhile."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if version in SWITCHED.findall(log.read_text(errors="replace")):
            return time.monotonic() - start
        page_seconds(base, "tentang")
        time.sleep(0.5)
    raise SystemExit(f"server tidak beralih ke {version} dalam {timeout:.0f} s:\n{log.read_text()[-2000:]}")


def page_seconds(base: str, page: str) -> float:
    loaded = asyncio.run(stclient.load_page(base, page, "", timeout=120))
    if loaded.error:
        raise SystemExit(f"halaman {page or '/'} gagal: {loaded.error}")
    return loaded.seconds


def run(args: argparse.Namespace, workdir: Path) -> dict:
    from lib.db.build import build_record
    record = workdir / "monitor41.duckdb"
    build_record(record, seed_dir=PROJECT_ROOT / "data" / "seed")
    env = {"MONITOR41_DB": str(record)}
    if args.warm_seconds is not None:
        env["MONITOR41_WARM_SECONDS"] = str(args.warm_seconds)
    port = deployment.free_port()
    log = workdir / "streamlit.log"
    process = deployment.start_replica(PROJECT_ROOT / "app.py", port, env, log)
    base = f"http://{deployment.HOST}:{port}"
    result: dict = {"warm_seconds": args.warm_seconds, "page": args.page or "Ringkasan", "rounds": []}
    try:
        deployment.wait_healthy(base, process, log, "Server Streamlit")
        result["fresh_process"] = page_seconds(base, args.page)
        result["warm"] = page_seconds(base, args.page)
        for value in range(args.rounds):
            seconds = upload(record, workdir, value)
            version = newest_version(record)
            switched = wait_switched(base, log, version)
            first = page_seconds(base, args.page)
            second = page_seconds(base, args.page)
            result["rounds"].append({"upload": seconds, "switch_wait": switched, "first": first, "second": second})
    finally:
        deployment.stop_process(process)
    return result


def format_report(result: dict) -> str:
    warm = result["warm_seconds"]
    lines = [f"MONITOR41_WARM_SECONDS={warm if warm is not None else '(bawaan)'}",
             f"{result['page']}, proses baru: {result['fresh_process']:.2f} s; hangat: {result['warm']:.2f} s"]
    for n, item in enumerate(result["rounds"], 1):
        lines.append(f"unggahan {n}: {item['upload']:.1f} s; beralih setelah {item['switch_wait']:.1f} s; "
                     f"pengunjung pertama {item['first']:.2f} s, kedua {item['second']:.2f} s")
    firsts = [item["first"] for item in result["rounds"]]
    if firsts:
        lines.append(f"pengunjung pertama setelah terbit: median {statistics.median(firsts):.2f} s, "
                     f"maks {max(firsts):.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="m41-first-visit-") as folder:
        result = run(args, Path(folder))
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
