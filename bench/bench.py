"""Benchmark: server-side run time of every page (cold and warm, via AppTest) next to a bare one-line
Streamlit page, and what each page sends (map, chart and table bytes).

Usage: python bench/bench.py [--scale N] [--runs K] [--geo DIR] [--page NAME ...] [--profile] [--json] [--export]

A developer tool: it builds a fresh database in a temporary folder, never touches data/ or geo/, asserts
nothing about time, and exits 0 whenever the database builds (a page error is reported in its row).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app.py"
BARE_SCRIPT = 'import streamlit as st\n\nst.write("halo")\n'
TIMEOUT = 900  # seconds per run: generous, so a slow machine measures slowly instead of failing
BOUNDARY_FILE = "sulbar_kabupaten.geojson"

sys.path.insert(0, str(PROJECT_ROOT))  # `python bench/bench.py` puts bench/, not the project, on the path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=0,
                        help="0 = demo database; N > 0 adds ±N× the demo volume of simulated history")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per page (default 5)")
    parser.add_argument("--geo", type=Path, default=None,
                        help="boundary folder (default: MONITOR41_GEO_DIR, else geo/)")
    parser.add_argument("--page", action="append", default=[],
                        help="only pages whose file name contains this (repeatable)")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile one extra warm run per page and print the top functions")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    parser.add_argument("--export", action="store_true",
                        help="time the apel exports (PowerPoint, PDF, image; bench/export_bench.py) instead of pages")
    args = parser.parse_args(argv)
    args.runs = max(args.runs, 1)
    return args


def default_geo_dir() -> Path:
    """MONITOR41_GEO_DIR if set, else the project's geo/ (the boundary files committed with the code)."""
    if os.environ.get("MONITOR41_GEO_DIR", "").strip():
        return Path(os.environ["MONITOR41_GEO_DIR"].strip())
    return PROJECT_ROOT / "geo"


def app_pages() -> list[str]:
    """The page files in navigation order, read from app.py (so a new page is benchmarked without edits)."""
    pages = re.findall(r"""st\.Page\(\s*["'](views/[^"']+\.py)["']""", APP.read_text(encoding="utf-8"))
    return pages or sorted(f"views/{p.name}" for p in (PROJECT_ROOT / "views").glob("*.py"))


def build_database(path: Path, scale: int) -> dict:
    """Build the database the app will read; report time and row counts."""
    from lib.db.build import build_record
    start = time.perf_counter()
    report = build_record(path, seed_dir=PROJECT_ROOT / "data" / "seed", scale=scale)
    return {"seconds": time.perf_counter() - start, "rows": report.rows,
            "mb": path.stat().st_size / 1e6}


def quiet_streamlit() -> None:
    """AppTest outside `streamlit run` logs "missing ScriptRunContext" and "No runtime found" warnings, and a
    page that raises logs its traceback on every run; the report names the error once instead. The config is
    parsed first, since parsing it resets the log level to the configured one."""
    from streamlit import config, logger
    config.get_option("logger.level")
    config.set_option("logger.level", "critical")
    logger.set_log_level("critical")


def clear_caches() -> None:
    """Empty every cache a first visitor after a restart would find empty.

    AppTest runs the script in this process, so "cold" cannot mean a fresh interpreter (modules stay
    imported, files stay in the OS page cache). It means: Streamlit's cache_data and cache_resource empty
    (queries, the DuckDB connection, map layers) and lib's functools caches (boundary files) empty.
    """
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()
    for name, module in list(sys.modules.items()):
        if name == "lib" or name.startswith("lib."):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()


def timed_run(at) -> tuple[float, float, str | None]:
    """One AppTest run: wall ms, process CPU ms (all threads: the script thread, DuckDB's), and the error
    text if the run timed out or the page raised. CPU time barely moves when other programs load the machine;
    wall time does."""
    gc.collect()  # collect the previous session's garbage outside the timed span
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        at.run(timeout=TIMEOUT)
        error = at.exception[0].message if at.exception else None
    except Exception as exc:  # AppTest raises RuntimeError on timeout
        error = f"{type(exc).__name__}: {exc}"
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, error


def payload(at) -> dict:
    """What the page sends: deck.gl JSON bytes, Vega-Lite chart bytes, dataframe cells, all element bytes."""
    out = {"maps": 0, "map_bytes": 0, "charts": 0, "chart_bytes": 0, "tables": 0, "table_cells": 0,
           "element_bytes": 0}
    stack = [at._tree]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children is not None:
            stack.extend(children.values())
            continue
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        out["element_bytes"] += proto.ByteSize()
        if node.type == "deck_gl_json_chart":  # pydeck map (only with MONITOR41_BASEMAP)
            out["maps"] += 1
            out["map_bytes"] += len(proto.json.encode("utf-8"))
        elif node.type in ("vega_lite_chart", "arrow_vega_lite_chart") and '"geoshape"' in proto.spec:
            out["maps"] += 1  # lib.maps.vega: the features travel inside the spec
            out["map_bytes"] += proto.ByteSize()
        elif node.type in ("vega_lite_chart", "arrow_vega_lite_chart"):
            out["charts"] += 1
            out["chart_bytes"] += proto.ByteSize()
    for frame in at.dataframe:
        out["tables"] += 1
        out["table_cells"] += int(frame.value.size)
    return out


def measure(script: Path, page: str | None, runs: int) -> dict:
    """Cold and warm run times of one page (or of a single-page script when page is None)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    _, _, entry_error = timed_run(at)  # the default page, untimed: registers st.navigation's pages
    clear_caches()
    if page:
        at.switch_page(page)
    cold_ms, cold_cpu_ms, error = timed_run(at)
    wall, cpu = [], []
    for _ in range(runs):
        ms, cpu_ms, warm_error = timed_run(at)
        wall.append(ms)
        cpu.append(cpu_ms)
        error = error or warm_error
    return {"page": page or script.name, "cold_ms": cold_ms, "cold_cpu_ms": cold_cpu_ms,
            "warm_median_ms": statistics.median(wall), "warm_max_ms": max(wall),
            "warm_cpu_median_ms": statistics.median(cpu), "warm_ms": wall, "warm_cpu_ms": cpu,
            "error": error or entry_error, **payload(at), "_at": at}


def first_run_ms(script: Path) -> float:
    """The first run of a script in this process: one-time imports and start-up, then empty caches."""
    from streamlit.testing.v1 import AppTest
    clear_caches()
    return timed_run(AppTest.from_file(str(script), default_timeout=TIMEOUT))[0]


def prime(pages: list[str]) -> tuple[float, float]:
    """Open the app, then every page once, untimed for the table: pays the one-time imports (pandas,
    geopandas, altair, pydeck, openpyxl, ...) so each page's cold time does not depend on the pages before it.
    Returns (first app run ms, the pass over all pages ms)."""
    from streamlit.testing.v1 import AppTest
    clear_caches()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app_ms = timed_run(at)[0]
    start = time.perf_counter()
    for page in pages:
        at.switch_page(page)
        timed_run(at)
    return app_ms, (time.perf_counter() - start) * 1000


def profile_run(at, top: int = 12) -> str:
    """cProfile one more warm run. AppTest runs the script in its own thread, so profile inside it."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner
    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self):
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        at.run(timeout=TIMEOUT)
    finally:
        LocalScriptRunner._run_script_thread = original
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    text.write("project code by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(rf"{re.escape(str(PROJECT_ROOT))}/(lib|views)/", top)
    text.write("everything by own time:\n")
    stats.sort_stats("tottime").print_stats(top)
    return re.sub(r"\n\s*\n+", "\n", text.getvalue())


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB on Linux


def run(args: argparse.Namespace, workdir: Path) -> dict:
    """Build, then measure the bare script and every page; return all numbers."""
    geo_dir = (args.geo or default_geo_dir()).resolve()
    db_path = workdir / "monitor41.duckdb"
    os.environ["MONITOR41_DB"] = str(db_path)
    os.environ["MONITOR41_GEO_DIR"] = str(geo_dir)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    build = build_database(db_path, args.scale)

    quiet_streamlit()
    bare = workdir / "bare.py"
    bare.write_text(BARE_SCRIPT, encoding="utf-8")
    selected = [p for p in app_pages() if not args.page or any(wanted in p for wanted in args.page)]
    first = {"bare_ms": first_run_ms(bare)}  # Streamlit's one-time start-up in this process
    baseline = measure(bare, None, args.runs)
    first["app_ms"], first["pages_ms"] = prime(selected)

    pages, profiles = [], {}
    for page in selected:
        result = measure(APP, page, args.runs)
        at = result.pop("_at")
        if args.profile:
            profiles[page] = profile_run(at)
        pages.append(result)
    baseline.pop("_at")
    baseline["page"] = "(bare st.write)"
    clear_caches()  # closes the cached DuckDB connection before the temporary folder goes
    return {"scale": args.scale, "runs": args.runs, "geo_dir": str(geo_dir),
            "real_boundaries": (geo_dir / BOUNDARY_FILE).is_file(), "cpus": os.cpu_count(),
            "python": sys.version.split()[0], "streamlit": _version("streamlit"), "duckdb": _version("duckdb"),
            "build": build, "first_run": first, "baseline": baseline, "pages": pages, "profiles": profiles,
            "peak_rss_mb": peak_rss_mb(),
            "load_average": [load_before, os.getloadavg()[0]], "total_seconds": time.perf_counter() - started}


def _version(package: str) -> str:
    from importlib.metadata import version
    return version(package)


def _n(value: float) -> str:
    return f"{value:,.0f}"


def format_report(result: dict) -> str:
    """The human-readable report: build, first runs, then one row per page under the baseline row."""
    build = result["build"]
    rows = ", ".join(f"{table} {_n(count)}" for table, count in build["rows"].items())
    geo = "real boundaries" if result["real_boundaries"] else "no boundary files: schematic tile map"
    lines = [
        f"Monitor 4+1 Sulbar bench — scale {result['scale']}, {result['runs']} warm runs, "
        f"{result['cpus']} CPU, Python {result['python']}, Streamlit {result['streamlit']}, "
        f"DuckDB {result['duckdb']}",
        f"geo: {result['geo_dir']} ({geo})",
        f"database built in {build['seconds']:.1f} s, {build['mb']:.1f} MB: {rows}",
        f"first AppTest run in this process: bare script {_n(result['first_run']['bare_ms'])} ms, "
        f"app.py (imports + Ringkasan, cold) {_n(result['first_run']['app_ms'])} ms, "
        f"then every page once {_n(result['first_run']['pages_ms'])} ms (not in the table)",
        "",
    ]
    header = ("page", "cold ms", "cold cpu", "warm med ms", "warm max ms", "warm cpu", "map bytes", "charts",
              "chart bytes", "tables", "cells", "sent bytes")
    table = [header]
    for row in [result["baseline"], *result["pages"]]:
        table.append((row["page"].removeprefix("views/"), *(_n(row[k]) for k in (
            "cold_ms", "cold_cpu_ms", "warm_median_ms", "warm_max_ms", "warm_cpu_median_ms", "map_bytes")),
            str(row["charts"]), _n(row["chart_bytes"]), str(row["tables"]), _n(row["table_cells"]),
            _n(row["element_bytes"])))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, cells in enumerate(table):
        lines.append(" | ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(cells, widths))))
        if i == 0:
            lines.append("-+-".join("-" * w for w in widths))
    errors = [f"  {row['page']}: {row['error']}" for row in [result["baseline"], *result["pages"]] if row["error"]]
    if errors:
        lines += ["", "ERRORS (the page raised or timed out; its times are not comparable):", *errors]
    load = result["load_average"]
    busy = " (above the CPU count: other programs shared the CPUs; trust the cpu columns more)" \
        if max(load) > (result["cpus"] or 1) else ""
    lines += ["", f"peak RSS {result['peak_rss_mb']:.0f} MB, bench took {result['total_seconds']:.1f} s, "
                  f"1-min load average {load[0]:.1f} at start, {load[1]:.1f} at end{busy}"]
    for page, text in result["profiles"].items():
        lines += ["", f"--- cProfile, one warm run of {page} ---", text.strip()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.export:
        from export_bench import main as export_main
        return export_main(args.scale, args.runs, str(args.geo) if args.geo else None)
    with tempfile.TemporaryDirectory(prefix="monitor41-bench-") as tmp:
        try:
            result = run(args, Path(tmp))
        except Exception as exc:  # lib.db's errors say the fix; nothing can be measured without a database
            from lib.db.errors import DatabaseError
            if not isinstance(exc, DatabaseError):
                raise
            print(f"bench: database build failed: {exc}", file=sys.stderr)
            return 1
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
