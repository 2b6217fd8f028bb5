"""Streamlit glue — the only part of lib that imports streamlit: session, cache, URL-bound filters, widgets, page sections."""
