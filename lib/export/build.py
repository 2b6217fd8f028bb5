"""One call per file the apel needs, from the deck's query results: .pptx, one-page PDF, share PNG."""
from __future__ import annotations

from lib.export import model
from lib.export.model import DeckData


def pptx(data: DeckData, lang: str = "id", kabupaten: tuple[str, ...] = ()) -> bytes:
    """The deck as PowerPoint."""
    from lib.export.pptx_deck import deck_pptx

    return deck_pptx(model.build_deck(data, lang, kabupaten))


def pdf(data: DeckData, lang: str = "id", kabupaten: tuple[str, ...] = ()) -> bytes:
    """The one-page A4 briefing."""
    from lib.export.brief import brief_pdf

    return brief_pdf(model.localized_data(model.public_data(data), lang), model.build_deck(data, lang, kabupaten),
                     kabupaten)


def slide_png(data: DeckData, lang: str, kabupaten: tuple[str, ...], index: int, square: bool = False) -> bytes:
    """A share image of one slide (0 = opening), 1920×1080 or 1080×1080."""
    from lib.export.share import slide_image

    slides = model.build_deck(data, lang, kabupaten).slides
    return slide_image(slides[max(0, min(index, len(slides) - 1))], lang, square=square)
