"""The orang tua asuh tracker drawn (lib.screens.asuh prepared once per snapshot, mode, language and filters):
commitments against delivery per OPD and kabupaten, official first and simulated apart under a visible mark,
the children's progress, beside the stunting trend; counts per kecamatan for an internal page; the Ringkasan
and OPD page lines."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.charts import gauges as chart_gauges
from lib.screens import asuh
from lib.ui import isu_content, widgets
from lib.ui.responsive import phone_rows
from lib.ui.state import Filters, cached_display, source, t


@cached_display
def _tracker(kabupaten: tuple[str, ...], opd: str | None) -> asuh.Tracker:
    return asuh.tracker(source(), kabupaten, opd)


@cached_display
def _gauges(kabupaten: tuple[str, ...], opd: str | None, lang_code: str) -> str | None:
    frame = _tracker(kabupaten, opd).gauges
    return None if frame is None else chart_gauges.gauge_grid_html(frame, lang=lang_code)


@cached_display
def _kecamatan(kabupaten: tuple[str, ...], opd: str | None) -> pd.DataFrame | None:
    return asuh.kecamatan_table(source(), kabupaten, opd)


@cached_display
def _wins(kabupaten: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    return asuh.wins(source(), kabupaten), asuh.simulated_line(source(), kabupaten)


@cached_display
def _opd_lines(opd: str) -> tuple[str, ...]:
    return asuh.opd_summary(source(), opd)


def _table(frame: pd.DataFrame, key: str, title_column: str, official: bool) -> None:
    """A rekap table (every row in view), with the neutral share-of-commitment bar on official tables; a phone
    gets the rows as cards instead."""
    # Narrow count columns keep every figure in view at 1280 px beside the place's name; a phone gets cards.
    config = {column: st.column_config.TextColumn(width=92) for column in frame.columns[1:]}
    config[frame.columns[0]] = st.column_config.TextColumn(width=170)
    if official:
        config[t("asuh.col.capaian")] = st.column_config.ProgressColumn(
            t("asuh.col.capaian"), min_value=0, max_value=100, format="%.0f%%", help=t("asuh.capaian_keterangan"),
            width=110)
    with st.container(key=key):
        st.dataframe(frame, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL,
                     height=widgets.full_height(len(frame), 35), column_config=config)
        phone_rows(frame, title_column, skip=(t("asuh.col.capaian"),))


def _part(part: asuh.Part, prefix: str) -> None:
    official = part.jenis == asuh.RESMI
    for line in (part.totals, part.progress):
        if line:
            st.markdown(line)
    by_opd, by_kab = st.tabs([t("asuh.per_opd"), t("asuh.per_kabupaten")])
    with by_opd:
        if part.per_opd.empty:
            widgets.empty_state(t("asuh.opd_kosong"))
        else:
            _table(part.per_opd, f"m41_tabel_asuh_{prefix}_opd", t("asuh.col.opd"), official)
    with by_kab:
        if part.per_kabupaten.empty:
            widgets.empty_state(t("asuh.kosong"))
        else:
            _table(part.per_kabupaten, f"m41_tabel_asuh_{prefix}_kab", t("asuh.col.wilayah"), official)


def _trend(filters: Filters) -> None:
    """The stunting headline's trend, as the isu page draws it (province and the chosen kabupaten)."""
    st.markdown(f"**{t('asuh.tren')}**")
    trend = isu_content.trend(asuh.TREND_ISU, asuh.TREND_INDICATOR, filters.until, filters.kabupaten, filters.lang)
    if trend.chart is None:
        widgets.empty_state(t("isu.tren_sedikit", n=trend.points))
        return
    with st.container(key="isu_tren"):  # lib.ui.responsive: on a phone the chart fits the screen
        widgets.show_prepared(trend.chart)
    st.caption(trend.caption)


def render(filters: Filters, opd: str | None) -> None:
    """The tracker page for the filters, narrowed to one OPD's ASN sponsors when opd is given."""
    st.title(t("asuh.judul"))
    st.caption(t("asuh.keterangan"))
    shown = _tracker(filters.kabupaten, opd)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader(t("asuh.resmi_judul"))
        if not shown.has_official:
            st.info(t("asuh.belum_ada_resmi"), icon=":material/info:")
        _part(shown.official, "resmi")
        st.caption(shown.note)
        gauges = _gauges(filters.kabupaten, opd, filters.lang)
        if gauges:
            st.html(gauges)
        _commitments(shown)
    with right:
        _trend(filters)
    if shown.simulated is not None:
        st.subheader(t("asuh.simulasi_judul"))
        st.warning(t("asuh.simulasi_peringatan"), icon=":material/science:")
        _part(shown.simulated, "simulasi")
    _kecamatan_section(filters.kabupaten, opd)
    st.caption(t("asuh.privasi"))


def _commitments(shown: asuh.Tracker) -> None:
    """Every published commitment in view with its basis and source, folded under the official tables."""
    with st.expander(t("asuh.komitmen_judul"), icon=":material/campaign:", expanded=not shown.has_official):
        if shown.commitments.empty:
            widgets.empty_state(t("asuh.komitmen_kosong"))
            return
        with st.container(key="m41_tabel_asuh_komitmen"):
            st.dataframe(shown.commitments, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL,
                         column_config=widgets.text_widths({t("asuh.col.wilayah"): 105, t("asuh.col.pihak"): 170,
                                                            t("asuh.col.jumlah"): 175}))
            phone_rows(shown.commitments, t("asuh.col.pihak"))
        st.caption(t("asuh.komitmen_keterangan"))


def _kecamatan_section(kabupaten: tuple[str, ...], opd: str | None) -> None:
    """Counts per kecamatan (internal pages only; small counts hidden in every mode): where a TPK coordinator
    follows up. Never a child's reference: the snapshot the app reads holds none."""
    frame = _kecamatan(kabupaten, opd)
    if frame is None:
        return
    with st.expander(t("asuh.kecamatan_judul"), icon=":material/location_city:"):
        st.caption(t("asuh.kecamatan_keterangan"))
        with st.container(key="m41_tabel_asuh_kecamatan"):
            st.dataframe(frame, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL)
            phone_rows(frame, t("asuh.col.kecamatan"))


def wins_lines(kabupaten: tuple[str, ...]) -> None:
    """Ringkasan: the programme's small wins (official rows only), or one marked line where it has simulated
    rows only; nothing when it has neither."""
    found, simulated = _wins(kabupaten)
    for line in found:
        st.markdown(f":material/volunteer_activism: {line}")
    if simulated:
        st.caption(simulated)
    if found or simulated:
        st.page_link("views/orang-tua-asuh.py", label=t("asuh.buka"), icon=":material/arrow_forward:")


def opd_section(opd: str) -> None:
    """The OPD page: its ASN commitment against delivery, simulated rows apart; nothing when it has neither."""
    found = _opd_lines(opd)
    if not found:
        return
    st.subheader(t("asuh.opd_judul"))
    for line in found:
        st.markdown(f"- {line}")
    st.page_link("views/orang-tua-asuh.py", label=t("asuh.buka"), icon=":material/arrow_forward:",
                 query_params={"opd": opd})

