"""
Subprocess worker for the crash and concurrency tests (run as a script).

  worker.py bigbatch URL TAGS N       per comma-separated TAG, one batch: N subjects, 2 events each, meta TAG=done
  worker.py import URL PATHS          import each comma-separated list file (generic CSV)
  worker.py writer URL LIST K M       K batches of M new subjects LISTED on LIST
  worker.py recorder URL LIST K       K single events through Registry.record
  worker.py reader URL LISTS SECONDS M  snapshot LISTS until SECONDS pass; every count must be a multiple of M
  worker.py record URL LIST NAME      one Registry.record (lock-timeout test)

Prints READY once the store is open and before writing; errors go to stderr
with exit code 3 (or 4 for LockTimeoutError).
"""

from __future__ import annotations

import sys
import time

import designations
from designations.errors import LockTimeoutError
from designations.model import Event, Source, Subject
from designations.store import WriteBatch

SOURCE = (Source(title="Worker source", url="https://example.org/source"),)


def _tell(line: str, *, err: bool = False) -> None:
    """Send one line to the parent test, flushed at once: results on stdout, failures on stderr (`err`)."""
    print(line, file=sys.stderr if err else sys.stdout, flush=True)


def _batch(tag: str, prefix: str, list_id: str, n: int, *, removal: bool) -> WriteBatch:
    subjects = tuple(
        Subject(id=f"{prefix}-{i}", name=f"{prefix} organisation {i}") for i in range(n)
    )
    events = [
        Event(
            subject_id=s.id, list_id=list_id, kind="LISTED", effective="2020-01-01", sources=SOURCE
        )
        for s in subjects
    ]
    if removal:
        events += [
            Event(
                subject_id=s.id,
                list_id=list_id,
                kind="REMOVED",
                effective="2022-06-01",
                sources=SOURCE,
            )
            for s in subjects
        ]
    return WriteBatch(
        kind="import", note=tag, subjects=subjects, events=tuple(events), meta=((tag, "done"),)
    )


def main(argv: list[str]) -> int:  # noqa: C901, PLR0912
    mode, url = argv[0], argv[1]
    reg = designations.open(url, seeds=False)
    _tell("READY")
    try:
        if mode == "bigbatch":
            n = int(argv[3])
            for tag in argv[2].split(","):
                if reg.store.meta(tag) == "done":
                    _tell("ALREADY")
                    continue
                start = time.perf_counter()
                reg.write(_batch(tag, tag, "us-fto", n, removal=True))
                _tell(f"DONE {time.perf_counter() - start:.3f}")
        elif mode == "import":
            for path in argv[2].split(","):
                start = time.perf_counter()
                report = reg.import_file(path, published="2021-06-01")
                state = "ALREADY" if report.duplicate else "DONE"
                _tell(f"{state} {time.perf_counter() - start:.3f}")
        elif mode == "writer":
            list_id, k, m = argv[2], int(argv[3]), int(argv[4])
            for b in range(k):
                reg.write(_batch(f"{list_id}-{b}", f"{list_id}-{b}", list_id, m, removal=False))
            _tell("DONE")
        elif mode == "recorder":
            list_id, k = argv[2], int(argv[3])
            for i in range(k):
                reg.record(
                    f"Recorded subject {i}",
                    list_id,
                    "LISTED",
                    effective="2021-03-01",
                    sources=[{"title": "Gazette"}], create=True
                )
            _tell("DONE")
        elif mode == "reader":
            lists, seconds, m = argv[2].split(","), float(argv[3]), int(argv[4])
            end, reads, torn = time.monotonic() + seconds, 0, 0
            while time.monotonic() < end:
                for list_id in lists:
                    count = len(reg.snapshot(list_id, on="2024-01-01"))
                    reads += 1
                    if count % m:
                        torn += 1
                        _tell(f"TORN {list_id} {count}")
            _tell(f"READS {reads} TORN {torn}")
        elif mode == "record":
            reg.record(
                argv[3], argv[2], "LISTED", effective="2021-03-01", sources=[{"title": "Gazette"}], create=True
            )
            _tell("DONE")
        else:
            _tell(f"unknown mode {mode}", err=True)
            return 2
    except LockTimeoutError as exc:
        _tell(f"LockTimeoutError: {exc}", err=True)
        return 4
    except Exception as exc:  # noqa: BLE001 - report any failure to the parent test
        _tell(f"{type(exc).__name__}: {exc}", err=True)
        return 3
    finally:
        reg.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
