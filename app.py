"""Monitor 4+1 Sulbar: the frame — page config, theme, language, URL-bound global filters, navigation.

The screens live in views/, not pages/: Streamlit treats a folder named pages/ beside app.py as a legacy
multipage app until st.navigation has run once in the process, so the first visitor after a restart who
opens a shared link would get the page without this frame (no filters, no theme).
"""
import streamlit as st

from lib import ui
from lib.ui import auth

st.set_page_config(page_title="Monitor 4+1 Sulbar", page_icon=":material/monitoring:", layout="wide",
                   initial_sidebar_state="expanded")
ui.apply_style()
ui.show_in_public(False)  # the Presentasi page turns public mode on for itself
ui.global_filters()

PAGES = {
    "": [
        st.Page("views/ringkasan.py", title=ui.t("page.ringkasan"), icon=":material/dashboard:", default=True),
    ],
    ui.t("nav.isu"): [
        st.Page("views/kemiskinan-ekstrem.py", title=ui.t("isu.KE"), url_path="kemiskinan-ekstrem", icon=":material/home_work:"),
        st.Page("views/stunting.py", title=ui.t("isu.ST"), url_path="stunting", icon=":material/child_care:"),
        st.Page("views/anak-tidak-sekolah.py", title=ui.t("isu.ATS"), url_path="anak-tidak-sekolah", icon=":material/school:"),
        st.Page("views/perkawinan-anak.py", title=ui.t("isu.PA"), url_path="perkawinan-anak", icon=":material/diversity_1:"),
        st.Page("views/inflasi.py", title=ui.t("isu.INF"), url_path="inflasi", icon=":material/shopping_cart:"),
    ],
    ui.t("nav.wilayah"): [
        st.Page("views/kabupaten.py", title=ui.t("page.kabupaten"), url_path="kabupaten", icon=":material/map:"),
        st.Page("views/opd.py", title=ui.t("page.opd"), url_path="opd", icon=":material/apartment:"),
    ],
    ui.t("nav.data"): [
        st.Page("views/unggah.py", title=ui.t("page.unggah"), url_path="unggah", icon=":material/upload_file:"),
        st.Page("views/riwayat.py", title=ui.t("page.riwayat"), url_path="riwayat", icon=":material/history:"),
        st.Page("views/kualitas.py", title=ui.t("page.kualitas"), url_path="kualitas", icon=":material/fact_check:"),
    ],
    ui.t("nav.lainnya"): [
        st.Page("views/presentasi.py", title=ui.t("page.presentasi"), url_path="presentasi", icon=":material/slideshow:"),
        st.Page("views/tentang.py", title=ui.t("page.tentang"), url_path="tentang", icon=":material/info:"),
    ],
}

if ui.public_mode():  # a public deployment has no data-entry, history or quality pages
    del PAGES[ui.t("nav.data")]
auth.sign_out_button()
ui.run_safely(st.navigation(PAGES, expanded=True))
