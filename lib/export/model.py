"""The apel deck as data: slides with title, headline, kabupaten comparison, OPD, latest action, sources and
periods. The Presentasi screen, the PowerPoint file, the PDF briefing and the share images all draw this."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pandas as pd

from lib.access import privacy
from lib.data import convergence as convergence_data
from lib.data import notes, queries, responsibility
from lib.data import wilayah as wilayah_names
from lib.db import record, simulation
from lib.export import asuh as asuh_slide
from lib.export import narrative, since
from lib.export.adapter import Figure, figures, period_label
from lib.judge import convergence, headlines, scorecard, since_apel, status
from lib.present import since_text
from lib.text import i18n

# A bar label names its period up to this length; a longer one (an announcement day) is said once in the caption.
LABEL_PERIOD_MAX = 16


FOLLOW_UP = "tindak_lanjut"  # the follow-up slide's kind and key (issue 21), before the closing slide
FOLLOW_UP_ROWS = 4  # rows at hall size (24 pt, up to two lines each, under the counts); the rest counted in one line
# What the follow-up slide may carry: the cell, the OPD, the kind and the age — never a note's text or author
# (free text typed by users, withheld like a tindakan's; lib.access.privacy).
FOLLOW_UP_COLUMNS = ["jenis", "isu", "indikator", "nama_indikator", "nama_indikator_en", "wilayah", "nama_wilayah",
                     "periode", "opd", "opd_singkatan", "hari"]


@dataclass(frozen=True)
class FollowUp:
    """The cell notes an apel follows up (lib.data.notes): read only for an internal deck — a signed-in user
    on an internal instance, or the command line on the record without MONITOR41_PUBLIC — never in public."""

    items: pd.DataFrame  # notes.follow_up with the names of its cells and OPDs (FOLLOW_UP_COLUMNS)
    counts: dict | None = None  # notes.counts_since the last apel; None without an apel


HOTSPOTS = "konvergensi"  # the hotspot slide's kind and key (issue 23), after the isu slides
HOTSPOT_ROWS = 3  # rows at hall size; the rest counted in one line, listed in the speaker notes
HOTSPOT_NOTES = 12  # hotspots named in the speaker notes, with their OPDs per isu
# What the hotspot slide carries: positions and tallies of isu, OPD names, counts of actions — never an action's text.
HOTSPOT_COLUMNS = ["wilayah", "nama", "nama_induk", "kombinasi", "jumlah_isu", "jumlah_isu_data", "jumlah_simulasi",
                   "jumlah_tindakan", "pemilik"]


@dataclass(frozen=True)
class Hotspots:
    """The konvergensi count (lib.judge.convergence) as the deck shows it: the hotspot list, no action first."""

    items: pd.DataFrame  # HOTSPOT_COLUMNS; `pemilik`: per isu, (isu, Owners) — for the first HOTSPOT_NOTES
    counted: tuple[str, ...] = ()  # the isu counted (enough kecamatan rates to rank)
    simulated: tuple[str, ...] = ()  # those resting on simulated values
    basis: pd.DataFrame | None = None  # per counted isu: its source and period (the slide's sources)


@dataclass(frozen=True)
class FollowItem:
    """One row of the follow-up slide."""

    kind: str  # pertanyaan | koreksi | komitmen
    cell: str  # 'Majene — Prevalensi stunting (Stunting, 2022)'
    opd: str  # the OPD short name that must answer, or that committed
    age: str  # 'Pertanyaan, 12 hari' / 'Komitmen, lewat 5 hari'
    days: int


@dataclass(frozen=True)
class DeckData:
    """The query results behind a deck: the same frames the Ringkasan and Presentasi screens show."""

    headlines: pd.DataFrame  # scorecard.province_headlines
    matrix: pd.DataFrame  # scorecard.kabupaten_matrix
    wins: pd.DataFrame  # scorecard.small_wins
    actions: pd.DataFrame  # queries.latest_actions
    overview: pd.DataFrame  # queries.isu_overview (coordinating OPD)
    until: date | None = None
    owners: dict[tuple[str, str], tuple] = field(default_factory=dict)  # red cell -> red_cell_owners (named, inferred)
    since: since_apel.Comparison | None = None  # against the latest apel; None when none is recorded
    substitutes: pd.DataFrame | None = None  # lib.judge.headlines.substitutes: kabupaten indicator ≠ headline
    follow_up: FollowUp | None = None  # None: no follow-up slide (public, or notes not read)
    hotspots: Hotspots | None = None  # None: no hotspot slide (lib.judge.convergence not read)
    asuh: asuh_slide.AsuhData | None = None  # the orang tua asuh sums (public form); None: no slide


@dataclass(frozen=True)
class Action:
    """The satgas' latest recorded action for an isu."""

    title: str
    period: str
    place: str
    opd: str
    source: str


@dataclass(frozen=True)
class Slide:
    kind: str  # pembuka | isu | konvergensi | asuh | tindak_lanjut | penutup
    key: str  # "pembuka", an isu code, or "penutup"
    title: str
    subtitle: str = ""
    headline: Figure | None = None
    figures: tuple[Figure, ...] = ()  # pembuka: the five headlines; isu: the kabupaten comparison
    comparison_title: str = ""
    opd: str | None = None
    action: Action | None = None
    lines: tuple[str, ...] = ()  # pembuka: narrative; penutup: small wins
    sources: tuple[str, ...] = ()  # "source (period, period)", one per source
    unit: str = ""  # satuan and arah of the kabupaten comparison's indicator
    arah: str = "turun"
    lang: str = "id"
    since: tuple[str, ...] = ()  # penutup: the "sejak apel terakhir" summary
    note: str = ""  # isu: why the kabupaten comparison shows another indicator than the headline
    missing: tuple[str, ...] = ()  # isu: kabupaten in the comparison without an official value, by name
    items: tuple[FollowItem, ...] = ()  # tindak_lanjut: worst first, at most FOLLOW_UP_ROWS; konvergensi: hotspots
    more: str = ""  # tindak_lanjut: '… dan 3 lagi', or the one line saying there is nothing to follow up
    speaker: tuple[str, ...] = ()  # konvergensi: each hotspot's OPDs per isu, for the speaker notes
    progress: str = ""  # asuh: the children's progress after six months (official rows only)
    caveat: str = ""  # asuh: the simulasi caveat (simulated rows counted, never shown as figures)

    @property
    def missing_line(self) -> str:
        """'Tanpa data: Mamuju, Mamasa': the kabupaten the comparison cannot show, named in one line."""
        return i18n.t("ekspor.tanpa_data_daftar", self.lang, daftar=", ".join(self.missing)) if self.missing else ""

    @property
    def target_legend(self) -> str:
        """The targets and stated references the kabupaten comparison is read against, each once."""
        return "; ".join(sorted({x for f in self.figures for x in (f.target_text, f.reference) if x}))

    @property
    def owners_line(self) -> str:
        """'OPD pemilik sel tidak tercapai: Majene — Dinkes, Dinas Koperindag dan UKM; …'; '' without one."""
        named = [f"{f.nama} — {f.owners}" for f in self.figures if f.owners]
        return i18n.t("ekspor.pemilik_merah", self.lang, daftar="; ".join(named)) if named else ""

    @property
    def comparison_lines(self) -> str:
        """The lines between the comparison's title and its chart: the other-indicator note, the owners."""
        return "\n".join(x for x in (self.note, self.owners_line) if x)

    def chart_caption(self, marked: bool, references: bool = True) -> str:
        """The line under the kabupaten comparison: periods too long for a bar's label, named once ('Periode:
        tahun data tidak diketahui, diumumkan 1 September 2023'), the targets it is judged by, short ('Target
        provinsi 23,52% (2023)'; with '▮ ' where the chart draws them), then (unless left out for room) stated
        figures that are no target."""
        long = sorted({f.period for f in self.figures if len(f.period) > LABEL_PERIOD_MAX})
        periods = i18n.t("ekspor.periode_grafik", self.lang, periode="; ".join(long)) if long else ""
        targets = self.targets_text
        stated = "; ".join(sorted({f.reference for f in self.figures if f.reference})) if references else ""
        return "; ".join(x for x in (periods, f"▮ {targets}" if targets and marked else targets, stated) if x)

    @property
    def targets_text(self) -> str:
        """The targets the kabupaten comparison is judged by, short and each once ('Target provinsi 23,52% (2023)')."""
        return "; ".join(sorted({short_target(f) for f in self.figures if f.target is not None and f.target_text}))

    @property
    def action_line(self) -> str:
        """'Dinkes: Rencana lokus Pasti Padu 2026': who acts and the latest action, in one line for the hall."""
        a = self.action
        return f"{short_opd(self.opd)}: " + (a.title if a else i18n.t("ekspor.tanpa_tindakan", self.lang))

    @property
    def status_key(self) -> tuple[tuple[str, str], ...]:
        """(colour, words) for each colour the kabupaten comparison shows ('Tercapai · lama' for a muted one): the
        key every renderer prints, so no colour goes without words. Kabupaten without data have their own line
        (missing_line), and no surface draws a map of them, so the key has no grey "no data" entry."""
        return tuple(dict.fromkeys((f.color, " · ".join(w for w in (f.status_word, f.stale_word) if w))
                                   for f in self.figures))

    @property
    def ranked(self) -> list[Figure]:
        """The kabupaten best first, as the screens rank: lowest for turun, highest for naik, nearest the band for
        rentang (the order of every comparison: slide bars, share image)."""
        target, upper = self.shared_target
        if self.arah == "rentang" and target is not None:
            def distance(f: Figure) -> float:
                return max(target - f.value, 0) + max(f.value - (upper if upper is not None else target), 0)
            return sorted(self.figures, key=distance)
        return sorted(self.figures, key=lambda f: -f.value if self.arah == "naik" else f.value)

    @property
    def shared_target(self) -> tuple[float | None, float | None]:
        """(target, upper) when every kabupaten in the comparison is judged by the same one, else (None, None)."""
        targets = {(f.target, f.target_upper) for f in self.figures}
        return targets.pop() if len(targets) == 1 else (None, None)


@dataclass(frozen=True)
class Deck:
    title: str
    date_text: str
    lang: str
    slides: tuple[Slide, ...]
    narrative: tuple[str, ...] = field(default=())
    since: tuple[str, ...] = ()  # the "sejak apel terakhir" summary (also on the closing slide)
    isu: tuple[str, ...] = queries.ISU_ORDER  # the isu the deck covers: its opening tiles, isu slides, brief columns


def short_target(f: Figure) -> str:
    """'Target nasional 0,0% (2024)': the target (or stated figure, or share) without its basis, for hall-sized
    text; the basis stays in the speaker notes and the PDF."""
    return (f.target_text or f.reference or f.share or "").split(" · ")[0]


def short_opd(opd: str | None) -> str:
    """'Dinkes' from 'Dinas Kesehatan (Dinkes)': the short name the hall knows."""
    if not opd:
        return i18n.MISSING
    return opd[opd.rindex("(") + 1:-1] if opd.endswith(")") and "(" in opd else opd


OWNERS_SHOWN = 2
RED = status.MISSES  # statuses whose cells name their owner OPDs


Owners = tuple[tuple[str, ...], tuple[str, ...]]  # (OPDs named for the cell, OPDs inferred from its kecamatan)


def red_cell_owners(con, matrix: pd.DataFrame) -> dict[tuple[str, str], Owners]:
    """(isu, wilayah) -> (('Dinkes',), ('Dinas Koperindag dan UKM',)) for every current (not lama) off-track
    official cell: the OPDs recorded for it, and those only inferred from its kecamatan
    (lib.data.responsibility). A lama cell is not a current red cell and names no owner."""
    stale = matrix["lama"].fillna(False).astype(bool) if "lama" in matrix else False
    red = matrix[matrix["status"].isin(RED) & (matrix["jenis"] == "resmi") & ~stale]
    frames = responsibility.owners_of(con, zip(red["isu"], red["wilayah"]))
    found = {}
    for isu, wilayah in zip(red["isu"], red["wilayah"]):
        owners = frames[(isu, wilayah)]
        inferred = owners["disimpulkan"].astype(bool)
        found[(isu, wilayah)] = (tuple(owners.loc[~inferred, "singkatan"]), tuple(owners.loc[inferred, "singkatan"]))
    return found


def owners_text(owners: Owners | None, lang: str) -> str | None:
    """'Dinkes; Dinas Koperindag dan UKM (disimpulkan dari kecamatan)': at most OWNERS_SHOWN names of each kind."""
    if not owners:
        return None
    named, inferred = owners
    parts = [_short_list(list(named))] if named else []
    if inferred:
        parts.append(f"{_short_list(list(inferred))} ({i18n.t('pemilik.disimpulkan', lang)})")
    return "; ".join(parts) or None


def _short_list(names: list[str]) -> str:
    """'Dinkes, Biro Hukum +4': at most OWNERS_SHOWN names, so a slide row stays one line or two."""
    more = len(names) - OWNERS_SHOWN
    return ", ".join(names[:OWNERS_SHOWN]) + (f" +{more}" if more > 0 else "")


def load(con, until: date | None = None, follow_up: bool = False) -> DeckData:
    """Run the deck's queries once; with follow_up (an internal deck from the record, which holds the notes
    tables), the cell notes to follow up too (none in a record from before the notes, schema < 6)."""
    matrix = scorecard.kabupaten_matrix(con, until)
    comparison = since.load(con, until)
    found = None
    if follow_up and "catatan" in record.table_names(con):
        found = load_follow_up(con, con, comparison.moment if comparison is not None else None)
    return DeckData(scorecard.province_headlines(con, until), matrix, scorecard.small_wins(con, until),
                    queries.latest_actions(con, until), queries.isu_overview(con), until,
                    red_cell_owners(con, matrix), comparison, headlines.substitutes(con, until), found,
                    load_hotspots(con, until), asuh_slide.load(con))


def load_hotspots(con, until: date | None = None, today: date | None = None) -> Hotspots:
    """The hotspot list of the whole province (lib.judge.convergence), no action first, with the OPDs to call
    for the first HOTSPOT_NOTES (lib.data.responsibility: coordinators and area OPDs, inferred ones marked)."""
    values = convergence_data.kecamatan_values(con, list(convergence.COUNTED_ISU), until)
    basis = convergence.choose(values, today or date.today())
    used = basis[basis["keadaan"] == convergence.DIPAKAI]
    table = convergence.hotspots(convergence_data.kecamatan(con), convergence.flags(values, basis))
    listed = convergence.hotspot_list(table, convergence_data.kecamatan_actions(con, until))
    noted = list(zip(listed["wilayah"], listed["isu_terburuk"]))[:HOTSPOT_NOTES]
    frames = responsibility.owners_of(con, [(isu, code) for code, worst in noted for isu in worst])
    owners = []
    for i, (code, worst) in enumerate(zip(listed["wilayah"], listed["isu_terburuk"])):
        found = []
        for isu in worst if i < HOTSPOT_NOTES else ():
            frame = frames[(isu, code)]
            inferred = frame["disimpulkan"].astype(bool)
            found.append((isu, (tuple(frame.loc[~inferred, "singkatan"]), tuple(frame.loc[inferred, "singkatan"]))))
        owners.append(tuple(found))
    items = listed.assign(pemilik=owners).reindex(columns=HOTSPOT_COLUMNS)
    sources = used.reindex(columns=["isu", "sumber", "periode_label", "periode_label_en", "jenis"])
    return Hotspots(items, tuple(used["isu"]), tuple(used.loc[used["jenis"] == convergence.SIMULASI, "isu"]),
                    sources.reset_index(drop=True))


def load_follow_up(notes_con, con, moment: datetime | None, today: date | None = None) -> FollowUp:
    """The follow-up list and the counts since `moment` from the notes (notes_con: the record, or the app's
    notes file), named from the figures (con). Notes are as of today, whatever the deck's date filter."""
    frame = notes.follow_up(notes_con, today)
    counts = notes.counts_since(notes_con, moment, today) if moment is not None else None
    names = wilayah_names.names_of(con, sorted(set(frame["wilayah"]))) if not frame.empty else {}
    return FollowUp(follow_up_names(frame, queries.indicators(con), names, queries.opd_list(con)), counts)


def follow_up_names(frame: pd.DataFrame, indicators: pd.DataFrame, wilayah_names: dict[str, str],
                    opds: pd.DataFrame) -> pd.DataFrame:
    """lib.data.notes.follow_up with the names the slide shows (FOLLOW_UP_COLUMNS only: no text, no author)."""
    if frame.empty:
        return pd.DataFrame(columns=FOLLOW_UP_COLUMNS)
    named = indicators.set_index("kode")
    english = named["nama_en"] if "nama_en" in named else named["nama"]
    short = dict(zip(opds["kode"], opds["singkatan"]))
    out = frame.assign(nama_indikator=frame["indikator"].map(named["nama"]).fillna(frame["indikator"]),
                       nama_indikator_en=frame["indikator"].map(english).fillna(frame["indikator"]),
                       nama_wilayah=frame["wilayah"].map(wilayah_names).fillna(frame["wilayah"])
                       .str.replace(r"^Kabupaten ", "", regex=True),  # 'Majene', as the deck names kabupaten
                       opd_singkatan=frame["opd"].map(short))
    return out.reindex(columns=FOLLOW_UP_COLUMNS).reset_index(drop=True)


def sources_of(shown: list[Figure]) -> tuple[str, ...]:
    """One entry per source, with the periods of the values it gives: 'BPS (2023, 2024)'."""
    by_source: dict[str, list[str]] = {}
    for f in shown:
        if f.has_value and f.source:
            periods = by_source.setdefault(f.source, [])
            if f.period not in periods:
                periods.append(f.period)
    return tuple(f"{source} ({', '.join(periods)})" for source, periods in by_source.items())


def _action(actions: pd.DataFrame, isu: str, lang: str) -> Action | None:
    rows = actions[actions["isu"] == isu]
    if rows.empty:
        return None
    r = rows.iloc[0]
    opd = r["opd"] if not i18n.is_missing(r["opd"]) else ""
    period, place = period_label(r["periode"], r["periode_label"], lang), str(r["nama_wilayah"])
    # The deck is public: a tindakan's title is withheld (lib.access.privacy), so the slide says an action
    # was recorded, when and where, never its free text.
    title = r["judul"] if isinstance(r["judul"], str) and r["judul"] else \
        i18n.t("ekspor.tindakan_publik", lang, periode=period, tempat=place)
    return Action(title, period, place, str(opd), str(privacy.public_source(r["sumber"])))


def _opd(overview: pd.DataFrame, isu: str) -> str | None:
    rows = overview[overview["kode"] == isu]
    return None if rows.empty else f"{rows.iloc[0]['opd_koordinator']} ({rows.iloc[0]['opd_singkatan']})"


def isu_slide(data: DeckData, isu: str, kabupaten: tuple[str, ...], lang: str) -> Slide:
    """One isu: province headline, kabupaten comparison (official values with targets and periods), OPD, action."""
    head = figures(data.headlines[data.headlines["isu"] == isu], lang)[0]
    rows = data.matrix[data.matrix["isu"] == isu]
    if kabupaten:
        rows = rows[rows["wilayah"].isin(kabupaten)]
    every = figures(rows, lang)
    kab = tuple(replace(f, owners=owners_text(data.owners.get((f.isu, f.wilayah)), lang))
                for f in every if f.has_value)
    missing = tuple(f.nama for f in every if not f.has_value)
    name = rows["nama_indikator"].iloc[0] if len(rows) else head.nama_indikator
    unit, arah = (rows["satuan"].iloc[0], rows["arah"].iloc[0]) if len(rows) else ("", "turun")
    action = _action(data.actions, isu, lang)
    sources = sources_of([head, *kab])
    if action is not None:
        sources += (f"{action.source} ({action.period})",)
    title, note = _comparison_title(data, isu, rows, name, lang)
    # the isu as the title, and beside it the headline indicator the figure on the left counts
    return Slide("isu", isu, i18n.t(f"isu.{isu}", lang), head.nama_indikator, head, kab, title,
                 _opd(data.overview, isu), action,
                 sources=sources, unit=str(unit), arah=str(arah), lang=lang, note=note, missing=missing)


def _comparison_title(data: DeckData, isu: str, rows: pd.DataFrame, name: str, lang: str) -> tuple[str, str]:
    """The kabupaten comparison's title, and the note when its indicator is not the isu's headline
    ('Kemiskinan (P0), bukan kemiskinan ekstrem — per kabupaten'; lib.judge.headlines)."""
    code = rows["indikator"].iloc[0] if len(rows) else headlines.KABUPATEN_INDICATOR.get(isu)
    if code is None or headlines.is_headline(isu, code):
        return i18n.t("ekspor.per_kabupaten", lang, indikator=name), ""
    title = i18n.t("ekspor.per_kabupaten_bukan", lang, judul=headlines.heading(isu, code, lang))
    found = data.substitutes if data.substitutes is not None else pd.DataFrame(columns=headlines.SUBSTITUTE_COLUMNS)
    total = data.matrix["wilayah"].nunique()
    return title, headlines.notes(found, total, lang, [isu]).get(isu, "")


def _win_line(f: Figure, before: str, lang: str) -> str:
    return f"{f.nama} — {f.nama_indikator}: {before} → {f.value_text} ({f.period})"


def _before(wins: pd.DataFrame, lang: str) -> list[str]:
    """Each win's previous value with its own period: '8,35% (Semester I 2025)' — a number never without one."""
    values = [i18n.format_value(v, s, lang) for v, s in zip(wins["nilai_sebelumnya"], wins["satuan"])]
    periods = wins["periode_sebelumnya"] if "periode_sebelumnya" in wins else [None] * len(values)
    return [f"{v} ({p})" if not i18n.is_missing(p) and p != "" else v for v, p in zip(values, periods)]


def public_data(data: DeckData) -> DeckData:
    """The query results as a public visitor may see them (lib.access.privacy): every deck, file and image is
    shown in public (the hall, a chat), whatever mode it was built in. Masking twice changes nothing."""
    return replace(data, headlines=privacy.public_view(data.headlines), matrix=privacy.public_view(data.matrix),
                   wins=privacy.public_view(data.wins), actions=privacy.public_view(data.actions),
                   overview=privacy.public_view(data.overview), since=privacy.public_result(data.since),
                   substitutes=privacy.public_result(data.substitutes), follow_up=public_follow_up(data.follow_up),
                   hotspots=privacy.public_result(data.hotspots))


def public_follow_up(found: FollowUp | None) -> FollowUp | None:
    """The follow-up as every file may carry it: the cell, OPD, kind and age (FOLLOW_UP_COLUMNS), never a
    note's text or author. Whether it is there at all is decided by whoever loads it (internal decks only)."""
    if found is None:
        return None
    return replace(found, items=found.items.reindex(columns=FOLLOW_UP_COLUMNS))


def localized_data(data: DeckData, lang: str) -> DeckData:
    """The query results in lang (i18n.localized: each X_en column replaces X), as the screens' cached frames
    already are: names of indicators and periods in English in an English deck, PDF and image."""
    comparison = data.since
    if comparison is not None:
        comparison = replace(comparison, changes=i18n.localized(comparison.changes, lang))
    found = data.follow_up
    if found is not None:
        found = replace(found, items=i18n.localized(found.items, lang))
    hot = data.hotspots
    if hot is not None and hot.basis is not None:
        hot = replace(hot, basis=i18n.localized(hot.basis, lang))
    return replace(data, headlines=i18n.localized(data.headlines, lang), matrix=i18n.localized(data.matrix, lang),
                   wins=i18n.localized(data.wins, lang), actions=i18n.localized(data.actions, lang),
                   overview=i18n.localized(data.overview, lang), since=comparison,
                   substitutes=i18n.localized(data.substitutes, lang), follow_up=found, hotspots=hot)


def closing_slide(data: DeckData, lang: str) -> Slide:
    """The "sejak apel terakhir" summary, small wins (official, current figures only), then thanks."""
    wins = data.wins[data.wins["jenis"] == "resmi"]  # small_wins keeps current values only
    shown = figures(wins, lang)
    lines = tuple(_win_line(f, b, lang) for f, b in zip(shown, _before(wins, lang)))
    return Slide("penutup", "penutup", i18n.t("ringkasan.kemenangan", lang), i18n.t("presentasi.terima_kasih", lang),
                 figures=tuple(shown), lines=lines, sources=sources_of(shown), since=since.lines(data.since, lang),
                 lang=lang)


def follow_items(items: pd.DataFrame, lang: str) -> tuple[FollowItem, ...]:
    """Every row, worst first: the longest late first (days overdue for a commitment, days waiting for a
    question or correction), a commitment before a question on the same count of days."""
    rows = []
    for r in items.itertuples():
        n = i18n.format_number(int(r.hari), 0, lang)
        age = (i18n.t("catatan_brief.komitmen_umur", lang, n=n) if r.jenis == "komitmen"
               else i18n.t("catatan_brief.koreksi_umur", lang, n=n) if r.jenis == "koreksi"
               else i18n.t("catatan_brief.tanya_umur", lang, n=n))
        cell = i18n.t("catatan_brief.sel", lang, wilayah=r.nama_wilayah, indikator=r.nama_indikator,
                      isu=i18n.t(f"isu.{r.isu}", lang), periode=r.periode)
        opd = r.opd_singkatan if isinstance(r.opd_singkatan, str) and r.opd_singkatan else \
            (r.opd if isinstance(r.opd, str) and r.opd else i18n.t("catatan_brief.tanpa_opd", lang))
        rows.append(FollowItem(str(r.jenis), cell, opd, age, int(r.hari)))
    return tuple(sorted(rows, key=lambda x: (-x.days, x.kind != "komitmen")))


def follow_counts(items: pd.DataFrame) -> tuple[int, int]:
    """(unanswered questions and corrections, overdue commitments)."""
    late = int((items["jenis"] == "komitmen").sum())
    return len(items) - late, late


def follow_up_slide(found: FollowUp, since_comparison: since_apel.Comparison | None, lang: str) -> Slide:
    """"Tindak lanjut": unanswered questions and overdue commitments with their cell, OPD and age, worst
    first (FOLLOW_UP_ROWS, the rest counted), under the counts since the last apel; one line when there is
    nothing to follow up."""
    every = follow_items(found.items, lang)
    asked, late = follow_counts(found.items)
    subtitle = i18n.t("catatan_brief.subjudul", lang, belum=asked, lewat=late)
    counted = since_text.notes_line(found.counts, lang)
    lines = ()
    if counted and since_comparison is not None:
        when = since_text.moment_text(since_comparison.moment, lang, since_comparison.jam_tercatat)
        lines = (i18n.t("catatan_brief.sejak", lang, tanggal=when, hitungan=counted),)
    more = (i18n.t("catatan_brief.kosong", lang) if not every else
            i18n.t("catatan_brief.lainnya", lang, n=len(every) - FOLLOW_UP_ROWS) if len(every) > FOLLOW_UP_ROWS
            else "")
    return Slide(FOLLOW_UP, FOLLOW_UP, i18n.t("catatan_brief.judul", lang), subtitle, lines=lines,
                 lang=lang, items=every[:FOLLOW_UP_ROWS], more=more)


def follow_up_line(deck: Deck) -> str:
    """The PDF brief's one line: 'Tindak lanjut: 2 pertanyaan belum dijawab · 1 komitmen lewat tenggat;
    terlama: Majene — … — Dinkes, Pertanyaan, 12 hari'; '' without the slide (public)."""
    found = [s for s in deck.slides if s.kind == FOLLOW_UP]
    if not found:
        return ""
    s = found[0]
    line = i18n.t("catatan_brief.baris_pdf", deck.lang, subjudul=s.subtitle)
    if s.items:
        worst = s.items[0]
        line += "; " + i18n.t("catatan_brief.terlama", deck.lang, sel=worst.cell, opd=worst.opd, umur=worst.age)
    return line


def _hotspot_opds(per_isu, lang: str) -> str:
    """'Dinkes, Dispar, DP3AP2KB': the OPDs to call for a hotspot, each once, those only inferred from below
    marked as everywhere ('… (disimpulkan dari kecamatan)')."""
    named = dict.fromkeys(n for _, (found, _) in per_isu or () for n in found)
    inferred = [n for n in dict.fromkeys(n for _, (_, below) in per_isu or () for n in below) if n not in named]
    parts = [", ".join(named)] if named else []
    if inferred:
        parts.append(f"{', '.join(inferred)} ({i18n.t('pemilik.disimpulkan', lang)})")
    return "; ".join(parts)


def hotspot_slide(found: Hotspots, lang: str, kabupaten: tuple[str, ...] = ()) -> Slide:
    """"Titik rawan konvergensi": the kecamatan in the province's worst fifth for at least one isu, no action
    first (HOTSPOT_ROWS, the rest counted), each with its isu, the OPDs to call and a "tanpa aksi" flag; the
    rule and, where the count rests on simulated values, the caveat above them. With kabupaten, only their
    kecamatan are listed; the worst fifth stays a province-wide position."""
    items = found.items
    if kabupaten:
        items = items[items["wilayah"].map(lambda code: str(code)[:5] in kabupaten)]
    rows = []
    for r in items.head(HOTSPOT_ROWS).itertuples():
        count = i18n.t("konvergensi.k_dari_m_pendek", lang, k=int(r.jumlah_isu), m=int(r.jumlah_isu_data))
        cell = f"{r.nama} ({r.nama_induk}) — {r.kombinasi} · {count}"
        flag = (i18n.t("konvergensi.tanpa_aksi", lang) if not r.jumlah_tindakan else
                i18n.t("konvergensi.ada_aksi", lang, n=int(r.jumlah_tindakan)))
        opd = _hotspot_opds(r.pemilik, lang) or i18n.t("konvergensi.tanpa_pemilik", lang)
        rows.append(FollowItem("tanpa_aksi" if not r.jumlah_tindakan else "ada_aksi", cell, opd, flag,
                               int(r.jumlah_isu)))
    def names(codes: tuple[str, ...]) -> str:
        return ", ".join(i18n.t(f"isu.{code}", lang) for code in codes)

    if found.simulated and set(found.simulated) == set(found.counted):  # name the isu once, with the caveat
        lines = [i18n.t("konvergensi.slide_aturan_singkat", lang),
                 i18n.t("konvergensi.slide_simulasi_semua", lang, isu=names(found.counted))]
    else:
        lines = [i18n.t("konvergensi.slide_aturan", lang, isu=names(found.counted) or i18n.MISSING)]
        if found.simulated:
            lines.append(i18n.t("konvergensi.slide_simulasi", lang, n=len(found.simulated),
                                isu=names(found.simulated)))
    more = (i18n.t("konvergensi.slide_kosong", lang) if items.empty else
            i18n.t("konvergensi.slide_lainnya", lang, n=len(items) - HOTSPOT_ROWS) if len(items) > HOTSPOT_ROWS
            else "")
    notes_lines = tuple(f"{r.nama} ({r.nama_induk}): " + "; ".join(f"{isu}: {owners_text(o, lang)}" for isu, o in r.pemilik)
                        for r in items.itertuples() if r.pemilik)
    by_source: dict[str, list[str]] = {}  # one entry per source with its periods, as sources_of
    for r in ([] if found.basis is None else found.basis.itertuples()):
        if isinstance(r.sumber, str):
            name = i18n.t("sumber.simulasi", lang) if r.sumber == simulation.SOURCE else r.sumber
            by_source.setdefault(name, []).append(str(r.periode_label))
    sources = tuple(f"{name} ({', '.join(dict.fromkeys(periods))})" for name, periods in by_source.items())
    return Slide(HOTSPOTS, HOTSPOTS, i18n.t("konvergensi.slide_judul", lang),
                 i18n.t("konvergensi.slide_subjudul", lang, n=len(items)), lines=tuple(lines), lang=lang,
                 items=tuple(rows), more=more, speaker=notes_lines, sources=sources)


def asuh_deck_slide(found: asuh_slide.AsuhData, kabupaten: tuple[str, ...], lang: str) -> Slide | None:
    """"Orang tua asuh": each published commitment against the official sponsorships running (ROWS at most,
    the rest counted), the children's progress, the simulasi caveat; None when the programme has nothing."""
    every = asuh_slide.commitment_lines(found, kabupaten, lang)
    caveat = asuh_slide.simulated_caveat(found, kabupaten, lang)
    if not every and not caveat:
        return None
    more = i18n.t("asuh.lainnya_dek", lang, n=len(every) - asuh_slide.ROWS) if len(every) > asuh_slide.ROWS else ""
    return Slide(asuh_slide.KIND, asuh_slide.KIND, i18n.t("asuh.judul_dek", lang), i18n.t("asuh.subjudul_dek", lang),
                 lines=tuple(every[:asuh_slide.ROWS]), more=more, progress=asuh_slide.progress_line(found, lang),
                 caveat=caveat, sources=asuh_slide.sources(found, kabupaten, lang), lang=lang)


def build_deck(data: DeckData, lang: str = "id", kabupaten: tuple[str, ...] = (),
               today: date | None = None, isu: tuple[str, ...] | None = None) -> Deck:
    """The whole deck: opening (five headlines and the narrative), one slide per isu, closing. `isu`: only
    those isu's headlines and slides (a scoped briefing, lib.kirim.content; the caller cuts the other frames)."""
    data = localized_data(public_data(data), lang)
    shown = queries.ISU_ORDER if isu is None else tuple(code for code in queries.ISU_ORDER if code in isu)
    heads = figures(data.headlines[data.headlines["isu"].isin(shown)], lang)
    story = tuple(narrative.sentences(data, lang))
    day = i18n.format_date(today or date.today(), lang)
    opening = Slide("pembuka", "pembuka", i18n.t("presentasi.judul", lang), day, figures=tuple(heads),
                    lines=story, sources=sources_of(heads), lang=lang)
    slides = [isu_slide(data, code, kabupaten, lang) for code in shown]
    closing = closing_slide(data, lang)
    follow = () if data.follow_up is None else (follow_up_slide(data.follow_up, data.since, lang),)
    # The hotspots are where several isu meet: not part of a briefing cut to some isu.
    cut = len(shown) < len(queries.ISU_ORDER)
    hot = () if data.hotspots is None or cut else (hotspot_slide(data.hotspots, lang, kabupaten),)
    # Orang tua asuh is a stunting programme: in a briefing cut to some isu, only with stunting.
    care = asuh_deck_slide(data.asuh, kabupaten, lang) if data.asuh is not None and "ST" in shown else None
    return Deck(i18n.t("presentasi.judul", lang), day, lang,
                (opening, *slides, *hot, *((care,) if care else ()), *follow, closing), story, closing.since, shown)
