"""Recorded time is ordered by the store, not by each client's clock."""

from __future__ import annotations

import pendulum

import designations

SOURCE = {"title": "Test source", "url": "https://example.org/source"}


def test_a_client_whose_clock_lags_reads_its_own_write(store_url: str) -> None:
    """A write stamped after the last batch is seen at once by a client whose clock is a day behind."""
    ahead = designations.open(store_url, seeds=False, clock=lambda: pendulum.datetime(2026, 3, 2, tz="UTC"))
    ahead.write(designations.store.WriteBatch(
        kind="seed", jurisdictions=(designations.Jurisdiction("US", "United States", "America/New_York"),),
        lists=(designations.DesignationList(id="us-fto", jurisdiction=designations.Jurisdiction(
            "US", "United States", "America/New_York"), name="FTO"),)))
    ahead.close()
    behind = designations.open(store_url, seeds=False, clock=lambda: pendulum.datetime(2026, 3, 1, tz="UTC"))

    event = behind.record("Lagging Front", "us-fto", "LISTED", effective="2024-01-01", sources=[SOURCE],
                          create=True)
    s = behind.status("Lagging Front", "us-fto", on="2024-06-01")

    assert (designations.State.LISTED, (event.id,)) == (s.state, s.receipt.event_ids)
    assert "" != behind.data_version()
    behind.close()


def test_postgresql_stamps_writes_with_the_server_time(db_url: str) -> None:
    """Without an explicit clock, a PostgreSQL store records the server's time; SQLite this machine's."""
    # a new database: its first open records the setup batch that `data_version` reads
    reg = designations.open(db_url, seeds=False)
    before = pendulum.now("UTC").subtract(minutes=5)

    recorded = pendulum.parse(reg.data_version())

    assert before < recorded < pendulum.now("UTC").add(minutes=5)
    reg.close()
