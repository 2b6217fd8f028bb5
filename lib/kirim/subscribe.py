"""Make and remove subscriptions (langganan), every rule of lib.kirim.rules checked first, written through the one
writer path (lib.db.writer, outbox_only: nothing published, the pointers stamped)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lib.data import apel as apel_data
from lib.data import deliveries, queries
from lib.db import outbox, record, writer
from lib.ingest.cells import TextError, clean_text
from lib.kirim import content, rules
from lib.kirim.rules import KirimError
from lib.users import accounts
from lib.users.errors import UserError

MAX_TEXT = 500  # a recipient, a folder, a name: never longer


def _text(value: str | None, what: str) -> str | None:
    try:
        return clean_text(value, what, MAX_TEXT) if value is not None else None
    except TextError as exc:
        raise KirimError(str(exc)) from exc


def add(db_path: Path | str, *, channel: str, recipient: str, by: str, trigger: str, kabupaten: list[str] = (),
        opd: str | None = None, isu: str | None = None, contents: str | list[str] | None = None,
        schedule: str | None = None, internal: bool = False, template: str | None = None,
        now: datetime | None = None) -> int:
    """Check and store one subscription; returns its number. KirimError (Indonesian) when it cannot be made."""
    by = _text(by, "oleh")
    if not by or record.is_reserved(by):
        raise KirimError("Nama pembuat langganan wajib diisi dan tidak boleh nama cadangan sistem.")
    if trigger not in rules.TRIGGERS:
        raise KirimError(f"Pemicu '{trigger}' tidak dikenal: terbit (saat data baru terbit) atau jadwal.")
    if trigger == "jadwal":
        schedule = " ".join(str(schedule or "").split())
        rules.parse_schedule(schedule)
    elif schedule:
        raise KirimError("--jadwal hanya untuk --pemicu jadwal.")
    else:
        schedule = None
    template = _text(template, "templat")
    recipient = rules.check_recipient(channel, _text(recipient, "penerima") or "", template)
    items = rules.check_contents(contents)
    kab = [_text(k, "kabupaten") for k in kabupaten]
    when = (now or datetime.now()).replace(microsecond=0)
    with writer.writing(db_path, outbox_only=True) as con:
        known_kab = dict(queries.kabupaten(con)[["kode", "nama"]].itertuples(index=False))
        codes = rules.check_scope(kab, opd, isu, known_kab, set(queries.opd_list(con)["kode"]),
                                  set(queries.isu_overview(con)["kode"]))
        if opd and not [code for code in content.opd_isu(con, opd, tuple(codes)) if not isu or code == isu]:
            where = ", ".join(known_kab[code] for code in codes) or "provinsi ini"
            raise KirimError(f"OPD '{opd}' tidak bertanggung jawab atas sel mana pun "
                             f"{'isu ' + isu + ' ' if isu else ''}di {where}: langganan ini tidak akan pernah "
                             "berisi apa-apa. Periksa penanggung jawab di halaman OPD, atau ubah --kab/--isu.")
        return outbox.add_subscription(con, {
            "saluran": channel, "penerima": recipient, "kabupaten": codes or None, "opd": opd, "isu": isu,
            "isi": items, "pemicu": trigger, "jadwal": schedule,
            "publik": rules.is_public(channel, recipient, internal),
            "templat": template if channel == "whatsapp" else None, "dibuat_oleh": by, "dibuat_pada": when,
            "tanda_awal": deliveries.newest_load(con)})


def account_address(name: str) -> str:
    """The e-mail address of a sign-in account (accounts are named by their address, lib.users): a subscription
    for a user goes there, as an internal recipient. KirimError when there is no such account or its name is
    not an address."""
    try:
        user = accounts.find_user(name.strip())
    except UserError as exc:
        raise KirimError(str(exc)) from exc
    if user is None:
        raise KirimError(f"Akun '{name}' tidak ada (lihat `python -m lib.users list`).")
    try:
        return rules.check_email(user.name)
    except KirimError as exc:
        raise KirimError(f"Akun '{user.name}' tidak bernama alamat e-mail; pakai --email ALAMAT.") from exc


def upcoming_apel(db_path: Path | str, now: datetime | None = None) -> bool:
    """Whether an apel is recorded after now (a schedule "h-N apel" has a slot ahead)."""
    with outbox.reading(db_path) as con:
        moments = apel_data.list_apel(con)["waktu"]
    return bool((moments > (now or datetime.now())).any())


def remove(db_path: Path | str, number: int, by: str, now: datetime | None = None) -> None:
    """Stop a subscription (its outbox stays); KirimError when no live subscription has that number."""
    with writer.writing(db_path, outbox_only=True) as con:
        if not outbox.remove_subscription(con, number, by, (now or datetime.now()).replace(microsecond=0)):
            raise KirimError(f"Tidak ada langganan aktif bernomor {number} (lihat `python -m lib.kirim list`).")


def retry(db_path: Path | str, row_id: int) -> None:
    """Queue a failed delivery again at once (the operator fixed the cause)."""
    with writer.writing(db_path, outbox_only=True) as con:
        if not outbox.requeue(con, row_id):
            raise KirimError(f"Kiriman {row_id} tidak berstatus gagal (lihat `python -m lib.kirim outbox`).")
