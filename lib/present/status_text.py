"""What every status says beside itself, as text: against which target (value, year, basis), how old the
value is, which way it moved, and the colour it is drawn in. Pure functions over one assessed row
(lib.judge.scorecard.assess); used by cards, matrix, tables, gauges, slides and exports alike.
"""
from __future__ import annotations

import pandas as pd

from lib.access import privacy
from lib.judge import status
from lib.text import i18n, periods

CHANGE_COLORS = {status.MEMBAIK: status.STATUS_COLORS[status.TERCAPAI],
                 status.MEMBURUK: status.STATUS_COLORS[status.TIDAK_TERCAPAI],
                 status.TETAP: "#5B6770"}


def _get(row, key):
    value = row.get(key) if hasattr(row, "get") else None
    return None if i18n.is_missing(value) else value


def _band_or_value(low, high, satuan: str, lang: str) -> str:
    if high is None:
        return i18n.format_value(low, satuan, lang)
    return f"{i18n.format_number(low, 1, lang)}–{i18n.format_value(high, satuan, lang, decimals=1)}"


def target_text(row, lang: str = "id") -> str:
    """'Target provinsi 28,49% (2022) · BKKBN (Perpres 72/2021)'; '' when no documented target judges it.
    A target that public mode hid as a small count (lib.access.privacy) reads '< 5'."""
    hidden = bool(_get(row, "target_disamarkan"))
    if _get(row, "target") is None and not hidden:
        return ""
    band = _get(row, "target_atas") is not None
    kind = i18n.t(f"target.{'sasaran' if band else 'cakupan'}.{_get(row, 'target_cakupan') or 'wilayah'}", lang)
    value = privacy.SUPPRESSED_TEXT if hidden else _band_or_value(row["target"], _get(row, "target_atas"),
                                                                  row["satuan"], lang)
    return i18n.t("target.teks", lang, jenis=kind, tahun=_get(row, "target_tahun"), rujukan=_get(row, "target_rujukan"),
                  nilai=value)


def reference_text(row, lang: str = "id") -> str:
    """'6% (2030) disampaikan Kepala Bapperida Sulbar (31-07-2025), bukan target resmi'; '' without one."""
    if _get(row, "acuan") is None:
        return ""
    return i18n.t("target.acuan", lang, tahun=_get(row, "acuan_tahun"), rujukan=_get(row, "acuan_rujukan"),
                  nilai=_band_or_value(row["acuan"], _get(row, "acuan_atas"), row["satuan"], lang))


def line_label(target, lang: str = "id") -> str:
    """Label of a target line on a trend chart (a lib.data.queries.targets row): 'Target provinsi · BKKBN (…)',
    'Target nasional · Perpres 72/2021', or 'Disampaikan Bupati …, bukan target resmi' for a pernyataan."""
    if target["dasar"] == "pernyataan":
        return i18n.t("target.acuan_garis", lang, rujukan=target["rujukan"])
    scope = "nasional" if target["lingkup"] == "nasional" else \
        "provinsi" if target["target_wilayah"] == "76" else "kabupaten"
    return i18n.t("target.garis", lang, jenis=i18n.t(f"target.cakupan.{scope}", lang), rujukan=target["rujukan"])


def basis_text(row, lang: str = "id") -> str:
    """The target text, else the stated reference, else ''."""
    return target_text(row, lang) or reference_text(row, lang)


def age_key(key: str, n: int) -> str:
    """The string key of an age of n years or months: its singular twin (`<key>_1`) for one."""
    return f"{key}_1" if n == 1 else key


def age_text(row, lang: str = "id") -> str:
    """'data 2022 · 4 tahun lalu' ('… 4 bulan lalu' under a year); '' without a value."""
    if _get(row, "usia_bulan") is None or _get(row, "periode_label") is None:
        return ""
    months = int(row["usia_bulan"])
    if _get(row, "periode_jenis") == periods.ANNOUNCED:  # the label already says "tahun data tidak diketahui, …"
        key, n = ("usia.diumumkan_bulan", months) if months < 12 else ("usia.diumumkan_tahun", int(row["usia_tahun"]))
        return i18n.t(age_key(key, n), lang, periode=row["periode_label"], n=n)
    if months < 12:
        return i18n.t(age_key("usia.bulan", months), lang, periode=row["periode_label"], n=months)
    years = int(row["usia_tahun"])
    return i18n.t(age_key("usia.tahun", years), lang, periode=row["periode_label"], n=years)


def status_word(row, lang: str = "id") -> str:
    """The status label; 'Tanpa target resmi' for a value no documented target judges; 'Tidak ada data'."""
    if _get(row, "nilai") is None:
        return i18n.status_label(None, lang)
    code = _get(row, "status")
    return i18n.status_label(code, lang) if code else i18n.t("status.tanpa_target_resmi", lang)


def scope_text(row, lang: str = "id") -> str:
    """'target provinsi' / 'target nasional' when the target that judges (or is named for) a value is not the
    wilayah's own; '' otherwise. Shown on the cell, bar and grid themselves, not only in tooltips."""
    scope = _get(row, "target_cakupan")
    if _get(row, "target") is None or scope in (None, "wilayah"):
        return ""
    return i18n.t(f"target.cakupan.{scope}", lang).lower()


def verdict_detail(row, lang: str = "id") -> str:
    """Why a neutral status is neutral, in the words of its decision-table row (lib.judge.targets):
    'menuju target 14% (2024): masih 4,2 poin' / 'data terakhir 2022, target 2024'; '' for a judged one."""
    code, rule = _get(row, "status"), _get(row, "aturan")
    if code not in status.NEUTRAL:
        return ""
    if rule == "periode_tak_diketahui":  # the age text beside it names the announcement day
        return "" if bool(_get(row, "lama")) else i18n.t("status.detail_periode", lang)
    if _get(row, "target") is None:
        return ""
    target = _band_or_value(row["target"], _get(row, "target_atas"), row["satuan"], lang)
    if code == status.BELUM_ADA_TARGET_ANTARA:
        distance = _get(row, "jarak_target")
        return i18n.t("status.detail_antara", lang, target=target, tahun=_get(row, "target_tahun"),
                      jarak=i18n.format_value(distance, row["satuan"], lang) if distance is not None else i18n.MISSING)
    return i18n.t("status.detail_lewat", lang, periode=_get(row, "periode_label"), target=target,
                  tahun=_get(row, "target_tahun"))


def status_chip(row, lang: str = "id", with_scope: bool = True) -> str:
    """The short status for a cell, bar, chip or grid: the word, then 'target provinsi' and 'lama' when they
    apply ('Tidak tercapai · target provinsi · lama'). Without the scope for a chip whose target line stands
    right under it (the exports' cards); bars and grids carry the scope themselves (Figure.scope)."""
    parts = [status_word(row, lang), scope_text(row, lang) if with_scope else ""]
    if bool(_get(row, "lama")) and _get(row, "nilai") is not None:
        parts.append(i18n.t("status.lama", lang))
    return " · ".join(p for p in parts if p)


def status_line(row, lang: str = "id") -> str:
    """The status with everything that qualifies it: 'Tidak tercapai · target provinsi · lama, data 2022 · 4 tahun
    lalu'; a neutral status with its reason ('Belum bisa dinilai: data terakhir 2022, target 8,74% (2024)')."""
    word = status_word(row, lang)
    detail = verdict_detail(row, lang)
    parts = [f"{word}: {detail}" if detail else word, scope_text(row, lang)]
    if bool(_get(row, "lama")) and age_text(row, lang):
        parts.append(i18n.t("status.lama_usia", lang, usia=age_text(row, lang)))
    return " · ".join(p for p in parts if p)


def status_fill(row) -> str:
    """Fill colour of a status: its colour, muted when a judged value is lama; light grey without a target."""
    code = _get(row, "status")
    if code is None:
        return status.NO_TARGET_COLOR if _get(row, "nilai") is not None else status.status_color(None)
    colour = status.status_color(code)
    return status.muted_color(colour) if bool(_get(row, "lama")) and code in status.JUDGED else colour


def _change_core(row, lang: str) -> str:
    """'▲ 0,71 poin, memburuk': arrow by the sign, word by the indicator's arah."""
    delta, direction = _get(row, "selisih"), _get(row, "perubahan")
    if delta is None or direction is None:
        return ""
    arrow = "▲" if delta > 0 else "▼" if delta < 0 else "="
    magnitude = i18n.format_delta(abs(delta), row["satuan"], lang).lstrip("+")
    return i18n.t("perubahan.teks", lang, panah=arrow, delta=magnitude, arah=i18n.t(f"perubahan.{direction}", lang))


def break_note(crossed: object, lang: str) -> str:
    """' (putus seri: SKI 2023 → SSGI 2024, survei berbeda …)' after a change across a series break; '' without one.
    The break's own words (putus_seri.keterangan) are Indonesian: other languages get the general phrase."""
    if i18n.is_missing(crossed) or not crossed:
        return ""
    if lang == i18n.DEFAULT_LANG:
        return f" ({i18n.t('perubahan.putus_seri', lang, keterangan=crossed)})"
    return f" ({i18n.t('perubahan.putus_seri_umum', lang)})"


def _break_note(row, lang: str) -> str:
    return break_note(_get(row, "putus_seri"), lang)


def change_text(row, lang: str = "id") -> str:
    """'▲ 0,71 poin, memburuk' / '▼ 6,01 poin, membaik': the arrow is the value's direction only, the word (by the
    indicator's arah) says better or worse; a change across a series break names it ('(putus seri: SKI 2023 →
    SSGI 2024, survei berbeda …)'), so another survey never reads as a like-for-like move."""
    core = _change_core(row, lang)
    return core + _break_note(row, lang) if core else ""


def change_color(row) -> str:
    """Green for an improvement, red for a worsening, grey for no change (by the indicator's arah)."""
    return CHANGE_COLORS.get(_get(row, "perubahan"), CHANGE_COLORS[status.TETAP])


def change_since_text(row, lang: str = "id", cite_other: bool = True) -> str:
    """'▲ 0,71 poin, memburuk sejak 2023', naming the previous value's source when it is another one."""
    change = _change_core(row, lang)
    if not change:
        return ""
    text = i18n.t("perubahan.sejak", lang, perubahan=change, periode=_get(row, "periode_sebelumnya"))
    if _get(row, "putus_seri"):
        return text + _break_note(row, lang)
    other = _get(row, "sumber_sebelumnya")
    if cite_other and other_source(row):
        text += f" ({i18n.t('perubahan.sumber_lain', lang, periode=_get(row, 'periode_sebelumnya'), sumber=other)})"
    return text


def other_source(row) -> str | None:
    """The previous value's source when it differs from the latest value's (the change spans two sources)."""
    other = _get(row, "sumber_sebelumnya")
    return other if other and other != _get(row, "sumber") else None


def share_text(row, lang: str = "id") -> str:
    """'21% dari 3.724 anak (Anak tidak sekolah terkonfirmasi)': a count as a share of its SHARE_OF count."""
    whole = _get(row, "bagian_penyebut")
    if whole is None or not whole or _get(row, "nilai") is None:
        return ""
    return i18n.t("bagian.teks", lang, pct=i18n.format_value(row["nilai"] / whole * 100, "persen", lang, decimals=0),
                  penyebut=i18n.format_value(whole, row["satuan"], lang), nama=_get(row, "bagian_nama"))


def older_values_text(frame: pd.DataFrame, lang: str = "id") -> str:
    """For a ranking across wilayah: '' when all values share one period, else which values are older than
    the latest ('Periode tidak sama: nilai terbaru 2023; lebih lama: Majene (2022), …')."""
    shown = frame[frame["nilai"].notna()]
    if shown["periode"].nunique() <= 1:
        return ""
    latest = pd.to_datetime(shown["tanggal"]).max()
    newest = shown[pd.to_datetime(shown["tanggal"]) == latest]["periode_label"].iloc[0]
    older = shown[pd.to_datetime(shown["tanggal"]) < latest]
    listed = ", ".join(f"{n} ({p})" for n, p in zip(older["nama"], older["periode_label"]))
    return i18n.t("peringkat.periode_beda", lang, terbaru=newest, daftar=listed)
