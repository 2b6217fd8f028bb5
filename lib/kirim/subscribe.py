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


def recipient_of(channel: str, recipient: str, internal: bool) -> tuple[str, str, bool]:
    """The channel, recipient and internal flag as stored: "pengguna" (a sign-in account) becomes its e-mail
    address, an internal recipient (account_address); any other channel is kept as given."""
    if channel == "pengguna":
        return "email", account_address(recipient), True
    return channel, recipient, internal


def add(db_path: Path | str, *, channel: str, recipient: str, by: str, trigger: str, kabupaten: list[str] = (),
        opd: str | None = None, isu: str | None = None, contents: str | list[str] | None = None,
        schedule: str | None = None, internal: bool = False, template: str | None = None,
        now: datetime | None = None) -> int:
    """Check and store one subscription; returns its number. KirimError (Indonesian) when it cannot be made."""
    return add_all(db_path, triggers=[(trigger, schedule)], channel=channel, recipient=recipient, by=by,
                   kabupaten=kabupaten, opd=opd, isu=isu, contents=contents, internal=internal, template=template,
                   now=now)[0]


def _trigger(trigger: str, schedule: str | None) -> tuple[str, str | None]:
    """A trigger and its schedule as stored (the schedule one that can fire), or KirimError."""
    if trigger not in rules.TRIGGERS:
        raise KirimError(f"Pemicu '{trigger}' tidak dikenal: terbit (saat data baru terbit) atau jadwal.")
    if trigger == "jadwal":
        schedule = " ".join(str(schedule or "").split())
        rules.parse_schedule(schedule)
        return trigger, schedule
    if schedule:
        raise KirimError("--jadwal hanya untuk --pemicu jadwal.")
    return trigger, None


def add_all(db_path: Path | str, *, triggers: list[tuple[str, str | None]], channel: str, recipient: str, by: str,
            kabupaten: list[str] = (), opd: str | None = None, isu: str | None = None,
            contents: str | list[str] | None = None, internal: bool = False, template: str | None = None,
            now: datetime | None = None) -> list[int]:
    """Subscriptions of one recipient and scope, one per (trigger, schedule) ("weekly and on change": the admin
    page's two triggers), every one checked before any is written, all in one transaction: all or none. The
    channel may be "pengguna" (recipient_of). Returns their numbers; KirimError (Indonesian) when one cannot be
    made."""
    by = _text(by, "oleh")
    if not by or record.is_reserved(by):
        raise KirimError("Nama pembuat langganan wajib diisi dan tidak boleh nama cadangan sistem.")
    if not triggers:
        raise KirimError("Pilih sedikitnya satu pemicu: terbit (saat data baru terbit) atau jadwal.")
    triggers = list(dict.fromkeys(_trigger(trigger, schedule) for trigger, schedule in triggers))
    channel, recipient, internal = recipient_of(channel, recipient, internal)
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
        mark = deliveries.newest_load(con)
        return [outbox.add_subscription(con, {
            "saluran": channel, "penerima": recipient, "kabupaten": codes or None, "opd": opd, "isu": isu,
            "isi": items, "pemicu": trigger, "jadwal": schedule,
            "publik": rules.is_public(channel, recipient, internal),
            "templat": template if channel == "whatsapp" else None, "dibuat_oleh": by, "dibuat_pada": when,
            "tanda_awal": mark}) for trigger, schedule in triggers]


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
    remove_all(db_path, [number], by, now)


def remove_all(db_path: Path | str, numbers: list[int], by: str, now: datetime | None = None) -> None:
    """Stop subscriptions in one transaction (all or none; their outbox stays); KirimError naming the first
    number that is no live subscription."""
    when = (now or datetime.now()).replace(microsecond=0)
    with writer.writing(db_path, outbox_only=True) as con:
        for number in dict.fromkeys(numbers):
            if not outbox.remove_subscription(con, number, by, when):
                raise KirimError(f"Tidak ada langganan aktif bernomor {number} (lihat `python -m lib.kirim list`).")


def retry(db_path: Path | str, row_id: int) -> None:
    """Queue a failed delivery again at once (the operator fixed the cause)."""
    with writer.writing(db_path, outbox_only=True) as con:
        if not outbox.requeue(con, row_id):
            raise KirimError(f"Kiriman {row_id} tidak berstatus gagal (lihat `python -m lib.kirim outbox`).")
