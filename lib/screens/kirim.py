"""Kirim, "siapa menerima apa" (admins, never in public mode): every live subscription with its last delivery,
failures first, as a table (lib.data.deliveries.last_per_subscription)."""
from __future__ import annotations

import pandas as pd

from lib.text import i18n

STATES = ("gagal", "antre", "terkirim")
COLUMN_KEYS = ("kirim.kolom.nomor", "kirim.kolom.terakhir", "kirim.kolom.waktu", "kirim.kolom.saluran",
               "kirim.kolom.penerima", "kirim.kolom.lingkup", "kirim.kolom.pemicu", "kirim.kolom.isi",
               "kirim.kolom.galat")
STATE_KEYS = {"gagal": "kirim.status.gagal", "antre": "kirim.status.antre", "terkirim": "kirim.status.terkirim",
              None: "kirim.status.belum"}


def _items(value: object) -> str:
    """A stored list (a Python list or the array pandas reads) as 'a,b'; '' for none."""
    items = value.tolist() if hasattr(value, "tolist") else value
    return ",".join(map(str, items)) if isinstance(items, (list, tuple)) else ""


def _scope(row: pd.Series, lang: str) -> str:
    """'76.03 · ST', or the province when no kabupaten is named."""
    parts = [_items(row.get("kabupaten")) or i18n.t("kirim.provinsi", lang)]
    parts += [str(row[c]) for c in ("opd", "isu") if isinstance(row.get(c), str)]
    return " · ".join(parts)


def deliveries_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per live subscription, failures first, then queued, then sent, then those never delivered."""
    rows = []
    for _, row in frame.iterrows():
        state = row.get("status") if row.get("status") in STATES else None
        when = row.get("waktu")
        rows.append({
            i18n.t("kirim.kolom.nomor", lang): int(row["id"]),
            i18n.t("kirim.kolom.terakhir", lang): i18n.t(STATE_KEYS[state], lang),
            i18n.t("kirim.kolom.waktu", lang): "" if when is None or pd.isna(when)
            else f"{i18n.format_date(pd.Timestamp(when).date(), lang)} {pd.Timestamp(when):%H.%M}",
            i18n.t("kirim.kolom.saluran", lang): row["saluran"],
            i18n.t("kirim.kolom.penerima", lang): row["penerima"],
            i18n.t("kirim.kolom.lingkup", lang): _scope(row, lang),
            i18n.t("kirim.kolom.pemicu", lang): row["pemicu"] + (f" ({row['jadwal']})" if isinstance(row.get("jadwal"),
                                                                                                    str) else ""),
            i18n.t("kirim.kolom.isi", lang): _items(row.get("isi")),
            i18n.t("kirim.kolom.galat", lang): row["galat"] if state != "terkirim" and isinstance(row.get("galat"),
                                                                                                   str) else "",
            "_urutan": STATES.index(state) if state in STATES else len(STATES),
        })
    table = pd.DataFrame(rows, columns=[*[i18n.t(key, lang) for key in COLUMN_KEYS], "_urutan"])
    return table.sort_values(["_urutan", i18n.t("kirim.kolom.nomor", lang)], kind="stable").drop(
        columns="_urutan").reset_index(drop=True)


def failures(frame: pd.DataFrame) -> int:
    """How many subscriptions' last delivery failed for good."""
    return int((frame["status"] == "gagal").sum()) if "status" in frame else 0
