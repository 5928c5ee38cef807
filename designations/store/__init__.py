"""
The store: a SQLAlchemy database holding events and derived status periods.

Every SQL statement of the library is in this package. It offers the layers above:

- `Store`, the database at a URL. Writes go through `Store.write(batch)`: one
  transaction, validated, all or nothing; `Store.writer()` streams several
  parts into one such transaction (a `StoreWriter`). Reads go through
  `Store.read()`: one consistent snapshot per call.
- The values a write takes and gives: `WriteBatch`, `PublicationRecord`,
  `split_batch` and `BatchResult`.
- `StatusReader` (from `store.lookup`), which answers status questions in one
  statement per day asked.
- Modules of functions named for what they answer, each given a connection
  from `Store.read()` or a writer: `reads` (subjects, events, lists, snapshots,
  changes), `identity` (who holds an identifier or a name, for the import
  matcher) and `publications` (the recorded publications a new one is diffed
  against); `types` holds the stored open ends (`FOREVER_DATE`,
  `FOREVER_TIME`) and `LATEST`, the recorded instant that reads everything.
- `admin`: check, rebuild and upgrade a store. It loads the migration code, so
  callers import it when they need it.

The write path loads with the first write (`Store.writer` imports it), not for a read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

import pendulum
from sqlalchemy import Connection, Engine, insert, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

from designations.dates import utc_now
from designations.errors import (
    DesignationsError,
    InvalidRecordError,
    LockTimeoutError,
    ReadOnlyError,
    StoreError,
)
from designations.store.batches import BatchResult, PublicationRecord, WriteBatch, split_batch
from designations.store.engine import make_engine
from designations.store.lookup import StatusReader
from designations.store.schema import MetaTable

if TYPE_CHECKING:
    from designations.store import writes  # the write machinery loads with the first write, not for a read

__all__ = ["BatchResult", "PublicationRecord", "StatusReader", "Store", "StoreWriter", "WriteBatch", "split_batch"]

_T = TypeVar("_T")


class StoreWriter:
    """
    An open write transaction taking `WriteBatch` parts; see `Store.writer`.

    Every part is validated like a whole batch; all parts share one batch
    row and recorded time, and nothing is visible until the writer commits.
    """

    def __init__(self, ctx: writes.WriteContext) -> None:
        """Wrap the transaction's context (made by `Store.writer`)."""
        self._ctx = ctx

    @property
    def batch_id(self) -> int:
        """The batch row every part is recorded under."""
        return self._ctx.batch_id

    @property
    def recorded_at(self) -> pendulum.DateTime:
        """The batch's recorded (transaction) time."""
        return pendulum.instance(self._ctx.recorded_at)

    @property
    def connection(self) -> Connection:
        """The transaction's connection (for checks inside the transaction)."""
        return self._ctx.conn

    def publication_id(self, list_id: str, published: pendulum.Date, sha256: str) -> int | None:
        """The id of the publication row a part of this transaction recorded, else None."""
        return self._ctx.publications.get((list_id, published, sha256))

    def apply(self, part: WriteBatch) -> tuple[int, ...]:
        """Write one part; returns its new event ids. An error aborts the whole transaction."""
        from designations.store import writes  # noqa: PLC0415 - loaded by Store.writer already

        return writes.apply_part(self._ctx, part)


class Store:
    """A registry database at a SQLAlchemy URL."""

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        clock: Callable[[], pendulum.DateTime] | None = None,
    ) -> None:
        """
        Connect (lazily) to `url`; nothing is created until `ensure_schema()`.

        Without a `clock`, PostgreSQL stamps each write with the server's time
        (so clients with skewed clocks still agree on the order of writes);
        SQLite, one file on one machine, uses this machine's clock.
        """
        self.url = url
        self.read_only = read_only
        self.clock: Callable[[], pendulum.DateTime] = clock or utc_now
        self.server_time = clock is None
        self.engine: Engine = make_engine(url, read_only=read_only)
        self._bulk_depth = 0
        self._bulk_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def is_empty(self) -> bool:
        """Whether the database has no registry tables yet."""
        try:
            return not inspect(self.engine).has_table("event")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach the store: {exc.__class__.__name__}: {exc}") from exc

    def ensure_schema(self) -> None:
        """Create or upgrade the schema to the library's current revision."""
        from designations.store import migrate  # noqa: PLC0415 - alembic is imported lazily

        if self.read_only:
            migrate.check_current(self.engine)
            return
        with self.engine.connect() as conn:
            current = migrate.revision(conn) == migrate.HEAD
            conn.rollback()
        if current:  # the common case: no upgrade, so no administration code to load
            self._prepare_meta()
            return
        from designations.store import admin  # noqa: PLC0415

        admin.upgrade(self, prepare=self._prepare_meta)

    def _prepare_meta(self) -> None:
        with self.engine.connect() as conn:
            present = conn.scalar(select(MetaTable.c.key).where(MetaTable.c.key == "clock")) is not None
            conn.rollback()
        if present:  # the common case: a read, no lock
            return
        self._in_write_transaction(_add_clock)  # first opens may race: the writer's lock up front

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection inside one read transaction (a consistent snapshot)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except OperationalError as exc:
            raise StoreError(f"cannot read the store: {exc.orig}") from exc

    def write(self, batch: WriteBatch) -> BatchResult:
        """Apply `batch` in one transaction; on any error nothing is written."""
        with self.writer(kind=batch.kind, note=batch.note, source_path=batch.source_path,
                         sha256=batch.sha256) as w:
            ids = w.apply(batch)
        return BatchResult(batch_id=w.batch_id, recorded_at=w.recorded_at, event_ids=ids)

    @contextlib.contextmanager
    def writer(
        self,
        *,
        kind: str,
        note: str = "",
        source_path: str = "",
        sha256: str = "",
        defer_guard: bool = False,
    ) -> Iterator[StoreWriter]:
        """
        One write transaction taking several parts: commits on exit, rolls back on any error.

        Memory is bounded by the part, not by the sum of the parts. With
        `defer_guard=True` (an explicit choice for bulk loads) the overlap
        guard is dropped inside the transaction and put back before the
        commit, after a query proves this batch's periods overlap nothing
        (on PostgreSQL dropping the guard's triggers holds an exclusive lock
        on `status_period` until the commit, so readers wait). If the check
        fails, nothing is written.

        Raises:
            ReadOnlyError: the store is read-only.
            LockTimeoutError: another writer holds the lock.
            InvalidRecordError: a part or the store refused the write.

        """
        if self.read_only:
            raise ReadOnlyError("the store was opened read-only")
        from designations.store import writes  # noqa: PLC0415 - only writers pay for it

        with _translated(), self.engine.connect() as raw:
            conn = raw.execution_options(designations_write=True)
            with conn.begin():
                ctx = writes.begin_batch(conn, self.clock, kind=kind, note=note,
                                         source_path=source_path, sha256=sha256,
                                         defer_guard=defer_guard, server_time=self.server_time)
                yield StoreWriter(ctx)
                writes.finish(ctx)

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """
        A bulk load: the date-keyed indexes are dropped on entry and built again, once, on exit.

        Writes inside keep their own transactions and rules; only the two
        indexes `store.deferred` names wait, so a large load spends its commits
        on its rows instead of rewriting those indexes each time. Answers read
        meanwhile are right but slower. The indexes are built on exit, on an
        error too, in one write transaction that other writers wait for;
        nested sessions build them when the outermost one ends.

        Raises:
            ReadOnlyError: the store is read-only.
            LockTimeoutError: another writer holds the lock.

        """
        if self.read_only:
            raise ReadOnlyError("the store was opened read-only")
        from designations.store import deferred  # noqa: PLC0415 - only loaders pay for it

        with self._bulk_lock:
            self._bulk_depth += 1
            outer = self._bulk_depth == 1
        try:
            if outer:
                self._in_write_transaction(deferred.defer)
        except BaseException:
            with self._bulk_lock:
                self._bulk_depth -= 1
            raise
        try:
            yield
        finally:
            with self._bulk_lock:
                self._bulk_depth -= 1
                last = self._bulk_depth == 0
            if last:
                self._in_write_transaction(deferred.restore)

    def _in_write_transaction(self, change: Callable[[Connection], _T]) -> _T:
        """`change`'s result, run in one write transaction (the writer's lock taken up front), errors translated."""
        with _translated(), self.engine.connect() as raw:
            conn = raw.execution_options(designations_write=True)
            with conn.begin():
                return change(conn)

    def meta(self, key: str) -> str | None:
        """A store-level setting."""
        with self.read() as conn:
            return conn.scalar(select(MetaTable.c.value).where(MetaTable.c.key == key))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _add_clock(conn: Connection) -> None:
    if conn.scalar(select(MetaTable.c.key).where(MetaTable.c.key == "clock")) is None:
        conn.execute(insert(MetaTable), {"key": "clock", "value": ""})


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """Turn driver errors into the registry's errors; the registry's own pass through."""
    try:
        yield
    except DesignationsError:
        raise
    except IntegrityError as exc:
        raise InvalidRecordError(f"the store refused the write: {exc.orig}") from exc
    except (OperationalError, ProgrammingError) as exc:  # PostgreSQL: InsufficientPrivilege
        text = str(exc.orig).lower()
        if "locked" in text or "busy" in text:
            raise LockTimeoutError("the store is locked by another writer; try again later") from exc
        if "read-only" in text or "readonly" in text or "permission denied" in text:
            raise ReadOnlyError(f"the database refused the write: {exc.orig}") from exc
        raise StoreError(f"the write failed: {exc.orig}") from exc
