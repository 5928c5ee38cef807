"""
Publications a part records: one row per list, date and file hash, and the entries it held.

`store.publications` reads them back when the next publication of a list is diffed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert

from designations.batching import batched
from designations.errors import UnknownSubjectError
from designations.store.batches import PublicationRecord
from designations.store.reads import subject_pks
from designations.store.schema import PublicationTable
from designations.store.write_context import ROWS, WriteContext

__all__ = ["record_publications"]


def record_publications(ctx: WriteContext, publications: Sequence[PublicationRecord],
                         known: dict[str, int]) -> None:
    """Publication rows (one per list, date and hash in a transaction) and their entries."""
    for pub in publications:
        pub_id = ctx.publications.get((pub.list_id, pub.published, pub.sha256))
        if pub_id is None:
            pub_id = ctx.conn.execute(
                insert(PublicationTable).returning(PublicationTable.c.id),
                {"list_id": pub.list_id, "published": pub.published, "sha256": pub.sha256,
                 "format": pub.format, "path": pub.path, "batch_id": ctx.batch_id},
            ).scalar_one()
            ctx.publications[(pub.list_id, pub.published, pub.sha256)] = pub_id
        for chunk in batched(pub.entries, ROWS):
            keys = {s: known[s] for _k, s, _f, _l in chunk if s in known}
            keys.update(subject_pks(ctx.conn, {s for _k, s, _f, _l in chunk} - keys.keys()))
            missing = next((s for _k, s, _f, _l in chunk if s not in keys), None)
            if missing is not None:
                raise UnknownSubjectError(missing)
            ctx.inserter.insert("publication_entry", [
                (pub_id, k, keys[s], f, lo) for k, s, f, lo in chunk])
