"""The Presentasi screen: projector-fit slides drawn from the deck model (lib.export.model), operator controls
tucked into a corner toggle (keyboard ← → space), and the self-advancing deck state.

Every size is in vh so a slide fills one screen at 1280×720, 1366×768 and 1920×1080, laid out as the PowerPoint
slide is: body text at least 4,5 % of the screen height (24 pt on a 7,5 in slide), the isu's headline number at
least 10 %, only sources, the colour key, captions and the indicator note down to 2,5 %; long values wrap inside
their box. A thin bar across the top fills while the slide waits for the next; a full-screen button beside the
"Kontrol" toggle; with Kontrol open the slide ends above the control bar. Only official figures appear (the
adapter drops simulated values).
"""
from __future__ import annotations

import html
import time

import streamlit as st

from lib.export.adapter import Figure
from lib.export.asuh import KIND as ASUH
from lib.export.model import FOLLOW_UP, HOTSPOTS, LABEL_PERIOD_MAX, Slide, short_target
from lib.export.palette import INK, MUTED, NAVY, PAPER, ink_on
from lib.screens import slideshow
from lib.ui.state import t

DECK_KEY = "presentasi_deck"
TOGGLE_CLEARANCE = "16rem"  # the closed toggle ("Kontrol" + switch + ?) and the full-screen button
OPEN_BAR = "3.6rem"  # the open control bar's height: the slide ends above it
BODY_VH = "4.6vh"  # body text: ≥ 4,5 % of the screen height, as 24 pt on a 7,5 in slide
SMALL_VH = "2.7vh"  # sources, chart key and captions, the indicator note: ≥ 2,5 % (14 pt)
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
/* closed, only the toggle and the full-screen button keep a place: the hidden widgets' own containers
   (min-width, gaps) would otherwise leave a 380 px wide translucent box over the sources footer */
.st-key-m41ops_tutup > .stElementContainer:not(.st-key-presentasi_kontrol):not(:has(.m41-fs)) {{display: none;}}
.st-key-m41ops_tutup {{width: auto !important; flex: none !important;}}
/* open, the control bar spans the foot of the screen and the slide ends above it: the sources line is never
   under a control */
.st-key-m41ops:has(.st-key-m41ops_buka) {{left: .6vw; opacity: 1; height: {OPEN_BAR}; display: flex;
  align-items: center; overflow-x: auto; box-shadow: 0 -2px 8px rgba(0,0,0,.12);}}
.st-key-m41ops_buka {{flex-wrap: nowrap !important;}}
body:has(.st-key-m41ops_buka) .m41-deck {{height: calc(98vh - {OPEN_BAR} - 1vh);}}
.m41-fs {{border: 1px solid #c8d0d8; background: #fff; border-radius: 8px; padding: 4px 8px; cursor: pointer;
  display: inline-flex; align-items: center; gap: 4px; font: inherit; font-size: 14px; color: {INK};
  white-space: nowrap;}}
.m41-fs svg {{width: 20px; height: 20px;}}
.m41-progress {{position: fixed; left: 0; right: 0; top: 0; height: .7vh; z-index: 999;
  background: rgba(11,37,69,.15);}}
.m41-progress i {{display: block; height: 100%; background: {NAVY}; transform-origin: left center;
  animation-name: m41-grow; animation-timing-function: linear; animation-fill-mode: forwards;}}
@keyframes m41-grow {{from {{transform: scaleX(0);}} to {{transform: scaleX(1);}}}}
.m41-deck {{height: 98vh; display: grid; grid-template-rows: auto minmax(0, 1fr) auto; gap: 1.4vh;
  color: {INK}; font-size: {BODY_VH}; line-height: 1.2; overflow: hidden;}}
.m41-deck * {{box-sizing: border-box; min-width: 0;}}
.m41-deck p, .m41-deck li {{font-size: inherit !important; line-height: inherit;}}
.m41-head {{background: {NAVY}; color: #fff; border-radius: 1vh; padding: 1vh 1.6vw; display: flex;
  align-items: center; justify-content: space-between; gap: 2vw;}}
.m41-head h1 {{font-size: 7vh !important; margin: 0; padding: 0 !important; line-height: 1.1; color: #fff;
  white-space: nowrap; font-weight: 800;}}
.m41-head h1 {{flex: 0 1 auto; white-space: normal !important;}}
.m41-deck[data-slide="pembuka"] .m41-head h1 {{font-size: 5.6vh !important;}}  /* the long deck title, one line */
.m41-head .sub {{font-size: {BODY_VH}; text-align: right; flex: 1 1 0; min-width: 22%; line-height: 1.15;}}
.m41-body {{min-height: 0; overflow: hidden;}}
.m41-foot {{display: flex; justify-content: space-between; gap: 2vw; font-size: {SMALL_VH}; color: {MUTED};
  line-height: 1.35;
  padding: 0 {TOGGLE_CLEARANCE} .6vh 0;}}  /* the right end stays clear of the operator's toggle */
body:has(.st-key-m41ops_buka) .m41-foot {{padding-right: 0;}}
.m41-foot .num {{flex: none; white-space: nowrap;}}
.m41-foot .src {{overflow: hidden; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical;}}
.m41-openrows {{display: grid; grid-template-rows: repeat(5, minmax(0, 1fr)); height: 100%; gap: .8vh;}}
.m41-row {{display: grid; grid-template-columns: 1vw 33fr 23fr 24fr 20fr; gap: 1.2vw; align-items: center;}}
.m41-row .bar {{align-self: stretch; background: var(--c); border-radius: .4vh;}}
.m41-row .name {{font-weight: 700;}}
.m41-val {{font-weight: 800; line-height: 1.05; overflow-wrap: anywhere;}}
.m41-row .m41-val {{font-size: 10vh; white-space: nowrap;}}
.m41-row .m41-val.long {{font-size: min(8vh, 3.6vw); white-space: normal;}}
.m41-chip {{display: inline-block; align-self: flex-start; border-radius: 1.2vh; padding: .4vh 1vw;
  font-weight: 700; background: var(--c); color: var(--ink); text-align: center; font-size: {BODY_VH};
  line-height: 1.15;}}
.m41-row .m41-chip {{align-self: center; justify-self: stretch;}}
.m41-meta {{color: {MUTED};}}
.m41-isu {{display: grid; grid-template-rows: minmax(0, 1fr) auto; gap: 1.2vh; height: 100%;}}
.m41-cols {{display: grid; grid-template-columns: minmax(0, 35fr) minmax(0, 65fr); gap: 2vw; min-height: 0;}}
.m41-left {{display: flex; flex-direction: column; gap: 1.2vh; overflow: hidden;}}
.m41-left .m41-val {{font-size: 13vh;}}
.m41-left .m41-val.long {{font-size: 10vh;}}
.m41-box {{background: {PAPER}; border-radius: 1vh; padding: .6vh .8vw;}}
.m41-right {{display: flex; flex-direction: column; gap: .6vh; overflow: hidden; padding-bottom: .6vh;}}
/* (the padding holds the last line's sub-pixel rounding, so nothing reads as cut off) */
.m41-right h2 {{font-size: {BODY_VH}; margin: 0; padding: 0; line-height: 1.2;}}
.m41-note, .m41-key, .m41-caption {{font-size: {SMALL_VH}; color: {INK};}}
.m41-key span {{margin-right: 1.6vw; white-space: nowrap;}}
.m41-key b {{color: var(--c);}}
.m41-bars {{display: flex; flex-direction: column; justify-content: space-around; flex: 1 1 0; min-height: 0;}}
.m41-bar {{display: grid; grid-template-columns: minmax(0, 34fr) minmax(0, 46fr) minmax(0, 20fr); gap: .8vw;
  align-items: center;}}
.m41-bar .who {{font-weight: 700; line-height: 1.05;}}
.m41-when {{display: block; font-weight: 400; font-size: {SMALL_VH}; color: {MUTED}; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis;}}
.m41-track {{position: relative; height: 4.4vh; border-bottom: .2vh solid #c8d0d8;}}
.m41-fill {{position: absolute; left: 0; top: 0; bottom: 0; background: var(--c); border-radius: .5vh;
  box-shadow: inset 0 0 0 .2vh rgba(20,33,43,.3);}}  /* a light status colour still shows its bar */
.m41-band {{position: absolute; top: -.5vh; bottom: -.5vh; background: rgba(20,33,43,.16);
  border-left: .3vh solid {INK}; border-right: .3vh solid {INK};}}
.m41-target {{position: absolute; top: -.7vh; bottom: -.7vh; border-left: .6vh solid {INK};}}
.m41-bar .val {{font-weight: 800;}}
.m41-nums {{display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); gap: 1.5vw; flex: 1 1 0;
  min-height: 0;}}
.m41-num {{background: {PAPER}; border-left: 1vh solid var(--c); border-radius: 1vh; padding: 1vh 1vw;
  display: flex; flex-direction: column; justify-content: center; overflow: hidden;}}
.m41-num .m41-val {{font-size: 10vh; white-space: nowrap;}}
.m41-num .m41-val.long {{font-size: min(7vh, 3.2vw);}}
.m41-num b {{display: block;}}
.m41-wins {{display: block !important; margin: 0; padding-left: 2vw; font-size: {BODY_VH} !important;}}
.m41-wins li {{display: list-item !important; margin: 0 0 1vh;}}
.m41-since {{background: {PAPER}; border-radius: 1vh; padding: 1vh 1vw; margin-bottom: 1.4vh;}}
.m41-since b {{display: block; margin-bottom: .4vh;}}
.m41-follow {{display: flex; flex-direction: column; gap: .8vh;}}
.m41-item {{display: grid; grid-template-columns: minmax(0, 54fr) minmax(0, 16fr) minmax(0, 26fr); gap: 1.2vw;
  align-items: center; padding: .4vh .6vw; border-radius: .6vh;}}
.m41-item:nth-child(odd) {{background: {PAPER};}}
.m41-item .opd, .m41-item.komitmen .age, .m41-item.tanpa_aksi .age {{font-weight: 700;}}
.m41-more {{padding: 0 .6vw;}}
/* A phone (a shared link) is no projector: the slide becomes a page that scrolls down, nothing cut off. */
@media (max-width: 600px) {{
  .m41-deck {{height: auto; overflow: visible; font-size: 15px;}}
  .m41-body, .m41-left, .m41-right, .m41-cols {{overflow: visible;}}
  .m41-cols {{grid-template-columns: minmax(0, 1fr);}}
  .m41-openrows {{height: auto;}}
  .m41-row {{grid-template-columns: 6px minmax(0, 1fr) auto;}}
  .m41-row .m41-chip, .m41-row .m41-meta {{grid-column: 2 / 4;}}
  .m41-item {{grid-template-columns: minmax(0, 1fr) auto;}}
  .m41-item .cell {{grid-column: 1 / 3;}}
  .m41-head {{flex-wrap: wrap; gap: 4px;}}
  .m41-head h1 {{font-size: 22px !important; white-space: normal; flex: 1 1 100%;}}
  .m41-head .sub {{flex: 1 1 100%; text-align: left;}}
  .m41-chip {{font-size: 15px;}}
  .m41-isu {{height: auto; grid-template-rows: auto auto;}}
  .m41-bars, .m41-nums {{flex: none;}}
  .m41-bar {{margin-bottom: 6px;}}
  .m41-head .sub, .m41-right h2 {{font-size: 15px;}}
  .m41-row .m41-val, .m41-row .m41-val.long, .m41-num .m41-val, .m41-num .m41-val.long {{font-size: 28px;}}
  .m41-left .m41-val, .m41-left .m41-val.long {{font-size: 36px;}}
  .m41-when, .m41-note, .m41-key, .m41-caption, .m41-foot {{font-size: 13px;}}
  .m41-foot {{padding-right: 0; flex-direction: column;}}
  .m41-foot .src {{display: block; overflow: visible;}}
  .m41-track {{height: 18px;}}
}}
</style>
"""
ROW_LONG_VALUE = 6  # the opening rows: "791 anak" takes the smaller size beside its status
LONG_VALUE = 9  # characters: longer headline values ("791 dari 3.724 anak") get the smaller size


def presentation_style() -> None:
    """Hide the app frame and set projector-sized type."""
    st.html(STYLE)


def position() -> slideshow.Position:
    """The slideshow state of this session."""
    if DECK_KEY not in st.session_state:
        st.session_state[DECK_KEY] = slideshow.Position(shown_at=time.monotonic())
    return st.session_state[DECK_KEY]


def _move(delta: int, total: int) -> None:
    st.session_state[DECK_KEY] = slideshow.step(position(), delta, time.monotonic(), total)


def _toggle() -> None:
    st.session_state[DECK_KEY] = slideshow.toggle(position(), time.monotonic())


def advance(interval: float, total: int = len(slideshow.SLIDES)) -> slideshow.Position:
    """Advance the slideshow (a deck of `total` slides) if its slide has had its time, and return it."""
    st.session_state[DECK_KEY] = slideshow.tick(position(), time.monotonic(), interval, total)
    return position()


def presentation_controls(downloads=None, total: int = len(slideshow.SLIDES)) -> int:
    """The operator's corner: a small toggle; when on, previous/pause/next, the interval, downloads and a way
    out. Keyboard ← → and space work either way. Returns the interval in seconds."""
    shown = st.session_state.get(CONTROLS_KEY, False)
    outer = st.container(key="m41ops")
    box = outer.container(key="m41ops_buka" if shown else "m41ops_tutup", horizontal=True,
                          vertical_alignment="center")
    box.toggle(t("ekspor.kontrol"), key=CONTROLS_KEY, help=t("ekspor.kontrol_bantuan"))
    with box:
        fullscreen_button()
    box.button("", icon=":material/navigate_before:", key="presentasi_prev", on_click=_move, args=(-1, total),
               shortcut="Left", help=t("presentasi.sebelumnya"))
    playing = position().playing
    box.button("", icon=":material/pause:" if playing else ":material/play_arrow:", key="presentasi_toggle",
               on_click=_toggle, shortcut="Space", help=t("presentasi.jeda") if playing else t("presentasi.putar"))
    box.button("", icon=":material/navigate_next:", key="presentasi_next", on_click=_move, args=(1, total),
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


def _chip(text: str, colour: str) -> str:
    return f'<span class="m41-chip" style="--c:{colour};--ink:{ink_on(colour)}">{_e(text)}</span>'


def _value(f: Figure, long_after: int = LONG_VALUE) -> str:
    long = " long" if len(f.value_text) > long_after else ""
    return f'<div class="m41-val{long}">{_e(f.value_text)}</div>'


def _word(f: Figure) -> str:
    """'Tidak tercapai · lama': the status word the key and the rows use."""
    return " · ".join(w for w in (f.status_word, f.stale_word) if w)


def _opening(s: Slide) -> str:
    """Five rows, one per isu: name, number, status, period — where each isu stands, readable from the back."""
    rows = "".join(
        f'<div class="m41-row"><span class="bar" style="--c:{f.color}"></span><div class="name">{_e(f.heading)}</div>'
        f'{_value(f, ROW_LONG_VALUE)}{_chip(_word(f), f.color)}<div class="m41-meta">{_e(f.period)}</div></div>'
        for f in s.figures)
    return f'<div class="m41-openrows">{rows}</div>'


def _order(s: Slide) -> list[Figure]:
    """Best first, as the PowerPoint chart ranks them."""
    target, upper = s.shared_target
    if s.arah == "rentang" and target is not None:
        top = upper if upper is not None else target
        return sorted(s.figures, key=lambda f: max(target - f.value, 0) + max(f.value - top, 0))
    return sorted(s.figures, key=lambda f: -f.value if s.arah == "naik" else f.value)


def _bars(s: Slide) -> str:
    """One bar per kabupaten in its status colour; the shared target as a shaded band, else each kabupaten's
    own target as a mark across its bar."""
    ends = [v for f in s.figures for v in (f.value, f.target_upper, f.target) if v is not None]
    top = max([*ends, 1e-9]) * 1.08
    target, upper = s.shared_target
    rows = []
    for f in _order(s):
        band = mark = ""  # the band behind the bar, a kabupaten's own target across it
        if target is not None and upper is not None:
            low, high = sorted((target, upper))
            band = (f'<div class="m41-band" style="left:{100 * low / top:.1f}%;'
                    f'width:{100 * (high - low) / top:.1f}%"></div>')
        elif f.target is not None:
            mark = f'<div class="m41-target" style="left:{100 * f.target / top:.1f}%"></div>'
        rows.append(
            f'<div class="m41-bar"><div class="who">{_e(f.nama)}<span class="m41-when">{_e(_when(f))}</span></div>'
            f'<div class="m41-track">{band}<div class="m41-fill" style="--c:{f.color};'
            f'width:{100 * max(f.value, 0) / top:.1f}%"></div>{mark}</div>'
            f'<div class="val">{_e(f.value_text)}</div></div>')
    return f'<div class="m41-bars">{"".join(rows)}</div>'


def _when(f: Figure) -> str:
    """The period under a bar's name, when it is short ('Maret 2022'); a long label ('tahun data tidak
    diketahui, …') is said once in the chart's caption (Slide.chart_caption)."""
    return f.period if len(f.period) <= LABEL_PERIOD_MAX else ""


def _numbers(s: Slide) -> str:
    """One or two kabupaten as big numbers: two bars would look empty."""
    tiles = "".join(f'<div class="m41-num" style="--c:{f.color}"><b>{_e(f.nama)}</b>'
                    f'<div class="m41-meta">{_e(f.period)}</div>{_value(f)}</div>' for f in s.figures)
    return f'<div class="m41-nums">{tiles}</div>'


def _key(s: Slide) -> str:
    """What each colour means, in words (the kabupaten without data are named in their own line)."""
    keys = s.status_key
    return '<div class="m41-key">' + "".join(
        f'<span><b style="--c:{c}">&#9632;</b> {_e(w)}</span>' for c, w in keys) + "</div>"


def _caption(s: Slide) -> str:
    text = s.chart_caption(marked=len(s.figures) > 2)
    return f'<div class="m41-caption">{_e(text)}</div>' if text else ""


def _isu(s: Slide) -> str:
    f = s.headline
    detail = "".join(f'<div>{_e(x)}</div>' for x in (short_target(f),) if x)
    change = f'<div style="color:{f.change_color}">{_e(f.change_text)}</div>' if f.change_text else ""
    left = (f'<div class="m41-left">{_value(f)}<div class="m41-meta">{_e(t("ekspor.provinsi"))} · {_e(f.period)}'
            f'</div>{_chip(f.status_text, f.color)}{detail}{change}</div>')
    # the title says "bukan …" where the comparison shows another indicator than the headline; the note why
    note = f'<div class="m41-note">{_e(s.comparison_lines)}</div>' if s.comparison_lines else ""
    if not s.figures:
        body = f'<div class="m41-meta">{_e(t("ekspor.tanpa_kabupaten"))}</div>'
    else:
        shown = _numbers(s) if len(s.figures) <= 2 else _bars(s)
        missing = f'<div class="m41-meta">{_e(s.missing_line)}</div>' if s.missing else ""
        body = f"{shown}{missing}{_key(s)}{_caption(s)}"
    right = f'<div class="m41-right"><h2>{_e(s.comparison_title)}</h2>{note}{body}</div>'
    return (f'<div class="m41-isu"><div class="m41-cols">{left}{right}</div>'
            f'<div class="m41-box">{_e(s.action_line)}</div></div>')


def _closing(s: Slide) -> str:
    wins = "".join(f"<li>{_e(line)}</li>" for line in s.lines) or f"<li>{_e(t('ringkasan.kemenangan_kosong'))}</li>"
    since = (f'<div class="m41-since"><b>{_e(s.since[0])}</b>{"".join(f"<div>{_e(x)}</div>" for x in s.since[1:])}'
             f'</div>' if s.since else "")
    return f'{since}<ul class="m41-wins">{wins}</ul>'


def _follow_up(s: Slide) -> str:
    """"Tindak lanjut": the counts since the apel, then one row per note — cell, OPD, kind and age — worst
    first, and the line for the rest (or the one line saying there is nothing to follow up)."""
    since = f'<div class="m41-since">{"".join(f"<div>{_e(x)}</div>" for x in s.lines)}</div>' if s.lines else ""
    rows = "".join(f'<div class="m41-item {_e(x.kind)}"><div class="cell">{_e(x.cell)}</div>'
                   f'<div class="opd">{_e(x.opd)}</div><div class="age">{_e(x.age)}</div></div>' for x in s.items)
    more = f'<div class="m41-more{" m41-meta" if s.items else ""}">{_e(s.more)}</div>' if s.more else ""
    return f'{since}<div class="m41-follow">{rows}{more}</div>'


def _asuh(s: Slide) -> str:
    """"Orang tua asuh": each commitment against the official sponsorships running, the children's progress,
    and the simulasi caveat in the dashed mark the screens use for simulated data."""
    rows = "".join(f"<li>{_e(line)}</li>" for line in s.lines)
    more = f'<div class="m41-more m41-meta">{_e(s.more)}</div>' if s.more else ""
    caveat = (f'<div class="m41-since" style="border:.3vh dashed #8a5a00;color:#8a5a00">{_e(s.caveat)}</div>'
              if s.caveat else "")
    return f'<ul class="m41-wins">{rows}</ul>{more}<div class="m41-since"><b>{_e(s.progress)}</b></div>{caveat}'


def progress_bar(position: slideshow.Position, interval: float) -> str:
    """A thin bar across the top that fills while the slide waits for the next one (none when paused)."""
    if not position.playing:
        return ""
    elapsed = max(0.0, time.monotonic() - position.shown_at)
    return (f'<div class="m41-progress" data-slide="{position.index}"><i style="animation-duration:{interval}s;'
            f'animation-delay:-{min(elapsed, interval):.2f}s"></i></div>')


def show_slide(s: Slide, index: int, total: int, progress: str = "") -> None:
    """One slide, filling the screen: title band, body, sources with periods and the slide number."""
    body = {"pembuka": _opening, "isu": _isu, HOTSPOTS: _follow_up, ASUH: _asuh, FOLLOW_UP: _follow_up,  # rows alike
            "penutup": _closing}[s.kind](s)
    sources = f"{t('ekspor.sumber')}: {'; '.join(s.sources)}" if s.sources else ""
    st.html(f'{progress}<div class="m41-deck" data-slide="{_e(s.key)}"><div class="m41-head"><h1>{_e(s.title)}</h1>'
            f'<div class="sub">{_e(s.subtitle)}</div></div><div class="m41-body">{body}</div>'
            f'<div class="m41-foot"><span class="src">{_e(sources)}</span>'
            f'<span class="num">{index + 1}/{total}</span></div></div>')


FULLSCREEN_ICON = ('<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M5 5h5v2H7v3H5V5zm9 '
                   '0h5v5h-2V7h-3V5zM5 14h2v3h3v2H5v-5zm12 3v-3h2v5h-5v-2h3z"/></svg>')


def fullscreen_button() -> None:
    """Layar penuh: the browser's Fullscreen API on the whole page (a click is the user gesture it needs);
    a second click, or Esc, leaves it."""
    label, leave = t("presentasi.layar_penuh"), t("presentasi.keluar_layar_penuh")
    st.html(f'<button type="button" class="m41-fs" title="{_e(label)}" data-on="{_e(label)}" data-off="{_e(leave)}">'
            f'{FULLSCREEN_ICON}<span>{_e(label)}</span></button>'
            """<script>
if (!window.m41Fullscreen) {
  window.m41Fullscreen = true;
  const label = () => document.querySelectorAll('.m41-fs').forEach(b => {
    const text = document.fullscreenElement ? b.dataset.off : b.dataset.on;
    b.title = text; b.querySelector('span').textContent = text; });
  document.addEventListener('click', (e) => {
    if (!e.target.closest('.m41-fs')) return;
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener('fullscreenchange', label);
}
</script>""", unsafe_allow_javascript=True, width="content")
