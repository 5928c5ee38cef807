"""Spec: the seed loader reads the shipped seeds and refuses broken ones, naming file and line."""

import pathlib
import shutil

import pytest

from designations.errors import SeedError
from designations.seed_reader import load_seeds, seeds_path
from tests.seeds.assertions import shipped

BAD = pathlib.Path(__file__).parent.parent / "fixtures" / "seeds_bad"


def test_shipped_seeds_load() -> None:
    """The shipped seeds load and hold lists, subjects and events."""
    seeds = shipped()

    assert (True, True, True) == (bool(seeds.lists), bool(seeds.subjects), bool(seeds.events))


def test_every_event_cites_a_source_with_a_url() -> None:
    """Every event cites at least one source, and every source has an http(s) URL."""
    uncited = [e.key for e in shipped().events
               if not e.sources or not all(s.url.startswith("http") for s in e.sources)]

    assert [] == uncited


def test_every_list_names_a_known_jurisdiction() -> None:
    """Every list's jurisdiction is one of jurisdictions.toml."""
    codes = {j.code for j in shipped().jurisdictions}

    assert set() == {dl.jurisdiction.code for dl in shipped().lists} - codes


def test_file_names_are_list_ids() -> None:
    """Each list file is named after its list id."""
    files = {p.stem for p in seeds_path().glob("*.toml")} - {"jurisdictions", "subjects"}

    assert files == {dl.id for dl in shipped().lists}


def test_required_jurisdictions() -> None:
    """RU, KZ, KG, US, GB, EU and UN are known, GB with the alias UK."""
    codes = {j.code for j in shipped().jurisdictions}

    assert ({"RU", "KZ", "KG", "US", "GB", "EU", "UN"} <= codes,
            ("UK", "GB") in shipped().aliases) == (True, True)


def test_event_keys_unique() -> None:
    """Event keys are unique across all lists."""
    keys = [e.key for e in shipped().events]

    assert len(keys) == len(set(keys))


def test_event_key_shape() -> None:
    """The default event key is seed:<list>:<subject>:<kind>:<effective>."""
    keys = {e.key for e in shipped().events}

    assert "seed:us-fto:houthis:LISTED:2021-01-19" in keys


def test_subject_names_and_aliases_not_shared() -> None:
    """No two subjects share a name or alias."""
    owners: dict[str, set[str]] = {}
    for s in shipped().subjects:
        for n in s.names:
            owners.setdefault(n.key, set()).add(s.id)

    assert {} == {k: v for k, v in owners.items() if len(v) > 1}


def test_every_subject_is_used() -> None:
    """Every subject has at least one event or takes part in a relation (a wing asked about by name)."""
    used = {e.subject_id for e in shipped().events}
    used |= {r.subject_id for r in shipped().relations} | {r.other_id for r in shipped().relations}

    assert set() == {s.id for s in shipped().subjects} - used


@pytest.mark.parametrize(
    ("case", "file", "line", "field"),
    [
        ("unknown_key", "xx-list.toml", 16, "event[0].colour"),
        ("missing_key", "xx-list.toml", 10, "event[0].confidence"),
        ("no_sources", "xx-list.toml", 14, "event[0].sources"),
        ("unknown_subject", "xx-list.toml", 11, "event[0].subject"),
        ("unknown_source_key", "xx-list.toml", 14, "event[0].sources"),
        ("bad_date", "xx-list.toml", 13, "event[0].effective"),
        ("bad_transition", "xx-list.toml", 19, "event[1].kind"),
        ("unknown_jurisdiction", "xx-list.toml", 3, "list.jurisdiction"),
        ("claim_without_sources", "xx-list.toml", 18, "event[0].claim[0].sources"),
        ("wrong_file_name", "xx-list.toml", 2, "list.id"),
        ("duplicate_subject", "subjects.toml", 7, "subject[1].id"),
    ],
)
def test_bad_seed_names_file_line_and_field(case: str, file: str, line: int, field: str) -> None:
    """A broken seed raises SeedError naming the file, the line and the key path."""
    with pytest.raises(SeedError) as info:
        load_seeds(BAD / case)

    assert (file, line, field) == (pathlib.Path(info.value.path).name, info.value.line,
                                   info.value.field)


def test_missing_directory() -> None:
    """A missing seed directory is a SeedError."""
    with pytest.raises(SeedError):
        load_seeds(BAD / "does-not-exist")


def test_digest_changes_when_a_file_changes(tmp_path: pathlib.Path) -> None:
    """Editing one seed file changes the digest."""
    copy = tmp_path / "seeds"
    shutil.copytree(seeds_path(), copy)
    before = load_seeds(copy).digest
    target = copy / "kz-terrorist-organisations.toml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    assert before != load_seeds(copy).digest


def test_digest_is_stable() -> None:
    """Loading the same files twice gives the same digest."""
    assert shipped().digest == load_seeds().digest
