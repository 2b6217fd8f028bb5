"""What each page shows, as plain data (view-models): no Streamlit, tested for every kabupaten and OPD."""
