"""
Specs of what the store offers the layers above: its package docstring says it, and the registry keeps to it.

The registry is the store's main client; a name it takes from the store that
the package does not declare is a leak the next maintainer would not see.
"""

from __future__ import annotations

import ast
import pathlib
import re

import designations.store

PACKAGE = pathlib.Path(__file__).parent.parent.parent / "designations"


def _offered_modules() -> set[str]:
    """The store modules the package docstring names as offered (written `` `name` `` or `` `store.name` ``)."""
    doc = designations.store.__doc__ or ""
    named = {m.removeprefix("store.") for m in re.findall(r"`(?:store\.)?([a-z_]+)`", doc)}
    present = {p.stem for p in (PACKAGE / "store").glob("*.py")}
    return named & present


def _registry_imports() -> list[tuple[str, str]]:
    """(module, name) for every `from designations.store... import name` in the registry."""
    tree = ast.parse((PACKAGE / "registry.py").read_text(encoding="utf-8"))
    return [(str(node.module), alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("designations.store")
            for alias in node.names]


def _taken(module: str, name: str) -> str:
    """What an import takes from the store: `name` from the package itself, else the store module it names."""
    return name if module == "designations.store" else module.removeprefix("designations.store.")


def test_every_exported_name_is_described_in_the_package_docstring() -> None:
    """Each name in `designations.store.__all__` appears in the package docstring, which says what it is for."""
    doc = designations.store.__doc__ or ""
    expected: list[str] = []

    actual = [name for name in designations.store.__all__ if f"`{name}`" not in doc and f"`{name}(" not in doc]

    assert expected == actual


def test_the_registry_takes_from_the_store_only_what_the_package_offers() -> None:
    """The registry imports the package's declared names and the modules its docstring offers, nothing else."""
    offered = set(designations.store.__all__) | _offered_modules()
    expected: list[tuple[str, str]] = []

    actual = [(module, name) for module, name in _registry_imports() if _taken(module, name) not in offered]

    assert expected == actual
