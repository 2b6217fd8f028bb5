"""A demo database whose latest stunting rows (province and Majene) carry hostile uploaded text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from lib.db.build import build_record

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"
BEACON_HOST = "beacon.example"
BEACON = f"http://{BEACON_HOST}/b.png"
HOSTILE = f"Dinkes ![x]({BEACON}) [tautan](http://{BEACON_HOST}) **tebal** :red[MERAH] <img src={BEACON}>"


def build_hostile_db(folder: Path) -> Path:
    """Build the demo seed into folder, with HOSTILE as sumber and catatan of ST-PREV for 76 and 76.05."""
    seed = folder / "seed"
    seed.mkdir(parents=True)
    for path in SEED.glob("*"):
        shutil.copy(path, seed / path.name)
    values = pd.read_csv(seed / "capaian_resmi.csv", dtype=str, keep_default_na=False)
    rows = (values["indikator"] == "ST-PREV") & values["wilayah"].isin(["76", "76.05"])
    values.loc[rows, "sumber"] = HOSTILE
    values.loc[rows, "catatan"] = HOSTILE
    values.to_csv(seed / "capaian_resmi.csv", index=False)
    return build_record(folder / "hostile.duckdb", seed_dir=seed).path
