"""Text fitting for fixed frames (PowerPoint boxes, PDF cells, share images): a conservative size estimate.

DejaVu Sans / Calibri-class fonts average about 0.55 em per character; bold and capitals run wider, so the
estimate uses CHAR_EM and LINE_EM with a margin. Builders pick the largest size that fits; a test checks the
finished files against the same estimate.
"""
from __future__ import annotations

import math

CHAR_EM = 0.58  # average advance width per character, in em
LINE_EM = 1.22  # line height, in em
POINTS_PER_INCH = 72.0


def lines_needed(text: str, width_in: float, size_pt: float) -> int:
    """Lines a text takes in a box `width_in` wide at `size_pt`, wrapping at words."""
    per_line = max(1, int(width_in * POINTS_PER_INCH / (size_pt * CHAR_EM)))
    total = 0
    for paragraph in text.split("\n"):
        line, count = 0, 1
        for word in paragraph.split(" "):
            need = len(word) if line == 0 else line + 1 + len(word)
            if need <= per_line:
                line = need
                continue
            count += 1 + (max(len(word) - 1, 0) // per_line)
            line = len(word) % per_line or per_line
        total += count
    return total


def text_height_in(text: str, width_in: float, size_pt: float) -> float:
    """Height in inches a text needs at `size_pt` in a box `width_in` wide."""
    return lines_needed(text, width_in, size_pt) * size_pt * LINE_EM / POINTS_PER_INCH


def fits(text: str, width_in: float, height_in: float, size_pt: float) -> bool:
    """True when the text fits the box at that size."""
    return text_height_in(text, width_in, size_pt) <= height_in + 1e-6


def fit_size(text: str, width_in: float, height_in: float, largest: float, smallest: float) -> float:
    """The largest size (in half points) from `largest` down to `smallest` at which the text fits."""
    size = largest
    while size > smallest and not fits(text, width_in, height_in, size):
        size -= 0.5
    return size


def shorten(text: str, width_in: float, height_in: float, size_pt: float) -> str:
    """The text cut at a word (with an ellipsis) so that it fits the box at `size_pt`."""
    if fits(text, width_in, height_in, size_pt):
        return text
    words = text.split(" ")
    low, high = 0, len(words)
    while low < high:  # longest prefix that fits, by bisection
        mid = math.ceil((low + high) / 2)
        if fits(" ".join(words[:mid]) + " …", width_in, height_in, size_pt):
            low = mid
        else:
            high = mid - 1
    return " ".join(words[:low]) + " …"
