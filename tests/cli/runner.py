"""Run the command line in this process, as a script would see it: exit code, stdout, stderr."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping

import attrs

from designations.cli import main


@attrs.frozen
class Ran:
    """What one run of `designations ...` gave."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def invoke(*args: str, env: Mapping[str, str] | None = None, stdin: str = "") -> Ran:
    """`designations ARGS` through the CLI's own entry point, with `env` as the whole environment."""
    out, err = io.StringIO(), io.StringIO()
    with (_environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err),
          _stdin(stdin)):
        code = main(list(args))
    return Ran(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def spawn(*args: str, env: Mapping[str, str] | None = None, timeout: float = 120) -> Ran:
    """`python -m designations ARGS` as a real process with no standard input (the few smoke specs)."""
    done = subprocess.run([sys.executable, "-m", "designations", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=dict(env) if env is not None else None,
                          timeout=timeout, check=False)
    return Ran(done.returncode, done.stdout, done.stderr)
