"""Monitor 4+1 Sulbar: the layers below app.py and views/ (see README, "Struktur")."""
