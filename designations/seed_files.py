"""
Where the shipped seed files are, and their digest from their bytes alone.

Kept apart from `seed_reader` (which parses and checks them) so that opening a store
that already holds the shipped seeds reads their bytes and nothing more.
"""

from __future__ import annotations

import hashlib
import pathlib

__all__ = ["JURISDICTIONS", "SUBJECTS", "SUBJECT_DIR", "digest_of", "seed_files", "seeds_digest", "seeds_path"]

JURISDICTIONS = "jurisdictions.toml"
SUBJECTS = "subjects.toml"
SUBJECT_DIR = "subjects"


def seeds_path() -> pathlib.Path:
    """
    Return the directory of the packaged seeds.

    A wheel ships them as `designations/_seeds`; an editable or source
    checkout reads the repository's top-level `seeds/` next to the package.

    Returns:
        The seed directory (which may not exist in a broken install).

    .. versionadded:: 0.1.0

    """
    package = pathlib.Path(__file__).resolve().parent  # a plain directory: the package is never run from a zip
    packaged = package / "_seeds"
    if packaged.is_dir():
        return packaged
    return package.parent / "seeds"


def seed_files(root: pathlib.Path) -> tuple[list[pathlib.Path], list[pathlib.Path]]:
    """The list files (with `jurisdictions.toml` and `subjects.toml`) and the subject files, in digest order."""
    files = sorted(root.glob("*.toml"), key=lambda p: p.name)
    subject_files = [root / SUBJECTS, *sorted((root / SUBJECT_DIR).glob("*.toml"), key=lambda p: p.name)]
    return files, subject_files


def digest_of(root: pathlib.Path, files: list[pathlib.Path], subject_files: list[pathlib.Path]) -> str:
    """The SHA-256 of every seed file's path and bytes: a store records it with the seeds it applied."""
    digest = hashlib.sha256()
    for file in (*files, *subject_files[1:]):
        data = file.read_bytes()
        digest.update(file.relative_to(root).as_posix().encode("utf-8") + b"\0" + data + b"\0")
    return digest.hexdigest()


def seeds_digest(path: pathlib.Path | None = None) -> str | None:
    """
    The digest `seed_reader.load_seeds` would give the files in `path`, from their bytes alone (no parsing).

    A store compares it with the digest it recorded to skip reading seeds it already holds.
    None when the directory or a required file is missing (`load_seeds` then says why).
    """
    root = pathlib.Path(path) if path is not None else seeds_path()
    if not root.is_dir():
        return None
    files, subject_files = seed_files(root)
    if not {JURISDICTIONS, SUBJECTS} <= {p.name for p in files}:
        return None
    return digest_of(root, files, subject_files)
