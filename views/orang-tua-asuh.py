"""Orang tua asuh: the sponsorship programme against its documented commitments — per OPD and kabupaten,
committed vs active sponsors, child-months and rupiah delivered, children's progress — beside the stunting
trend; official and simulated rows apart; no child identifiable (lib.screens.asuh, lib.ui.asuh_view)."""
from lib.ui import asuh_view, state

filters = state.current_filters()
asuh_view.render(filters, filters.opd)  # the OPD filter narrows to that OPD's ASN
