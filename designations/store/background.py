"""
A worker thread that runs a write transaction's inserts while the caller builds the next rows.

SQLite works on a statement without Python's lock (the `sqlite3` module
releases the GIL while it steps), so on a machine with two cores the rows
of the next chunk, and the periods derived from them, are built while the
previous chunk is inserted. The worker runs only the statements it is
given, one at a time and in order, on the caller's own connection: the
caller must not touch that connection until `drain` returns (the write
context does so for it). A failed statement stops the worker's queue: its
error is raised in the caller at the next `submit` or `drain`, the
statements after it are dropped, and the caller's transaction rolls back.
`stop` joins the thread on every path.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from sqlalchemy import Connection

__all__ = ["InsertWorker"]

_QUEUED = 4
"""Statements waiting at most: bounds the memory of rows built ahead of the database."""


class InsertWorker:
    """Runs driver-level statements on `conn` from one thread, in the order submitted."""

    def __init__(self, conn: Connection) -> None:
        """Start the thread; the caller must `stop` it (a `try`/`finally`)."""
        self._conn = conn
        self._jobs: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue(maxsize=_QUEUED)
        self._error: BaseException | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="designations-inserts", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._error is None and not self._stopping:
                    self._conn.exec_driver_sql(*job)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
                self._error = exc
            finally:
                self._jobs.task_done()

    def submit(self, statement: str, parameters: tuple[Any, ...]) -> None:
        """Queue one statement (waits while the queue is full); raises an earlier statement's error."""
        self._raise()
        self._jobs.put((statement, parameters))

    def drain(self) -> None:
        """Wait until every queued statement has run; raises the first error one of them gave."""
        self._jobs.join()
        self._raise()

    def stop(self) -> None:
        """Drop the statements not yet started, wait for the running one, and end the thread."""
        self._stopping = True
        self._jobs.put(None)
        self._thread.join()

    @property
    def alive(self) -> bool:
        """Whether the thread is still running (false once `stop` returned)."""
        return self._thread.is_alive()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stopping = True  # nothing queued after a failed statement runs
            raise error
