"""Declared settings: every knob the app reads from the environment, with its default and help text.

A setting is declared once here; the README documents each (a test checks that), and code reads it
through `get(name)` so a typo is an error rather than a silent default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "MONITOR41_DB",
            str(PROJECT_ROOT / "data" / "monitor41.duckdb"),
            "Path of the record: the DuckDB file every write goes to (uploads, rollbacks, `python -m lib.db "
            "build`). Apps and analysts read its published snapshots instead (MONITOR41_SNAPSHOT_DIR).",
        ),
        Setting(
            "MONITOR41_SNAPSHOT_DIR",
            "",
            "Folder of the record's published read-only snapshots (CURRENT pointer, latest.duckdb symlink for "
            "analysts). Empty: a folder `<record name>-snapshots` beside MONITOR41_DB, e.g. "
            "data/monitor41-snapshots. A replica on another machine may point it at a copied or shared folder.",
        ),
        Setting(
            "MONITOR41_SNAPSHOT_MAX",
            "4",
            "Ceiling on the snapshot files the snapshot folder keeps (each is a whole copy of the record). Old "
            "ones go as soon as no reader holds them; past the ceiling the oldest go even if a reader still "
            "reads them (it keeps its open copy until it lets go, within seconds). The newest always stays.",
        ),
        Setting(
            "MONITOR41_WRITE_WAIT",
            "5",
            "Seconds a write (upload, rollback, build, backup) waits for another writer to finish before it "
            "gives up with a 'coba lagi' message.",
        ),
        Setting(
            "MONITOR41_SEED_DIR",
            str(PROJECT_ROOT / "data" / "seed"),
            "Folder of seed CSV files the database is built from.",
        ),
        Setting(
            "MONITOR41_GEO_DIR",
            str(PROJECT_ROOT / "geo"),
            "Folder holding the boundary files (sulbar_kabupaten.geojson, sulbar_kecamatan.geojson, "
            "sulbar_desa.geojson and their SOURCES.md). Without them the app draws a schematic tile map.",
        ),
        Setting(
            "MONITOR41_PUBLIC",
            "0",
            "1 for a public deployment: no data-entry, history or quality pages, counts under 5 at kecamatan "
            "or desa level shown as '< 5', no person's name anywhere. The Presentasi page always behaves so.",
        ),
        Setting(
            "MONITOR41_WARM_SECONDS",
            "20",
            "After a new publication, each app process first computes the most visited pages for the new "
            "snapshot while visitors keep reading the previous one, at most this many seconds; then it "
            "switches. 0: switch at once, without warming (the first visitor computes the pages).",
        ),
        Setting(
            "MONITOR41_KONTAK_ADMIN",
            "admin Monitor 4+1 di sekretariat Satgas 4+1 Provinsi Sulawesi Barat",
            "Who a visitor asks for an account or a right, shown on the sign-in screen (e.g. a name, unit, "
            "telephone or e-mail address).",
        ),
        Setting(
            "MONITOR41_BASEMAP",
            "",
            "Optional basemap style URL for online deployments (e.g. a Carto or Mapbox style). Empty: no "
            "basemap, so maps work offline.",
        ),
        Setting(
            "MONITOR41_USERS",
            str(PROJECT_ROOT / "data" / "pengguna.json"),
            "JSON file of sign-in accounts (names, roles, argon2 password hashes), kept apart from the DuckDB "
            "file because analysts copy that file around. Written with mode 0600; never commit it. Manage it "
            "with `python -m lib.users`.",
        ),
        Setting(
            "MONITOR41_TRUSTED_PROXIES",
            "127.0.0.1,::1",
            "Comma-separated addresses of reverse proxies in front of the app whose X-Forwarded-For header names "
            "the visitor. Failed sign-ins are slowed per account and visitor address (lib/users/signin.py). The "
            "default trusts loopback only: nginx on the same host (deploy/), which only processes on this machine "
            "can imitate. Add a proxy on another host (e.g. 127.0.0.1,10.0.0.5); a proxy left out makes every "
            "visitor behind it one address (the log says so).",
        ),
        Setting(
            "MONITOR41_SESSION_HOURS",
            "8",
            "How long a password sign-in lasts, in hours (decimals allowed): the signed sign-in cookie expires "
            "then, so a reload (F5) keeps the visitor signed in until that time or until 'Keluar'.",
        ),
        Setting(
            "MONITOR41_SESSION_SECRET",
            "",
            "Secret (at least 32 characters) that signs the sign-in cookie; every replica must share it. Empty: "
            "a random secret kept in a file beside MONITOR41_USERS (`<users file>.rahasia-sesi`, mode 0600), "
            "created on first use. Changing it signs everyone out.",
        ),
        # Kirim (issue 22): delivery of briefings by `python -m lib.kirim run` (deploy/systemd/monitor41-kirim.*).
        Setting(
            "MONITOR41_PUBLIC_URL",
            "http://127.0.0.1:8501",
            "Address of the dashboard as its readers open it (e.g. https://monitor41.sulbarprov.go.id): a "
            "briefing's message links to the page of its scope there.",
        ),
        Setting("MONITOR41_SMTP_HOST", "", "SMTP server that sends e-mail briefings. Empty: the e-mail channel "
                "fails with a message saying so (nothing is lost: the row stays in the outbox)."),
        Setting("MONITOR41_SMTP_PORT", "", "SMTP port. Empty: 587 for starttls, 465 for ssl, 25 for none."),
        Setting("MONITOR41_SMTP_USER", "", "SMTP account name; empty: no login (a local relay)."),
        Setting("MONITOR41_SMTP_PASSWORD", "", "SMTP password (a secret: set it in the environment file "
                "deploy/monitor41.env, mode 0600; never in the record or a log)."),
        Setting("MONITOR41_SMTP_FROM", "", "Sender address of e-mail briefings (e.g. monitor41@sulbarprov.go.id)."),
        Setting("MONITOR41_SMTP_TLS", "starttls", "starttls (default), ssl, or none (a loopback relay only)."),
        Setting("MONITOR41_TELEGRAM_TOKEN", "", "Telegram bot token (a secret) for the telegram channel."),
        Setting("MONITOR41_TELEGRAM_URL", "https://api.telegram.org", "Base URL of the Telegram Bot API."),
        Setting("MONITOR41_WHATSAPP_TOKEN", "", "WhatsApp Business Cloud API access token (a secret)."),
        Setting("MONITOR41_WHATSAPP_PHONE_ID", "", "WhatsApp Business phone number id that sends the messages."),
        Setting("MONITOR41_WHATSAPP_URL", "https://graph.facebook.com/v21.0",
                "Base URL of the WhatsApp Business Cloud API (with its version)."),
        Setting("MONITOR41_KIRIM_COBA", "4", "How many times a delivery is tried before it is marked failed "
                "(gagal); between tries the wait grows (backoff: 5, 15, 45 ... minutes)."),
    )
}


def get(name: str) -> str:
    """Return the value of a declared setting: the environment's if set and non-empty, else the default."""
    setting = SETTINGS[name]
    value = os.environ.get(name, "").strip()
    return value or setting.default


def get_flag(name: str) -> bool:
    """A declared yes/no setting: 1, true, ya or yes (any case) mean yes."""
    return get(name).lower() in ("1", "true", "ya", "yes")


def get_path(name: str) -> Path:
    """Return a declared setting as a Path."""
    return Path(get(name))
