"""Ringkasan's since-apel box (lib.screens.since_apel): the cell notes' line under the three lines, as escaped
HTML, nothing without notes or in public mode (issue 21)."""
from __future__ import annotations

from lib.screens import since_apel

COUNTS = {"ditanya": 3, "dijawab": 1, "belum_dijawab": 2, "komitmen_baru": 1, "komitmen_jatuh_tempo": 0,
          "komitmen_lewat": 1, "komitmen_selesai": 0}


def test_ringkasan_box_line_is_escaped_html_with_its_heading():
    assert since_apel.notes_summary(COUNTS, "id") == (
        "<strong>Catatan sel:</strong> 3 pertanyaan baru, 1 dijawab, 2 belum dijawab; 1 komitmen lewat tenggat")
    assert since_apel.notes_summary(COUNTS, "en") == (
        "<strong>Cell notes:</strong> 3 new question(s), 1 answered, 2 still unanswered; 1 commitment(s) overdue")


def test_no_line_without_notes_or_in_public_mode():
    assert since_apel.notes_summary(dict.fromkeys(COUNTS, 0), "id") == ""  # no notes since, none open
    assert since_apel.notes_summary(None, "en") == ""  # public mode: the app reads no notes (lib.ui.catatan_data)


def test_only_commitments_due_give_a_line_without_the_questions_part():
    due = {**dict.fromkeys(COUNTS, 0), "komitmen_jatuh_tempo": 1}
    assert since_apel.notes_summary(due, "id") == "<strong>Catatan sel:</strong> 1 komitmen jatuh tempo"
