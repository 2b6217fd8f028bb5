"""The one-page A4 briefing for the Gubernur (fpdf2, DejaVu Sans embedded): five headline values with
status, target and period, the narrative, the kabupaten × isu grid with periods, the largest changes."""
from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from lib.export.adapter import Figure, figures
from lib.export.fonts import font_path
from lib.export.model import Deck, DeckData, follow_up_line
from lib.export.palette import INK, MUTED, NAVY, PAPER, WHITE, ink_on
from lib.judge import headlines, status
from lib.text import i18n

PAGE_W, MARGIN = 210.0, 10.0
BODY_W = PAGE_W - 2 * MARGIN
LINE = 1.25  # line height in font-size units


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


class Brief(FPDF):
    """An A4 page with the bundled font and helpers that fit text into fixed boxes."""

    def __init__(self) -> None:
        super().__init__(format="A4", unit="mm")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font("DejaVu", "", str(font_path()))
        self.add_font("DejaVu", "B", str(font_path(bold=True)))
        self.set_title("Ringkasan Satgas 4+1 Sulawesi Barat")
        self.add_page()

    def line_h(self) -> float:
        return self.font_size * LINE  # font_size is in user units (mm)

    def lines(self, text: str, width: float) -> int:
        return len(self.multi_cell(width, self.line_h(), text, dry_run=True, output=MethodReturnValue.LINES))

    def _fits(self, text: str, width: float, height: float) -> bool:
        return self.lines(text, width) * self.line_h() <= height

    def _fit_size(self, text: str, width: float, height: float, style: str, largest: float, smallest: float) -> float:
        """The largest size in half points from largest down to smallest at which the text fits (bisection:
        every try is a full line-break dry run)."""
        self.set_font("DejaVu", style, largest)
        if self._fits(text, width, height):  # the common case: one dry run
            return largest
        steps = [largest - 0.5 * i for i in range(int((largest - smallest) / 0.5) + 1)]
        low, high = 0, len(steps) - 1  # steps[high] is the answer when nothing larger fits
        while low < high:
            mid = (low + high) // 2
            self.set_font("DejaVu", style, steps[mid])
            low, high = (low, mid) if self._fits(text, width, height) else (mid + 1, high)
        return steps[low]

    def box(self, x: float, y: float, w: float, h: float, text: str, size: float, *, bold: bool = False,
            colour: str = INK, fill: str | None = None, align: str = "L", smallest: float = 6.0) -> None:
        """Text in a box, at the largest size (≤ size) at which it fits; filled first when fill is given."""
        if fill:
            self.set_fill_color(*_rgb(fill))
            self.rect(x, y, w, h, style="F")
        style = "B" if bold else ""
        size = self._fit_size(text, w - 2, h, style, size, smallest)
        self.set_font("DejaVu", style, size)
        if not self._fits(text, w - 2, h):  # still too long at the smallest size: cut at a word
            words = text.split(" ")
            low, high = 0, len(words) - 1  # longest prefix that fits, by bisection (each try is a dry run)
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if self._fits(" ".join(words[:mid]) + " …", w - 2, h) else (low, mid - 1)
            text = " ".join(words[:max(low, 1)]) + " …"
        self.set_text_color(*_rgb(colour))
        self.set_xy(x + 1, y)
        self.multi_cell(w - 2, self.line_h(), text, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _header(pdf: Brief, deck: Deck, until: str) -> float:
    pdf.box(0, 0, PAGE_W, 22, "", 10, fill=NAVY)
    pdf.box(MARGIN, 4, 140, 14, i18n.t("ekspor.ringkasan_judul", deck.lang), 15, bold=True, colour=WHITE)
    made = i18n.t("ekspor.dibuat", deck.lang, tanggal=deck.date_text, sampai=until)
    pdf.box(MARGIN + 140, 5, BODY_W - 140, 12, made, 8, colour=WHITE, align="R")
    return 26


def _tile(pdf: Brief, f: Figure, x: float, y: float, w: float, lang: str) -> None:
    h = 44
    pdf.set_draw_color(*_rgb(f.color))
    pdf.set_line_width(0.9)
    pdf.set_fill_color(*_rgb(PAPER))
    pdf.rect(x, y, w, h, style="DF")
    pdf.box(x + 1, y + 1.5, w - 2, 5, f.heading, 9, bold=True, smallest=5)  # two lines when it names the count
    pdf.box(x + 1, y + 7, w - 2, 10, f.value_text, 15, bold=True, smallest=8)
    pdf.box(x + 2, y + 18, w - 4, 5, f.status_text, 8, bold=True, fill=f.color, colour=ink_on(f.color), align="C")
    detail = f.details(period=True, measure=True)
    pdf.box(x + 1, y + 24, w - 2, h - 25, detail, 7.5, colour=MUTED, smallest=5.5)


def _headlines(pdf: Brief, deck: Deck, y: float) -> float:
    heads = deck.slides[0].figures
    gap, w = 3, (BODY_W - 3 * (len(heads) - 1)) / max(len(heads), 1)
    for i, f in enumerate(heads):
        _tile(pdf, f, MARGIN + i * (w + gap), y, w, deck.lang)
    return y + 48


def _grid(pdf: Brief, data: DeckData, deck: Deck, kabupaten: tuple[str, ...], y: float) -> float:
    lang = deck.lang
    pdf.box(MARGIN, y, BODY_W, 6, i18n.t("ekspor.grid", lang), 10, bold=True)
    y += 7
    matrix = data.matrix[data.matrix["wilayah"].isin(kabupaten)] if kabupaten else data.matrix
    names = list(dict.fromkeys(matrix["nama"]))
    first, row_h = 30.0, 10.0
    col_w = (BODY_W - first) / max(len(deck.isu), 1)
    for j, isu in enumerate(deck.isu):
        shown = matrix[matrix["isu"] == isu]
        code = shown["indikator"].iloc[0] if len(shown) else headlines.KABUPATEN_INDICATOR.get(isu, "")
        name = shown["nama_indikator"].iloc[0] if len(shown) else ""
        # the isu over its indicator; a column that is not the headline says which one it is instead
        label = (f"{i18n.t(f'isu.{isu}', lang)}\n{name}" if headlines.is_headline(isu, code)
                 else headlines.heading(isu, code, lang))
        pdf.box(MARGIN + first + j * col_w, y, col_w - 1, 10, label, 7, bold=True, smallest=5)
    y += 11
    cells = {(f.nama, f.isu): f for f in figures(matrix, lang)}
    for i, name in enumerate(names):
        top = y + i * (row_h + 1)
        pdf.box(MARGIN, top, first, row_h, name, 8.5, bold=True)
        for j, isu in enumerate(deck.isu):
            f = cells.get((name, isu))
            shown = (f"{f.value_text}\n{f.period}" + "".join(f"\n{note}" for note in (f.scope, f.stale_word) if note)
                     if f and f.has_value else i18n.t("ekspor.tanpa_data", lang))
            colour = f.color if f else status.status_color(None)
            pdf.box(MARGIN + first + j * col_w, top, col_w - 1, row_h, shown, 8, fill=colour,
                    colour=ink_on(colour), align="C", smallest=5.5)
    return y + len(names) * (row_h + 1) + 2


def _legend(pdf: Brief, lang: str, y: float) -> float:
    x, codes = MARGIN, (*status.STATUSES, None, "tanpa", "lama")
    step = BODY_W / len(codes)  # every item on the one line, however many statuses there are
    extra = {"tanpa": (status.NO_TARGET_COLOR, i18n.t("chart.tanpa_target", lang)),
             "lama": (status.muted_color(status.status_color(status.TIDAK_TERCAPAI)), i18n.t("usia.lama", lang))}
    for code in codes:
        colour, label = extra.get(code) or (status.status_color(code), i18n.status_label(code, lang))
        pdf.set_fill_color(*_rgb(colour))
        pdf.rect(x, y + 0.8, 3, 3, style="F")
        pdf.box(x + 3.5, y, step - 3.5, 6, label, 6.5, colour=MUTED, smallest=5)
        x += step
    return y + 8


def brief_pdf(data: DeckData, deck: Deck, kabupaten: tuple[str, ...] = ()) -> bytes:
    """The one-page briefing as PDF bytes."""
    lang = deck.lang
    until = i18n.format_date(data.until, lang) if data.until else i18n.t("ekspor.semua_data", lang)
    pdf = Brief()
    y = _headlines(pdf, deck, _header(pdf, deck, until))
    story = " ".join(deck.narrative)
    pdf.box(MARGIN, y, BODY_W, 22, story, 10, fill=PAPER)
    y = _grid(pdf, data, deck, kabupaten, y + 25)
    y = _legend(pdf, lang, y)
    closing = deck.slides[-1]
    pdf.box(MARGIN, y, BODY_W, 6, i18n.t("ekspor.perubahan", lang), 10, bold=True)
    wins = "\n".join(f"• {line}" for line in closing.lines) or i18n.t("ringkasan.kemenangan_kosong", lang)
    pdf.box(MARGIN, y + 7, BODY_W, 22, wins, 8.5)
    follow = follow_up_line(deck)  # internal decks only (the model has no follow-up slide in public)
    if deck.since:
        pdf.box(MARGIN, y + 31, BODY_W, 6, i18n.t("since.judul", lang), 10, bold=True)
        pdf.box(MARGIN, y + 38, BODY_W, 16 if follow else 20, "\n".join(deck.since), 8.5, fill=PAPER)
    if follow:  # two lines under the since-apel box, above the sources
        pdf.box(MARGIN, y + 55, BODY_W, 8, follow, 8.5, bold=True)
    sources = sorted({s for slide in deck.slides for s in slide.sources})
    other = " ".join(slide.note for slide in deck.slides if slide.note)  # grid columns that are not headlines
    notes = (f"{i18n.t('ekspor.hanya_resmi', lang)} {other + ' ' if other else ''}{i18n.t('ekspor.sumber', lang)}: "
             + "; ".join(sources))
    pdf.box(MARGIN, 297 - MARGIN - 30, BODY_W, 30, notes, 6.5, colour=MUTED, smallest=5)
    return bytes(pdf.output())
