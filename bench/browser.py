"""Browser mode of `make bench` (BROWSER=1): page switches in headless Chromium, click to settled.

Starts the app (its own copy of a fresh demo database) and the bare pages of bench/bare_app.py on loopback,
opens each in Debian's Chromium at 1920x1080, and times clicks on the sidebar navigation: from the click to
the last change of the page (a MutationObserver notes the time of every DOM change; the page counts as
settled when Streamlit's script is not running and nothing has changed for QUIET seconds). The bare switch
(one chart and one table) is measured in the same run, so the ratio holds on a busy machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import deployment  # noqa: E402

PROJECT_ROOT = deployment.PROJECT_ROOT
QUIET = 1.0  # seconds without a DOM change that count as settled
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
APP_PAGES = ["", "kemiskinan-ekstrem", "stunting", "anak-tidak-sekolah", "perkawinan-anak", "inflasi",
             "kabupaten", "opd", "presentasi", "tentang"]
_OBSERVE_JS = """() => {
  if (window.__m41) return;
  window.__m41 = {last: performance.now()};
  new MutationObserver(() => { window.__m41.last = performance.now(); })
    .observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {now: performance.now(), last: window.__m41 ? window.__m41.last : 0,
          idle: !!app && app.getAttribute('data-test-script-state') === 'notRunning'
                && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')};
}"""


def wait_settled(page, timeout: float = 60.0) -> float:
    """performance.now() of the last DOM change once the page has been idle and unchanged for QUIET s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate(_STATE_JS)
        if state["idle"] and state["now"] - state["last"] >= QUIET * 1000:
            return state["last"]
        time.sleep(0.05)
    raise TimeoutError(f"{page.url} tidak tenang dalam {timeout:.0f} s")


def switch(page, path: str) -> float:
    """Click the sidebar link to path; seconds from the click to the settled page."""
    link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]').first
    start = page.evaluate("() => performance.now()")
    link.click()
    return (wait_settled(page) - start) / 1000


def go_home(page, base: str, home: str) -> None:
    """Back to the start page, untimed, by address (Presentasi hides the sidebar and its links)."""
    page.goto(f"{base}/{home}")
    page.evaluate(_OBSERVE_JS)
    wait_settled(page)


def time_switches(browser, base: str, pages: list[str], home: str, rounds: int) -> dict[str, list[float]]:
    """For each round and page: go home (settled), then click to the page and time it."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{base}/{home}")
    page.evaluate(_OBSERVE_JS)
    wait_settled(page)
    times: dict[str, list[float]] = {p: [] for p in pages}
    for _ in range(rounds + 1):  # the first round warms the server caches and is dropped
        for path in pages:
            times[path].append(switch(page, path))
            go_home(page, base, home)
    context.close()
    return {p: t[1:] for p, t in times.items()}


def run(args) -> dict:
    import load
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory(prefix="monitor41-browser-") as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        env = {**load.app_env(workdir, args.geo), "MONITOR41_PUBLIC": "0"}
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        with deployment.start(PROJECT_ROOT / "bench" / "bare_app.py", 1, {}, workdir / "bare") as bare, \
                deployment.start(PROJECT_ROOT / "app.py", 1, env, workdir / "app") as app:
            pages = [p for p in APP_PAGES if not args.page or any(w in (p or "ringkasan") for w in args.page)]
            bare_times = time_switches(chromium, bare.url, ["b"], "", args.rounds)["b"]
            app_times = time_switches(chromium, app.url, [p for p in pages if p != "tentang"], "tentang",
                                      args.rounds)
        chromium.close()
    return {"bare": bare_times, "pages": app_times}


def format_report(result: dict) -> str:
    bare = statistics.median(result["bare"])
    lines = [f"Page switch in Chromium, click to settled (quiet {QUIET:.1f} s), median of "
             f"{len(result['bare'])} rounds; from Tentang to the page", "",
             f"{'page':<20} | median s | max s | × bare", f"{'-' * 20}-+----------+-------+-------",
             f"{'(bare: chart+table)':<20} | {bare:8.2f} | {max(result['bare']):5.2f} |  1.00"]
    for page, times in result["pages"].items():
        median = statistics.median(times)
        lines.append(f"{page or 'ringkasan':<20} | {median:8.2f} | {max(times):5.2f} | {median / bare:5.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed switches per page (default 3)")
    parser.add_argument("--page", action="append", default=[], help="only pages containing this (repeat)")
    parser.add_argument("--geo", type=Path, help="boundary folder (default: as bench/bench.py)")
    args = parser.parse_args(argv)
    print(format_report(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
