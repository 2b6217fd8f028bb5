"""Command line: `python -m lib.export deck|brief|image --out FILE [--kab KODE ...] [--lang id|en]
[--sampai YYYY-MM-DD]` builds the apel deck (.pptx), the one-page PDF briefing or a share image (.png)."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lib.data import queries
from lib.db.connect import connect
from lib.db.errors import DatabaseError
from lib.export import build, model
from lib.text import i18n


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("ekspor.tanggal_salah", teks=text)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lib.export", description=__doc__)
    p.add_argument("what", choices=("deck", "brief", "image"), help="deck: .pptx; brief: PDF 1 halaman; image: PNG")
    p.add_argument("--out", required=True, type=Path, help="berkas keluaran")
    p.add_argument("--kab", nargs="*", default=[], metavar="KODE", help="kode kabupaten Kemendagri, mis. 76.04")
    p.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
    p.add_argument("--sampai", type=_date, default=None, help="hanya data sampai tanggal ini (TTTT-BB-HH)")
    p.add_argument("--slide", type=int, default=1, help="image: nomor slide (1 = pembuka)")
    p.add_argument("--persegi", action="store_true", help="image: 1080×1080 alih-alih 1920×1080")
    p.add_argument("--db", type=Path, default=None, help="berkas DuckDB (bawaan: MONITOR41_DB)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        con = connect(args.db)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 2
    valid = queries.wilayah_codes(con, "kabupaten")
    unknown = [k for k in args.kab if k not in valid]
    if unknown:
        print(i18n.t("ekspor.kabupaten_tak_dikenal", kode=", ".join(unknown), sah=", ".join(valid)), file=sys.stderr)
        return 2
    data = model.load(con, args.sampai)
    kab = tuple(args.kab)
    if args.what == "deck":
        content = build.pptx(data, args.lang, kab)
    elif args.what == "brief":
        content = build.pdf(data, args.lang, kab)
    else:
        content = build.slide_png(data, args.lang, kab, args.slide - 1, square=args.persegi)
    args.out.write_bytes(content)
    print(f"{args.out} ({len(content) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
