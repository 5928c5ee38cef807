"""
`subject.has_aliases` / `subject.has_identifiers` (migration 0011): never in disagreement with the rows.

The database keeps the flags (triggers on `subject_name` and
`subject_identifier`, `store.flags`), so every way of writing those rows
keeps them: the write path and its load mode (COPY on PostgreSQL), names
and identifiers added to a known subject, rows deleted or moved by hand, a
transaction rolled back. `db check` reports a flag that disagrees and
`db rebuild` puts it right; the migration sets them on a filled store and
its downgrade removes them; answers read the same with and without them.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from alembic import command
from sqlalchemy import Engine, text

import designations
from designations.errors import DesignationsError
from designations.model import Event, Identifier, Name, Source, Subject
from designations.store import Store, WriteBatch, admin, flags, migrate, reads

from ..reliability.conftest import add_lists, dump

SOURCE = (Source(title="Register", url="https://example.org"),)

_TRUTH = """
SELECT s.key, s.has_aliases, s.has_identifiers,
       EXISTS (SELECT 1 FROM subject_name n WHERE n.subject_pk = s.pk AND n.is_primary = {no}),
       EXISTS (SELECT 1 FROM subject_identifier i WHERE i.subject_pk = s.pk)
FROM subject s ORDER BY s.key
"""


def _flags(engine: Engine) -> dict[str, tuple[bool, bool]]:
    """Each subject's stored flags, after checking that they agree with its rows."""
    no = "false" if engine.dialect.name == "postgresql" else "0"
    with engine.connect() as conn:
        rows = conn.execute(text(_TRUTH.format(no=no))).all()
    stored = {key: (bool(a), bool(i)) for key, a, i, _, _ in rows}
    actual = {key: (bool(a), bool(i)) for key, _, _, a, i in rows}
    assert actual == stored
    return stored


def _run(engine: Engine, *statements: str) -> None:
    with engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql))


def _subjects() -> tuple[Subject, ...]:
    """One subject with aliases and identifiers, one with aliases only, one with identifiers only, one with neither."""
    return (
        Subject(id="both", name="Both Front", aliases=(Name("Both Alias"), Name("Other Alias", weak=True)),
                identifiers=(Identifier("test", "B-1"), Identifier("test", "B-2"))),
        Subject(id="named", name="Named Front", aliases=(Name("Named Alias"),)),
        Subject(id="numbered", name="Numbered Front", identifiers=(Identifier("test", "N-1"),)),
        Subject(id="plain", name="Plain Front"),
    )


_KINDS = {"both": (True, True), "named": (True, False), "numbered": (False, True), "plain": (False, False)}


def _filled(reg: designations.Registry, *, bulk: bool = False) -> designations.Registry:
    """`reg` with lists us-fto and us-sdgt and the four subjects listed on both, then removed from us-sdgt."""
    add_lists(reg, "us-fto", "us-sdgt")
    events = tuple(Event(subject_id=s.id, list_id=lst, kind="LISTED", effective="2010-01-01", sources=SOURCE)
                   for s in _subjects() for lst in ("us-fto", "us-sdgt"))
    events += tuple(Event(subject_id=s.id, list_id="us-sdgt", kind="REMOVED", effective="2015-03-01",
                          sources=SOURCE) for s in _subjects())
    reg.write(WriteBatch(kind="import", subjects=_subjects(), events=events, bulk=bulk))
    return reg


# -- every write path keeps them ---------------------------------------------------


@pytest.mark.parametrize("bulk", [False, True], ids=["ordinary", "load-mode"])
def test_a_batch_sets_each_subjects_flags_from_its_names_and_identifiers(
    registry: designations.Registry, bulk: bool
) -> None:
    """Written ordinarily or in load mode (COPY on PostgreSQL), each subject's flags say what it has."""
    reg = _filled(registry, bulk=bulk)

    assert _KINDS == _flags(reg.store.engine)


def test_a_subject_with_only_its_primary_name_has_no_aliases(registry: designations.Registry) -> None:
    """The primary name is not an alias."""
    registry.add_subject("Lone Front", id="lone")

    assert {"lone": (False, False)} == _flags(registry.store.engine)


def test_the_first_alias_added_to_a_known_subject_sets_its_flag(registry: designations.Registry) -> None:
    """Names added to a subject that had none make it a subject with aliases."""
    registry.add_subject("Lone Front", id="lone")
    registry.add_subject("Lone Front", id="lone", aliases=["Lone Alias"])

    assert {"lone": (True, False)} == _flags(registry.store.engine)


def test_the_first_identifier_added_to_a_known_subject_sets_its_flag(registry: designations.Registry) -> None:
    """An identifier added to a subject that had none makes it a subject with identifiers."""
    registry.add_subject("Lone Front", id="lone")
    registry.add_subject("Lone Front", id="lone", identifiers=[Identifier("test", "L-1")])

    assert {"lone": (False, True)} == _flags(registry.store.engine)


def test_a_batch_in_load_mode_adding_names_to_known_subjects_sets_their_flags(registry: designations.Registry) -> None:
    """Load mode adding aliases and identifiers to subjects written before sets their flags."""
    reg = _filled(registry)
    more = (Subject(id="plain", name="Plain Front", aliases=(Name("Plain Alias"),)),
            Subject(id="named", name="Named Front", identifiers=(Identifier("test", "M-1"),)))

    reg.write(WriteBatch(kind="import", subjects=more, bulk=True))

    assert {**_KINDS, "plain": (True, False), "named": (True, True)} == _flags(reg.store.engine)
    with reg.store.read() as conn:
        assert flags.installed(conn)  # SQLite's load mode lifted its triggers and put them back


def test_removing_the_last_alias_clears_the_flag_and_removing_one_of_two_keeps_it(
    registry: designations.Registry
) -> None:
    """A deleted alias leaves the flag set while another alias remains."""
    reg = _filled(registry)
    engine = reg.store.engine

    _run(engine, "DELETE FROM subject_name WHERE value = 'Both Alias'",
         "DELETE FROM subject_name WHERE value = 'Named Alias'")

    assert {**_KINDS, "named": (False, False)} == _flags(engine)
    _run(engine, "DELETE FROM subject_name WHERE value = 'Other Alias'")
    assert {**_KINDS, "both": (False, True), "named": (False, False)} == _flags(engine)


def test_deleting_a_primary_name_leaves_the_alias_flag_alone(registry: designations.Registry) -> None:
    """Only aliases count: a subject's aliases remain when a primary name row goes."""
    reg = _filled(registry)

    _run(reg.store.engine, "DELETE FROM subject_name WHERE value = 'Both Front'")

    assert _KINDS == _flags(reg.store.engine)


def test_removing_identifiers_clears_the_flag_only_with_the_last(registry: designations.Registry) -> None:
    """The identifier flag stays while one identifier remains."""
    reg = _filled(registry)
    engine = reg.store.engine

    _run(engine, "DELETE FROM subject_identifier WHERE value IN ('B-1', 'N-1')")

    assert {**_KINDS, "numbered": (False, False)} == _flags(engine)
    _run(engine, "DELETE FROM subject_identifier WHERE value = 'B-2'")
    assert {**_KINDS, "both": (True, False), "numbered": (False, False)} == _flags(engine)


def test_rows_moved_to_another_subject_move_the_flags(registry: designations.Registry) -> None:
    """An update that moves an alias and an identifier from one subject to another recomputes both subjects."""
    reg = _filled(registry)
    engine = reg.store.engine

    _run(engine,
         "UPDATE subject_name SET subject_pk = (SELECT pk FROM subject WHERE key = 'plain') "
         "WHERE value = 'Named Alias'",
         "UPDATE subject_identifier SET subject_pk = (SELECT pk FROM subject WHERE key = 'plain') "
         "WHERE value = 'N-1'")

    assert {**_KINDS, "named": (False, False), "numbered": (False, False), "plain": (True, True)} == _flags(engine)


def test_an_alias_made_primary_no_longer_counts(registry: designations.Registry) -> None:
    """Turning a subject's only alias into a primary name clears its flag; turning it back sets it."""
    reg = _filled(registry)
    engine = reg.store.engine
    yes, no = ("true", "false") if engine.dialect.name == "postgresql" else ("1", "0")

    _run(engine, f"UPDATE subject_name SET is_primary = {yes} WHERE value = 'Named Alias'")  # noqa: S608 - literals

    assert {**_KINDS, "named": (False, False)} == _flags(engine)
    _run(engine, f"UPDATE subject_name SET is_primary = {no} WHERE value = 'Named Alias'")  # noqa: S608 - literals
    assert _KINDS == _flags(engine)


@pytest.mark.parametrize("bulk", [False, True], ids=["ordinary", "load-mode"])
def test_a_write_that_fails_leaves_the_flags_as_they_were(registry: designations.Registry, bulk: bool) -> None:
    """A batch adding names and identifiers, refused for an invalid history, changes no flag."""
    reg = _filled(registry)
    more = (Subject(id="plain", name="Plain Front", aliases=(Name("Plain Alias"),),
                    identifiers=(Identifier("test", "P-1"),)),)
    invalid = (Event(subject_id="plain", list_id="us-fto", kind="LISTED", effective="2011-01-01", sources=SOURCE),)

    with pytest.raises(DesignationsError):
        reg.write(WriteBatch(kind="import", subjects=more, events=invalid, bulk=bulk))

    assert _KINDS == _flags(reg.store.engine)
    with reg.store.read() as conn:
        assert flags.installed(conn)


def test_a_rolled_back_transaction_leaves_the_flags_as_they_were(registry: designations.Registry) -> None:
    """Rows deleted inside a transaction that rolls back leave every flag as before."""
    reg = _filled(registry)
    engine = reg.store.engine

    with engine.connect() as conn:
        conn.execute(text("DELETE FROM subject_name WHERE value IN ('Both Alias', 'Other Alias', 'Named Alias')"))
        conn.execute(text("DELETE FROM subject_identifier"))
        conn.rollback()

    assert _KINDS == _flags(engine)


def test_load_mode_in_several_parts_of_one_transaction_sets_every_part_s_flags(registry: designations.Registry) -> None:
    """Parts written by one writer in load mode (the triggers lifted once) all get their flags, and only those."""
    reg = _filled(registry)
    parts = [(Subject(id=f"p{i}", name=f"Part Front {i}", aliases=(Name(f"Part Alias {i}"),) if i % 2 else (),
                      identifiers=(Identifier("test", f"P-{i}"),) if i % 3 == 0 else ()),) for i in range(6)]

    with reg.store.writer(kind="import") as writer:
        for subjects in parts:
            writer.apply(WriteBatch(kind="import", subjects=subjects, bulk=True))

    expected = {f"p{i}": (i % 2 == 1, i % 3 == 0) for i in range(6)}
    assert {**_KINDS, **expected} == _flags(reg.store.engine)


@pytest.mark.sqlite_only
def test_restoring_the_triggers_without_their_marks_reads_every_row(registry: designations.Registry) -> None:
    """`flags.restore` with no `lift` before it sets the flags from the whole tables (the same result)."""
    reg = _filled(registry)
    engine = reg.store.engine
    with engine.begin() as conn:
        flags.remove(conn)
    _run(engine, "INSERT INTO subject_identifier (subject_pk, scheme, value, batch_id) "
                 "SELECT pk, 'test', 'X-1', batch_id FROM subject WHERE key = 'plain'")

    with engine.begin() as conn:
        flags.restore(conn)

    assert {**_KINDS, "plain": (False, True)} == _flags(engine)
    with engine.connect() as conn:
        assert flags.installed(conn)


# -- db check and db rebuild ---------------------------------------------------------


def test_check_reports_a_tampered_flag_and_rebuild_puts_it_right(registry: designations.Registry) -> None:
    """A flag set by hand against the rows is a `flag-mismatch`; `rebuild` sets it from the rows."""
    reg = _filled(registry)
    engine = reg.store.engine
    yes = "true" if engine.dialect.name == "postgresql" else "1"
    _run(engine, f"UPDATE subject SET has_identifiers = {yes} WHERE key = 'plain'")  # noqa: S608 - literals

    report = admin.check(reg.store)

    assert [("flag-mismatch", "subject")] == [(p.kind, p.table) for p in report.problems]
    assert "'plain'" in report.problems[0].detail
    assert "has_identifiers" in report.problems[0].detail
    rebuilt = admin.rebuild(reg.store)

    assert (0, 1, 0) == (rebuilt.pairs, rebuilt.flags_set, rebuilt.triggers_restored)  # no period differed
    assert "set the alias/identifier flags of 1 subject(s)" in str(rebuilt)
    assert admin.check(reg.store).ok
    assert _KINDS == _flags(engine)


def test_check_reports_missing_flag_triggers_and_rebuild_puts_them_back(registry: designations.Registry) -> None:
    """Without its triggers a flag would drift: `check` says so, `rebuild` reinstalls them."""
    reg = _filled(registry)
    engine = reg.store.engine
    with engine.begin() as conn:
        flags.remove(conn)

    assert ["missing-flag-triggers"] == [p.kind for p in admin.check(reg.store).problems]
    rebuilt = admin.rebuild(reg.store)

    assert (0, 0, len(flags.TRIGGERS)) == (rebuilt.pairs, rebuilt.flags_set, rebuilt.triggers_restored)
    assert admin.check(reg.store).ok
    reg.add_subject("Plain Front", id="plain", aliases=["Plain Alias"])
    assert {**_KINDS, "plain": (True, False)} == _flags(engine)


def test_rebuild_of_a_right_store_writes_nothing(registry: designations.Registry) -> None:
    """Flags and periods right: `rebuild` leaves every row as it was."""
    reg = _filled(registry)
    before = dump(reg.store.engine)

    rebuilt = admin.rebuild(reg.store)

    assert admin.RebuildReport(pairs=0) == rebuilt
    assert "rebuilt the status periods of 0 (subject, list) pair(s)" == str(rebuilt)
    assert before == dump(reg.store.engine)


# -- the migration -------------------------------------------------------------------


def _to(store: Store, target: str, *, down: bool = False) -> None:
    with store.engine.connect() as conn, conn.begin():
        (command.downgrade if down else command.upgrade)(migrate.alembic_config(conn), target)


def _columns(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM subject")).keys()
    return set(rows)


def _without_flags(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """A dump with the subject rows cut to the columns before 0011 (the first six)."""
    return {**tables, "subject": sorted((row[:6] for row in tables["subject"]), key=repr)}


def test_migration_0011_down_and_up_on_a_filled_store_keeps_every_row_and_sets_the_flags(
    registry: designations.Registry, store_url: str
) -> None:
    """Down to 0010 the columns and triggers go and no other row changes; up again the flags are set from the rows."""
    reg = _filled(registry)
    before = dump(reg.store.engine)
    reg.close()  # `registry` is the store at `store_url`: migrated below with no registry open
    store = Store(store_url)

    _to(store, "0010", down=True)

    assert not {"has_aliases", "has_identifiers"} & _columns(store.engine)
    with store.engine.connect() as conn:
        assert not flags.present(conn)
    _run(store.engine, "INSERT INTO subject_name (subject_pk, value, key, lang, script, is_primary, batch_id, weak) "
                       "SELECT pk, 'Late Alias', 'late alias', '', '', false, batch_id, false FROM subject "
                       "WHERE key = 'plain'")
    _to(store, "0011")

    assert {**_KINDS, "plain": (True, False)} == _flags(store.engine)
    with store.engine.connect() as conn:
        assert flags.installed(conn)
    _to(store, migrate.HEAD)  # (the dump reads every column of the models)
    after = dump(store.engine)
    after["subject_name"] = [row for row in after["subject_name"] if "Late Alias" not in row]
    assert _without_flags(before) == _without_flags(after)
    store.dispose()
    reg = designations.open(store_url, seeds=False)
    assert admin.check(reg.store).ok
    reg.close()


# -- answers read the same -------------------------------------------------------------


def _answers(reg: designations.Registry) -> dict[str, Any]:
    """Every subject as `status`, `snapshot` and `changes` carry it."""
    status = {s.id: reg.status(s.id, "us-fto", on="2012-01-01").subject for s in _subjects()}
    snapshot = {e.subject.id: e.subject for e in reg.snapshot("US", on="2012-01-01").entries}
    changes = {s.id: s for s in reg.changes("US", since="2015-01-01", until="2015-12-31").subjects}
    return {"status": status, "snapshot": snapshot, "changes": changes}


@pytest.mark.parametrize("bulk", [False, True], ids=["ordinary", "load-mode"])
def test_answers_carry_each_subjects_aliases_and_identifiers_exactly(
    registry: designations.Registry, bulk: bool
) -> None:
    """`status`, `snapshot` and `changes` give each subject the aliases and identifiers it was written with."""
    reg = _filled(registry, bulk=bulk)
    written = {s.id: attrs.evolve(s, aliases=tuple(attrs.evolve(a, primary=False) for a in s.aliases))
               for s in _subjects()}

    found = _answers(reg)

    assert {"status": written, "snapshot": written, "changes": written} == found


def test_answers_carry_what_the_rows_give_after_the_migration_set_the_flags(
    registry: designations.Registry, store_url: str
) -> None:
    """On a store brought up from 0010, each answer's subjects are those the general path reads from the rows."""
    reg = _filled(registry)
    reg.close()  # `registry` is the store at `store_url`: migrated below with no registry open
    store = Store(store_url)
    _to(store, "0010", down=True)
    _to(store, "0011")
    with store.engine.connect() as conn:  # the general path reads names and identifiers, never the flags
        pks = reads.subject_pks(conn, [s.id for s in _subjects()])
        general = {s.id: s for s in reads.subjects_by_pk(conn, pks.values()).values()}
    store.dispose()
    reg = designations.open(store_url, seeds=False)

    assert {"status": general, "snapshot": general, "changes": general} == _answers(reg)
    reg.close()
