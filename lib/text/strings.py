"""UI strings as data: lib/text/strings/<topic>.toml, read once by lib.text.i18n (STRINGS).

Key rule: a key is `<topic>.<name>`. The topic (the part before the first dot) is the name of the file the key
lives in, and <name> is one or more segments joined by dots. Every segment is lowercase ASCII: a-z, 0-9 and _.
The one exception is a segment that spells a stored code: a key built from data, such as f"status.{code}" or
f"isu.{kode}", writes the code exactly as it is stored ("status.tidak tercapai", "isu.KE", "unit.rumah tangga.one").
tests/lib/test_strings.py checks the rule and lists these prefixes.

Each key is a table with its Indonesian (id) and English (en) text, the full key quoted, in its topic's file:

    ["status.tercapai"]
    id = "Tercapai"
    en = "Achieved"

Text is kept exactly, with {placeholders} for str.format and Markdown where the screen renders it. To add a
string, add its table to lib/text/strings/<topic>.toml (a new topic is a new file), both languages filled in.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

FOLDER = Path(__file__).parent / "strings"


class StringsError(ValueError):
    """A string file that breaks the rules above; the message names the file and the key."""


def load(langs: tuple[str, ...], folder: Path = FOLDER) -> dict[str, dict[str, str]]:
    """Every key of every <topic>.toml in folder, each with a non-empty text in each of langs (and no other)."""
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise StringsError(f"Tidak ada berkas teks *.toml di {folder}.")
    # A key can sit in one file only, its topic's (checked in _texts), so no key is defined twice: TOML refuses a
    # repeated key within a file, and a copy in another file is in the wrong file.
    return {key: _texts(path, key, entry, langs) for path in files for key, entry in _read(path).items()}


def _read(path: Path) -> dict:
    """The parsed TOML of one file; a malformed file raises StringsError naming it."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StringsError(f"{path.name}: bukan TOML yang sah ({exc}).") from exc


def _texts(path: Path, key: str, entry: object, langs: tuple[str, ...]) -> dict[str, str]:
    """The texts of one key, checked: it belongs in this file and has exactly langs, each a non-empty string."""
    topic = path.stem
    if not key.startswith(topic + "."):
        raise StringsError(f"{path.name}: kunci '{key}' tidak diawali '{topic}.'; kunci '<topik>.<nama>' tinggal di "
                           f"<topik>.toml. Tulis kunci lengkap dalam tanda kutip, mis. [\"{topic}.nama\"].")
    if not isinstance(entry, dict):
        raise StringsError(f"{path.name}: kunci '{key}' harus tabel dengan teks {' dan '.join(langs)}.")
    missing = [lang for lang in langs if not isinstance(entry.get(lang), str) or not entry[lang].strip()]
    if missing:
        raise StringsError(f"{path.name}: kunci '{key}' tidak punya teks {', '.join(missing)}.")
    unknown = sorted(set(entry) - set(langs))
    if unknown:
        raise StringsError(f"{path.name}: kunci '{key}' punya bahasa yang tidak dikenal: {', '.join(unknown)}.")
    return {lang: entry[lang] for lang in langs}
