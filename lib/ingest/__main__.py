"""Command line for uploads, run on the server.

Usage: python -m lib.ingest template --indikator KODE --periode PERIODE --out FILE.xlsx [--db PATH] [--user NAME]
       python -m lib.ingest load FILE [--db PATH] [--user NAME] [--yes] [--check]
       python -m lib.ingest batches [--db PATH]
       python -m lib.ingest rollback ID --reason TEXT [--db PATH] [--user NAME]
       python -m lib.ingest asuhan FILE [--db PATH] [--user NAME] [--yes] [--check]
       python -m lib.ingest asuhan-templat --out FILE.csv|FILE.xlsx

Exit codes: 0 done (or nothing to change), 1 refused (problems, busy database, permission, declined), 2 usage.
--user NAME applies that account's permissions without a password: the CLI runs on the server, where whoever
can run it can read the database file anyway. Without --user nothing is restricted and the load is recorded
as `cli:<system user>`.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from lib import cli
from lib.data import uploads
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.db.snapshot_reader import reading
from lib.ingest import batches, load, template
from lib.ingest.cells import shown
from lib.ingest.pipeline import RejectedError, check_file, format_change, format_problems, load_file

LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")
PREVIEW_LIMIT = 50
PROBLEM_LIMIT = 200


class Refused(Exception):
    """A refusal found by the command line itself (unknown user, declined confirmation)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.ingest", description="Unggah data Monitor 4+1 Sulbar.")
    commands = parser.add_subparsers(dest="command", required=True)
    tpl = commands.add_parser("template", help="tulis templat Excel satu indikator dan satu periode")
    tpl.add_argument("--indikator", required=True, help="kode indikator, mis. ST-JUMLAH")
    tpl.add_argument("--periode", required=True, help="kode periode, mis. 2023-08 atau 2023-08-W2")
    tpl.add_argument("--out", required=True, type=Path, help="berkas .xlsx yang ditulis")
    tpl.add_argument("--levels", default="provinsi,kabupaten,kecamatan",
                     help="tingkat wilayah, dipisah koma (bawaan: provinsi,kabupaten,kecamatan)")
    tpl.set_defaults(run=_cmd_template)
    up = commands.add_parser("load", help="periksa lalu muat berkas CSV/XLSX")
    up.add_argument("file", type=Path)
    up.add_argument("--yes", action="store_true", help="muat tanpa bertanya (wajib bila stdin bukan terminal)")
    up.add_argument("--check", action="store_true", help="hanya periksa dan tampilkan pratinjau; tidak memuat")
    up.set_defaults(run=_cmd_load)
    listing = commands.add_parser("batches", help="daftar unggahan, terbaru dulu")
    listing.set_defaults(run=_cmd_batches)
    back = commands.add_parser("rollback", help="batalkan satu unggahan (barisnya tetap di riwayat)")
    back.add_argument("batch_id", type=int)
    back.add_argument("--reason", required=True, help="alasan pembatalan")
    back.set_defaults(run=_cmd_rollback)
    asuh = commands.add_parser("asuhan", help="periksa lalu muat berkas orang tua asuh (CSV/XLSX)")
    asuh.add_argument("file", type=Path)
    asuh.add_argument("--yes", action="store_true", help="muat tanpa bertanya (wajib bila stdin bukan terminal)")
    asuh.add_argument("--check", action="store_true", help="hanya periksa; tidak memuat")
    asuh.set_defaults(run=_cmd_asuhan)
    asuh_tpl = commands.add_parser("asuhan-templat", help="tulis templat orang tua asuh (.csv atau .xlsx)")
    asuh_tpl.add_argument("--out", required=True, type=Path, help="berkas .csv atau .xlsx yang ditulis")
    asuh_tpl.set_defaults(run=_cmd_asuhan_template)
    for sub in (tpl, up, back, listing, asuh):
        sub.add_argument("--db", type=Path, default=None, help="berkas database (bawaan: MONITOR41_DB)")
    for sub in (tpl, up, back, asuh):
        sub.add_argument("--user", default=None, help="terapkan hak akses pengguna ini (tanpa kata sandi)")
    return parser


def _find_user(name: str):
    """The account named name, or Refused."""
    from lib.users import accounts as users

    user = users.find_user(name)
    if user is None:
        raise Refused(f"Pengguna '{name}' tidak ada di berkas pengguna; lihat `python -m lib.users list`.")
    return user


def _loader_name(user) -> str:
    """Who the load is recorded as: the account, else cli:<system user>."""
    if user is not None:
        return user.name
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _cmd_template(args: argparse.Namespace) -> None:
    levels = tuple(part.strip() for part in args.levels.split(",") if part.strip())
    bad = [level for level in levels if level not in LEVELS]
    if bad or not levels:
        raise cli.UsageError(f"--levels tidak sah: {', '.join(bad) or 'kosong'}; pilih dari {', '.join(LEVELS)}.")
    user = _find_user(args.user) if args.user else None
    with reading(args.db or default_path()) as con:
        wilayah = template.default_wilayah(con, levels)
        if user is not None:
            from lib.access import permissions

            allowed = set(permissions.loadable_wilayah(con, user, args.indikator))
            wilayah = [code for code in wilayah if code in allowed]
        data = template.write_template(con, args.indikator, args.periode, wilayah)
    args.out.write_bytes(data)
    print(f"Templat ditulis ke {args.out}: {args.indikator} periode {args.periode}, {len(wilayah)} wilayah.")


def _print_report(report) -> None:
    """Notices, then either the problem report or the preview."""
    for notice in report.notices:
        print(f"Catatan: {notice}")
    if report.problems:
        print(f"{len(report.problems)} masalah ditemukan; tidak ada baris yang dimuat. Perbaiki lalu unggah ulang "
              "seluruh berkas.")
        print(format_problems(report.problems, limit=PROBLEM_LIMIT))
        return
    if report.preview is None:
        return
    print(f"Pratinjau: {report.preview.summary()}")
    changes = report.preview.to_load if not report.preview.already_loaded else []
    for change in changes[:PREVIEW_LIMIT]:
        print("  " + format_change(change))
    if len(changes) > PREVIEW_LIMIT:
        print(f"  … dan {len(changes) - PREVIEW_LIMIT} nilai lain.")


def _confirm(count: int, yes: bool) -> int | None:
    """None to go on, 1 when declined; UsageError without a terminal and without --yes."""
    if yes:
        return None
    if not sys.stdin.isatty():
        raise cli.UsageError("Tidak ada terminal untuk konfirmasi; tambahkan --yes untuk memuat. Tidak ada yang "
                             "dimuat.")
    answer = input(f"Muat {count} baris? [y/N] ").strip().lower()
    if answer in ("y", "ya", "yes"):
        return None
    print("Dibatalkan; tidak ada yang dimuat.")
    return 1


def _cmd_load(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise cli.UsageError(f"Berkas {args.file} tidak ada.")
    from lib.ingest.rows import check_size

    check_size(args.file.name, args.file.stat().st_size)  # before reading: never hold a huge file in memory
    data = args.file.read_bytes()
    path = args.db or default_path()
    user = _find_user(args.user) if args.user else None
    with reading(path) as con:  # only reads: --check needs no write access; the load checks again
        may_load = None
        if user is not None:
            from lib.access import permissions

            may_load = permissions.checker(con, user)
        report = check_file(con, args.file.name, data, may_load)
    _print_report(report)
    if report.problems:
        return 1
    if not report.rows:
        raise load.LoadError("Berkas tidak berisi satu nilai pun untuk dimuat; isi kolom nilai lalu unggah ulang.")
    if report.preview.already_loaded:  # the summary printed above says when and by whom
        return 0
    count = len(report.preview.to_load)
    if not count:
        print("Tidak ada yang berubah: semua nilai sama dengan nilai terkini; tidak ada yang dimuat.")
        return 0
    if args.check:
        print("Hanya pemeriksaan (--check): tidak ada yang dimuat.")
        return 0
    code = _confirm(count, args.yes)
    if code is not None:
        return code
    try:
        result = load_file(path, args.file.name, data, user_name=_loader_name(user), may_load=may_load)
    except RejectedError as exc:  # the file changed between the check and the load: its problem report
        print(str(exc))
        return 1
    print(result.message)
    return 0


def _cmd_asuhan(args: argparse.Namespace) -> int:
    """Check an orang tua asuh file (every problem at once), then load it as one batch (lib.ingest.asuhan)."""
    from lib.ingest import asuhan
    from lib.ingest.rows import check_size

    if not args.file.is_file():
        raise cli.UsageError(f"Berkas {args.file} tidak ada.")
    check_size(args.file.name, args.file.stat().st_size)
    data = args.file.read_bytes()
    path = args.db or default_path()
    user = _find_user(args.user) if args.user else None
    if user is not None and user.role not in ("admin", "opd"):
        raise Refused(f"Akun {user.name} berperan {user.role}; hanya admin dan OPD yang boleh memuat asuhan.")
    rows = asuhan.read(args.file.name, data)
    with reading(path) as con:  # only reads: the load checks again under the writer lock
        may_report = asuhan.reporter(con, user) if user is not None else None
        user_opd = user.opd if user is not None and user.role == "opd" else None
        clean, problems = asuhan.check(con, rows, may_report, user_opd)
    if problems:
        print(format_problems(problems, limit=PROBLEM_LIMIT))
        raise Refused(f"{len(problems)} masalah ditemukan di {args.file.name}; tidak ada baris yang dimuat. "
                      "Perbaiki lalu unggah ulang seluruh berkas.")
    print(f"Pratinjau: {len(clean)} asuhan siap dimuat.")
    if args.check:
        print("Hanya pemeriksaan (--check): tidak ada yang dimuat.")
        return 0
    code = _confirm(len(clean), args.yes)
    if code is not None:
        return code
    batch = asuhan.load(path, args.file.name, data, user_name=_loader_name(user), user_opd=user_opd,
                        may_report=may_report)
    if batch is None:
        print("Berkas ini sudah dimuat sebelumnya (isi sama); tidak ada yang ditambahkan.")
        return 0
    print(f"Unggahan #{batch} dimuat: {len(clean)} asuhan.")
    return 0


def _cmd_asuhan_template(args: argparse.Namespace) -> None:
    from lib.ingest import asuhan

    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise cli.UsageError(f"--out harus berakhiran .csv atau .xlsx, bukan '{args.out.name}'.")
    args.out.write_bytes(asuhan.template_csv() if suffix == ".csv" else asuhan.template_xlsx())
    print(f"Templat orang tua asuh ditulis ke {args.out} (satu baris contoh; ganti dengan data Anda).")


def _cmd_batches(args: argparse.Namespace) -> None:
    with reading(args.db or default_path()) as con:
        frame = uploads.batches(con)
    for row in frame.itertuples():
        # stored text escaped (⟨U+001B⟩): a record written before the cell rules may hold controls
        state = f"DIBATALKAN oleh {shown(row.dibatalkan_oleh)}: {shown(row.alasan)}" if row.dibatalkan else (
            f"{row.baris_terkini} terkini")
        print(f"#{row.id}\t{batches.when_text(row.dimuat_pada)}\t{shown(row.dimuat_oleh)}\t{row.jumlah_baris} "
              f"baris\t{state}\t{shown(row.nama_berkas)}")


def _cmd_rollback(args: argparse.Namespace) -> None:
    user = _find_user(args.user) if args.user else None
    if user is not None and user.role != "admin":
        raise Refused(f"Hanya admin yang boleh membatalkan unggahan; {user.name} berperan {user.role}.")
    load.rollback(args.db or default_path(), args.batch_id, user_name=_loader_name(user), reason=args.reason)
    print(f"Unggahan #{args.batch_id} dibatalkan; barisnya tetap tersimpan di riwayat capaian.")


def main(argv: list[str] | None = None) -> int:
    """Run one command; refusals are printed (stderr) with exit code 1, usage errors exit 2."""
    from lib.ingest.rows import UploadError
    from lib.users.accounts import UserError

    return cli.dispatch(_parser(), argv, (Refused, UploadError, load.LoadError, DatabaseError, template.TemplateError,
                                          UserError))


if __name__ == "__main__":
    sys.exit(cli.run(main))
