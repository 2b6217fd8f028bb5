"""The layer rule of README "Struktur", read from the source: every import (also inside functions) goes down or
sideways within its rank, no import circle, no re-export, streamlit only in lib/ui, views and app.py, DuckDB opened
only in lib/db, SQL only in lib/db (writes) and lib/data (reads)."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Rank of each part: a module may import parts of its own rank or lower, never higher. Keep in step with README.
RANKS = {
    "app": 9, "views": 9,
    "lib.ui": 8,
    "lib.screens": 7,
    "lib.present": 6, "lib.charts": 6, "lib.maps": 6, "lib.export": 6,
    # Delivery of briefings (issue 22): the exports' builders and the judged figures, never lib.ui.
    "lib.kirim": 6,
    "lib.judge": 5,
    # Side packages between judge and data: uploads, the apel list, permissions and accounts read through
    # lib.data and write through lib.db, and the rules above them may use them.
    "lib.ingest": 4, "lib.apel": 4, "lib.catatan": 4,
    "lib.access": 3, "lib.users": 3,
    "lib.data": 2,
    "lib.db": 1,
    "lib.text": 0, "lib.config": 0, "lib.cli": 0,
}
STREAMLIT_PARTS = ("app", "views", "lib.ui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def sources() -> dict[str, Path]:
    files = [ROOT / "app.py", *ROOT.glob("views/*.py"), *ROOT.glob("lib/**/*.py")]
    return {_module_name(p): p for p in files}


def part_of(module: str) -> str:
    """The RANKS key a module belongs to (the longest matching prefix)."""
    for part in sorted(RANKS, key=len, reverse=True):
        if module == part or module.startswith(part + "."):
            return part
    raise AssertionError(f"{module} belongs to no layer: add it to RANKS and to README 'Struktur'")


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


@cache
def imports(module: str) -> dict[str, int]:
    """Every module this one imports, anywhere in its body, with the line of the first import."""
    path = sources()[module]
    found: dict[str, int] = {}
    known = sources()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module, path.name == "__init__.py")
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for target in targets:
            found.setdefault(target, node.lineno)
    found.pop(module, None)
    return found


def project_imports(module: str) -> dict[str, int]:
    """Imports of project modules, each with the packages Python imports first (their __init__)."""
    known = sources()
    out: dict[str, int] = {}
    for target, line in imports(module).items():
        parts = target.split(".")
        for i in range(1, len(parts) + 1):
            name = ".".join(parts[:i])
            if name in known and name != module and not module.startswith(name + "."):
                out.setdefault(name, line)
    return out


def test_every_module_belongs_to_a_layer():
    for module in sources():
        if module != "lib":
            part_of(module)


def test_no_import_goes_up_a_layer():
    wrong = []
    for module in sources():
        if module == "lib":
            continue
        for target, line in project_imports(module).items():
            if target == "lib":
                continue
            if RANKS[part_of(target)] > RANKS[part_of(module)]:
                wrong.append(f"{sources()[module].relative_to(ROOT)}:{line} imports {target} "
                             f"({part_of(module)} may not import {part_of(target)})")
    assert not wrong, "\n".join(wrong)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph = {m: sorted(project_imports(m)) for m in sources()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    assert _cycles() == []


def test_no_re_export():
    """A name imported but never used in its module is a second home for it (a re-export shim)."""
    shims = []
    for module, path in sources().items():
        source = path.read_text(encoding="utf-8")
        if "noqa: F401" in source or "__all__" in source:
            shims.append(str(path.relative_to(ROOT)))
    assert not shims


@pytest.mark.parametrize("forbidden, allowed", [
    ("streamlit", STREAMLIT_PARTS),
    ("duckdb", ("lib.db", "lib.data")),
])
def test_third_party_doors(forbidden, allowed):
    """Streamlit only in the UI; DuckDB (the module) only in the record and its read questions."""
    wrong = [f"{sources()[m].relative_to(ROOT)} imports {forbidden}" for m in sources()
             if any(t == forbidden or t.startswith(forbidden + ".") for t in imports(m))
             and part_of(m) not in allowed and m != "lib"]
    assert not wrong, "\n".join(wrong)


def test_only_lib_db_connects_to_duckdb():
    callers = [str(p.relative_to(ROOT)) for m, p in sources().items()
               if "duckdb.connect(" in p.read_text(encoding="utf-8") and part_of(m) != "lib.db"]
    assert not callers


SQL_PARTS = ("lib.db", "lib.data")
_SQL_CALLS = {"execute", "executemany", "sql"}
_SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WITH(\s+RECURSIVE)?)\s")


def _sql_in(path: Path) -> list[str]:
    """Lines of path that run SQL (a .execute/.executemany/.sql call) or hold a SQL statement as text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _SQL_CALLS):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} calls .{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL_TEXT.match(node.value):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} holds SQL text {node.value.strip()[:40]!r}")
    return found


def test_sql_only_in_lib_db_and_lib_data():
    """Reads are questions in lib.data, writes statements in lib.db; no other module runs or holds SQL."""
    wrong = [line for m, p in sources().items() if m != "lib" and part_of(m) not in SQL_PARTS for line in _sql_in(p)]
    assert not wrong, "\n".join(wrong)


def test_packages_say_what_they_hold_and_nothing_else():
    """Each package's __init__ is its docstring only: importing lib.x.y runs no code of lib.x (no hidden edges)."""
    for init in ROOT.glob("lib/**/__init__.py"):
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), init


def _code_map_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Peta kode"):]
    return {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `lib/")}


def test_the_readme_code_map_names_every_package_and_module():
    rows = _code_map_rows()
    missing = []
    for package in sorted(p for p in (ROOT / "lib").iterdir() if (p / "__init__.py").exists()):
        row = rows.get(f"`lib/{package.name}/`")
        if row is None:
            missing.append(f"lib/{package.name}/ (no row)")
            continue
        missing += [f"lib/{package.name}/{m.stem}" for m in package.glob("*.py")
                    if m.stem not in ("__init__", "__main__") and f"`{m.stem}`" not in row]
    assert not missing, "README 'Peta kode' does not name: " + ", ".join(missing)


def test_the_readme_glossary_explains_the_domain_words():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    glossary = readme[readme.index("### Penamaan dan glosarium"):]
    words = ("isu", "indikator", "capaian", "target", "dasar", "apel", "tindakan", "penanggung jawab", "snapshot",
             "rekaman")
    assert not [w for w in words if f"\n| {w} |" not in glossary]
