"""
The archive of every publication `designations update` downloaded, content-addressed and auditable.

Each file is kept once under its SHA-256 (`<root>/<aa>/<sha256><suffix>`); a log per
source (`<root>/<source>.jsonl`) says when it was fetched, from which URL, with which
HTTP date, so any import can be repeated and checked. `state.json` keeps what the next
request needs (ETag, Last-Modified, the last check). Pruning keeps the newest files of
each source (`keep`) or those younger than an age, and never the one last imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import pathlib
import shutil
from typing import Any

import pendulum

__all__ = ["Archive"]


class Archive:
    """A folder of downloaded publications; see the module docstring."""

    def __init__(self, root: pathlib.Path) -> None:
        """Use (and create on first write) the folder `root`."""
        self.root = pathlib.Path(root)

    def _log(self, source: str) -> pathlib.Path:
        return self.root / f"{source}.jsonl"

    def put(self, source: str, path: pathlib.Path, sha256: str, suffix: str, record: dict[str, Any]) -> pathlib.Path:
        """Keep `path` under its hash (moved in, or dropped if already there) and log the fetch."""
        folder = self.root / sha256[:2]
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"{sha256}{suffix}"
        if kept.exists():
            path.unlink(missing_ok=True)
        else:
            tmp = kept.with_suffix(kept.suffix + ".part")
            shutil.move(str(path), tmp)
            tmp.replace(kept)
        with self._log(source).open("a", encoding="utf-8") as log:
            log.write(json.dumps({**record, "sha256": sha256, "file": str(kept.relative_to(self.root))},
                                 sort_keys=True) + "\n")
        return kept

    def entries(self, source: str) -> list[dict[str, Any]]:
        """The fetches logged for `source`, oldest first."""
        log = self._log(source)
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]

    def state(self) -> dict[str, dict[str, Any]]:
        """What the next requests need, by source."""
        path = self.root / "state.json"
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}  # a damaged state costs one full download, nothing else
        return data if isinstance(data, dict) else {}

    def save_state(self, state: dict[str, dict[str, Any]]) -> None:
        """Write the state atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / "state.json.part"
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.root / "state.json")

    def prune(self, *, keep: int | None = None, max_age_days: int | None = None,
              now: pendulum.DateTime | None = None, protect: set[str] | None = None) -> int:
        """
        Delete files no source still keeps (beyond `keep` newest, or older than the age); returns how many.

        The newest file of each source and every file whose hash is in `protect` (the ones last
        imported) always stay.
        """
        if keep is None and max_age_days is None:
            return 0
        now = now or pendulum.now("UTC")
        wanted: set[str] = set()
        every: set[str] = set()
        for log in sorted(self.root.glob("*.jsonl")):
            entries = self.entries(log.stem)
            every.update(e["file"] for e in entries)
            newest_first = list(reversed(entries))
            for i, e in enumerate(newest_first):
                fetched = dt.datetime.fromisoformat(e["fetched_at"])
                young = max_age_days is None or (
                    dt.datetime.fromtimestamp(now.timestamp(), dt.UTC) - fetched).days <= max_age_days
                within = keep is None or i < keep
                if (within and young) or i == 0 or e.get("sha256") in (protect or set()):
                    wanted.add(e["file"])
        removed = 0
        for name in sorted(every - wanted):
            with contextlib.suppress(FileNotFoundError):
                (self.root / name).unlink()
                removed += 1
        return removed
