"""Two app replicas behind nginx on loopback, configured from deploy/nginx (the template an operator installs):
pages load through the proxy over Streamlit's websocket, the sticky cookie is set once, sessions spread over
both replicas, and the proxy keeps serving when one replica stops.

Real processes: two `streamlit run` and one unprivileged nginx, all on 127.0.0.1 free ports.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import urllib.request
from pathlib import Path

import pytest

from bench import deployment, stclient

pytestmark = pytest.mark.skipif(deployment.nginx_path() is None,
                                reason="nginx tidak terpasang; pasang dengan `apt-get install nginx` (CI memasangnya)")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def proxied(demo_db, tmp_path_factory):
    """Two public-mode replicas (read-only on one database file) behind nginx."""
    workdir = tmp_path_factory.mktemp("deploy")
    database = workdir / "monitor41.duckdb"
    shutil.copyfile(demo_db, database)
    env = {"MONITOR41_DB": str(database), "MONITOR41_PUBLIC": "1"}
    with deployment.start(PROJECT_ROOT / "app.py", 2, env, workdir, proxy=True) as running:
        yield running


def _get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def _cpu(pid: int) -> float:
    import psutil
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def _sessions(url: str, pages: list[str]):
    """Concurrent websocket sessions, on a thread of their own: a process that has run the browser tests has
    Playwright's event loop running, where asyncio.run refuses to start."""
    async def together():
        return await asyncio.gather(*(stclient.load_page(url, page, timeout=180) for page in pages))

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, together()).result()


def test_pages_load_through_the_proxy_on_both_replicas(proxied):
    """The HTML and health check pass through nginx, the route cookie is set only when missing, and
    websocket sessions with different cookies complete Ringkasan and an isu page on both replicas."""
    status, headers, body = _get(proxied.url + "/")
    assert status == 200 and b"<div id=\"root\">" in body
    route = [c for c in headers.get_all("Set-Cookie") or [] if c.startswith(stclient.ROUTE_COOKIE + "=")]
    assert route, f"nginx tidak memasang cookie {stclient.ROUTE_COOKIE}: {headers.items()}"
    _, again, _ = _get(proxied.url + "/", cookie=route[0].split(";")[0])
    assert not again.get_all("Set-Cookie"), "cookie rute dipasang ulang padahal sudah dikirim"
    assert _get(proxied.url + "/_stcore/health")[2].strip() == b"ok"

    before = [_cpu(pid) for pid in proxied.server_pids()]
    loads = _sessions(proxied.url, ["", "stunting"] * 4)
    assert [x.error for x in loads] == [None] * len(loads)
    assert all(x.messages > 5 and x.bytes > 5_000 for x in loads), [(x.page, x.bytes) for x in loads]
    used = [_cpu(pid) - start for pid, start in zip(proxied.server_pids(), before)]
    # Eight random cookies all hashing to one replica has odds 2 * 2^-8; a page run costs well over 0.1 s.
    assert min(used) > 0.1, f"beban tidak terbagi ke kedua replika (detik CPU: {used})"


def test_proxy_keeps_serving_when_a_replica_stops(proxied):
    """With one replica down, new sessions still get complete pages (nginx retries the other)."""
    deployment.stop_process(proxied.replicas[1])
    loads = _sessions(proxied.url, ["", "presentasi", "", "presentasi"])
    assert [x.error for x in loads] == [None] * len(loads)
