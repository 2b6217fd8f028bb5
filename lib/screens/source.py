"""Where a screen reads from: a cursor on one snapshot, the language and the mode. Every read passes through
lib.access.privacy in public mode and i18n.localized for the language, as on every surface."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lib.access import privacy
from lib.text import i18n


@dataclass(frozen=True)
class Source:
    """A screen's inputs besides its filters: the cursor (or None when a subclass reads elsewhere), the
    language and whether the screen is shown in public."""
    con: object
    lang: str = i18n.DEFAULT_LANG
    public: bool = False

    def read(self, func: Callable, *args):
        """func(con, *args), masked in public mode and localised into lang (func: a module-level read)."""
        result = func(self.con, *args)
        return i18n.localized(privacy.public_result(result) if self.public else result, self.lang)

    def t(self, key: str, **fmt: object) -> str:
        """A UI string in the source's language."""
        return i18n.t(key, self.lang, **fmt)
