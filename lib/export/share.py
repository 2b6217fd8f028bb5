"""Share images (PNG) of a slide or of the Ringkasan headline row, 1920×1080 or 1080×1080 for WhatsApp,
composed with PIL from the deck model and the same server-side chart and map images as the PowerPoint."""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from lib.export import images
from lib.export.adapter import Figure
from lib.export.fonts import font_path
from lib.export.model import Slide
from lib.export.palette import INK, MUTED, NAVY, PAPER, WHITE, ink_on
from lib.text import i18n

WIDE, SQUARE = (1920, 1080), (1080, 1080)


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}".strip()
            if font.getlength(trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def text_in_box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, size: int, *,
                bold: bool = False, colour: str = INK, fill: str | None = None, align: str = "left",
                smallest: int = 14) -> None:
    """Text wrapped into box (x, y, w, h) at the largest size ≤ size that fits; cut at a word if none does."""
    x, y, w, h = box
    if fill:
        draw.rounded_rectangle((x, y, x + w, y + h), radius=max(4, h // 8), fill=fill)
    pad = max(4, size // 4) if fill else 0
    while True:
        font = _font(size, bold)
        lines, step = _wrap(text, font, w - 2 * pad), int(size * 1.22)
        if len(lines) * step <= h or size <= smallest:
            break
        size -= 2
    if len(lines) * step > h:  # even the smallest size is too big: cut, and say so
        lines = lines[:max(1, h // step)]
        lines[-1] = lines[-1].rstrip(" …") + " …"
    top = y + (h - len(lines) * step) // 2 if fill else y
    for i, line in enumerate(lines):
        left = x + pad if align == "left" else x + (w - font.getlength(line)) / 2
        draw.text((left, top + i * step), line, font=font, fill=colour)


def _paste(canvas: Image.Image, png: bytes, box: tuple[int, int, int, int]) -> None:
    """An image scaled to fit box, centred."""
    x, y, w, h = box
    img = Image.open(io.BytesIO(png)).convert("RGB")
    scale = min(w / img.width, h / img.height)
    img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))), Image.LANCZOS)
    canvas.paste(img, (x + (w - img.width) // 2, y + (h - img.height) // 2))


def _frame(slide: Slide, size: tuple[int, int], lang: str) -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    """Canvas with the title band and the sources line; returns the unit (1 % of the height)."""
    w, h = size
    u = h // 100
    canvas = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, w, 11 * u), fill=NAVY)
    text_in_box(draw, (3 * u, 2 * u, int(w * 0.62), 8 * u), slide.title, 5 * u, bold=True, colour=WHITE)
    text_in_box(draw, (int(w * 0.62) + 4 * u, 3 * u, int(w * 0.38) - 7 * u, 7 * u), slide.subtitle, 3 * u,
                colour=WHITE)
    sources = f"{i18n.t('ekspor.sumber', lang)}: " + "; ".join(slide.sources) if slide.sources else ""
    text_in_box(draw, (3 * u, h - 9 * u, w - 6 * u, 8 * u), sources, int(2.5 * u), colour=MUTED, smallest=u * 2)
    return canvas, draw, u


def _tile(draw, f: Figure, box: tuple[int, int, int, int], u: int, lang: str) -> None:
    x, y, w, h = box
    draw.rectangle((x, y, x + w, y + h), fill=PAPER, outline=f.color, width=max(3, u // 2))
    text_in_box(draw, (x + u, y + u, w - 2 * u, 5 * u), f.heading, 3 * u, bold=True)
    text_in_box(draw, (x + u, y + 7 * u, w - 2 * u, 11 * u), f.value_text, 6 * u, bold=True, smallest=3 * u)
    text_in_box(draw, (x + u, y + 19 * u, w - 2 * u, 5 * u), f.status_text, int(2.6 * u), bold=True, fill=f.color,
                colour=ink_on(f.color), align="center")
    detail = f.details(period=True, measure=True)
    text_in_box(draw, (x + u, y + 26 * u, w - 2 * u, h - 27 * u), detail, int(2.6 * u), colour=MUTED,
                smallest=2 * u)


def _tiles(draw, heads: tuple[Figure, ...], top: int, size: tuple[int, int], u: int, lang: str) -> int:
    """The five headline tiles: one row on a wide image, three and two on a square one; returns the bottom."""
    w = size[0]
    per_row = 5 if w > size[1] else 3
    gap, tile_h = 2 * u, 40 * u if per_row == 5 else 30 * u
    tile_w = (w - 6 * u - gap * (per_row - 1)) // per_row
    for i, f in enumerate(heads):
        row, col = divmod(i, per_row)
        _tile(draw, f, (3 * u + col * (tile_w + gap), top + row * (tile_h + gap), tile_w, tile_h), u, lang)
    rows = -(-len(heads) // per_row)
    return top + rows * (tile_h + gap)


def _isu(canvas, draw, slide: Slide, size, u: int, lang: str) -> None:
    f, (w, h) = slide.headline, size
    wide = w > h
    left_w = int(w * 0.36) if wide else w - 6 * u
    text_in_box(draw, (3 * u, 13 * u, left_w, 4 * u), f"{i18n.t('ekspor.provinsi', lang)} · {f.period}", 3 * u,
                colour=MUTED)
    text_in_box(draw, (3 * u, 17 * u, left_w, 10 * u), f.value_text, 8 * u, bold=True, smallest=4 * u)
    text_in_box(draw, (3 * u, 28 * u, min(left_w, 40 * u), 5 * u), f.status_text, 3 * u, bold=True, fill=f.color,
                colour=ink_on(f.color), align="center")
    detail = f.details(change=True)
    opd = f"{i18n.t('ekspor.opd', lang)}: {slide.opd or i18n.MISSING}"
    a = slide.action
    action = f"{i18n.t('ekspor.tindakan', lang)} ({a.period}): {a.title}" if a else ""
    if wide:
        text_in_box(draw, (3 * u, 35 * u, left_w, 12 * u), detail, 3 * u)
        text_in_box(draw, (3 * u, 48 * u, left_w, 9 * u), opd, 3 * u, bold=True)
        text_in_box(draw, (3 * u, 58 * u, left_w, 31 * u), action, 3 * u, fill=PAPER, smallest=2 * u)
        # The comparison keeps its title: the bars never stand under the headline's name alone.
        text_in_box(draw, (left_w + 5 * u, 13 * u, w - left_w - 8 * u, 4 * u), slide.comparison_title, 3 * u,
                    bold=True, smallest=2 * u)
        lines = slide.comparison_lines
        top = 18 * u + (8 * u if lines else 0)
        text_in_box(draw, (left_w + 5 * u, 18 * u, w - left_w - 8 * u, 7 * u), lines, int(2.4 * u), smallest=2 * u)
        chart_box, map_box = (left_w + 5 * u, top, int(w * 0.44), 89 * u - top), (int(w * 0.82), top,
                                                                                int(w * 0.16), 89 * u - top)
    else:
        text_in_box(draw, (3 * u, 35 * u, left_w, 8 * u), "\n".join(x for x in (detail, opd) if x), int(2.6 * u),
                    smallest=2 * u)
        text_in_box(draw, (3 * u, 44 * u, left_w, 4 * u), slide.comparison_title, int(2.8 * u), bold=True,
                    smallest=2 * u)
        lines = slide.comparison_lines
        text_in_box(draw, (3 * u, 48 * u, left_w, 6 * u), lines, int(2.2 * u), smallest=int(1.6 * u))
        top = 48 * u + (7 * u if lines else 0)
        chart_box, map_box = (3 * u, top, int(w * 0.7), 90 * u - top), (int(w * 0.74), top, int(w * 0.24), 90 * u - top)
    if slide.figures:
        target, upper = slide.shared_target
        chart_box, map_box = ((x, y, w, h - 5 * u) for x, y, w, h in (chart_box, map_box))
        _paste(canvas, images.ranking_png(slide.figures, slide.unit, slide.arah, lang, target=target,
                                          target_upper=upper), chart_box)
        _paste(canvas, images.map_png(slide.figures), map_box)
        _status_key(draw, (chart_box[0], chart_box[1] + chart_box[3] + u), images.status_key(slide.figures, lang), u)


def _status_key(draw: ImageDraw.ImageDraw, at: tuple[int, int], keys, u: int) -> None:
    """'■ Tercapai  ■ Tidak tercapai …' under the chart: what each bar and map colour means."""
    x, y = at
    font = _font(int(2.6 * u), False)
    for colour, word in keys:
        draw.rectangle((x, y + u // 2, x + 2 * u, y + 2 * u + u // 2), fill=colour)
        draw.text((x + 3 * u, y), word, font=font, fill=MUTED)
        x += 3 * u + int(draw.textlength(word, font=font)) + 3 * u


def slide_image(slide: Slide, lang: str, square: bool = False) -> bytes:
    """A PNG of one slide of the deck."""
    size = SQUARE if square else WIDE
    canvas, draw, u = _frame(slide, size, lang)
    if slide.kind == "pembuka":
        bottom = _tiles(draw, slide.figures, 13 * u, size, u, lang)
        text_in_box(draw, (3 * u, bottom + u, size[0] - 6 * u, 89 * u - bottom), "\n".join(slide.lines),
                    int(2.8 * u), smallest=2 * u)
    elif slide.kind == "isu":
        _isu(canvas, draw, slide, size, u, lang)
    else:
        top = 13 * u + (21 * u if slide.since else 0)
        if slide.since:
            text_in_box(draw, (3 * u, 13 * u, size[0] - 6 * u, 20 * u), "\n".join(slide.since), int(2.6 * u),
                        fill=PAPER, smallest=2 * u)
        text_in_box(draw, (3 * u, top, size[0] - 6 * u, 73 * u - top), "\n".join(f"• {x}" for x in slide.lines),
                    int(3.2 * u), smallest=2 * u)
        text_in_box(draw, (3 * u, 76 * u, size[0] - 6 * u, 10 * u), slide.subtitle, 6 * u, bold=True,
                    align="center")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def headline_image(slide: Slide, lang: str, square: bool = False) -> bytes:
    """A PNG of the Ringkasan headline row: title, the five headline tiles, sources."""
    size = SQUARE if square else WIDE
    canvas, draw, u = _frame(slide, size, lang)
    _tiles(draw, slide.figures, 16 * u, size, u, lang)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()
