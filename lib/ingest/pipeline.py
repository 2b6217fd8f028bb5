"""Uploads: the one code path (read, validate, preview, load) shared by `python -m lib.ingest` and the upload page.

Modules: layout (file shapes), reader (bytes -> rows), numbers, validate (rows -> clean rows + problems),
load (atomic, idempotent append; rollback; batch listings), template (the Excel template).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lib.ingest import load as _load
from lib.ingest.load import Change, LoadError, LoadResult, Preview
from lib.text.i18n import format_number
from lib.text.plain import visible

MayLoad = Callable[[str, str], bool]


class RejectedError(LoadError):
    """The file has problems, so nothing was loaded; .problems lists them, str() is the Indonesian report."""

    def __init__(self, problems: list):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} masalah ditemukan; tidak ada baris yang dimuat. Perbaiki lalu "
                         f"unggah ulang seluruh berkas.\n{format_problems(self.problems)}")


@dataclass(frozen=True)
class Report:
    problems: list
    notices: list[str]
    rows: list
    preview: Preview | None  # None when there are problems: nothing would load
    content_hash: str

    @property
    def ok(self) -> bool:
        """Whether the file could be loaded as it is."""
        return not self.problems and bool(self.rows)


def content_hash(data: bytes) -> str:
    """The sha256 of the uploaded bytes, as stored in unggahan.hash_isi."""
    return hashlib.sha256(data).hexdigest()


def check_file(con, file_name: str, data: bytes, may_load: MayLoad | None = None) -> Report:
    """Read, validate and preview an upload; raises reader.UploadError when the file itself is refused."""
    # Imported here so that the reader and validator may import lib.ingest.shapes without a cycle.
    from lib.ingest.reader import read_upload
    from lib.ingest.validate import validate

    digest = content_hash(data)
    upload = read_upload(file_name, data)
    rows, problems = validate(upload.rows, con, may_load=may_load)
    preview = None if problems else _load.preview(con, rows, digest)
    return Report(list(problems), list(upload.notices), list(rows), preview, digest)


def load_file(db_path: Path | str, file_name: str, data: bytes, *, user_name: str,
              may_load: MayLoad | None = None, jenis: str = "resmi") -> LoadResult:
    """Check the file again under the writer lock (never trust an earlier preview), refuse it on any problem,
    else load it in the same transaction."""
    with _load.writing(db_path) as con:
        report = check_file(con, file_name, data, may_load)
        if report.problems:
            raise RejectedError(report.problems)
        if not report.rows:
            raise LoadError("Berkas tidak berisi satu nilai pun untuk dimuat; isi kolom nilai lalu unggah ulang.")
        return _load.load_into(con, report.rows, file_name=visible(file_name, 200), content_hash=report.content_hash,
                               user_name=user_name, jenis=jenis)


def format_problem(problem) -> str:
    """'Baris 12, kolom wilayah, nilai '76.07': Kode wilayah 76.07 tidak dikenal. Yang benar: …'."""
    from lib.ingest.validate import lines_text

    lines = list(getattr(problem, "lines", ()) or ([problem.line] if problem.line else []))
    where = [lines_text(lines).capitalize() if lines else "Berkas"]
    if problem.column:
        where.append(f"kolom {problem.column}")
    if problem.value not in (None, "") and str(problem.value).strip():
        where.append(f"nilai '{problem.value}'")
    # validate's messages say "pada baris …" themselves; the prefix already does.
    message = str(problem.message).replace(f" pada {lines_text(lines)}", "").strip() if lines else problem.message
    if message and message[-1] not in ".!?":
        message += "."
    text = f"{', '.join(where)}: {message}"
    return f"{text} Yang benar: {problem.fix}" if problem.fix else text


def format_problems(problems: list, limit: int | None = None) -> str:
    """The Indonesian report, one line per problem; with limit, the rest summed up in a last line."""
    shown = problems if limit is None else problems[:limit]
    lines = [format_problem(p) for p in shown]
    if len(problems) > len(shown):
        lines.append(f"… dan {len(problems) - len(shown)} masalah lain.")
    return "\n".join(lines)


def format_change(change: Change) -> str:
    """One preview line: 'Baris 12 ST-PREV 76.05 2023: 40,6 → 38,2 (sumber lama: SSGI 2022)'."""
    head = f"Baris {change.line} {change.indikator} {change.wilayah} {change.periode}"
    if change.status == _load.NEW:
        return f"{head}: baru {format_number(change.baru)}"
    if change.status == _load.SAME:
        return f"{head}: sama {format_number(change.baru)}"
    note = f"sumber lama: {change.sumber_lama}"
    if change.jenis_lama == "simulasi":
        note += ", simulasi"
    return f"{head}: {format_number(change.lama)} → {format_number(change.baru)} ({note})"
