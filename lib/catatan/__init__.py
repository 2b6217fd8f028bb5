"""Cell notes (catatan sel): questions, explanations, commitments and corrections on a cell; `python -m lib.catatan`."""
