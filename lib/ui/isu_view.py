"""The isu screen, shared by the five isu pages: map, ranking, trend and gauges of one chosen indicator."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import config
from lib.maps import picture as maps
from lib.present import tables
from lib.screens import catatan as screen_catatan
from lib.screens import isu as screen_isu
from lib.text import i18n
from lib.ui import actions_view, catatan_data, catatan_view, isu_content, map_widgets, widgets
from lib.ui.cache_keys import FRAME_HASH
from lib.ui.responsive import phone_rows
from lib.ui.state import Filters, current_filters, t, url_value
from lib.ui.text import fill

MAP_HEIGHT = 460
MAP_WIDTH = 300  # the map beside its legend in half the page at 1280 × 720 (lib.maps.pydeck_map.fit_view)


def _choose_indicator(isu: str, filters: Filters) -> pd.Series | None:
    # The isu's headline and kabupaten indicators come first: they are what a visitor expects to see.
    registry = isu_content.indicator_choices(isu)
    if registry.empty:
        return None
    names = dict(zip(registry["kode"], registry["nama"]))
    param = url_value(st.query_params, "indikator")  # bounded before anything reads it
    key = f"isu_{isu}_indikator"
    asked = widgets.take_open_indicator()  # a to-do link of the OPD page: open on its indicator
    if asked in names:
        st.session_state[key] = asked
    elif key not in st.session_state:
        st.session_state[key] = param if param in names else isu_content.opening_indicator(isu, filters.until)
    code = st.selectbox(t("isu.pilih_indikator"), list(names), format_func=names.get, key=key)
    st.query_params["indikator"] = code
    return registry.set_index("kode").loc[code].rename(code)


def _draw_map(frame: pd.DataFrame, level: str, parent: str | None, isu: str, lang: str) -> None:
    layer = map_widgets.map_layer(level)
    if layer is None:
        widgets.empty_state(t("peta.tanpa_batas", level=level))
        map_widgets.refusal_note(level)
        return
    shapes, schematic = layer
    band = screen_isu.band(frame)
    chosen = tuple(current_filters().kabupaten) if level == "kabupaten" else ()
    drawn, breaks = _choropleth(frame, level, parent, lang, chosen, band, map_widgets.basemap(),
                               str(config.get_path("MONITOR41_GEO_DIR")), _shapes=shapes)
    unit = screen_isu.unit(frame["satuan"].iloc[0], lang)
    items = (maps.band_legend_items(band, unit, lang) if band else
             maps.legend_items(breaks, unit_label=unit, lang=lang))
    if (frame["jenis"] == "simulasi").any():
        items.append((t("peta.ada_simulasi"), None))
    map_widgets.show_map(drawn, key=f"isu_{isu}_peta_{level}", height=MAP_HEIGHT, legend_items=items,
                     legend_title=t("peta.skala_band" if band else "peta.skala_kelas"))
    if frame["nilai"].isna().all():
        st.caption(t("peta.hanya_provinsi"))
    map_widgets.map_note(schematic)


# Built once per frame, language, choice and boundary folder, and shared read-only by every session: the
# join, labels and GeoJSON of a map cost ~0,1–0,2 s of CPU on every run of an isu page.
@st.cache_resource(show_spinner=False, max_entries=200, hash_funcs=FRAME_HASH)
def _choropleth(frame: pd.DataFrame, level: str, parent: str | None, lang: str, chosen: tuple[str, ...],
                band: tuple[float, float] | None, basemap: str | None, geo_dir: str, _shapes):
    """The isu map, drawn (lib.ui.map_widgets.render), and its class breaks."""
    shapes = _shapes[_shapes["kode_induk"] == parent] if parent else _shapes
    merged = shapes.merge(screen_isu.map_labels(frame, lang)[["wilayah", "nilai", "label"]], left_on="kode",
                          right_on="wilayah", how="left")
    merged["label"] = merged["label"].fillna(merged["nama"] + ": " + i18n.t("caption.no_data", lang))
    breaks = maps.class_breaks(merged["nilai"])
    picture = maps.choropleth(merged, "nilai", breaks=breaks, labels=True, chosen=chosen, band=band)
    return map_widgets.render(picture, MAP_HEIGHT, MAP_WIDTH), breaks


def _map_section(kab_frame: pd.DataFrame, kecamatan: pd.DataFrame | None, filters: Filters, isu: str,
                 counts: pd.DataFrame | None) -> None:
    if kecamatan is not None:
        parent = filters.kabupaten[0]
        st.markdown(f"**{fill('isu.peta_kecamatan', nama=kab_frame.set_index('wilayah').loc[parent, 'nama'])}**")
        _draw_map(kecamatan, "kecamatan", parent, isu, filters.lang)
        _map_notes(kecamatan, counts)
        return
    st.markdown(f"**{t('isu.peta_kabupaten')}**")
    _draw_map(kab_frame, "kabupaten", None, isu, filters.lang)
    _map_notes(kab_frame, counts)
    if len(filters.kabupaten) == 1:
        st.caption(t("isu.tanpa_kecamatan"))


def _map_notes(frame: pd.DataFrame, counts: pd.DataFrame | None) -> None:
    """The map's open-notes mark, a line under it (the cached map picture is left alone)."""
    if frame.empty:
        return
    line = screen_catatan.map_note(counts, frame["indikator"].iloc[0], frame, current_filters().lang)
    if line:
        st.caption(f":material/forum: {line}")


def _ranking_section(indicator: pd.Series, filters: Filters, isu: str, shown: pd.DataFrame,
                     counts: pd.DataFrame | None) -> None:
    ranking = isu_content.ranking(indicator.name, filters.until, filters.kabupaten, filters.lang)
    if ranking.older_note:
        st.caption(f":material/history: {ranking.older_note}")
    # The open-notes marks are joined here, at draw time: the cached ranking never holds them, so a note write
    # changes the marks and no figure cache (issue 21).
    ordered = tables.sort_worst_first(shown)
    table = screen_catatan.with_marks(ranking.shown, list(zip(ordered["indikator"], ordered["wilayah"])), counts,
                                      filters.lang)
    # Worst first, status as coloured chips, every row in view; fixed widths keep wilayah to change in view at
    # 1280 px (long targets and changes wrap), jenis and source follow.
    with st.container(key="m41_tabel_peringkat"):  # a phone gets the rows as cards instead (lib.ui.responsive)
        _ranking_table(ranking, table)
        phone_rows(table, t("col.wilayah"), skip=(t("col.capaian"),), fills=ranking.fills,
                   status_column=t("col.status"))
    widgets.download_buttons(ranking.shown, f"{indicator.name}-peringkat", ranking.notes,
                             key=f"isu_{isu}_unduh", export=ranking.export)


def _ranking_table(ranking, table: pd.DataFrame) -> None:
    """The ranking as a table (wide screens), with the open-notes column when a row has one."""
    st.dataframe(widgets.status_chips(table, ranking.fills), hide_index=True, width="stretch",
                 placeholder=widgets.MISSING_CELL,
                 row_height=widgets.WRAPPED_ROW_HEIGHT, height=widgets.full_height(len(ranking.shown)),
                 column_config={
                     t("col.wilayah"): st.column_config.TextColumn(width=125),
                     t("catatan.panel.kolom"): st.column_config.TextColumn(width=80),
                     t("col.nilai"): st.column_config.TextColumn(width=85),
                     t("col.status"): st.column_config.TextColumn(width=140),
                     t("col.periode"): st.column_config.TextColumn(width=90),
                     # narrower beside the open-notes column, so the change stays in view at 1280 px
                     t("col.target"): st.column_config.TextColumn(
                         width=170 if t("catatan.panel.kolom") in table.columns else 210),
                     t("col.capaian"): st.column_config.ProgressColumn(
                         t("col.capaian"), min_value=0, max_value=100, format="%.0f%%", help=t("isu.capaian_help"),
                         width=95),
                     t("col.perubahan"): st.column_config.TextColumn(width=140),
                     t("col.sumber"): st.column_config.TextColumn(width="large")})


def _trend_section(indicator: pd.Series, filters: Filters) -> None:
    trend = isu_content.trend(indicator["isu"], indicator.name, filters.until, filters.kabupaten, filters.lang)
    if trend.chart is None:
        widgets.empty_state(t("isu.tren_sedikit", n=trend.points))
        return
    widgets.show_prepared(trend.chart)  # built once per snapshot, mode, language and filters
    st.caption(trend.caption)


def _forecast_section(indicator: pd.Series, filters: Filters) -> None:
    """The forecast lines of the indicator for the trend's wilayah, under a small heading."""
    lines = isu_content.forecast_lines(indicator.name, filters.until, filters.kabupaten)
    if lines:
        st.markdown(f"**{t('prakiraan.judul')}**")
        for line in lines:
            st.caption(line)


def _gauge_section(indicator: pd.Series, filters: Filters) -> None:
    """Achievement gauges (the same quantity as on Ringkasan), for values a documented target judges."""
    chart = isu_content.gauges(indicator.name, filters.until, filters.kabupaten, filters.lang)
    if chart is None:
        widgets.empty_state(t("isu.tanpa_target"))
        return
    st.html(chart)
    st.caption(t("isu.capaian_help"))


def _notes_section(indicator: pd.Series, frames, filters: Filters, isu: str, counts: pd.DataFrame | None) -> None:
    """The notes panel of the cell chosen: a row of the ranking (the map's chosen kabupaten first, else the
    province). Not in public mode."""
    if not catatan_data.shown():
        return
    rows = tables.sort_worst_first(frames.shown)
    choices = screen_catatan.cell_choices(rows, counts, filters.lang)
    if not choices:
        return
    key = f"isu_{isu}_catatan_wilayah"
    talked = [w for w in choices if screen_catatan.mark(counts, indicator.name, w, filters.lang)]
    default = filters.kabupaten[0] if len(filters.kabupaten) == 1 and filters.kabupaten[0] in choices else \
        (talked or list(choices))[0]  # the map's chosen kabupaten, else the first row with open notes
    if st.session_state.get(key) not in choices or st.session_state.get(f"{key}_ikut") != filters.kabupaten:
        st.session_state[key] = default  # follows the map's chosen kabupaten
        st.session_state[f"{key}_ikut"] = filters.kabupaten
    wilayah = st.selectbox(t("catatan.panel.pilih_wilayah"), list(choices), format_func=choices.get, key=key)
    row = rows.set_index("wilayah").loc[wilayah]
    catatan_view.panel(f"isu_{isu}", isu, indicator.name, wilayah, str(row["periode"]),
                       f"{row['nama']} · {indicator['nama']} ({row['periode_label']})")


def render(isu: str) -> None:
    """Draw the screen of one isu (KE, ST, ATS, PA or INF)."""
    filters = current_filters()
    title, coordinator = isu_content.header(isu)
    st.title(title)
    st.caption(coordinator)
    indicator = _choose_indicator(isu, filters)
    if indicator is None:
        widgets.empty_state(t("isu.kosong"))
        return
    st.caption(isu_content.indicator_caption(indicator))
    note = isu_content.headline_note(isu, indicator.name, filters.until, filters.lang)
    if note:
        st.info(note, icon=":material/info:")
    frames = isu_content.frames(indicator.name, filters.until, filters.kabupaten)
    widgets.simulasi_warning(frames.shown)
    counts = catatan_view.open_counts()  # open notes per cell: marks joined at draw time, never cached with figures
    left, right = st.columns(2, gap="medium")  # half the page: room for the map and its legend beside it
    with left:
        _map_section(frames.kabupaten, frames.kecamatan, filters, isu, counts)
    with right:
        st.markdown(f"**{t('isu.tren')}**")
        with st.container(key="isu_tren"):  # lib.ui.responsive: on a phone the chart fits the screen
            _trend_section(indicator, filters)
        _forecast_section(indicator, filters)
    st.subheader(t("isu.peringkat"))
    _ranking_section(indicator, filters, isu, frames.shown, counts)
    _notes_section(indicator, frames, filters, isu, counts)
    st.subheader(t("isu.capaian_target"))
    _gauge_section(indicator, filters)
    actions_view.actions_section(isu=isu, wilayah=filters.kabupaten, with_province=True, on_trend=True)
