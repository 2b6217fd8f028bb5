"""Which indicator speaks for each isu, on every surface, and what a surface says when it shows another one.

Rules, in one place:
- Each isu has one headline indicator (HEADLINE_INDICATOR): the province card, the opening slide tile, the
  PDF tile and the share image show it, under a title that names what it counts (title: "Anak tidak sekolah
  yang kembali bersekolah", not "Anak tidak sekolah" over a count of children back in school).
- Per kabupaten (rapor column, map, slide bars, PDF grid) an isu shows KABUPATEN_INDICATOR. Where that is
  another indicator than the headline, its heading says so ("Kemiskinan (P0), bukan kemiskinan ekstrem"), and
  the surface says how many kabupaten the headline indicator has figures for (none, or n of the total) and
  which indicator it uses instead (substitutes, note).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data import queries
from lib.text import i18n

# The indicator that speaks for each isu: on the province card, and per kabupaten (map and matrix).
HEADLINE_INDICATOR = {"KE": "KE-EKSTREM", "ST": "ST-PREV", "ATS": "ATS-KEMBALI", "PA": "PA-PROP",
                      "INF": "INF-YOY"}
KABUPATEN_INDICATOR = {"KE": "KE-P0", "ST": "ST-PREV", "ATS": "ATS-DATA", "PA": "PA-PROP-BKKBN",
                       "INF": "INF-YOY"}

# The title of each isu's headline: the isu's name where that is what the indicator counts, else what it counts.
TITLE_KEY = {"KE": "isu.KE", "ST": "isu.ST", "ATS": "indikator.judul_ats_kembali", "PA": "isu.PA", "INF": "isu.INF"}
# The heading of a kabupaten indicator that is not the headline: it names itself and the one it is not.
INSTEAD_KEY = {"KE": "indikator.bukan_ke", "ATS": "indikator.bukan_ats", "PA": "indikator.bukan_pa"}

SUBSTITUTE_COLUMNS = ["isu", "indikator_utama", "indikator", "nama", "nama_en", "jumlah_kabupaten_utama",
                      "jumlah_kabupaten"]


def is_headline(isu: str, indikator: str) -> bool:
    """Whether the indicator is the isu's headline."""
    return HEADLINE_INDICATOR.get(isu) == indikator


def title(isu: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The title of the isu's headline indicator: 'Kemiskinan ekstrem', 'Anak tidak sekolah yang kembali
    bersekolah'."""
    return i18n.t(TITLE_KEY.get(isu, f"isu.{isu}"), lang)


def heading(isu: str, indikator: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The heading of a card, tile, matrix column or grid column showing the indicator for the isu: the
    headline's title, or for the isu's kabupaten indicator where it is another one, its name and the one it
    is not ('Kemiskinan (P0), bukan kemiskinan ekstrem'). Any other indicator: the isu's name."""
    if is_headline(isu, indikator):
        return title(isu, lang)
    if KABUPATEN_INDICATOR.get(isu) == indikator and isu in INSTEAD_KEY:
        return i18n.t(INSTEAD_KEY[isu], lang)
    return i18n.t(f"isu.{isu}", lang)


def substitutes(con, until: date | None = None) -> pd.DataFrame:
    """One row per isu whose kabupaten indicator is not its headline: both codes, the kabupaten indicator's
    name (nama, nama_en), and how many kabupaten have a value of each up to `until`."""
    registry = queries.indicators(con).set_index("kode")
    rows = []
    for isu, headline in HEADLINE_INDICATOR.items():
        used = KABUPATEN_INDICATOR[isu]
        if used == headline:
            continue
        coverage = queries.kabupaten_coverage(con, isu, until).set_index("kode")["jumlah_kabupaten"]
        name = registry["nama"].get(used, used)
        name_en = registry["nama_en"].get(used) if "nama_en" in registry else None
        rows.append((isu, headline, used, name, name_en if isinstance(name_en, str) and name_en else name,
                     int(coverage.get(headline, 0)), int(coverage.get(used, 0))))
    return pd.DataFrame(rows, columns=SUBSTITUTE_COLUMNS)


def note(row, total: int, lang: str = i18n.DEFAULT_LANG) -> str:
    """What a per-kabupaten surface says about one substitutes row: 'Kemiskinan ekstrem: belum ada angka per
    kabupaten; per kabupaten dipakai Persentase penduduk miskin (P0).' (or '… baru ada untuk 1 dari 6 …')."""
    found = int(row["jumlah_kabupaten_utama"])
    if found:
        return i18n.t("indikator.sebagian_kabupaten", lang, utama=title(row["isu"], lang), n=found, total=total,
                      pengganti=row["nama"])
    return i18n.t("indikator.tanpa_kabupaten", lang, utama=title(row["isu"], lang), pengganti=row["nama"])


def notes(frame: pd.DataFrame, total: int, lang: str = i18n.DEFAULT_LANG,
          isu: list[str] | tuple[str, ...] | None = None) -> dict[str, str]:
    """isu -> note, for the substitutes rows (only the isu given, when given)."""
    rows = frame if isu is None else frame[frame["isu"].isin(list(isu))]
    return {r["isu"]: note(r, total, lang) for _, r in rows.iterrows()}
