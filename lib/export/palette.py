"""The projector theme shared by the exports and the Presentasi screen: high contrast, status colours."""
from __future__ import annotations

from lib.present.contrast import is_dark

NAVY = "#0B2545"  # title band
INK = "#14212B"
MUTED = "#3A4750"  # secondary text, still ≥ 7:1 on white
PAPER = "#F2F5F8"  # tile background
WHITE = "#FFFFFF"
BAND = "#C9D3DC"  # a target band behind a comparison's bars


def ink_on(fill: str) -> str:
    """Readable text colour on a fill (white on dark fills)."""
    return WHITE if is_dark(fill) else INK
