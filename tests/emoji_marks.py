"""Emoji code points: marks a PC without an emoji font (the projector PC at an apel) draws as empty boxes."""
from __future__ import annotations

# Inclusive ranges. Marks that every font has (DejaVu Sans included) come from Geometric Shapes (● ○ ◐ ◌ ▲ ▼
# ■) and Arrows (← →), which stay allowed; icons come from Streamlit's Material Symbols (":material/name:").
EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # pictographs: mahjong … symbols and pictographs ext.-A (🧪 🟢 🔴 📊 🔒, flags)
    (0x2600, 0x27BF),  # miscellaneous symbols and dingbats: pictographs, most of them emoji (⚠ ⚪ ⛔ ✅ ❌)
    (0x231A, 0x231B),  # ⌚ ⌛
    (0x2328, 0x2328),  # ⌨
    (0x23CF, 0x23CF),  # ⏏
    (0x23E9, 0x23FA),  # media and clock emoji ⏩ … ⏳ ⏸ ⏹ ⏺ (with ⏴ ⏵ ⏶ ⏷, which DejaVu lacks)
    (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),  # ⬅ ⬆ ⬇ ⬛ ⬜ ⭐ ⭕
    (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),  # CJK emoji
    (0x20E3, 0x20E3),  # combining keycap (1️⃣)
    (0xFE0F, 0xFE0F),  # variation selector 16: turns ↩ ℹ ▶ into emoji
)


def is_emoji(char: str) -> bool:
    """Whether one character is an emoji code point (EMOJI_RANGES)."""
    code = ord(char)
    return any(low <= code <= high for low, high in EMOJI_RANGES)


def emoji_in(text: str) -> list[str]:
    """The emoji code points of text, in order, as 'U+1F9EA 🧪'."""
    return [f"U+{ord(c):04X} {c}" for c in text if is_emoji(c)]
