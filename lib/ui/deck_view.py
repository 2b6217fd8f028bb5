"""The apel deck on screen: its data from the screens' caches, and the downloads (PowerPoint, PDF, images)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.data import notes, wilayah
from lib.export import asuh, build, model, share, since
from lib.judge import scorecard, since_apel
from lib.ui import auth, catatan_data
from lib.ui.data import headlines, kabupaten_matrix, small_wins, substitutes
from lib.ui.state import cached, cached_by_database, cursor, database_version, lang, public_mode, source, t

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def deck_data(until: date | None) -> model.DeckData:
    """The deck's query results: the same cached frames Ringkasan shows (public-filtered where public), with
    the owner OPDs of red cells and the since-apel comparison, as the command-line deck has them; for a
    signed-in user on an internal instance, the cell notes to follow up (follow_up)."""
    comparison = since_comparison(until)
    return model.DeckData(headlines(None, until), kabupaten_matrix(until), small_wins(until),
                          cached("latest_actions", until), cached("isu_overview"), until, red_owners(until),
                          comparison, substitutes(until), follow_up(comparison), hotspots(until), asuh_data())


def internal_deck() -> bool:
    """Whether this session's deck carries the follow-up slide: an internal instance (MONITOR41_PUBLIC off)
    and a signed-in user — on Presentasi too, which is public for its figures. The slide names cell, OPD, kind
    and age, never a note's text; an anonymous visitor and a public instance never get it."""
    return catatan_data.internal_instance() and auth.current_user() is not None


def follow_up(comparison: since_apel.Comparison | None) -> model.FollowUp | None:
    """The unanswered questions and overdue commitments, named, and the counts since the apel of comparison
    (None: not an internal deck; an empty list before the first note)."""
    if not internal_deck():
        return None
    items = catatan_data.read_for_deck(notes.follow_up)
    if items is None:  # no note written yet: nothing to follow up
        return model.FollowUp(pd.DataFrame(columns=model.FOLLOW_UP_COLUMNS))
    moment = comparison.moment if comparison is not None else None
    counts = catatan_data.read_for_deck(notes.counts_since, moment) if moment is not None else None
    codes = sorted(set(items["wilayah"]))
    names = source().read(wilayah.names_of, codes) if codes else {}
    return model.FollowUp(model.follow_up_names(items, cached("indicators"), names, cached("opd_list")), counts)


@cached_by_database
def hotspots(until: date | None) -> model.Hotspots:
    """The konvergensi hotspot list for the deck's slide (lib.export.model.load_hotspots)."""
    return model.load_hotspots(cursor(), until)


@cached_by_database
def red_owners(until: date | None) -> dict[tuple[str, str], model.Owners]:
    """(isu, wilayah) of each off-track kabupaten cell -> its owner OPDs (lib.export.model.red_cell_owners)."""
    return model.red_cell_owners(cursor(), scorecard.kabupaten_matrix(cursor(), until))


@cached_by_database
def asuh_data() -> asuh.AsuhData | None:
    """The orang tua asuh slide's sums, in their public form (lib.export.asuh: the deck is public)."""
    return asuh.load(cursor())


@cached_by_database
def since_comparison(until: date | None) -> since_apel.Comparison | None:
    """The comparison with the latest apel on or before the filter date (None without one)."""
    return since.load(cursor(), until)


def cached_deck(until: date | None, kabupaten: tuple[str, ...] = ()) -> model.Deck:
    """The deck model in the current language, built once per data, mode, language, filters and day.

    Building it (figures and narrative of seven slides) cost ~0,5–1 s of CPU, on every run of Ringkasan and
    Presentasi; a Deck is immutable, so one copy serves every session reading the same snapshot.
    """
    internal = internal_deck()  # the follow-up slide, and the notes file it is read from
    key = (database_version(), public_mode(), lang(), until, tuple(kabupaten), date.today(), internal,
           catatan_data.hall_version() if internal else None)
    built = _DECKS.get(key)
    if built is None:
        built = model.build_deck(deck_data(until), lang(), tuple(kabupaten))
        while len(_DECKS) >= _MAX_DECKS:  # oldest first (dicts keep insertion order)
            _DECKS.pop(next(iter(_DECKS)), None)
        _DECKS[key] = built
    return built


_DECKS: dict[tuple, model.Deck] = {}
_MAX_DECKS = 64


def _stamp(until: date | None) -> str:
    return (until or date.today()).isoformat()


# Every download here is deferred (built when clicked) and does not rerun the page (on_click="ignore"): a rerun
# would replace the button's deferred file while the browser is still asking for it, and the click would be lost.


def pptx_button(until: date | None, kabupaten: tuple[str, ...], key: str) -> None:
    """'Unduh PowerPoint': the deck is built only when clicked (deferred), from data already on screen."""
    data, language = deck_data(until), lang()
    st.download_button(t("ekspor.unduh_pptx"), lambda: build.pptx(data, language, kabupaten),
                       file_name=f"apel-satgas41-{_stamp(until)}.pptx", mime=PPTX_MIME, key=key,
                       icon=":material/slideshow:", on_click="ignore")


def brief_button(until: date | None, kabupaten: tuple[str, ...], key: str) -> None:
    """The one-page PDF briefing for the Gubernur, built when clicked."""
    data, language = deck_data(until), lang()
    st.download_button(t("ekspor.unduh_pdf"), lambda: build.pdf(data, language, kabupaten),
                       file_name=f"ringkasan-satgas41-{_stamp(until)}.pdf", mime="application/pdf", key=key,
                       icon=":material/picture_as_pdf:", on_click="ignore")


def slide_image_buttons(slide: model.Slide, key: str) -> None:
    """PNG of one slide, wide and square, built when clicked."""
    language = lang()
    for square, label in ((False, "ekspor.gambar_lebar"), (True, "ekspor.gambar_persegi")):
        st.download_button(t(label), lambda sq=square: share.slide_image(slide, language, square=sq),
                           file_name=f"slide-{slide.key}-{'1080x1080' if square else '1920x1080'}.png",
                           mime="image/png", key=f"{key}_{'persegi' if square else 'lebar'}",
                           icon=":material/image:", on_click="ignore")


def headline_image_buttons(until: date | None, key: str) -> None:
    """PNG of the Ringkasan headline row, wide and square, built when clicked."""
    opening, language = cached_deck(until).slides[0], lang()
    for square, label in ((False, "ekspor.gambar_lebar"), (True, "ekspor.gambar_persegi")):
        st.download_button(t(label), lambda sq=square: share.headline_image(opening, language, square=sq),
                           file_name=f"ringkasan-{'1080x1080' if square else '1920x1080'}.png",
                           mime="image/png", key=f"{key}_{'persegi' if square else 'lebar'}",
                           icon=":material/image:", on_click="ignore")


def narrative(until: date | None) -> None:
    """The deck's narrative sentences (the same as on the opening slide and in the PDF)."""
    st.subheader(t("ekspor.narasi"))
    st.markdown("\n".join(f"- {line}" for line in cached_deck(until).narrative))
