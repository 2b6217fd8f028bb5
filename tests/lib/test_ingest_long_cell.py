"""A small .xlsx holding one huge cell (issue 20: 204 KB holding 195 MB took 16,7 s and 880 MB in the CLI, and
grew the app 359 → 932 MB): refused while streaming, before openpyxl or anything else holds the text, on every
path — `python -m lib.ingest`, the app's upload check (lib.ingest.pipeline.check_file, which the Unggah page
calls) and tindakan uploads. Memory is measured on real processes (peak RSS of a child, a generous bound); the
time lives in bench/bench_upload.py."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lib.ingest import tindakan, xlsx_scan
from lib.ingest.reader import read_upload
from lib.ingest.rows import UploadError

ROOT = Path(__file__).resolve().parents[2]
HUGE = 195 * 1024 * 1024
RSS_BOUND_MB = 400  # a bare `python -m lib.ingest load --check` peaks near 150 MB; the refused file took 880 MB
HEADER = ["indikator", "wilayah", "periode", "nilai", "sumber"]


_SHARED_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_SHARED_REL = (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               b'sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>')


def workbook(path: Path, text_bytes: int, shared: bool) -> Path:
    """A real long-format workbook (written by openpyxl, so openpyxl would load it) whose sumber cell E2 holds
    text_bytes of 'x', in a shared-string table (as Excel writes text) or inline (as openpyxl does), written
    in pieces so the test never holds the text."""
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(HEADER)
    book.active.append(["ST-PREV", "76.05", "2022", "40,6", "PLACEHOLDER"])
    base = io.BytesIO()
    book.save(base)
    source = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                cell = b'<c r="E2" t="s"><v>0</v></c>' if shared else b'<c r="E2" t="inlineStr"><is><t>PLACEHOLDER'
                content = re.sub(rb'<c r="E2".*?</c>', cell + (b"" if shared else b"</t></is></c>"), content)
            if shared and name == "[Content_Types].xml":
                content = content.replace(b"</Types>", _SHARED_TYPE)
            if shared and name == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"</Relationships>", _SHARED_REL)
            if b"PLACEHOLDER" not in content:
                archive.writestr(name, content)
        opening = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                   b'uniqueCount="1"><si><t>')
        head, tail = ((opening, b"</t></si></sst>") if shared else
                      source.read("xl/worksheets/sheet1.xml").split(b"PLACEHOLDER"))
        if not shared:
            head = re.sub(rb'<c r="E2".*', b'<c r="E2" t="inlineStr"><is><t>', head)
        with archive.open("xl/sharedStrings.xml" if shared else "xl/worksheets/sheet1.xml", "w") as stream:
            stream.write(head)
            _fill(stream, text_bytes)
            stream.write(tail)
    return path


def _fill(stream, size: int) -> None:
    piece = b"x" * (1024 * 1024)
    for _ in range(size // len(piece)):
        stream.write(piece)
    stream.write(b"x" * (size % len(piece)))


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    """The reported file: about 200 KB on disk, one 195 MB shared string."""
    path = workbook(tmp_path_factory.mktemp("huge") / "besar.xlsx", HUGE, shared=True)
    assert path.stat().st_size < 250 * 1024
    return path


@pytest.fixture
def no_openpyxl_load(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl.load_workbook was called")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def peak_rss_mb(code: str, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run code in a child under a parent that reports the child's peak RSS (RUSAGE_CHILDREN of a fresh parent
    covers that child only)."""
    wrapper = textwrap.dedent("""
        import resource, subprocess, sys
        done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        print(f"RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
        sys.exit(done.returncode)
    """)
    done = subprocess.run([sys.executable, "-c", wrapper, sys.executable, *(["-c", code] if code else []), *args],
                          cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
                          check=False)
    *out, rss = done.stdout.rstrip("\n").split("\n")
    done.stdout = "\n".join(out)
    return done, int(rss.removeprefix("RSS ")) / 1024  # ru_maxrss is in KiB on Linux


def test_the_cli_refuses_it_with_one_line_and_bounded_memory(huge, tiny_db):
    done, rss = peak_rss_mb("", "-m", "lib.ingest", "load", str(huge), "--db", str(tiny_db), "--check")
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Sel pada tabel teks bersama berisi lebih dari 32.767 karakter" in lines[0]
    print(f"peak RSS {rss:.0f} MB")
    assert rss < RSS_BOUND_MB, f"peak RSS {rss:.0f} MB"


def test_the_app_upload_check_refuses_it_with_bounded_memory(huge, tiny_db):
    """The Unggah page's check (lib.ui.upload._checked) is pipeline.check_file on the uploaded bytes."""
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from lib.db.connect import connect
        from lib.ingest import pipeline
        from lib.ingest.rows import UploadError
        data = Path(sys.argv[1]).read_bytes()
        with connect(sys.argv[2]) as con:
            try:
                pipeline.check_file(con, "besar.xlsx", data, None)
            except UploadError as exc:
                print(exc)
    """)
    done, rss = peak_rss_mb(code, str(huge), str(tiny_db))
    assert done.returncode == 0, done.stderr
    assert "berisi lebih dari 32.767 karakter" in done.stdout
    print(f"peak RSS {rss:.0f} MB")
    assert rss < RSS_BOUND_MB, f"peak RSS {rss:.0f} MB"


def test_a_tindakan_upload_refuses_it_with_bounded_memory(huge):
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from lib.ingest import tindakan
        from lib.ingest.rows import UploadError
        try:
            tindakan.read("besar.xlsx", Path(sys.argv[1]).read_bytes())
        except UploadError as exc:
            print(exc)
    """)
    done, rss = peak_rss_mb(code, str(huge))
    assert done.returncode == 0 and "berisi lebih dari 32.767 karakter" in done.stdout, (done.stdout, done.stderr)
    print(f"peak RSS {rss:.0f} MB")
    assert rss < RSS_BOUND_MB, f"peak RSS {rss:.0f} MB"


@pytest.mark.parametrize("shared", [True, False])
def test_refused_before_openpyxl_naming_the_cell(tmp_path, no_openpyxl_load, shared):
    data = workbook(tmp_path / "b.xlsx", 4 * 1024 * 1024, shared).read_bytes()
    with pytest.raises(UploadError) as caught:
        read_upload("b.xlsx", data)
    where = "pada tabel teks bersama" if shared else "pada lembar 'Data'"
    assert f"Sel {where} berisi lebih dari 32.767 karakter" in str(caught.value)
    with pytest.raises(UploadError, match="32.767 karakter"):
        tindakan.read("b.xlsx", data)


@pytest.mark.parametrize("shared", [True, False])
def test_a_cell_just_over_excels_limit_is_found_by_the_element_pass(tmp_path, no_openpyxl_load, shared):
    """Short enough to pass the quick stretch check; the streamed text count names the cell."""
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(workbook(path, 0, shared)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    target = "xl/sharedStrings.xml" if shared else "xl/worksheets/sheet1.xml"
    parts[target] = parts[target].replace(b"<t></t>", b"<t>" + b"&amp;" * (xlsx_scan.MAX_CELL_CHARS + 1) + b"</t>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(UploadError) as caught:
        read_upload("b.xlsx", path.read_bytes())
    where = "pada tabel teks bersama" if shared else "E2 pada lembar 'Data'"
    assert f"Sel {where} berisi lebih dari 32.767 karakter" in str(caught.value)


def test_a_cell_at_excels_limit_passes_the_scan_and_meets_the_column_limit(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["ST-PREV", "76.05", "2022", "40,6", "é" * xlsx_scan.MAX_CELL_CHARS])
    path = tmp_path / "b.xlsx"
    book.save(path)
    upload = read_upload("b.xlsx", path.read_bytes())  # refused later, per row, by the sumber limit
    assert len(upload.rows[0].cells["sumber"]) == xlsx_scan.MAX_CELL_CHARS


def test_all_text_together_has_a_budget(tmp_path, no_openpyxl_load, monkeypatch):
    monkeypatch.setattr(xlsx_scan, "max_text_chars", lambda: 100_000)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{"y" * 30_000}</t></is></c></row>'
                   for n in range(3, 8))
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(workbook(path, 0, shared=False)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(UploadError, match="Teks di dalam buku kerja ini lebih dari 100.000 karakter"):
        read_upload("b.xlsx", path.read_bytes())


def test_indentation_between_tags_is_not_text(tmp_path, monkeypatch):
    """A writer that indents its XML (one line per element) spends no text budget on the indentation."""
    monkeypatch.setattr(xlsx_scan, "max_text_chars", lambda: 1_000)
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(workbook(path, 0, shared=False)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"><", b">\n" + b" " * 200 + b"<")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with zipfile.ZipFile(path) as archive:
        xlsx_scan.scan(archive)  # quietly
