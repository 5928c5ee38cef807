"""Answers that carry many values keep their order: changes in lifecycle order, snapshots by name then subject."""

from __future__ import annotations

import designations
from designations.lifecycle import order
from designations.model import Identifier

from .conftest import SOURCE


def test_changes_come_in_lifecycle_order(world: designations.Registry) -> None:
    """Events of one window come by earliest day, latest day, kind, then id, whatever order they were written in."""
    world.record("Late Front", "us-fto", "LISTED", effective="2021-06-01", sources=[SOURCE], create=True)
    world.record("Month Front", "us-fto", "LISTED", effective="2021-03", sources=[SOURCE], create=True)
    world.record("Day Front", "us-fto", "LISTED", effective="2021-03-01", sources=[SOURCE], create=True)
    world.record("Day Front", "us-fto", "SUSPENDED", effective="2021-06-01", sources=[SOURCE], create=True)
    world.record("Early Front", "us-fto", "LISTED", effective="2021-03-01", sources=[SOURCE], create=True)

    changed = world.changes("us-fto", since="2021-01-01", until="2021-12-31")

    assert order(changed.events) == list(changed.events)
    assert [("day-front", "LISTED"), ("early-front", "LISTED"), ("month-front", "LISTED"),
            ("late-front", "LISTED"), ("day-front", "SUSPENDED")] == [
        (e.subject_id, e.kind.value) for e in changed.events]


def test_changes_subjects_come_by_subject_with_their_identifiers(world: designations.Registry) -> None:
    """A change set's subjects come once each, in the order they were created, with their identifiers."""
    world.add_subject("Second Front", id="second-front", identifiers=[Identifier("un", "QDe.1")])
    world.add_subject("First Front", id="first-front")
    world.record("first-front", "us-fto", "LISTED", effective="2021-02-01", sources=[SOURCE])
    world.record("second-front", "us-fto", "LISTED", effective="2021-05-01", sources=[SOURCE])

    changed = world.changes("us-fto", since="2021-01-01", until="2021-12-31")

    assert ["second-front", "first-front"] == [s.id for s in changed.subjects]
    assert (Identifier("un", "QDe.1"),) == changed.subjects[0].identifiers
    assert () == changed.subjects[1].identifiers


def test_snapshot_comes_by_name_then_by_subject(world: designations.Registry) -> None:
    """Entries come by name regardless of case; two subjects of one name come in the order they were created."""
    for name, sid in (("beta front", "beta"), ("Alpha Front", "alpha-2"), ("Alpha Front", "alpha-1"),
                      ("Gamma Front", "gamma")):
        world.add_subject(name, id=sid)
        world.record(sid, "us-fto", "LISTED", effective="2020-01-01", sources=[SOURCE])

    snap = world.snapshot("us-fto", on="2021-01-01")

    assert ["alpha-2", "alpha-1", "beta", "gamma"] == [e.subject.id for e in snap]


def test_snapshot_of_a_jurisdiction_comes_by_name_then_list(world: designations.Registry) -> None:
    """A subject on two lists of one jurisdiction appears once per list, the lists in id order."""
    world.add_subject("Both Front", id="both")
    world.add_subject("Another Front", id="another")
    for sid, list_id in (("both", "us-sdgt"), ("both", "us-fto"), ("another", "us-sdgt")):
        world.record(sid, list_id, "LISTED", effective="2020-01-01", sources=[SOURCE])

    snap = world.snapshot("US", on="2021-01-01")

    assert [("another", "us-sdgt"), ("both", "us-fto"), ("both", "us-sdgt")] == [
        (e.subject.id, e.list_id) for e in snap]


def test_snapshot_orders_names_that_fold_alike_by_subject(world: designations.Registry) -> None:
    """Names equal once case-folded ("Straße", "STRASSE") come in the order their subjects were created."""
    for name, sid in (("Straße Front", "first"), ("STRASSE FRONT", "second"), ("Strand Front", "strand")):
        world.add_subject(name, id=sid)
    for sid in ("second", "strand", "first"):  # listed in another order than created
        world.record(sid, "us-fto", "LISTED", effective="2020-01-01", sources=[SOURCE])

    snap = world.snapshot("us-fto", on="2021-01-01")

    assert ["strand", "first", "second"] == [e.subject.id for e in snap]


def test_snapshot_entries_carry_their_subjects_details(world: designations.Registry) -> None:
    """Entries of subjects with aliases or identifiers carry them; the entries beside them carry none."""
    world.add_subject("Beta Front", id="beta", aliases=["Beta Brigade"])
    world.add_subject("Alpha Front", id="alpha")
    world.add_subject("Delta Front", id="delta", identifiers=[Identifier("un", "QDe.4")])
    world.add_subject("Gamma Front", id="gamma")
    for sid in ("beta", "alpha", "delta", "gamma"):
        world.record(sid, "us-fto", "LISTED", effective="2020-01-01", sources=[SOURCE])

    snap = world.snapshot("us-fto", on="2021-01-01")

    assert [("alpha", (), ()), ("beta", ("Beta Brigade",), ()), ("delta", (), (Identifier("un", "QDe.4"),)),
            ("gamma", (), ())] == [(e.subject.id, tuple(a.value for a in e.subject.aliases), e.subject.identifiers)
                                   for e in snap]
