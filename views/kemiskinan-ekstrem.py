"""Isu: Kemiskinan ekstrem — map, ranking, trend and gauges of its indicators."""
from lib.ui import isu_view

isu_view.render("KE")
