"""
Test infrastructure: the suite runs once per engine.

`DESIGNATIONS_TEST_ENGINE` picks the engine: `sqlite` (default) or
`postgresql`. On PostgreSQL the session starts a throwaway server over the
installed binaries (`pg_ctl` on PATH or /usr/lib/postgresql/*/bin; as the
`postgres` user when run as root), or uses the server at
`DESIGNATIONS_TEST_DATABASE_URL`.

Database fixtures: `registry` and `seeded_registry` open a copy of a session
template built once through the migrations (a file copy on SQLite, `CREATE
DATABASE ... TEMPLATE` on the server). `store_url` is the URL of the store
`registry` opens, for specs that open it themselves (read-only, several
registries, the CLI, a subprocess); `store_url_factory` and
`registry_factory` make a new copy on each call. Only specs about a
database that holds no registry yet (migrations, a first open, `db upgrade`)
take `db_url`: a new, empty database that `designations.open` migrates.
Every database is dropped afterwards.

Without a server the PostgreSQL pass skips every test and says why; with
`CI=true` that skip fails the session. In the PostgreSQL pass, tests that use
no database fixture are deselected: they are engine-independent and ran in
the SQLite pass (set `DESIGNATIONS_TEST_ALL=1` to run them anyway).

Other areas add fixtures in `tests/<area>/conftest.py`, never here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pendulum
import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.pool import Pool

import designations

ENGINE = os.environ.get("DESIGNATIONS_TEST_ENGINE", "sqlite").strip().lower() or "sqlite"
ENGINES = ("sqlite", "postgresql")
EXTERNAL_URL = os.environ.get("DESIGNATIONS_TEST_DATABASE_URL", "").strip()
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
RUN_ALL = os.environ.get("DESIGNATIONS_TEST_ALL", "").strip() in ("1", "true", "yes")
DB_FIXTURES = frozenset({  # any other fixture that reaches a database goes through `_admin_url`
    "_admin_url", "db_url", "pg_server", "registry", "registry_factory", "seeded_registry",
    "store_url", "store_url_factory",
})
CLOCK_START = pendulum.datetime(2026, 1, 2, tz="UTC")

if ENGINE not in ENGINES:
    msg = f"DESIGNATIONS_TEST_ENGINE must be one of {ENGINES}, not {ENGINE!r}"
    raise pytest.UsageError(msg)


# -- the PostgreSQL server ---------------------------------------------------------


def find_pg_bin() -> pathlib.Path | None:
    """The directory holding pg_ctl and initdb (`DESIGNATIONS_TEST_PG_BINDIR` overrides), or None."""
    override = os.environ.get("DESIGNATIONS_TEST_PG_BINDIR")
    if override is not None:
        bindir = pathlib.Path(override)
        return bindir if (bindir / "pg_ctl").exists() and (bindir / "initdb").exists() else None
    found = shutil.which("pg_ctl")
    if found:
        real = pathlib.Path(found).resolve().parent
        if (real / "initdb").exists():
            return real
    candidates = sorted(
        pathlib.Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[4]) if p.parts[4].isdigit() else 0,
    )
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _memory_dir() -> str | None:
    """
    A memory-backed directory for the throwaway cluster when the machine has one with room (else the temp dir).

    Every database spec creates a database from a template and drops it: on a disk
    that is busy writing back, each `CREATE DATABASE` took 300-400 ms instead of 60.
    """
    shm = pathlib.Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private directory in it
    try:
        usage = shutil.disk_usage(shm)
    except OSError:
        return None
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) and usage.free > 2 << 30 else None


class PgServer:
    """A throwaway PostgreSQL cluster in a temporary directory."""

    def __init__(self, bindir: pathlib.Path) -> None:
        self.bindir = bindir
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="designations-pg-", dir=_memory_dir()))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.as_user: str | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_user = "postgres"
            pw = pwd.getpwnam(self.as_user)
            self.root.chmod(0o755)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=self.root)
        if proc.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            msg = f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr or proc.stdout}\n{log}"
            raise RuntimeError(msg)

    def start(self) -> str:
        """Initialise and start the cluster; return its admin URL."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            opts,
            "-w",
            "-t",
            "60",
            "start",
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the cluster and remove its files."""
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


_SKIP_REASON: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Register markers and decide whether the PostgreSQL pass can run."""
    global _SKIP_REASON  # noqa: PLW0603 - one decision per session
    config.addinivalue_line("markers", "sqlite_only: runs in the SQLite pass only")
    config.addinivalue_line("markers", "postgres_only: runs in the PostgreSQL pass only")
    if ENGINE == "postgresql" and not EXTERNAL_URL:
        if find_pg_bin() is None:
            _SKIP_REASON = (
                "PostgreSQL pass skipped: no PostgreSQL server binaries (pg_ctl/initdb not on PATH "
                "nor in /usr/lib/postgresql/*/bin) and DESIGNATIONS_TEST_DATABASE_URL is not set"
            )
        else:
            try:
                import psycopg  # noqa: F401, PLC0415
            except ImportError:
                _SKIP_REASON = "PostgreSQL pass skipped: the psycopg driver is not installed"


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say which engine this pass uses."""
    del config
    where = (EXTERNAL_URL and "DESIGNATIONS_TEST_DATABASE_URL") or "a throwaway server"
    line = f"designations test engine: {ENGINE}"
    if ENGINE == "postgresql":
        line += f" ({where})"
    return [line] + ([_SKIP_REASON] if _SKIP_REASON else [])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip per-engine tests, skip everything without a server, deselect engine-free tests on PostgreSQL."""
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        if ENGINE == "sqlite" and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason="runs in the PostgreSQL pass"))
        if ENGINE == "sqlite" and item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason="runs in the PostgreSQL pass"))
        if ENGINE == "postgresql" and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="runs in the SQLite pass"))
        if (
            ENGINE == "postgresql"
            and not RUN_ALL
            and not (DB_FIXTURES & set(getattr(item, "fixturenames", ())))
        ):
            dropped.append(item)
            continue
        if _SKIP_REASON:
            item.add_marker(pytest.mark.skip(reason=_SKIP_REASON))
        keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Repeat why the PostgreSQL pass was skipped, at the end where it is seen."""
    del exitstatus, config
    if _SKIP_REASON:
        terminalreporter.write_sep("!", _SKIP_REASON, red=IN_CI, yellow=not IN_CI)
        if IN_CI:
            terminalreporter.write_line("CI=true: a skipped PostgreSQL pass is a failure.")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped PostgreSQL pass fails the session."""
    del exitstatus
    if _SKIP_REASON and IN_CI:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """Name indexes of server stores go to a session directory, never the user's cache."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DESIGNATIONS_CACHE_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def engine_name() -> str:
    """`sqlite` or `postgresql`: the engine of this pass."""
    return ENGINE


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of the session's PostgreSQL server (PostgreSQL pass only)."""
    if ENGINE != "postgresql":
        pytest.skip("needs the PostgreSQL pass (DESIGNATIONS_TEST_ENGINE=postgresql)")
    if _SKIP_REASON:
        pytest.skip(_SKIP_REASON)
    if EXTERNAL_URL:
        yield EXTERNAL_URL
        return
    bindir = find_pg_bin()
    assert bindir is not None
    server = PgServer(bindir)
    try:
        yield server.start()
    finally:
        server.stop()


_counter = itertools.count(1)
_pg_connections: weakref.WeakSet[Any] = weakref.WeakSet()


@sa_event.listens_for(Pool, "connect")
def _track_connection(dbapi_conn: Any, record: Any) -> None:
    """Remember PostgreSQL driver connections so a test's leftovers can be closed."""
    del record
    if (
        ENGINE == "postgresql"
        and hasattr(dbapi_conn, "info")
        and hasattr(dbapi_conn.info, "dbname")
    ):
        _pg_connections.add(dbapi_conn)


def _close_leftovers(database: str) -> None:
    """Close driver connections a test left open to `database` (no ResourceWarning at GC time)."""
    for conn in list(_pg_connections):
        with contextlib.suppress(Exception):
            if not conn.closed and conn.info.dbname == database:
                conn.close()


def _pg_admin(url: str) -> Any:
    from sqlalchemy import create_engine  # noqa: PLC0415
    from sqlalchemy.pool import NullPool  # noqa: PLC0415

    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def pg_create_database(admin_url: str, *, template: str | None = None) -> str:
    """A new database on the server; returns its URL."""
    from sqlalchemy import text  # noqa: PLC0415
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    name = f"dsg_{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    engine = _pg_admin(admin_url)
    with engine.connect() as conn:
        suffix = f" TEMPLATE {template}" if template else ""
        conn.execute(text(f"CREATE DATABASE {name}{suffix}"))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def pg_drop_database(admin_url: str, url: str) -> None:
    """Drop a test database, closing any connection left to it."""
    from sqlalchemy import text  # noqa: PLC0415
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    name = make_url(url).database
    _close_leftovers(str(name))
    engine = _pg_admin(admin_url)
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


@pytest.fixture(scope="session")
def _admin_url(request: pytest.FixtureRequest) -> str | None:
    if ENGINE != "postgresql":
        return None
    return str(request.getfixturevalue("pg_server"))


@pytest.fixture
def db_url(_admin_url: str | None, tmp_path: pathlib.Path) -> Iterator[str]:
    """A fresh, empty database of this pass's engine."""
    if _admin_url is None:
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = pg_create_database(_admin_url)
    try:
        yield url
    finally:
        pg_drop_database(_admin_url, url)


class Clock:
    """A test clock: fixed start, one second later on every call."""

    def __init__(
        self, start: pendulum.DateTime = CLOCK_START, step: dt.timedelta = dt.timedelta(seconds=1)
    ) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> pendulum.DateTime:
        """The current test time; advances the clock."""
        now = self.now
        self.now = self.now + self.step
        return now

    def advance(self, **kwargs: float) -> pendulum.DateTime:
        """Move the clock forward (days=, hours=, seconds=...)."""
        self.now = self.now.add(**kwargs)  # type: ignore[arg-type]
        return self.now


@pytest.fixture
def clock() -> Clock:
    """A fixed, advancing clock starting 2026-01-02T00:00:00Z."""
    return Clock()


@pytest.fixture(scope="session")
def _empty_template(_admin_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty registry (schema at head, no seeds) built once per session, as `registry` would open it."""
    url = _template_url(_admin_url, tmp_path_factory, "empty")
    _finish_template(designations.open(url, seeds=False, clock=Clock()), _admin_url)
    try:
        yield url
    finally:
        if _admin_url is not None:
            pg_drop_database(_admin_url, url)


def _template_url(admin_url: str | None, tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    if admin_url is None:
        return f"sqlite:///{tmp_path_factory.mktemp(name) / f'{name}.db'}"
    return pg_create_database(admin_url)


def _finish_template(reg: designations.Registry, admin_url: str | None) -> None:
    """Close a template store so that a file copy (SQLite) or `CREATE DATABASE ... TEMPLATE` sees all of it."""
    if admin_url is None:
        with reg.store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()


def _copy_of(template: str, admin_url: str | None, target: pathlib.Path) -> str:
    """A new database holding what `template` holds: a file copy on SQLite, a template copy on PostgreSQL."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    if admin_url is None:
        shutil.copyfile(pathlib.Path(str(make_url(template).database)), target)
        return f"sqlite:///{target}"
    return pg_create_database(admin_url, template=make_url(template).database)


class Copies:
    """Copies of one session template, made on call; `drop` and `drop_all` drop them on PostgreSQL."""

    def __init__(self, template: str, admin_url: str | None, directory: pathlib.Path, stem: str) -> None:
        self.template = template
        self.admin_url = admin_url
        self.directory = directory
        self.stem = stem
        self.made: list[str] = []
        self._count = itertools.count()

    def __call__(self) -> str:
        """The URL of a new copy (on SQLite a file `<stem>-<n>.db` in the directory)."""
        url = _copy_of(self.template, self.admin_url, self.directory / f"{self.stem}-{next(self._count)}.db")
        self.made.append(url)
        return url

    def drop(self, url: str) -> None:
        """Drop one copy (a SQLite file stays in its temporary directory)."""
        self.made.remove(url)
        if self.admin_url is not None:
            pg_drop_database(self.admin_url, url)

    def drop_all(self) -> None:
        """Drop every copy still held."""
        for url in list(self.made):
            self.drop(url)


def open_copy(url: str, clock: Clock) -> designations.Registry:
    """
    Open a copy of the empty template as `designations.open(url, seeds=False, clock=clock)` opens a new database.

    The copy already holds the setup batch that a first open records at the
    clock's first tick, so the clock skips that tick: every later recorded
    time is what it would be on a store built for the test.
    """
    clock()
    return designations.open(url, seeds=False, clock=clock)


@pytest.fixture
def store_url_factory(
    _empty_template: str, _admin_url: str | None, tmp_path: pathlib.Path
) -> Iterator[Copies]:
    """A function returning the URL of a new empty store (schema at head, no seeds) on each call; all dropped after."""
    copies = Copies(_empty_template, _admin_url, tmp_path, "store-copies")
    try:
        yield copies
    finally:
        copies.drop_all()


@pytest.fixture
def store_url(_empty_template: str, _admin_url: str | None, tmp_path: pathlib.Path) -> Iterator[str]:
    """The URL of an empty store (schema at head, no seeds), a copy of the session's template; `registry` opens it."""
    copies = Copies(_empty_template, _admin_url, tmp_path, "store-copy")
    try:
        yield copies()
    finally:
        copies.drop_all()


@pytest.fixture
def registry(store_url: str, clock: Clock) -> Iterator[designations.Registry]:
    """An empty registry (no seeds) on `store_url`, with the test clock; a spec may ask for both."""
    reg = open_copy(store_url, clock)
    try:
        yield reg
    finally:
        reg.close()


@pytest.fixture
def registry_factory(store_url_factory: Copies) -> Iterator[Callable[[], designations.Registry]]:
    """A function opening a new empty registry, on its own store with its own test clock, on each call."""
    opened: list[designations.Registry] = []

    def make() -> designations.Registry:
        reg = open_copy(store_url_factory(), Clock())
        opened.append(reg)
        return reg

    try:
        yield make
    finally:
        for reg in opened:
            reg.close()


@pytest.fixture(scope="session")
def _seeded_template(
    _admin_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A seeded store built once per session: a SQLite file, or a PostgreSQL template database."""
    url = _template_url(_admin_url, tmp_path_factory, "seeded")
    _finish_template(designations.open(url, seeds=True, clock=Clock(start=pendulum.datetime(2026, 1, 1, tz="UTC"))),
                     _admin_url)
    try:
        yield url
    finally:
        if _admin_url is not None:
            pg_drop_database(_admin_url, url)


@pytest.fixture
def seeded_registry(
    _seeded_template: str, _admin_url: str | None, tmp_path: pathlib.Path, clock: Clock
) -> Iterator[designations.Registry]:
    """A registry holding the shipped seeds, copied from a session template; writable."""
    copies = Copies(_seeded_template, _admin_url, tmp_path, "seeded")
    reg = designations.open(copies(), seeds=True, clock=clock)
    try:
        yield reg
    finally:
        reg.close()
        copies.drop_all()
