"""Deferred downloads never rerun the page.

A download button whose file is built when clicked (a lambda or functools.partial as its data) registers the
builder under a file id for this run. With Streamlit's default on_click="rerun", the click also reruns the
script, which registers a new id and drops the old one while the browser is still asking for it: on a busy
server the download is lost (seen in CI: no file after 240 s). Every such button says on_click="ignore"."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _deferred_download_calls():
    for path in sorted([ROOT / "app.py", *(ROOT / "lib").rglob("*.py"), *(ROOT / "views").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "download_button"):
                continue
            data = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "data"), None)
            deferred = isinstance(data, ast.Lambda) or (
                isinstance(data, ast.Call) and getattr(data.func, "attr", getattr(data.func, "id", "")) == "partial")
            if deferred:
                yield path.relative_to(ROOT), node


def test_the_check_finds_the_deferred_downloads():
    assert len(list(_deferred_download_calls())) >= 6  # PowerPoint, PDF, two slide images, two headline, CSV, Excel


def test_every_deferred_download_ignores_the_click_rerun():
    rerunning = [f"{path}:{node.lineno}" for path, node in _deferred_download_calls()
                 if not any(k.arg == "on_click" and isinstance(k.value, ast.Constant) and k.value.value == "ignore"
                            for k in node.keywords)]
    assert not rerunning, f"tombol unduh tertunda tanpa on_click='ignore': {rerunning}"
