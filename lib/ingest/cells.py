"""One set of rules for every cell of text a user enters, on every input path: value uploads (CSV, XLSX,
template; lib.ingest.validate), tindakan uploads (lib.ingest.tindakan), apel (lib.apel) and notes to come.

- Space-like characters (tab, line breaks, vertical tab, form feed; lib.text.plain.SPACE_LIKE) read as one
  space: a line break typed with Alt+Enter, or pasted from Word as a vertical tab, is not an error.
- Any other control character (lib.text.plain.CONTROL: C0 and C1 controls such as bell and ESC, DEL, the
  bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069) and the zero-width characters
  (ZERO_WIDTH: U+200B–U+200D, U+2060, U+FEFF) are refused, naming the field and the code point (e.g.
  "karakter kontrol U+0007"): they are invisible, would break the Excel download, reorder a page or make two
  names look the same, and cannot be guessed.
- A text longer than its field's limit is refused, naming the field and the limit (uploads:
  lib.ingest.shapes.MAX_CHARS and lib.ingest.tindakan.MAX_CHARS; apel: lib.apel.meetings.MAX_CHARS).
Problems quote at most a short, visible excerpt of the text (visible()); later rules see the text without the
refused characters and cut at the limit, so one cause is one problem and no message repeats a huge cell.

Public API: clean_text(value, field, max_len) returns the clean text or raises TextError (reason and fix in
Bahasa Indonesia); check_cells() applies the same rules to a row and reports every problem; shown() makes any
stored text safe to print on a terminal (controls escaped as ⟨U+001B⟩), even from an old record.
"""
from __future__ import annotations

import re

from lib.ingest import shapes
from lib.text import plain
from lib.text.i18n import format_number

ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_REFUSED = re.compile(f"{plain.CONTROL.pattern}|{ZERO_WIDTH.pattern}")
_UNUSUAL = re.compile(f"{plain.UNUSUAL.pattern}|{ZERO_WIDTH.pattern}")
RETYPE_CELL = ("Hapus karakter itu (biasanya terbawa saat menyalin dari aplikasi lain): ketik ulang isi selnya, "
               "lalu unggah ulang.")
RETYPE_TEXT = ("Hapus karakter itu (biasanya terbawa saat menyalin dari aplikasi lain): ketik ulang teksnya, "
               "lalu ulangi perintahnya.")


class TextError(ValueError):
    """A refused text: .reason names the field and what is wrong, .fix the remedy (Bahasa Indonesia)."""

    def __init__(self, field: str, reason: str, fix: str, excerpt: str):
        super().__init__(f"{reason} {fix}")
        self.field, self.reason, self.fix, self.excerpt = field, reason, fix, excerpt


def _kind(char: str) -> str:
    if ZERO_WIDTH.fullmatch(char):
        return "karakter tak terlihat (lebar nol)"
    return "pengatur arah teks" if ord(char) > 0x9F else "karakter kontrol"


def text_problems(value: object, field: str, max_len: int | None, where: str = "",
                  retype: str = RETYPE_CELL) -> tuple[str, list[tuple[str, str]]]:
    """(the text trimmed, one-lined, without refused characters and cut at max_len; [(reason, fix), …])."""
    raw = "" if value is None else str(value)
    if (max_len is None or len(raw) <= max_len) and not _UNUSUAL.search(raw):
        return raw.strip(), []  # the usual text: nothing to read differently or refuse
    text, problems = plain.one_line(raw).strip(), []
    where = f" {where}" if where else ""
    found = _REFUSED.search(text)
    if found:
        reason = (f"Kolom {field}{where} berisi {_kind(found.group())} {plain.code_point(found.group())} yang "
                  "tidak terlihat.")
        problems.append((reason, retype))
        text = _REFUSED.sub("", text)
    if max_len is not None and len(text) > max_len:
        reason = (f"Kolom {field}{where} berisi {format_number(len(text))} karakter, melebihi batas "
                  f"{format_number(max_len)} karakter.")
        fix = (f"Ringkas isinya menjadi paling banyak {format_number(max_len)} karakter; untuk sumber, tulis nama "
               "penerbit dan judul dokumen saja.")
        problems.append((reason, fix))
        text = text[:max_len]
    return text, problems


def clean_text(value: object, field: str, max_len: int | None, where: str = "", retype: str = RETYPE_TEXT) -> str:
    """value trimmed with every run of space-like characters read as one space; TextError (the first problem)
    when it holds a control, bidi or zero-width character or is longer than max_len characters."""
    text, problems = text_problems(value, field, max_len, where, retype)
    if problems:
        reason, fix = problems[0]
        raise TextError(field, reason, fix, visible(str(value)))
    return text


def visible(text: str, limit: int = 60) -> str:
    """text to quote in a message: refused characters shown as ⟨U+0007⟩, cut at limit with '…'."""
    return plain.visible(ZERO_WIDTH.sub(lambda m: f"⟨{plain.code_point(m.group())}⟩", text), limit)


def shown(value: object, limit: int = 200) -> str:
    """Stored text safe for a terminal or a log line: one line, controls and bidi escaped (⟨U+001B⟩), cut."""
    return visible("" if value is None else str(value), limit)


def check_cells(line: int, cells: dict[str, str], add, where: str,
                limits: dict[str, int] | None = None) -> dict[str, str]:
    """The row's cells trimmed, one-lined and within limits (bawaan: shapes.MAX_CHARS); add(line, column,
    excerpt, message, fix) per problem."""
    limits = shapes.MAX_CHARS if limits is None else limits
    checked = {}
    for column, raw in cells.items():
        text, problems = text_problems(raw or "", column, limits.get(column), where)
        for message, fix in problems:
            add(line, column, visible((raw or "").strip()), message, fix)
        checked[column] = text
    return checked
