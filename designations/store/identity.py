"""
Which subject holds what: identifiers, primary names and ids, read for the import matcher.

Each function reads only the values it is given, a batch at a time, so an
import's memory follows its part of the file, not the store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Connection, func, select

from designations.batching import distinct_batches
from designations.names import name_parts
from designations.store.schema import SubjectIdentifierTable, SubjectNameTable, SubjectTable

__all__ = [
    "id_taken",
    "identifier_counts",
    "identifier_owners",
    "identifier_schemes",
    "name_rows",
    "primary_name_owners",
    "taken_ids",
]


def identifier_owners(conn: Connection, pairs: Collection[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(scheme, value) -> id of the subject holding that identifier, for the pairs held."""
    out: dict[tuple[str, str], str] = {}
    for batch in distinct_batches(v for _s, v in pairs):
        for scheme, value, subject in conn.execute(
            select(SubjectIdentifierTable.c.scheme, SubjectIdentifierTable.c.value, SubjectTable.c.key)
            .join(SubjectTable, SubjectTable.c.pk == SubjectIdentifierTable.c.subject_pk)
            .where(SubjectIdentifierTable.c.value.in_(batch))
        ):
            if (scheme, value) in pairs:
                out[(scheme, value)] = subject
    return out


def identifier_counts(conn: Connection, subjects: Iterable[str]) -> dict[tuple[str, str], int]:
    """(subject id, scheme) -> how many identifiers of that scheme the subject holds."""
    out: dict[tuple[str, str], int] = {}
    for batch in distinct_batches(subjects):
        for subject, scheme, count in conn.execute(
            select(SubjectTable.c.key, SubjectIdentifierTable.c.scheme, func.count())
            .join(SubjectTable, SubjectTable.c.pk == SubjectIdentifierTable.c.subject_pk)
            .where(SubjectTable.c.key.in_(batch))
            .group_by(SubjectTable.c.key, SubjectIdentifierTable.c.scheme)
        ):
            out[(subject, scheme)] = int(count)
    return out


def primary_name_owners(conn: Connection, name_keys: Iterable[str]) -> dict[str, set[str]]:
    """Normalised name -> ids of the subjects whose primary name it is."""
    out: dict[str, set[str]] = {}
    for batch in distinct_batches(name_keys):
        for name_key, subject in conn.execute(
            select(SubjectNameTable.c.key, SubjectTable.c.key)
            .join(SubjectTable, SubjectTable.c.pk == SubjectNameTable.c.subject_pk)
            .where(SubjectNameTable.c.key.in_(batch), SubjectNameTable.c.is_primary)
        ):
            out.setdefault(name_key, set()).add(subject)
    return out


def identifier_schemes(conn: Connection, subjects: Iterable[str]) -> dict[str, set[str]]:
    """Subject id -> the identifier schemes it holds."""
    out: dict[str, set[str]] = {}
    for batch in distinct_batches(subjects):
        for subject, scheme in conn.execute(
            select(SubjectTable.c.key, SubjectIdentifierTable.c.scheme)
            .join(SubjectTable, SubjectTable.c.pk == SubjectIdentifierTable.c.subject_pk)
            .where(SubjectTable.c.key.in_(batch))
        ):
            out.setdefault(subject, set()).add(scheme)
    return out


def taken_ids(conn: Connection, candidates: Iterable[str]) -> set[str]:
    """Those of `candidates` that are already subject ids."""
    out: set[str] = set()
    for batch in distinct_batches(candidates):
        out.update(conn.scalars(select(SubjectTable.c.key).where(SubjectTable.c.key.in_(batch))))
    return out


def id_taken(conn: Connection, candidate: str) -> bool:
    """Whether `candidate` is already a subject id."""
    return conn.scalar(select(SubjectTable.c.pk).where(SubjectTable.c.key == candidate)) is not None


def name_rows(conn: Connection) -> list[tuple[str, str, str, bool, bool]]:
    """
    Every name and alias as (subject id, kind, name, is primary, is weak), in the order they were stored.

    A name ending in its acronym is followed by its parts as aliases (`names.name_parts`:
    "AQAP" and "Al-Qaida in the Arabian Peninsula"), so the matcher finds what users type.
    """
    subject, name = SubjectTable.c, SubjectNameTable.c
    stmt = (select(subject.key, subject.kind, name.value, name.is_primary, name.weak)
            .join(SubjectNameTable, name.subject_pk == subject.pk).order_by(name.id))
    rows: list[tuple[str, str, str, bool, bool]] = []
    parts_given: set[tuple[str, str]] = set()  # a subject's aliases often repeat its acronym: one row each
    for k, kind, v, p, w in conn.execute(stmt):
        rows.append((k, kind, v, bool(p), bool(w)))
        if v.endswith(")"):
            for part in name_parts(v):
                if (k, part) not in parts_given:
                    parts_given.add((k, part))
                    rows.append((k, kind, part, False, bool(w)))
    return rows
