"""The documentation site builds in strict mode: a broken link or reference fails."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None,
                       reason="building the docs needs mkdocs-material and mkdocstrings"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The site, built with `mkdocs build --strict` into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    problems = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert 0 == result.returncode, "\n".join(problems) or result.stderr
    return out


def test_strict_build_succeeds(site: pathlib.Path) -> None:
    """Every page of the nav is built."""
    pages = ["index.html", "getting-started/index.html", "concepts/index.html",
             "cli/index.html", "importing/index.html", "screening/index.html",
             "postgres/index.html", "data-sources/index.html", "reliability/index.html",
             "api/index.html", "changelog/index.html", "notebook/index.html"]

    assert [] == [p for p in pages if not (site / p).exists()]


def test_api_reference_comes_from_docstrings(site: pathlib.Path) -> None:
    """The API page holds the rendered docstrings of the public API."""
    api = (site / "api" / "index.html").read_text(encoding="utf-8")

    for name in ("Registry", "status", "who_lists", "Status", "History", "to_pandas",
                 "plot_timeline", "import_file", "screen", "MissingExtraError"):
        assert name in api


def test_seed_readme_is_included(site: pathlib.Path) -> None:
    """The data-sources page carries seeds/README.md, the reference for adding a list."""
    page = (site / "data-sources" / "index.html").read_text(encoding="utf-8")

    assert "Adding a list" in page
    assert "Every event cites a source" in page


def test_notebook_and_its_picture_are_published(site: pathlib.Path) -> None:
    """The example notebook and the timeline picture are copied into the site."""
    assert (site / "notebooks" / "taliban.ipynb").stat().st_size > 0
    assert (site / "notebooks" / "taliban-timeline.png").stat().st_size > 0
