"""
Every ```python example in the docs and the README runs.

Each page's python blocks run in order, in one namespace, in a temporary
directory, with `DESIGNATIONS_DATABASE_URL` pointing at a fresh copy of a
seeded store, so `designations.open()` in an example opens it. Blocks that
must not run are marked ```console or ```text.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import tempfile
import textwrap

import pytest

import designations

ROOT = pathlib.Path(__file__).parents[2]
PAGES = sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md"])
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[ \t]*(?P<info>[^\n`]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
RUNNABLE = {"python", "py"}


def blocks(page: pathlib.Path) -> list[tuple[str, int, str]]:
    """Every fenced block of a page as (language, line, source)."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        language = match["info"].strip().split(" ")[0].lower() if match["info"].strip() else ""
        line = text.count("\n", 0, match.start()) + 1
        found.append((language, line, textwrap.dedent(match["body"])))
    return found


def python_pages() -> list[pathlib.Path]:
    """The pages that hold at least one python block."""
    return [p for p in PAGES if p.exists() and any(lang in RUNNABLE for lang, _, _ in blocks(p))]


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A seeded SQLite store, built once for every page."""
    path = tmp_path_factory.mktemp("docs-store") / "seeded.db"
    reg = designations.open(f"sqlite:///{path}", seeds=True)
    with reg.store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    return path


@pytest.fixture
def docs_env(seeded_file: pathlib.Path, tmp_path: pathlib.Path,
             monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """
    A working directory and a private copy of the seeded store, named by the environment.

    The examples make their throwaway stores with `tempfile`; those land under
    this test's directory, which pytest removes, not in the machine's /tmp.
    """
    store = tmp_path / "designations.db"
    shutil.copyfile(seeded_file, store)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("DESIGNATIONS_DATABASE_URL", f"sqlite:///{store}")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_there_are_examples_to_run() -> None:
    """The docs hold python examples (a broken extractor must not pass silently)."""
    assert len(python_pages()) >= 5


@pytest.mark.parametrize("page", [p for p in PAGES if p.exists()], ids=lambda p: p.name)
def test_every_code_block_says_its_language(page: pathlib.Path) -> None:
    """Every fenced block is labelled, so it is clear which ones run."""
    unlabelled = [line for lang, line, _ in blocks(page) if not lang]

    assert [] == unlabelled, f"{page.name}: label these blocks (python, console, text, toml...)"


@pytest.mark.parametrize("page", python_pages(), ids=lambda p: p.name)
def test_python_examples_run(page: pathlib.Path, docs_env: pathlib.Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's python blocks run in order in one namespace without raising."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    opened: list[designations.Registry] = []
    real_open = designations.open

    def tracking_open(*args: object, **kwargs: object) -> designations.Registry:
        reg = real_open(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(reg)
        return reg

    monkeypatch.setattr(designations, "open", tracking_open)
    try:
        for language, line, source in blocks(page):
            if language in RUNNABLE:
                code = compile(source, f"{page.name}:{line}", "exec")
                exec(code, namespace)  # noqa: S102 - running the docs is the point
    finally:
        for reg in opened:
            reg.close()


def test_examples_leave_nothing_in_the_machines_temporary_folder(docs_env: pathlib.Path) -> None:
    """A docs example's `tempfile.mkdtemp()` lands under the test's own folder."""
    made = pathlib.Path(tempfile.mkdtemp())

    assert docs_env in made.parents
