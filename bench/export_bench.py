"""Benchmark of the apel exports (lib.export): wall and CPU time to build the PowerPoint deck, the one-page PDF
and a share image from the demo database, each as a fresh `python -m lib.export` process (what a user waits
for on the command line, imports included) and in-process warm (what the download buttons cost).

Usage: python bench/bench.py --export [--scale N] [--runs K]   (or python bench/export_bench.py)
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
COMMANDS = {"deck": "apel.pptx", "brief": "ringkasan.pdf", "image": "slide.png"}


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_times(db_path: Path, workdir: Path, geo_dir: str) -> dict:
    """One fresh process per file: wall and CPU seconds."""
    times = {}
    env = {**os.environ, "MONITOR41_GEO_DIR": geo_dir}
    for what, name in COMMANDS.items():
        cpu, start = _cpu_children(), time.perf_counter()
        subprocess.run([sys.executable, "-m", "lib.export", what, "--out", str(workdir / name), "--db", str(db_path)],
                       cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
        times[what] = (time.perf_counter() - start, _cpu_children() - cpu)
    return times


def warm_times(db_path: Path, runs: int) -> dict:
    """In one process after a first untimed build: median wall seconds of load + each file."""
    from lib.db.connect import connect
    from lib.export import build, model, share

    con = connect(db_path)
    steps = {"load": lambda: model.load(con), "deck": lambda: build.pptx(model.load(con)),
             "brief": lambda: build.pdf(model.load(con)),
             "image": lambda: share.slide_image(model.build_deck(model.load(con), "id").slides[2], "id")}
    for step in steps.values():
        step()
    out = {}
    for name, step in steps.items():
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            step()
            samples.append(time.perf_counter() - start)
        out[name] = statistics.median(samples)
    return out


def main(scale: int = 0, runs: int = 3, geo_dir: str | None = None) -> int:
    from lib.db.build import build_record

    geo = geo_dir or os.environ.get("MONITOR41_GEO_DIR") or str(PROJECT_ROOT / "geo")
    os.environ["MONITOR41_GEO_DIR"] = geo
    with tempfile.TemporaryDirectory(prefix="monitor41-export-bench-") as tmp:
        path = Path(tmp) / "monitor41.duckdb"
        build_record(path, seed_dir=PROJECT_ROOT / "data" / "seed", scale=scale)
        cli = cli_times(path, Path(tmp), geo)
        warm = warm_times(path, runs)
        sizes = {what: (Path(tmp) / name).stat().st_size // 1024 for what, name in COMMANDS.items()}
    print(f"lib.export, scale {scale}, {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}")
    print("file  | CLI wall s | CLI CPU s | warm in-process s | KB")
    for what in COMMANDS:
        print(f"{what:5} | {cli[what][0]:10.1f} | {cli[what][1]:9.1f} | {warm[what]:17.2f} | {sizes[what]}")
    print(f"query load (warm): {warm['load']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
