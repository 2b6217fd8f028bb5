"""Loopback stand-ins for the channels of lib.kirim (issue 22), run in a thread of the test process: an SMTP sink
(a few commands of RFC 5321, enough for smtplib without TLS) and an HTTP stub for the Telegram Bot API and the
WhatsApp Cloud API. Each records what it received; nothing leaves the machine."""
from __future__ import annotations

import email
import email.policy
import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _SmtpHandler(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        sink = self.server.sink
        self._say("220 sink ESMTP")
        sender, recipients = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip("<> "), []
                self._say("451 sibuk" if sink.refuse else "250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip("<> "))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 lanjut")
                body = bytearray()
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                sink.messages.append((sender, recipients,
                                      email.message_from_bytes(bytes(body), policy=email.policy.default)))
                self._say("250 diterima")
            elif verb == "QUIT":
                self._say("221 sampai jumpa")
                return
            else:
                self._say("250 OK")


class SmtpSink:
    """SMTP on 127.0.0.1:<port>; `messages` holds (sender, recipients, parsed message); `refuse` answers 451."""

    def __init__(self):
        self.messages: list = []
        self.refuse = False
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _HttpHandler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        stub = self.server.stub
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        stub.requests.append((self.path, dict(self.headers), body))
        status = stub.status
        answer = {"ok": status == 200, "result": {"message_id": len(stub.requests)}}
        if self.path.endswith("/media"):
            answer = {"id": f"media-{len(stub.requests)}"}
        if status != 200:
            answer = {"ok": False, "description": "stub menolak", "error": {"message": "stub menolak"}}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class HttpStub:
    """HTTP on 127.0.0.1:<port> answering every POST with JSON; `requests` holds (path, headers, body)."""

    def __init__(self):
        self.requests: list = []
        self.status = 200
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _HttpHandler)
        self.server.daemon_threads = True
        self.server.stub = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

