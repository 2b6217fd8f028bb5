"""What a subscription (langganan) may say, checked when it is made, with a Bahasa Indonesia message for each
refusal: the recipient for its channel, the scope (kabupaten, OPD, isu that exist), the content, the trigger and
its schedule (one that can fire).

Schedules (pemicu jadwal), on the server's clock (that of unggahan.dimuat_pada):
  "senin 06:00"            every Monday at 06:00 (senin … minggu; "setiap hari 06:00" every day)
  "tanggal 1 07:30"        the 1st of every month (29–31: only the months that have that day)
  "h-1 apel 07:00"         the day before each recorded apel at 07:00 ("h-0 apel 06:00": the apel's own day)
A slot is one moment a schedule names; it fires once (lib.kirim.outbox), never before the subscription existed.

Public mode: a recipient outside the government gets public content (publik). The flag is decided at creation:
an e-mail address on a government domain (.go.id) is internal, every other recipient (other e-mail, Telegram,
WhatsApp, a folder whose files are forwarded by hand) is public unless the admin says --dalam. Public content
names no OPD or person and never mentions cell notes; the PDF, deck and image are public in any case
(lib.export.model.public_data).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email.headerregistry import Address
from pathlib import Path

CHANNELS = ("email", "telegram", "whatsapp", "folder")
CONTENTS = ("brief", "deck", "png", "teks")
TRIGGERS = ("terbit", "jadwal")
DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")  # weekday() 0..6
MAX_DAYS_BEFORE_APEL = 30
INTERNAL_DOMAIN = ".go.id"


class KirimError(ValueError):
    """A subscription or a delivery that cannot be made as asked; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Schedule:
    kind: str  # "mingguan" | "harian" | "bulanan" | "apel"
    at: time
    weekday: int | None = None  # mingguan
    day: int | None = None  # bulanan: day of month; apel: days before the apel

    def last_slot(self, now: datetime, apel_days: list[date] = ()) -> datetime | None:
        """The latest moment this schedule names at or before now (None: none yet)."""
        if self.kind == "apel":
            slots = [datetime.combine(day - timedelta(days=self.day), self.at) for day in apel_days]
            slots = [slot for slot in slots if slot <= now]
            return max(slots) if slots else None
        if self.kind == "bulanan":
            year, month = now.year, now.month
            for _ in range(13):
                try:
                    slot = datetime.combine(date(year, month, self.day), self.at)
                except ValueError:  # a month without that day
                    slot = None
                if slot is not None and slot <= now:
                    return slot
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            return None
        for back in range(8):
            day = now.date() - timedelta(days=back)
            slot = datetime.combine(day, self.at)
            if slot <= now and (self.kind == "harian" or day.weekday() == self.weekday):
                return slot
        return None


_TIME = r"(?P<jam>\d{1,2})[:.](?P<menit>\d{2})"
_WEEKLY = re.compile(rf"(?:setiap\s+)?(?P<hari>[a-z']+)\s+(?:pukul\s+)?{_TIME}")
_MONTHLY = re.compile(rf"(?:setiap\s+)?tanggal\s+(?P<tgl>\d{{1,3}})\s+(?:pukul\s+)?{_TIME}")
_APEL = re.compile(rf"h-(?P<h>\d{{1,3}})\s+apel\s+(?:pukul\s+)?{_TIME}")
SCHEDULE_HELP = ('"senin 06:00" (tiap Senin; senin … minggu, atau "setiap hari 06:00"), "tanggal 1 07:30" (tiap '
                 'bulan) atau "h-1 apel 07:00" (sehari sebelum tiap apel tercatat)')


def _time(match: re.Match, text: str) -> time:
    hour, minute = int(match["jam"]), int(match["menit"])
    if hour > 23 or minute > 59:
        raise KirimError(f"Jadwal '{text}' tidak pernah terjadi: jam {hour:02d}:{minute:02d} tidak ada (00:00–23:59).")
    return time(hour, minute)


def parse_schedule(text: str) -> Schedule:
    """A schedule from its words; KirimError saying what is accepted when it cannot fire or cannot be read."""
    words = " ".join(str(text or "").lower().replace("jum'at", "jumat").split())
    if not words:
        raise KirimError(f"Pemicu jadwal memerlukan --jadwal, mis. {SCHEDULE_HELP}.")
    if found := _APEL.fullmatch(words):
        days = int(found["h"])
        if days > MAX_DAYS_BEFORE_APEL:
            raise KirimError(f"Jadwal '{text}': paling jauh h-{MAX_DAYS_BEFORE_APEL} sebelum apel.")
        return Schedule("apel", _time(found, text), day=days)
    if found := _MONTHLY.fullmatch(words):
        day = int(found["tgl"])
        if not 1 <= day <= 31:
            raise KirimError(f"Jadwal '{text}' tidak pernah terjadi: tidak ada tanggal {day} dalam bulan mana pun.")
        return Schedule("bulanan", _time(found, text), day=day)
    if found := _WEEKLY.fullmatch(words):
        name = found["hari"]
        if name in ("hari", "harian"):
            return Schedule("harian", _time(found, text))
        if name in DAYS:
            return Schedule("mingguan", _time(found, text), weekday=DAYS.index(name))
        raise KirimError(f"Jadwal '{text}' tidak pernah terjadi: '{name}' bukan nama hari (senin … minggu).")
    raise KirimError(f"Jadwal '{text}' tidak dikenali. Contoh yang diterima: {SCHEDULE_HELP}.")


_TELEGRAM = re.compile(r"-?\d{4,20}|@[A-Za-z][A-Za-z0-9_]{4,31}")
_PHONE = re.compile(r"\+?\d{8,15}")
_TEMPLATE = re.compile(r"[a-z0-9_]{1,512}")


def check_email(address: str) -> str:
    """A single plain e-mail address (local@domain.tld), or KirimError."""
    text = str(address or "").strip()
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, TypeError) as exc:
        raise KirimError(f"Alamat e-mail '{text}' tidak sah (contoh: bupati@mamasakab.go.id).") from exc
    domain = parsed.domain
    if (not parsed.username or "." not in domain or domain.startswith(".") or domain.endswith(".")
            or len(text) > 254 or any(ch.isspace() or ord(ch) < 32 for ch in text) or parsed.addr_spec != text):
        raise KirimError(f"Alamat e-mail '{text}' tidak sah (contoh: bupati@mamasakab.go.id).")
    return text


def check_recipient(channel: str, recipient: str, template: str | None) -> str:
    """The recipient as stored for its channel, or KirimError."""
    text = str(recipient or "").strip()
    if channel == "email":
        return check_email(text)
    if channel == "telegram":
        if not _TELEGRAM.fullmatch(text):
            raise KirimError(f"Chat id Telegram '{text}' tidak sah: angka (mis. 123456789 atau -1001234567890) "
                             "atau nama kanal @namakanal.")
        return text
    if channel == "whatsapp":
        digits = text.replace(" ", "").replace("-", "")
        if not _PHONE.fullmatch(digits):
            raise KirimError(f"Nomor WhatsApp '{text}' tidak sah: tulis dalam format internasional, mis. "
                             "+6281234567890.")
        if not template or not _TEMPLATE.fullmatch(template):
            raise KirimError("Saluran WhatsApp memerlukan --templat: nama templat pesan yang sudah disetujui Meta "
                             "(huruf kecil, angka, garis bawah), mis. ringkasan_monitor41.")
        return digits.lstrip("+")
    if channel == "folder":
        path = Path(text)
        if not path.is_absolute():
            raise KirimError(f"Folder '{text}' harus ditulis sebagai path absolut (mis. /srv/monitor41/kirim/mamasa).")
        if not path.parent.is_dir():
            raise KirimError(f"Folder induk {path.parent} tidak ada; buat dulu, lalu ulangi.")
        return str(path)
    raise KirimError(f"Saluran '{channel}' tidak dikenal (email, telegram, whatsapp, folder).")


def check_contents(text: str | list[str] | None) -> list[str]:
    """brief,deck,png,teks as a list in that order (default brief,teks), or KirimError."""
    items = text if isinstance(text, list) else [p.strip() for p in str(text or "brief,teks").split(",") if p.strip()]
    if not items:
        raise KirimError(f"Pilih sedikitnya satu isi: {', '.join(CONTENTS)}.")
    unknown = [item for item in items if item not in CONTENTS]
    if unknown:
        raise KirimError(f"Isi '{','.join(unknown) or text}' tidak dikenal; pilih dari {','.join(CONTENTS)}.")
    return [item for item in CONTENTS if item in items]


def is_public(channel: str, recipient: str, internal: bool) -> bool:
    """The public-mode flag (see the module's docstring)."""
    if internal:
        return False
    return not (channel == "email" and recipient.lower().endswith(INTERNAL_DOMAIN))


def check_scope(kabupaten: list[str], opd: str | None, isu: str | None, known_kab: dict[str, str],
                known_opd: set[str], known_isu: set[str]) -> list[str]:
    """The kabupaten codes (a code or a name: 'Mamasa', '76.02'), each known, or KirimError; the OPD and isu too."""
    codes = []
    by_name = {name.lower().replace("kabupaten ", ""): code for code, name in known_kab.items()}
    for item in kabupaten:
        key = item.strip()
        code = key if key in known_kab else by_name.get(key.lower().replace("kabupaten ", ""))
        if code is None:
            raise KirimError(f"Kabupaten '{key}' tidak dikenal. Pilih kode atau nama dari: "
                             + ", ".join(f"{c} {n}" for c, n in sorted(known_kab.items())) + ".")
        if code not in codes:
            codes.append(code)
    if opd is not None and opd not in known_opd:
        raise KirimError(f"OPD '{opd}' tidak dikenal. Pilih dari: {', '.join(sorted(known_opd))}.")
    if isu is not None and isu not in known_isu:
        raise KirimError(f"Isu '{isu}' tidak dikenal. Pilih dari: {', '.join(sorted(known_isu))}.")
    return codes


def backoff(tries: int) -> timedelta:
    """The wait before try number tries + 1: 5, 15, 45, 135 … minutes (at most a day)."""
    return min(timedelta(minutes=5 * 3 ** max(0, tries - 1)), timedelta(days=1))
