"""Streamlit glue — the only part of lib that imports streamlit. Pages use `from lib import ui`."""
from lib.queries import ISU_ORDER  # noqa: F401
from lib.ui.data import (  # noqa: F401
    headlines, kabupaten_matrix, kecamatan_figures, small_wins, wilayah_scorecard,
)
from lib.ui.apel import brief_button, headline_image_buttons, narrative, pptx_button, slide_image_buttons  # noqa: F401,E501
from lib.ui.apel import deck as apel_deck  # noqa: F401
from lib.ui.overview import opd_overview  # noqa: F401
from lib.ui.presentation import (  # noqa: F401
    advance_deck, deck, presentation_controls, presentation_style, show_slide,
)
from lib.ui.screen_tables import wilayah_report  # noqa: F401
from lib.ui.state import (  # noqa: F401
    Filters, cached, current_filters, cursor, global_filters, lang, page_picker, public_mode, select_kabupaten,
    show_in_public, t,
)
from lib.ui.briefing import headline_cards, status_matrix, wins_strip  # noqa: F401
from lib.ui.status_display import (  # noqa: F401
    achievement_example, freshness_rule_table, isu_card, isu_cards, small_wins_strip, status_summary, threshold_table,
)
from lib.ui.text import fill, plain  # noqa: F401
from lib.ui.widgets import (  # noqa: F401
    apply_style, assignment_table, attributions, download_buttons, download_notes, empty_state, freshness_table,
    indicator_definitions, kecamatan_table, legend, map_layer, map_note, relabel, run_safely,
    scorecard_dataframe, show_chart, show_error, show_map, simulasi_warning, status_legend, status_map,
)
