"""The yardstick: bare Streamlit pages of one chart and one table each, served and loaded like the app's pages
(two pages, so the browser bench can time a page switch on them too)."""
import altair as alt
import numpy as np
import pandas as pd
import streamlit as st


def _page(title: str, shift: float) -> None:
    st.title(title)
    frame = pd.DataFrame({"bulan": pd.date_range("2023-01-01", periods=24, freq="MS"),
                          "nilai": np.round(np.linspace(30, 20, 24) + np.sin(np.arange(24) + shift), 1)})
    st.altair_chart(alt.Chart(frame).mark_line(point=True).encode(x="bulan:T", y="nilai:Q"))
    st.dataframe(frame)


st.set_page_config(page_title="bare", page_icon="📊", layout="wide", initial_sidebar_state="expanded")
st.navigation([st.Page(lambda: _page("Halaman polos A", 0.0), title="A", url_path="a", default=True),
               st.Page(lambda: _page("Halaman polos B", 1.0), title="B", url_path="b")]).run()
