"""What one subscription receives: the changes in its scope that trigger it, a 3–5 line message in Bahasa
Indonesia with a link to the filtered dashboard page, and the files (brief PDF, deck PPTX, share PNG) made by
the same builders as the exports (lib.export.build, lib.export.share), cut to its scope: kabupaten, isu, OPD.

"Changed" compares two assessed frames of the figures (lib.judge.since_apel.states / status_changes, the same
comparison as "sejak apel terakhir"): the figures as they stood at the subscription's previous mark
(lib.db.history.snapshot_at, data age judged on that day) against the published snapshot now. A row triggers
when its status changed or its value turned lama (too old for its periodicity).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlencode

import pandas as pd

from lib import config
from lib.data import queries, responsibility, wilayah
from lib.export import build, model, share
from lib.judge import asuh as asuh_rules
from lib.judge import scorecard, since_apel, status
from lib.text import i18n

LANG = "id"
MAX_LINES = 3  # detail lines in a message (header + details + link: at most 5 lines)
# The pages of app.py by isu (their URL path is their file name in views/).
ISU_PAGES = {"KE": "kemiskinan-ekstrem", "ST": "stunting", "ATS": "anak-tidak-sekolah", "PA": "perkawinan-anak",
             "INF": "inflasi"}


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str


def all_changes(con, mark: datetime, today: date | None = None) -> pd.DataFrame:
    """Every province and kabupaten row whose status changed, or whose value turned lama, since `mark`."""
    before, after, _, _ = since_apel.states(con, mark, today)
    isu_of = dict(queries.indicators(con)[["kode", "isu"]].itertuples(index=False))
    codes = after["indikator"].unique().tolist()
    wilayah = after["wilayah"].unique().tolist()
    changed = since_apel.status_changes(before, after, isu_of, queries.series_breaks(con, codes, wilayah))
    changed = changed[changed["status_berubah"] & changed["status_baru"].notna()].assign(jadi_lama=False)
    was_stale = before.set_index(["indikator", "wilayah"])["lama"].astype(bool).to_dict()
    stale = after[after["lama"].astype(bool) & after["nilai"].notna()]
    stale = stale[[not was_stale.get((i, w), False) for i, w in zip(stale["indikator"], stale["wilayah"])]]
    stale = stale[~stale.set_index(["indikator", "wilayah"]).index.isin(
        changed.set_index(["indikator", "wilayah"]).index)]
    turned = pd.DataFrame({"indikator": stale["indikator"], "wilayah": stale["wilayah"], "nama": stale["nama"],
                           "nama_indikator": stale["nama_indikator"], "satuan": stale["satuan"],
                           "status_baru": stale["status"], "status_lama": stale["status"],
                           "nilai_baru": stale["nilai"], "periode_label_baru": stale["periode_label"],
                           "isu": stale["indikator"].map(isu_of), "jadi_lama": True})
    return pd.concat([changed, turned], ignore_index=True) if not turned.empty else changed.reset_index(drop=True)


def _owned(con, opd: str, cells) -> list[bool]:
    """Whether the OPD answers for each (isu, wilayah) cell (lib.data.responsibility), asked in one query."""
    cells = list(cells)
    frames = responsibility.owners_of(con, cells)
    return [opd in set(frames[cell]["opd"]) for cell in cells]


def in_scope(con, rows: pd.DataFrame, sub: dict) -> pd.DataFrame:
    """The rows a subscription's scope covers: its kabupaten (else the province and every kabupaten), its isu,
    and the cells its OPD answers for (lib.data.responsibility)."""
    kab = list(sub.get("kabupaten") or [])
    keep = rows[rows["wilayah"].isin(kab)] if kab else rows
    if sub.get("isu"):
        keep = keep[keep["isu"] == sub["isu"]]
    if sub.get("opd"):
        keep = keep[_owned(con, sub["opd"], zip(keep["isu"], keep["wilayah"]))]
    return keep.reset_index(drop=True)


def opd_isu(con, opd: str, kabupaten: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The isu an OPD answers for a cell of (lib.data.responsibility): in the given kabupaten, else at the
    province or in any kabupaten. In queries.ISU_ORDER."""
    places = list(kabupaten) or [scorecard.PROVINCE, *queries.kabupaten(con)["kode"]]
    cells = [(isu, w) for isu in queries.ISU_ORDER for w in places]
    owned = {cell for cell, yes in zip(cells, _owned(con, opd, cells)) if yes}
    return tuple(isu for isu in queries.ISU_ORDER if any((isu, w) in owned for w in places))


def scope_isu(con, sub: dict) -> tuple[str, ...]:
    """The isu a subscription's files cover: its isu; an OPD's (opd_isu, within its kabupaten); else all five."""
    if sub.get("isu"):
        return (sub["isu"],)
    if sub.get("opd"):
        return opd_isu(con, sub["opd"], tuple(sub.get("kabupaten") or ()))
    return queries.ISU_ORDER


def scope_name(con, sub: dict) -> str:
    """'Kabupaten Majene', 'Stunting, Kabupaten Majene', 'Stunting, DINKES' … or the province: the isu named
    when the scope covers fewer than all five (an OPD's too), then the OPD, then the kabupaten."""
    names = dict(queries.kabupaten(con)[["kode", "nama"]].itertuples(index=False))
    parts = []
    covered = scope_isu(con, sub)
    if len(covered) < len(queries.ISU_ORDER):
        parts.append(", ".join(i18n.t(f"isu.{code}", LANG) for code in covered))
    if sub.get("opd"):
        parts.append(sub["opd"])
    parts.append(", ".join(f"Kabupaten {names[code]}" if code in names else code for code in sub.get("kabupaten") or [])
                 or i18n.t("kirim.provinsi", LANG))
    return ", ".join(part for part in parts if part)


def link(sub: dict) -> str:
    """The dashboard page of the subscription's scope, filtered (MONITOR41_PUBLIC_URL)."""
    base = config.get("MONITOR41_PUBLIC_URL").rstrip("/")
    kab = list(sub.get("kabupaten") or [])
    params = {}
    if sub.get("isu"):
        page = ISU_PAGES.get(sub["isu"], "")
    elif sub.get("opd") and not sub.get("publik"):
        page, params["opd"] = "opd", sub["opd"]
    else:
        page = "kabupaten" if kab else ""
    if kab:
        params["kab"] = ",".join(kab)
    return f"{base}/{page}" + (f"?{urlencode(params, safe=',')}" if params else "")


def _value(row: pd.Series) -> str:
    return i18n.format_value(row.get("nilai_baru"), row.get("satuan"), LANG)


def _short(name: object) -> str:
    return str(name).replace("Kabupaten ", "") if isinstance(name, str) else ""


def change_line(row: pd.Series) -> str:
    """One changed cell: 'Stunting Majene: Prevalensi balita stunting kini Tercapai (10,0%, 2023); sebelumnya
    Tidak tercapai.'"""
    fields = dict(isu=i18n.t(f"isu.{row['isu']}", LANG) if isinstance(row.get("isu"), str) else "",
                  wilayah=_short(row.get("nama")), indikator=row.get("nama_indikator"), nilai=_value(row),
                  periode=row.get("periode_label_baru") or "")
    if row.get("jadi_lama"):
        return i18n.t("kirim.baris_lama", LANG, **fields)
    return i18n.t("kirim.baris_status", LANG, status=i18n.status_label(row.get("status_baru"), LANG),
                  status_lama=i18n.status_label(row.get("status_lama") if isinstance(row.get("status_lama"), str)
                                                else None, LANG), **fields)


def _lines(details: list[str], header: str, url: str) -> str:
    if len(details) > MAX_LINES:
        details = [*details[:MAX_LINES - 1], i18n.t("kirim.lainnya", LANG, n=len(details) - MAX_LINES + 1)]
    return "\n".join([header, *details, i18n.t("kirim.tautan", LANG, url=url)])


def change_message(con, sub: dict, rows: pd.DataFrame, since: datetime) -> str:
    """The message of a terbit delivery: what changed in the scope since the previous mark."""
    order = rows.assign(_merah=~rows["status_baru"].isin(status.MISSES)).sort_values(["_merah", "isu", "wilayah"],
                                                                                     kind="stable")
    header = i18n.t("kirim.judul_terbit", LANG, lingkup=scope_name(con, sub), n=len(rows),
                    tanggal=i18n.format_date(since.date(), LANG))
    return _lines([change_line(row) for _, row in order.iterrows()], header, link(sub))


def summary_message(con, sub: dict, today: date, frames: dict | None = None) -> str:
    """The message of a scheduled delivery: the scope's headline cells counted by status, then its red ones —
    the cells its files show: the kabupaten's, or the province's; with an isu or an OPD and no kabupaten, the
    province's and every kabupaten's of that isu or that the OPD answers for. `frames`: a dict the round
    shares, so the matrix and the headlines are queried once per round, not once per subscription."""
    frames = {} if frames is None else frames
    if today not in frames:
        frames[today] = (scorecard.province_headlines(con, today=today), scorecard.kabupaten_matrix(con, today=today))
    headlines, matrix = frames[today]
    kab = list(sub.get("kabupaten") or [])
    frame = matrix if kab else headlines
    if not kab and (sub.get("isu") or sub.get("opd")):
        frame = pd.concat([frame, matrix], ignore_index=True)
    frame = in_scope(con, frame, sub)
    labels = [i18n.status_label(s if isinstance(s, str) else None, LANG) for s in frame["status"]]
    tally = ", ".join(f"{labels.count(label)} {label.lower()}" for label in dict.fromkeys(labels))
    red = frame[frame["status"].isin(status.MISSES)]
    count = "kirim.hitungan" if frame["wilayah"].nunique() <= 1 else "kirim.hitungan_sel"
    details = [i18n.t(count, LANG, n=len(frame), rincian=tally or "-")]
    details += [i18n.t("kirim.baris_merah", LANG, isu=i18n.t(f"isu.{row['isu']}", LANG), wilayah=_short(row["nama"]),
                       indikator=row["nama_indikator"], status=i18n.status_label(row["status"], LANG),
                       nilai=i18n.format_value(row["nilai"], row["satuan"], LANG), periode=row["periode_label"] or "")
                for _, row in red.iterrows()] or [i18n.t("kirim.semua_baik", LANG)]
    header = i18n.t("kirim.judul_jadwal", LANG, lingkup=scope_name(con, sub), tanggal=i18n.format_date(today, LANG))
    return _lines(details, header, link(sub))


def due_commitments(notes: pd.DataFrame, sub: dict, today: date) -> pd.DataFrame:
    """Open commitments (cell notes, lib.data.notes) due today or overdue in an internal subscription's scope: its
    kabupaten (and the kecamatan and desa in them), its isu, its OPD (the one that committed or must act). A
    public subscription never hears of notes."""
    if sub.get("publik") or notes.empty:
        return notes.iloc[0:0]
    due = notes[(notes["jenis"] == "komitmen") & (notes["status"] == "terbuka") & notes["tenggat"].notna()]
    due = due[[pd.Timestamp(t).date() <= today for t in due["tenggat"]]]
    kab = list(sub.get("kabupaten") or [])
    if kab:
        due = due[[any(w == k or str(w).startswith(k + ".") for k in kab) for w in due["wilayah"]]]
    if sub.get("isu"):
        due = due[due["isu"] == sub["isu"]]
    if sub.get("opd"):
        due = due[(due["opd_komitmen"] == sub["opd"]) | (due["opd_tujuan"] == sub["opd"])]
    return due


def commitment_message(con, sub: dict, note: pd.Series) -> str:
    """The message of a commitment that fell due: who promised what, for which cell, by when."""
    names = dict(queries.indicators(con)[["kode", "nama"]].itertuples(index=False))
    header = i18n.t("kirim.judul_komitmen", LANG, lingkup=scope_name(con, sub))
    text = str(note["teks"])
    line = i18n.t("kirim.baris_komitmen", LANG, opd=note["opd_komitmen"], isu=i18n.t(f"isu.{note['isu']}", LANG),
                  indikator=names.get(note["indikator"], note["indikator"]),
                  wilayah=_short(wilayah.names_of(con, [note["wilayah"]]).get(note["wilayah"], note["wilayah"])),
                  tenggat=i18n.format_date(pd.Timestamp(note["tenggat"]).date(), LANG),
                  teks=text if len(text) <= 120 else text[:119] + "…", nomor=int(note["id"]))
    return _lines([line], header, link(sub))


def _slug(sub: dict) -> str:
    return "-".join(["monitor41", *(c.replace(".", "") for c in sub.get("kabupaten") or ["76"]),
                     *(x.lower() for x in (sub.get("isu"), sub.get("opd")) if x)])


def _kabupaten_of(wilayah: str) -> str:
    """'76.03' for '76.03', '76.03.01' or a desa below it; '76' for the province."""
    return ".".join(str(wilayah).split(".")[:2])


def scoped_data(con, data: model.DeckData, sub: dict) -> tuple[model.DeckData, tuple[str, ...]]:
    """The deck's query results cut to the subscription's scope, and the isu its files cover. The kabupaten
    cells kept are those in_scope keeps (its kabupaten, its isu, the cells its OPD answers for); the province's
    headlines stay as the frame of reference, for the isu covered only (its isu; an OPD's: those it answers for
    a cell of; else all five). The matrix, the small wins, the actions, the "since the last apel" rows and the
    red cells' owners, the hotspots and the orang tua asuh sums are cut alike, so no other kabupaten or isu reaches a recipient's files (lib.export.build
    filters only the comparison slides by kabupaten, and picks the isu slides by `isu`)."""
    kab, isu, opd = tuple(sub.get("kabupaten") or ()), sub.get("isu"), sub.get("opd")
    if not (kab or isu or opd):
        return data, queries.ISU_ORDER
    cells = in_scope(con, data.matrix, sub)
    pairs, shown = set(zip(cells["isu"], cells["wilayah"])), scope_isu(con, sub)

    isu_of = dict(queries.indicators(con)[["kode", "isu"]].itertuples(index=False))

    def cut(frame: pd.DataFrame | None, below: bool = False) -> pd.DataFrame | None:
        """Rows of an isu covered (its own column, else its indicator's), at the province or in a kept kabupaten
        cell (below: or in its kecamatan and desa)."""
        if frame is None or "wilayah" not in frame:
            return frame
        codes = frame["isu"] if "isu" in frame else frame["indikator"].map(isu_of)
        place = [_kabupaten_of(w) if below else w for w in frame["wilayah"]]
        keep = [i in shown and (w == scorecard.PROVINCE or (i, w) in pairs) for i, w in zip(codes, place)]
        return frame[keep]

    comparison = data.since
    if comparison is not None:
        changes = cut(comparison.changes)
        comparison = replace(comparison, changes=changes, movement=since_apel.movement(changes))
    follow = data.follow_up
    if follow is not None:
        follow = replace(follow, items=cut(follow.items, below=True))
    places = {w for _, w in pairs}
    hot = data.hotspots  # the kecamatan of the kabupaten kept (the deck leaves the slide out when isu are cut)
    if hot is not None:
        hot = replace(hot, items=hot.items[hot.items["wilayah"].map(_kabupaten_of).isin(places)])
    care = data.asuh  # orang tua asuh: the province's sums, the kabupaten kept, the OPD's own ASN
    if care is not None:
        by_opd = care.by_opd
        if opd:
            by_opd = by_opd[(by_opd["tingkat"] != asuh_rules.OPD) | (by_opd["kode"] == opd)]
        by_kab = care.by_kabupaten
        care = replace(care, by_opd=by_opd,
                       by_kabupaten=by_kab[(by_kab["tingkat"] != asuh_rules.KABUPATEN) | by_kab["kode"].isin(places)],
                       commitments=care.commitments[care.commitments["wilayah"].isin({scorecard.PROVINCE, *places})])
    covered = data.headlines["isu"].isin(shown)
    return replace(data, hotspots=hot, asuh=care, headlines=data.headlines[covered], matrix=cut(data.matrix), wins=cut(data.wins),
                   actions=cut(data.actions, below=True), overview=data.overview[data.overview["kode"].isin(shown)],
                   owners={key: value for key, value in data.owners.items() if key in pairs}, since=comparison,
                   substitutes=None if data.substitutes is None else data.substitutes[
                       data.substitutes["isu"].isin(shown)], follow_up=follow), shown


def attachments(con, sub: dict, today: date | None = None, loaded: model.DeckData | None = None) -> list[Attachment]:
    """The files the subscription asked for, built from the figures by the exports' own builders, cut to its
    scope (scoped_data: kabupaten, isu, OPD), public in any case (lib.export.model.public_data). `loaded`: the
    deck's queries already run on the same figures (a round runs them once: lib.export.model.load)."""
    wanted = [item for item in sub.get("isi") or [] if item != "teks"]
    if not wanted:
        return []
    kab = tuple(sub.get("kabupaten") or ())
    data, shown = scoped_data(con, loaded if loaded is not None else model.load(con), sub)
    stem, day = _slug(sub), f"{(today or date.today()):%Y%m%d}"
    files = []
    if "brief" in wanted:
        files.append(Attachment(f"{stem}-{day}.pdf", build.pdf(data, LANG, kab, shown), "application/pdf"))
    if "deck" in wanted:
        files.append(Attachment(f"{stem}-{day}.pptx", build.pptx(data, LANG, kab, shown),
                                "application/vnd.openxmlformats-officedocument.presentationml.presentation"))
    if "png" in wanted:
        for key, image in share_images(model.build_deck(data, LANG, kab, today, shown), sub):
            files.append(Attachment(f"{stem}-{day}{'-' + key.lower() if key else ''}.png", image, "image/png"))
    return files


def share_images(deck: model.Deck, sub: dict) -> list[tuple[str, bytes]]:
    """The share images of a scope: its isu's slide (an isu, or an OPD that answers for one isu only); for
    kabupaten or an OPD, the slide of each isu with a red cell in it (none red: the headline row); for the
    province, the headline row. (key, PNG) pairs."""
    slides = [s for s in deck.slides if s.kind == "isu"]
    if sub.get("isu") or len(slides) == 1:
        chosen = [s for s in slides if s.key == sub["isu"]] if sub.get("isu") else slides
    elif sub.get("kabupaten") or sub.get("opd"):
        chosen = [s for s in slides if any(f.status in status.MISSES for f in s.figures)]
    else:
        chosen = []
    if not chosen:
        return [("", share.headline_image(deck.slides[0], LANG))]
    return [(s.key, share.slide_image(s, LANG)) for s in chosen]
