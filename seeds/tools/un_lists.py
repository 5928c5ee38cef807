#!/usr/bin/env python3
"""
Build the UN Security Council seed lists from official consolidated-list XML files.

Writes, for the ISIL (Da'esh) and Al-Qaida list (reference numbers QDi./QDe.) and the
1988 (Taliban) list (TAi./TAe.):

- ``seeds/un-isil-al-qaida.toml`` and ``seeds/un-1988.toml``: one LISTED event per entry
  (effective = the entry's LISTED_ON), and a REMOVED event for every entry present in one
  file and absent from the next (effective = the window between the two files, narrowed to
  the day a Security Council (Committee) press release gives, from PRESS_RELEASES below);
  plus the removals before the first file that press releases document (EARLIER_REMOVALS),
  amendments whose day and content a source gives (AMENDMENTS), removals after the last
  file that specific reports give (LATER_REMOVALS), and sourced absences (ABSENCES: a report
  that a subject which no entry holds was not on the UN lists on a day).
- ``seeds/subjects/un.toml``: a ``[[subject]]`` for every entry that no existing subject
  already holds (matched by UN reference number, then by any shared name or alias).

Usage (run from the repository, with a Python that has ``defusedxml``, e.g. the project venv)::

    python seeds/tools/un_lists.py --xml consolidated_2018-08-24.xml \
        --xml consolidated_2018-10-29.xml --xml consolidated_2026-02-27.xml

Arguments: ``--xml`` (repeat; any order, sorted by their ``dateGenerated``), ``--seeds``
(the seed directory; default: the ``seeds`` directory that holds this script's folder).
The official source of the XML is https://scsanctions.un.org/resources/xml/en/consolidated.xml.
Only the standard library and ``defusedxml`` are used. The output is deterministic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import pathlib
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

try:
    from defusedxml import ElementTree
except ImportError:  # pragma: no cover - message for a Python without defusedxml
    sys.exit("un_lists.py needs defusedxml (pip install defusedxml, or use the project's .venv python)")

OFFICIAL_XML = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
REVIEWED = "2026-11-29"  # the day a person last checked the script's tables and output
UN = "United Nations Security Council"

# --- hand-written tables --------------------------------------------------------------------

LISTS = {
    "QD": {
        "id": "un-isil-al-qaida",
        "jurisdiction": "UN",
        "name": "ISIL (Da'esh) and Al-Qaida Sanctions List",
        "authority": "Security Council Committee pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015)",
        "legal_basis": (
            "Security Council resolutions 1267 (1999), 1333 (2000), 1390 (2002), 1989 (2011), "
            "2253 (2015) and successors (currently 2734 (2024))"
        ),
        "url": "https://main.un.org/securitycouncil/en/sanctions/1267/aq_sanctions_list",
        "tags": ["terrorism", "sanctions", "un"],
        "established": "1999-10-15",
        "established_sources": ["sc-6739"],
        "established_note": (
            "resolution 1267 (1999), adopted 1999-10-15, created the Committee whose list "
            "this is (named the ISIL (Da'esh) and Al-Qaida Sanctions List since resolution "
            "2253 (2015)); a resolution takes effect on adoption, and its first measures (on the "
            "Taliban) applied from 1999-11-14; the earliest entry now listed dates from 2001"
        ),
        "title": "UN Security Council ISIL (Da'esh) and Al-Qaida sanctions list (resolutions 1267/1989/2253)",
        "instrument": (
            "Listing by the Security Council Committee pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015)"
        ),
    },
    "TA": {
        "id": "un-1988",
        "jurisdiction": "UN",
        "name": "1988 Sanctions List (Taliban)",
        "authority": "Security Council Committee established pursuant to resolution 1988 (2011)",
        "legal_basis": (
            "Security Council resolution 1988 (2011) and successor resolutions; entries listed "
            "before 2011-06-17 under resolution 1267 (1999) were carried over"
        ),
        "url": "https://main.un.org/securitycouncil/en/sanctions/1988/materials",
        "tags": ["terrorism", "sanctions", "un"],
        "established": "2011-06-17",
        "established_sources": ["sc-10285"],
        "established_note": (
            "resolution 1988 (2011), adopted 2011-06-17, split the Taliban entries from the "
            "1267 list into this list; Security Council resolutions take effect on adoption"
        ),
        "title": "UN Security Council 1988 (Taliban) sanctions list",
        "instrument": "Listing by the Security Council Committee established pursuant to resolution 1988 (2011)",
    },
}

# Static sources (each one read; see the lists' .md files).
STATIC_SOURCES = {
    "QD": {
        "sc-6739": {
            "title": (
                "Security Council press release SC/6739, 15 October 1999: Security Council demands that "
                "Taliban turn over Usama bin Laden; resolution 1267 (1999), adopted unanimously, sets out "
                "measures to be imposed if demand not met by 14 November (establishes the Committee)"
            ),
            "url": "https://irp.fas.org/news/1999/10/19991015-sc6739-doc.htm",
            "publisher": "United Nations (via Federation of American Scientists)",
            "date": "1999-10-15",
        },
    },
    "TA": {
        "sc-10285": {
            "title": (
                "Security Council press release SC/10285, 17 June 2011: Security Council splits Al-Qaida, "
                "Taliban sanctions regime (resolution 1988 (2011) moves those designated as the Taliban "
                "to a separate list kept by a new Committee)"
            ),
            "url": "https://press.un.org/en/2011/sc10285.doc.htm",
            "publisher": UN,
            "date": "2011-06-17",
        },
    },
}

_NO_UN_SANCTIONS = {
    "newsmax-2023-10-13-un-hamas": {
        "title": (
            "Newsmax (from Fox News Digital), 13 October 2023: the U.N. Security Council refuses to sanction Hamas "
            "or even label it a terrorist organization; the Council's resolutions of 1999, 2011 and 2015 mandate "
            "sanctions against ISIS and al-Qaida and associated groups, 'However, Hamas and Hezbollah continue to "
            "operate without such sanctions'"
        ),
        "url": "https://www.newsmax.com/world/globaltalk/israel-un-hamas/2023/10/13/id/1138245/",
        "publisher": "Newsmax",
        "date": "2023-10-13",
    },
    "foxnews-2023-10-un-hamas": {
        "title": (
            "Fox News, October 2023: UN Security Council still does not label, sanction Hamas a terror group "
            "('there are no such sanctions in place for Hamas and Hezbollah')"
        ),
        "url": (
            "https://foxnews.com/politics/"
            "un-security-council-still-does-not-label-sanction-hamas-terror-group-despite-attacks"
        ),
        "publisher": "Fox News",
    },
}

# Sourced absences: subjects that no entry of either list holds, which a report read says were not
# under the Security Council's sanctions on a day. Written as [[absent]] in both list files, so that
# past the last file's allowance "is Hamas on the UN lists?" rests on the report, not on nothing.
ABSENCES: list[dict[str, Any]] = [
    {
        "subject": "hamas",
        "on": "2023-10-13",
        "sources": _NO_UN_SANCTIONS,
        "note": "the Security Council has not sanctioned or designated Hamas (Newsmax and Fox News, October 2023)",
    },
    {
        "subject": "hizballah",
        "on": "2023-10-13",
        "sources": _NO_UN_SANCTIONS,
        "note": "no Security Council sanctions or designation exist for Hezbollah (Newsmax and Fox News, "
                "October 2023)",
    },
]

# Exact removal days from press releases that were read. One row per entry:
# reference number -> (effective day, source key, title, url, publisher, instrument).
PRESS_RELEASES: dict[str, tuple[str, str, str, str, str, str]] = {}

_SC16214 = (
    "sc-16214",
    (
        "Security Council press release SC/16214, 6 November 2025: Security Council adopts resolution "
        "2799 (2025), removing Syria's transitional President, Interior Minister from ISIL (Da'esh), "
        "Al-Qaida Sanctions List"
    ),
    "http://www.globalsecurity.org/wmd/library/news/syria/2025/syria-251106-unsc01.htm",
    "United Nations (via GlobalSecurity.org)",
    "Security Council resolution 2799 (2025)",
)
for _ref in ("QDi.317", "QDi.336"):
    PRESS_RELEASES[_ref] = ("2025-11-06", *_SC16214)

# Removal days from a specific news report (no Committee press release found), applied with
# medium confidence: reference number -> (day, source key, title, url, publisher, instrument, note).
NEWS_DAYS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "QDi.328": (
        "2025-06-09",
        "nation-2025-kenya-al-ajmi",
        (
            "Nation (Kenya), 2025: Kenya delists Kuwaiti cleric from terror list (Financial Reporting "
            "Centre Targeted Financial Sanctions Notice No. 4 of 2025 removes Hajjaj Bin Fahd Al Ajmi, "
            "QDi.328, following the UN update of the ISIL (Da'esh) and Al-Qaida list on 9 June 2025)"
        ),
        "https://beta.nation.co.ke/kenya/news/kenya-delists-kuwaiti-cleric-from-terror-list-5119874",
        "Nation Media Group (Nation.Africa)",
        (
            "Removal from the list (delisting) by the Security Council Committee pursuant to resolutions "
            "1267 (1999), 1989 (2011) and 2253 (2015)"
        ),
        (
            "Day from a news report of Kenya's implementing notice, which says the UN updated the list on "
            "2025-06-09 (no Committee press release was found). The same report says Hay'at Tahrir "
            "al-Sham was also delisted then; the consolidated list of 2026-02-26 still held QDe.137 "
            "(removed on 2026-02-27, see its events), so that part is not applied."
        ),
    ),
}

# Amendments whose day and content a source read gives: reference number -> list of dict(day,
# sources {key: source table}, listed_as, instrument, note). The XML files give an entry's
# amendment days (LAST_DAY_UPDATED) but not what each changed.
_RUSSIA_MFA_2018 = {
    "title": (
        "Embassy of the Russian Federation in India, newsletter of 14 June 2018: comment by the Russian "
        "Foreign Ministry's Information and Press Department: on June 5 the Security Council Committee "
        "1267/1989/2253 upheld Russia's application to amend the entry of Jabhat al-Nusra, which now "
        "gives its other name, Hayat Tahrir ash-Sham"
    ),
    "url": (
        "http://rusembindia.com/newsletter/10030-on-un-security-council-committee-1267-1989-2253-upholding-"
        "russia-s-application-on-amending-the-original-data-and-profile-of-jabhat-al-nusra-terrorist-group-en"
    ),
    "publisher": "Embassy of the Russian Federation in India (Ministry of Foreign Affairs of the Russian Federation)",
    "date": "2018-06-14",
}
AMENDMENTS: dict[str, list[dict[str, Any]]] = {
    "QDe.137": [{
        "day": "2018-06-05",
        "sources": {"ru-mfa-2018-06-14-nusra-hts": _RUSSIA_MFA_2018},
        "xml_sources": ["2018-08-24"],
        "listed_as": "AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT (a.k.a. Hay'at Tahrir al-Sham (HTS))",
        "instrument": (
            "Amendment of the entry by the Security Council Committee pursuant to resolutions 1267 (1999), "
            "1989 (2011) and 2253 (2015): Hay'at Tahrir al-Sham (HTS) added as an a.k.a. (QDe.137)"
        ),
        "note": (
            "The Committee agreed on 2018-06-05 to name Hay'at Tahrir al-Sham in the entry (Russian "
            "Foreign Ministry, 2018-06-14). The consolidated list of 2018-08-24 holds the a.k.a. "
            "'Hay'at Tahrir al-Sham (HTS)' on QDe.137, whose amendment days (LAST_DAY_UPDATED) are "
            "2017-06-07 and 2018-06-05."
        ),
    }],
}

# Removals after the last XML file, from specific reports that were read (no Committee press release
# was found): reference number -> dict(day, sources {key: source table}, listed_as (the entry's names when
# removed), instrument, note, confidence).
LATER_REMOVALS: dict[str, dict[str, Any]] = {
    "QDe.137": {
        "day": "2026-02-27",
        "sources": {
            "thenational-2026-02-27-nusra-hts": {
                "title": (
                    "The National, 27 February 2026: UN Security Council removes Jabhat Al Nusra and HTS from "
                    "sanctions list (the assets freeze, travel ban and arms embargo lifted; listed since May 2014)"
                ),
                "url": (
                    "https://www.thenationalnews.com/news/us/2026/02/27/"
                    "un-security-council-removes-jabhat-al-nusra-and-hts-from-sanctions-list/"
                ),
                "publisher": "The National",
                "date": "2026-02-27",
            },
            "alaraby-2026-02-28-nusra-hts": {
                "title": (
                    "Al-Araby Al-Jadeed (its UN correspondent in New York), 28 February 2026: the sanctions "
                    "committee announced on Friday evening, New York time, the deletion of 'Jabhat al-Nusra / "
                    "Hay'at Tahrir al-Sham' from the list; the measures of paragraph 1 of resolution 2734 "
                    "(2024) no longer apply to it (in Arabic)"
                ),
                "url": (
                    "https://www.alaraby.co.uk/politics/%D9%85%D8%AC%D9%84%D8%B3-%D8%A7%D9%84%D8%A3%D9%85%D9%86-"
                    "%D9%8A%D8%B4%D8%B7%D8%A8-%D8%AC%D8%A8%D9%87%D8%A9-%D8%A7%D9%84%D9%86%D8%B5%D8%B1%D8%A9-"
                    "%D9%85%D9%86-%D9%82%D8%A7%D8%A6%D9%85%D8%A9-%D8%A7%D9%84%D8%B9%D9%82%D9%88%D8%A8%D8%A7%D8%AA-"
                    "%D8%A7%D9%84%D8%AF%D9%88%D9%84%D9%8A%D8%A9"
                ),
                "publisher": "Al-Araby Al-Jadeed",
                "date": "2026-02-28",
            },
            "masrawy-2026-02-28-nusra": {
                "title": (
                    "Masrawy (Middle East News Agency), 28 February 2026: the Committee on ISIL and Al-Qaida "
                    "announced on Friday the removal of the Al-Nusrah Front for the People of the Levant, "
                    "listed since 14 May 2014 and amended in 2017, 2018 and 2021 (in Arabic)"
                ),
                "url": (
                    "https://www.masrawy.com/news/news_publicaffairs/details/2026/2/28/2949729/"
                    "%D9%85%D8%AC%D9%84%D8%B3-%D8%A7%D9%84%D8%A3%D9%85%D9%86-%D9%8A%D8%B1%D9%81%D8%B9-"
                    "%D8%AC%D8%A8%D9%87%D8%A9-%D8%A7%D9%84%D9%86%D8%B5%D8%B1%D8%A9-%D9%85%D9%86-"
                    "%D9%82%D8%A7%D8%A6%D9%85%D8%A9-%D8%A7%D9%84%D8%B9%D9%82%D9%88%D8%A8%D8%A7%D8%AA"
                ),
                "publisher": "Masrawy (MENA)",
                "date": "2026-02-28",
            },
        },
        # the entry as it stood when removed (the reports name both: "Jabhat al-Nusra / HTS")
        "listed_as": "AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT (a.k.a. Hay'at Tahrir al-Sham (HTS))",
        "instrument": (
            "Removal from the list (delisting) by the Security Council Committee pursuant to resolutions "
            "1267 (1999), 1989 (2011) and 2253 (2015)"
        ),
        "confidence": "medium",
        "note": (
            "Removed by the Committee on Friday 2026-02-27 (New York); three reports read agree on the day "
            "(The National that day; Al-Araby's UN correspondent: 'Friday evening, New York time'; MENA via "
            "Masrawy). The Committee's own press release was not found, hence medium confidence. The "
            "consolidated list generated at 2026-02-27T00:00:09Z (19:00 on 2026-02-26 in New York) still "
            "holds the entry: it shows the list of 2026-02-26."
        ),
    },
}

# Removals before the first XML file, documented by press releases that were read:
# reference number -> dict(name, kind, listed (day or window), listed_source, removed, source...).
# Key: the UN reference number where a source gives it, else "<regime>:<subject id>" (the press
# releases of 2011 name the persons but not their reference numbers).
_GERMANY_2011 = {
    "title": (
        "Permanent Mission of Germany to the UN, press release of 15 July 2011: Germany welcomes "
        "delisting of members of the Afghan High Peace Council (the 1988 Committee de-listed 14 "
        "Afghan Taliban; four named)"
    ),
    "url": (
        "http://www.new-york-un.diplo.de/Vertretung/newyorkvn/en/__pr/press-releases/2011/"
        "110715__press__release__on__taliban__delisting.html?archive=2990092"
    ),
    "publisher": "Permanent Mission of the Federal Republic of Germany to the United Nations (Committee chair)",
    "date": "2011-07-15",
}
_CNN_2011 = {
    "title": (
        "CNN, 16 July 2011: 14 ex-Taliban members removed from U.N. sanctions (names the four from the "
        "chair's statement)"
    ),
    "url": "http://www.cnn.com/2011/WORLD/asiapcf/07/16/afghanistan.un.sanctions.taliban/index.html",
    "publisher": "CNN",
    "date": "2011-07-16",
}
_AP_2011 = {
    "title": (
        "Associated Press, 15 July 2011: UN drops sanctions against 14 ex-Afghan Taliban (other spellings of the names)"
    ),
    "url": "http://www.theusdaily.com/article/UN-drops-sanctions-against-14-ex-Afghan-Taliban-1592998",
    "publisher": "The Associated Press (via theusdaily.com)",
    "date": "2011-07-15",
}
_US_KABUL_2011 = {
    "title": (
        "U.S. Embassy Kabul press release (2011): UNSCR 1988 de-listing vote by the United Nations Security "
        "Council (welcomes the July 15 decision to remove 14 individuals, four of them High Peace Council members)"
    ),
    "url": "https://webarchive.library.unt.edu/web/20130221205135/https://kabul.usembassy.gov/unscr.html",
    "publisher": "U.S. Embassy Kabul (archived by the University of North Texas web archive)",
    "date": "2011-07-15",
}
_DELISTED_2011 = {
    "kind": "person",
    "listed": "2011-06-17/2011-07-14",
    "listed_sources": ["germany-un-2011-07-15", "sc-10285"],
    "listed_confidence": "medium",
    "listed_note": (
        "On the 1988 list before the Committee's decision of 2011-07-15 (the chair's press release "
        "says it de-listed 14 of the 137 individuals then on the list); the list existed from "
        "2011-06-17 (resolution 1988 (2011)). The original 1267 listing day and the UN reference "
        "number were not found in a source read: the window runs from the list's first day to the "
        "day before the removal."
    ),
    "removed": "2011-07-15",
    "removed_sources": ["germany-un-2011-07-15", "us-embassy-kabul-2011", "cnn-2011-07-16", "ap-2011-07-15"],
    "instrument": "Decision of the Security Council Committee established pursuant to resolution 1988 (2011)",
    "removed_note": (
        "One of 14 Afghan Taliban de-listed on 2011-07-15 at the Afghan Government's request; "
        "a member of the High Peace Council. The other ten were not named in any source read."
    ),
    "sources": {
        "germany-un-2011-07-15": _GERMANY_2011,
        "us-embassy-kabul-2011": _US_KABUL_2011,
        "cnn-2011-07-16": _CNN_2011,
        "ap-2011-07-15": _AP_2011,
    },
}
EARLIER_REMOVALS: dict[str, dict[str, Any]] = {
    "TA:arsalan-rahmani-daulat": {**_DELISTED_2011, "name": "Arsalan Rahmani Daulat", "aliases": ["Arsala Rahmani"]},
    "TA:habibullah-fawzi": {**_DELISTED_2011, "name": "Habibullah Fawzi", "aliases": []},
    "TA:sayeedur-rahman-haqani": {
        **_DELISTED_2011,
        "name": "Sayeedur Rahman Haqani",
        "aliases": ["Sayed Rahman Haqani"],
    },
    "TA:faqir-mohammad": {**_DELISTED_2011, "name": "Faqir Mohammad", "aliases": ["Faqir Mohammad Khan"]},
}

# Entries that belong to an existing subject whose names do not match the UN entry's names.
SUBJECT_OVERRIDES: dict[str, str] = {
    "QDe.019": "jaish-e-mohammed",  # JAISH-I-MOHAMMED
    # EASTERN TURKISTAN ISLAMIC MOVEMENT (ETIM): its UN alias "Islamic Party of Turkestan" is another
    # subject of the Kazakh list; the movement itself is east-turkestan-islamic-movement.
    "QDe.088": "east-turkestan-islamic-movement",
    "QDe.131": "imarat-kavkaz",  # EMARAT KAVKAZ (Caucasus Emirate)
    "QDe.158": "katibat-imam-al-bukhari",  # KHATIBA IMAM AL-BUKHARI (KIB)
}

# Notes added to an entry's LISTED event (facts checked against the sources named in them).
EXTRA_NOTES = {
    "QDe.137": (
        "Listed in the last file read (generated 2026-02-27T00:00:09Z: the list of 2026-02-26 in New "
        "York); removed by the Committee on 2026-02-27 (see the REMOVED event). A report "
        "(leukefeld.net/?p=2358) that resolution 2799 (2025) had already delisted Hay'at Tahrir al-Sham "
        "is contradicted by that list and by press release SC/16214, which names only two individuals; "
        "it is not applied."
    ),
    "QDi.317": "Ahmed al-Sharaa, President of Syria's transitional government; removed by resolution 2799 (2025).",
}

# Aliases not in the UN entry, kept on the generated subject (added on request by the lead for
# other lists that name the subject so).
EXTRA_ALIASES: dict[str, list[str]] = {
    "QDe.164": ["Jamaah Anshrout Daulah", "JAD"],  # spelling of the New Zealand list; acronym
}

# Entries whose names an existing subject shares although it is a different organisation: they get
# their own subject (the shared names are left out of its aliases).
NOT_THE_SAME: dict[str, str] = {
    "QDe.167": "jund-al-khilafah",  # JUND AL-KHILAFAH IN TUNISIA (JAK-T), not the Kazakh-list group
}

# Entries that designate only a part of the subject (the note in the UN entry says so).
PART_SCOPE = {
    "QDe.070": "Only the Pakistan and Afghanistan offices of this entity are designated (UN entry note).",
}

# --- name keys (the same rule as designations.names.normalise) ------------------------------

_APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02bb`\u00b4")


def name_key(name: str) -> str:
    """Case-folded, without diacritics or punctuation; apostrophes vanish."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", name):
        if ch in _APOSTROPHES:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):
            continue
        out.append(ch if cat.startswith(("L", "N")) else " ")
    return " ".join("".join(out).casefold().split())


def fold(text: str | None) -> str:
    """Text with surrounding and repeated white space folded ('' for None)."""
    return " ".join((text or "").split())


def display(name: str) -> str:
    """A readable form of an upper-case UN name: words capitalised, particles kept lower-case."""
    if not name.isupper() and not name.isascii():
        return name
    if any(c.islower() for c in name):
        return name
    small = {"al", "el", "bin", "ibn", "bint", "wa", "wal", "ul", "of", "the", "and", "in", "for", "de", "ben"}

    def word(w: str, first: bool) -> str:
        parts = re.split(r"([-'\u2019])", w)
        out = []
        for i, p in enumerate(parts):
            if p in "-'\u2019" or not p:
                out.append(p)
                continue
            low = p.lower()
            if (not first or i > 0) and low in small and not (i == 0 and first):
                out.append(low)
            elif i > 1 and parts[i - 1] in "'\u2019" and parts[i - 2]:
                out.append(low)  # Qa'ida, not Qa'Ida
            else:
                lead = len(low) - len(low.lstrip("(\"[\u2018'`"))
                out.append(low[:lead] + low[lead : lead + 1].upper() + low[lead + 1 :])
        return "".join(out)

    head, sep, tail = name.partition(" / ")
    if sep and len(tail) <= _ACRONYM and " " not in tail:  # AL-ITIHAAD AL-ISLAMIYA / AIAI: keep the acronym
        return display(head) + sep + tail
    words = name.split(" ")
    text = " ".join(word(w, i == 0) for i, w in enumerate(words))
    # acronyms in brackets stay upper-case: (ISIL-K), (TTP); place names in brackets do not
    return re.sub(
        r"\(([^)]*)\)",
        lambda m: (
            m.group(0)
            if m.group(1).upper() in _PLACES or len(m.group(1)) > _BRACKET
            else "(" + m.group(1).upper() + ")"
        ),
        text,
    )


_PLACES = {"INDONESIA", "PAKISTAN", "KENYA", "TANZANIA", "SOMALIA", "UNION OF THE COMOROS"}
_ACRONYM = 5  # longest "/ XXXX" suffix kept upper-case
_BRACKET = 12  # longest bracketed text kept upper-case (an acronym such as ISIL-SEA)


def short_forms(name: str) -> list[str]:
    """The name without a trailing bracketed acronym or '/ ACRONYM' (only used to find existing subjects)."""
    bracket = re.search(r"\s*\(([^)]*)\)\s*$", name)
    forms = [name.split(" / ", 1)[0]]
    if bracket and " " not in bracket.group(1) and bracket.group(1).upper() not in _PLACES:
        forms.append(name[: bracket.start()])
    return [f for f in forms if f and f != name]


def slug(text: str) -> str:
    """A kebab-case ASCII id made from a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the first letter's script (None if not one of the usual ones)."""
    for ch in text:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            for prefix, code in (
                ("ARABIC", "Arab"),
                ("CYRILLIC", "Cyrl"),
                ("CJK", "Hani"),
                ("HANGUL", "Hang"),
                ("HEBREW", "Hebr"),
                ("LATIN", "Latn"),
            ):
                if n.startswith(prefix):
                    return code
            return None
    return None


# --- reading the XML --------------------------------------------------------------------------


@dataclass
class Entry:
    """One list entry as the XML gives it."""

    ref: str
    kind: str  # person | organisation
    name: str  # the name exactly as the list gives it
    original: str | None
    aliases: list[str]
    listed_on: str


@dataclass
class Snapshot:
    """One XML file: its date and its QD/TA entries by reference number."""

    generated: str  # dateGenerated as written
    day: str  # its day in New York (YYYY-MM-DD): `new_york_day`
    entries: dict[str, Entry] = field(default_factory=dict)


NEW_YORK = ZoneInfo("America/New_York")


def new_york_day(generated: str) -> str:
    """
    The day of a `dateGenerated` instant in New York, the list's time zone.

    The files of 2018 carry New York's offset (`2018-08-24T19:40:35.913-04:00`: that day); the
    file of 2026 is in UTC (`2026-02-27T00:00:09.554Z`: 19:00 on 2026-02-26 in New York), so it
    shows the list as it stood on 2026-02-26.
    """
    try:
        when = dt.datetime.fromisoformat(generated)
    except ValueError:
        return generated[:10]
    if when.tzinfo is None:
        return generated[:10]
    return when.astimezone(NEW_YORK).date().isoformat()


def read_xml(path: pathlib.Path) -> Snapshot:
    """Read the QD and TA entries of one UN consolidated list XML file."""
    root = ElementTree.parse(path).getroot()
    generated = root.get("dateGenerated") or ""
    if not re.match(r"^\d{4}-\d{2}-\d{2}", generated):
        sys.exit(f"{path.name}: no dateGenerated")
    snap = Snapshot(generated=generated, day=new_york_day(generated))
    for tag, alias_tag, kind, good in (
        ("INDIVIDUAL", "INDIVIDUAL_ALIAS", "person", {"Good"}),
        ("ENTITY", "ENTITY_ALIAS", "organisation", {"a.k.a.", "f.k.a."}),
    ):
        for node in root.iter(tag):
            ref = fold(node.findtext("REFERENCE_NUMBER"))
            if ref[:2] not in LISTS:
                continue
            parts = [fold(node.findtext(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            aliases = []
            for a in node.findall(alias_tag):
                value = fold(a.findtext("ALIAS_NAME"))
                if value and fold(a.findtext("QUALITY")) in good:
                    aliases.append(value)
            listed = fold(node.findtext("LISTED_ON"))[:10]  # some carry a zone suffix: 2015-03-27-04:00
            dt.date.fromisoformat(listed)
            snap.entries[ref] = Entry(
                ref, kind, name, fold(node.findtext("NAME_ORIGINAL_SCRIPT")) or None, aliases, listed
            )
    return snap


# --- existing subjects ------------------------------------------------------------------------


def existing_subjects(seeds: pathlib.Path, own: pathlib.Path) -> tuple[dict[str, str], dict[str, set[str]], set[str]]:
    """UN reference -> id, name key -> ids, and every id, over the subject files this script does not write."""
    by_ref: dict[str, str] = {}
    by_key: dict[str, set[str]] = {}
    ids: set[str] = set()
    files = [seeds / "subjects.toml", *sorted((seeds / "subjects").glob("*.toml"))]
    for file in files:
        if file.resolve() == own.resolve() or not file.exists():
            continue
        with file.open("rb") as fh:
            data = tomllib.load(fh)
        for s in data.get("subject", []):
            ids.add(s["id"])
            for ident in s.get("identifiers", []):
                if ident.get("scheme") == "un":
                    by_ref[ident["value"]] = s["id"]
            names = [s["name"], *[a if isinstance(a, str) else a["value"] for a in s.get("aliases", [])]]
            for n in names:
                by_key.setdefault(name_key(n), set()).add(s["id"])
    return by_ref, by_key, ids


# --- TOML output ------------------------------------------------------------------------------


def q(value: str) -> str:
    """A TOML basic string (JSON string syntax is valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: list[str]) -> str:
    """A TOML array of strings."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def source_table(key: str, src: dict[str, str]) -> list[str]:
    """One [sources.<key>] table as lines."""
    fields = [f"{k} = {q(src[k])}" for k in ("title", "url", "publisher", "date") if src.get(k)]
    return [f"[sources.{key}]", *fields, ""]


def day_after(day: str) -> str:
    """The next calendar day of an ISO date."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


# --- the build --------------------------------------------------------------------------------

MATCHED_BY_REF = "UN reference number"
MATCHED_BY_OVERRIDE = "hand-written override"
MATCHED_BY_NAME = "shared name"
NEW = "new"


@dataclass
class Build:
    """Everything one run knows: the files, the entries, the existing subjects and the matches."""

    snaps: list[Snapshot]
    seeds: pathlib.Path
    own: pathlib.Path
    by_ref: dict[str, str]
    by_key: dict[str, set[str]]
    taken_ids: set[str]
    latest: dict[str, Entry] = field(default_factory=dict)
    subject_of: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)  # reference -> id in the last un.toml written

    @property
    def argv(self) -> str:
        """The command as run, without the machine's paths: each file is named by its dateGenerated."""
        files = " ".join(f"--xml <consolidated list XML generated {s.generated}>" for s in self.snaps)
        return f"python seeds/tools/un_lists.py {files}"

    def xml_key(self, snap: Snapshot) -> str:
        """The source key of one XML file."""
        return f"un-xml-{snap.day}"


def say(message: str) -> None:
    """Report progress on standard error (the output files are the result)."""
    sys.stderr.write(message + "\n")


def previous_ids(own: pathlib.Path) -> dict[str, str]:
    """The subject id each reference number had in the last subjects file written: ids stay stable."""
    if not own.exists():
        return {}
    with own.open("rb") as fh:
        data = tomllib.load(fh)
    ids: dict[str, str] = {}
    for s in data.get("subject", []):
        refs = [i["value"] for i in s.get("identifiers", []) if i.get("scheme") == "un"]
        for ref in refs or [f"TA:{s['id']}"]:
            ids[ref] = s["id"]
    return ids


def start(xml_paths: list[pathlib.Path], seeds: pathlib.Path) -> Build:
    """Read the XML files and the existing subjects; collect every entry seen."""
    snaps = sorted((read_xml(p) for p in xml_paths), key=lambda s: s.generated)
    if len({s.day for s in snaps}) != len(snaps):
        sys.exit("two XML files share a date")
    own = seeds / "subjects" / "un.toml"
    by_ref, by_key, taken_ids = existing_subjects(seeds, own)
    run = Build(snaps, seeds, own, by_ref, by_key, taken_ids, previous=previous_ids(own))
    for s in snaps:  # the latest text of every reference number seen
        run.latest.update(s.entries)
    for ref, info in EARLIER_REMOVALS.items():
        if ref not in run.latest:
            aliases = [str(a) for a in info.get("aliases", [])]
            run.latest[ref] = Entry(ref, str(info["kind"]), str(info["name"]), None, aliases, "")
    return run


def name_matches(run: Build, e: Entry) -> set[str]:
    """Existing subjects holding the entry's own name (or its original-script or short form), else an alias."""
    hits: set[str] = set()
    for names in ([e.name, *([e.original] if e.original else []), *short_forms(e.name)], e.aliases):
        for n in names:
            hits |= run.by_key.get(name_key(n), set())
        hits.discard(NOT_THE_SAME.get(e.ref, ""))
        if hits:
            break
    return hits


def match(run: Build) -> None:
    """Decide which existing subject, if any, each entry belongs to."""
    for ref in sorted(run.latest):
        e = run.latest[ref]
        if ref in run.by_ref:
            run.subject_of[ref], run.reasons[ref] = run.by_ref[ref], MATCHED_BY_REF
            continue
        if ref in run.previous and ref not in SUBJECT_OVERRIDES:
            if name_matches(run, e):  # another file now holds one of its names: keep the id, say so
                say(f"warning: {ref} ({run.previous[ref]}) shares a name with {sorted(name_matches(run, e))}")
            continue
        target = SUBJECT_OVERRIDES.get(ref)
        if target and target in run.taken_ids:
            run.subject_of[ref], run.reasons[ref] = target, MATCHED_BY_OVERRIDE
            continue
        if target:
            say(f"warning: {ref}: override target {target} is not defined; matching by name")
        hits = name_matches(run, e)
        if len(hits) > 1:
            sys.exit(f"{ref} {e.name}: its names match several existing subjects {sorted(hits)}: add an override")
        if hits:
            run.subject_of[ref], run.reasons[ref] = hits.pop(), MATCHED_BY_NAME
    check_one_entry_per_subject(run)
    run.new = [ref for ref in sorted(run.latest) if ref not in run.subject_of]


def check_one_entry_per_subject(run: Build) -> None:
    """Two entries of one list must not fall on one subject (its lifecycle would break)."""
    claimed: dict[str, str] = {}
    for ref, sid in run.subject_of.items():
        if sid in claimed and claimed[sid][:2] == ref[:2]:
            sys.exit(f"{ref} and {claimed[sid]} both map to {sid}: add an override")
        claimed[sid] = ref


def name_owners(run: Build) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For the new entries: which entries have a name key as main name, and which hold it at all."""
    primary: dict[str, list[str]] = {}
    used: dict[str, list[str]] = {}
    for ref in run.new:
        e = run.latest[ref]
        primary.setdefault(name_key(display(e.name)), []).append(ref)
        for k in {name_key(n) for n in [e.name, *e.aliases, *([e.original] if e.original else [])]}:
            used.setdefault(k, []).append(ref)
    return primary, used


def subject_table(run: Build, ref: str, primary: dict[str, list[str]], used: dict[str, list[str]]) -> list[str]:
    """One [[subject]] table: the readable name, then the names and aliases no other subject holds."""
    e = run.latest[ref]
    name = display(e.name)
    if len(primary[name_key(name)]) > 1 or name_key(name) in run.by_key:
        name = f"{name} ({ref})"
    taken = {name_key(name)}

    def free(k: str) -> bool:
        return (
            bool(k)
            and k not in taken
            and k not in run.by_key
            and used.get(k, [ref]) == [ref]
            and primary.get(k, [ref]) == [ref]
        )

    aliases: list[str] = []
    for cand in [e.name, *e.aliases, *EXTRA_ALIASES.get(ref, [])]:
        if free(name_key(cand)):
            taken.add(name_key(cand))
            aliases.append(q(cand))
    if e.original and free(name_key(e.original)):
        script = script_of(e.original)
        aliases.insert(0, f"{{value = {q(e.original)}" + (f", script = {q(script)}" if script else "") + "}")
    lines = ["[[subject]]", f"id = {q(run.subject_of[ref])}", f"kind = {q(e.kind)}", f"name = {q(name)}"]
    if aliases:
        lines.append("aliases = [" + ", ".join(aliases) + "]")
    if ":" not in ref:
        lines.append(f'identifiers = [{{scheme = "un", value = {q(ref)}}}]')
    return [*lines, ""]


def write_subjects(run: Build) -> None:
    """Write seeds/subjects/un.toml: one subject per new entry, with names no other subject holds."""
    primary, used = name_owners(run)
    slugs: dict[str, list[str]] = {}
    for ref in run.new:
        slugs.setdefault(slug(display(run.latest[ref].name)) or slug(ref), []).append(ref)
    for s, refs in slugs.items():
        for ref in refs:
            fresh = s if len(refs) == 1 and s not in run.taken_ids else f"{s}-{slug(ref)}"
            kept = run.previous.get(ref)
            run.subject_of[ref] = kept if kept and kept not in run.taken_ids else fresh
            run.reasons[ref] = NEW
    lines = [
        "# Subjects of the UN Security Council ISIL (Da'esh) and Al-Qaida list and 1988 (Taliban) list",
        "# that no other subject file defines: one per UN reference number. GENERATED by",
        "# seeds/tools/un_lists.py (do not edit by hand; change the script or its tables and rerun) from",
        "# the UN consolidated list XML of " + ", ".join(s.day for s in run.snaps),
        "# (dateGenerated " + ", ".join(s.generated for s in run.snaps) + ").",
        "# Command: " + run.argv,
        "# Names: the list's name (capitalised for reading), its original-script name, and only the",
        "# aliases the list rates good (individuals: quality Good; entities: a.k.a. and f.k.a.); a name",
        "# or alias that another subject holds is left out.",
        "",
    ]
    for ref in run.new:
        lines += subject_table(run, ref, primary, used)
    run.own.parent.mkdir(parents=True, exist_ok=True)
    run.own.write_text("\n".join(lines), encoding="utf-8")


def earlier_removal_events(run: Build, ref: str, meta: dict[str, Any], cited: dict[str, dict[str, str]]) -> list[str]:
    """LISTED and REMOVED for an entry removed before the first XML file (from EARLIER_REMOVALS)."""
    info = EARLIER_REMOVALS[ref]
    cited.update(info["sources"])
    sid = run.subject_of[ref]
    label = meta["instrument"] + ("" if ":" in ref else f" ({ref})")
    return [
        *event_lines(
            sid,
            "LISTED",
            str(info["listed"]),
            info["listed_sources"],
            None,
            label,
            str(info["listed_confidence"]),
            str(info["listed_note"]),
        ),
        *event_lines(
            sid,
            "REMOVED",
            str(info["removed"]),
            info["removed_sources"],
            None,
            str(info["instrument"]),
            "high",
            str(info["removed_note"]),
        ),
    ]


def listed_event(run: Build, ref: str, meta: dict[str, Any]) -> list[str]:
    """The LISTED event of an entry of the XML files."""
    e = run.latest[ref]
    present = [s for s in run.snaps if ref in s.entries]
    note, effective = "", e.listed_on
    sources = [run.xml_key(present[-1])]
    instrument = meta["instrument"] + f" ({ref})"
    if effective < meta["established"]:
        effective = meta["established"]
        note = (
            f"LISTED_ON {e.listed_on} predates this list: listed then on the 1267 (1999) list, carried "
            f"to the 1988 list when resolution 1988 (2011) created it on {meta['established']}, "
            "which is the effective day here; the UN keeps the original listing date."
        )
        sources.append(meta["established_sources"][0])
        instrument = f"Resolution 1988 (2011): entry carried over from the 1267 (1999) list ({ref})"
    scope = None
    if ref in EXTRA_NOTES:
        note = (note + " " + EXTRA_NOTES[ref]).strip()
    if ref in PART_SCOPE:
        scope, note = "part", (note + " " + PART_SCOPE[ref]).strip()
    if run.reasons[ref] in {MATCHED_BY_NAME, MATCHED_BY_OVERRIDE}:
        note = (note + f" Existing subject matched by {run.reasons[ref]}; UN reference {ref}.").strip()
    return event_lines(run.subject_of[ref], "LISTED", effective, sources, e.name, instrument, "high", note, scope=scope)


def amendment_events(run: Build, ref: str, cited: dict[str, dict[str, str]]) -> list[str]:
    """An AMENDED event for each amendment of the entry that a source read gives (AMENDMENTS)."""
    out: list[str] = []
    files = {s.day: s for s in run.snaps}
    for info in AMENDMENTS.get(ref, []):
        if info["day"] <= run.latest[ref].listed_on:
            sys.exit(f"{ref}: amendment of {info['day']} before the listing")
        missing = [d for d in info["xml_sources"] if d not in files]
        if missing:
            sys.exit(f"{ref}: amendment cites XML files not given: {missing}")
        cited.update(info["sources"])
        keys = [*info["sources"], *(run.xml_key(files[d]) for d in info["xml_sources"])]
        out += event_lines(run.subject_of[ref], "AMENDED", info["day"], keys, info["listed_as"],
                           info["instrument"], "high", info["note"])
    return out


def later_removal_events(run: Build, ref: str, cited: dict[str, dict[str, str]]) -> list[str]:
    """A REMOVED event for an entry of the last file that a report read says was removed after it (its names)."""
    info = LATER_REMOVALS.get(ref)
    if info is None:
        return []
    last = run.snaps[-1]
    if ref not in last.entries or info["day"] <= last.day:
        sys.exit(f"{ref}: a later removal must follow the last file ({last.day}) that still holds the entry")
    cited.update(info["sources"])
    return event_lines(run.subject_of[ref], "REMOVED", info["day"], [*info["sources"], run.xml_key(last)],
                       info["listed_as"], info["instrument"], info["confidence"], info["note"])


def removed_events(run: Build, ref: str, cited: dict[str, dict[str, str]]) -> list[str]:
    """A REMOVED event for each pair of successive files where the entry disappears."""
    out: list[str] = []
    sid = run.subject_of[ref]
    for i, (before, after) in enumerate(itertools.pairwise(run.snaps)):
        if ref not in before.entries and ref in after.entries and any(ref in s.entries for s in run.snaps[:i]):
            sys.exit(f"{ref}: re-listed after a removal; not handled")
        if ref not in before.entries or ref in after.entries:
            continue
        window = f"{day_after(before.day)}/{after.day}"
        sources = [run.xml_key(before), run.xml_key(after)]
        if ref in PRESS_RELEASES:
            day, key, title, url, publisher, instrument = PRESS_RELEASES[ref]
            if not day_after(before.day) <= day <= after.day:
                sys.exit(f"{ref}: press-release day {day} outside {window}")
            cited[key] = {"title": title, "url": url, "publisher": publisher, "date": day}
            out += event_lines(
                sid,
                "REMOVED",
                day,
                [key, *sources],
                None,
                instrument,
                "high",
                f"Day from the press release; present in the consolidated list of {before.day}, "
                f"absent from that of {after.day}.",
            )
        elif ref in NEWS_DAYS:
            day, key, title, url, publisher, instrument, why = NEWS_DAYS[ref]
            if not day_after(before.day) <= day <= after.day:
                sys.exit(f"{ref}: reported day {day} outside {window}")
            cited[key] = {"title": title, "url": url, "publisher": publisher}
            out += event_lines(
                sid,
                "REMOVED",
                day,
                [key, *sources],
                None,
                instrument,
                "medium",
                f"{why} Present in the consolidated list of {before.day}, absent from that of {after.day}.",
            )
        else:
            out += event_lines(
                sid,
                "REMOVED",
                window,
                sources,
                None,
                "Removal from the list (delisting)",
                "high",
                f"Present in the consolidated list of {before.day} (dateGenerated {before.generated}), "
                f"absent from that of {after.day}: the window runs from the day after the first "
                "to the day of the second. No press release giving the day was found.",
            )
    return out


def list_header(run: Build, prefix: str, meta: dict[str, Any], count: int) -> list[str]:
    """The comment header and the [list] table of one list file."""
    first, last = run.snaps[0], run.snaps[-1]
    carried = [
        "# Entries listed before 2011-06-17 (on the 1267 list) take 2011-06-17, the day resolution",
        "# 1988 (2011) created this list; their LISTED_ON is in the event note.",
    ]
    return [
        f"# {meta['title']}.",
        "# GENERATED by seeds/tools/un_lists.py (do not edit by hand; change the script or its tables",
        "# and rerun). Every entry of the UN consolidated list XML files of " + ", ".join(s.day for s in run.snaps),
        "# (dateGenerated " + ", ".join(s.generated for s in run.snaps) + ";",
        "# official XML: " + OFFICIAL_XML + ").",
        "# LISTED = the entry's LISTED_ON; REMOVED = absent from a later file (day from a press release",
        "# where one was read, else the window between the files). Complete from the first file's date:",
        "# removals before it are known only where a press release was read (see the .md file).",
        *(carried if prefix == "TA" else []),
        "# Command: " + run.argv,
        "",
        "[list]",
        f"id = {q(meta['id'])}",
        f"jurisdiction = {q(meta['jurisdiction'])}",
        f"name = {q(meta['name'])}",
        f"authority = {q(meta['authority'])}",
        f"legal_basis = {q(meta['legal_basis'])}",
        f"url = {q(meta['url'])}",
        f"tags = {toml_list(meta['tags'])}",
        f"established = {q(meta['established'])}",
        f"established_sources = {toml_list(meta['established_sources'])}",
        "allowance_days = 31",
        f"reviewed = {q(REVIEWED)}",
        # `to` is exclusive: the list is held complete on the last file's own day too.
        (f"coverage = [{{from = {q(first.day)}, "
         f"to = {q(str(dt.date.fromisoformat(str(last.day)) + dt.timedelta(days=1)))}}}]"),
        "  [list.verified]",
        f"  on = {q(last.day)}",
        f"  sources = [{q(run.xml_key(last))}]",
        f"  count = {count}",
        "  note = "
        + q(
            f"Every {prefix}-prefixed entry of the consolidated list of {last.day} ({count} entries) is LISTED "
            f"on that day in this file and no other subject is. Established: {meta['established_note']}. "
            f"Coverage starts at the earliest XML file ({first.day}): removals before it are not all known."
        ),
        "",
    ]


def write_list(run: Build, prefix: str, meta: dict[str, Any]) -> None:
    """Write seeds/<list-id>.toml for one regime."""
    last = run.snaps[-1]
    refs = sorted(r for r in run.latest if r.startswith(prefix))
    count = sum(1 for r in last.entries if r.startswith(prefix))
    cited: dict[str, dict[str, str]] = dict(STATIC_SOURCES[prefix])
    for s in run.snaps:
        cited[run.xml_key(s)] = {
            "title": f"United Nations Security Council Consolidated List (XML), dateGenerated {s.generated}",
            "url": OFFICIAL_XML,
            "publisher": UN,
            "date": s.day,
        }
    events: list[str] = []
    for ref in refs:
        if ref in EARLIER_REMOVALS and not any(ref in s.entries for s in run.snaps):
            events += earlier_removal_events(run, ref, meta, cited)
        else:
            events += (listed_event(run, ref, meta) + amendment_events(run, ref, cited)
                       + removed_events(run, ref, cited) + later_removal_events(run, ref, cited))
    absent = absence_tables(cited)
    body: list[str] = []
    for key in sorted(cited):
        body += source_table(key, cited[key])
    out = run.seeds / f"{meta['id']}.toml"
    out.write_text("\n".join(list_header(run, prefix, meta, count) + body + events + absent), encoding="utf-8")
    removals = sum(1 for line in events if line == 'kind = "REMOVED"')
    say(f"{meta['id']}: {len(refs)} entries, {removals} removals, {count} in force on {last.day}")


def absence_tables(cited: dict[str, dict[str, str]]) -> list[str]:
    """The [[absent]] tables of ABSENCES as lines (their sources added to `cited`)."""
    lines: list[str] = []
    for item in ABSENCES:
        cited.update(item["sources"])
        lines += ["[[absent]]", f"subject = {q(item['subject'])}", f"on = {q(item['on'])}",
                  f"sources = {toml_list(sorted(item['sources']))}", f"note = {q(item['note'])}", ""]
    return lines


def build(xml_paths: list[pathlib.Path], seeds: pathlib.Path) -> None:
    """Read the XML files and write the two list files and the subject file."""
    run = start(xml_paths, seeds)
    match(run)
    existing = {ref: (sid, run.reasons[ref]) for ref, sid in run.subject_of.items()}
    write_subjects(run)
    for prefix, meta in LISTS.items():
        write_list(run, prefix, meta)
    say(f"subjects/un.toml: {len(run.new)} new subjects; {len(existing)} entries on existing subjects")
    for ref, (sid, reason) in sorted(existing.items()):
        say(f"  {ref} -> {sid} ({reason})")


def event_lines(  # noqa: PLR0917
    subject: str,
    kind: str,
    effective: str,
    sources: object,
    listed_as: str | None,
    instrument: str,
    confidence: str,
    note: str,
    scope: str | None = None,
) -> list[str]:
    """One [[event]] table as lines."""
    lines = ["[[event]]", f"subject = {q(subject)}", f"kind = {q(kind)}", f"effective = {q(effective)}"]
    if listed_as:
        lines.append(f"listed_as = {q(listed_as)}")
    if scope:
        lines.append(f"scope = {q(scope)}")
    lines += [
        f"instrument = {q(instrument)}",
        f"sources = {toml_list(list(sources))}",  # type: ignore[call-overload]
        f"confidence = {q(confidence)}",
    ]
    if note:
        lines.append(f"note = {q(note)}")
    return [*lines, ""]


def main() -> None:
    """Parse the arguments and build."""
    parser = argparse.ArgumentParser(description="Build the UN seed lists from consolidated-list XML files.")
    parser.add_argument(
        "--xml", action="append", required=True, type=pathlib.Path, help="a UN consolidated list XML file (repeat)"
    )
    parser.add_argument(
        "--seeds",
        type=pathlib.Path,
        default=pathlib.Path(__file__).resolve().parent.parent,
        help="the seed directory to read subjects from and write into (default: this script's seeds/)",
    )
    args = parser.parse_args()
    build(args.xml, args.seeds)


if __name__ == "__main__":
    main()
