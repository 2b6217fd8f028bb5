"""Kirim, "siapa menerima apa" (admins, never in public mode): every live subscription with its last delivery,
failures first, as a table (lib.data.deliveries.last_per_subscription); and the plain data of the page's forms:
the choices (kabupaten by name, OPD, isu, accounts), the schedule pickers' words, a filled form as the arguments
of lib.kirim.subscribe.add_all (whose rules, those of `python -m lib.kirim add`, decide), the labels of the
subscriptions to stop and the failed deliveries to queue again."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

import pandas as pd

from lib.data import queries
from lib.kirim import rules
from lib.kirim.rules import KirimError
from lib.screens.source import Source
from lib.text import i18n

STATES = ("gagal", "antre", "terkirim")
COLUMN_KEYS = ("kirim.kolom.nomor", "kirim.kolom.terakhir", "kirim.kolom.waktu", "kirim.kolom.saluran",
               "kirim.kolom.penerima", "kirim.kolom.lingkup", "kirim.kolom.pemicu", "kirim.kolom.isi",
               "kirim.kolom.galat")
STATE_KEYS = {"gagal": "kirim.status.gagal", "antre": "kirim.status.antre", "terkirim": "kirim.status.terkirim",
              None: "kirim.status.belum"}


def _items(value: object) -> str:
    """A stored list (a Python list or the array pandas reads) as 'a,b'; '' for none."""
    items = value.tolist() if hasattr(value, "tolist") else value
    return ",".join(map(str, items)) if isinstance(items, (list, tuple)) else ""


def _kabupaten(value: object, names: dict[str, str] | None) -> str:
    """Stored kabupaten codes as 'Mamasa, Majene' with names, else as '76.01,76.02'."""
    if not names:
        return _items(value)
    codes = _items(value)
    return ", ".join(names.get(code, code) for code in codes.split(",")) if codes else ""


def _scope(row: pd.Series, lang: str, names: dict[str, str] | None = None) -> str:
    """'Mamasa · ST' (with names; '76.03 · ST' without), or the province when no kabupaten is named."""
    parts = [_kabupaten(row.get("kabupaten"), names) or i18n.t("kirim.provinsi", lang)]
    parts += [str(row[c]) for c in ("opd", "isu") if isinstance(row.get(c), str)]
    return " · ".join(parts)


def deliveries_table(frame: pd.DataFrame, lang: str, names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per live subscription, failures first, then queued, then sent, then those never delivered; the
    scope's kabupaten by name when names (code -> name) are given."""
    rows = []
    for _, row in frame.iterrows():
        state = row.get("status") if row.get("status") in STATES else None
        when = row.get("waktu")
        rows.append({
            i18n.t("kirim.kolom.nomor", lang): int(row["id"]),
            i18n.t("kirim.kolom.terakhir", lang): i18n.t(STATE_KEYS[state], lang),
            i18n.t("kirim.kolom.waktu", lang): "" if when is None or pd.isna(when)
            else f"{i18n.format_date(pd.Timestamp(when).date(), lang)} {pd.Timestamp(when):%H.%M}",
            i18n.t("kirim.kolom.saluran", lang): row["saluran"],
            i18n.t("kirim.kolom.penerima", lang): row["penerima"],
            i18n.t("kirim.kolom.lingkup", lang): _scope(row, lang, names),
            i18n.t("kirim.kolom.pemicu", lang): row["pemicu"] + (f" ({row['jadwal']})" if isinstance(row.get("jadwal"),
                                                                                                    str) else ""),
            i18n.t("kirim.kolom.isi", lang): _items(row.get("isi")),
            i18n.t("kirim.kolom.galat", lang): row["galat"] if state != "terkirim" and isinstance(row.get("galat"),
                                                                                                   str) else "",
            "_urutan": STATES.index(state) if state in STATES else len(STATES),
        })
    table = pd.DataFrame(rows, columns=[*[i18n.t(key, lang) for key in COLUMN_KEYS], "_urutan"])
    return table.sort_values(["_urutan", i18n.t("kirim.kolom.nomor", lang)], kind="stable").drop(
        columns="_urutan").reset_index(drop=True)


def failures(frame: pd.DataFrame) -> int:
    """How many subscriptions' last delivery failed for good."""
    return int((frame["status"] == "gagal").sum()) if "status" in frame else 0


# ---- The forms of the page -------------------------------------------------------------------------------------
CHANNELS = ("email", "pengguna", "telegram", "whatsapp", "folder")  # "pengguna": a sign-in account (its address)
SCHEDULE_KINDS = ("mingguan", "harian", "bulanan", "apel")
MONTH_DAYS = tuple(range(1, 32))
DAYS_BEFORE_APEL = tuple(range(rules.MAX_DAYS_BEFORE_APEL + 1))
DEFAULT_TIME = time(6, 0)
DEFAULT_CONTENTS = ("brief", "teks")
# The words of each choice (literal keys: lib/text/strings/kirim.toml).
CHANNEL_KEYS = {"email": "kirim.saluran.email", "pengguna": "kirim.saluran.pengguna",
                "telegram": "kirim.saluran.telegram", "whatsapp": "kirim.saluran.whatsapp",
                "folder": "kirim.saluran.folder"}
RECIPIENT_KEYS = {"email": ("kirim.form.penerima.email", "kirim.form.contoh.email"),
                  "telegram": ("kirim.form.penerima.telegram", "kirim.form.contoh.telegram"),
                  "whatsapp": ("kirim.form.penerima.whatsapp", "kirim.form.contoh.whatsapp"),
                  "folder": ("kirim.form.penerima.folder", "kirim.form.contoh.folder")}  # label, example
SCHEDULE_KEYS = {"mingguan": "kirim.jenis.mingguan", "harian": "kirim.jenis.harian",
                 "bulanan": "kirim.jenis.bulanan", "apel": "kirim.jenis.apel"}
DAY_KEYS = dict(zip(rules.DAYS, ("kirim.hari.senin", "kirim.hari.selasa", "kirim.hari.rabu", "kirim.hari.kamis",
                                 "kirim.hari.jumat", "kirim.hari.sabtu", "kirim.hari.minggu")))
CONTENT_KEYS = dict(zip(rules.CONTENTS, ("kirim.isi.brief", "kirim.isi.deck", "kirim.isi.png", "kirim.isi.teks")))


def days_before_label(days: int, lang: str) -> str:
    """'Pada hari apel' for h-0, else 'N hari sebelum apel'."""
    return i18n.t("kirim.form.h0", lang) if days == 0 else i18n.t("kirim.form.hn", lang, n=days)


@dataclass(frozen=True)
class Choices:
    """What the add form offers: code -> name of each kabupaten, OPD and isu; the accounts named by an address."""
    kabupaten: dict[str, str]
    opd: dict[str, str]
    isu: dict[str, str]
    accounts: tuple[str, ...]


def choices(source: Source, account_names: list[str]) -> Choices:
    """The add form's choices from the figures' snapshot (the same lists the rules check against) and the
    sign-in accounts whose name is an e-mail address (the only ones a subscription can reach)."""
    kab = source.read(queries.kabupaten)
    opd = source.read(queries.opd_list)
    isu = source.read(queries.isu_overview)
    accounts = []
    for name in account_names:
        try:
            accounts.append(rules.check_email(name))
        except KirimError:
            continue
    return Choices(dict(zip(kab["kode"], kab["nama"])),
                   {code: f"{short} · {name}" for code, short, name in opd[["kode", "singkatan", "nama"]].itertuples(
                       index=False)},
                   dict(zip(isu["kode"], isu["nama"])), tuple(accounts))


def schedule_text(kind: str, weekday: str = "senin", day_of_month: int = 1, days_before: int = 1,
                  at: time = DEFAULT_TIME) -> str:
    """The pickers' choice in the words of `--jadwal` (lib.kirim.rules.parse_schedule reads them):
    'senin 06:00', 'setiap hari 06:00', 'tanggal 1 06:00', 'h-1 apel 06:00'."""
    clock = f"{at:%H:%M}"
    if kind == "mingguan":
        return f"{weekday} {clock}"
    if kind == "harian":
        return f"setiap hari {clock}"
    if kind == "bulanan":
        return f"tanggal {day_of_month} {clock}"
    if kind == "apel":
        return f"h-{days_before} apel {clock}"
    raise KirimError(f"Jenis jadwal '{kind}' tidak dikenal ({', '.join(SCHEDULE_KINDS)}).")


@dataclass(frozen=True)
class Form:
    """What the add form holds (the widgets' values)."""
    channel: str = "email"
    recipient: str = ""
    template: str = ""
    kabupaten: tuple[str, ...] = ()
    opd: str | None = None
    isu: str | None = None
    on_publish: bool = True
    on_schedule: bool = False
    schedule_kind: str = "mingguan"
    weekday: str = "senin"
    day_of_month: int = 1
    days_before: int = 1
    at: time = DEFAULT_TIME
    contents: tuple[str, ...] = field(default=DEFAULT_CONTENTS)
    internal: bool = False


def add_arguments(form: Form) -> dict:
    """The form as the keyword arguments of lib.kirim.subscribe.add_all (without db_path and by): one trigger
    per box ticked (both: two subscriptions, "weekly and on change"). No check here: add_all's rules decide."""
    triggers = [("terbit", None)] if form.on_publish else []
    if form.on_schedule:
        triggers.append(("jadwal", schedule_text(form.schedule_kind, form.weekday, form.day_of_month,
                                                 form.days_before, form.at)))
    return {"triggers": triggers, "channel": form.channel, "recipient": form.recipient,
            "template": form.template if form.channel == "whatsapp" else None, "kabupaten": list(form.kabupaten),
            "opd": form.opd, "isu": form.isu, "contents": list(form.contents),
            "internal": form.internal}


def needs_apel(form: Form) -> bool:
    """Whether the form asks for a schedule before each apel (it fires only once an apel ahead is recorded)."""
    return form.on_schedule and form.schedule_kind == "apel"


def created_message(numbers: list[int], form: Form, lang: str) -> str:
    """What the page says once subscriptions are made: their numbers and whether the content is public."""
    numbers_text = i18n.t("kirim.form.dan", lang).join(str(n) for n in numbers)
    channel, recipient = form.channel, form.recipient.strip()
    public = form.channel != "pengguna" and rules.is_public(channel, recipient, form.internal)
    return i18n.t("kirim.form.dibuat", lang, nomor=numbers_text,
                  mode=i18n.t("kirim.form.mode_publik" if public else "kirim.form.mode_dalam", lang))


def subscription_label(sub: dict, names: dict[str, str], lang: str) -> str:
    """One live subscription (lib.data.deliveries.live_subscriptions) in a line: 'No. 3 · email bupati@… ·
    Mamasa · jadwal (senin 06:00)'."""
    scope = ", ".join(names.get(code, code) for code in sub["kabupaten"]) or i18n.t("kirim.provinsi", lang)
    scope = " · ".join([scope, *[sub[c] for c in ("opd", "isu") if sub.get(c)]])
    trigger = sub["pemicu"] + (f" ({sub['jadwal']})" if sub.get("jadwal") else "")
    return f"{i18n.t('kirim.kolom.nomor', lang)} {sub['id']} · {sub['saluran']} {sub['penerima']} · {scope} · {trigger}"


def failed_deliveries(frame: pd.DataFrame, lang: str) -> dict[int, str]:
    """The deliveries that failed for good (lib.data.deliveries.outbox), id -> a line naming them and their error."""
    if frame.empty:
        return {}
    failed = frame[frame["status"] == "gagal"]
    return {int(row.id): i18n.t("kirim.ulang.baris", lang, nomor=int(row.id), langganan=int(row.langganan),
                                penerima=row.penerima, galat=row.galat if isinstance(row.galat, str) else "")
            for row in failed.itertuples()}
