"""Server-side exports of the apel deck: one slide model (lib.export.model) rendered to the screen, a
PowerPoint file, a one-page PDF briefing and share images. No streamlit, no browser.

`python -m lib.export deck|brief|image ...` builds the files; see lib.export.__main__.
"""
