"""What every command line of the project shares: one way to dispatch, refuse and end.

Each `python -m lib.x` builds an argparse parser whose subcommands name their handler with
`set_defaults(run=handler)`, then calls `dispatch(parser, argv, refusals)`: the handler's typed refusals are
caught here, in one place, and printed as "Gagal: …" on stderr with exit code 1; a UsageError (a missing file,
an unknown code) prints the same way with exit code 2, like argparse's own usage errors. `__main__` ends with
`sys.exit(run(main))`, so `python -m lib.ingest batches | head` does not end in a BrokenPipeError traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

REFUSED, USAGE = 1, 2


class UsageError(Exception):
    """A command that cannot run as written (a missing file, an unknown code); exit code 2, like argparse."""


def dispatch(parser: argparse.ArgumentParser, argv: list[str] | None,
             refusals: tuple[type[Exception], ...]) -> int:
    """Parse argv and run the chosen subcommand's handler: its exit code (None: 0), 1 for a refusal, 2 for usage."""
    args = parser.parse_args(argv)
    try:
        code = args.run(args)
    except UsageError as exc:
        return _fail(exc, USAGE)
    except refusals as exc:
        return _fail(exc, REFUSED)
    return 0 if code is None else code


def _fail(message: object, code: int = REFUSED) -> int:
    """Print "Gagal: message" on stderr and return code."""
    print(f"Gagal: {message}", file=sys.stderr)
    return code


def run(main: Callable[[], int]) -> int:
    """Run a command's main(); when stdout's reader goes away (head, less quitting), stop without a traceback."""
    try:
        code = main()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Python would try to flush stdout again at exit and fail the same way: point it at /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
