"""Isu: Perkawinan anak — map, ranking, trend and gauges of its indicators."""
from lib.ui import isu_view

isu_view.render("PA")
