"""Konvergensi (hotspot): per kecamatan, how many of the four isu place it in the province's worst fifth
(lib.judge.convergence), as plain data — the texts about what is counted, one row per isu, the count map's and
the per-isu maps' fills and tooltips, the table of combinations, the hotspot list with the OPDs per isu and the
satgas actions, and inflation as the kabupaten's context."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.data import convergence as data
from lib.data import queries
from lib.judge import convergence as rules
from lib.judge import headlines
from lib.maps import picture as maps
from lib.present import status_text
from lib.present.markdown import fill
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n

PROVINCE = "76"
# The count map: one colour per count of isu (0 to 4), light to dark; no counted isu with data: grey.
COUNT_COLORS = maps.DEFAULT_COLORS
WORST_COLOR, OTHER_COLOR = maps.DEFAULT_COLORS[-1], maps.DEFAULT_COLORS[0]
STATE_KEYS = {rules.KURANG: "konvergensi.keadaan_kurang", rules.HANYA_JUMLAH: "konvergensi.keadaan_hanya_jumlah",
              rules.TANPA_DATA: "konvergensi.keadaan_tanpa_data"}


@dataclass(frozen=True)
class Found:
    """The province-wide counting (lib.judge.convergence) and the actions recorded per kecamatan."""
    basis: pd.DataFrame  # one row per counted isu: its ranking indicator and state
    flags: pd.DataFrame  # one row per (isu, kecamatan) with a value: in the worst fifth or not
    table: pd.DataFrame  # one row per kecamatan: k, m, the isu, the combination
    actions: pd.DataFrame  # satgas actions in a kecamatan or its desa (lib.data.convergence.kecamatan_actions)


def found(con, until: date | None, today: date) -> Found:
    """The counting for the whole province (a read: src.read(found, until, today))."""
    values = data.kecamatan_values(con, list(rules.COUNTED_ISU), until)
    basis = rules.choose(values, today)
    flags = rules.flags(values, basis)
    return Found(basis, flags, rules.hotspots(data.kecamatan(con), flags), data.kecamatan_actions(con, until))


@dataclass(frozen=True)
class Page:
    """What the konvergensi page shows."""
    intro: str  # what is counted: a relative position, province-wide, not a target verdict
    isu_lines: list[tuple[str, str, bool]]  # per counted isu: (its name, what the page uses for it, simulated)
    counted: int  # isu with enough kecamatan values to rank
    simulasi_note: str  # '' when no counted isu rests on simulated values
    filter_note: str  # '' without a kabupaten filter
    map_frame: pd.DataFrame  # kecamatan shown: wilayah, warna, label (the count map)
    legend: list[tuple[str, str]]
    isu_maps: list[tuple[str, str, pd.DataFrame]]  # per counted isu: its code, name and wilayah, warna, label
    isu_legend: list[tuple[str, str]]
    combinations: pd.DataFrame  # display table
    hotspots: pd.DataFrame  # display table, no action first
    hotspot_count: int
    inflation: list[str]  # per kabupaten shown: INF-YOY against its band, never counted
    notes: list[str]  # the downloads' notes: the rule, each isu's basis, the simulasi caveat
    desa_note: str  # what the page says about the desa level (no desa map yet)


def _isu_name(isu: str, lang: str) -> str:
    return i18n.t(f"isu.{isu}", lang)


def isu_line(row: pd.Series, lang: str) -> str:
    """What the page says about one isu's basis: the indicator it ranks on, among how many kecamatan, the
    period and the data's age; or why the isu is not counted."""
    age = status_text.age_text(row, lang) if pd.notna(row["indikator"]) else ""
    if row["keadaan"] == rules.DIPAKAI:
        return fill("konvergensi.isu_dipakai", lang, indikator=row["nama_indikator"], n=int(row["jumlah_wilayah"]),
                    terburuk=int(row["jumlah_terburuk"]), usia=age,
                    batas=i18n.format_value(row["batas"], row["satuan"], lang),
                    arah=i18n.t("konvergensi.arah_turun" if row["arah"] == "turun" else "konvergensi.arah_naik",
                                lang))
    if row["keadaan"] == rules.TANPA_DATA:
        return i18n.t(STATE_KEYS[rules.TANPA_DATA], lang)
    return fill(STATE_KEYS[row["keadaan"]], lang, indikator=row["nama_indikator"], n=int(row["jumlah_wilayah"]),
                minimum=rules.MIN_KECAMATAN, periode=row["periode_label"])


def _marks(row: pd.Series, counted: list[str], lang: str) -> str:
    """Per counted isu, its mark for one kecamatan: 'KE: terburuk · ST: bukan · PA: tanpa data'."""
    parts = []
    for isu in counted:
        key = ("konvergensi.tanda_terburuk" if isu in row["isu_terburuk"] else
               "konvergensi.tanda_bukan" if isu in row["isu_ada_data"] else "konvergensi.tanda_tanpa_data")
        parts.append(f"{isu}: {i18n.t(key, lang)}")
    return " · ".join(parts)


def count_text(row: pd.Series, lang: str) -> str:
    """'2 dari 3 isu yang ada datanya (termasuk 2 isu simulasi)', or 'tidak ada data isu' for m = 0."""
    if not row["jumlah_isu_data"]:
        return i18n.t("konvergensi.tanpa_data_isu", lang)
    text = i18n.t("konvergensi.k_dari_m", lang, k=int(row["jumlah_isu"]), m=int(row["jumlah_isu_data"]))
    if row["jumlah_simulasi"]:
        text += " " + i18n.t("konvergensi.termasuk_simulasi", lang, n=int(row["jumlah_simulasi"]))
    return text


def _count_map(table: pd.DataFrame, counted: list[str], lang: str) -> pd.DataFrame:
    fills = [maps.NO_DATA_COLOR if not m else COUNT_COLORS[min(k, len(COUNT_COLORS) - 1)]
             for k, m in zip(table["jumlah_isu"], table["jumlah_isu_data"])]
    labels = [f"{r['nama']} ({r['nama_induk']}): {count_text(r, lang)} — {_marks(r, counted, lang)}"
              for _, r in table.iterrows()]
    return table[["wilayah", "nama", "jumlah_isu"]].assign(warna=fills, label=labels)


def _isu_map(table: pd.DataFrame, flags: pd.DataFrame, isu: str, lang: str) -> pd.DataFrame:
    mine = flags[flags["isu"] == isu].set_index("wilayah")
    fills, labels = [], []
    for code, name in zip(table["wilayah"], table["nama"]):
        if code not in mine.index:
            fills.append(maps.NO_DATA_COLOR)
            labels.append(f"{name}: {i18n.t('caption.no_data', lang)}")
            continue
        worst = bool(mine.loc[code, "terburuk"])
        fills.append(WORST_COLOR if worst else OTHER_COLOR)
        labels.append(f"{name}: {i18n.t('konvergensi.tanda_terburuk' if worst else 'konvergensi.tanda_bukan', lang)}")
    return table[["wilayah", "nama"]].assign(warna=fills, label=labels)


def _owners_text(isu: list[str], code: str, owners: dict[tuple[str, str], str], lang: str) -> str:
    return "; ".join(f"{i}: {owners.get((i, code)) or i18n.t('konvergensi.tanpa_pemilik', lang)}" for i in isu)


def _actions_text(code: str, actions: pd.DataFrame, lang: str) -> str:
    mine = actions[actions["kecamatan"] == code]
    if mine.empty:
        return i18n.t("konvergensi.tanpa_aksi", lang)
    parts = []
    for _, a in mine.iterrows():
        title = a["judul"] if isinstance(a["judul"], str) and a["judul"].strip() else i18n.t("konvergensi.aksi", lang)
        who = a["opd_singkatan"] if isinstance(a["opd_singkatan"], str) else i18n.MISSING
        isu = a["isu"] if isinstance(a["isu"], str) else i18n.MISSING
        parts.append(f"{title} ({isu}, {who}, {a['nama_wilayah']}, {a['periode_label']})")
    return "; ".join(parts)


def _hotspot_table(src: Source, table: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    listed = rules.hotspot_list(table, actions)
    cells = tuple((isu, code) for code, worst in zip(listed["wilayah"], listed["isu_terburuk"]) for isu in worst)
    owners = src.read(reads.cell_owners, cells, src.lang) if cells else {}
    t = src.t
    return pd.DataFrame({
        t("konvergensi.kol.kecamatan"): listed["nama"], t("konvergensi.kol.kabupaten"): listed["nama_induk"],
        t("konvergensi.kol.isu"): listed["kombinasi"],
        t("konvergensi.kol.jumlah"): [count_text(r, src.lang) for _, r in listed.iterrows()],
        t("konvergensi.kol.tindakan"): [_actions_text(c, actions, src.lang) for c in listed["wilayah"]],
        t("konvergensi.kol.opd"): [_owners_text(w, c, owners, src.lang)
                                   for w, c in zip(listed["isu_terburuk"], listed["wilayah"])],
    })


def _combination_table(src: Source, table: pd.DataFrame) -> pd.DataFrame:
    found_rows = rules.combinations(table)
    t = src.t
    return pd.DataFrame({
        t("konvergensi.kol.kombinasi"): found_rows["kombinasi"],
        t("konvergensi.kol.jumlah_isu"): found_rows["jumlah_isu"].astype(int),
        t("konvergensi.kol.jumlah_kecamatan"): found_rows["jumlah_wilayah"].astype(int),
        t("konvergensi.kol.simulasi"): [t("konvergensi.ya_simulasi") if s else "" for s in found_rows["ada_simulasi"]],
    })


def _inflation(src: Source, until: date | None, kabupaten: tuple[str, ...]) -> list[str]:
    codes = kabupaten or tuple(src.read(queries.wilayah_codes, "kabupaten"))
    frame = src.read(reads.assessed, (headlines.HEADLINE_INDICATOR[rules.CONTEXT_ISU],), codes, until)
    lines = []
    for _, r in frame.iterrows():
        if pd.isna(r["nilai"]):
            lines.append(f"{r['nama']}: {i18n.t('caption.no_data', src.lang)}")
            continue
        lines.append(f"{r['nama']}: {i18n.format_value(r['nilai'], r['satuan'], src.lang)} ({r['periode_label']}) — "
                     f"{status_text.status_line(r, src.lang)}")
    return lines


def _desa_note(src: Source, until: date | None) -> str:
    """No desa map: say so, and which isu have desa values when any do."""
    found = src.read(data.desa_isu, rules.COUNTED_ISU, until)
    if not found:
        return src.t("konvergensi.desa")
    return src.t("konvergensi.desa_ada", isu=", ".join(found))


def page(src: Source, until: date | None, kabupaten: tuple[str, ...], today: date) -> Page:
    """The page's content; the kabupaten filter narrows the kecamatan shown, never the ranking."""
    result = src.read(found, until, today)
    basis, table = i18n.localized(result.basis, src.lang), result.table
    actions = i18n.localized(result.actions, src.lang)
    used = basis[basis["keadaan"] == rules.DIPAKAI]
    counted = list(used["isu"])
    simulated = list(used.loc[used["jenis"] == rules.SIMULASI, "isu"])
    lines = [(_isu_name(r["isu"], src.lang), isu_line(r, src.lang), r["jenis"] == rules.SIMULASI)
             for _, r in basis.iterrows()]
    shown = table[table["kode_induk"].isin(kabupaten)] if kabupaten else table
    names = dict(zip(table["kode_induk"], table["nama_induk"]))
    filter_note = fill("konvergensi.filter", src.lang, kabupaten=", ".join(names.get(k, k) for k in kabupaten)) \
        if kabupaten else ""
    simulasi_note = fill("konvergensi.catatan_simulasi", src.lang, n=len(simulated), m=len(counted),
                         isu=", ".join(_isu_name(code, src.lang) for code in simulated)) if simulated else ""
    legend = [(i18n.t("konvergensi.legenda_isu", src.lang, n=n), c) for n, c in enumerate(COUNT_COLORS[:len(counted) + 1])]
    legend.append((i18n.t("konvergensi.tanpa_data_isu", src.lang), maps.NO_DATA_COLOR))
    isu_legend = [(i18n.t("konvergensi.tanda_terburuk", src.lang), WORST_COLOR),
                  (i18n.t("konvergensi.tanda_bukan", src.lang), OTHER_COLOR),
                  (i18n.t("caption.no_data", src.lang), maps.NO_DATA_COLOR)]
    hot = _hotspot_table(src, shown, actions)
    return Page(
        intro=fill("konvergensi.pengantar", src.lang, share=rules.SHARE, minimum=rules.MIN_KECAMATAN),
        isu_lines=lines, counted=len(counted), simulasi_note=simulasi_note, filter_note=filter_note,
        map_frame=_count_map(shown, counted, src.lang), legend=legend,
        isu_maps=[(isu, _isu_name(isu, src.lang), _isu_map(shown, result.flags, isu, src.lang)) for isu in counted],
        isu_legend=isu_legend, combinations=_combination_table(src, shown), hotspots=hot, hotspot_count=len(hot),
        inflation=_inflation(src, until, kabupaten), desa_note=_desa_note(src, until),
        notes=[plain_text(n) for n in (src.t("konvergensi.pengantar", share=rules.SHARE, minimum=rules.MIN_KECAMATAN),
                                       *(f"{name}: {line}" for name, line, _ in lines), simulasi_note) if n])


def plain_text(markdown: str) -> str:
    """A note of the page as plain text for a download (no Markdown marks or escapes)."""
    return markdown.replace("**", "").replace("\\", "")
