"""The yardstick: a bare Streamlit page of one chart and one table, served and loaded like the app's pages."""
import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

st.set_page_config(page_title="bare", page_icon="📊", layout="wide")
st.title("Halaman polos")
frame = pd.DataFrame({"bulan": pd.date_range("2023-01-01", periods=24, freq="MS"),
                      "nilai": np.round(np.linspace(30, 20, 24) + np.sin(np.arange(24)), 1)})
st.altair_chart(alt.Chart(frame).mark_line(point=True).encode(x="bulan:T", y="nilai:Q"))
st.dataframe(frame)
