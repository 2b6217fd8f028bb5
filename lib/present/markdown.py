"""Data text shown as text: the one escape for every place Streamlit renders Markdown.

st.markdown, st.caption, st.info/warning/error/success, titles, expander labels and help= tooltips all
render Markdown, and Streamlit adds its own syntax on top (":red[…]", ":material/icon:", ":emoji:",
"$math$"). Text that came from an upload, a user or a file (sumber, catatan, file names, user names,
messages quoting them) goes through `plain()` before it reaches one of them, so `![x](http://host/b.png)`
shows those characters and makes no request; translated templates keep their own Markdown (`fill()`).
st.html blocks use html.escape instead; pydeck tooltips are escaped in lib.maps.pydeck_map; dataframe cells and
Vega tooltips (charts and lib.maps.vega maps) are plain text, escaped by Vega's tooltip handler.
"""
from __future__ import annotations

import re

import pandas as pd

from lib.text import i18n

_ALWAYS = set("\\`*[]<>$~|&#@{}")  # CommonMark lets a backslash escape any ASCII punctuation
_LINE_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)](?:\s|$)))")  # list, heading-underline or ordered-list openers
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_CODE_SPAN = re.compile(r"`([^`]+)`")
WORD_JOINER = "\u2060"  # invisible; after ":" it stops ":red[", ":material/…:" and ":emoji:" forming


def plain(value: object) -> str:
    """Markdown-safe text of a value: every character shows as itself, nothing becomes a link, image,
    emphasis, colour, icon, emoji or formula, and line breaks become spaces. None/NaN give "–"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return i18n.MISSING
    return _escape(_one_line(value), at_line_start=True)


def _one_line(value: object) -> str:
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _escape(text: str, at_line_start: bool) -> str:
    out = []
    for i, char in enumerate(text):
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if char in _ALWAYS or (char == "_" and not (before.isalnum() and after.isalnum())):
            out.append("\\" + char)
        elif char == ":":
            out.append(":" + WORD_JOINER)
        elif char == "." and text[max(i - 3, 0):i].lower() == "www":
            out.append("\\.")  # "www.host" would become a link
        else:
            out.append(char)
    escaped = "".join(out)
    start = _LINE_START.match(escaped) if at_line_start else None
    if start is None:
        return escaped
    if start.group().isdigit():  # "1. x" / "1) x": escape the dot or bracket
        return escaped[:start.end()] + "\\" + escaped[start.end():]
    return "\\" + escaped


def fill(key: str, lang: str, **data: object) -> str:
    """A translated template in lang (its own Markdown kept) with data values made plain()."""
    return i18n.t(key, lang, **{name: plain(value) for name, value in data.items()})


def message(exc: BaseException | str) -> str:
    """A lib message as safe Markdown (it may quote an uploaded value or a file name): plain() text, except
    that its `command` spans stay code (nothing inside a code span renders, and every other backtick is
    escaped, so quoted text cannot open or close one)."""
    parts = _CODE_SPAN.split(_one_line(exc))  # even indices: text, odd: code span contents
    return "".join(f"`{part}`" if index % 2 else _escape(part, at_line_start=index == 0)
                   for index, part in enumerate(parts))
