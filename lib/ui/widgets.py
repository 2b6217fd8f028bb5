"""Shared pieces of the screens: cards, maps with legends, tables, downloads, notes and empty states."""
from __future__ import annotations

import functools
import html
import logging

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from lib import config
from lib.charts import gauges, theme
from lib.db.errors import DatabaseError
from lib.maps import boundaries
from lib.present import downloads
from lib.text import i18n, periods
from lib.ui import screen_tables
from lib.ui.result_store import Shared
from lib.ui.state import error_text, lang, t
from lib.users import accounts
from lib.users.errors import UserError

LOGGER = logging.getLogger("monitor41")
STYLE = """
<style>
.m41-card {border-radius: 10px; padding: 14px 16px 10px; background: #f6f8fa; border-top: 8px solid var(--c);
           min-height: 300px;}
.m41-card h3 {font-size: 1.05rem; margin: 0 0 4px; padding: 0; color: #14212b;}
.m41-card .big {font-size: clamp(1.5rem, 2.1vw, 2.4rem); font-weight: 700; line-height: 1.1; color: #14212b;}
.m41-card .meta {font-size: 0.92rem; color: #33404a; margin-top: 4px;}
.block-container {padding-top: 2.2rem !important;}
@media (min-width: 1600px) {.m41-card {min-height: 250px;}}
.m41-card .m41-basis {font-size: 0.82rem; color: #47535c; margin-top: 6px;}
.m41-chip {display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 0.85rem; font-weight: 600;
           background: var(--c); color: var(--ink); margin-top: 6px;}
.m41-sim {display: inline-block; border: 2px dashed #8a5a00; color: #8a5a00; border-radius: 6px; padding: 0 6px;
          font-size: 0.8rem; font-weight: 700; margin-left: 6px;}
.m41-wins {display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px;}
.m41-win {border: 1px solid #d5dde3; border-left: 6px solid #009E73; border-radius: 8px; padding: 10px 14px;}
.m41-win .where {font-weight: 700; font-size: 1.05rem;}
.m41-win .what {color: #47535c; font-size: 0.9rem;}
.m41-win .move {font-size: 1.35rem; margin-top: 4px;}
.m41-win .delta {color: #00704f; font-weight: 700; font-size: 1rem; margin-left: 6px;}
.m41-win .meta {color: #5b6770; font-size: 0.8rem; margin-top: 4px;}
.m41-legend {display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 0.9rem; margin: 4px 0 8px;}
.m41-legend span.sw {display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 6px;
                     vertical-align: -2px; border: 1px solid #0002;}
.m41-legend span.sw.m41-sw-sim {border: 2px solid #5b6770; border-radius: 50%; background: transparent;}
</style>
"""


def apply_style() -> None:
    """Card, chip and legend styles shared by every page."""
    st.html(STYLE)


def show_error(exc: Exception) -> None:
    """The one place a lib error is shown: its Indonesian message, never a traceback.

    A users-file problem names a server path: visitors get a plain note, the path goes to the server log.
    """
    if isinstance(exc, accounts.UsersFileError):
        LOGGER.error("Berkas pengguna: %s", exc)
        st.error(t("galat.berkas_pengguna"), icon=":material/error:")
        return
    st.error(error_text(exc), icon=":material/error:")


def run_safely(page) -> None:
    """Run a page; a lib error shows its own Indonesian message, anything else a plain note (never a traceback).

    Streamlit's own control flow (st.stop, st.rerun) derives from BaseException and passes through.
    """
    try:
        page.run()
    except (DatabaseError, boundaries.BoundaryError, periods.PeriodError, UserError) as exc:
        show_error(exc)
    except Exception:  # noqa: BLE001 — the last line of defence; the traceback goes to the server log
        LOGGER.exception("Halaman %s gagal", getattr(page, "url_path", "?"))
        st.error(t("galat.tak_terduga"), icon=":material/error:")


# An isu page opens on this indicator once (lib.ui.isu_view reads and forgets it): set by a to-do link.
OPEN_INDICATOR_KEY = "m41_buka_indikator"


def open_indicator(code: str) -> None:
    """Make the next isu page open on indicator code (call from a callback, before switching page)."""
    st.session_state[OPEN_INDICATOR_KEY] = code


def take_open_indicator() -> str | None:
    """The indicator a link asked the isu page to open on, once; None when none was asked."""
    return st.session_state.pop(OPEN_INDICATOR_KEY, None)


def escape(text: str) -> str:
    """Text safe inside st.html (stored names may hold '<' or '&')."""
    return html.escape(str(text))


def empty_state(message: str) -> None:
    """A friendly note where a filter leaves nothing to show."""
    st.info(message, icon=":material/info:")


def simulasi_warning(frame: pd.DataFrame, column: str = "jenis") -> None:
    """A visible warning when any shown value is simulated."""
    if not frame.empty and column in frame and (frame[column] == "simulasi").any():
        st.warning(t("jenis.simulasi"), icon=":material/science:")


def download_buttons(shown: pd.DataFrame, name: str, notes: list[str], key: str,
                     export: pd.DataFrame | None = None) -> None:
    """CSV and Excel downloads of exactly the table shown (numbers as numbers), with the notes."""
    frame = shown if export is None else export
    left, right = st.columns(2)
    # The files are made when clicked (a callable is a deferred download), not on every run: the Excel
    # workbook alone cost 20-25 ms per run of an isu page. No rerun on click (on_click="ignore"): a rerun
    # replaces the button's deferred file while the browser is still asking for it, and the download is lost.
    left.download_button(t("unduh.csv"), functools.partial(downloads.to_csv_bytes, frame), f"{name}.csv", "text/csv",
                         key=f"{key}_csv", icon=":material/download:", width="stretch", on_click="ignore")
    right.download_button(t("unduh.excel"), functools.partial(downloads.to_excel_bytes, frame, name, notes),
                          f"{name}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:", width="stretch", on_click="ignore")


def prepared_chart(chart, lang_code: str) -> Shared:
    """An Altair chart as the spec st.vega_lite_chart takes, its datasets already Arrow (Streamlit passes
    bytes through), so a chart made once in a cached_display function costs a run no conversion. Rendered
    without Altair's schema validation, like show_chart."""
    spec = theme.localize(chart, lang_code).to_dict(validate=False)
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows) if _is_table(rows) else rows
                        for name, rows in spec.get("datasets", {}).items()}
    return Shared(spec if spec["datasets"] else {k: v for k, v in spec.items() if k != "datasets"})


def _is_table(rows: object) -> bool:
    """A dataset of rows (not GeoJSON, which Vega-Lite reads itself)."""
    return isinstance(rows, list) and not (rows and isinstance(rows[0], dict) and "geometry" in rows[0])


def show_prepared(chart: Shared, stretch: bool = True) -> None:
    """Render a prepared_chart."""
    st.vega_lite_chart(chart.value, theme=None, width="stretch" if stretch else "content")


def show_chart(chart, stretch: bool = True) -> None:
    """Render an Altair chart with the project theme and the current language's number/date locale.

    The spec is rendered without Altair's schema validation, which costs most of a page's run time; the
    builders' specs are validated by their tests (tests/lib/test_charts.py calls to_dict()).
    """
    spec = theme.localize(chart, lang()).to_dict(validate=False)
    st.vega_lite_chart(spec, theme=None, width="stretch" if stretch else "content")


# Streamlit wraps a cell's text only in rows taller than 4rem: long targets, changes and action texts wrap
# onto a second and third line instead of being cut.
WRAPPED_ROW_HEIGHT = 66
MISSING_CELL = i18n.MISSING  # an empty cell shows the dash, never Streamlit's English "None"
HEADER_HEIGHT = 38


def text_widths(widths: dict[str, int]) -> dict:
    """column_config of text columns at fixed pixel widths (the key columns kept in view at 1280 px)."""
    return {name: st.column_config.TextColumn(width=width) for name, width in widths.items()}


def full_height(rows: int, row_height: int = WRAPPED_ROW_HEIGHT) -> int:
    """A table's height with every row in view (no inner scrolling to find the one red row)."""
    return HEADER_HEIGHT + rows * row_height + 3


def status_chips(shown: pd.DataFrame, fills: list[str], column: str | None = None):
    """shown as a pandas Styler whose status column is drawn as chips: each cell in its status colour
    (lib.present.status_text.status_fill), its words in the ink readable on it; shown as is without fills."""
    column = column or t("col.status")
    if not fills or column not in shown or len(fills) != len(shown):
        return shown
    css = [f"background-color: {f}; color: {gauges.ink_on(f)}; font-weight: 600" for f in fills]
    return shown.style.apply(lambda _: css, subset=[column])


def scorecard_dataframe(shown: pd.DataFrame, fills: list[str] | None = None) -> None:
    """The scorecard table (lib.ui.screen_tables.wilayah_report), worst first, every row in view, status as
    coloured chips, long text wrapped, with a sparkline column."""
    # Fixed widths keep indicator, value, status, period and target in view at 1280 px; the rest follows.
    st.dataframe(status_chips(shown, fills or []), hide_index=True, width="stretch", placeholder=MISSING_CELL,
                 row_height=WRAPPED_ROW_HEIGHT, height=full_height(len(shown)), column_config={
                     t("col.indikator"): st.column_config.TextColumn(width=190),
                     t("col.nilai"): st.column_config.TextColumn(width=85),
                     t("col.status"): st.column_config.TextColumn(width=140),
                     t("col.periode"): st.column_config.TextColumn(width=100),
                     t("col.target"): st.column_config.TextColumn(width=185),
                     t("col.tren"): st.column_config.LineChartColumn(t("col.tren"), width=70),
                     t("col.perubahan"): st.column_config.TextColumn(width=140)})


def attributions() -> None:
    """Licence and attribution lines: wilayah codes (ODbL) and the installed boundaries."""
    st.markdown(f"- {t('tentang.atribusi_wilayah')}")
    boundary = boundaries.boundary_attribution(config.get_path("MONITOR41_GEO_DIR"))
    st.markdown(f"- {boundary}" if boundary else f"- {t('tentang.batas_belum')}")
    st.markdown(f"- {t('tentang.atribusi_angka')}")


def indicator_definitions() -> None:
    """Every indicator's definition, unit, direction, periodicity and source, one expander per isu."""
    for index, (title, paragraphs) in enumerate(screen_tables.definition_blocks()):
        with st.expander(title, expanded=index == 0):
            for paragraph in paragraphs:
                st.markdown(paragraph)


class FormMessages:
    """What a form's write says to the run after it (a write ends with st.rerun, which drops what its own run
    drew): {form key: ("ok" | "error", text)} in session state under `store`, shown once where the form is."""

    def __init__(self, store: str):
        self.store = store

    def say(self, form: str, kind: str, text: str) -> None:
        st.session_state.setdefault(self.store, {})[form] = (kind, text)

    def waiting(self, form: str) -> bool:
        """True while a message of form waits to be shown."""
        return form in st.session_state.get(self.store, {})

    def show(self, form: str) -> None:
        kind, text = st.session_state.get(self.store, {}).pop(form, (None, None))
        if kind == "ok":
            st.success(text, icon=":material/check_circle:")
        elif kind == "error":
            st.error(text, icon=":material/error:")
