"""Two app replicas behind nginx on loopback, configured from deploy/nginx (the template an operator installs):
pages load through the proxy over Streamlit's websocket, the sticky cookie is set once, sessions spread over
both replicas, and the proxy keeps serving when one replica stops. Streamlit's internal endpoints that its
frontend does not call are 404, every response carries the security headers, and HTTPS adds HSTS.

Real processes: two `streamlit run` and one unprivileged nginx, all on 127.0.0.1 free ports.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench import deployment, stclient
from deploy import nginx_conf

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


SECURITY_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
HIDDEN = ["/_stcore/metrics", "/_stcore/script-health-check", "/_stcore/agent/interact",
          "/_stcore/agent/openapi.json", "/_stcore/agent/mcp", "/_stcore/message", "/_stcore/anything-new",
          "/_stcore//metrics", "/_stcore/%6detrics", "/_stcore/health/../metrics", "/x/../_stcore/metrics"]


def _get(url: str, cookie: str | None = None, context: ssl.SSLContext | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


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


def test_the_rendered_config_hides_internals_and_sends_security_headers():
    site = nginx_conf.render(["127.0.0.1:8601"])
    for directive in ("server_tokens off;", "add_header X-Frame-Options SAMEORIGIN always;",
                      "add_header Content-Security-Policy \"frame-ancestors 'self'\" always;",
                      "add_header X-Content-Type-Options nosniff always;",
                      "add_header Referrer-Policy strict-origin-when-cross-origin always;",
                      "add_header Strict-Transport-Security $m41_hsts always;",
                      "location /_stcore/ {\n        return 404;", "location = /_stcore/stream {",
                      "location = /_stcore/health {", "location /_stcore/upload_file/ {"):
        assert directive in site, directive
    assert "ssl_certificate" not in site
    secure = nginx_conf.render(["127.0.0.1:8601"], listen="443", certificate="/c.pem", key="/k.pem")
    assert "listen 443 ssl;" in secure and "ssl_certificate     /c.pem;" in secure
    with pytest.raises(ValueError):
        nginx_conf.render(["127.0.0.1:8601"], certificate="/c.pem")


def test_every_internal_endpoint_the_installed_frontend_calls_passes_nginx():
    """After a Streamlit upgrade: each `_stcore/...` path in the frontend's code has a location of its own (the
    rest of /_stcore/ is 404), so a new one the browser needs cannot be hidden unnoticed."""
    import re

    import streamlit

    code = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("*.js"))
    called = set(re.findall(r"_stcore/[a-z_-]+", code))
    assert {"_stcore/stream", "_stcore/health", "_stcore/host-config", "_stcore/upload_file"} <= called
    site = nginx_conf.render(["127.0.0.1:8601"])
    missing = [path for path in called if f"location = /{path} {{" not in site and f"location /{path}/ {{" not in site]
    assert not missing, f"frontend Streamlit memanggil endpoint yang ditutup nginx: {missing}"


def test_internal_endpoints_are_hidden_and_pages_carry_security_headers(proxied):
    """Through nginx: what Streamlit's frontend does not call is 404 (however the path is spelled), what it
    calls answers, and every response has the headers and no nginx version."""
    for path in HIDDEN:
        status, headers, _ = _get(proxied.url + path)
        assert status == 404, path
        assert {k: headers.get(k) for k in SECURITY_HEADERS} == SECURITY_HEADERS, path
    # The same paths straight at a replica answer, so it is nginx that hides them.
    assert _get(proxied.replica_urls[0] + "/_stcore/metrics")[0] == 200

    status, headers, body = _get(proxied.url + "/")
    assert status == 200 and {k: headers.get(k) for k in SECURITY_HEADERS} == SECURITY_HEADERS
    assert headers.get("Server") == "nginx" and headers.get("Strict-Transport-Security") is None  # plain HTTP
    status, headers, body = _get(proxied.url + "/_stcore/host-config")
    assert status == 200 and headers.get("Content-Type") == "application/json"
    assert json.loads(body)["allowedOrigins"] == []  # no parent page may talk to the app
    assert headers.get("X-Frame-Options") == "SAMEORIGIN"
    assert _get(proxied.url + "/_stcore/health")[2].strip() == b"ok"
    status, headers, _ = _get(proxied.url + "/static/does-not-exist.js")
    assert headers.get("X-Content-Type-Options") == "nosniff"
    # Uploads reach Streamlit (its own refusal of a request without the XSRF token, not nginx's 404).
    upload = urllib.request.Request(proxied.url + "/_stcore/upload_file/sesi/berkas", method="PUT", data=b"x")
    try:
        urllib.request.urlopen(upload, timeout=30)
    except urllib.error.HTTPError as refused:
        assert refused.code == 403, refused.code


def test_https_adds_hsts(proxied, tmp_path):
    """The same template with a certificate (self-signed here): HTTPS responses carry HSTS."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl tidak terpasang")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=localhost", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = deployment.free_port()
    site = nginx_conf.render([u.split("//", 1)[1] for u in proxied.replica_urls], listen=f"127.0.0.1:{port}",
                             server_name="localhost", certificate=str(cert), key=str(key))
    workdir = tmp_path / "nginx"
    config = nginx_conf.standalone(site, workdir)
    proxy = subprocess.Popen([deployment.nginx_path(), "-c", str(config), "-p", str(workdir), "-e",
                              str(workdir / "error.log")], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        url = f"https://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, headers, _ = _get(url + "/", context=context)
                break
            except urllib.error.URLError:
                if proxy.poll() is not None:
                    raise
                time.sleep(0.1)
        assert status == 200
        assert headers.get("Strict-Transport-Security") == "max-age=31536000"
        assert headers.get("X-Frame-Options") == "SAMEORIGIN"
        assert _get(url + "/_stcore/metrics", context=context)[0] == 404
    finally:
        deployment.stop_process(proxy)
