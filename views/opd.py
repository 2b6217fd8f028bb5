"""OPD: an OPD head's view — first what to do (off-track cells it owns, each opening the filtered isu page, and
overdue reports with their due date and the upload page), then the isu it coordinates, the wilayah it answers
for and its actions; one plain sentence for an OPD with nothing assigned."""
from datetime import date

import streamlit as st

from lib.present.markdown import plain
from lib.screens import opd
from lib.ui import actions_view, asuh_view, auth, catatan_view, state, status_display, widgets
from lib.ui import responsive as layout

filters = state.current_filters()
source = state.source()
title, picker = st.columns([3, 1], vertical_alignment="bottom")
# An OPD clerk opens on its own OPD (its inbox) while no OPD is chosen in the filter.
user = None if state.public_mode() else auth.current_user()
own = [user.opd] if user is not None and user.opd else []
code = state.page_picker(picker, state.t("opd.pilih"), opd.names(source), [filters.opd] if filters.opd else own,
                         "opd_pilih", "app_opd", all_label=state.t("opd.semua"))
if not code:  # nothing chosen: say so and list every OPD, rather than silently showing the first one
    title.title(state.t("opd.judul_semua"))
    st.info(state.t("opd.tanpa_pilihan"), icon=":material/info:")
    st.dataframe(opd.overview(source), hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL)
    st.caption(opd.owners_coverage(source))
    st.stop()
title.title(plain(opd.opd_list(source).set_index("kode").loc[code, "nama"]))

nothing = opd.nothing_assigned(source, code)
if nothing:  # one plain sentence, not a row of empty sections that contradict each other
    st.markdown(nothing)
    asuh_view.opd_section(code)  # its ASN may still sponsor children (orang tua asuh)
    st.stop()


def _open_isu(cell: opd.TodoCell) -> None:
    """Before the rerun: the isu page's filters (kabupaten, indicator) set to the cell."""
    st.session_state["app_kab"] = list(cell.kabupaten)
    widgets.open_indicator(cell.indikator)


catatan_view.inbox(code)  # questions and commitments waiting for the OPD (cell notes; not in public mode)
st.subheader(state.t("opd.todo_judul"))
todo = opd.todo(source, code, filters.until, date.today())
if not todo.cells and not todo.overdue:
    st.markdown(state.t("opd.todo_kosong"))
if todo.cells:
    st.caption(state.t("opd.merah_keterangan"))
for index, cell in enumerate(todo.cells):
    with st.container(border=True):
        text, link = st.columns([3, 1], vertical_alignment="center")
        mark = catatan_view.mark(cell.indikator, cell.kabupaten[0] if cell.kabupaten else opd.PROVINCE)
        text.html(f"<div><b>{widgets.escape(cell.text)}</b><br>{cell.chip} "
                  f"<span style='color:#47535c'>{widgets.escape(cell.role)}</span>"
                  + (f" <b>· {widgets.escape(mark)}</b>" if mark else "") + "</div>")
        if link.button(cell.link, key=f"opd_todo_{index}", type="tertiary", icon=":material/arrow_forward:",
                       on_click=_open_isu, args=(cell,)):
            st.switch_page(cell.page, query_params={"indikator": cell.indikator,
                                                    **({"kab": ",".join(cell.kabupaten)} if cell.kabupaten else {})})
catatan_view.opd_section(code, filters.until)  # the notes panel of one of those cells
if todo.overdue:
    st.markdown(f"**{state.t('opd.todo_laporan')}**")
    for report in todo.overdue:
        st.markdown(f"- {state.t('opd.todo_jatuh_tempo', laporan=report.text, tanggal=report.due)} "
                    f"<span style='color:#47535c'>({report.detail})</span>", unsafe_allow_html=True)
    if not state.public_mode():  # a public deployment has no upload page
        st.page_link("views/unggah.py", label=state.t("opd.todo_unggah"), icon=":material/upload_file:")

coordinated = opd.coordinated(source, code)
if coordinated:
    st.subheader(opd.coordinator_heading(source, coordinated))
    cards, freshness = st.columns([1, 3], gap="large")
    with cards:
        status_display.draw_cards(opd.coordinated_cards(source, coordinated, filters.until))
    with freshness:
        st.markdown(f"**{state.t('opd.kesegaran')}**")
        fresh = opd.freshness(source, coordinated, date.today())
        with st.container(key="m41_tabel_kesegaran"):  # a phone gets the rows as cards instead (lib.ui.responsive)
            # Sized so the freshness words stay in view beside the cards at 1280 px.
            st.dataframe(fresh, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL,
                         column_config={state.t("col.indikator"): st.column_config.TextColumn(width=230),
                                        state.t("col.periodisitas"): st.column_config.TextColumn(width=85),
                                        state.t("col.periode_terakhir"): st.column_config.TextColumn(width=100)})
            layout.phone_rows(fresh, state.t("col.indikator"))

assignments = opd.assignments(source, code)
if not assignments.empty:
    st.subheader(state.t("opd.wilayah_judul"))
    st.caption(opd.owners_coverage(source))  # how many kecamatan have any recorded owner at all
    areas = opd.assignment_table(source, assignments)
    with st.container(key="m41_tabel_wilayah"):  # a phone gets the rows as cards instead (lib.ui.responsive)
        st.dataframe(areas, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL)
        layout.phone_rows(areas, areas.columns[0])
    figures = opd.kecamatan_figures(source, assignments, filters.until)
    if figures is not None:
        st.markdown(f"**{state.t('opd.angka_judul')}**")
        if figures.empty:
            st.caption(state.t("opd.angka_kosong"))
        else:
            widgets.simulasi_warning(figures)
            table = opd.kecamatan_table(source, figures)
            t = state.t  # widths that keep wilayah to target in view at 1280 px; a phone gets cards instead
            fills = opd.kecamatan_fills(figures)
            with st.container(key="m41_tabel_angka"):
                st.dataframe(widgets.status_chips(table, fills), hide_index=True,
                             width="stretch", placeholder=widgets.MISSING_CELL, height=widgets.full_height(
                                 min(len(table), 10)), row_height=widgets.WRAPPED_ROW_HEIGHT,
                             column_config=widgets.text_widths({
                                 t("col.wilayah"): 95, t("col.indikator"): 160, t("col.nilai"): 85,
                                 t("col.status"): 150, t("col.periode"): 95, t("col.target"): 160}))
                layout.phone_rows(table, t("col.wilayah"), fills=fills, status_column=t("col.status"))

asuh_view.opd_section(code)  # orang tua asuh: the OPD's ASN commitment against delivery (issue 23)
actions_view.actions_section(opd=code)
