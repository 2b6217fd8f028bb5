"""Monitor 4+1 Sulbar: minimal page listing the isu and their indicator counts (the dashboard follows)."""
import streamlit as st

from lib import db, queries

st.set_page_config(page_title="Monitor 4+1 Sulbar", layout="wide")


@st.cache_resource
def _connection():
    return db.connect(read_only=True)


st.title("Monitor 4+1 Sulbar")
st.caption("Satgas 4+1 Provinsi Sulawesi Barat (Keputusan Gubernur No. 296 Tahun 2023)")
try:
    st.dataframe(queries.isu_overview(_connection().cursor()), hide_index=True)
except db.DatabaseError as exc:
    st.error(str(exc))
