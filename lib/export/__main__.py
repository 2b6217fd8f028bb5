"""Command line: `python -m lib.export deck|brief|image --out FILE [--kab KODE ...] [--lang id|en]
[--sampai YYYY-MM-DD] [--publik]` builds the apel deck (.pptx), the one-page PDF briefing or a share image (.png).

The command reads the record, which holds the cell notes: its deck carries the "Tindak lanjut" slide (cell,
OPD, kind and age of unanswered questions and overdue commitments, never a note's text) and the PDF its line,
unless --publik is given or MONITOR41_PUBLIC is set (a file to forward outside)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lib import cli, config
from lib.data import queries
from lib.db.connect import connect
from lib.db.errors import DatabaseError
from lib.export import build, model, share
from lib.text import i18n


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("ekspor.tanggal_salah", teks=text)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib.export", description=__doc__)
    what = p.add_subparsers(dest="what", required=True, metavar="{deck,brief,image}",
                            help="deck: .pptx; brief: PDF 1 halaman; image: PNG")
    for name, builder in (("deck", _deck), ("brief", _brief), ("image", _image)):
        sub = what.add_parser(name)
        sub.add_argument("--out", required=True, type=Path, help="berkas keluaran")
        sub.add_argument("--kab", nargs="*", default=[], metavar="KODE", help="kode kabupaten Kemendagri, mis. 76.04")
        sub.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
        sub.add_argument("--sampai", type=_date, default=None, help="hanya data sampai tanggal ini (TTTT-BB-HH)")
        sub.add_argument("--slide", type=int, default=1, help="image: nomor slide (1 = pembuka)")
        sub.add_argument("--persegi", action="store_true", help="image: 1080×1080 alih-alih 1920×1080")
        sub.add_argument("--db", type=Path, default=None, help="berkas DuckDB (bawaan: MONITOR41_DB)")
        sub.add_argument("--publik", action="store_true",
                         help="tanpa slide Tindak lanjut (catatan sel), untuk diteruskan ke luar; "
                              "selalu begitu dengan MONITOR41_PUBLIC")
        sub.set_defaults(run=_writing(builder))
    return p


def _deck(data: model.DeckData, args: argparse.Namespace, kab: tuple[str, ...]) -> bytes:
    return build.pptx(data, args.lang, kab)


def _brief(data: model.DeckData, args: argparse.Namespace, kab: tuple[str, ...]) -> bytes:
    return build.pdf(data, args.lang, kab)


def _image(data: model.DeckData, args: argparse.Namespace, kab: tuple[str, ...]) -> bytes:
    """The share image of slide --slide; a number outside the deck is refused with the valid range (a command
    must not quietly give another slide)."""
    slides = model.build_deck(data, args.lang, kab).slides
    if not 1 <= args.slide <= len(slides):
        raise cli.UsageError(i18n.t("ekspor.slide_di_luar", nomor=args.slide, jumlah=len(slides)))
    return share.slide_image(slides[args.slide - 1], args.lang, square=args.persegi)


def _check_out(out: Path) -> None:
    """--out names a file in an existing folder: checked before any work, so the answer comes at once."""
    if out.is_dir():
        raise cli.UsageError(i18n.t("ekspor.keluaran_folder", berkas=out))
    if not out.parent.is_dir():
        raise cli.UsageError(i18n.t("ekspor.folder_tidak_ada", folder=out.parent, berkas=out.name))


def _write(out: Path, content: bytes) -> None:
    """Write through a temporary file beside out, so a failed write (no permission, disk full) leaves no half
    file and says why in one line, never a traceback."""
    temp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        temp.write_bytes(content)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise cli.UsageError(i18n.t("ekspor.tak_bisa_tulis", berkas=out, alasan=exc.strerror or exc)) from exc


def _writing(builder: Callable[[model.DeckData, argparse.Namespace, tuple[str, ...]], bytes]):
    """A handler that reads the record, checks --kab, builds the file with builder and writes it to --out."""

    def handler(args: argparse.Namespace) -> None:
        _check_out(args.out)
        try:
            con = connect(args.db)
        except DatabaseError as exc:  # no record to export from: the command cannot run as written
            raise cli.UsageError(exc) from exc
        valid = queries.wilayah_codes(con, "kabupaten")
        unknown = [k for k in args.kab if k not in valid]
        if unknown:
            raise cli.UsageError(i18n.t("ekspor.kabupaten_tak_dikenal", kode=", ".join(unknown), sah=", ".join(valid)))
        internal = not (args.publik or config.get_flag("MONITOR41_PUBLIC"))
        content = builder(model.load(con, args.sampai, follow_up=internal), args, tuple(args.kab))
        _write(args.out, content)
        print(f"{args.out} ({len(content) // 1024} KB)")

    return handler


def main(argv: list[str] | None = None) -> int:
    """Build one export file: 0 written, 2 usage (unknown kabupaten, no database, a slide out of range, an
    --out that cannot be written)."""
    return cli.dispatch(parser(), argv, ())


if __name__ == "__main__":
    sys.exit(cli.run(main))
