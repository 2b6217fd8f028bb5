"""The Presentasi screen: projector-fit slides drawn from the deck model (lib.export.model), operator controls
tucked into a corner toggle (keyboard ← → space), and the self-advancing deck state.

Every size is in vh so a slide fills one screen at 1280×720, 1366×768 and 1920×1080: body text, legends and
sources are at least 2.5 % of the screen height, headline numbers far larger, and long values wrap inside their
box. Only official figures appear (the adapter drops simulated values).
"""
from __future__ import annotations

import html
import time

import streamlit as st

from lib.export.adapter import Figure
from lib.export.model import Slide
from lib.export.palette import INK, MUTED, NAVY, PAPER, ink_on
from lib.screens import slideshow
from lib.text import i18n
from lib.ui.state import t

DECK_KEY = "presentasi_deck"
TOGGLE_CLEARANCE = "10rem"  # the closed toggle ("Kontrol" + switch + ?) is ~8 rem wide, from the right edge
CONTROLS_KEY = "presentasi_kontrol"
STYLE = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {{display: none !important;}}
[data-testid="stMain"] .block-container {{padding: 1vh 1.5vw 0 !important; max-width: 100% !important;}}
[data-testid="stMainBlockContainer"] > div {{gap: 0 !important;}}
.st-key-m41ops {{position: fixed; right: .6vw; bottom: .6vh; z-index: 1000; width: auto !important;
  background: rgba(255,255,255,.92); border-radius: 10px; padding: 4px 8px; opacity: .55;}}
.st-key-m41ops:hover {{opacity: 1;}}
.st-key-m41ops_tutup .m41-op {{display: none;}}
.st-key-m41ops_tutup .stButton, .st-key-m41ops_tutup .stDownloadButton, .st-key-m41ops_tutup .stSelectbox,
.st-key-m41ops_tutup .stPageLink {{display: none;}}
/* closed, only the toggle keeps a place: the hidden widgets' own containers (min-width, gaps) would otherwise
   leave a 380 px wide translucent box over the sources footer */
.st-key-m41ops_tutup > .stElementContainer:not(.st-key-presentasi_kontrol) {{display: none;}}
.st-key-m41ops_tutup {{width: auto !important; flex: none !important;}}
.m41-deck {{height: 98vh; display: grid; grid-template-rows: auto minmax(0, 1fr) auto; gap: 1.6vh;
  color: {INK}; font-size: 2.8vh; line-height: 1.25; overflow: hidden;}}
.m41-deck * {{box-sizing: border-box; min-width: 0;}}
.m41-deck p, .m41-deck li {{font-size: inherit !important; line-height: inherit;}}
.m41-head {{background: {NAVY}; color: #fff; border-radius: 1vh; padding: 1.2vh 1.6vw; display: flex;
  align-items: center; justify-content: space-between; gap: 2vw;}}
.m41-head h1 {{font-size: 5vh; margin: 0; padding: 0; line-height: 1.1; color: #fff;}}
.m41-head .sub {{font-size: 2.8vh; text-align: right;}}
.m41-body {{min-height: 0; overflow: hidden;}}
.m41-foot {{display: flex; justify-content: space-between; gap: 2vw; font-size: 2.5vh; color: {MUTED};
  padding: 0 {TOGGLE_CLEARANCE} .8vh 0;}}  /* the right end stays clear of the operator's toggle */
.m41-foot .num {{flex: none; white-space: nowrap;}}
.m41-foot .src {{overflow: hidden; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical;}}
.m41-tiles {{display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 1.2vw; height: 50vh;}}
.m41-tile {{background: {PAPER}; border: .6vh solid var(--c); border-radius: 1vh; padding: 1.2vh .8vw;
  display: flex; flex-direction: column; gap: 1vh; overflow: hidden;}}
.m41-tile .name {{font-size: 3vh; font-weight: 700;}}
.m41-val {{font-weight: 800; line-height: 1.05; overflow-wrap: anywhere;}}
.m41-tile .m41-val {{font-size: min(7vh, 3.4vw);}}
.m41-tile .m41-val.long {{font-size: min(4.6vh, 2.3vw);}}
.m41-chip {{display: inline-block; align-self: flex-start; border-radius: 999px; padding: .3vh 1vw;
  font-weight: 700; background: var(--c); color: var(--ink); font-size: 2.6vh;}}
.m41-meta {{font-size: 2.5vh; color: {MUTED};}}
.m41-story {{margin-top: 2vh; font-size: 2.7vh;}}
.m41-story p {{margin: 0 0 .6vh;}}
.m41-isu {{display: grid; grid-template-columns: minmax(0, 36fr) minmax(0, 64fr); gap: 2vw; height: 100%;}}
.m41-left {{display: flex; flex-direction: column; gap: 1.6vh; overflow: hidden;}}
.m41-left .m41-val {{font-size: min(12vh, 6vw);}}
.m41-left .m41-val.long {{font-size: min(7vh, 3.4vw);}}
.m41-box {{background: {PAPER}; border-radius: 1vh; padding: 1vh .8vw;}}
.m41-box b {{display: block;}}
.m41-right {{display: flex; flex-direction: column; gap: .8vh; overflow: hidden;}}
.m41-right h2 {{font-size: 3vh; margin: 0; padding: 0;}}
.m41-bars {{display: flex; flex-direction: column; justify-content: space-around; flex: 1; min-height: 0;}}
.m41-bar {{display: grid; grid-template-columns: minmax(0, 30fr) minmax(0, 50fr) minmax(0, 20fr); gap: .8vw;
  align-items: center;}}
.m41-bar .who {{font-weight: 700;}}
.m41-bar .who small, .m41-bar .val small {{display: block; font-weight: 400; font-size: 2.5vh; color: {MUTED};}}
.m41-track {{position: relative; height: 3.6vh; background: #e6ebef; border-radius: .5vh;}}
.m41-fill {{position: absolute; left: 0; top: 0; bottom: 0; background: var(--c); border-radius: .5vh;}}
.m41-target {{position: absolute; top: -.6vh; bottom: -.6vh; border-left: .45vh dashed {INK};}}
.m41-bar .val {{font-weight: 800;}}
.m41-wins {{display: block !important; font-size: 3vh; margin: 0; padding-left: 2vw;}}
.m41-wins li {{display: list-item !important; margin: 0 0 1vh;}}
.m41-since {{background: {PAPER}; border-radius: 1vh; padding: 1vh 1vw; margin-bottom: 1.6vh; font-size: 2.7vh;}}
.m41-since b {{display: block; margin-bottom: .4vh;}}
.m41-thanks {{font-size: 7vh; font-weight: 800; text-align: center; margin-top: 2vh;}}
/* A phone (a shared link) is no projector: the slide becomes a page that scrolls down, nothing cut off. */
@media (max-width: 600px) {{
  .m41-deck {{height: auto; overflow: visible; font-size: 15px;}}
  .m41-body, .m41-tile, .m41-left, .m41-right {{overflow: visible;}}
  .m41-tiles, .m41-isu {{grid-template-columns: minmax(0, 1fr); height: auto;}}
  .m41-head h1 {{font-size: 22px;}}
  .m41-head .sub, .m41-tile .name, .m41-right h2, .m41-chip, .m41-meta, .m41-story, .m41-since {{font-size: 15px;}}
  .m41-tile .m41-val, .m41-tile .m41-val.long {{font-size: 30px;}}
  .m41-left .m41-val, .m41-left .m41-val.long {{font-size: 36px;}}
  .m41-bar .who small, .m41-bar .val small, .m41-foot {{font-size: 13px;}}
  .m41-foot {{padding-right: 0; flex-direction: column;}}
  .m41-foot .src {{display: block; overflow: visible;}}
}}
</style>
"""
LONG_VALUE = 9  # characters: longer headline values ("791 dari 3.724 anak") get the smaller size


def presentation_style() -> None:
    """Hide the app frame and set projector-sized type."""
    st.html(STYLE)


def position() -> slideshow.Position:
    """The slideshow state of this session."""
    if DECK_KEY not in st.session_state:
        st.session_state[DECK_KEY] = slideshow.Position(shown_at=time.monotonic())
    return st.session_state[DECK_KEY]


def _move(delta: int) -> None:
    st.session_state[DECK_KEY] = slideshow.step(position(), delta, time.monotonic())


def _toggle() -> None:
    st.session_state[DECK_KEY] = slideshow.toggle(position(), time.monotonic())


def advance(interval: float) -> slideshow.Position:
    """Advance the slideshow if its slide has had its time, and return it."""
    st.session_state[DECK_KEY] = slideshow.tick(position(), time.monotonic(), interval)
    return position()


def presentation_controls(downloads=None) -> int:
    """The operator's corner: a small toggle; when on, previous/pause/next, the interval, downloads and a way
    out. Keyboard ← → and space work either way. Returns the interval in seconds."""
    shown = st.session_state.get(CONTROLS_KEY, False)
    outer = st.container(key="m41ops")
    box = outer.container(key="m41ops_buka" if shown else "m41ops_tutup", horizontal=True,
                          vertical_alignment="center")
    box.toggle(t("ekspor.kontrol"), key=CONTROLS_KEY, help=t("ekspor.kontrol_bantuan"))
    box.button("", icon=":material/navigate_before:", key="presentasi_prev", on_click=_move, args=(-1,),
               shortcut="Left", help=t("presentasi.sebelumnya"))
    playing = position().playing
    box.button("", icon=":material/pause:" if playing else ":material/play_arrow:", key="presentasi_toggle",
               on_click=_toggle, shortcut="Space", help=t("presentasi.jeda") if playing else t("presentasi.putar"))
    box.button("", icon=":material/navigate_next:", key="presentasi_next", on_click=_move, args=(1,),
               shortcut="Right", help=t("presentasi.berikutnya"))
    interval = box.selectbox(t("presentasi.interval"), slideshow.INTERVALS, index=1, key="presentasi_interval",
                             format_func=lambda s: t("presentasi.detik", n=s), label_visibility="collapsed")
    if downloads is not None:
        with box:
            downloads()
    box.page_link("views/ringkasan.py", label=t("presentasi.keluar"), icon=":material/arrow_back:")
    return interval


def _e(text: object) -> str:
    return html.escape(str(text))


def _chip(f: Figure) -> str:
    return f'<span class="m41-chip" style="--c:{f.color};--ink:{ink_on(f.color)}">{_e(f.status_text)}</span>'


def _value(f: Figure) -> str:
    long = " long" if len(f.value_text) > LONG_VALUE else ""
    return f'<div class="m41-val{long}">{_e(f.value_text)}</div>'


def _meta(*parts: str | None) -> str:
    return "".join(f'<div class="m41-meta">{_e(p)}</div>' for p in parts if p)


def _details(f: Figure, period: bool = False) -> str:
    """Target (with its year and basis), stated reference, share, period or age; the change in its colour."""
    lines = _meta(*f.details(period=period).split("\n"))
    change = f'<div class="m41-meta" style="color:{f.change_color}">{_e(f.change_text)}</div>' if f.change_text else ""
    return lines + change


def _opening(s: Slide) -> str:
    tiles = "".join(
        f'<div class="m41-tile" style="--c:{f.color}"><div class="name">{_e(f.heading)}</div>'
        f'{_value(f)}{_chip(f)}{_meta(*f.details(period=True, measure=True).split(chr(10)))}</div>'
        for f in s.figures)
    story = "".join(f"<p>{_e(line)}</p>" for line in s.lines)
    return f'<div class="m41-tiles">{tiles}</div><div class="m41-story">{story}</div>'


def _bars(s: Slide) -> str:
    ends = [v for f in s.figures for v in (f.value, f.target_upper or f.target) if v is not None]
    top = max([*ends, 1e-9]) * 1.08
    rows = []
    for f in sorted(s.figures, key=lambda f: f.value, reverse=s.arah == "naik"):
        mark = "" if f.target is None else f'<div class="m41-target" style="left:{100 * f.target / top:.1f}%"></div>'
        rows.append(
            f'<div class="m41-bar"><div class="who">{_e(f.nama)}<small>{_e(f.data_age or f.period)}</small></div>'
            f'<div class="m41-track"><div class="m41-fill" style="--c:{f.color};width:{100 * max(f.value, 0) / top:.1f}%">'
            f'</div>{mark}</div><div class="val">{_e(f.value_text)}<small>{_e(f.status_text)}</small></div></div>')
    return "".join(rows)


def _isu(s: Slide) -> str:
    f, a = s.headline, s.action
    action = (f'<div class="m41-box"><b>{_e(t("ekspor.tindakan"))}</b>{_e(a.title)}'
              f'<div class="m41-meta">{_e(a.period)} · {_e(a.place)}{" · " + _e(a.opd) if a.opd else ""}</div></div>'
              if a else f'<div class="m41-box">{_e(t("ekspor.tanpa_tindakan"))}</div>')
    left = (f'<div class="m41-left"><div class="m41-meta">{_e(t("ekspor.provinsi"))} · {_e(f.period)}</div>'
            f'{_value(f)}{_chip(f)}{_details(f)}'
            f'<div><b>{_e(t("ekspor.opd"))}:</b> {_e(s.opd or i18n.MISSING)}</div>{action}</div>')
    drawn = any(f.target is not None for f in s.figures)  # the dashed mark only where a bar draws one
    legend = f'<div class="m41-meta">{"┆ " if drawn else ""}{_e(s.target_legend)}</div>' if s.target_legend else ""
    body = _bars(s) if s.figures else f'<div class="m41-meta">{_e(t("ekspor.tanpa_kabupaten"))}</div>'
    # the owner OPDs of off-track kabupaten in one line above the bars, as on the PowerPoint slide: under each
    # bar they were cut off at 1280×720
    # and above them, why the bars show another indicator than the headline (lib.judge.headlines)
    note = f'<div class="m41-meta">{_e(s.note)}</div>' if s.note else ""
    owners = note + (f'<div class="m41-meta">{_e(s.owners_line)}</div>' if s.owners_line else "")
    right = (f'<div class="m41-right"><h2>{_e(s.comparison_title)}</h2>{owners}<div class="m41-bars">{body}</div>'
             f'{legend}</div>')
    return f'<div class="m41-isu">{left}{right}</div>'


def _closing(s: Slide) -> str:
    wins = "".join(f"<li>{_e(line)}</li>" for line in s.lines) or f"<li>{_e(t('ringkasan.kemenangan_kosong'))}</li>"
    since = (f'<div class="m41-since"><b>{_e(s.since[0])}</b>{"".join(f"<div>{_e(x)}</div>" for x in s.since[1:])}'
             f'</div>' if s.since else "")
    return f'{since}<ul class="m41-wins">{wins}</ul><div class="m41-thanks">{_e(s.subtitle)}</div>'


def show_slide(s: Slide, index: int, total: int) -> None:
    """One slide, filling the screen: title band, body, sources with periods and the slide number."""
    body = {"pembuka": _opening, "isu": _isu, "penutup": _closing}[s.kind](s)
    subtitle = s.subtitle if s.kind != "penutup" else ""
    sources = f"{t('ekspor.sumber')}: {'; '.join(s.sources)}" if s.sources else ""
    st.html(f'<div class="m41-deck" data-slide="{_e(s.key)}"><div class="m41-head"><h1>{_e(s.title)}</h1>'
            f'<div class="sub">{_e(subtitle)}</div></div><div class="m41-body">{body}</div>'
            f'<div class="m41-foot"><span class="src">{_e(sources)}</span>'
            f'<span class="num">{index + 1}/{total}</span></div></div>')
