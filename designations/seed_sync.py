"""
Apply the shipped seeds to a store, idempotently, without undoing what a user recorded.

Seed events carry stable keys. A new key is recorded; a changed one is
corrected (retracted and recorded anew); a key gone from the seeds is
retracted. A key a user took over (by correcting or retracting its event)
is never touched again: user records win. Where a seed change would break a
history that holds user events, that pair's seed changes are left out and
the conflict is reported once (`SeedPlan.conflicts`), not raised on every open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from designations.errors import TransitionError
from designations.lifecycle import check_sequence
from designations.model import Event
from designations.store import WriteBatch, reads
from designations.store.types import FOREVER_TIME

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from designations.seed_reader import SeedSet

__all__ = ["SEED_CONFLICTS_KEY", "SEED_DIGEST_KEY", "SeedPlan", "seed_batch", "seed_plan"]

SEED_DIGEST_KEY = "seed_digest"
SEED_CONFLICTS_KEY = "seed_conflicts"


@attrs.frozen(kw_only=True)
class SeedPlan:
    """The batch that applies a seed release, and the conflicts with user records it left out."""

    batch: WriteBatch
    conflicts: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    """Seed keys a user took over, which this release leaves as the user left them."""


def _fingerprint(e: Event) -> tuple[object, ...]:
    return (
        e.kind, e.effective, e.published, e.decided, e.listed_as, e.scope, e.instrument, e.note,
        tuple((s.title, s.url, s.publisher, s.date) for s in e.sources),
    )


def _live(conn: Connection, ids: Iterable[int]) -> Mapping[int, Event]:
    wanted = sorted(ids)
    if not wanted:
        return {}
    return {e.id: e for e, _ in reads.events_for(conn, at=FOREVER_TIME, event_ids=wanted) if e.id is not None}


def seed_batch(conn: Connection, seeds: SeedSet) -> WriteBatch:
    """The batch that brings the store's seed-derived records in line with `seeds`."""
    return seed_plan(conn, seeds).batch


def seed_plan(conn: Connection, seeds: SeedSet) -> SeedPlan:
    """What applying `seeds` writes, what it leaves to the user, and the conflicts it skips."""
    states = reads.seed_key_states(conn)
    live = _live(conn, (i for ids, _taken in states.values() for i in ids))
    wanted = {e.key: e for e in seeds.events}
    new: list[Event] = []
    retract: list[tuple[int, str]] = []
    kept: list[str] = []
    for key, event in wanted.items():
        ids, taken = states.get(key, ((), False))
        if taken:
            kept.append(key)
            continue
        current = [live[i] for i in ids if i in live]
        if not current and key not in states:
            new.append(event)
        elif not current:
            new.append(event)  # retracted by an earlier seed release, wanted again
        elif _fingerprint(current[-1]) != _fingerprint(event):
            retract.append((current[-1].id or 0, "corrected by a newer seed release"))
            new.append(attrs.evolve(event, corrects=current[-1].id))
    for key, (ids, taken) in states.items():
        if key not in wanted and not taken:
            retract.extend((i, "removed from the seeds") for i in ids)
    conflicts: list[str] = []
    if reads.has_user_events(conn):
        new, retract, conflicts = _without_conflicts(conn, new, retract, live)
    meta: list[tuple[str, str]] = [(SEED_DIGEST_KEY, seeds.digest)]
    if conflicts:
        meta.append((SEED_CONFLICTS_KEY, "\n".join(conflicts)))
    batch = WriteBatch(
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
        meta=tuple(meta),
        relations=seeds.relations,
    )
    return SeedPlan(batch=batch, conflicts=tuple(conflicts), kept=tuple(kept))


def _without_conflicts(
    conn: Connection, new: Sequence[Event], retract: Sequence[tuple[int, str]], live: Mapping[int, Event],
) -> tuple[list[Event], list[tuple[int, str]], list[str]]:
    """Leave out the seed changes of every (subject, list) whose history they would break."""
    touched: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in new:
        touched[(e.subject_id, e.list_id)].append(e)
    gone = {i for i, _ in retract}
    for i in gone:
        if i in live:
            touched.setdefault((live[i].subject_id, live[i].list_id), [])
    pks = reads.subject_pks(conn, {s for s, _ in touched})
    history: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for pk in sorted(set(pks.values())):
        for e, _ in reads.events_for(conn, at=FOREVER_TIME, subject_pk=pk):
            history[(e.subject_id, e.list_id)].append(e)
    bad: dict[tuple[str, str], str] = {}
    for pair, added in touched.items():
        events = [e for e in history.get(pair, []) if e.id not in gone] + added
        try:
            check_sequence(events, pair[0])
        except TransitionError as exc:
            bad[pair] = (f"seed changes to {pair[0]} on {pair[1]} conflict with records made in this store ({exc}); "
                         "the store's records are kept")
    if not bad:
        return list(new), list(retract), []
    kept_new = [e for e in new if (e.subject_id, e.list_id) not in bad]
    kept_retract = [(i, why) for i, why in retract
                    if i not in live or (live[i].subject_id, live[i].list_id) not in bad]
    return kept_new, kept_retract, sorted(bad.values())
