"""
Bad inputs through the command line: each exits 2 with one error line on stderr and writes nothing.

The cases are `tests/fixtures/bad_corpus/cli/*.json`: `argv` (the arguments after
`designations`; `FILE` is replaced by the bad file `file` describes, built as in
test_bad_inputs) and optionally `"defect": true` with `why`. The CLI runs in
process against the module's shared store (`--url` is added).
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from designations.cli import main

from .conftest import dump
from .test_bad_inputs import CORPUS_DIR, SharedStore, build_file, shared_store  # noqa: F401 - a fixture

CLI_CASES = sorted((CORPUS_DIR / "cli").glob("*.json"))


def _param(path: pathlib.Path) -> Any:
    case = json.loads(path.read_text())
    marks = []
    if case.get("defect"):
        marks.append(pytest.mark.xfail(strict=True, reason=case.get("why", "known defect: see DEFECTS.md")))
    return pytest.param(case, id=path.stem, marks=marks)


def test_the_cli_corpus_is_there() -> None:
    """The CLI corpus holds its cases."""
    assert len(CLI_CASES) >= 50


@pytest.mark.parametrize("case", [_param(p) for p in CLI_CASES])
def test_bad_cli_input_exits_2_with_one_error_line_and_writes_nothing(
    shared_store: SharedStore,  # noqa: F811
    case: dict[str, Any],
    tmp_path: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit code 2, exactly one stderr line `designations: error: ...`, every table unchanged."""
    reg, _ = shared_store.get()
    argv = list(case["argv"])
    if "FILE" in argv:
        argv[argv.index("FILE")] = str(build_file(case["file"], tmp_path))
    if "--url" not in argv and argv[0] != "frobnicate":
        argv += ["--url", shared_store.url]
    before = dump(reg.store.engine)
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # main() must return its code, never exit: reported as the failure it is
        code = f"SystemExit({exc.code}) raised out of main()"  # type: ignore[assignment]
    out = capsys.readouterr()
    after = dump(reg.store.engine)
    lines = out.err.splitlines()
    assert code == 2, f"exit {code}; stdout {out.out!r}; stderr {out.err!r}"
    assert len(lines) == 1, out.err
    assert lines[0].startswith("designations: error:"), lines[0]
    assert after == before
