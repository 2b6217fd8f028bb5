"""Konvergensi: per kecamatan, how many of the 4+1 isu place it in the province's worst fifth, whom to call
and what has been done there."""
from lib.ui import konvergensi_view

konvergensi_view.render()
