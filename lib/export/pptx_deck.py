"""The deck as a 16:9 PowerPoint file: native, editable text boxes; charts and maps as server-side images."""
from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from lib.export import images, text_fit
from lib.export.model import Deck, Slide
from lib.export.palette import INK, MUTED, NAVY, PAPER, WHITE, ink_on
from lib.text import i18n

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
FONT = "Arial"  # Liberation Sans on Linux, metric-compatible: the size estimate holds in Office and Impress
MARGIN_IN = 0.05  # inner margin of every text box, each side
MIN_PT = 10


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def text_box(slide, box: tuple[float, float, float, float], text: str, size: float, *, bold: bool = False,
             colour: str = INK, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, fill: str | None = None,
             smallest: float = MIN_PT):
    """A word-wrapped text box whose size is the largest (≤ size) that fits; cut with '…' if even the smallest
    does not."""
    left, top, width, height = box
    inner_w, inner_h = width - 2 * MARGIN_IN, height - 2 * MARGIN_IN
    pt = text_fit.fit_size(text, inner_w, inner_h, size, smallest)
    text = text_fit.shorten(text, inner_w, inner_h, pt)
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(MARGIN_IN)
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(pt), bold, FONT
        run.font.color.rgb = _rgb(colour)
    return shape


def _chip(slide, box, text: str, colour: str, size: float = 14) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *(Inches(v) for v in box))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    text_box(slide, box, text, size, bold=True, colour=ink_on(colour), align=PP_ALIGN.CENTER,
             anchor=MSO_ANCHOR.MIDDLE)


def _picture(slide, png: bytes, box: tuple[float, float, float, float]) -> None:
    """The image scaled to fit the box, centred in it, aspect kept."""
    left, top, width, height = box
    w_px, h_px = Image.open(io.BytesIO(png)).size
    scale = min(width / w_px, height / h_px)
    w, h = w_px * scale, h_px * scale
    slide.shapes.add_picture(io.BytesIO(png), Inches(left + (width - w) / 2), Inches(top + (height - h) / 2),
                             Inches(w), Inches(h))


def _frame(prs, s: Slide, number: int, total: int, lang: str):
    """A blank slide with the title band, and the sources footer with the page number."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(1.05))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(NAVY)
    band.line.fill.background()
    text_box(slide, (0.4, 0.1, 8.6, 0.85), s.title, 32, bold=True, colour=WHITE, anchor=MSO_ANCHOR.MIDDLE)
    text_box(slide, (9.1, 0.1, 3.85, 0.85), s.subtitle, 16, colour=WHITE, align=PP_ALIGN.RIGHT,
             anchor=MSO_ANCHOR.MIDDLE)
    footer = f"{i18n.t('ekspor.sumber', lang)}: " + "; ".join(s.sources) if s.sources else ""
    text_box(slide, (0.4, 6.78, 11.9, 0.62), footer, 11, colour=MUTED, smallest=8, anchor=MSO_ANCHOR.BOTTOM)
    text_box(slide, (12.35, 6.95, 0.6, 0.45), i18n.t("ekspor.halaman", lang, n=number, total=total), 11,
             colour=MUTED, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM)
    return slide


def _opening(slide, s: Slide, lang: str) -> None:
    width, gap = 2.38, 0.15
    for i, f in enumerate(s.figures):
        left = 0.4 + i * (width + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(1.3), Inches(width), Inches(3.35))
        tile.fill.solid()
        tile.fill.fore_color.rgb = _rgb(PAPER)
        tile.line.color.rgb = _rgb(f.color)
        tile.line.width = Pt(3)
        text_box(slide, (left + 0.1, 1.38, width - 0.2, 0.45), f.heading, 18, bold=True)
        text_box(slide, (left + 0.1, 1.85, width - 0.2, 0.85), f.value_text, 32, bold=True,
                 anchor=MSO_ANCHOR.MIDDLE, smallest=16)
        _chip(slide, (left + 0.1, 2.75, width - 0.2, 0.42), f.status_text, f.color, 14)
        detail = f.details(period=True, measure=True)
        text_box(slide, (left + 0.1, 3.25, width - 0.2, 1.35), detail, 14, colour=MUTED)
    text_box(slide, (0.4, 4.85, 12.5, 1.85), "\n".join(s.lines), 16, smallest=11)


def _isu(slide, s: Slide, lang: str) -> None:
    f = s.headline
    text_box(slide, (0.4, 1.2, 4.3, 0.45), f"{i18n.t('ekspor.provinsi', lang)} · {f.period}", 16, colour=MUTED)
    text_box(slide, (0.4, 1.65, 4.3, 0.95), f.value_text, 44, bold=True, anchor=MSO_ANCHOR.MIDDLE, smallest=20)
    _chip(slide, (0.4, 2.68, 2.6, 0.45), f.status_text, f.color, 16)
    detail = f.details(change=True)
    text_box(slide, (0.4, 3.2, 4.3, 0.95), detail, 15, colour=INK)
    opd = f"{i18n.t('ekspor.opd', lang)}: {s.opd or i18n.MISSING}"
    text_box(slide, (0.4, 4.2, 4.3, 0.75), opd, 15, bold=True)
    a = s.action
    action = (f"{i18n.t('ekspor.tindakan', lang)} ({a.period}, {a.place}{', ' + a.opd if a.opd else ''}):\n{a.title}"
              if a else f"{i18n.t('ekspor.tindakan', lang)}: {i18n.t('ekspor.tanpa_tindakan', lang)}")
    text_box(slide, (0.4, 5.0, 4.3, 1.7), action, 15, fill=PAPER)
    text_box(slide, (4.95, 1.2, 8.0, 0.45), s.comparison_title, 16, bold=True)
    if not s.figures:
        text_box(slide, (4.95, 1.8, 8.0, 0.6), i18n.t("ekspor.tanpa_kabupaten", lang), 18, colour=MUTED)
        return
    top = 1.7
    if s.comparison_lines:  # why another indicator than the headline, and the owners of red cells
        text_box(slide, (4.95, 1.65, 8.0, 0.75), s.comparison_lines, 13, colour=INK, smallest=10)
        top = 2.45
    bottom = (6.2 if s.target_legend else 6.7) - 0.4
    _picture(slide, comparison_png(s, lang), (4.95, top, 5.7, bottom - top))
    _picture(slide, images.map_png(s.figures), (10.75, top, 2.2, bottom - top))
    _status_key(slide, (4.95, bottom, 8.0, 0.4), s, lang)
    if s.target_legend:
        mark = "┆ " if s.shared_target[0] is not None else ""  # the chart draws the target line only then
        text_box(slide, (4.95, 6.22, 8.0, 0.55), f"{mark}{s.target_legend}", 12, colour=MUTED, smallest=9)


def _status_key(slide, box: tuple[float, float, float, float], s: Slide, lang: str) -> None:
    """'■ Tercapai  ■ Tidak tercapai …': what each bar and map colour means, so no colour goes without words
    (grey on the map: a kabupaten without an official value)."""
    keys = images.status_key(s.figures, lang)
    left, top, width, height = box
    words = "    ".join(f"■ {word}" for _, word in keys)
    pt = text_fit.fit_size(words, width - 2 * MARGIN_IN, height - 2 * MARGIN_IN, 13, 9)
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(MARGIN_IN)
    paragraph = frame.paragraphs[0]
    for colour, word in keys:
        for text, fill in (("■ ", colour), (f"{word}    ", MUTED)):
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.name, run.font.bold = Pt(pt), FONT, fill != MUTED
            run.font.color.rgb = _rgb(fill)


def comparison_png(s: Slide, lang: str) -> bytes:
    """The isu slide's kabupaten ranking, with the target when all kabupaten share one."""
    target, upper = s.shared_target
    return images.ranking_png(s.figures, s.unit, s.arah, lang, target=target, target_upper=upper)


def _closing(slide, s: Slide, lang: str) -> None:
    top = 1.3
    if s.since:
        text_box(slide, (0.4, 1.25, 12.5, 1.75), "\n".join(s.since), 16, smallest=10, fill=PAPER)
        top = 3.1
    text_box(slide, (0.4, top, 12.5, 5.6 - top), "\n".join(f"• {line}" for line in s.lines) or
             i18n.t("ringkasan.kemenangan_kosong", lang), 20, smallest=12)
    text_box(slide, (0.4, 5.7, 12.5, 0.9), i18n.t("presentasi.terima_kasih", lang), 36, bold=True,
             align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)


def deck_pptx(deck: Deck) -> bytes:
    """The deck as .pptx bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    draw = {"pembuka": _opening, "isu": _isu, "penutup": _closing}
    for number, s in enumerate(deck.slides, start=1):
        draw[s.kind](_frame(prs, s, number, len(deck.slides), deck.lang), s, deck.lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
