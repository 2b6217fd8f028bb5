"""The orang tua asuh tracker's content (lib.screens.asuh) and its deck slide (lib.export.asuh) as plain data:
official and simulated rows apart (a commitment is never read against simulated sums, a simulated row is never
a win), small counts hidden, no child's reference anywhere — on the demo record and on small frames built here."""
from __future__ import annotations

import pandas as pd
import pytest
from screens.conftest import KeptSource, every_source

from lib.access.privacy import SUPPRESSED_TEXT
from lib.export import asuh as deck_asuh
from lib.export import model
from lib.judge import asuh as rules
from lib.screens import asuh
from lib.screens.source import Source
from lib.text import i18n


def _row(tingkat: str, kode: str, nama: str, jenis: str | None, anak: int | None = None, **extra) -> dict:
    counts = {c: None for c in rules.DELIVERY_COLUMNS}
    if anak is not None:
        counts |= {"anak": anak, "anak_berjalan": anak, "asuhan_aktif": anak, "mitra_aktif": 1,
                   "bulan_tersalur": anak * 6, "rupiah_tersalur": anak * 6 * 180_000, "anak_6_bulan": anak,
                   "anak_maju": anak // 2, "anak_keluar": anak // 3}
    return {"tingkat": tingkat, "kode": kode, "nama": nama, "jenis_data": jenis, "komitmen_sponsor": None,
            "komitmen_anak": None, "bulan_laporan": None, **counts, **extra}


def _rekap(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=rules.REKAP_COLUMNS)


SRC = KeptSource(None, "id", False)


def test_a_commitment_is_never_read_against_simulated_sums():
    # Mamasa: a commitment attached (by the outer join) to its simulated row, and no official row
    frame = _rekap(_row("kabupaten", "76.03", "Mamasa", "simulasi", 40, komitmen_sponsor=3000.0))
    official = asuh.table(SRC, frame, asuh.RESMI, "asuh.col.wilayah")
    assert official.iloc[0]["Komitmen"] == "3.000 sponsor"
    assert official.iloc[0]["Anak tercatat"] == i18n.MISSING  # no official data is not zero, and not the 40
    assert pd.isna(official.iloc[0]["Berjalan / komitmen"])
    simulated = asuh.table(SRC, frame, asuh.SIMULASI, "asuh.col.wilayah")
    assert "Komitmen" not in simulated.columns and simulated.iloc[0]["Anak tercatat"] == "40"


def test_official_rows_are_set_against_their_commitment():
    frame = _rekap(_row("kabupaten", "76.03", "Mamasa", "resmi", 300, komitmen_sponsor=3000.0),
                   _row("kabupaten", "76.03", "Mamasa", "simulasi", 40))
    official = asuh.table(SRC, frame, asuh.RESMI, "asuh.col.wilayah")
    assert len(official) == 1 and official.iloc[0]["Anak tercatat"] == "300"
    assert official.iloc[0]["Berjalan / komitmen"] == pytest.approx(10.0)
    assert asuh.table(SRC, frame, asuh.SIMULASI, "asuh.col.wilayah").iloc[0]["Anak tercatat"] == "40"


def test_hidden_small_counts_read_less_than_five_and_take_their_rupiah_with_them():
    frame = rules.publik(_rekap(_row("kabupaten", "76.05", "Majene", "resmi", 3),
                                _row("kabupaten", "76.04", "Polewali Mandar", "resmi", 12)))
    shown = asuh.table(SRC, frame, asuh.RESMI, "asuh.col.wilayah").set_index("Wilayah")
    assert shown.loc["Majene", "Anak tercatat"] == SUPPRESSED_TEXT
    assert shown.loc["Majene", "Rupiah tersalur"] == i18n.MISSING  # 3 × 6 × 180.000 would give the 3 away
    assert shown.loc["Majene", "Bulan-anak tersalur"] == i18n.MISSING
    assert shown.loc["Polewali Mandar", "Anak tercatat"] == "12"


def test_a_stated_commitment_gets_no_status_colour(demo_con):
    src = KeptSource(demo_con, "id", False)
    frame = _rekap(_row("provinsi", "76", "", "resmi", 600, komitmen_sponsor=6000.0))
    assert asuh.gauge_frame(src, frame) is None  # the demo's commitments are pernyataan: a reference, neutral


@pytest.mark.parametrize("lang, mode", every_source())
def test_the_tracker_keeps_official_and_simulated_apart(sources, lang, mode):
    src = sources[(lang, mode)]
    shown = asuh.tracker(src, (), None)
    # the demo has commitments (official) and simulated sponsorships only
    assert not shown.has_official and shown.simulated is not None
    official = shown.official.per_kabupaten
    assert len(official) >= 3 and list(official.columns) == [
        i18n.t("asuh.col.wilayah", lang), i18n.t("asuh.col.komitmen", lang), i18n.t("asuh.col.asuhan_aktif", lang)]
    assert set(official.iloc[:, 2]) == {i18n.t("asuh.belum_ada_data", lang)}  # not the simulated sums, not zero
    assert shown.simulated.totals and shown.simulated.per_kabupaten.shape[0] == 7  # the province and six
    assert shown.gauges is None


@pytest.mark.parametrize("lang, mode", every_source())
def test_simulated_rows_never_become_a_small_win(sources, lang, mode):
    src = sources[(lang, mode)]
    assert asuh.wins(src, ()) == ()
    line = asuh.simulated_line(src, ())
    assert line and i18n.t("jenis.simulasi.short", lang) in line


def test_public_mode_hides_small_counts_and_shows_no_kecamatan(sources):
    public, internal = sources[("id", "public")], sources[("id", "normal")]
    assert asuh.kecamatan_table(public, (), None) is None
    table = asuh.kecamatan_table(internal, (), None)
    counted = table[i18n.t("asuh.col.anak", "id")]
    assert SUPPRESSED_TEXT in set(counted)  # small counts hidden in every mode at kecamatan level
    assert not counted.isin([str(n) for n in range(1, 5)]).any()
    by_opd = asuh.tracker(public, (), None).simulated.per_opd
    for column in by_opd.columns[1:]:
        assert not by_opd[column].isin([str(n) for n in range(1, 5)]).any(), column


@pytest.fixture(scope="module")
def deck_data(demo_con):
    """The deck's query results (lib.export.model.load) read once for the module; the tests only read them."""
    return model.load(demo_con)


@pytest.fixture(scope="module")
def decks(deck_data):
    """The deck as data per language, built once for the module."""
    return {lang: model.build_deck(deck_data, lang) for lang in i18n.LANGS}


def _every_text(value) -> str:
    if isinstance(value, pd.DataFrame):
        return value.to_csv()
    if isinstance(value, (tuple, list)):
        return "\n".join(_every_text(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return "\n".join(_every_text(getattr(value, f)) for f in value.__dataclass_fields__)
    return "" if value is None else str(value)


@pytest.mark.parametrize("lang, mode", every_source())
def test_no_child_reference_reaches_a_screen_or_the_deck(demo_con, sources, decks, lang, mode):
    refs = set(demo_con.execute("SELECT anak_ref FROM asuhan").df()["anak_ref"])
    assert refs
    src = sources[(lang, mode)]
    shown = _every_text(asuh.tracker(src, (), None)) + _every_text(asuh.kecamatan_table(src, (), None))
    shown += _every_text(asuh.opd_summary(src, "DINKES")) + _every_text(asuh.wins(src, ()))
    shown += _every_text(decks[lang].slides)
    assert not [r for r in refs if r in shown]


def test_the_deck_slide_sets_commitments_against_official_data_only(decks):
    deck = decks["id"]
    slide = next(s for s in deck.slides if s.kind == deck_asuh.KIND)
    assert slide.lines and all("belum ada data resmi" in line for line in slide.lines)
    assert "6.000 sponsor" in slide.lines[0]
    assert slide.caveat.startswith("Simulasi") and "simulasi" in slide.caveat
    assert slide.progress == i18n.t("asuh.kemajuan_dek_belum", "id")
    assert slide.sources and all("(" in s and s.endswith(")") for s in slide.sources)
    assert all("kutipan" not in s for s in slide.sources)  # the publisher only: the deck is public


def test_a_kabupaten_deck_counts_that_kabupaten_s_simulated_rows_and_cites_its_sources_only(deck_data):
    data = deck_data
    province = model.asuh_deck_slide(data.asuh, (), "id")
    mamasa = model.asuh_deck_slide(data.asuh, ("76.03",), "id")
    assert "Mamuju" in " ".join(province.lines) and "Mamuju" not in " ".join(mamasa.lines)
    assert not [s for s in mamasa.sources if "Mamuju" in s]
    simulated = data.asuh.by_kabupaten
    mamasa_children = simulated[(simulated["kode"] == "76.03") & (simulated["jenis_data"] == "simulasi")]["anak"]
    assert f"({int(mamasa_children.iloc[0])} anak)" in mamasa.caveat and mamasa.caveat != province.caveat


def test_only_a_commitment_resting_on_a_document_gets_a_status_gauge(monkeypatch):
    promised = pd.DataFrame({"wilayah": ["76.03", "76.02"], "opd": [None, None], "rujukan": ["Perbup 12/2025", "x"],
                             "periode": ["2025-01", "2025-03"], "dasar": ["dokumen", "pernyataan"],
                             "satuan": ["sponsor", "anak"]})
    monkeypatch.setattr(asuh, "commitments", lambda con, kabupaten, opd: promised)
    frame = _rekap(_row("kabupaten", "76.03", "Mamasa", "resmi", 300, komitmen_sponsor=3000.0),
                   _row("kabupaten", "76.02", "Mamuju", "resmi", 400, komitmen_anak=1000.0))
    gauges = asuh.gauge_frame(KeptSource(None, "id", False), frame)
    assert gauges["label"].tolist() == ["Mamasa"]  # Mamuju's commitment is a statement: neutral, no gauge
    assert gauges.iloc[0]["achievement_pct"] == pytest.approx(10.0)
    assert gauges.iloc[0]["status"] == "tidak tercapai" and "Perbup 12/2025" in gauges.iloc[0]["target_text"]


def test_official_progress_is_a_small_win_and_simulated_progress_never(monkeypatch):
    frame = _rekap(_row("provinsi", "76", None, "resmi", 63), _row("provinsi", "76", None, "simulasi", 90),
                   _row("kabupaten", "76.03", "Mamasa", "resmi", 24),
                   _row("kabupaten", "76.01", "Pasangkayu", "resmi", 36),
                   _row("kabupaten", "76.05", "Majene", "simulasi", 90),
                   _row("kabupaten", "76.06", "Mamuju Tengah", "resmi", 3))
    monkeypatch.setattr(asuh, "rekap", lambda con, tingkat, kabupaten, opd, public:
                        rules.publik(frame) if public else frame)
    internal, public = Source(None, "id", False), Source(None, "id", True)
    wins = asuh.wins(internal, ())
    # the most first; Majene's 45 simulated children who progressed are no win
    assert [w.split(":")[0] for w in wins] == ["Pasangkayu", "Mamasa", "Mamuju Tengah"], wins
    assert "18 dari 36 anak asuh" in wins[0]
    # in public, Mamuju Tengah's 1 of 3 is hidden ("< 5") — and what would give it away by subtraction
    # (lib.judge.asuh.publik) —: a hidden count is never a win
    shown = asuh.wins(public, ())
    assert shown and set(shown) <= set(wins) and not [w for w in shown if "Mamuju Tengah" in w]
    assert asuh.simulated_line(internal, ()) is None and asuh.simulated_line(public, ()) is None


@pytest.mark.parametrize("square", [False, True])
def test_the_share_image_of_the_slide_keeps_the_simulasi_caveat(decks, square, monkeypatch):
    from lib.export import share

    slide = next(s for s in decks["id"].slides if s.kind == deck_asuh.KIND)
    drawn, real = [], share._put
    monkeypatch.setattr(share, "_put", lambda draw, box, text, size, **style: drawn.append(text) or
                        real(draw, box, text, size, **style))
    share.slide_image(slide, "id", square=square)
    assert slide.caveat in drawn and slide.progress in drawn and any(slide.lines[0] in t for t in drawn)
