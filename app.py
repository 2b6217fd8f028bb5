"""Monitor 4+1 Sulbar: the frame — page config, theme, language, URL-bound global filters, navigation.

The screens live in views/, not pages/: Streamlit treats a folder named pages/ beside app.py as a legacy
multipage app until st.navigation has run once in the process, so the first visitor after a restart who
opens a shared link would get the page without this frame (no filters, no theme).
"""
from pathlib import Path

import streamlit as st

from lib.ui import loading

# A local file, not ":material/…": Streamlit's browser code fetches a material favicon from fonts.gstatic.com,
# and the app must work offline (a browser test fails on any request to another host).
FAVICON = Path(__file__).parent / "assets" / "favicon.png"

st.set_page_config(page_title="Monitor 4+1 Sulbar", page_icon=str(FAVICON), layout="wide",
                   initial_sidebar_state="auto")  # open on laptops, closed on phones (filter bar instead)
# A fresh process needs 1-2 s to import the app before it can draw: grey boxes first, never a blank window.
first_paint = loading.first_paint() if loading.cold() else ()

from lib.ui import auth, state, warm, widgets  # noqa: E402  (after the first paint, see above)
from lib.ui import responsive as layout  # noqa: E402

warm.start()  # once per process: a new snapshot is warmed before sessions switch to it

widgets.apply_style()
layout.apply_layout()
state.show_in_public(False)  # the Presentasi page turns public mode on for itself
for slot in first_paint[1:]:
    slot.empty()  # the filters come in their place
state.global_filters()


def page(name: str, title_key: str, icon: str, **options) -> st.Page:
    """A screen of views/, served at the URL path of its file name."""
    return st.Page(f"views/{name}.py", title=state.t(title_key), url_path=name, icon=f":material/{icon}:", **options)


PAGES = {
    "": [page("ringkasan", "page.ringkasan", "dashboard", default=True)],
    state.t("nav.isu"): [
        page("kemiskinan-ekstrem", "isu.KE", "home_work"),
        page("stunting", "isu.ST", "child_care"),
        page("anak-tidak-sekolah", "isu.ATS", "school"),
        page("perkawinan-anak", "isu.PA", "diversity_1"),
        page("inflasi", "isu.INF", "shopping_cart"),
        page("konvergensi", "konvergensi.halaman", "join_inner"),
    ],
    state.t("nav.wilayah"): [page("kabupaten", "page.kabupaten", "map"), page("opd", "page.opd", "apartment"),
                              page("orang-tua-asuh", "page.orang_tua_asuh", "volunteer_activism")],
    state.t("nav.data"): [
        page("unggah", "page.unggah", "upload_file"),
        page("riwayat", "page.riwayat", "history"),
        page("kirim", "page.kirim", "forward_to_inbox"),
        page("kualitas", "page.kualitas", "fact_check"),
    ],
    state.t("nav.lainnya"): [page("presentasi", "page.presentasi", "slideshow"), page("tentang", "page.tentang", "info")],
}

if state.public_mode():  # a public deployment has no data-entry, history or quality pages
    del PAGES[state.t("nav.data")]
auth.sign_out_button()
current = st.navigation(PAGES, expanded=True)
layout.note_page(current.url_path)
if first_paint:
    loading.import_screens()
    first_paint[0].empty()
widgets.run_safely(current)
