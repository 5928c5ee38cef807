"""Store dumps that tests compare: what a store records, independent of row ids and order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

_LOGICAL = {
    "subject": "SELECT key, kind, name, match_reason FROM subject",
    "subject_name": "SELECT s.key, n.value, n.key, n.lang, n.script, n.is_primary"
                    " FROM subject_name n JOIN subject s ON s.pk = n.subject_pk",
    "subject_identifier": "SELECT s.key, i.scheme, i.value"
                          " FROM subject_identifier i JOIN subject s ON s.pk = i.subject_pk",
    "event": "SELECT s.key, e.list_id, e.kind, e.effective_from, e.effective_to, e.precision,"
             " e.published, e.known_from, e.note, e.key,"
             " EXISTS (SELECT 1 FROM retraction r WHERE r.event_id = e.id)"
             " FROM event e JOIN subject s ON s.pk = e.subject_pk",
    "event_citations": "SELECT e.key, e.citations FROM event e",
    "status_period": "SELECT s.key, p.list_id, p.state, p.certain, p.possible, p.valid_from,"
                     " p.valid_to, p.known_from, p.known_to, e.key"
                     " FROM status_period p JOIN subject s ON s.pk = p.subject_pk"
                     " LEFT JOIN event e ON e.id = p.event_id"
                     " WHERE p.recorded_to = (SELECT max(recorded_to) FROM status_period)",
    "publication": "SELECT list_id, published, sha256, format FROM publication",
    "publication_entry": "SELECT p.list_id, p.published, x.entry_key, s.key, x.fingerprint,"
                         " x.dates_seen FROM publication_entry x"
                         " JOIN publication p ON p.id = x.publication_id"
                         " JOIN subject s ON s.pk = x.subject_pk",
    "coverage": "SELECT list_id, valid_from, valid_to, origin FROM coverage"
                " WHERE recorded_to = (SELECT max(recorded_to) FROM coverage)",
}


def logical_dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """
    What the store records, with surrogate ids replaced by natural keys, sorted.

    Two stores that recorded the same facts in a different order (so with
    other row ids) give equal logical dumps; status periods and coverage
    are the current ones.
    """
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table, sql in _LOGICAL.items():
            out[table] = sorted((tuple(r) for r in conn.execute(text(sql))), key=repr)
    return out
