"""
The store: a SQLAlchemy database holding events and derived status periods.

`Store` is the only name the registry uses from this package. Writes go
through `Store.write(batch)`: one transaction, validated, all or nothing.
Reads go through `Store.read()`: one consistent snapshot per call.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

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
from designations.store.engine import make_engine
from designations.store.schema import MetaRow
from designations.store.writes import BatchResult, PublicationRecord, WriteBatch, apply_batch

__all__ = ["BatchResult", "PublicationRecord", "Store", "WriteBatch"]


class Store:
    """A registry database at a SQLAlchemy URL."""

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        clock: Callable[[], pendulum.DateTime] = utc_now,
    ) -> None:
        """Connect (lazily) to `url`; nothing is created until `ensure_schema()`."""
        self.url = url
        self.read_only = read_only
        self.clock = clock
        self.engine: Engine = make_engine(url, read_only=read_only)

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
        migrate.upgrade(self.engine)
        with self.engine.begin() as conn:
            if conn.scalar(select(MetaRow.key).where(MetaRow.key == "clock")) is None:
                conn.execute(insert(MetaRow), {"key": "clock", "value": ""})

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
        if self.read_only:
            raise ReadOnlyError("the store was opened read-only")
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(designations_write=True)
                with conn.begin():
                    return apply_batch(conn, batch, self.clock)
        except DesignationsError:
            raise
        except IntegrityError as exc:
            raise InvalidRecordError(f"the store refused the write: {exc.orig}") from exc
        except (OperationalError, ProgrammingError) as exc:  # PostgreSQL: InsufficientPrivilege
            text = str(exc.orig).lower()
            if "locked" in text or "busy" in text:
                raise LockTimeoutError(
                    "the store is locked by another writer; try again later"
                ) from exc
            if "read-only" in text or "readonly" in text or "permission denied" in text:
                raise ReadOnlyError(f"the database refused the write: {exc.orig}") from exc
            raise StoreError(f"the write failed: {exc.orig}") from exc

    def meta(self, key: str) -> str | None:
        """A store-level setting."""
        with self.read() as conn:
            return conn.scalar(select(MetaRow.value).where(MetaRow.key == key))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


