"""Altair chart builders: they return charts; the pages render them."""
