"""Run a command line's own entry function, `main(argv)`, in the test process, as `python -m lib.x` would run it
with an environment: the exit code, stdout and stderr come back as a CompletedProcess, so the same checks apply.

For tests that run one CLI many times only for its messages and exit codes: they keep one real subprocess (the
wiring: `__main__`, one line on stderr, the exit code) and check the other cases here, without paying the
interpreter's start and imports each time. Never for a case whose point is another process (a lock, a reader)."""
from __future__ import annotations

import os
import subprocess
from collections.abc import Callable


def run_main(main: Callable[[list[str]], int], argv: list[str], env: dict, monkeypatch,
             capsys) -> subprocess.CompletedProcess:
    """main(argv) with os.environ set to env for the call (restored at the test's end); argparse's SystemExit
    gives its code, as the process would exit."""
    for key, value in env.items():
        if os.environ.get(key) != value:
            monkeypatch.setenv(key, value)
    for key in set(os.environ) - set(env):
        monkeypatch.delenv(key)
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out, err)
