"""Readable text on a coloured fill (WCAG relative luminance): plain Python, so the exports and the screens
share one rule without importing a chart library."""
from __future__ import annotations

DARK_BELOW = 0.18  # relative luminance under which white text reads better than dark ink


def is_dark(hex_colour: str) -> bool:
    """True when white text is the readable choice on this fill ('#RRGGBB')."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] < DARK_BELOW
