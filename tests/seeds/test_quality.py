"""
Data-quality rules every shipped list obeys: checked counts, specific sources, first days,
no development paths, and a README table that says what the data holds.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from designations.seed_reader import count_in_force, seeds_path

from .assertions import shipped

LISTS = [lst.id for lst in shipped().lists]
_NOT_A_SOURCE = re.compile(r"/(tag|tags|category|categories|search)(/|$)|[?&](s|q|query)=", re.IGNORECASE)


def _citations() -> list[tuple[str, str]]:
    seeds = shipped()
    found = [(e.list_id, s.url) for e in seeds.events for s in e.sources]
    for lst in seeds.lists:
        found += [(lst.id, s.url) for s in lst.established_sources]
        if lst.verified is not None:
            found += [(lst.id, s.url) for s in lst.verified.sources]
    found += [(f"relation {r.subject_id}", s.url) for r in seeds.relations for s in r.sources]
    return found


@pytest.mark.parametrize("list_id", LISTS)
def test_declared_count_in_force_matches_the_data(list_id: str) -> None:
    """A checked list holds exactly the number of entries in force its official source showed that day."""
    lst = next(lst for lst in shipped().lists if lst.id == list_id)
    if lst.verified is None or lst.verified.count is None:
        pytest.skip(f"{list_id} declares no checked count")

    assert lst.verified.count == count_in_force(shipped(), list_id, lst.verified.on)


@pytest.mark.parametrize("list_id", LISTS)
def test_every_list_has_a_sourced_first_day_and_an_allowance(list_id: str) -> None:
    """Each shipped list says when it began (with a source) and how long its data stands."""
    lst = next(lst for lst in shipped().lists if lst.id == list_id)

    assert (True, True, True) == (lst.established is not None, bool(lst.established_sources),
                                  lst.allowance_days is not None)


def test_every_citation_is_a_specific_page() -> None:
    """No event, first day, check or relation cites a home page, a tag page or a search page."""
    def general(url: str) -> bool:
        parts = urlparse(url)
        bare = parts.path in ("", "/") and not parts.query  # `/?p=4188` is one post, not a home page
        return bare or (_NOT_A_SOURCE.search(url) is not None and "parlinfo.aph.gov.au" not in url)

    found = sorted({(where, url) for where, url in _citations() if general(url)})

    assert [] == found


def test_no_development_path_in_the_seed_files() -> None:
    """Data, comments and notes never name a path of a development machine."""
    root = seeds_path()
    leaks = [str(p.relative_to(root)) for p in sorted(root.rglob("*"))
             if p.is_file() and p.suffix in (".toml", ".md", ".py")
             and re.search(r"(?<![\w.])(/work/|/tmp/|/home/|\.\./shared)", p.read_text(encoding="utf-8"))]

    assert [] == leaks


def test_readme_table_says_what_each_list_holds() -> None:
    """The table in seeds/README.md gives each list's subjects, events, check day and count, as the data does."""
    seeds = shipped()
    rows = set()
    for lst in seeds.lists:
        events = [e for e in seeds.events if e.list_id == lst.id]
        checked = f"{lst.verified.on} ({lst.verified.count})" if lst.verified else "sample"
        rows.add(f"| `{lst.id}` | {lst.jurisdiction.code} | {len({e.subject_id for e in events})} "
                 f"| {len(events)} | {checked} |")
    readme = (seeds_path() / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Lists"):]
    table = {line.strip() for line in section.splitlines() if line.startswith("| `")}

    assert sorted(rows) == sorted(table)
