"""
Which subject holds what: identifiers, primary names and ids, read for the import matcher.

Each function reads only the values it is given, a batch at a time, so an
import's memory follows its part of the file, not the store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Connection, func, select

from designations.batching import distinct_batches
from designations.store.schema import SubjectIdentifierRow, SubjectNameRow, SubjectRow

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
            select(SubjectIdentifierRow.scheme, SubjectIdentifierRow.value, SubjectRow.key)
            .join(SubjectRow, SubjectRow.pk == SubjectIdentifierRow.subject_pk)
            .where(SubjectIdentifierRow.value.in_(batch))
        ):
            if (scheme, value) in pairs:
                out[(scheme, value)] = subject
    return out


def identifier_counts(conn: Connection, subjects: Iterable[str]) -> dict[tuple[str, str], int]:
    """(subject id, scheme) -> how many identifiers of that scheme the subject holds."""
    out: dict[tuple[str, str], int] = {}
    for batch in distinct_batches(subjects):
        for subject, scheme, count in conn.execute(
            select(SubjectRow.key, SubjectIdentifierRow.scheme, func.count())
            .join(SubjectRow, SubjectRow.pk == SubjectIdentifierRow.subject_pk)
            .where(SubjectRow.key.in_(batch))
            .group_by(SubjectRow.key, SubjectIdentifierRow.scheme)
        ):
            out[(subject, scheme)] = int(count)
    return out


def primary_name_owners(conn: Connection, name_keys: Iterable[str]) -> dict[str, set[str]]:
    """Normalised name -> ids of the subjects whose primary name it is."""
    out: dict[str, set[str]] = {}
    for batch in distinct_batches(name_keys):
        for name_key, subject in conn.execute(
            select(SubjectNameRow.key, SubjectRow.key)
            .join(SubjectRow, SubjectRow.pk == SubjectNameRow.subject_pk)
            .where(SubjectNameRow.key.in_(batch), SubjectNameRow.is_primary)
        ):
            out.setdefault(name_key, set()).add(subject)
    return out


def identifier_schemes(conn: Connection, subjects: Iterable[str]) -> dict[str, set[str]]:
    """Subject id -> the identifier schemes it holds."""
    out: dict[str, set[str]] = {}
    for batch in distinct_batches(subjects):
        for subject, scheme in conn.execute(
            select(SubjectRow.key, SubjectIdentifierRow.scheme)
            .join(SubjectRow, SubjectRow.pk == SubjectIdentifierRow.subject_pk)
            .where(SubjectRow.key.in_(batch))
        ):
            out.setdefault(subject, set()).add(scheme)
    return out


def taken_ids(conn: Connection, candidates: Iterable[str]) -> set[str]:
    """Those of `candidates` that are already subject ids."""
    out: set[str] = set()
    for batch in distinct_batches(candidates):
        out.update(conn.scalars(select(SubjectRow.key).where(SubjectRow.key.in_(batch))))
    return out


def id_taken(conn: Connection, candidate: str) -> bool:
    """Whether `candidate` is already a subject id."""
    return conn.scalar(select(SubjectRow.pk).where(SubjectRow.key == candidate)) is not None


def name_rows(conn: Connection) -> list[tuple[str, str, str, bool]]:
    """Every name and alias as (subject id, kind, name, is primary), in the order they were stored."""
    stmt = select(SubjectRow.key, SubjectRow.kind, SubjectNameRow.value, SubjectNameRow.is_primary).join(
        SubjectNameRow, SubjectNameRow.subject_pk == SubjectRow.pk).order_by(SubjectNameRow.id)
    return [(k, kind, v, bool(p)) for k, kind, v, p in conn.execute(stmt)]
