"""A Streamlit client without a browser: the websocket protocol of Streamlit's own frontend.

The frontend opens /_stcore/stream with the subprotocol "streamlit" (the same header can carry an XSRF token
and the id of a session to resume), sends a BackMsg `rerun_script` holding the page (its URL path as
`page_name`) and the query string, and draws ForwardMsgs (new_session, navigation, deltas, ...) until
`script_finished`. That is what one session here does, so the server does exactly the work a browser tab
costs it, minus static files; the client parses each message once and keeps only counts.
"""
from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROUTE_COOKIE = "m41_route"  # deploy/nginx: the proxy hashes on this cookie to keep a tab on one replica
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass
class PageLoad:
    """One session's page: seconds from opening the websocket to the end of the script run."""
    page: str
    seconds: float = 0.0
    messages: int = 0
    bytes: int = 0
    exceptions: int = 0
    error: str | None = None


def stream_url(base: str) -> str:
    parts = urlsplit(base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


def rerun_request(base: str, page: str, query: str) -> bytes:
    """The BackMsg a browser sends when it opens base/page?query."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.context_info.timezone = "Asia/Makassar"
    state.context_info.timezone_offset = -480
    state.context_info.locale = "id-ID"
    state.context_info.url = f"{base.rstrip('/')}/{page}" + (f"?{query}" if query else "")
    return msg.SerializeToString()


def _count(data: bytes, load: PageLoad) -> bool:
    """Account one ForwardMsg; True when the script run is over."""
    load.messages += 1
    load.bytes += len(data)
    msg = ForwardMsg()
    msg.ParseFromString(data)
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element" \
            and msg.delta.new_element.WhichOneof("type") == "exception":
        load.exceptions += 1
    elif kind == "page_not_found":
        load.error = f"halaman tidak ada: {load.page!r}"
    elif kind == "script_finished" and msg.script_finished in FINISHED:
        if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            load.error = "script gagal dikompilasi"
        return True
    return False


async def load_page(base: str, page: str, query: str = "", timeout: float = 60.0) -> PageLoad:
    """Open one session on page, wait for its first complete run, close. Errors are recorded, not raised."""
    load = PageLoad(page or "/")
    cookie = f"{ROUTE_COOKIE}={secrets.token_hex(8)}"  # as if the proxy had set it on the HTML request
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(stream_url(base), subprotocols=["streamlit"], max_size=None,
                                          additional_headers={"Cookie": cookie}, open_timeout=timeout,
                                          ping_interval=None, compression=None) as ws:
                await ws.send(rerun_request(base, page, query))
                while not _count(await ws.recv(), load):
                    pass
    except TimeoutError:
        load.error = f"tidak selesai dalam {timeout:.0f} s"
    except (OSError, websockets.WebSocketException) as exc:
        load.error = f"{type(exc).__name__}: {exc}"[:200]
    load.seconds = time.perf_counter() - start
    if load.exceptions and not load.error:
        load.error = f"{load.exceptions} kotak galat Streamlit"
    return load
