"""Documents a user is pointed to, shown in the app so every "see X" leads somewhere they can open."""
from __future__ import annotations

import functools

from lib.config import PROJECT_ROOT

SOURCE_NOTES = PROJECT_ROOT / "docs" / "sumber-data.md"


@functools.cache
def data_source_notes() -> str:
    """docs/sumber-data.md as Markdown (headings demoted two levels to sit under the page's own)."""
    try:
        text = SOURCE_NOTES.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    return "\n".join("##" + line if line.startswith("#") else line for line in text.splitlines())
