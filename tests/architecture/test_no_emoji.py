"""No emoji in the app's source or texts (issue 19): a PC without an emoji font, like the projector PC at an
apel, draws them as empty boxes. Marks come from Streamlit's Material icons, CSS/SVG in the app's HTML, or
glyphs every font has (tests/emoji_marks.py)."""
from __future__ import annotations

from pathlib import Path

from emoji_marks import emoji_in, is_emoji

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".py", ".toml", ".sql")


def app_files() -> list[Path]:
    """Every source and text file of the app: lib/ (the strings' .toml included), views/ and app.py."""
    found = [p for folder in ("lib", "views") for p in sorted((ROOT / folder).rglob("*"))
             if p.suffix in SUFFIXES and "__pycache__" not in p.parts]
    return found + [ROOT / "app.py"]


def emoji_lines(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{n}: {' '.join(emoji_in(line))}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if emoji_in(line)]


def test_the_check_knows_emoji_from_marks_every_font_has():
    assert all(is_emoji(c) for c in "🧪🟢🔴🟡⚪📊🖼📄🔒🔗⚠⛔✅⏳⏸⏵\ufe0f")
    assert emoji_in("ℹ️ ↩️") == ["U+FE0F \ufe0f"] * 2  # text symbols turned emoji by the variation selector
    assert not any(is_emoji(c) for c in "●○◐◌▲▼■←→ℹ↩·–—ÀéĀ")


def test_no_emoji_in_the_app():
    files = app_files()
    assert any(p.name == "since.toml" for p in files) and any(p.parent.name == "views" for p in files)
    found = [line for path in files for line in emoji_lines(path)]
    assert not found, "emoji (kotak kosong tanpa fon emoji; pakai :material/…: atau ● ○ ◐):\n" + "\n".join(found)
