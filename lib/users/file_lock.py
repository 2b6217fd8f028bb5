"""An exclusive advisory lock on `<file>.lock` beside a small shared file (the users file, the sign-in counts),
held for one read-and-write so the app's replicas and the CLI never lose each other's changes. Where fcntl is
absent (Windows) it does nothing: writes stay atomic, but unlocked."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

AVAILABLE = fcntl is not None


@contextlib.contextmanager
def beside(path: Path, make_folder: bool = False) -> Iterator[None]:
    """Hold the lock `<path>.lock` (created mode 0600; its folder too when make_folder, else a missing folder is
    an OSError) while the block runs."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
