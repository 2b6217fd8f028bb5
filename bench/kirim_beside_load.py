"""Viewers first, measured (issue 22, item 5): page loads with and without a round of 30 deliveries beside them.

    make bench-kirim                                   # 50 sessions per page, the round as the systemd unit runs it
    .venv/bin/python bench/kirim_beside_load.py --priority none   # the round at normal priority, to compare

One demo record in a temporary folder, served by one app replica on loopback (public mode, as `make load`), with
30 subscriptions on it (six kabupaten x five scopes: the whole kabupaten and four isu; folder channel; brief PDF,
share PNG and text; a weekly slot). Then:

1. alone:  the load of bench/load.py (what `make load` runs: per page one warm-up session, then N at once);
2. beside: the same load while delivery rounds run one after another (`python -m lib.kirim run`, each for the
   next weekly slot, so each sends 30), one at a time, as the unit runs them: `nice -n 19`, SCHED_IDLE
   (`chrt -i 0`, the unit's CPUSchedulingPolicy=idle) and idle disk priority (`ionice -c 3`); the unit's
   CPUQuota=50% needs a cgroup and is not reproduced here (so this is the harder case);
   1 and 2 take turns (--repeat, default 2), so the machine's other load falls on both;
3. the round alone: one more round with no load, for its own wall time.

Prints p50/p95 seconds to a complete page for both, and each round's wall time. A developer's tool: no
threshold; the numbers of this machine are in bench/README.md ("Kirim: penonton dulu").
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import deployment  # noqa: E402
import load  # noqa: E402

PROJECT_ROOT = deployment.PROJECT_ROOT
KABUPATEN = ("76.01", "76.02", "76.03", "76.04", "76.05", "76.06")
ISU = (None, "KE", "ST", "ATS", "PA")  # with the six kabupaten: 30 subscriptions, 30 different scopes
MADE = datetime(2026, 1, 1)
FIRST_SLOT = datetime(2026, 1, 5, 6, 1)  # a Monday after MADE; round n sends the slot of week n


def priority_prefix(priority: str) -> list[str]:
    """The command prefix of a round: 'unit' as deploy/systemd/monitor41-kirim.service (minus CPUQuota),
    'nice' only nice 19, 'none' normal priority."""
    if priority == "none":
        return []
    prefix = ["nice", "-n", "19"]
    if priority == "unit":
        if shutil.which("chrt"):
            prefix += ["chrt", "-i", "0"]
        if shutil.which("ionice"):
            prefix += ["ionice", "-c", "3"]
    return prefix


def subscribe_thirty(db: Path, folder: Path) -> None:
    from lib.kirim import subscribe

    folder.mkdir(parents=True, exist_ok=True)
    for kab in KABUPATEN:
        for isu in ISU:
            subscribe.add(db, by="bench", channel="folder", recipient=str(folder / f"{kab}-{isu or 'semua'}"),
                          trigger="jadwal", schedule="senin 06:00", kabupaten=[kab], isu=isu,
                          contents="brief,png,teks", now=MADE)


class Rounds:
    """Delivery rounds one after another in a thread (each a `python -m lib.kirim run` process), until stopped;
    the round running when stopped is finished, never cut."""

    def __init__(self, env: dict, prefix: list[str], first_week: int):
        self.env, self.prefix, self.week = env, prefix, first_week
        self.done: list[dict] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def one(self) -> dict:
        when = FIRST_SLOT + timedelta(weeks=self.week)
        self.week += 1
        started = time.perf_counter()
        cpu = os.times()
        run = subprocess.run([*self.prefix, sys.executable, "-m", "lib.kirim", "run", "--pada", f"{when:%Y-%m-%d %H:%M}"],
                             cwd=PROJECT_ROOT, env=self.env, capture_output=True, text=True, check=False)
        after = os.times()
        sent = re.search(r"terkirim (\d+)", run.stdout)
        result = {"slot": f"{when:%Y-%m-%d}", "wall_s": time.perf_counter() - started,
                  "cpu_s": (after.children_user - cpu.children_user) + (after.children_system - cpu.children_system),
                  "sent": int(sent.group(1)) if sent else None, "returncode": run.returncode,
                  "error": run.stderr.strip().splitlines()[-1] if run.returncode else ""}
        self.done.append(result)
        return result

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.one()

    def __enter__(self) -> Rounds:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure_pages(app, pages, args) -> list[dict]:
    return [load.measure(app.url, label, path, query, app.server_pids(), args, app.replica_urls)
            for label, path, query in pages]


def run(args: argparse.Namespace) -> dict:
    pages = [load.parse_page(p) for p in (args.page or load.DEFAULT_PAGES)]
    prefix = priority_prefix(args.priority)
    result = {"sessions": args.sessions, "cpus": os.cpu_count(), "priority": args.priority,
              "round_command": " ".join([*prefix, "python -m lib.kirim run"]),
              "load_average_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="monitor41-kirim-load-") as tmp:
        workdir = Path(tmp)
        env = load.app_env(workdir, args.geo)  # the demo record the app serves (public mode)
        db = Path(env["MONITOR41_DB"])
        round_env = {**os.environ, "MONITOR41_DB": str(db), "MONITOR41_SNAPSHOT_DIR": "", "MONITOR41_PUBLIC": "0",
                     "PYTHONPATH": str(PROJECT_ROOT)}
        os.environ.update({k: round_env[k] for k in ("MONITOR41_DB", "MONITOR41_SNAPSHOT_DIR")})
        subscribe_thirty(db, workdir / "paket")
        result.update(alone=[], beside=[], rounds_beside=[], load_average_beside=[])
        with deployment.start(PROJECT_ROOT / "app.py", 1, env, workdir / "app") as app:
            for _ in range(args.repeat):  # alone, then beside, in turns: the machine's other load hits both
                result["alone"] += measure_pages(app, pages, args)
                with Rounds(round_env, prefix, len(result["rounds_beside"])) as rounds:
                    result["beside"] += measure_pages(app, pages, args)
                    result["load_average_beside"].append(os.getloadavg()[0])
                result["rounds_beside"] += rounds.done
        result["round_alone"] = Rounds(round_env, prefix, len(result["rounds_beside"])).one()
    result["load_average_end"] = os.getloadavg()[0]
    return result


def _f(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def format_report(result: dict) -> str:
    lines = [f"Penonton dulu: {result['sessions']} sesi serentak per halaman, 1 replika, {result['cpus']} CPU; "
             f"putaran: {result['round_command']}", ""]
    header = ("halaman", "sendiri p50", "p95", "di samping putaran p50", "p95", "p95 x", "galat")
    table = [header]
    for alone, beside in zip(result["alone"], result["beside"]):  # one row per page and turn
        ratio = beside["p95_s"] / alone["p95_s"] if alone["p95_s"] else None
        table.append((alone["page"], _f(alone["p50_s"]), _f(alone["p95_s"]), _f(beside["p50_s"]), _f(beside["p95_s"]),
                      _f(ratio), f"{alone['errors']}/{beside['errors']}"))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        lines.append(" | ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            lines.append("-+-".join("-" * w for w in widths))
    ratios = sorted(b["p95_s"] / a["p95_s"] for a, b in zip(result["alone"], result["beside"]) if a["p95_s"])
    if ratios:
        middle = statistics.median(ratios)
        lines.append(f"p95 di samping / sendiri: median {middle:.2f}, rata-rata geometrik "
                     f"{statistics.geometric_mean(ratios):.2f}, rentang {ratios[0]:.2f}-{ratios[-1]:.2f} "
                     f"({len(ratios)} pasang halaman x giliran)")
    lines.append("")
    for r in result["rounds_beside"]:
        lines.append(f"putaran di samping beban, slot {r['slot']}: {r['sent']} terkirim, {r['wall_s']:.1f} s dinding, "
                     f"{r['cpu_s']:.1f} s CPU" + (f" (GAGAL: {r['error']})" if r["returncode"] else ""))
    r = result["round_alone"]
    lines.append(f"putaran tanpa beban, slot {r['slot']}: {r['sent']} terkirim, {r['wall_s']:.1f} s dinding, "
                 f"{r['cpu_s']:.1f} s CPU" + (f" (GAGAL: {r['error']})" if r["returncode"] else ""))
    beside = ", ".join(f"{x:.1f}" for x in result["load_average_beside"])
    lines.append(f"beban rata-rata 1 menit: {result['load_average_start']:.1f} di awal, {beside} di samping "
                 f"putaran, {result['load_average_end']:.1f} di akhir")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions per page (default 50)")
    parser.add_argument("--page", action="append", default=[], help="as bench/load.py (default its three pages)")
    parser.add_argument("--priority", choices=("unit", "nice", "none"), default="unit",
                        help="unit: nice 19 + SCHED_IDLE + idle I/O (default); nice: nice 19 only; none: normal")
    parser.add_argument("--repeat", type=int, default=2, help="turns of alone-then-beside (default 2)")
    parser.add_argument("--ramp", type=float, default=0.0, help="as bench/load.py")
    parser.add_argument("--timeout", type=float, default=120.0, help="as bench/load.py")
    parser.add_argument("--geo", type=Path, help="as bench/load.py")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        result = run(args)
    except deployment.DeploymentError as exc:
        print(f"bench-kirim: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    failed = [r for r in [*result["rounds_beside"], result["round_alone"]] if r["returncode"]]
    return 1 if failed or any(r["errors"] for r in result["alone"] + result["beside"]) else 0


if __name__ == "__main__":
    sys.exit(main())
