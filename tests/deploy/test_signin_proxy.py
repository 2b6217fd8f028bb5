"""Signing in through the real deployment: two `streamlit run` replicas behind nginx (deploy/nginx), the
sign-in form submitted over Streamlit's websocket as the browser does. Guesses at one account from one visitor
address, spread over both replicas, are counted together; a replica restarted in the middle still remembers
them; the account's owner, from another address, signs in at once. nginx passes each visitor's address in
X-Forwarded-For, which the app trusts from loopback by default (MONITOR41_TRUSTED_PROXIES).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import secrets
import shutil
import time
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import deployment, stclient
from lib.users import accounts

pytestmark = pytest.mark.skipif(deployment.nginx_path() is None,
                                reason="nginx tidak terpasang; pasang dengan `apt-get install nginx` (CI memasangnya)")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOOD = "sandi-yang-benar-123"
GUESSER, OWNER = "203.0.113.9", "198.51.100.7"


def _rerun(base: str, page_hash: str = "", states: list[tuple[str, str, object]] = ()) -> bytes:
    msg = BackMsg()
    msg.ParseFromString(stclient.rerun_request(base, "unggah", ""))
    msg.rerun_script.page_script_hash = page_hash
    for widget_id, field, value in states:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        setattr(state, field, value)
    return msg.SerializeToString()


async def _run(ws, seen: dict) -> None:
    """Read ForwardMsgs until a script run finishes normally; note widget ids by label, alerts and page hash."""
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "navigation":  # the page this session is on, for the rerun that submits the form
            seen["hash"] = msg.navigation.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which in ("text_input", "button"):
                seen["ids"][getattr(element, which).label] = getattr(element, which).id
            elif which == "alert":
                seen["alerts"].append(element.alert.body)
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            return


async def _sign_in(base: str, name: str, password: str, visitor: str) -> str:
    """Open the Unggah page as a visitor from `visitor` (as nginx in front would say), submit the form: the
    answer is 'masuk', 'salah' or 'tunggu'."""
    headers = {"Cookie": f"{stclient.ROUTE_COOKIE}={secrets.token_hex(8)}", "X-Forwarded-For": visitor}
    async with asyncio.timeout(120):
        async with websockets.connect(stclient.stream_url(base), subprotocols=["streamlit"], max_size=None,
                                      additional_headers=headers, ping_interval=None) as ws:
            seen = {"ids": {}, "alerts": [], "hash": ""}
            await ws.send(_rerun(base))
            await _run(ws, seen)
            ids, seen["alerts"] = seen["ids"], []
            await ws.send(_rerun(base, seen["hash"], [(ids["Nama pengguna"], "string_value", name),
                                                      (ids["Kata sandi"], "string_value", password),
                                                      (ids["Masuk"], "trigger_value", True)]))
            await _run(ws, seen)
    alerts = " ".join(seen["alerts"])
    return "tunggu" if "coba lagi" in alerts else "salah" if "salah" in alerts else "masuk"


def sign_in(base: str, name: str, password: str, visitor: str) -> str:
    """On a thread of its own: a process that ran the browser tests has an event loop running already."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _sign_in(base, name, password, visitor)).result()


@pytest.fixture
def signin_deployment(demo_db, tmp_path, monkeypatch):
    database, users_file = tmp_path / "monitor41.duckdb", tmp_path / "pengguna.json"
    shutil.copyfile(demo_db, database)
    monkeypatch.setattr(accounts, "HASHER", accounts.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    accounts.add_user("admin", GOOD, "admin", path=users_file)
    env = {"MONITOR41_DB": str(database), "MONITOR41_USERS": str(users_file), "MONITOR41_PUBLIC": "0"}
    with deployment.start(PROJECT_ROOT / "app.py", 2, env, tmp_path / "deploy", proxy=True) as running:
        yield running, env, tmp_path


def test_guesses_through_nginx_over_two_replicas_are_counted_together_and_survive_a_restart(signin_deployment):
    running, env, tmp_path = signin_deployment
    first, second = running.replica_urls
    # Six wrong passwords from one visitor, alternating replicas (the first through nginx), each after the wait
    # that counting them together imposes (none, none, none, 1, 2, 4 s). Counted apart, each replica would have
    # seen three: no wait at all, and the next try would be checked.
    for n, pause in enumerate([0, 0, 0, 1.1, 2.1, 4.1]):
        time.sleep(pause)
        base = running.url if n == 0 else (first, second)[n % 2]
        sixth = time.monotonic()  # the sixth failure is checked after this moment: its 8 s run at least until +8
        assert sign_in(base, "admin", f"tebakan-salah-{n}", GUESSER) == "salah", n
    for replica in (first, second):  # 8 s now, on either replica (an answer after the 8 s may be either)
        answer = sign_in(replica, "admin", GOOD, GUESSER)
        assert answer == "tunggu" or time.monotonic() > sixth + 8, answer
    assert sign_in(running.url, "admin", GOOD, OWNER) == "masuk"  # the owner elsewhere: at once

    deployment.stop_process(running.replicas[0])  # restart the first replica on its port
    port = int(first.rsplit(":", 1)[1])
    log = tmp_path / "restarted.log"
    running.replicas[0] = deployment.start_replica(PROJECT_ROOT / "app.py", port, env, log)
    deployment.wait_healthy(first, running.replicas[0], log, "replika")
    # Still within the 8 s, or past it: then a seventh failure brings 16 s. A replica that had forgotten the
    # six would check both tries.
    answers = [sign_in(first, "admin", "tebakan-salah-6", GUESSER)]
    if answers[0] == "salah":
        answers.append(sign_in(first, "admin", GOOD, GUESSER))
    assert answers[-1] == "tunggu", answers
    assert sign_in(first, "admin", GOOD, OWNER) == "masuk"
