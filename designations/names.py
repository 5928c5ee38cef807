"""
Name normalisation: the match key shared by the store and the matcher.

Two spellings that differ only in case, diacritics, punctuation or spacing
get the same key, so "Hay'at Tahrir al-Sham" finds "HAY'AT TAHRIR AL-SHAM".
Scripts are kept: transliteration is the matcher's job, not the key's.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypeGuard

__all__ = ["MAX_NAME_LENGTH", "SUBJECT_ID_LENGTH", "can_name", "clean_name", "drop_invisible", "name_parts",
           "normalise", "script_of", "subject_id"]

MAX_NAME_LENGTH = 1000
"""Longest name accepted anywhere; official lists stay far below it."""

_APOSTROPHES = frozenset("'’‘ʼʻ`´")


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff\u00ad\u2060\u180e"))
"""Zero-width space, BOM, soft hyphen, word joiner, Mongolian vowel separator: dropped from names.

(Zero-width joiner and non-joiner stay: Persian and Indic names need them.)"""

_REFUSED = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
"""Bidirectional overrides, embeddings, isolates and marks: they reorder how a name is shown."""


def can_name(ref: object) -> TypeGuard[str]:
    """
    Whether `ref` could be a stored subject's id, identifier or name: text, not blank, without NUL, valid Unicode.

    A reference that cannot is no subject; asked of a database, PostgreSQL would refuse the NUL or the lone surrogate.
    """
    if not isinstance(ref, str) or not ref.strip() or "\x00" in ref:
        return False
    try:
        ref.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def drop_invisible(value: str) -> str:
    """`value` without the invisible characters that make two equal-looking names differ."""
    return value.translate(_INVISIBLE)


def clean_name(value: object) -> str:
    """
    Validate a display name: text, not empty, no control characters, not huge.

    Returns the name with surrounding and repeated white space folded.
    Raises ValueError with the reason; callers wrap it with file and field.
    """
    if not isinstance(value, str):
        msg = f"a name must be text, got {type(value).__name__}"
        raise ValueError(msg)  # noqa: TRY004 - callers re-raise as their own error
    if len(value) > MAX_NAME_LENGTH:
        msg = f"name is {len(value)} characters long (limit {MAX_NAME_LENGTH})"
        raise ValueError(msg)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value):
        msg = "name contains control characters"
        raise ValueError(msg)
    if any(ch in _REFUSED for ch in value):
        msg = "name contains a bidirectional control character (it would change how the name is shown)"
        raise ValueError(msg)
    if any(unicodedata.category(ch) in ("Co", "Cs", "Cn") for ch in value):
        msg = "name contains a private-use, surrogate or unassigned character"
        raise ValueError(msg)
    folded = " ".join(drop_invisible(value).split())
    if not folded:
        msg = "name is empty"
        raise ValueError(msg)
    return folded


_ASCII_KEY = {c: (None if chr(c) in _APOSTROPHES else " ") for c in range(128)
              if not chr(c).isalnum()}
"""For ASCII text, what `normalise` does to each character in one `str.translate`."""


def normalise(name: str) -> str:
    """
    The match key of a name: case-folded, without diacritics or punctuation.

    Apostrophes vanish (Qa'ida -> qaida); other punctuation becomes a space;
    runs of white space become one space. ASCII names (most of every list)
    take a table lookup that gives the same key as the general path.
    """
    if name.isascii():
        return " ".join(name.translate(_ASCII_KEY).lower().split())
    decomposed = unicodedata.normalize("NFKD", drop_invisible(name))
    out: list[str] = []
    for ch in decomposed:
        if ch in _APOSTROPHES:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):
            continue
        if cat.startswith(("L", "N")):
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).casefold().split())


_ACRONYM_END = re.compile(r"^(?P<name>.*\S)\s*\((?P<acronym>[A-Za-z0-9][A-Za-z0-9.\-/]{1,11})\)\s*$")


def name_parts(name: str) -> tuple[str, ...]:
    """
    The names a name ending in its acronym stands for: the name without it, and the acronym.

    Lists write an organisation's short form after its name ("Al-Qaida in the Arabian
    Peninsula (AQAP)"); users type either part. Only a trailing parenthesis of one word
    with two capitals or more counts (AQAP, AAS-T, JuA): "(Kenya)" or "(K)" is not an acronym.
    """
    found = _ACRONYM_END.match(name)
    if found is None:
        return ()
    acronym = found["acronym"]
    if sum(ch.isupper() for ch in acronym) < 2 or "(" in found["name"]:  # noqa: PLR2004 - AQ, JuA: two capitals
        return ()
    return (found["name"], acronym)


SUBJECT_ID_LENGTH = 100
"""The longest readable base of a minted subject id (a suffix may follow it: `-2`, an identifier)."""


def subject_id(name: str) -> str:
    """The readable id minted for a new subject: its name's key with dashes, in ASCII."""
    key = normalise(name).replace(" ", "-")
    if not key or not key.isascii():
        from anyascii import anyascii  # noqa: PLC0415 - only for names outside ASCII

        key = normalise(anyascii(name)).replace(" ", "-") or "subject"
    return key[:SUBJECT_ID_LENGTH]


_SCRIPTS = (("ARABIC", "Arab"), ("CYRILLIC", "Cyrl"), ("HEBREW", "Hebr"), ("GREEK", "Grek"), ("CJK", "Hani"),
            ("HANGUL", "Hang"), ("HIRAGANA", "Jpan"), ("KATAKANA", "Jpan"), ("DEVANAGARI", "Deva"),
            ("BENGALI", "Beng"), ("GURMUKHI", "Guru"), ("THAI", "Thai"), ("GEORGIAN", "Geor"),
            ("ARMENIAN", "Armn"), ("ETHIOPIC", "Ethi"), ("LATIN", "Latn"))
"""Unicode character-name prefixes and the ISO 15924 codes of the scripts names on the lists are written in."""


def script_of(name: str) -> str:
    """The ISO 15924 code of the script most of `name`'s letters are in ("" when none is recognised)."""
    counts: dict[str, int] = {}
    for ch in name:
        if not ch.isalpha():
            continue
        label = unicodedata.name(ch, "")
        code = next((c for prefix, c in _SCRIPTS if label.startswith(prefix)), "")
        if code:
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else ""
