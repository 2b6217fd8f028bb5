"""Run a command line with the disk full under one folder (issue 20): the writes of a real process fail there.

    python tests/lib/full_disk.py FOLDER BYTES -m lib.ingest load FILE --db RECORD --yes

Mechanism: os.sendfile (what shutil.copyfile uses on Linux, i.e. the snapshot copy) and os.write are wrapped
so that writing into a file under FOLDER succeeds for the first BYTES bytes in all, then fails with ENOSPC,
exactly what the kernel says when that partition is full; the bytes written so far stay, as on a real full
disk. DuckDB's own writes to the record (elsewhere) are untouched: the record's disk has room. A small tmpfs
would need root, and RLIMIT_FSIZE cannot tell a snapshot from the record (they are the same size).
"""
from __future__ import annotations

import errno
import os
import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
FOLDER = os.path.realpath(sys.argv[1]) + os.sep
BUDGET = [int(sys.argv[2])]
_sendfile, _write = os.sendfile, os.write


def _under(fd: int) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith(FOLDER)
    except OSError:
        return False


def _room(count: int) -> int:
    """How many of count bytes still fit; ENOSPC when none does."""
    if BUDGET[0] <= 0:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return min(count, BUDGET[0])


def _full_sendfile(out_fd, in_fd, offset, count, *args, **kwargs):
    if not _under(out_fd):
        return _sendfile(out_fd, in_fd, offset, count, *args, **kwargs)
    sent = _sendfile(out_fd, in_fd, offset, _room(count), *args, **kwargs)
    BUDGET[0] -= sent
    return sent


def _full_write(fd, data):
    if not _under(fd):
        return _write(fd, data)
    written = _write(fd, bytes(data)[:_room(len(data))])
    BUDGET[0] -= written
    return written


os.sendfile, os.write = _full_sendfile, _full_write
if sys.argv[3] != "-m":
    sys.exit("usage: full_disk.py FOLDER BYTES -m MODULE ARGS...")
module = sys.argv[4]
sys.argv = [module, *sys.argv[5:]]
runpy.run_module(module, run_name="__main__", alter_sys=True)
