"""
Subjects written by a part: new ones inserted, names and identifiers added to known ones.

An identifier belongs to one subject: a part that gives it to another is refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from designations.batching import IN_LIMIT, batched
from designations.errors import InvalidRecordError
from designations.names import normalise
from designations.store import reads
from designations.store.batches import WriteBatch
from designations.store.schema import SubjectIdentifierTable, SubjectNameTable, SubjectTable
from designations.store.write_context import ROWS, WriteContext, first_free_id

__all__ = ["upsert_subjects"]


def _names_of(conn: Connection, pks: list[int]) -> set[tuple[int, str]]:
    """The (subject pk, name) pairs already recorded for these subjects."""
    names: set[tuple[int, str]] = set()
    for chunk in batched(pks, IN_LIMIT):
        stmt = select(SubjectNameTable.c.subject_pk, SubjectNameTable.c.value).where(
            SubjectNameTable.c.subject_pk.in_(chunk))
        names |= {(r[0], r[1]) for r in conn.execute(stmt)}
    return names


def _identifier_owners(conn: Connection, values: list[str]) -> dict[tuple[str, str], int]:
    """(scheme, value) -> subject pk for every recorded identifier with one of these values."""
    idents: dict[tuple[str, str], int] = {}
    for chunk in batched(values, IN_LIMIT):
        for scheme, value, pk in conn.execute(
            select(SubjectIdentifierTable.c.scheme, SubjectIdentifierTable.c.value, SubjectIdentifierTable.c.subject_pk)
            .where(SubjectIdentifierTable.c.value.in_(chunk))
        ):
            idents[(scheme, value)] = pk
    return idents


def upsert_subjects(ctx: WriteContext, batch: WriteBatch) -> tuple[dict[str, int], int | None]:
    """
    Insert new subjects, add names and identifiers to known ones.

    Returns key -> pk for every subject the batch refers to, and the first pk
    handed out in this part (None when no subject is new).
    """
    conn, batch_id, ins = ctx.conn, ctx.batch_id, ctx.inserter
    reasons = dict(batch.match_reasons)
    wanted = {s.id for s in batch.subjects} | {e.subject_id for e in batch.events}
    keys = reads.subject_pks(conn, wanted)
    new = [s for s in batch.subjects if s.id not in keys]
    old = sorted({keys[s.id] for s in batch.subjects if s.id in keys})
    names = _names_of(conn, old) if old else set()
    all_idents = sorted({i.value for s in batch.subjects for i in s.identifiers})
    idents = _identifier_owners(conn, all_idents) if all_idents else {}
    first: int | None = None
    if new:
        first = first_free_id(conn, SubjectTable.c.pk)
        pk = first
        for chunk in batched(new, ROWS):
            ins.insert("subject", [
                (pk + i, s.id, s.kind.value, s.name, batch_id, reasons.get(s.id, "")) for i, s in enumerate(chunk)])
            pk += len(chunk)
        keys.update({s.id: first + i for i, s in enumerate(new)})
        ctx.wrote_subjects = True
    if not batch.subjects:
        return keys, first
    _keep_reasons(ctx, keys, reasons, {s.id for s in new})
    yes, no = ins.boolean(True), ins.boolean(False)  # noqa: FBT003 - driver values
    name_rows: list[tuple[Any, ...]] = []
    ident_rows: list[tuple[Any, ...]] = []
    minted = {s.id for s in new}
    for s in batch.subjects:
        pk = keys[s.id]
        # A known subject keeps the primary name it was created with; other names are aliases.
        own = (s.name, normalise(s.name), "", "", yes if s.id in minted else no, no)
        for value, key, lang, script, primary, weak in (
                own, *((a.value, a.key, a.lang, a.script, no, yes if a.weak else no) for a in s.aliases)):
            if (pk, value) not in names:
                names.add((pk, value))
                name_rows.append((pk, value, key, lang, script, primary, batch_id, weak))
        for ident in s.identifiers:
            owner = idents.get((ident.scheme, ident.value))
            if owner is None:
                idents[(ident.scheme, ident.value)] = pk
                ident_rows.append((pk, ident.scheme, ident.value, batch_id))
            elif owner != pk:
                msg = (f"identifier {ident.scheme}:{ident.value} of {s.id!r} already "
                       f"belongs to another subject")
                raise InvalidRecordError(msg, field="identifiers")
        if len(name_rows) >= ROWS:
            ins.insert("subject_name", name_rows)
            name_rows = []
    ins.insert("subject_name", name_rows)
    ins.insert("subject_identifier", ident_rows)
    return keys, first


def _keep_reasons(ctx: WriteContext, keys: dict[str, int], reasons: dict[str, str],
                  minted: set[str]) -> None:
    """Record why a known subject was matched, where no reason is recorded yet (the first one counts)."""
    rows = [{"b_pk": keys[k], "b_reason": r} for k, r in reasons.items()
            if r and k in keys and k not in minted]
    if rows:
        ctx.conn.execute(update(SubjectTable).where(SubjectTable.c.pk == bindparam("b_pk"),
                                              SubjectTable.c.match_reason == "")
                     .values(match_reason=bindparam("b_reason")), rows)
