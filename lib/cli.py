"""What every command line of the project shares: a reader closing the pipe early ends it quietly.

`python -m lib.ingest batches | head` must not end in a BrokenPipeError traceback.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


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
