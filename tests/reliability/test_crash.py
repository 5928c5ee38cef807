"""
An import killed with SIGKILL at random points loses nothing and leaves nothing half-written.

Each trial starts a subprocess that imports one list file (the generic CSV
format: 300 subjects, a LISTED and a REMOVED event each, one transaction) and
kills it at a random moment: during start-up and the schema check, or during
the import itself. After every kill the store opens, passes the integrity
check (`designations db check`), and holds either all of that import or none
of it. At the end every file is imported again: the killed ones complete,
the finished ones are recognised as duplicates.
"""

from __future__ import annotations

import pathlib
import random
import signal
import subprocess
import time

import pytest
from sqlalchemy import func, select

import designations
from designations.store import admin
from designations.store.schema import EventTable, PublicationTable

from .conftest import run_worker, spawn_worker

TRIALS = 20
SUBJECTS = 300  # per file; two events each
HEADER = "list_id,subject_id,subject_name,kind,event,effective,published,source_title,source_url"


def _write_file(folder: pathlib.Path, tag: str) -> pathlib.Path:
    rows = [HEADER]
    for i in range(SUBJECTS):
        name = f"Crash {tag} organisation {i}"
        rows.append(f"xx-{tag},{i},{name},organisation,LISTED,2019-05-01,2019-06-01,Gazette,")
        rows.append(f"xx-{tag},{i},{name},organisation,REMOVED,2021-05-01,2021-06-01,Gazette,")
    path = folder / f"{tag}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _imported(reg: designations.Registry, tag: str) -> tuple[int, int]:
    with reg.store.read() as conn:
        events = conn.scalar(
            select(func.count()).select_from(EventTable).where(EventTable.c.list_id == f"xx-{tag}")
        )
        publications = conn.scalar(
            select(func.count()).select_from(PublicationTable).where(PublicationTable.c.list_id == f"xx-{tag}")
        )
    return int(events or 0), int(publications or 0)


def _wait_line(proc: subprocess.Popen[str], prefix: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return
    pytest.fail(f"worker never printed {prefix}")


def test_sigkill_at_random_points_leaves_all_or_none_of_the_import(
    store_url: str, tmp_path: pathlib.Path
) -> None:
    """After each of 20 SIGKILLs the store is consistent and holds all or none of that import."""
    calib = run_worker("import", store_url, str(_write_file(tmp_path, "calibration")))
    assert calib.returncode == 0, calib.stderr
    write_seconds = float(calib.stdout.split("DONE ")[1].split()[0])
    rng = random.Random(20261127)  # noqa: S311 - not cryptography
    outcomes: dict[str, str] = {}
    files = []
    for trial in range(TRIALS):
        tag = f"crash-{trial}"
        files.append(str(_write_file(tmp_path, tag)))
        proc = spawn_worker("import", store_url, files[-1])
        if trial % 5 == 0:  # during interpreter start-up, open and schema check
            time.sleep(rng.uniform(0.0, 1.5))
        else:  # during the import itself
            _wait_line(proc, "READY")
            time.sleep(rng.uniform(0.0, 1.3 * write_seconds))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)

        reg = designations.open(store_url, seeds=False)
        try:
            report = admin.check(reg.store)
            assert report.ok, str(report)
            found = _imported(reg, tag)
        finally:
            reg.close()
        assert found in {(0, 0), (2 * SUBJECTS, 1)}, (trial, found)
        outcomes[tag] = "complete" if found[0] else "none"

    assert "none" in outcomes.values()
    rerun = run_worker("import", store_url, ",".join(files))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.count("ALREADY") == list(outcomes.values()).count("complete")
    reg = designations.open(store_url, seeds=False)
    try:
        assert admin.check(reg.store).ok
        for tag in outcomes:
            assert _imported(reg, tag) == (2 * SUBJECTS, 1)
        assert reg.status("Crash crash-0 organisation 7", "xx-crash-0", on="2020-01-01").in_force
        assert not reg.status("Crash crash-0 organisation 7", "xx-crash-0", on="2022-01-01").in_force
    finally:
        reg.close()
