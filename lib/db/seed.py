"""Reading the seed CSVs of data/seed: text with empty cells as NULL, the named columns as numbers.

Used by the build (lib.db) and by schema migrations that fill new reference columns (lib.db.migrate).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.db.errors import SeedError


def read_seed(seed_dir: Path, name: str, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read one seed CSV as text (empty cells become NULL), converting the named columns to numbers."""
    file = seed_dir / f"{name}.csv"
    if not file.exists():
        raise SeedError(f"Berkas benih {file} tidak ada.")
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.apply(lambda col: col.str.strip()).replace("", None)
    for column in numeric:
        converted = pd.to_numeric(frame[column], errors="coerce")
        bad = converted.isna() & frame[column].notna()
        if bad.any():
            line = int(bad.idxmax()) + 2  # header is line 1
            raise SeedError(f"{file.name} baris {line}: kolom {column} berisi "
                            f"'{frame.at[bad.idxmax(), column]}', bukan angka (pakai titik desimal).")
        frame[column] = converted
    return frame


def kewajiban(seed_dir: Path) -> pd.DataFrame:
    """data/seed/kewajiban.csv with its row numbers as ids (the published orang tua asuh commitments)."""
    frame = read_seed(seed_dir, "kewajiban", numeric=("jumlah", "jumlah_atas"))
    return frame.assign(id=range(1, len(frame) + 1))
