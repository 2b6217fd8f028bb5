"""Cell notes on the pages (issue 21): the notes panel beside a cell, the count marks on ranking rows and rapor
cells, the OPD page's inbox and a note's replay, as plain data for lib.ui.catatan_view.

Inputs are the frames of lib.data.notes (read from the notes file by lib.ui.catatan_data, never in public
mode) and the figures (through a Source). Every text a user typed is made plain (lib.present.markdown.plain)
here, so the view shows it as text only. Who may do what is decided by lib.catatan.rules on every write; the
`may_*` flags below only choose which forms a visitor is offered.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.catatan import rules
from lib.data import queries
from lib.data import wilayah as wilayah_data
from lib.judge import scorecard
from lib.present import status_text, tables
from lib.present.markdown import fill, plain
from lib.screens.source import Source
from lib.text import i18n
from lib.users.accounts import User

PROVINCE = "76"
ISU_PAGES = {"KE": "kemiskinan-ekstrem", "ST": "stunting", "ATS": "anak-tidak-sekolah", "PA": "perkawinan-anak",
             "INF": "inflasi"}
# Chip colours of a note's state (ink stays dark on every one of them).
STATE_FILLS = {"terbuka": "#f6c343", "dijawab": "#9fd3a8", "selesai": "#5fb36f", "ditutup": "#d0d5d9",
               "ditarik": "#e4e7ea"}
OVERDUE_FILL = "#e8857a"


@dataclass(frozen=True)
class NoteRow:
    """One note or reply of a thread, as the panel shows it."""
    id: int
    reply: bool  # drawn indented under its thread's first note
    head: str  # '#12 · Pertanyaan · gubernur (DINKES) · 2 Maret 2026 09.00' (raw text: the view escapes it for HTML)
    chip: str  # 'terbuka', … ; a komitmen: 'terbuka · tenggat 10 Maret 2026 · lewat tenggat 10 hari' (raw text)
    fill: str  # the chip's colour
    teks: str  # the text, Markdown-safe (plain); a withdrawn note: 'ditarik oleh … pada …'
    raw: str  # the current text as typed ('' when withdrawn): what the edit form starts from
    status: str
    jenis: str
    may_edit: bool
    may_withdraw: bool
    may_done: bool
    may_close: bool


@dataclass(frozen=True)
class Thread:
    """A thread pinned to a cell: its first note, the replies, and what the visitor may do with it."""
    id: int
    title: str  # the expander's label (Markdown-safe): '#12 · Pertanyaan · gubernur · 2 Maret 2026 · terbuka'
    periode: str
    dibuat: datetime
    notes: tuple[NoteRow, ...]
    may_reply: bool
    may_answer: bool  # the reply form offers penjelasan and komitmen
    open: bool  # the thread waits for someone


@dataclass(frozen=True)
class InboxRow:
    """A line of the OPD page's inbox, linking to its cell."""
    id: int  # the note (a reply answers its thread)
    text: str  # 'Kabupaten Majene · Prevalensi balita stunting (2022)' (raw text: the view escapes it for HTML)
    detail: str  # 'Pertanyaan · gubernur, 2 Maret 2026: menunggu 17 hari' / 'terbuka · tenggat … · lewat …' (raw)
    teks: str  # the question or commitment (plain)
    overdue: bool
    page: str  # the isu page, 'views/stunting.py'
    indikator: str
    kabupaten: tuple[str, ...]  # the kabupaten filter it opens with (empty for a province cell)


def may_answer(src: Source, user: User | None, isu: str, wilayah: str, jenis: str | None = None,
               opd_tujuan: str | None = None) -> bool:
    """Whether the visitor answers and commits on the cell (lib.catatan.rules.may_answer on the figures: an
    admin, an OPD owning it, and for a koreksi the OPD it was routed to)."""
    return rules.may_write(user) and bool(src.read(rules.may_answer, user, isu, wilayah, jenis, opd_tujuan))


def kinds(answering: bool) -> list[str]:
    """The kinds a new note may take in the form: a question or correction, and for an owner the answers."""
    return ["pertanyaan", "koreksi", *(("penjelasan", "komitmen") if answering else ())]


def reply_kinds(answering: bool) -> list[str]:
    """The kinds a reply may take: an owner answers (penjelasan first) or commits; anyone asks a follow-up."""
    return ["penjelasan", "komitmen", "pertanyaan"] if answering else ["pertanyaan"]


def _moment(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return i18n.MISSING
    stamp = pd.Timestamp(value)
    return f"{i18n.format_date(stamp.date(), lang)} {stamp.strftime('%H.%M')}"


def state_text(row: pd.Series, lang: str) -> str:
    """The state chip's words: the state, and for a komitmen its due date and how late it is."""
    words = i18n.t(f"catatan.panel.status.{row['status']}", lang)
    if row["jenis"] != "komitmen" or row["tenggat"] is None or pd.isna(row["tenggat"]):
        return words
    parts = [words, i18n.t("catatan.panel.tenggat", lang, tanggal=i18n.format_date(pd.Timestamp(row["tenggat"]).date(),
                                                                              lang))]
    if bool(row["lewat_tenggat"]):
        parts.append(i18n.t("catatan.panel.lewat_tenggat", lang, n=int(row["hari_lewat"])))
    return " · ".join(parts)


def state_fill(row: pd.Series) -> str:
    """The chip's colour: overdue red, else by state."""
    return OVERDUE_FILL if bool(row["lewat_tenggat"]) else STATE_FILLS.get(row["status"], STATE_FILLS["ditutup"])


def _author(row: pd.Series) -> str:
    opd = row["opd_penulis"]
    return f"{row['penulis']} ({opd})" if isinstance(opd, str) and opd else str(row["penulis"])


def note_row(row: pd.Series, user: User | None, answering: bool, lang: str) -> NoteRow:
    """answering: the visitor may answer in the note's thread (may_answer)."""
    """One note as the panel shows it, with the actions offered to the visitor."""
    kind = i18n.t(f"catatan.panel.jenis.{row['jenis']}", lang)
    withdrawn = row["status"] == "ditarik"
    edited = i18n.t("catatan.panel.diubah", lang) if int(row["versi"]) > 1 and not withdrawn else ""
    head = " · ".join(p for p in (f"#{int(row['id'])}", kind, _author(row), _moment(row["dibuat"], lang), edited) if p)
    if withdrawn:
        teks = fill("catatan.panel.ditarik_oleh", lang, nama=row["ditarik_oleh"], waktu=_moment(row["ditarik_pada"], lang))
    else:
        teks = plain(row["teks"])
    writer = rules.may_write(user)
    mine = writer and user.name == row["penulis"]
    admin = writer and user.role == "admin"
    live = not withdrawn
    done = (live and writer and row["jenis"] == "komitmen" and row["status"] == "terbuka"
            and (admin or user.opd == row["opd_komitmen"]))
    return NoteRow(
        id=int(row["id"]), reply=not pd.isna(row["induk"]), head=head, chip=state_text(row, lang),
        fill=state_fill(row), teks=teks, raw="" if withdrawn else str(row["teks"]), status=str(row["status"]),
        jenis=str(row["jenis"]), may_edit=bool(live and mine), may_withdraw=bool(live and (mine or admin)),
        may_done=bool(done),
        may_close=bool(live and writer and row["status"] not in ("ditutup",) and (mine or answering)
                       and pd.isna(row["induk"])))


def threads(frame: pd.DataFrame, user: User | None, answering: bool, lang: str,
            routed: str | None = None) -> tuple[Thread, ...]:
    """The threads of a cell (lib.data.notes.cell_notes: newest thread first, replies oldest first).
    answering: the visitor owns the cell (or is an admin); routed: the visitor's OPD, which may also answer a
    koreksi routed to it."""
    out = []
    for utas, group in frame.groupby("utas", sort=False):
        root = group[group["id"] == utas]
        root = root.iloc[0] if not root.empty else group.iloc[0]
        answering_here = answering or (rules.may_write(user) and root["jenis"] == "koreksi" and routed is not None
                                       and root["opd_tujuan"] == routed)
        rows = tuple(note_row(r, user, answering_here, lang) for _, r in group.iterrows())
        kind = i18n.t(f"catatan.panel.jenis.{root['jenis']}", lang)
        title = " · ".join([f"#{int(utas)}", kind, plain(root["penulis"]),
                            i18n.format_date(pd.Timestamp(root["dibuat"]).date(), lang), state_text(root, lang)])
        replies = len(group) - 1
        if replies:
            title += " · " + i18n.t("catatan.panel.balasan", lang, n=replies)
        out.append(Thread(
            id=int(utas), title=title, periode=str(root["periode"]),
            dibuat=pd.Timestamp(root["dibuat"]).to_pydatetime(),
            notes=rows, may_reply=rules.may_write(user) and root["status"] not in ("ditutup", "ditarik"),
            may_answer=answering_here,
            open=bool(group["terbuka"].any())))
    return tuple(out)


def mark(counts: pd.DataFrame | None, indikator: str, wilayah: str, lang: str, short: bool = False) -> str:
    """The count mark of one cell ('2 catatan terbuka · 1 lewat tenggat'; short, for a table's 'Catatan'
    column: '2 terbuka · 1 lewat tenggat'), '' without open notes; counts is lib.data.notes.open_counts
    (summed over periode)."""
    if counts is None or counts.empty:
        return ""
    found = counts[(counts["indikator"] == indikator) & (counts["wilayah"] == wilayah)]
    total = int(found["terbuka"].sum())
    if not total:
        return ""
    text = i18n.t("catatan.panel.tanda_pendek" if short else "catatan.panel.tanda", lang, n=total)
    late = int(found["lewat_tenggat"].sum())
    return f"{text} · {i18n.t('catatan.panel.tanda_lewat', lang, n=late)}" if late else text


def marks(counts: pd.DataFrame | None, cells: list[tuple[str, str]], lang: str) -> list[str]:
    """The short mark of each (indikator, wilayah) in order: the column joined to a table at draw time."""
    return [mark(counts, indikator, wilayah, lang, short=True) for indikator, wilayah in cells]


def with_marks(shown: pd.DataFrame, cells: list[tuple[str, str]], counts: pd.DataFrame | None,
               lang: str) -> pd.DataFrame:
    """A copy of a table with the column 'Catatan' (second, beside the row's name) of each row's mark (rows in
    the order of cells); the table itself when no row has a mark (the cached table is never modified)."""
    found = marks(counts, cells, lang)
    if len(found) != len(shown) or not any(found):
        return shown
    marked = shown.copy()
    marked.insert(1, i18n.t("catatan.panel.kolom", lang), found)
    return marked


def map_note(counts: pd.DataFrame | None, indikator: str, frame: pd.DataFrame, lang: str) -> str:
    """Under the map: the wilayah of frame (wilayah, nama) with open notes on the indicator, 'Catatan terbuka:
    Majene (2), Mamuju (1)' (plain); '' when none has. The map's own picture stays cached per snapshot."""
    if counts is None or counts.empty:
        return ""
    found = counts[counts["indikator"] == indikator].groupby("wilayah")["terbuka"].sum()
    names = [f"{plain(n)} ({int(found[w])})" for w, n in zip(frame["wilayah"], frame["nama"]) if found.get(w, 0)]
    return i18n.t("catatan.panel.peta", lang, daftar=", ".join(names)) if names else ""


def cell_choices(frame: pd.DataFrame, counts: pd.DataFrame | None, lang: str) -> dict[str, str]:
    """The cells a panel can open (assessed rows with a value: wilayah code -> 'Majene (2 catatan terbuka)'),
    in the frame's order. frame: lib.judge.scorecard.assessed rows of one indicator."""
    out = {}
    for _, row in frame[frame["nilai"].notna()].iterrows():
        found = mark(counts, row["indikator"], row["wilayah"], lang)
        out[row["wilayah"]] = f"{row['nama']} ({found})" if found else str(row["nama"])
    return out


def red_cell_choices(cells: pd.DataFrame, counts: pd.DataFrame | None, lang: str) -> dict[str, str]:
    """The OPD page's cells for its panel (lib.screens.reads.owned_red_cells, worst first): 'indikator|wilayah'
    -> 'Majene · Prevalensi balita stunting (1 catatan terbuka)'."""
    out = {}
    for _, row in cells.iterrows():
        found = mark(counts, row["indikator"], row["wilayah"], lang)
        name = f"{row['nama']} · {row['nama_indikator']}"
        out[f"{row['indikator']}|{row['wilayah']}"] = f"{name} ({found})" if found else name
    return out


def indicator_choices(card: pd.DataFrame, counts: pd.DataFrame | None, wilayah: str, lang: str) -> dict[str, str]:
    """The rapor's indicators for the Kabupaten panel: code -> 'Nama (2 catatan terbuka)', worst first."""
    out = {}
    for _, row in card.iterrows():
        found = mark(counts, row["indikator"], wilayah, lang)
        name = str(row.get("nama_indikator", row["indikator"]))
        out[row["indikator"]] = f"{name} ({found})" if found else name
    return out


def cell_text(src: Source, indikator: str, wilayah: str, periode: str) -> str:
    """'Kabupaten Majene · Prevalensi balita stunting (2022)' (raw text)."""
    registry = src.read(queries.indicators)
    indicators = dict(zip(registry["kode"], registry["nama"]))
    places = src.read(wilayah_data.names_of, (wilayah,))
    return f"{places.get(wilayah, wilayah)} · {indicators.get(indikator, indikator)} ({periode})"


def first_marked(counts: pd.DataFrame | None, indicators: list[str], wilayah: str) -> str | None:
    """The first of indicators (in their order) with open notes on the wilayah; None when none has."""
    if counts is None or counts.empty:
        return None
    found = set(counts.loc[counts["wilayah"] == wilayah, "indikator"])
    return next((code for code in indicators if code in found), None)


def _link(row: pd.Series) -> tuple[str, tuple[str, ...]]:
    page = f"views/{ISU_PAGES.get(row['isu'], 'stunting')}.py"
    wilayah = str(row["wilayah"])
    kabupaten = () if wilayah == PROVINCE else (wilayah[:5],)  # a kecamatan opens on its kabupaten
    return page, kabupaten


def inbox_questions(src: Source, frame: pd.DataFrame) -> tuple[InboxRow, ...]:
    """"Pertanyaan untuk Anda" (lib.data.notes.inbox_questions: oldest first)."""
    rows = []
    for _, row in frame.iterrows():
        page, kabupaten = _link(row)
        waited = int(row["hari_menunggu"])
        detail = src.t("catatan.kotak.menunggu" if waited else "catatan.kotak.menunggu_baru", nama=row["penulis"],
                       tanggal=i18n.format_date(pd.Timestamp(row["dibuat"]).date(), src.lang), n=waited)
        kind = i18n.t(f"catatan.panel.jenis.{row['jenis']}", src.lang)
        rows.append(InboxRow(int(row["id"]), cell_text(src, row["indikator"], row["wilayah"], row["periode"]),
                             f"{kind} · {detail}", plain(row["teks"]), False, page, row["indikator"], kabupaten))
    return tuple(rows)


def inbox_commitments(src: Source, frame: pd.DataFrame) -> tuple[InboxRow, ...]:
    """"Komitmen Anda" (lib.data.notes.inbox_commitments: overdue first, then by due date)."""
    rows = []
    for _, row in frame.iterrows():
        page, kabupaten = _link(row)
        rows.append(InboxRow(int(row["id"]), cell_text(src, row["indikator"], row["wilayah"], row["periode"]),
                             state_text(row, src.lang), plain(row["teks"]), bool(row["lewat_tenggat"]), page,
                             row["indikator"], kabupaten))
    return tuple(rows)


def inbox_mentions(src: Source, frame: pd.DataFrame, known: set[int] = frozenset()) -> tuple[InboxRow, ...]:
    """"Anda disebut" (lib.data.notes.mentions: newest first): open notes that @mention the OPD or the signed-in
    account, except those already listed above as its questions or commitments (known ids); an answered or
    closed note waits for nobody, so it leaves the inbox."""
    rows = []
    for _, row in frame.iterrows():
        if int(row["id"]) in known or not bool(row["terbuka"]):
            continue
        page, kabupaten = _link(row)
        kind = i18n.t(f"catatan.panel.jenis.{row['jenis']}", src.lang)
        detail = src.t("catatan.kotak.disebut_oleh", nama=row["penulis"],
                       tanggal=i18n.format_date(pd.Timestamp(row["dibuat"]).date(), src.lang))
        rows.append(InboxRow(int(row["id"]), cell_text(src, row["indikator"], row["wilayah"], row["periode"]),
                             f"{kind} · {detail}", plain(row["teks"]), False, page, row["indikator"], kabupaten))
    return tuple(rows)


def replay_table(src: Source, replay: dict[str, pd.DataFrame], indikator: str, wilayah: str,
                 moment: datetime, today: date | None = None) -> pd.DataFrame:
    """The note's cell then and now (lib.data.notes.replay): value, status and target, one column each, judged
    as every surface judges (lib.judge.scorecard.assess: then on the note's day, now today)."""
    registry = src.read(queries.indicators).set_index("kode")
    arah = str(registry.loc[indikator, "arah"]) if indikator in registry.index else "turun"
    satuan = registry.loc[indikator, "satuan"] if indikator in registry.index else None
    lang = src.lang

    def column(frame: pd.DataFrame, day: date) -> list[str]:
        if frame.empty:
            return [i18n.MISSING, i18n.t("catatan.panel.putar_tanpa_nilai", lang), i18n.MISSING]
        latest = frame.tail(1).assign(arah=arah, satuan=satuan).reset_index(drop=True)
        row = scorecard.assess(latest, replay["target"], frame, today=day).iloc[0]
        target = status_text.target_text(row, lang) if not pd.isna(row["target"]) else i18n.MISSING
        return [tables.value_text(row["nilai"], satuan, lang, False), status_text.status_chip(row, lang), target]

    then = column(replay["catatan"], moment.date())
    now = column(replay["kini"], today or date.today())
    labels = [i18n.t("catatan.panel.putar_nilai", lang), i18n.t("catatan.panel.putar_status", lang),
              i18n.t("catatan.panel.putar_target", lang)]
    return pd.DataFrame({"": labels,
                         i18n.t("catatan.panel.putar_saat", lang, tanggal=i18n.format_date(moment.date(), lang)): then,
                         i18n.t("catatan.panel.putar_kini", lang): now})


def today_default(today: date | None = None) -> date:
    """The date picker's first value for a komitmen: a week from today."""
    return (today or date.today()) + pd.Timedelta(days=7).to_pytimedelta()

