"""Tables, sentences and downloads for any surface (screen, slide, PDF): no Streamlit."""
