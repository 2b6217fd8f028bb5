"""Invisible characters in text that came from a file: which read as a space, which are refused, and how
text is made safe to write into a spreadsheet or to quote in a message.

- Space-like (SPACE_LIKE): tab, line feed, vertical tab (Word's Shift+Enter), form feed, carriage return,
  NEL, Unicode line and paragraph separators. An upload reads each run of them as one space.
- Control (CONTROL): every other C0 control (U+0000–U+001F), DEL, the C1 controls (U+0080–U+009F) and the
  bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder how text is drawn.
  An upload refuses the row (lib.ingest.cells); an export drops them (spreadsheet_safe).
"""
from __future__ import annotations

import re

SPACE_LIKE = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# Any character either pattern matches: one search tells an ordinary text from one to look at closely.
UNUSUAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE) is a subset of SPACE_LIKE + CONTROL.
_SPREADSHEET_SPACE = re.compile(r"[\v\f\x85\u2028\u2029]")


def code_point(char: str) -> str:
    """'U+000B' for a vertical tab."""
    return f"U+{ord(char):04X}"


def one_line(text: str) -> str:
    """text with every run of space-like characters read as one space."""
    return SPACE_LIKE.sub(" ", text)


def first_control(text: str) -> str | None:
    """The first refused control character in text, or None."""
    match = CONTROL.search(text)
    return match.group() if match else None


def spreadsheet_safe(text: str) -> str:
    """text that openpyxl and Excel accept: vertical tab and form feed become a space, controls are dropped.

    Tab, line feed and carriage return stay: they are legal in a cell and a line break may be meant.
    """
    return CONTROL.sub("", _SPREADSHEET_SPACE.sub(" ", text))


def visible(text: str, limit: int = 60) -> str:
    """text to quote in a message: controls shown as ⟨U+0007⟩, line breaks as spaces, cut at limit with '…'."""
    shown = CONTROL.sub(lambda match: f"⟨{code_point(match.group())}⟩", one_line(text))
    return shown if len(shown) <= limit else shown[:limit].rstrip() + "…"
