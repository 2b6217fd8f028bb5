"""Translated templates filled with data for the current language (the escaping is lib.present.markdown)."""
from __future__ import annotations

from lib.present import markdown
from lib.ui.state import lang


def fill(key: str, **data: object) -> str:
    """A translated template in the session's language with data values made plain (lib.present.markdown)."""
    return markdown.fill(key, lang(), **data)
