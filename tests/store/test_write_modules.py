"""
Specs of the write path's shape: one module per job, imports flowing one way, loaded only to write.

`store.writes` opens, applies and finishes a write transaction; the rows of
each kind are written by their own module below it.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

STORE = pathlib.Path(__file__).parent.parent.parent / "designations" / "store"

WRITE_MODULES = (
    "write_context",
    "subject_writes",
    "event_writes",
    "period_writes",
    "catalogue_writes",
    "publication_writes",
    "writes",
)
"""The write path, lowest first: each module may import only modules before it."""


def _store_imports(module: str) -> set[str]:
    """The `designations.store` modules `module` imports (at run time or for types)."""
    tree = ast.parse((STORE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "designations.store":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("designations.store."):
            found.add(str(node.module).removeprefix("designations.store."))
    return found


@pytest.mark.parametrize("module", WRITE_MODULES)
def test_a_write_module_imports_only_the_write_modules_below_it(module: str) -> None:
    """No write module imports one above it or beside it later in the order: there is no cycle."""
    above = set(WRITE_MODULES[WRITE_MODULES.index(module):])
    expected: set[str] = set()

    actual = _store_imports(module) & above

    assert expected == actual


def test_importing_the_library_loads_no_write_module() -> None:
    """`import designations` (and so every read) loads none of the write path: writers pay for it."""
    probe = ("import sys, designations; "
             f"print(sorted(m for m in {[f'designations.store.{m}' for m in WRITE_MODULES]!r} if m in sys.modules))")
    expected = "[]"

    actual = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()

    assert expected == actual
