"""A cold process draws grey boxes before it imports the app (lib.ui.loading), and clears them for the page.

Measured before: on a fresh server the first visitor saw a blank window for 2-4 s (the app's imports), then
the page at once. The first paint now comes from a module that imports only Streamlit."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from lib.ui import loading

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_loading_imports_only_streamlit_and_knows_a_cold_process():
    out = json.loads(_run("import json, sys; import lib.ui.loading as l; cold = l.cold();"
                          "heavy = [m for m in ('pandas', 'altair', 'geopandas', 'duckdb', 'lib.data') if m in sys.modules];"
                          "import lib.ui.state; print(json.dumps([cold, heavy, l.cold()]))"))
    assert out == [True, [], False]


def test_import_screens_imports_every_screen_module_a_page_uses():
    used = set()
    for view in (ROOT / "views").glob("*.py"):
        for node in ast.walk(ast.parse(view.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "lib.ui":
                used |= {f"lib.ui.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lib.ui."):
                used.add(node.module)
    loaded = json.loads(_run("import json, sys; import lib.ui.loading as l; l.import_screens();"
                             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lib.ui.'))))"))
    assert len(used) > 10 and used <= set(loaded), sorted(used - set(loaded))


def test_first_paint_has_the_page_shape_and_a_busy_status():
    assert loading.FIRST_PAINT.count('class="m41-wait m41-wait-card"') == 5
    assert 'aria-busy="true"' in loading.FIRST_PAINT and "m41-wait-title" in loading.FIRST_PAINT


def test_a_cold_run_clears_its_grey_boxes_for_the_page(demo_db):
    """A whole first run in a fresh interpreter: the page is drawn and no grey box of the first paint is left."""
    code = ("import json; from streamlit.testing.v1 import AppTest;"
            "at = AppTest.from_file('app.py', default_timeout=120); at.run();"
            "html = [getattr(e, 'proto', None) and str(e.proto) for e in at.main] + "
            "[str(getattr(e, 'proto', '')) for e in at.sidebar];"
            "print(json.dumps([len(at.exception), [t.value for t in at.title], "
            "sum('m41-wait-title' in (h or '') for h in html), sum('m41-wait\\\\\" style' in (h or '') for h in html)]))")
    errors, titles, page_boxes, filter_boxes = json.loads(_run(code, {"MONITOR41_DB": str(demo_db)}))
    assert errors == 0
    assert titles and titles[0]
    assert page_boxes == 0 and filter_boxes == 0
