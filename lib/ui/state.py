"""Session state of the frame: the cached connection and queries, language, and global filters bound to
the URL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from lib import db, geo, i18n, queries

# Widget key -> URL query parameter, for the filters the frame owns.
URL_PARAMS = {"app_lang": "lang", "app_kab": "kab", "app_opd": "opd", "app_tahun": "tahun"}


@dataclass(frozen=True)
class Filters:
    lang: str
    kabupaten: tuple[str, ...]
    opd: str | None
    tahun: int | None

    @property
    def until(self) -> date | None:
        """Last day of the chosen year: values after it are not shown."""
        return date(self.tahun, 12, 31) if self.tahun else None


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(path, read_only=True)


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the one cached read-only connection of this process (DuckDB is not thread-safe)."""
    try:
        return _connection(str(db.default_path())).cursor()
    except db.DatabaseError as exc:
        st.error(str(exc))
        st.stop()


@st.cache_data(show_spinner=False, ttl=600)
def cached(query_name: str, *args) -> pd.DataFrame | list:
    """Run lib.queries.<query_name>(cursor, *args) once per arguments (10 minutes)."""
    return getattr(queries, query_name)(cursor(), *args)


@st.cache_resource(show_spinner=False)
def map_layer(level: str, geo_dir: str):
    """Boundaries of a level (or the schematic tile map), read and simplified once per process."""
    return geo.map_layer(level, geo_dir)


def lang() -> str:
    """The current UI language."""
    return st.session_state.get("app_lang", i18n.DEFAULT_LANG)


def t(key: str, **fmt) -> str:
    """A UI string in the current language."""
    return i18n.t(key, lang(), **fmt)


def _restore_from_url(kabupaten: list[str], opd: list[str], years: list[int]) -> None:
    """On a session's first run, set filter widgets from the URL, ignoring values that do not exist."""
    if st.session_state.get("_filters_restored"):
        return
    params = st.query_params
    st.session_state["app_lang"] = params.get("lang") if params.get("lang") in i18n.LANGS else "id"
    wanted = [code for code in params.get("kab", "").split(",") if code in kabupaten]
    st.session_state["app_kab"] = wanted
    st.session_state["app_opd"] = params.get("opd") if params.get("opd") in opd else None
    year = params.get("tahun", "")
    st.session_state["app_tahun"] = int(year) if year.isdigit() and int(year) in years else None
    st.session_state["_filters_restored"] = True


def _write_url() -> None:
    """Mirror the filters into the URL so the view can be shared and survives page switches and reloads."""
    values = {
        "lang": st.session_state.get("app_lang") or "id",
        "kab": ",".join(st.session_state.get("app_kab") or []),
        "opd": st.session_state.get("app_opd") or "",
        "tahun": str(st.session_state.get("app_tahun") or ""),
    }
    for param, value in values.items():
        if value and not (param == "lang" and value == "id"):
            st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def global_filters() -> Filters:
    """Draw the sidebar filters (language, kabupaten, OPD, year) and return them."""
    kab = cached("kabupaten")
    opd = cached("opd_list")
    years = cached("data_years")
    _restore_from_url(kab["kode"].tolist(), opd["kode"].tolist(), years)
    names = dict(zip(kab["kode"], kab["nama"]))
    opd_names = dict(zip(opd["kode"], opd["singkatan"]))
    with st.sidebar:
        st.segmented_control(t("filter.bahasa"), options=list(i18n.LANGS), key="app_lang",
                             format_func=str.upper, selection_mode="single")
        st.multiselect(t("filter.kabupaten"), options=list(names), key="app_kab", format_func=names.get,
                       placeholder=t("filter.semua_kabupaten"))
        st.selectbox(t("filter.opd"), options=list(opd_names), key="app_opd", format_func=opd_names.get,
                     index=None, placeholder=t("filter.semua_opd"))
        st.selectbox(t("filter.periode"), options=years, key="app_tahun", index=None,
                     placeholder=t("filter.periode_terbaru"), help=t("filter.periode_help"))
    if not st.session_state.get("app_lang"):
        st.session_state["app_lang"] = "id"  # a deselected segmented control falls back to Indonesian
    _write_url()
    return current_filters()


def current_filters() -> Filters:
    """The filters chosen in the frame, for pages."""
    return Filters(lang=lang(), kabupaten=tuple(st.session_state.get("app_kab") or ()),
                   opd=st.session_state.get("app_opd"), tahun=st.session_state.get("app_tahun"))


def select_kabupaten(code: str) -> None:
    """Narrow the kabupaten filter to one kabupaten (used by map clicks, before the rerun draws widgets)."""
    st.session_state["app_kab"] = [code]
