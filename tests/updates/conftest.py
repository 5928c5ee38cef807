"""
A real local HTTP server for the `designations update` and `watch` specs.

`server` is a `http.server.ThreadingHTTPServer` on 127.0.0.1 (an ephemeral
port) in a background thread. Each test scripts it path by path with
`Reply`s (status, headers, body, a declared length, delays, redirects); the
last reply of a path repeats. It answers 304 itself, like a real server,
when a request's If-None-Match or If-Modified-Since matches the reply's ETag
or Last-Modified. It records every request it got, with its headers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import pathlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from designations.store.schema import metadata

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures" / "un"
SHARED_UN = pathlib.Path(__file__).parents[2] / ".." / "shared" / "data" / "un"
XML = "application/xml"


@dataclasses.dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = XML
    etag: str = ""
    last_modified: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    length: int | None = -1
    """The declared Content-Length: -1 the body's, None none (the body ends when the connection closes)."""
    delay: float = 0.0
    """Seconds to wait before answering anything."""
    cut_after: int | None = None
    """Send only this many bytes of the body, then close (the server stopping mid-body)."""


@dataclasses.dataclass(frozen=True)
class Seen:
    """One request the server got."""

    method: str
    path: str
    headers: dict[str, str]


class Server:
    """The scripted server; see the module docstring."""

    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

        class Quiet(http.server.ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                del request, client_address  # a client that hung up early is part of the script

        self._httpd = Quiet(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def url(self, path: str = "/un.xml") -> str:
        """The absolute URL of `path` on this server."""
        return self.base + path

    def route(self, path: str, *replies: Reply) -> str:
        """Answer `path` with `replies` in turn (the last repeats); returns its URL."""
        with self._lock:
            self._routes[path] = list(replies)
        return self.url(path)

    def hits(self, path: str = "/un.xml") -> list[Seen]:
        """The requests `path` got, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _next(self, path: str) -> Reply:
        with self._lock:
            queue = self._routes.get(path)
            if not queue:
                return Reply(status=404, body=b"not found", content_type="text/plain")
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _answer(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        seen = Seen("GET", handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.requests.append(seen)
        reply = self._next(handler.path)
        if reply.delay and self.stopping.wait(reply.delay):
            return
        with contextlib.suppress(OSError):
            if (reply.etag and seen.headers.get("if-none-match") == reply.etag) or (
                    reply.last_modified and not reply.etag
                    and seen.headers.get("if-modified-since") == reply.last_modified):
                handler.send_response(304)
                handler.end_headers()
                return
            handler.send_response(reply.status)
            if reply.content_type:
                handler.send_header("Content-Type", reply.content_type)
            if reply.etag:
                handler.send_header("ETag", reply.etag)
            if reply.last_modified:
                handler.send_header("Last-Modified", reply.last_modified)
            for name, value in reply.headers:
                handler.send_header(name, value)
            if reply.length is not None:
                handler.send_header("Content-Length", str(len(reply.body) if reply.length == -1 else reply.length))
            handler.end_headers()
            body = reply.body if reply.cut_after is None else reply.body[:reply.cut_after]
            handler.wfile.write(body)
            handler.wfile.flush()

    def close(self) -> None:
        """Stop serving, cutting short any scripted delay."""
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


@pytest.fixture
def server() -> Iterator[Server]:
    """A scripted HTTP server on 127.0.0.1, stopped after the test."""
    running = Server()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def un_files() -> tuple[bytes, bytes]:
    """The small UN fixture publications: 2020-01-10, then 2020-06-15."""
    return ((FIXTURES / "consolidated_2020-01-10.xml").read_bytes(),
            (FIXTURES / "consolidated_2020-06-15.xml").read_bytes())


@pytest.fixture
def shared_un() -> pathlib.Path:
    """The real UN publications in ../shared/data/un; the test is skipped when they are absent."""
    if not SHARED_UN.is_dir():
        pytest.skip("../shared/data/un is not present")
    return SHARED_UN.resolve()


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every registry table, sorted: two equal dumps prove nothing was written."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            out[table.name] = sorted((tuple(r) for r in conn.execute(select(table)).all()), key=repr)
    return out


@pytest.fixture
def dumped() -> Callable[[Engine], dict[str, list[tuple[Any, ...]]]]:
    """The table dump function (as `tests/reliability/conftest.py::dump`)."""
    return dump
