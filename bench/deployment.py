"""Start and stop a deployment on loopback: N `streamlit run` replicas, optionally nginx in front of them
rendered from deploy/nginx (the same template an operator installs), and a sampler of their CPU and memory.

Used by bench/load.py and tests/deploy. Every process binds 127.0.0.1 and is stopped by its own pid.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HEALTH_TIMEOUT = 90.0

sys.path.insert(0, str(PROJECT_ROOT))
from deploy import nginx_conf  # noqa: E402


class DeploymentError(RuntimeError):
    """A replica or the proxy did not come up; the message holds the end of its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def nginx_path() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def stop_process(process: subprocess.Popen) -> None:
    """Terminate a process group we started (streamlit or nginx), then make sure."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@dataclass
class Deployment:
    url: str
    replicas: list[subprocess.Popen]
    replica_urls: list[str]
    proxy: subprocess.Popen | None = None
    logs: list[Path] = field(default_factory=list)

    def server_pids(self) -> list[int]:
        return [p.pid for p in self.replicas]

    def stop(self) -> None:
        for process in ([self.proxy] if self.proxy else []) + self.replicas:
            stop_process(process)

    def __enter__(self) -> "Deployment":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_healthy(url: str, process: subprocess.Popen, log: Path, what: str) -> None:
    """Return once url answers /_stcore/health; DeploymentError with the log's end when it dies or times out."""
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while not healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise DeploymentError(f"{what} di {url} tidak sehat (kode {process.poll()}):\n{tail}")
        time.sleep(0.25)


def start_replica(script: Path, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.port", str(port), "--server.address", HOST, "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def start_nginx(replica_urls: list[str], port: int, workdir: Path) -> subprocess.Popen:
    executable = nginx_path()
    if executable is None:
        raise DeploymentError("nginx tidak terpasang; pasang dengan `apt-get install nginx`")
    site = nginx_conf.render([u.split("//", 1)[1] for u in replica_urls], listen=f"{HOST}:{port}",
                             server_name="localhost")
    config = nginx_conf.standalone(site, workdir)
    with open(workdir / "stdout.log", "wb") as out:
        return subprocess.Popen([executable, "-c", str(config), "-p", str(workdir), "-e",
                                 str(workdir / "error.log")], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def start(script: Path, replicas: int, env: dict[str, str], workdir: Path, proxy: bool | None = None,
          ) -> Deployment:
    """Start replicas of script (and nginx when proxy, default: when more than one replica); wait healthy."""
    workdir.mkdir(parents=True, exist_ok=True)
    proxy = replicas > 1 if proxy is None else proxy
    deployment = Deployment(url="", replicas=[], replica_urls=[])
    try:
        for n in range(replicas):
            port, log = free_port(), workdir / f"replica{n + 1}.log"
            deployment.replicas.append(start_replica(script, port, env, log))
            deployment.replica_urls.append(f"http://{HOST}:{port}")
            deployment.logs.append(log)
        for process, url, log in zip(deployment.replicas, deployment.replica_urls, deployment.logs):
            wait_healthy(url, process, log, "replika")
        deployment.url = deployment.replica_urls[0]
        if proxy:
            port = free_port()
            deployment.proxy = start_nginx(deployment.replica_urls, port, workdir / "nginx")
            deployment.url = f"http://{HOST}:{port}"
            wait_healthy(deployment.url, deployment.proxy, workdir / "nginx" / "error.log", "nginx")
    except BaseException:
        deployment.stop()
        raise
    return deployment


class ResourceSampler:
    """CPU seconds and peak resident memory of server processes (and their children) while a load runs."""

    def __init__(self, pids: list[int], interval: float = 0.2):
        import psutil
        self._procs = [psutil.Process(pid) for pid in pids]
        self._interval, self._stop = interval, threading.Event()
        self.peak_rss = 0
        self._cpu_start = self._cpu()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _alive(self):
        import psutil
        for proc in self._procs:
            try:
                yield from [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue

    def _cpu(self) -> float:
        import psutil
        total = 0.0
        for proc in self._alive():
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def _run(self) -> None:
        import psutil
        while not self._stop.wait(self._interval):
            rss = 0
            for proc in self._alive():
                try:
                    rss += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak_rss = max(self.peak_rss, rss)

    def __enter__(self) -> "ResourceSampler":
        self._wall = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_seconds = self._cpu() - self._cpu_start
        self.wall_seconds = time.perf_counter() - self._wall
