"""Command line of the record (run as `python -m lib.db`).

Usage: python -m lib.db build [--db PATH] [--scale N] [--force]
       python -m lib.db backup --out FILE [--db PATH]
       python -m lib.db restore FILE [--db PATH]
       python -m lib.db migrate [--db PATH]
       python -m lib.db publish [--db PATH]
       python -m lib.db remove [--db PATH] [--force]
Exit codes: 0 done, 1 refused (message on stderr), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lib import cli
from lib.db import lock, migrate, record, snapshot
from lib.db.build import build_record
from lib.db.connect import default_path
from lib.db.errors import DatabaseError, DatabaseMissingError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.db", description="Kelola database Monitor 4+1.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="bangun database dari data/seed")
    build.add_argument("--scale", type=int, default=0,
                       help="tambah N kali volume demo sebagai baris simulasi tingkat desa")
    build.add_argument("--force", action="store_true",
                       help="ganti juga database yang berisi data pengguna (salinan terverifikasi disimpan dulu)")
    build.set_defaults(run=_printing(_build))
    backup = commands.add_parser("backup", help="salinan utuh database, aman saat aplikasi berjalan")
    backup.add_argument("--out", type=Path, required=True, help="berkas cadangan baru")
    backup.set_defaults(run=_printing(_backup))
    restore = commands.add_parser("restore", help="pulihkan database dari berkas cadangan")
    restore.add_argument("file", type=Path, help="berkas cadangan (dari `backup`)")
    restore.set_defaults(run=_printing(_restore))
    migrate = commands.add_parser("migrate", help="perbarui skema database dari rilis sebelumnya")
    migrate.set_defaults(run=_printing(_migrate))
    publish = commands.add_parser("publish", help="terbitkan ulang salinan baca dan cetak alamatnya")
    publish.set_defaults(run=_printing(_publish))
    remove = commands.add_parser("remove", help="hapus database yang tidak berisi data pengguna (dipakai `make clean`)")
    remove.add_argument("--force", action="store_true",
                        help="hapus juga database berisi data pengguna (salinan terverifikasi disimpan dulu)")
    remove.set_defaults(run=_printing(_remove))
    for sub in commands.choices.values():
        sub.add_argument("--db", type=Path, default=None, help="berkas database (bawaan: MONITOR41_DB)")
    return parser


def _printing(command: Callable[[argparse.Namespace, Path], str]) -> Callable[[argparse.Namespace], None]:
    """A handler that runs command on the --db record (MONITOR41_DB by default) and prints what it says."""
    return lambda args: print(command(args, args.db or default_path()))


def _build(args: argparse.Namespace, path: Path) -> str:
    report = build_record(path, scale=args.scale, force=args.force)
    summary = ", ".join(f"{table} {count:,}".replace(",", ".") for table, count in report.rows.items())
    kept = f"\nBerkas lama disimpan sebagai {report.kept_copy}{_checked(report.kept_copy)}" if report.kept_copy else ""
    return f"Database dibangun: {report.path}\n{summary}{kept}"


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _checked(copy: Path) -> str:
    """The line after a kept copy's name: it was verified, and where its manifest is."""
    return (f"\nSalinan itu sudah diperiksa (isi sama byte demi byte, setiap tabel terbaca utuh); ukuran, sha256 "
            f"dan jumlah barisnya tercatat di {record.manifest_path(copy)}")


def _restore(args: argparse.Namespace, path: Path) -> str:
    kept, contents = record.restore(path, args.file)
    checked = "cocok dengan manifesnya, " if record.manifest_path(args.file).exists() else ""
    text = (f"Database {path} dipulihkan dari {args.file} (skema versi {contents.version}, {checked}"
            f"{len(contents.rows)} tabel terbaca utuh, {_number(sum(contents.rows.values()))} baris).")
    if contents.version < migrate.LATEST:
        text += f"\nSkemanya versi lama: jalankan `.venv/bin/python -m lib.db migrate --db {path}`."
    return text + (f"\nBerkas yang diganti disimpan sebagai {kept}{_checked(kept)}" if kept else "")


def _migrate(args: argparse.Namespace, path: Path) -> str:
    before, after, kept = record.migrate_record(path)
    if before == after:
        return f"Skema {path} sudah versi terbaru ({after}); tidak ada yang diubah."
    return f"Skema {path} diperbarui dari versi {before} ke {after}. Salinan sebelum pembaruan: {kept}"


def _publish(args: argparse.Namespace, path: Path) -> str:
    if not path.exists():
        raise DatabaseMissingError(snapshot.missing_message(path))
    try:
        with lock.writer_lock(path):
            published = snapshot.publish(path)  # PublishError (disk full, permission) says why, in Indonesian
    except OSError as exc:  # the lock file itself: never a raw traceback
        raise DatabaseError(f"Kunci penulis {lock.lock_path(path)} tidak bisa dibuka ({exc.strerror}); "
                            "tidak ada yang diterbitkan.") from exc
    return (f"Salinan baca terbit: {published}\nAnalis membuka: "
            f"duckdb -readonly {snapshot.folder(path) / snapshot.LATEST_LINK}")


def _remove(args: argparse.Namespace, path: Path) -> str:
    removed, kept = record.remove(path, force=args.force)
    if not removed:
        return f"Database {path} tidak ada; tidak ada yang dihapus."
    if kept:
        return f"Database {path} dan salinan bacanya dihapus. Isinya disimpan sebagai {kept}{_checked(kept)}"
    return f"Database {path} (tanpa data pengguna) dan salinan bacanya dihapus."


def _backup(args: argparse.Namespace, path: Path) -> str:
    out = record.backup(path, args.out)
    return f"Cadangan dibuat: {out}\nManifes (ukuran, sha256, versi skema, jumlah baris): {record.manifest_path(out)}"


def main(argv: list[str] | None = None) -> int:
    """Run one command: 0 done, 1 refused (message on stderr), 2 usage error."""
    return cli.dispatch(_parser(), argv, (DatabaseError,))


if __name__ == "__main__":
    sys.exit(cli.run(main))
