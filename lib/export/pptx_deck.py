"""The deck as a 16:9 PowerPoint file for the back of the hall: native, editable text boxes and native bar
charts (python-pptx chart objects, each bar filled with its status colour, the shared target drawn as a band
behind the plot), no pictures.

Sizes (issue 19): body text at least BODY_PT (24 pt, 4,5 % of the 7,5 in slide height), headline numbers at
least HEADLINE_PT (10 %); only the sources footer, the page number and the chart's key and target caption may
go down to SMALL_PT (14 pt); their shapes are named (SMALL_SHAPES) so a test can tell them apart. Whatever does
not fit at those sizes (the narrative, every target's basis, owner OPDs) goes into the slide's speaker notes.
"""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Inches, Pt

from lib.export import text_fit
from lib.export.adapter import Figure
from lib.export.asuh import KIND as ASUH
from lib.export.model import FOLLOW_UP, HOTSPOTS, LABEL_PERIOD_MAX, Deck, Slide, short_target
from lib.export.palette import BAND, INK, MUTED, NAVY, PAPER, WHITE, ink_on
from lib.text import i18n

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
FONT = "Arial"  # Liberation Sans on Linux, metric-compatible: the size estimate holds in Office and Impress
MARGIN_IN = 0.05  # inner margin of every text box, each side
BODY_PT = 24  # 4,5 % of the slide height: the smallest body text read from the back of the hall
HEADLINE_PT = 60  # the isu's headline number
HEADLINE_MIN_PT = 54  # 10 % of the 7,5 in slide height
TILE_PT = 54  # the opening slide's five numbers and a number layout's values
SMALL_PT = 14  # sources, page number, the chart's key and target caption, chart labels
SOURCES, PAGE, KEY, CAPTION, NOTE = "Sumber", "Halaman", "Kunci status", "Keterangan target", "Catatan indikator"
SMALL_SHAPES = (SOURCES, PAGE, KEY, CAPTION, NOTE)
HEADLINE = "Angka utama"  # the isu's province number
BAR_IN = 0.5  # the least height of one bar's row, so every kabupaten keeps its label
NUMBER_LAYOUT_MAX = 2  # this many kabupaten or fewer: big numbers side by side, not a chart of two bars
LEFT_X, LEFT_W = 0.4, 4.7  # the headline column
RIGHT_X, RIGHT_W = 5.35, 7.6  # the kabupaten comparison
BAND_H = 1.05  # the title band
BODY_TOP, BODY_BOTTOM = 1.2, 6.8  # the body, above the sources footer
FOOTER_TOP = 6.88
SIMULATED, SIMULATED_FILL = "#8A5A00", "#FFF4DC"  # the simulasi mark's amber (as on the screens), on a pale fill


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def text_box(slide, box: tuple[float, float, float, float], text: str, size: float, *, bold: bool = False,
             colour: str = INK, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, fill: str | None = None,
             smallest: float = BODY_PT, name: str | None = None):
    """A word-wrapped text box whose size is the largest (≤ size, ≥ smallest) that fits; cut with '…' if even
    the smallest does not."""
    left, top, width, height = box
    inner_w, inner_h = width - 2 * MARGIN_IN, height - 2 * MARGIN_IN
    pt = text_fit.fit_size(text, inner_w, inner_h, size, min(smallest, size))
    text = text_fit.shorten(text, inner_w, inner_h, pt)
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if name:
        shape.name = name
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


def needed(text: str, width: float, size: float) -> float:
    """The height a text box `width` wide needs for the text at `size` (margins included)."""
    return text_fit.text_height_in(text, width - 2 * MARGIN_IN, size) + 2 * MARGIN_IN + 0.02


def _flow(slide, x: float, y: float, width: float, text: str, size: float = BODY_PT, gap: float = 0.08,
          **kw) -> float:
    """A text box as tall as its text needs, at y; returns the y below it."""
    if not text:
        return y
    height = needed(text, width, size)
    text_box(slide, (x, y, width, height), text, size, **kw)
    return y + height + gap


def _rect(slide, box, fill: str, shape=MSO_SHAPE.RECTANGLE):
    left, top, width, height = box
    s = slide.shapes.add_shape(shape, Inches(left), Inches(top), Inches(width), Inches(height))
    s.fill.solid()
    s.fill.fore_color.rgb = _rgb(fill)
    s.line.fill.background()
    s.shadow.inherit = False  # flat: no theme shadow beside a band, chip or tile (PowerPoint) …
    style = s._element.find(qn("p:style"))
    if style is not None:  # … nor from the theme's effect style (LibreOffice reads that one)
        s._element.remove(style)
    return s


def _chip(slide, box, text: str, colour: str, size: float = BODY_PT) -> None:
    _rect(slide, box, colour, MSO_SHAPE.ROUNDED_RECTANGLE)
    text_box(slide, box, text, size, bold=True, colour=ink_on(colour), align=PP_ALIGN.CENTER,
             anchor=MSO_ANCHOR.MIDDLE)


def _chip_height(text: str, width: float) -> float:
    """The chip's height: its text at body size, with a little air."""
    return needed(text, width, BODY_PT) + 0.06


def _notes(slide, lines) -> None:
    """What the slide cannot show at hall size, for the speaker: full targets, narrative, owners."""
    text = "\n".join(x for x in lines if x)
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _frame(prs, s: Slide, number: int, total: int, lang: str):
    """A blank slide with the title band, and the sources footer with the page number."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _rect(slide, (0, 0, WIDTH_IN, BAND_H), NAVY)
    # the title takes what it needs at 40 pt (up to 9 in); the subtitle the rest, on two lines where it must
    title_w = min(9.0, len(s.title) * 40 * text_fit.CHAR_EM / text_fit.POINTS_PER_INCH + 0.3)
    sub_need = len(s.subtitle) * BODY_PT * text_fit.CHAR_EM / text_fit.POINTS_PER_INCH + 0.3
    sub_w = max(3.0, min(sub_need, WIDTH_IN - 0.8 - title_w - 0.2))
    title_w = WIDTH_IN - 0.8 - sub_w - 0.2
    text_box(slide, (0.4, 0.02, title_w, BAND_H - 0.04), s.title, 40, bold=True, colour=WHITE,
             anchor=MSO_ANCHOR.MIDDLE, smallest=26)
    text_box(slide, (WIDTH_IN - 0.4 - sub_w, 0.02, sub_w, BAND_H - 0.04), s.subtitle, BODY_PT, colour=WHITE,
             align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    footer = f"{i18n.t('ekspor.sumber', lang)}: " + "; ".join(s.sources) if s.sources else ""
    text_box(slide, (0.4, FOOTER_TOP, 11.8, HEIGHT_IN - FOOTER_TOP - 0.03), footer, 16, colour=MUTED, smallest=SMALL_PT, anchor=MSO_ANCHOR.BOTTOM,
             name=SOURCES)
    text_box(slide, (12.25, 6.95, 0.7, 0.5), i18n.t("ekspor.halaman", lang, n=number, total=total), 16,
             colour=MUTED, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM, smallest=SMALL_PT, name=PAGE)
    return slide


def _short_period(f: Figure, width: float, height: float, lang: str) -> str:
    """The period's label, or its month and year where the label does not fit ('Minggu III Agustus 2023' ->
    'Agustus 2023'); the sources footer names the full period."""
    if f.tanggal is None or text_fit.fits(f.period, width - 2 * MARGIN_IN, height - 2 * MARGIN_IN, BODY_PT):
        return f.period
    return f"{i18n.month_name(f.tanggal.month, lang)} {f.tanggal.year}"


def _opening(slide, s: Slide, lang: str) -> None:
    """Five rows, one per isu: name, number, status, period — one message: where each isu stands. Targets,
    measures and the narrative are in the speaker notes (and on each isu's slide)."""
    top, row = BODY_TOP, (BODY_BOTTOM - BODY_TOP) / max(len(s.figures), 1)
    for i, f in enumerate(s.figures):
        y = top + i * row
        _rect(slide, (0.4, y + 0.08, 0.14, row - 0.16), f.color)
        text_box(slide, (0.65, y, 4.65, row), f.heading, BODY_PT, bold=True, anchor=MSO_ANCHOR.MIDDLE)
        text_box(slide, (5.3, y, 2.3, row), f.value_text, TILE_PT, bold=True, anchor=MSO_ANCHOR.MIDDLE,
                 smallest=28)
        chip = " · ".join(w for w in (f.status_word, f.stale_word) if w)
        height = _chip_height(chip, 3.1)
        _chip(slide, (7.6, y + (row - height) / 2, 3.1, height), chip, f.color)
        text_box(slide, (10.75, y, 2.2, row), _short_period(f, 2.2, row, lang), BODY_PT, colour=MUTED,
                 anchor=MSO_ANCHOR.MIDDLE)
    _notes(slide, [*s.lines, "", *(f"{f.heading}: {f.value_text} — {f.status_text}\n"
                                   f"{f.details(period=True, measure=True)}" for f in s.figures)])


def _isu(slide, s: Slide, lang: str) -> None:
    f = s.headline
    y = BODY_TOP
    # the number on one line at 48–60 pt, or on two at 48 pt ('791 children')
    inner = LEFT_W - 2 * MARGIN_IN
    one_line = text_fit.fits(f.value_text, inner, 1.0, HEADLINE_MIN_PT)
    height = 1.1 if one_line else needed(f.value_text, LEFT_W, HEADLINE_MIN_PT)
    text_box(slide, (LEFT_X, y, LEFT_W, height), f.value_text, HEADLINE_PT, bold=True, anchor=MSO_ANCHOR.MIDDLE,
             smallest=HEADLINE_MIN_PT, name=HEADLINE)
    y = _flow(slide, LEFT_X, y + height + 0.02, LEFT_W, f"{i18n.t('ekspor.provinsi', lang)} · {f.period}", colour=MUTED)
    height = _chip_height(f.status_text, LEFT_W)
    _chip(slide, (LEFT_X, y, LEFT_W, height), f.status_text, f.color)
    y += height + 0.12
    a = s.action  # who acts and the latest action, in one strip across the slide; the full text in the notes
    strip = s.action_line
    strip_h = min(needed(strip, 12.55, BODY_PT), 0.95)
    bottom = BODY_BOTTOM - strip_h - 0.08
    text_box(slide, (0.4, bottom + 0.08, 12.55, strip_h), strip, BODY_PT, fill=PAPER, anchor=MSO_ANCHOR.MIDDLE)
    detail = "\n".join(x for x in (short_target(f), f.change_text) if x)
    text_box(slide, (LEFT_X, y, LEFT_W, bottom - y), detail, BODY_PT)
    _comparison(slide, s, lang, bottom)
    action = (f"{i18n.t('ekspor.tindakan', lang)} ({a.period}, {a.place}{', ' + a.opd if a.opd else ''}): {a.title}"
              if a else "")
    _notes(slide, [f"{s.subtitle}: {f.value_text} ({f.period}) — {f.status_text}", f.details(change=True),
                   f"{i18n.t('ekspor.opd', lang)}: {s.opd or i18n.MISSING}", action, s.comparison_title,
                   s.comparison_lines, s.target_legend, s.missing_line])


def _comparison(slide, s: Slide, lang: str, body_bottom: float) -> None:
    """The right column: title (it says 'bukan …' where the indicator is not the headline's), the note why,
    then a native chart (or big numbers for one or two), the kabupaten without data in one line, the colour
    key and the target caption."""
    y = _flow(slide, RIGHT_X, BODY_TOP, RIGHT_W, s.comparison_title, bold=True, gap=0)
    note = 16 if text_fit.lines_needed(s.comparison_lines, RIGHT_W - 2 * MARGIN_IN, 16) <= 3 else SMALL_PT
    y = _flow(slide, RIGHT_X, y, RIGHT_W, s.comparison_lines, note, colour=INK, smallest=SMALL_PT, name=NOTE)
    if not s.figures:
        _flow(slide, RIGHT_X, y, RIGHT_W, i18n.t("ekspor.tanpa_kabupaten", lang), colour=MUTED)
        return
    missing = needed(s.missing_line, RIGHT_W, BODY_PT) if s.missing else 0
    least = BAR_IN * len(s.figures) if len(s.figures) > NUMBER_LAYOUT_MAX else 1.6  # room the comparison needs
    caption = _caption(s)
    if caption and body_bottom - missing - 0.45 - needed(caption, RIGHT_W, 16) - y < least:
        caption = _caption(s, references=False)  # stated figures stay in the notes; the targets stay here
    bottom = body_bottom - missing - 0.45 - (needed(caption, RIGHT_W, 16) if caption else 0)
    if len(s.figures) <= NUMBER_LAYOUT_MAX:
        _numbers(slide, s, (RIGHT_X, y, RIGHT_W, bottom - y))
    else:
        _bar_chart(slide, s, (RIGHT_X, y, RIGHT_W, bottom - y), lang)
    y = _flow(slide, RIGHT_X, bottom, RIGHT_W, s.missing_line, colour=MUTED, gap=0)
    _status_key(slide, (RIGHT_X, y, RIGHT_W, 0.45), s, lang)
    _flow(slide, RIGHT_X, y + 0.45, RIGHT_W, caption, 16, colour=MUTED, smallest=SMALL_PT, name=CAPTION)


def _caption(s: Slide, references: bool = True) -> str:
    """The targets under the comparison ('▮ …' where the chart marks them) and stated figures that are no target;
    the basis of each is in the notes."""
    return s.chart_caption(marked=len(s.figures) > NUMBER_LAYOUT_MAX, references=references)


def _numbers(slide, s: Slide, box) -> None:
    """One or two kabupaten as big numbers side by side (two bars would look empty): the status colour, name,
    period and value; the key below says what the colour means."""
    left, top, width, height = box
    gap = 0.25
    w = (width - gap * (len(s.figures) - 1)) / len(s.figures)
    for i, f in enumerate(s.figures):
        x = left + i * (w + gap)
        _rect(slide, (x, top, w, height), PAPER)
        _rect(slide, (x, top, 0.14, height), f.color)
        y = _flow(slide, x + 0.25, top + 0.04, w - 0.3, f.nama, bold=True, gap=0)
        y = _flow(slide, x + 0.25, y, w - 0.3, f.period, colour=MUTED, gap=0)
        text_box(slide, (x + 0.25, y, w - 0.3, max(top + height - y, 0.6)), f.value_text, TILE_PT, bold=True,
                 anchor=MSO_ANCHOR.MIDDLE, smallest=BODY_PT)


def _bar_chart(slide, s: Slide, box, lang: str) -> None:
    """A native clustered bar chart: one bar per kabupaten in its status colour, its value as the label (in
    the deck's number format), the shared target as a shaded band (or a thin one for a single target) behind
    the plot area, drawn at the same scale (fixed axis bounds and a manual inner plot layout)."""
    left, top, width, height = box
    shown = s.ranked
    labels = [f"{f.nama} ({f.period})" if len(f.period) <= LABEL_PERIOD_MAX else f.nama for f in shown]
    target, upper = s.shared_target
    ends = [f.value for f in shown] + [v for f in shown for v in (f.target, f.target_upper) if v is not None]
    low, high = min(0.0, *ends), max(*ends, 1e-9) * 1.15
    plot_x, plot_w = 0.47, 0.43  # the plot area's share of the chart frame: labels on the left, values right
    if target is not None:  # the band first, so the chart's bars are drawn over it
        a = target if upper is None else min(target, upper)
        b = target if upper is None else max(target, upper)
        x0 = left + width * (plot_x + plot_w * (a - low) / (high - low))
        x1 = left + width * (plot_x + plot_w * (b - low) / (high - low))
        _rect(slide, (x0 - (0.03 if upper is None else 0), top, max(x1 - x0, 0.06), height),
              INK if upper is None else BAND).name = "Pita target"
    data = CategoryChartData()
    data.categories = labels
    data.add_series(s.unit or "nilai", [f.value for f in shown])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(left), Inches(top), Inches(width),
                                   Inches(height), data)
    frame.name = "Grafik per kabupaten"
    chart = frame.chart
    chart.has_legend = chart.has_title = False
    chart.font.size, chart.font.name = Pt(18), FONT
    plot = chart.plots[0]
    plot.gap_width, plot.vary_by_categories = 45, False
    categories = chart.category_axis
    categories.reverse_order = True  # best first from the top
    categories.tick_labels.font.size = Pt(18)
    _every_label(categories._element)
    categories.format.line.fill.background()
    categories.has_major_gridlines = False
    value = chart.value_axis
    value.minimum_scale, value.maximum_scale = low, high
    value.visible, value.has_major_gridlines = False, False
    for point, f in zip(plot.series[0].points, shown):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(f.color)
        point.format.line.color.rgb = _rgb(MUTED)  # a pale status colour still shows its bar on white
        point.format.line.width = Pt(0.75)
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = f.value_text
        label.text_frame.word_wrap = False  # "14,02%" on one line (LibreOffice wraps custom labels otherwise)
        run = label.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold, run.font.name = Pt(20), True, FONT
        run.font.color.rgb = _rgb(INK)
    _transparent_with_plot_at(chart, plot_x, plot_w)
    if target is None:  # each kabupaten judged by its own target: a short mark across its bar, over the chart
        row = height * 0.96 / len(shown)
        for i, f in enumerate(shown):
            if f.target is None:
                continue
            x = left + width * (plot_x + plot_w * (f.target - low) / (high - low))
            _rect(slide, (x - 0.03, top + height * 0.02 + i * row + row * 0.1, 0.06, row * 0.8), INK).name = \
                "Tanda target"


def _transparent_with_plot_at(chart, x: float, w: float) -> None:
    """No fill on the chart and plot area (the band behind shows through) and the inner plot area at x..x+w of
    the frame's width, so the band drawn behind stands at the axis' scale."""
    space = chart._chartSpace
    plot_area = space.find(qn("c:chart")).find(qn("c:plotArea"))
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = OxmlElement("c:layout")
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = _child(layout, "c:manualLayout")
    for tag, val in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"), ("x", x), ("y", 0.02),
                     ("w", w), ("h", 0.96)):
        _child(manual, f"c:{tag}").set("val", str(val))
    for parent in (space, plot_area):
        old = parent.find(qn("c:spPr"))
        if old is not None:
            parent.remove(old)
        sp = OxmlElement("c:spPr")
        _child(sp, "a:noFill")
        _child(_child(sp, "a:ln"), "a:noFill")
        if parent is space:  # chartSpace: spPr comes after c:chart
            parent.find(qn("c:chart")).addnext(sp)
        else:  # plotArea: spPr after the axes, before extLst
            ext = parent.find(qn("c:extLst"))
            ext.addprevious(sp) if ext is not None else parent.append(sp)


def _every_label(axis) -> None:
    """c:tickLblSkip 1 in its schema place: every kabupaten named, none skipped when labels are long."""
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    later = [axis.find(qn(t)) for t in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")]
    later = [e for e in later if e is not None]
    later[0].addprevious(skip) if later else axis.append(skip)


def _child(parent, tag: str):
    element = OxmlElement(tag)
    parent.append(element)
    return element


def _status_key(slide, box: tuple[float, float, float, float], s: Slide, lang: str) -> None:
    """'■ Tercapai  ■ Tidak tercapai …': what each bar colour means, so no colour goes without words."""
    keys = s.status_key
    left, top, width, height = box
    words = "    ".join(f"■ {word}" for _, word in keys)
    pt = text_fit.fit_size(words, width - 2 * MARGIN_IN, height - 2 * MARGIN_IN, 18, SMALL_PT)
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.name = KEY
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


def _closing(slide, s: Slide, lang: str) -> None:
    """The since-apel summary and the small wins at hall size (the band says thank you); what does not fit is
    in the notes."""
    top = BODY_TOP + 0.05
    wins = "\n".join(f"• {line}" for line in s.lines) or i18n.t("ringkasan.kemenangan_kosong", lang)
    room = needed(wins, 12.55, BODY_PT)
    if s.since:
        height = min(BODY_BOTTOM - top - 0.15 - min(room, 1.8), needed("\n".join(s.since), 12.55, BODY_PT))
        text_box(slide, (0.4, top, 12.55, height), "\n".join(s.since), BODY_PT, fill=PAPER)
        top += height + 0.15
    text_box(slide, (0.4, top, 12.55, BODY_BOTTOM - top), wins, 28)
    _notes(slide, [*s.since, *s.lines])


FOLLOW_CELL_W, FOLLOW_OPD_W = 6.9, 2.0  # the follow-up rows: cell, OPD, then kind and age (the rest)


def _item_rows(slide, s: Slide, top: float, cell_w: float, opd_w: float, bold_kind: str) -> None:
    """One row per item at body size (cell, OPD in bold, then its age or flag, bold for `bold_kind`), every other
    row shaded, then the line for the rest (or the one line saying there is nothing)."""
    row_h = needed("A\nA", cell_w, BODY_PT)  # two lines at body size
    last_x = 0.4 + cell_w + 0.15 + opd_w + 0.15
    for i, item in enumerate(s.items):
        y = top + i * (row_h + 0.08)
        if i % 2 == 0:
            _rect(slide, (0.3, y - 0.02, 12.75, row_h + 0.04), PAPER)
        text_box(slide, (0.4, y, cell_w, row_h), item.cell, BODY_PT, anchor=MSO_ANCHOR.MIDDLE)
        text_box(slide, (0.4 + cell_w + 0.15, y, opd_w, row_h), item.opd, BODY_PT, bold=True,
                 anchor=MSO_ANCHOR.MIDDLE)
        text_box(slide, (last_x, y, 12.95 - last_x, row_h), item.age, BODY_PT, bold=item.kind == bold_kind,
                 anchor=MSO_ANCHOR.MIDDLE)
    if s.more:
        _flow(slide, 0.4, top + len(s.items) * (row_h + 0.08) + 0.05, 12.55, s.more,
              colour=INK if not s.items else MUTED)


def _follow_up(slide, s: Slide, lang: str) -> None:
    """"Tindak lanjut": the counts since the apel in a box, then one row per note (cell, OPD, kind and age) at
    body size, worst first, and the line for the rest (or the one line saying there is nothing to follow up).
    The speaker notes repeat the rows; never a note's text (the model does not carry it)."""
    top = BODY_TOP + 0.05
    if s.lines:
        top = _flow(slide, 0.4, top, 12.55, "\n".join(s.lines), fill=PAPER, gap=0.15)
    _item_rows(slide, s, top, FOLLOW_CELL_W, FOLLOW_OPD_W, "komitmen")
    _notes(slide, [*s.lines, *(f"{x.cell} — {x.opd}: {x.age}" for x in s.items), s.more])


HOT_CELL_W, HOT_OPD_W = 6.2, 3.8  # the hotspot rows: kecamatan and its isu, OPDs to call, then the action flag


def _hotspots(slide, s: Slide, lang: str) -> None:
    """"Titik rawan konvergensi": the rule and the simulasi caveat in a box, then one row per hotspot
    (kecamatan, isu and "k dari m"; the OPDs to call; "tanpa aksi" in bold), no action first, and the line for
    the rest. The speaker notes name every listed hotspot's OPDs per isu."""
    top = _flow(slide, 0.4, BODY_TOP + 0.05, 12.55, "\n".join(s.lines), fill=PAPER, gap=0.15)
    _item_rows(slide, s, top, HOT_CELL_W, HOT_OPD_W, "tanpa_aksi")
    _notes(slide, [*s.lines, *(f"{x.cell} — {x.opd}: {x.age}" for x in s.items), s.more, *s.speaker])


def _asuh(slide, s: Slide, lang: str) -> None:
    """"Orang tua asuh": one row per commitment against the official sponsorships running, at body size, then
    the line for the rest, the children's progress and the simulasi caveat (a dashed-amber box). The speaker
    notes repeat every line."""
    top = BODY_TOP + 0.05
    for i, line in enumerate(s.lines):
        height = min(needed(line, 12.55, BODY_PT), 1.0)
        if i % 2 == 0:
            _rect(slide, (0.3, top - 0.02, 12.75, height + 0.04), PAPER)
        text_box(slide, (0.4, top, 12.55, height), line, BODY_PT, anchor=MSO_ANCHOR.MIDDLE)
        top += height + 0.08
    top = _flow(slide, 0.4, top, 12.55, s.more, colour=MUTED)
    top = _flow(slide, 0.4, top + 0.05, 12.55, s.progress, bold=True)
    if s.caveat:
        height = min(needed(s.caveat, 12.55, BODY_PT), max(BODY_BOTTOM - top, 0.5))
        text_box(slide, (0.4, top + 0.05, 12.55, height), s.caveat, BODY_PT, colour=SIMULATED, fill=SIMULATED_FILL)
    _notes(slide, [*s.lines, s.more, s.progress, s.caveat])


def deck_pptx(deck: Deck) -> bytes:
    """The deck as .pptx bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    draw = {"pembuka": _opening, "isu": _isu, HOTSPOTS: _hotspots, ASUH: _asuh, FOLLOW_UP: _follow_up,
            "penutup": _closing}
    for number, s in enumerate(deck.slides, start=1):
        draw[s.kind](_frame(prs, s, number, len(deck.slides), deck.lang), s, deck.lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
