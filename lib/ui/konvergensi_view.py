"""The konvergensi (hotspot) screen: what is counted and on what per isu, the count map with one small map per
isu, the combinations, the hotspot list (OPDs per isu, satgas actions, no action first) and inflation as
context. Content from lib.screens.konvergensi; maps through lib.maps (the isu pages' Vega-Lite machinery)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib import config
from lib.maps import picture as maps
from lib.screens import konvergensi
from lib.ui import map_widgets, widgets
from lib.ui.cache_keys import FRAME_HASH
from lib.ui.responsive import phone_rows
from lib.ui.state import cached_display, current_filters, public_mode, source, t

MAP_HEIGHT = 460
SMALL_HEIGHT = 360
MAP_WIDTH = 300


@cached_display
def content(until: date | None, kabupaten: tuple[str, ...], today: date, lang_code: str) -> konvergensi.Page:
    """The page's content, once per snapshot, mode, language, filters and day."""
    return konvergensi.page(source(), until, kabupaten, today)


# Built once per frame, language and boundary folder and shared read-only by every session (as the isu maps).
@st.cache_resource(show_spinner=False, max_entries=200, hash_funcs=FRAME_HASH)
def _picture(frame: pd.DataFrame, parents: tuple[str, ...], height: int, width: int, labels: bool,
             basemap: str | None, geo_dir: str, _shapes):
    shapes = _shapes[_shapes["kode_induk"].isin(parents)] if parents else _shapes
    merged = shapes.merge(frame[["wilayah", "warna", "label"]], left_on="kode", right_on="wilayah", how="left")
    merged["warna"] = merged["warna"].fillna(maps.NO_DATA_COLOR)
    merged["label"] = merged["label"].fillna(merged["nama"])
    return map_widgets.render(maps.status_map(merged, "warna", labels=labels), height, width)


def _map(frame: pd.DataFrame, key: str, height: int, labels: bool, legend: list[tuple[str, str]] = (),
         legend_title: str | None = None) -> bool:
    """Draw one kecamatan map; False (and a note) when no kecamatan boundaries are installed."""
    layer = map_widgets.map_layer("kecamatan")
    if layer is None:
        widgets.empty_state(t("peta.tanpa_batas", level="kecamatan"))
        map_widgets.refusal_note("kecamatan")
        return False
    shapes, _ = layer
    drawn = _picture(frame, tuple(current_filters().kabupaten), height, MAP_WIDTH, labels, map_widgets.basemap(),
                     str(config.get_path("MONITOR41_GEO_DIR")), _shapes=shapes)
    map_widgets.show_map(drawn, key=key, height=height, legend_items=list(legend), legend_title=legend_title)
    return True


def _isu_section(page: konvergensi.Page) -> None:
    st.subheader(t("konvergensi.dasar_judul"))
    for name, line, simulated in page.isu_lines:
        badge = f" :orange-badge[:material/science: {t('konvergensi.simulasi')}]" if simulated else ""
        st.markdown(f"**{name}**{badge} — {line}")
    st.caption(page.desa_note)


def _map_section(page: konvergensi.Page) -> None:
    """The count map beside the combinations, then one small map per isu across the page (stacked on a phone)."""
    left, right = st.columns(2, gap="medium")
    with left:
        st.subheader(t("konvergensi.peta_judul"))
        drawn = _map(page.map_frame, "konvergensi_peta", MAP_HEIGHT, False, page.legend, t("konvergensi.peta_skala"))
    with right:
        _combinations(page)
    if not drawn:
        return
    st.markdown(f"**{t('konvergensi.peta_isu_judul')}**")
    with st.container(key="m41_konvergensi_kecil"):
        columns = st.columns(max(len(page.isu_maps), 1), gap="small")
        for column, (isu, name, frame) in zip(columns, page.isu_maps):
            with column:
                st.markdown(name)
                _map(frame, f"konvergensi_peta_{isu}", SMALL_HEIGHT, False)
    map_widgets.legend(page.isu_legend)
    map_widgets.map_note(False, "kecamatan")


def _combinations(page: konvergensi.Page) -> None:
    st.subheader(t("konvergensi.kombinasi_judul"))
    st.caption(t("konvergensi.kombinasi_keterangan"))
    if page.combinations.empty:
        widgets.empty_state(t("konvergensi.tanpa_titik"))
        return
    st.dataframe(page.combinations, hide_index=True, width="stretch")


def _hotspots(page: konvergensi.Page) -> None:
    st.subheader(t("konvergensi.daftar_judul"))
    st.caption(t("konvergensi.daftar_keterangan", n=page.hotspot_count))
    if public_mode():
        st.caption(t("tindakan.publik_tanpa_teks"))
    if page.hotspots.empty:
        widgets.empty_state(t("konvergensi.tanpa_titik"))
        return
    with st.container(key="m41_tabel_konvergensi"):  # a phone gets the rows as cards instead
        st.dataframe(page.hotspots, hide_index=True, width="stretch", row_height=widgets.WRAPPED_ROW_HEIGHT,
                     height=widgets.full_height(min(len(page.hotspots), 15)),
                     column_config={t("konvergensi.kol.kecamatan"): st.column_config.TextColumn(width=115),
                                    t("konvergensi.kol.kabupaten"): st.column_config.TextColumn(width=110),
                                    t("konvergensi.kol.isu"): st.column_config.TextColumn(width=75),
                                    t("konvergensi.kol.jumlah"): st.column_config.TextColumn(width=170),
                                    t("konvergensi.kol.tindakan"): st.column_config.TextColumn(width=170),
                                    t("konvergensi.kol.opd"): st.column_config.TextColumn(width="large")})
        phone_rows(page.hotspots, t("konvergensi.kol.kecamatan"))
    widgets.download_buttons(page.hotspots, "konvergensi-titik-rawan", page.notes,
                             key="konvergensi_unduh")


def _inflation(page: konvergensi.Page) -> None:
    st.subheader(t("konvergensi.inflasi_judul"))
    st.caption(t("konvergensi.inflasi_keterangan"))
    for line in page.inflation:
        st.markdown(f"- {line}")


def render() -> None:
    """Draw the konvergensi page."""
    filters = current_filters()
    st.title(t("konvergensi.judul"))
    page = content(filters.until, tuple(filters.kabupaten), date.today(), filters.lang)
    st.caption(page.intro)
    if page.simulasi_note:
        st.warning(page.simulasi_note, icon=":material/science:")
    if page.filter_note:
        st.info(page.filter_note, icon=":material/filter_alt:")
    _isu_section(page)
    if not page.counted:
        widgets.empty_state(t("konvergensi.tanpa_isu"))
    else:
        _map_section(page)
        _hotspots(page)
    _inflation(page)
