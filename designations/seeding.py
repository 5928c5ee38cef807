"""
Apply the shipped seeds to a store, idempotently.

Seed events carry stable keys. A new key is recorded; a changed one is
corrected (retracted and recorded anew); a key gone from the seeds is
retracted. Events a user recorded are never touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from designations.model import Event
from designations.store import WriteBatch, reads
from designations.store.schema import EventRow
from designations.store.types import FOREVER_TIME

if TYPE_CHECKING:
    from designations.seeds import SeedSet

__all__ = ["SEED_DIGEST_KEY", "seed_batch"]

SEED_DIGEST_KEY = "seed_digest"


def _fingerprint(e: Event) -> tuple[object, ...]:
    return (
        e.kind, e.effective, e.published, e.decided, e.listed_as, e.scope, e.instrument, e.note,
        tuple((s.title, s.url, s.publisher, s.date) for s in e.sources),
    )


def _live_seed_events(conn: Connection) -> Mapping[str, Event]:
    keys = set(conn.scalars(select(EventRow.id).where(EventRow.key.like("seed:%"))))
    if not keys:
        return {}
    found = reads.events_for(conn, at=FOREVER_TIME, event_ids=sorted(keys))
    return {e.key: e for e, _ in found}


def seed_batch(conn: Connection, seeds: SeedSet) -> WriteBatch:
    """The batch that brings the store's seed-derived records in line with `seeds`."""
    live = _live_seed_events(conn)
    wanted = {e.key: e for e in seeds.events}
    new: list[Event] = []
    retract: list[tuple[int, str]] = []
    for key, event in wanted.items():
        old = live.get(key)
        if old is None:
            new.append(event)
        elif _fingerprint(old) != _fingerprint(event):
            assert old.id is not None  # noqa: S101 - read from the store
            retract.append((old.id, "corrected by a newer seed release"))
            new.append(_with_correction(event, old.id))
    for key, old in live.items():
        if key not in wanted and old.id is not None:
            retract.append((old.id, "removed from the seeds"))
    return WriteBatch(
        kind="seed",
        note=f"seeds {seeds.digest[:12]}",
        sha256=seeds.digest,
        jurisdictions=seeds.jurisdictions,
        jurisdiction_aliases=seeds.aliases,
        lists=seeds.lists,
        coverage=tuple((lst.id, "seed", lst.coverage) for lst in seeds.lists),
        subjects=seeds.subjects,
        events=tuple(new),
        retractions=tuple(retract),
        meta=((SEED_DIGEST_KEY, seeds.digest),),
        relations=seeds.relations,
    )


def _with_correction(event: Event, old_id: int) -> Event:
    import attrs  # noqa: PLC0415

    return attrs.evolve(event, corrects=old_id)
