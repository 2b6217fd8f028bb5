"""AppTest wiring: every page (views/*) runs with the default filters, one kabupaten and one OPD, and in public
mode; the pages that read the OPD filter (`filters.opd` in their source) also for an OPD that coordinates no
isu. What the pages show for every kabupaten, OPD, language and mode is tested without Streamlit in
tests/screens (lib.screens computes it).

One AppTest per (page, mode) opens the page with no filter, then re-runs it under each other filter (the demo
database is built once per test session); a run fails on any exception or error box, the generic "Terjadi
kesalahan tak terduga" included.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.data import queries
from lib.db.connect import connect
from lib.text import i18n
from lib.users import accounts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
VIEWS = sorted(p.name for p in (Path(APP).parent / "views").glob("*.py"))
PRIVATE_ONLY = {"unggah.py", "riwayat.py", "kualitas.py", "kirim.py"}  # a public deployment has no data pages
GENERIC = i18n.t("galat.tak_terduga")[:30]
ADMIN = accounts.User("admin@sulbarprov.go.id", "admin")


def test_the_sweep_knows_every_page():
    assert len(VIEWS) == 16 and "opd.py" in VIEWS  # a new page is swept without editing this file


def reads_opd_filter(view: str) -> bool:
    return "filters.opd" in (Path(APP).parent / "views" / view).read_text(encoding="utf-8")


def test_the_sweep_knows_which_pages_read_the_opd_filter():
    assert reads_opd_filter("opd.py") and reads_opd_filter("kualitas.py") and not reads_opd_filter("stunting.py")


@pytest.fixture(scope="module")
def filters(demo_db) -> dict[bool, list[tuple[str, object]]]:
    """(session key, value) per run — no filter, one kabupaten, one OPD that coordinates an isu — keyed by whether
    the page reads the OPD filter: then also one OPD that coordinates none."""
    con = connect(demo_db, read_only=True)
    try:
        kabupaten, opd = queries.kabupaten(con)["kode"].tolist(), queries.opd_list(con)
    finally:
        con.close()
    coordinates = opd["isu_koordinasi"].map(len) > 0
    base = [("app_kab", []), ("app_kab", [kabupaten[-2]]), ("app_opd", opd.loc[coordinates, "kode"].iloc[0])]
    return {True: base + [("app_opd", opd.loc[~coordinates, "kode"].iloc[0])], False: base}


@pytest.fixture(scope="module")
def databases(shared_record, tmp_path_factory) -> dict[str, Path]:
    """The record each mode reads and the users file of the signed-in admin. The sweep only reads, so both
    modes read the process's shared copy (tests/views/conftest.py): every process, internal or public, reads the
    record's published snapshots (lib.ui.state.cursor), and the caches key on the mode where results differ."""
    folder = tmp_path_factory.mktemp("sweep")
    accounts.add_user(ADMIN.name, None, ADMIN.role, path=folder / "pengguna.json")
    return {"normal": shared_record, "public": shared_record, "users": folder / "pengguna.json"}


def _problems(at: AppTest) -> list[str]:
    found = [f"exception: {e.message}" for e in at.exception]
    found += [f"error box: {e.value}" for e in at.error]
    if any(GENERIC in str(e.value) for e in at.error):
        found.append("the generic error box")
    return found


@pytest.mark.parametrize("mode", ["normal", "public"])
@pytest.mark.parametrize("view", VIEWS)
def test_page_runs_with_default_filters_a_kabupaten_and_an_opd(view, mode, filters, databases, monkeypatch):
    if mode == "public" and view in PRIVATE_ONLY:
        pytest.skip("not served in public mode (see test_public_mode_serves_no_data_pages)")
    monkeypatch.setenv("MONITOR41_DB", str(databases[mode]))
    monkeypatch.setenv("MONITOR41_USERS", str(databases["users"]))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1" if mode == "public" else "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = ADMIN  # the data pages need a signed-in user
    at.switch_page(f"views/{view}").run()  # straight onto the page, as a shared link opens it (tests/views/apptest)
    failures = []
    for run, (key, value) in enumerate(filters[reads_opd_filter(view)] if mode == "normal" else filters[False][:2]):
        if run:  # the first case, no filter, is the session's first run: checked as it is
            at.session_state["app_kab"], at.session_state["app_opd"] = [], None
            at.session_state[key] = value
            at.run()
        else:
            assert (key, value) == ("app_kab", []) and at.session_state["app_kab"] == [] and \
                at.session_state["app_opd"] is None
        failures += [f"{view} {key}={value}: {p}" for p in _problems(at)]
        assert at.title or at.get("html"), f"{view} {key}={value} shows nothing"
    assert not failures, "\n".join(failures)


def test_public_mode_serves_no_data_pages(databases, monkeypatch):
    monkeypatch.setenv("MONITOR41_DB", str(databases["public"]))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = AppTest.from_file(APP, default_timeout=60).run()  # (the default page: the navigation of public mode)
    with pytest.raises(Exception):  # noqa: B017 — AppTest refuses a page that is not in the navigation
        at.switch_page("views/unggah.py").run()
    with pytest.raises(Exception):  # noqa: B017 — nor the Kirim admin page (addresses of recipients)
        at.switch_page("views/kirim.py").run()
