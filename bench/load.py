"""Load: N concurrent sessions per page through Streamlit's real websocket protocol (bench/stclient.py).

    make load                        # 50 sessions, 1 replica, started here on loopback
    make load SESSIONS=50 REPLICAS=2 # 2 replicas behind nginx rendered from deploy/nginx
    .venv/bin/python bench/load.py --url http://127.0.0.1:8501 --server-pid 1234   # a running deployment

Per page (Ringkasan, an isu page, Presentasi, and a bare page of one chart and one table served the same
way) it prints sessions completed, errors, p50/p95 seconds to a complete page, and the server's CPU and peak
resident memory during the run. See bench/README.md for the numbers on this machine.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import deployment  # noqa: E402
import stclient  # noqa: E402

PROJECT_ROOT = deployment.PROJECT_ROOT
BARE_APP = PROJECT_ROOT / "bench" / "bare_app.py"
DEFAULT_PAGES = ["ringkasan=", "stunting", "presentasi"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions per page (default 50)")
    parser.add_argument("--replicas", type=int, default=1,
                        help="replicas to start (more than 1: behind nginx); ignored with --url")
    parser.add_argument("--url", help="a running deployment to load instead of starting one")
    parser.add_argument("--server-pid", type=int, action="append", default=[],
                        help="with --url: pid of a server process to measure (repeat per replica)")
    parser.add_argument("--bare-url", help="with --url: a running bare page (bench/bare_app.py) to compare")
    parser.add_argument("--page", action="append", default=[],
                        help="LABEL=PATH[?QUERY] or PATH (repeat); default Ringkasan, stunting, presentasi")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="spread session starts over this many seconds (default 0: all at once)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a session may take (default 120)")
    parser.add_argument("--geo", type=Path, help="boundary folder (default: as bench/bench.py)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare page")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser.parse_args(argv)


def parse_page(spec: str) -> tuple[str, str, str]:
    """'ringkasan=' -> ('ringkasan', '', ''); 'stunting?lang=en' -> ('stunting?lang=en', 'stunting', 'lang=en')."""
    label, _, target = spec.partition("=") if "=" in spec else (spec, "", spec)
    path, _, query = target.partition("?")
    return label or path or "/", path.strip("/"), query


async def _burst(url: str, path: str, query: str, sessions: int, ramp: float, timeout: float):
    async def one(n: int):
        if ramp:
            await asyncio.sleep(ramp * n / sessions)
        return await stclient.load_page(url, path, query, timeout)
    return await asyncio.gather(*(one(n) for n in range(sessions)))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def measure(url: str, label: str, path: str, query: str, pids: list[int], args,
            warm_urls: list[str] | None = None) -> dict:
    """Warm the page with one session on each replica (the first visitor pays the caches), then N at once."""
    for replica in (warm_urls or [])[1:]:
        asyncio.run(stclient.load_page(replica, path, query, args.timeout))
    warm = asyncio.run(stclient.load_page((warm_urls or [url])[0], path, query, args.timeout))
    sampler = deployment.ResourceSampler(pids) if pids else None
    client_cpu = time.process_time()
    if sampler:
        sampler.__enter__()
    started = time.perf_counter()
    loads = asyncio.run(_burst(url, path, query, args.sessions, args.ramp, args.timeout))
    wall = time.perf_counter() - started
    if sampler:
        sampler.__exit__(None, None, None)
    done = [x.seconds for x in loads if not x.error]
    errors = [x.error for x in loads if x.error]
    return {"page": label, "sessions": args.sessions, "completed": len(done), "errors": len(errors),
            "error_samples": sorted(set(errors))[:3], "first_s": warm.seconds, "first_error": warm.error,
            "p50_s": percentile(done, 50), "p95_s": percentile(done, 95), "max_s": max(done, default=0.0),
            "wall_s": wall, "kb_per_session": statistics.mean(x.bytes for x in loads) / 1e3,
            "server_cpu_s": sampler.cpu_seconds if sampler else None,
            "server_cpu_pct": 100 * sampler.cpu_seconds / sampler.wall_seconds if sampler else None,
            "peak_rss_mb": sampler.peak_rss / 1e6 if sampler else None,
            "client_cpu_s": time.process_time() - client_cpu}


def app_env(workdir: Path, geo: Path | None) -> dict[str, str]:
    """A fresh demo database in workdir, opened read-only by every replica (public mode)."""
    import bench as page_bench
    from lib.db.build import build_record
    path = workdir / "monitor41.duckdb"
    build_record(path, seed_dir=PROJECT_ROOT / "data" / "seed")
    geo_dir = (geo or page_bench.default_geo_dir()).resolve()
    return {"MONITOR41_DB": str(path), "MONITOR41_GEO_DIR": str(geo_dir), "MONITOR41_PUBLIC": "1"}


def run(args: argparse.Namespace) -> dict:
    pages = [parse_page(p) for p in (args.page or DEFAULT_PAGES)]
    result = {"sessions": args.sessions, "replicas": args.replicas if not args.url else None,
              "cpus": os.cpu_count(), "load_average_start": os.getloadavg()[0], "rows": []}
    if args.url:
        for label, path, query in pages:
            result["rows"].append(measure(args.url, label, path, query, args.server_pid, args))
        if args.bare_url:
            result["rows"].append(measure(args.bare_url, "(bare page)", "", "", [], args))
        return result
    with tempfile.TemporaryDirectory(prefix="monitor41-load-") as tmp:
        workdir = Path(tmp)
        env = app_env(workdir, args.geo)
        with deployment.start(PROJECT_ROOT / "app.py", args.replicas, env, workdir / "app") as app:
            result["url"] = app.url
            for label, path, query in pages:
                result["rows"].append(measure(app.url, label, path, query, app.server_pids(), args,
                                             app.replica_urls))
        if not args.no_bare:
            with deployment.start(BARE_APP, args.replicas, {}, workdir / "bare") as bare:
                result["rows"].append(measure(bare.url, "(bare page)", "", "", bare.server_pids(), args,
                                             bare.replica_urls))
    result["load_average_end"] = os.getloadavg()[0]
    return result


def _f(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def format_report(result: dict) -> str:
    where = result.get("url") or "running deployment"
    lines = [f"Load: {result['sessions']} concurrent sessions per page, "
             f"{result['replicas'] or '?'} replica(s), {result['cpus']} CPU; {where}", ""]
    header = ("page", "completed", "errors", "first s", "p50 s", "p95 s", "max s", "server cpu s", "cpu %",
              "peak RSS MB", "KB/session")
    table = [header] + [(r["page"], f"{r['completed']}/{r['sessions']}", str(r["errors"]), _f(r["first_s"]),
                         _f(r["p50_s"]), _f(r["p95_s"]), _f(r["max_s"]), _f(r["server_cpu_s"], 1),
                         _f(r["server_cpu_pct"], 0), _f(r["peak_rss_mb"], 0), _f(r["kb_per_session"], 0))
                        for r in result["rows"]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        lines.append(" | ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            lines.append("-+-".join("-" * w for w in widths))
    for r in result["rows"]:
        for sample in r["error_samples"] + ([r["first_error"]] if r["first_error"] else []):
            lines.append(f"  {r['page']}: {sample}")
    lines.append(f"1-min load average {result['load_average_start']:.1f} at start, "
                 f"{result.get('load_average_end', 0):.1f} at end")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except deployment.DeploymentError as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    return 1 if any(r["errors"] for r in result["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
