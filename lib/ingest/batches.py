"""How a batch is named in messages: when it was loaded, and "this file is already loaded".

Used by lib.ingest.load (its messages), the upload page (lib/ui/upload.py) and `python -m lib.ingest batches`;
the batch list itself is read by lib.data.uploads.
"""
from __future__ import annotations

from datetime import datetime

from lib.text.i18n import format_date


def already_loaded_message(batch: dict) -> str:
    """'Berkas ini sudah dimuat sebagai unggahan #N pada … oleh …' with what to do instead."""
    return (f"Berkas ini sudah dimuat sebagai unggahan #{batch['id']} pada {when_text(batch['dimuat_pada'])} "
            f"oleh {batch['dimuat_oleh']} ({batch['nama_berkas']}); tidak ada yang ditambahkan. Untuk "
            "mengoreksi nilai, unggah berkas dengan nilai yang sudah diperbaiki.")


def when_text(moment: datetime) -> str:
    """'28 November 2026 pukul 12.32'."""
    return f"{format_date(moment)} pukul {moment:%H.%M}"
