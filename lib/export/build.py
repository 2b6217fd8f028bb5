"""One call per file the apel needs, from the deck's query results: .pptx, one-page PDF, share PNG."""
from __future__ import annotations

from lib.export import model
from lib.export.model import DeckData


def pptx(data: DeckData, lang: str = "id", kabupaten: tuple[str, ...] = (),
         isu: tuple[str, ...] | None = None) -> bytes:
    """The deck as PowerPoint (`isu`: only those isu, model.build_deck)."""
    from lib.export.pptx_deck import deck_pptx

    return deck_pptx(model.build_deck(data, lang, kabupaten, isu=isu))


def pdf(data: DeckData, lang: str = "id", kabupaten: tuple[str, ...] = (),
        isu: tuple[str, ...] | None = None) -> bytes:
    """The one-page A4 briefing (`isu`: only those isu's tiles and columns, model.build_deck)."""
    from lib.export.brief import brief_pdf

    return brief_pdf(model.localized_data(model.public_data(data), lang),
                     model.build_deck(data, lang, kabupaten, isu=isu), kabupaten)
