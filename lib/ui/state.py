"""Session state of the frame: the cached connection and queries, language, and global filters bound to
the URL."""
from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib import config
from lib.access import privacy
from lib.data import queries
from lib.db import snapshot_reader
from lib.db.connect import Connection, default_path
from lib.db.errors import DatabaseError
from lib.present.markdown import message
from lib.screens.source import Source
from lib.text import i18n
from lib.ui import responsive, result_store

LOGGER = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class Warming:
    """What a warm-up thread computes for (lib.ui.warm): a snapshot version, public mode, language."""
    version: str
    public: bool
    lang: str


_warming = threading.local()  # .now: the Warming of this thread (a warm-up thread has no session)


@contextlib.contextmanager
def warming(version: str, public: bool, language: str) -> Iterator[None]:
    """Within it, this thread's cached functions compute and store for that snapshot, mode and language,
    as a session of them would, without a session (lib.ui.warm runs the pages' own cached functions so)."""
    _warming.now = Warming(version, public, language)
    try:
        yield
    finally:
        _warming.now = None


class SnapshotGone(Exception):
    """The snapshot a warm-up computes for was let go (superseded): the warm-up stops."""


def _snapshot() -> snapshot_reader.Handle:
    """The snapshot this script run reads: the one pinned when the run began (so one page never mixes two
    versions), else the latest. A database error stops the page with its Indonesian message."""
    warm = getattr(_warming, "now", None)
    if warm is not None:
        found = snapshot_reader.reader(default_path()).get(warm.version)
        if found is None:
            raise SnapshotGone(warm.version)
        return found
    try:
        reader = snapshot_reader.reader(default_path())
        pinned = st.session_state.get("_snapshot")
        return (reader.get(pinned) if pinned else None) or reader.latest()
    except DatabaseError as exc:
        st.error(error_text(exc), icon=":material/error:")
        st.stop()


def pin_snapshot() -> None:
    """At the start of a run: read the latest published snapshot (looked for at most once a second) until
    the run ends. A new upload reaches every process and session on its next run, without a restart."""
    st.session_state.pop("_snapshot", None)
    st.session_state["_snapshot"] = _snapshot().version


def database_version() -> tuple[str, str]:
    """The record and the snapshot being read: caches key on both, so a new snapshot is read afresh."""
    return str(default_path()), _snapshot().version


def cursor() -> Connection:
    """A fresh cursor on this run's read-only snapshot (DuckDB connections are not thread-safe; cursors are
    per use). Every process, internal or public, reads snapshots; writes go through lib.db.writer."""
    return _snapshot().cursor()


_CACHED_FUNCTIONS: dict[str, Callable] = {}
WRAPPERS: dict[str, Callable] = {}  # name -> the cached function a page calls (a warm-up calls it the same way)


_computing = threading.local()  # how deep this thread is inside cached calls (only the outermost localises)


@st.cache_data(show_spinner=False, ttl=600, max_entries=2000)
def _cached_call(name: str, version: tuple[str, str], args: tuple):
    _computing.depth = getattr(_computing, "depth", 0) + 1
    try:
        return _CACHED_FUNCTIONS[name](*args)
    finally:
        _computing.depth -= 1


def public_mode() -> bool:
    """True on a public deployment (MONITOR41_PUBLIC) and on the page being shown in public (Presentasi)."""
    warm = getattr(_warming, "now", None)
    if warm is not None:
        return warm.public
    return config.get_flag("MONITOR41_PUBLIC") or st.session_state.get("_public_page", False)


def error_text(exc: BaseException) -> str:
    """What the screen says for a lib error. A public visitor reads a plain note and never the error's own text
    (it may name a server path, a file or an uploaded value): that goes to the server log. Outside public mode
    the message itself shows, as safe Markdown (lib.present.markdown.message), for the staff who fix it."""
    if public_mode():
        LOGGER.error("Galat untuk pengunjung publik: %s: %s", type(exc).__name__, exc)
        return t("galat.publik")
    return message(exc)


def show_in_public(on: bool = True) -> None:
    """Mark the page being drawn as shown in public (the frame resets it before every page)."""
    st.session_state["_public_page"] = on


def cached_by_database(func: Callable) -> Callable:
    """Cache a function's result per arguments and per database version (10 minutes at most).

    Results pass through lib.access.privacy in public mode, after the cache, so one cache serves both modes, and
    through i18n.localized, so one cache serves both languages. The finished result (masked, localised) is
    kept too, per mode and language (lib.ui.result_store): a warm run neither unpickles nor re-localises.
    """
    name = f"{func.__module__}.{func.__qualname__}"
    _CACHED_FUNCTIONS[name] = func

    def finish(args: tuple):
        result = _cached_call(name, database_version(), args)
        return privacy.public_result(result) if public_mode() else result

    @functools.wraps(func)
    def wrapper(*args):
        if getattr(_computing, "depth", 0):  # inside another cached result: both languages, as before
            return finish(args)
        return finished(name, args, lambda: i18n.localized(finish(args), lang()))
    WRAPPERS[name] = wrapper
    return wrapper


def finished(name: str, args: tuple, compute: Callable):
    """compute()'s result, kept for every session of this process per snapshot, public mode, language and
    arguments; each caller gets a private shallow copy (lib.ui.result_store.detached)."""
    return result_store.STORE.get_or_compute((name, database_version(), public_mode(), lang(), args), compute)


def cached_display(func: Callable) -> Callable:
    """Cache what a function builds for the screen (texts, chart specs, tables) per snapshot, public mode,
    language and arguments. The function must read the database only through cached functions and depend
    on nothing else but its arguments."""
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args):
        return finished(name, args, lambda: func(*args))
    WRAPPERS[name] = wrapper
    return wrapper


def cached(query_name: str, *args) -> pd.DataFrame | list:
    """Run lib.data.queries.<query_name>(cursor, *args), cached per arguments and database version."""
    return _read(f"{queries.__name__}:{query_name}", *args)


@cached_by_database
def _read(func_name: str, *args):
    module, name = func_name.split(":")
    return getattr(importlib.import_module(module), name)(cursor(), *args)


@dataclass(frozen=True)
class CachedSource(Source):
    """The session's Source: every read is cached per arguments and database version (cached_by_database),
    masked and localised for this session's mode and language."""

    def read(self, func: Callable, *args):
        """func(cursor, *args) through the cache (func: a module-level function of the project)."""
        return _read(f"{func.__module__}:{func.__qualname__}", *args)


def source() -> CachedSource:
    """The lib.screens input of this run: cached reads in the session's language and mode."""
    return CachedSource(None, lang(), public_mode())


def lang() -> str:
    """The current UI language."""
    warm = getattr(_warming, "now", None)
    if warm is not None:
        return warm.lang
    return st.session_state.get("app_lang") or i18n.DEFAULT_LANG


def t(key: str, **fmt) -> str:
    """A UI string in the current language."""
    return i18n.t(key, lang(), **fmt)


# What a URL may ask for, read before any query (issue 20: "?kab=" with one code 60.000 times took 34-41 s):
# each parameter's first MAX_PARAM_CHARS characters, its first MAX_LIST_ITEMS comma-separated items, each at most
# MAX_ITEM_CHARS long, duplicates dropped. Longer or further input is ignored, never read.
MAX_PARAM_CHARS = 256
MAX_LIST_ITEMS = 12  # more than the six kabupaten
MAX_ITEM_CHARS = 32


def url_value(params, name: str) -> str:
    """One URL parameter as a short string: the last value given (as Streamlit reads a repeated one), cut to
    MAX_PARAM_CHARS; '' when absent. `params` is st.query_params or any mapping of name -> str or list."""
    value = params.get(name) if hasattr(params, "get") else None
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return value[:MAX_PARAM_CHARS].strip() if isinstance(value, str) else ""


def url_list(params, name: str) -> list[str]:
    """A comma-separated URL parameter as at most MAX_LIST_ITEMS distinct short items, in their order."""
    items = (item.strip() for item in url_value(params, name).split(",")[:MAX_LIST_ITEMS])
    return list(dict.fromkeys(item for item in items if item and len(item) <= MAX_ITEM_CHARS))


def filters_from_url(params, kabupaten: list[str], opd: list[str], years: list[int]) -> dict[str, object]:
    """The session's filter values a URL asks for, bounded (url_value, url_list) and limited to values that exist:
    {"app_lang", "app_kab", "app_opd", "app_tahun"}. Plain data, run before any query that depends on the URL
    (the lists of kabupaten, OPD and years it checks against are the same cached reads for every URL)."""
    lang_asked, opd_asked, year = url_value(params, "lang"), url_value(params, "opd"), url_value(params, "tahun")
    known = set(kabupaten)
    return {"app_lang": lang_asked if lang_asked in i18n.LANGS else "id",
            "app_kab": [code for code in url_list(params, "kab") if code in known],
            "app_opd": opd_asked if opd_asked in opd else None,
            "app_tahun": int(year) if year.isdigit() and len(year) <= 4 and int(year) in years else None}


def _restore_from_url(kabupaten: list[str], opd: list[str], years: list[int]) -> None:
    """On a session's first run, set filter widgets from the URL, ignoring values that do not exist."""
    if st.session_state.get("_filters_restored"):
        return
    st.session_state.update(filters_from_url(st.query_params, kabupaten, opd, years))
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


FILTER_NAMES = ("lang", "kab", "opd", "tahun")


def _filter_widgets(prefix: str, names: dict, opd_names: dict, years: list[int], on_change=None) -> None:
    """The four filters (language, kabupaten, OPD, year), keyed `<prefix>_<name>`."""
    st.segmented_control(t("filter.bahasa"), options=list(i18n.LANGS), key=f"{prefix}_lang",
                         format_func=str.upper, selection_mode="single", on_change=on_change)
    # select_all=False: Streamlit's own "Select all" entry is English only, and "all" is already the empty filter.
    st.multiselect(t("filter.kabupaten"), options=list(names), key=f"{prefix}_kab", format_func=names.get,
                   placeholder=t("filter.semua_kabupaten"), select_all=False, on_change=on_change)
    st.selectbox(t("filter.opd"), options=list(opd_names), key=f"{prefix}_opd", format_func=opd_names.get,
                 index=None, placeholder=t("filter.semua_opd"), on_change=on_change)
    st.selectbox(t("filter.periode"), options=years, key=f"{prefix}_tahun", index=None,
                 placeholder=t("filter.periode_terbaru"), help=t("filter.periode_help"), on_change=on_change)


def _from_bar() -> None:
    """The filter bar changed: it writes through to the sidebar filters, which stay the one truth."""
    for name in FILTER_NAMES:
        st.session_state[f"app_{name}"] = st.session_state.get(f"bar_{name}")


def _filter_bar(names: dict, opd_names: dict, years: list[int]) -> None:
    """The same filters in a popover at the top of the page, for phones where the sidebar starts closed."""
    if not responsive.filter_bar_wanted():  # no flash of it on a desktop's first load
        return
    for name in FILTER_NAMES:
        st.session_state[f"bar_{name}"] = st.session_state.get(f"app_{name}")
    chosen = [", ".join(names[k] for k in st.session_state.get("app_kab") or []) or t("filter.semua_kabupaten"),
              opd_names.get(st.session_state.get("app_opd")) or t("filter.semua_opd"),
              str(st.session_state.get("app_tahun") or t("filter.periode_terbaru"))]
    with st.container(key="m41_filterbar"):
        with st.popover(f"{t('filter.bar')}: {' · '.join(chosen)}", icon=":material/tune:", width="stretch",
                        help=t("filter.bar_help")):
            _filter_widgets("bar", names, opd_names, years, on_change=_from_bar)


def global_filters() -> Filters:
    """Draw the filters (language, kabupaten, OPD, year) in the sidebar and the phone filter bar; return them."""
    pin_snapshot()  # the frame calls this first on every run
    kab = cached("kabupaten")
    opd = cached("opd_list")
    years = cached("data_years")
    _restore_from_url(kab["kode"].tolist(), opd["kode"].tolist(), years)
    names = dict(zip(kab["kode"], kab["nama"]))
    opd_names = dict(zip(opd["kode"], opd["singkatan"]))
    if not st.session_state.get("app_lang"):
        st.session_state["app_lang"] = "id"  # a deselected segmented control falls back to Indonesian
    with st.sidebar:
        _filter_widgets("app", names, opd_names, years)
    _filter_bar(names, opd_names, years)
    _write_url()
    return current_filters()


def current_filters() -> Filters:
    """The filters chosen in the frame, for pages."""
    return Filters(lang=lang(), kabupaten=tuple(st.session_state.get("app_kab") or ()),
                   opd=st.session_state.get("app_opd"), tahun=st.session_state.get("app_tahun"))


def select_kabupaten(code: str) -> None:
    """Narrow the kabupaten filter to one kabupaten (used by map clicks, before the rerun draws widgets)."""
    st.session_state["app_kab"] = [code]


def page_picker(container, label: str, options: dict[str, str], chosen: list[str], key: str, filter_key: str,
                all_label: str | None = None) -> str:
    """A page's own one-of picker that follows the global filter and, when changed, sets it.

    So the sidebar never contradicts the page: picking Majene on the Kabupaten page selects Majene above.
    With all_label, the first choice is "" (nothing chosen, as in the sidebar) and is what an empty filter
    shows; without it an empty filter shows the first option.
    """
    if all_label is not None:
        options = {"": all_label, **options}
    codes = list(options)
    current = chosen[0] if chosen and chosen[0] in options else codes[0]
    st.session_state[key] = current

    def follow() -> None:
        picked = st.session_state[key] or None
        if filter_key == "app_kab":
            st.session_state[filter_key] = [picked] if picked else []
        else:
            st.session_state[filter_key] = picked

    return container.selectbox(label, codes, format_func=options.get, key=key, on_change=follow)
