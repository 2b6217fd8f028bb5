"""The four ways a briefing leaves: e-mail over SMTP, the Telegram Bot API, the WhatsApp Business Cloud API (an
approved template) and a folder (a share pack for manual forwarding). Settings and secrets come from lib.config
(the environment, e.g. deploy/monitor41.env), never from the record; a failure raises ChannelError whose message
names no secret (a token in a URL is never shown).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from pathlib import Path
from urllib import error, request

from lib import config
from lib.kirim.content import Attachment

TIMEOUT = 30  # seconds per network call


class ChannelError(Exception):
    """A delivery that failed; the message (Indonesian, no secret) goes to kiriman.galat."""


def _setting(name: str) -> str:
    return config.get(name).strip()


def _require(*names: str) -> None:
    missing = [name for name in names if not _setting(name)]
    if missing:
        raise ChannelError(f"Pengaturan {', '.join(missing)} belum diisi (lihat deploy/README.md, bagian Kirim).")


def send_email(recipient: str, subject: str, text: str, files: list[Attachment]) -> None:
    """One message to one address, the files attached (MONITOR41_SMTP_*)."""
    _require("MONITOR41_SMTP_HOST", "MONITOR41_SMTP_FROM")
    mode = _setting("MONITOR41_SMTP_TLS").lower() or "starttls"
    if mode not in ("starttls", "ssl", "none"):
        raise ChannelError(f"MONITOR41_SMTP_TLS bernilai '{mode}'; pilih starttls, ssl atau none.")
    host = _setting("MONITOR41_SMTP_HOST")
    port = int(_setting("MONITOR41_SMTP_PORT") or {"starttls": 587, "ssl": 465, "none": 25}[mode])
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = _setting("MONITOR41_SMTP_FROM"), recipient, subject
    message.set_content(text)
    for item in files:
        main, sub = item.mime.split("/", 1)
        message.add_attachment(item.data, maintype=main, subtype=sub, filename=item.name)
    try:
        context = ssl.create_default_context()
        client = (smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context) if mode == "ssl"
                  else smtplib.SMTP(host, port, timeout=TIMEOUT))
        with client:
            if mode == "starttls":
                client.starttls(context=context)
            if _setting("MONITOR41_SMTP_USER"):
                client.login(_setting("MONITOR41_SMTP_USER"), config.get("MONITOR41_SMTP_PASSWORD"))
            refused = client.send_message(message)
        if refused:
            raise ChannelError(f"Server SMTP menolak penerima {recipient}.")
    except smtplib.SMTPException as exc:
        code = getattr(exc, "smtp_code", None)
        raise ChannelError(f"Server SMTP {host}:{port} menolak pesan" + (f" (kode {code})" if code else "")
                           + f": {type(exc).__name__}.") from None
    except (OSError, ssl.SSLError) as exc:
        raise ChannelError(f"Server SMTP {host}:{port} tidak bisa dihubungi ({exc.strerror or type(exc).__name__})."
                           ) from None


def _multipart(fields: dict[str, str], file_field: str, item: Attachment) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    safe = re.sub(r'[^A-Za-z0-9._-]', "_", item.name)
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{safe}"\r\n'
                 f"Content-Type: {item.mime}\r\n\r\n".encode() + item.data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _post(url: str, shown: str, body: bytes, content_type: str, headers: dict | None = None) -> dict:
    """POST and return the JSON answer; ChannelError naming `shown` (the URL without its secret) on failure."""
    req = request.Request(url, data=body, method="POST", headers={"Content-Type": content_type, **(headers or {})})
    try:
        with request.urlopen(req, timeout=TIMEOUT) as answer:
            return json.loads(answer.read() or b"{}")
    except error.HTTPError as exc:
        detail = ""
        try:
            found = json.loads(exc.read() or b"{}")
            detail = str(found.get("description") or (found.get("error") or {}).get("message") or "")[:200]
        except (ValueError, AttributeError):
            pass
        raise ChannelError(f"{shown} menjawab HTTP {exc.code}" + (f": {detail}" if detail else "") + ".") from None
    except (error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise ChannelError(f"{shown} tidak bisa dihubungi ({reason}).") from None


def send_telegram(chat_id: str, text: str, files: list[Attachment]) -> None:
    """The text as a message, then each file as a document (MONITOR41_TELEGRAM_TOKEN, _URL)."""
    _require("MONITOR41_TELEGRAM_TOKEN")
    base = f"{_setting('MONITOR41_TELEGRAM_URL').rstrip('/')}/bot{config.get('MONITOR41_TELEGRAM_TOKEN')}"
    shown = "API Telegram"
    body = json.dumps({"chat_id": chat_id, "text": text, "disable_web_page_preview": True}).encode()
    _post(f"{base}/sendMessage", shown, body, "application/json")
    for item in files:
        data, kind = _multipart({"chat_id": chat_id}, "document", item)
        _post(f"{base}/sendDocument", shown, data, kind)


def send_whatsapp(number: str, template: str, text: str, files: list[Attachment]) -> None:
    """An approved template message (MONITOR41_WHATSAPP_*): its body's one parameter is the message on one line
    (WhatsApp refuses line breaks in a parameter); a PDF brief, when asked, is uploaded and sent as the
    template's document header (the template must have one)."""
    _require("MONITOR41_WHATSAPP_TOKEN", "MONITOR41_WHATSAPP_PHONE_ID")
    base = f"{_setting('MONITOR41_WHATSAPP_URL').rstrip('/')}/{_setting('MONITOR41_WHATSAPP_PHONE_ID')}"
    auth = {"Authorization": f"Bearer {config.get('MONITOR41_WHATSAPP_TOKEN')}"}
    shown = "API WhatsApp Cloud"
    components = []
    pdf = next((item for item in files if item.mime == "application/pdf"), None)
    if pdf is not None:
        data, kind = _multipart({"messaging_product": "whatsapp", "type": pdf.mime}, "file", pdf)
        media = _post(f"{base}/media", shown, data, kind, auth).get("id")
        if not media:
            raise ChannelError(f"{shown} tidak mengembalikan id media untuk {pdf.name}.")
        components.append({"type": "header", "parameters": [{"type": "document",
                                                              "document": {"id": media, "filename": pdf.name}}]})
    one_line = " · ".join(line.strip() for line in text.splitlines() if line.strip())
    components.append({"type": "body", "parameters": [{"type": "text", "text": one_line[:1000]}]})
    body = {"messaging_product": "whatsapp", "to": number, "type": "template",
            "template": {"name": template, "language": {"code": "id"}, "components": components}}
    _post(f"{base}/messages", shown, json.dumps(body).encode(), "application/json", auth)


def write_folder(folder: str, name: str, text: str, files: list[Attachment]) -> Path:
    """A share pack <folder>/<name>/ (pesan.txt and the files), written whole or not at all."""
    target = Path(folder) / name
    if target.exists():
        return target  # written before (the row's state was not saved): the same pack, never twice
    tmp = Path(folder) / f".tmp-{name}-{os.getpid()}"
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        (tmp / "pesan.txt").write_text(text + "\n", encoding="utf-8")
        for item in files:
            (tmp / item.name).write_bytes(item.data)
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ChannelError(f"Folder {folder} tidak bisa ditulis ({exc.strerror or type(exc).__name__}).") from None
    return target
