"""Maps of wilayah: boundary files, what a map shows, and its two renderers (Vega-Lite, pydeck)."""
