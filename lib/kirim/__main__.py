"""Command line of kirim (issue 22), run on the server: `python -m lib.kirim add|list|remove N|run|outbox|retry N`.

  add (--pengguna AKUN | --email ALAMAT | --telegram CHAT_ID | --whatsapp NOMOR --templat NAMA | --folder DIR) [--kab KODE ...]
      [--opd KODE] [--isu KODE] --pemicu terbit|jadwal [--jadwal "senin 06:00" | "h-1 apel 07:00"]
      [--isi brief,deck,png,teks] [--dalam] [--oleh NAMA]
  list                     live subscriptions (--semua: removed ones too)
  remove N                 stop subscription N (its outbox stays)
  run [--pada "YYYY-MM-DD HH:MM"]   queue what is due, send the queue (systemd timer; --pada: another clock)
  outbox [--semua]         deliveries, failures first (--semua: with 'lewat', nothing new)
  retry N                  queue failed delivery N again

Exit codes: 0 done, 1 refused (message on stderr; a round with failed deliveries too), 2 usage.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd

from lib import cli
from lib.data import deliveries
from lib.db import outbox
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.ingest.cells import shown
from lib.kirim import deliver, subscribe
from lib.kirim.rules import KirimError


def _db(args: argparse.Namespace) -> Path:
    return args.db or default_path()


def _add(args: argparse.Namespace) -> None:
    given = [(c, v) for c, v in (("email", args.email), ("telegram", args.telegram), ("whatsapp", args.whatsapp),
                                 ("folder", args.folder), ("pengguna", args.pengguna)) if v is not None]
    if len(given) != 1:
        raise cli.UsageError("Pilih tepat satu penerima: --pengguna, --email, --telegram, --whatsapp atau --folder.")
    channel, recipient = given[0]
    channel, recipient, args.dalam = subscribe.recipient_of(channel, recipient, args.dalam)  # an account: its address
    kab = [code for item in args.kab or [] for code in item.split(",") if code.strip()]
    number = subscribe.add(_db(args), channel=channel, recipient=recipient, by=args.oleh or getpass.getuser(),
                           trigger=args.pemicu, kabupaten=kab, opd=args.opd, isu=args.isu, contents=args.isi,
                           schedule=args.jadwal, internal=args.dalam, template=args.templat)
    print(f"Langganan {number} dibuat: {channel} {shown(recipient)}, pemicu {args.pemicu}"
          + (f" ({shown(args.jadwal)})" if args.jadwal else "") + ".")
    if args.pemicu == "jadwal" and "apel" in str(args.jadwal) and not subscribe.upcoming_apel(_db(args)):
        print("Catatan: belum ada apel mendatang yang tercatat; jadwal ini berlaku begitu apel dicatat "
              "(`python -m lib.apel add`).")


def _cell(value: object) -> str:
    """A stored value as one short printable word ('-' for none; a list joined by commas)."""
    if hasattr(value, "tolist") or isinstance(value, (list, tuple)):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return ",".join(map(str, items)) or "-"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    return shown(str(value), 80)


def _list(args: argparse.Namespace) -> None:
    with outbox.reading(_db(args)) as con:
        subs = deliveries.live_subscriptions(con, include_removed=args.semua)
    if not subs:
        print("Belum ada langganan. Buat dengan `python -m lib.kirim add ...`.")
    for sub in subs:
        scope = " ".join(part for part in (f"kab={_cell(sub['kabupaten'])}" if sub["kabupaten"] else "provinsi",
                                           f"opd={sub['opd']}" if sub["opd"] else "",
                                           f"isu={sub['isu']}" if sub["isu"] else "") if part)
        trigger = sub["pemicu"] + (f" ({sub['jadwal']})" if sub["jadwal"] else "")
        removed = f"  [dihapus {sub['dihapus_pada']:%Y-%m-%d}]" if sub["dihapus_pada"] else ""
        print(f"{sub['id']:>4}  {sub['saluran']:<8} {_cell(sub['penerima']):<32} {scope}  {trigger}  "
              f"isi={_cell(sub['isi'])}  {'publik' if sub['publik'] else 'dalam pemerintahan'}{removed}")


def _remove(args: argparse.Namespace) -> None:
    subscribe.remove(_db(args), args.nomor, args.oleh or getpass.getuser())
    print(f"Langganan {args.nomor} dihentikan; riwayat kirimannya tetap ada.")


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError as exc:
        raise cli.UsageError(f"--pada '{text}' tidak dikenali; tulis TTTT-BB-HH JJ:MM.") from exc


def _run(args: argparse.Namespace) -> int:
    done = deliver.run(_db(args), _when(args.pada))
    print(f"Diantrekan {len(done.queued)}, terkirim {len(done.sent)}, dicoba lagi nanti {len(done.retried)}, "
          f"gagal {len(done.failed)}; tanpa perubahan {done.skipped}.")
    if done.retried or done.failed:
        print(f"Gagal: {len(done.retried) + len(done.failed)} kiriman tidak terkirim pada putaran ini; lihat "
              "`python -m lib.kirim outbox`.", file=sys.stderr)
        return cli.REFUSED
    return 0


def _outbox(args: argparse.Namespace) -> None:
    with outbox.reading(_db(args)) as con:
        rows = deliveries.outbox(con, include_skipped=args.semua)
    if rows.empty:
        print("Kotak keluar kosong.")
    for row in rows.itertuples():
        when = row.terkirim if not pd.isna(row.terkirim) else row.dibuat
        extra = ""
        if row.status == "antre" and not pd.isna(row.coba_lagi):
            extra = f"  coba lagi {row.coba_lagi:%Y-%m-%d %H:%M}"
        if isinstance(row.galat, str):
            extra += f"  galat: {shown(row.galat, 200)}"
        print(f"{row.id:>5}  {row.status:<8} langganan {row.langganan:<4} {_cell(row.saluran):<8} "
              f"{_cell(row.penerima):<32} {row.slot}  {when:%Y-%m-%d %H:%M}  percobaan {row.percobaan}{extra}")


def _retry(args: argparse.Namespace) -> None:
    subscribe.retry(_db(args), args.nomor)
    print(f"Kiriman {args.nomor} diantrekan lagi; terkirim pada `python -m lib.kirim run` berikutnya.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.kirim", description="Kirim ringkasan Monitor 4+1 ke "
                                     "penerimanya: langganan, kotak keluar, putaran pengiriman.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="buat langganan")
    add.add_argument("--pengguna", help="nama akun masuk (alamat e-mail-nya; penerima di dalam pemerintahan)")
    add.add_argument("--email", help="alamat e-mail penerima")
    add.add_argument("--telegram", help="chat id Telegram (angka) atau @kanal")
    add.add_argument("--whatsapp", help="nomor WhatsApp, format internasional (+62...)")
    add.add_argument("--folder", help="folder (path absolut) tempat paket bagi ditulis untuk diteruskan manual")
    add.add_argument("--templat", help="WhatsApp: nama templat pesan yang disetujui")
    add.add_argument("--kab", action="append", help="kode atau nama kabupaten (boleh berulang atau dipisah koma)")
    add.add_argument("--opd", help="kode OPD: hanya sel yang menjadi tanggung jawabnya")
    add.add_argument("--isu", help="kode isu: KE, ST, ATS, PA, INF")
    add.add_argument("--pemicu", required=True, choices=("terbit", "jadwal"))
    add.add_argument("--jadwal", help='"senin 06:00", "setiap hari 06:00", "tanggal 1 07:30", "h-1 apel 07:00"')
    add.add_argument("--isi", default="brief,teks", help="brief,deck,png,teks (bawaan: brief,teks)")
    add.add_argument("--dalam", action="store_true",
                     help="penerima di dalam pemerintahan (bawaan: publik, kecuali e-mail .go.id)")
    add.add_argument("--oleh", help="nama pembuat (bawaan: pengguna sistem)")
    add.set_defaults(run=_add)
    lst = commands.add_parser("list", help="daftar langganan")
    lst.add_argument("--semua", action="store_true", help="termasuk yang sudah dihentikan")
    lst.set_defaults(run=_list)
    rem = commands.add_parser("remove", help="hentikan langganan N")
    rem.add_argument("nomor", type=int)
    rem.add_argument("--oleh", help="nama (bawaan: pengguna sistem)")
    rem.set_defaults(run=_remove)
    run = commands.add_parser("run", help="antrekan yang jatuh tempo lalu kirim antrean")
    run.add_argument("--pada", help='jam yang dipakai, "TTTT-BB-HH JJ:MM" (bawaan: jam server sekarang)')
    run.set_defaults(run=_run)
    out = commands.add_parser("outbox", help="kotak keluar, yang gagal dulu")
    out.add_argument("--semua", action="store_true", help="termasuk baris 'lewat' (tak ada perubahan)")
    out.set_defaults(run=_outbox)
    retry = commands.add_parser("retry", help="antrekan lagi kiriman gagal N")
    retry.add_argument("nomor", type=int)
    retry.set_defaults(run=_retry)
    for sub in (add, lst, rem, run, out, retry):
        sub.add_argument("--db", type=Path, default=None, help="berkas database (bawaan: MONITOR41_DB)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line of kirim; 0 done, 1 refused (message on stderr), 2 usage error."""
    return cli.dispatch(_parser(), argv, (KirimError, DatabaseError))


if __name__ == "__main__":
    sys.exit(cli.run(main))
