"""Status on screen: isu cards (lib.screens.cards), the status counts (lib.screens.kabupaten) and the rule
tables of Tentang (lib.screens.tentang), drawn."""
from __future__ import annotations

import streamlit as st

from lib.screens import tentang
from lib.screens.cards import Card
from lib.screens.kabupaten import Counts
from lib.ui.state import cached_display, lang, source, t


def draw_card(shown: Card) -> None:
    """Draw an isu card: one piece of HTML (number, status, target, gauge and source arrive together)."""
    st.html(shown.html)


def draw_cards(cards: list[Card] | tuple[Card, ...], strip: str | None = None) -> None:
    """A row of isu cards (none: nothing), after the phone's five-line strip when given
    (lib.screens.cards.strip_html; hidden on wider screens by lib.ui.responsive)."""
    if strip:
        st.html(strip)
    for column, shown in zip(st.columns(len(cards)) if cards else (), cards):
        with column:
            draw_card(shown)


def status_summary(counts: Counts) -> None:
    """How many current official values sit in each status, no target and lama, as metrics, and the caption."""
    with st.container(key="m41_counts"):  # three to a row on a phone (lib.ui.responsive), not six screens of boxes
        for column, (label, value) in zip(st.columns(len(counts.metrics)), counts.metrics):
            column.metric(label, value, border=True)
    st.caption(counts.caption)


def decision_table() -> None:
    """The status decision table (lib.judge.targets), as Markdown so its sentences wrap on any screen."""
    st.markdown(tentang.decision_markdown(lang()))


def freshness_rule_table() -> None:
    """The data-age rule per periodicity."""
    st.dataframe(tentang.freshness_rule_table(lang()), hide_index=True, width="stretch")


def achievement_example() -> None:
    """The achievement formula worked through one real province headline (nothing when none has a baseline)."""
    text = _achievement_text()
    if text is not None:
        st.markdown(text)


@cached_display
def _achievement_text() -> str | None:
    return tentang.achievement_example(source())


def forecast_method() -> None:
    """How the forecast is made and its limits."""
    st.subheader(t("tentang.prakiraan"))
    st.markdown(tentang.forecast_method(lang()))
