"""Share images (PNG) of a slide or of the Ringkasan headline row, 1920×1080 or 1080×1080 for WhatsApp,
composed with PIL from the deck model, sized for the back of a hall and a phone chat: body text ≥ 4,5 % of the
image height, the headline number ≥ 10 %, the kabupaten comparison as bars in status colours with labels ≥ 3 %
(drawn here, so each label's size is known), no map (its names cannot reach 2 % of the height in the room left)."""
from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from lib.export.adapter import Figure
from lib.export.asuh import KIND as ASUH
from lib.export.fonts import font_path
from lib.export.model import FOLLOW_UP, HOTSPOTS, LABEL_PERIOD_MAX, Slide
from lib.export.palette import BAND, INK, MUTED, NAVY, PAPER, WHITE, ink_on
from lib.text import i18n

WIDE, SQUARE = (1920, 1080), (1080, 1080)
NUMBER_LAYOUT_MAX = 2  # this many kabupaten or fewer: big numbers side by side, not a chart of two bars


def sizes(size: tuple[int, int]) -> dict[str, int]:
    """Font sizes (px) of a share image: body ≥ 4,5 % of the height, headline number ≥ 10 %, chart labels and the
    sources line ≥ 2 % (the labels 3 %)."""
    h = size[1]
    return {"title": math.ceil(0.055 * h), "body": math.ceil(0.045 * h), "headline": math.ceil(0.10 * h),
            "label": math.ceil(0.03 * h), "sources": math.ceil(0.022 * h)}


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than width: broken at spaces, and inside a word wider than a line on its own (a long link
    or code), so nothing runs off the image."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}".strip()
            if font.getlength(trial) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            *full, line = _break_word(word, font, width)
            lines.extend(full)
        lines.append(line)
    return lines


def _break_word(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word in pieces no wider than width (the word itself when it fits; one character at least per piece)."""
    pieces, piece = [], ""
    for char in word:
        if piece and font.getlength(piece + char) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    return pieces + [piece]


def _fit(box: tuple[int, int, int, int], text: str, size: int, bold: bool, fill: str | None,
         smallest: int | None) -> tuple[ImageFont.FreeTypeFont, list[str], int, int]:
    """(font, lines, line step, padding) of text in box at the largest size ≤ size (never below smallest, default
    size) that fits; cut at a word with '…' if none does."""
    _, _, w, h = box
    smallest = size if smallest is None else smallest
    pad = max(4, size // 4) if fill else 0
    while True:
        font = _font(size, bold)
        lines, step = _wrap(text, font, w - 2 * pad), int(size * 1.2)
        widest = max((font.getlength(line) for line in lines), default=0)
        if (len(lines) * step <= h and widest <= w - 2 * pad) or size <= smallest:
            break
        size = max(smallest, size - 2)
    if len(lines) * step > h:  # even the smallest size is too big: cut, and say so
        kept = lines[:max(1, h // step)]
        lines, last = kept, kept[-1] + (" …" if len(kept) < len(lines) else "")
        while last.endswith(" …") and font.getlength(last) > w - 2 * pad and " " in last[:-2]:
            last = last[:-2].rsplit(" ", 1)[0] + " …"
        while last.endswith(" …") and font.getlength(last) > w - 2 * pad and len(last) > 3:  # a broken word
            last = last[:-3] + " …"
        lines[-1] = last
    return font, lines, step, pad


def text_in_box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, size: int, *,
                bold: bool = False, colour: str = INK, fill: str | None = None, align: str = "left",
                smallest: int | None = None) -> None:
    """Text wrapped into box (x, y, w, h), sized by _fit; on a fill as tall as the text (a chip, a panel)."""
    x, y, w, h = box
    font, lines, step, pad = _fit(box, text, size, bold, fill, smallest)
    used = len(lines) * step
    if fill:
        height = h if align == "center" and used + 2 * pad > h else used + 2 * pad
        draw.rounded_rectangle((x, y, x + w, y + max(height, used)), radius=max(4, font.size // 4), fill=fill)
    for i, line in enumerate(lines):
        left = x + pad if align == "left" else x + (w - font.getlength(line)) / 2
        draw.text((left, y + pad + i * step), line, font=font, fill=colour)


def _put(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, size: int, **style) -> int:
    """text_in_box, returning the bottom of the text drawn (where the next block starts)."""
    text_in_box(draw, box, text, size, **style)
    _, lines, step, pad = _fit(box, text, size, style.get("bold", False), style.get("fill"), style.get("smallest"))
    return box[1] + len(lines) * step + 2 * pad


def _chip(draw, at: tuple[int, int], text: str, colour: str, size: int, width: int) -> int:
    """A status chip as wide as its words (at most width); returns its bottom."""
    font = _font(size, True)
    pad = size // 3
    w = min(width, int(font.getlength(text)) + 2 * pad)
    return _put(draw, (at[0], at[1], w, 3 * size), text, size, bold=True, fill=colour,
                       colour=ink_on(colour), align="center")


def _frame(slide: Slide, size: tuple[int, int], lang: str) -> tuple[Image.Image, ImageDraw.ImageDraw, int, int]:
    """Canvas with the title band and the sources line; returns (canvas, draw, band bottom, sources top)."""
    w, h = size
    s = sizes(size)
    canvas = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(canvas)
    margin = int(0.03 * h)
    wide = w > h
    title_w = int(w * 0.58) if wide and slide.subtitle else w - 2 * margin
    one_line = any(_font(size_, True).getlength(slide.title) <= title_w for size_ in (s["title"], s["body"]))
    band = int(s["title"] * 1.2) * (1 if one_line else 2) + 2 * margin
    draw.rectangle((0, 0, w, band), fill=NAVY)
    _put(draw, (margin, margin, title_w, band - 2 * margin), slide.title, s["title"], bold=True,
                colour=WHITE, smallest=s["body"])
    if wide and slide.subtitle:
        _put(draw, (title_w + 2 * margin, margin, w - title_w - 3 * margin, band - 2 * margin),
                    slide.subtitle, s["body"], colour=WHITE, smallest=s["sources"])
    sources = f"{i18n.t('ekspor.sumber', lang)}: " + "; ".join(slide.sources) if slide.sources else ""
    foot = h - 2 * int(s["sources"] * 1.2) - margin // 2
    _put(draw, (margin, foot, w - 2 * margin, h - foot), sources, s["sources"], colour=MUTED)
    return canvas, draw, band, foot


def _split_unit(value_text: str) -> tuple[str, str]:
    """'791 anak' -> ('791', 'anak'); '35,4%' -> ('35,4%', ''): a counted unit goes under the number, so the
    number itself can be headline size in a fifth of the image."""
    number, _, unit = value_text.partition(" ")
    return (number, unit) if unit and any(c.isdigit() for c in number) else (value_text, "")


def _tile(draw, f: Figure, box: tuple[int, int, int, int], s: dict[str, int], number: int) -> bool:
    """Heading, number (its counted unit under it), status chip and (where room is left) the period, all inside
    the tile. Returns whether the status chip found room."""
    x, y, w, h = box
    pad = s["label"] // 2
    bottom = y + h - pad
    draw.rectangle((x, y, x + w, y + h), fill=PAPER, outline=f.color, width=max(4, pad // 2))
    y = _put(draw, (x + pad, y + pad, w - 2 * pad, int(s["body"] * 2.4)), f.heading, s["body"], bold=True,
                    smallest=s["label"])
    value, unit = _split_unit(f.value_text)
    if _font(number, True).getlength(f.value_text) <= w - 2 * pad:
        value, unit = f.value_text, ""  # the unit fits beside the number
    y = _put(draw, (x + pad, y, w - 2 * pad, int(number * 1.25)), value, number, bold=True, smallest=s["body"])
    if unit:
        y = _put(draw, (x + pad, y, w - 2 * pad, int(s["body"] * 1.3)), unit, s["body"], bold=True,
                 smallest=s["label"])
    chip_lines = len(_wrap(f.status_text, _font(s["label"], True), w - 2 * pad - s["label"] // 2))
    chip = y + pad // 2 + int(s["label"] * 1.2) * chip_lines + s["label"] // 2 <= bottom
    if chip:
        y = _chip(draw, (x + pad, y + pad // 2), f.status_text, f.color, s["label"], w - 2 * pad)
    if y + pad // 2 + int(s["label"] * 1.2) <= bottom:
        _put(draw, (x + pad, y + pad // 2, w - 2 * pad, bottom - y - pad // 2), f.period, s["label"],
                    colour=MUTED)
    return chip


def _per_row(size: tuple[int, int]) -> int:
    """Headline tiles per row: five on a wide image, three on a square one."""
    return 5 if size[0] > size[1] else 3


def _tiles(draw, heads: tuple[Figure, ...], top: int, bottom: int, size: tuple[int, int]) -> tuple[int, tuple | None]:
    """The headline tiles: one row of five on a wide image, three and two on a square one; returns the bottom and
    the box of the first empty tile place (None when the rows are full).
    The number is as large as the narrowest tile lets every value be, and small enough that every tile keeps
    its status chip (never below body size)."""
    w, h = size
    s = sizes(size)
    per_row = _per_row(size)
    margin, gap = int(0.03 * h), int(0.015 * h)
    rows = -(-len(heads) // per_row)
    tile_w = (w - 2 * margin - gap * (per_row - 1)) // per_row
    tile_h = min((bottom - top - gap * (rows - 1)) // max(rows, 1), int(0.5 * h))
    number = s["headline"]
    while number > s["body"] and any(_font(number, True).getlength(_split_unit(f.value_text)[0])
                                     > tile_w - s["label"] for f in heads):
        number -= 2
    boxes = [(margin + col * (tile_w + gap), top + row * (tile_h + gap), tile_w, tile_h)
             for row, col in (divmod(i, per_row) for i in range(len(heads)))]
    trial = ImageDraw.Draw(Image.new("RGB", (1, 1)))  # layout only: what is drawn there is thrown away
    while number > s["body"] and not all(_tile(trial, f, box, s, number) for f, box in zip(heads, boxes)):
        number -= 2
    for f, box in zip(heads, boxes):
        _tile(draw, f, box, s, number)
    row, col = divmod(len(heads), per_row)
    free = (margin + col * (tile_w + gap), top + row * (tile_h + gap), w - 2 * margin - col * (tile_w + gap),
            tile_h) if col else None
    return top + rows * (tile_h + gap), free


def _label_periods(slide: Slide) -> set[str]:
    """Periods short enough to stand on a bar's label, when the bars do not all share one."""
    periods = {f.period for f in slide.figures if f.period}
    return {p for p in periods if len(p) <= LABEL_PERIOD_MAX} if len(periods) > 1 else set()


def _period_line(slide: Slide, lang: str) -> str:
    """'Periode: Maret 2022' when every bar has one period, else the periods too long for a label, named once."""
    periods = {f.period for f in slide.figures if f.period}
    said = periods - _label_periods(slide)
    return i18n.t("ekspor.periode_grafik", lang, periode="; ".join(sorted(said))) if said else ""


def _bars(draw, slide: Slide, box: tuple[int, int, int, int], s: dict[str, int]) -> int:
    """The kabupaten comparison: one bar per kabupaten in its status colour, the name and period left of it and the
    formatted value at its end, all at label size (≥ 2 % of the height); the target behind the bars at the same
    scale (a shared target as a line, a shared band as a shaded band, each kabupaten's own target as a short mark
    across its bar); returns the bottom."""
    x, y, w, h = box
    shown = slide.ranked
    label = s["label"]
    font, bold = _font(label, False), _font(label, True)
    names = [f"{f.nama} ({f.period})" if f.period in _label_periods(slide) else f.nama for f in shown]
    name_w = min(int(w * 0.6), max(math.ceil(font.getlength(n)) for n in names) + label // 2)
    value_w = max(int(bold.getlength(f.value_text)) for f in shown) + label // 2
    row = max(int(label * 1.15), min(int(label * 2.0), h // max(len(shown), 1)))
    ends = [f.value for f in shown] + [v for f in shown for v in (f.target, f.target_upper) if v is not None]
    top_value = max(ends, default=0) or 1
    span = max(w - name_w - value_w, label)

    def at(value: float) -> int:
        return x + name_w + int(span * max(value, 0) / top_value)

    bottom = y + len(shown) * row
    target, upper = slide.shared_target
    if target is not None and upper is not None:  # the band first: the bars are drawn over it
        draw.rectangle((at(min(target, upper)), y, at(max(target, upper)), bottom), fill=BAND)
    for i, (f, name) in enumerate(zip(shown, names)):
        ry = y + i * row
        while font.getlength(name) > name_w - label // 2 and len(name) > 4:
            name = name[:-2].rstrip() + "…"
        draw.text((x, ry + (row - label) // 2), name, font=font, fill=INK)
        length = max(2, at(f.value) - x - name_w)
        draw.rectangle((x + name_w, ry + row // 8, x + name_w + length, ry + row - row // 8), fill=f.color)
        draw.text((x + name_w + length + label // 4, ry + (row - label) // 2), f.value_text, font=bold, fill=INK)
        if target is None and f.target is not None:  # its own target: a mark across its bar
            draw.line((at(f.target), ry, at(f.target), ry + row), fill=INK, width=max(3, label // 8))
    if target is not None and upper is None:  # one target for all: a line over the bars
        draw.line((at(target), y - label // 4, at(target), bottom), fill=INK, width=max(3, label // 8))
    return bottom


def _numbers(draw, slide: Slide, box: tuple[int, int, int, int], s: dict[str, int]) -> int:
    """One or two kabupaten as big numbers side by side (two bars would look empty), each with a strip in its
    status colour; returns the bottom."""
    x, y, w, h = box
    gap = s["label"]
    each = (w - gap * (len(slide.figures) - 1)) // len(slide.figures)
    strip = s["label"] // 2
    number = s["headline"]  # one size for both, on one line where it can be (≥ body size)
    while number > s["body"] and any(_font(number, True).getlength(f.value_text) > each - 2 * strip
                                     for f in slide.figures):
        number -= 2
    bottoms = []
    for i, f in enumerate(slide.figures):
        left = x + i * (each + gap)
        name = f"{f.nama} ({f.period})" if f.period in _label_periods(slide) else f.nama
        top = _put(draw, (left + 2 * strip, y, each - 2 * strip, int(s["label"] * 2.5)), name, s["label"],
                          bold=True)
        bottom = _put(draw, (left + 2 * strip, top, each - 2 * strip, int(number * 2.5)), f.value_text, number,
                      bold=True)
        draw.rectangle((left, y, left + strip, bottom), fill=f.color)
        bottoms.append(bottom)
    return min(max(bottoms), y + h)


def _status_key(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], keys, size: int) -> int:
    """'■ Tercapai  ■ Tidak tercapai …' under the chart, wrapped: what each bar colour means; returns the
    bottom."""
    x0, y, w, _ = box
    font = _font(size, False)
    x, step = x0, int(size * 1.3)
    for colour, word in keys:
        need = int(size * 1.4) + int(draw.textlength(word, font=font))
        if x > x0 and x + need > x0 + w:
            x, y = x0, y + step
        draw.rectangle((x, y + size // 6, x + size, y + size + size // 6), fill=colour)
        draw.text((x + int(size * 1.4), y), word, font=font, fill=MUTED)
        x += need + size
    return y + step


def _comparison(draw, slide: Slide, box: tuple[int, int, int, int], s: dict[str, int], lang: str) -> None:
    """Title (naming the indicator), the 'bukan …' note and the periods in what room the bars leave, then bars or
    big numbers, the colour key and the kabupaten without data in one line."""
    x, y, w, h = box
    bottom = y + h
    step = int(s["label"] * 1.2)
    # the title names the indicator ('…, bukan kemiskinan ekstrem — per kabupaten'): never cut, smaller instead
    y = _put(draw, (x, y, w, int(s["body"] * 2.5)), slide.comparison_title, s["body"], bold=True,
                    smallest=s["label"])
    missing = slide.missing_line
    few = len(slide.figures) <= NUMBER_LAYOUT_MAX
    chart_h = (int(s["label"] * 2.5) + int(s["headline"] * 1.25) if few
               else len(slide.figures) * int(s["label"] * 1.15))
    # the target line's or marks' key, under the bars (big numbers carry their target in the colour key's words)
    targets = f"▮ {slide.targets_text}" if slide.targets_text and not few else ""
    need = ((chart_h + s["label"] // 2 + int(s["label"] * 1.3) if slide.figures else 0) + (step if missing else 0)
            + (step if targets else 0))
    periods = _period_line(slide, lang)
    room = max(step, bottom - y - need - (step if periods else 0))
    if slide.note:
        y = _put(draw, (x, y, w, min(room, 2 * step)), slide.note, s["label"], colour=MUTED)
    if periods:
        y = _put(draw, (x, y, w, step), periods, s["label"], colour=MUTED)
    if slide.figures:
        chart = (x, y + s["label"] // 2, w, max(chart_h, bottom - y - need + chart_h - s["label"] // 2))
        y = (_numbers if few else _bars)(draw, slide, chart, s)
        keys = slide.status_key
        y = _status_key(draw, (x, y + s["label"] // 3, w, 0), keys, s["label"])
        if targets:
            y = _put(draw, (x, y, w, step), targets, s["label"], colour=MUTED, smallest=s["sources"])
    if missing:
        _put(draw, (x, y, w, max(step, bottom - y)), missing, s["label"], colour=MUTED)


def _isu(draw, slide: Slide, size, top: int, foot: int, lang: str) -> None:
    f, (w, h) = slide.headline, size
    s = sizes(size)
    margin = int(0.03 * h)
    wide = w > h
    left_w = int(w * 0.40) if wide else w - 2 * margin
    # the headline's period is never cut: smaller instead
    y = _put(draw, (margin, top + margin // 2, left_w, int(s["body"] * 1.3)),
             f"{i18n.t('ekspor.provinsi', lang)} · {f.period}", s["body"], colour=MUTED, smallest=s["label"])
    number_w = int(_font(s["headline"], True).getlength(f.value_text)) + s["label"]
    chip_w = int(_font(s["body"], True).getlength(f.status_text)) + s["body"]
    beside = not wide and number_w + chip_w <= left_w  # the square saves a line where both fit
    below = _put(draw, (margin, y, left_w, int(s["headline"] * 1.25)), f.value_text, s["headline"],
                        bold=True, smallest=s["body"])
    if beside:
        _chip(draw, (margin + number_w, y + (below - y - int(s["body"] * 1.7)) // 2), f.status_text, f.color,
              s["body"], left_w - number_w)
        y = below
    else:
        y = _chip(draw, (margin, below), f.status_text, f.color, s["body"], left_w) + margin // 2
    if wide:
        y = _put(draw, (margin, y, left_w, int(s["body"] * 3.6)), slide.action_line, s["body"], fill=PAPER)
        detail = f.details(change=True)
        if detail:
            _put(draw, (margin, y + margin // 2, left_w, foot - y - margin), detail, s["body"], colour=MUTED)
        _comparison(draw, slide, (left_w + 2 * margin, top + margin // 2, w - left_w - 3 * margin,
                                  foot - top - margin), s, lang)
    else:
        y = _put(draw, (margin, y, left_w, int(s["body"] * 1.25)), slide.action_line, s["body"])
        _comparison(draw, slide, (margin, y + margin // 2, left_w, foot - y - margin), s, lang)


def _follow_up(draw, slide: Slide, size: tuple[int, int], top: int, foot: int) -> None:
    """"Tindak lanjut": the counts since the apel in a box, then each note as 'cell' over 'OPD · kind, age'
    at body size, worst first, and the line for the rest (or the one line: nothing to follow up)."""
    s = sizes(size)
    margin = int(0.03 * size[1])
    width = size[0] - 2 * margin
    y = top + margin
    if slide.lines:
        y = _put(draw, (margin, y, width, foot - y), "\n".join(slide.lines), s["body"], fill=PAPER) + margin // 2
    for i, item in enumerate(slide.items):
        text, fill = f"{item.cell}\n{item.opd} · {item.age}", PAPER if i % 2 == 0 else WHITE  # same inset
        _, lines, step, pad = _fit((0, 0, width, foot - y), text, s["body"], False, fill, None)
        height = len(lines) * step + 2 * pad
        if y + height > foot:
            break
        y = _put(draw, (margin, y, width, height), text, s["body"], fill=fill) + margin // 3
    if slide.more and y < foot:
        _put(draw, (margin, y, width, foot - y), slide.more, s["body"], colour=INK if not slide.items else MUTED)


def slide_image(slide: Slide, lang: str, square: bool = False) -> bytes:
    """A PNG of one slide of the deck."""
    size = SQUARE if square else WIDE
    s = sizes(size)
    canvas, draw, top, foot = _frame(slide, size, lang)
    margin = int(0.03 * size[1])
    if slide.kind == "pembuka":
        if len(slide.figures) % _per_row(size):  # the narrative takes the empty tile place (the square's sixth)
            _, free = _tiles(draw, slide.figures, top + margin, foot - margin, size)
            x, y, w, h = free
            _put(draw, (x + margin // 2, y, w - margin // 2, h), "\n".join(slide.lines), s["body"],
                 smallest=s["label"])
        else:  # three lines kept for it under the tiles
            bottom, _ = _tiles(draw, slide.figures, top + margin, foot - 3 * int(s["body"] * 1.2), size)
            _put(draw, (margin, bottom, size[0] - 2 * margin, foot - bottom), "\n".join(slide.lines),
                 s["body"])
    elif slide.kind == "isu":
        _isu(draw, slide, size, top, foot, lang)
    elif slide.kind in (FOLLOW_UP, HOTSPOTS):  # the hotspot rows are drawn as the follow-up rows
        _follow_up(draw, slide, size, top, foot)
    elif slide.kind == ASUH:  # the commitments, then the progress and the simulasi caveat (never left off)
        y = top + margin
        for text, style in ((slide.caveat, {"fill": PAPER}), (slide.progress, {})):
            if text:
                _, lines, step, pad = _fit((0, 0, size[0] - 2 * margin, foot - y), text, s["body"], False,
                                           style.get("fill"), None)
                height = len(lines) * step + 2 * pad
                _put(draw, (margin, foot - height, size[0] - 2 * margin, height), text, s["body"], **style)
                foot -= height + margin // 3
        _put(draw, (margin, y, size[0] - 2 * margin, foot - y),
             "\n".join([*(f"• {x}" for x in slide.lines), slide.more]).strip(), s["body"])
    else:
        y = top + margin
        bullets = "\n".join(f"• {x}" for x in slide.lines)
        if slide.since:  # the summary takes what the small wins leave (at least 40 %)
            _, lines, step, _ = _fit((0, 0, size[0] - 2 * margin, foot - y), bullets, s["body"], False, None, None)
            room = max(int((foot - y) * 0.4), foot - y - len(lines) * step - margin)
            y = _put(draw, (margin, y, size[0] - 2 * margin, room), "\n".join(slide.since), s["body"],
                     fill=PAPER) + margin // 2
        _put(draw, (margin, y, size[0] - 2 * margin, foot - y), bullets, s["body"])
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def headline_image(slide: Slide, lang: str, square: bool = False) -> bytes:
    """A PNG of the Ringkasan headline row: title, the five headline tiles, sources."""
    size = SQUARE if square else WIDE
    canvas, draw, top, foot = _frame(slide, size, lang)
    _tiles(draw, slide.figures, top + int(0.03 * size[1]), foot - int(0.02 * size[1]), size)  # a free place stays white
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()
