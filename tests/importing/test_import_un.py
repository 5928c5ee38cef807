"""
Specs for importing the UN consolidated list into a store: its names are searched and screened as the list means them.

These import into a real store, so they run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import io
import json

import designations

UN_ORIGINAL_SCRIPT = "un/original_script_2024-05-01.xml"


def test_an_imported_arabic_name_is_found_by_search(registry: designations.Registry, fixtures):
    """After an import, the Arabic-script name the list gives finds its subject."""
    registry.import_file(fixtures / UN_ORIGINAL_SCRIPT)

    found = registry.search("كابا لامدا", on="2024-06-01")

    assert found.candidates[0].subject.name == "KAPPA LAMBDA"


def test_a_weak_alias_alone_never_makes_a_screening_hit_but_search_shows_it(registry: designations.Registry,
                                                                            fixtures):
    """A bare "Kappa" (a low-quality one-word alias) alerts no one at the threshold; search lists it under it."""
    registry.import_file(fixtures / UN_ORIGINAL_SCRIPT)

    screened = registry.screen(["Kappa", "Abu Kappa"], on="2024-06-01")
    searched = registry.search("Kappa", on="2024-06-01")
    exported = io.StringIO()
    registry.export_ftm(exported)
    person = next(e for e in map(json.loads, exported.getvalue().splitlines()) if e["caption"] == "KAPPA LAMBDA")

    assert [len(r.candidates) for r in screened.results] == [0, 1]
    assert [(c.subject.name, c.score) for c in searched.candidates] == [("KAPPA LAMBDA", 0.85)]
    assert person["properties"]["weakAlias"] == ["Kappa"]
    assert "Kappa" not in person["properties"]["alias"]


def test_a_weak_alias_that_names_someone_fully_still_counts(registry: designations.Registry, fixtures):
    """A nom de guerre the list calls "Low" but of three words is a hit; its two-word short form is not."""
    registry.import_file(fixtures / UN_ORIGINAL_SCRIPT)

    screened = registry.screen(["Abu Sigma al-Tauwi", "Abu Sigma"], on="2024-06-01")

    assert [[c.subject.name for c in r.candidates] for r in screened.results] == [["OMICRON PI RHO"], []]
