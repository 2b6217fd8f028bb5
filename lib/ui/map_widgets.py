"""Maps on the screens: boundary layers (or the tile map), drawing with click-to-filter (Vega-Lite, or pydeck
over a basemap), legends, attribution and the status map."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib import config
from lib.judge import headlines, status
from lib.maps import boundaries, pydeck_map, vega
from lib.maps import picture as maps
from lib.present import status_text
from lib.present.markdown import plain
from lib.text import i18n
from lib.ui.cache_keys import FRAME_HASH
from lib.ui.state import error_text, lang, select_kabupaten, t


def _show_error(exc: Exception) -> None:
    st.error(error_text(exc), icon=":material/error:")  # a public visitor: a plain note, no file or path


def _swatch(colour: str | None) -> str:
    if colour is None:  # simulated data: a hollow circle, as the hollow points of the charts
        return '<span class="sw m41-sw-sim"></span>'
    return f'<span class="sw" style="background:{colour}"></span>'


def legend(items: list[tuple[str, str | None]], title: str | None = None) -> None:
    """A map legend drawn as HTML beside the map (so it wraps and reads like the page); the title names the
    scale. A colour of None draws the simulated-data mark (a hollow circle)."""
    swatches = "".join(f'<span>{_swatch(c)}{html.escape(label)}</span>' for label, c in items)
    heading = f'<b class="m41-legend-title">{html.escape(title)}</b>' if title else ""
    st.html(f'<div class="m41-legend">{heading}{swatches}</div>', width="content")


def status_items() -> list[tuple[str, str]]:
    """Legend of the statuses, 'no official target', 'no data', and the muted look of a lama value."""
    lama = f"{t('usia.lama')} ({i18n.status_label(status.TERCAPAI, lang()).lower()}, …)"
    return ([(i18n.status_label(c, lang()), status.status_color(c)) for c in status.STATUSES]
            + [(t("chart.tanpa_target"), status.NO_TARGET_COLOR), (i18n.status_label(None, lang()),
                                                                   status.status_color(None)),
               (lama, status.muted_color(status.status_color(status.TERCAPAI)))])


def status_legend() -> None:
    """The status legend on its own (under the kabupaten × isu matrix)."""
    legend(status_items(), t("peta.skala_status"))


def map_layer(level: str):
    """Boundaries of a level from the configured folder (or the tile map), cached per process.

    A broken boundary file is reported once on the page and the kabupaten map falls back to the tile map.
    """
    try:
        return _map_layer(level, str(config.get_path("MONITOR41_GEO_DIR")))
    except boundaries.BoundaryError as exc:
        _show_error(exc)
        return (boundaries.tile_map(), True) if level == "kabupaten" else None


@st.cache_resource(show_spinner=False)
def _map_layer(level: str, geo_dir: str):
    return boundaries.map_layer(level, geo_dir)


def map_note(schematic: bool) -> None:
    """Attribution under a real map, or the schematic-map note with how to install boundaries."""
    if schematic:
        st.caption(t("peta.skematis"))
    else:
        attribution = boundaries.boundary_attribution(config.get_path("MONITOR41_GEO_DIR"), lang())
        if attribution:
            st.caption(attribution)


def render(picture: maps.MapPicture, height: int, width: int = maps.MIN_MAP_WIDTH):
    """The picture drawn for the screen: a Vega-Lite spec, or a pydeck deck when a basemap is configured."""
    url = basemap()
    return pydeck_map.chart(picture, url, height, width) if url else vega.spec(picture, height, width)


def show_map(drawn, key: str, height: int = 480, legend_items: list[tuple[str, str | None]] = (),
             legend_title: str | None = None) -> None:
    """Show a map from render() with its legend beside it (below it on a phone, see lib.ui.responsive); a click
    on a kabupaten narrows the kabupaten filter to it."""
    on_deck = not isinstance(drawn, dict)

    def on_click() -> None:
        event = st.session_state.get(key)
        code = pydeck_map.selected_kode(event) if on_deck else vega.selected_kode(event)
        if code and len(code) == 5:
            select_kabupaten(code)
    with st.container(horizontal=True, wrap=False, gap="small", key=f"m41_peta_{key}"):
        if on_deck:
            st.pydeck_chart(drawn, on_select=on_click, selection_mode="single-object", key=key, height=height)
        else:
            st.vega_lite_chart(drawn, theme=None, width="stretch", on_select=on_click,
                               selection_mode=vega.SELECTION, key=key)
        if legend_items:
            legend(list(legend_items), legend_title)


def basemap() -> str | None:
    """The optional basemap style URL (online deployments only)."""
    return config.get("MONITOR41_BASEMAP") or None


def status_map(frame: pd.DataFrame, key: str, height: int = 460) -> None:
    """Province map of kabupaten coloured by status, with tooltips, legend and attribution or schematic note."""
    shapes, schematic = map_layer("kabupaten")
    chosen = tuple(st.session_state.get("app_kab") or ())
    show_map(_status_map(frame, lang(), chosen, height, basemap(), str(config.get_path("MONITOR41_GEO_DIR")),
                         _shapes=shapes), key=key, height=height, legend_items=status_items(),
             legend_title=t("peta.skala_status"))
    if not frame.empty:  # like with like: the map says which indicator it colours, not only the isu
        first = frame.iloc[0]
        st.caption(plain(f"{headlines.heading(first['isu'], first['indikator'], lang())}: "
                         f"{first['nama_indikator']}" if "isu" in frame else str(first["nama_indikator"])))
    map_note(schematic)


# A map is built once per frame, language, choice, basemap and boundary folder and shared (read-only) by every
# session: joining, labelling and drawing it cost ~0,1–0,2 s of CPU on every run of Ringkasan.
@st.cache_resource(show_spinner=False, max_entries=200, hash_funcs=FRAME_HASH)
def _status_map(frame: pd.DataFrame, lang_code: str, chosen: tuple[str, ...], height: int, basemap_url: str | None,
                 geo_dir: str, _shapes):
    labelled = frame.assign(label=[
        f"{r['nama']}: {i18n.format_value(r['nilai'], r['satuan'], lang_code)} ({r['periode_label']}) — "
        f"{status_text.status_line(r, lang_code)}" + (f" — {status_text.basis_text(r, lang_code)}"
                                                     if status_text.basis_text(r, lang_code) else "")
        if pd.notna(r["nilai"]) else f"{r['nama']}: {i18n.t('caption.no_data', lang_code)}"
        for _, r in frame.iterrows()],
        warna=[status_text.status_fill(r) for _, r in frame.iterrows()])
    merged = _shapes.merge(labelled[["wilayah", "warna", "label", "nilai", "status"]], left_on="kode",
                           right_on="wilayah", how="left")
    merged["warna"] = merged["warna"].fillna(status.status_color(None))
    merged["label"] = merged["label"].fillna(merged["nama"] + ": " + i18n.t("caption.no_data", lang_code))
    return render(maps.status_map(merged, "warna", labels=True, chosen=chosen), height)
