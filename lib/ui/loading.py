"""The first paint of a cold process. A fresh server imports the app's modules (pandas, Altair, geopandas,
DuckDB: 1–2 s, longer on a busy machine) before it can draw anything, and until now the first visitor faced
a blank white window for that long. This module imports only Streamlit, so app.py can put grey boxes of the
page's shape on screen at once, then import the screen modules, then clear the boxes for the page.

The grey-box style (WAIT_STYLE) is also the one a page's own placeholders use (lib.ui.briefing)."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import streamlit as st

WAIT_STYLE = """
.m41-wait {background: linear-gradient(90deg, #eef1f4, #f6f8fa, #eef1f4); border-radius: 10px;}
.m41-wait-since {height: 124px;}
.m41-wait-row {display: flex; gap: 1rem;}
.m41-wait-card {flex: 1 1 0; height: 520px;}
.m41-wait-title {height: 44px; width: min(32rem, 70%); margin: 0.4rem 0 0.9rem;}
.m41-wait-line {height: 16px; width: min(48rem, 90%); margin-bottom: 1.4rem;}
@media (max-width: 640px) {
  .m41-wait-since {height: 190px;}
  .m41-wait-row {flex-direction: column;}
  .m41-wait-card {flex: none; height: 240px;}
}
"""

# A title, its caption line, the since-apel box and five cards: the shape of Ringkasan (the landing page) and,
# roughly, of an isu page's first screen.
FIRST_PAINT = ("<style>" + WAIT_STYLE + "</style>"
               '<div role="status" aria-busy="true" aria-label="Memuat / Loading">'
               '<div class="m41-wait m41-wait-title"></div><div class="m41-wait m41-wait-line"></div>'
               '<div class="m41-wait m41-wait-since"></div><div style="height: 1rem"></div>'
               '<div class="m41-wait-row">' + '<div class="m41-wait m41-wait-card"></div>' * 5 + "</div></div>")

# The sidebar's filters (language, kabupaten, OPD, period), so the frame does not jump when they come.
SIDEBAR_PAINT = ('<div aria-hidden="true">' + '<div class="m41-wait" style="height: 40px; margin: 2.6rem 0 1.9rem"></div>'
                 + '<div class="m41-wait" style="height: 40px; margin-bottom: 1.9rem"></div>' * 3 + "</div>")

# Loaded last by app.py's imports: while it is missing, this process has not drawn a page yet.
APP_MODULE = "lib.ui.state"


def cold() -> bool:
    """Whether this process has not imported the app yet (its first run)."""
    return APP_MODULE not in sys.modules


def first_paint() -> tuple:
    """Grey boxes in the page's and the filters' place, drawn now. Returns their two st.empty slots: clear the
    sidebar's before the filters are drawn, the page's before the page runs."""
    page, filters = st.empty(), st.sidebar.empty()
    page.html(FIRST_PAINT)
    filters.html(SIDEBAR_PAINT)
    return page, filters


def import_screens() -> None:
    """Import every module of lib.ui (the screens and what they use), so the page run that follows draws at
    once. By name: this module must not import the app at its own import time."""
    package = sys.modules[__name__.rpartition(".")[0]]
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
