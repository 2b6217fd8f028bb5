"""Apel koordinasi: the list of apel and recording a new one; `python -m lib.apel`."""
