"""
Arabic and Persian script in the Latin spellings that sanctions lists use.

A general transliterator writes "محمد" as "mhmd": the script leaves short vowels out. Lists write
"Muhammad", "Mohammed" or "Mohamed". So a name is read word by word:

1. Persian letter forms become the Arabic ones (Persian ye "ی" and kaf "ک", Urdu he), and the
   article "ال" joined to a word is split off ("الظواهري" is "al" + "ظواهري");
2. a word lists spell in a well-known way is taken from `NAMES` (given names, Abd, Abu, bin, Allah);
3. any other word is read letter by letter: consonants from `LETTERS`; alef, waw and ya as long
   vowels between consonants and as w/y next to a vowel; ta marbuta as "a"; and an "a" between two
   consonant runs, the commonest short vowel ("ظواهري" -> "zawahri", which the matcher's loose key and
   edit distance take to "Zawahiri").

The spelling variants lists use (Abd/Abdul, al-/el-, Mohammed/Muhammad, q/k, ou/u) are folded
afterwards by the matcher's loose key and rules, for this output and list names alike.
Sources: the UNGEGN and ALA-LC romanisation tables for Arabic and Persian (letters), and the
spellings of the UN consolidated list (the dictionary).
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["ALEFS", "AYN", "HAMZAS", "LETTERS", "NAMES", "SHADDA", "TA_MARBUTA", "WAW", "YA", "to_latin"]

LETTERS: Final[dict[str, str]] = {
    "\u0628": "b", "\u062a": "t", "\u062b": "th", "\u062c": "j", "\u062d": "h", "\u062e": "kh",
    "\u062f": "d", "\u0630": "dh", "\u0631": "r", "\u0632": "z", "\u0633": "s", "\u0634": "sh",
    "\u0635": "s", "\u0636": "d", "\u0637": "t", "\u0638": "z", "\u063a": "gh", "\u0641": "f",
    "\u0642": "q", "\u0643": "k", "\u0644": "l", "\u0645": "m", "\u0646": "n", "\u0647": "h",
    "\u067e": "p", "\u0686": "ch", "\u0698": "zh", "\u06af": "g", "\u0679": "t", "\u0688": "d",
    "\u0691": "r", "\u06ba": "n",
}
"""Consonants (Arabic, with the Persian and Urdu additions p, ch, zh, g and the retroflex letters)."""

_SAME: Final = {
    "\u06cc": "\u064a",  # Persian ye
    "\u06d2": "\u064a",  # Urdu bari ye
    "\u0649": "\u064a",  # alef maqsura, read as a final long vowel
    "\u06a9": "\u0643",  # Persian kaf
    "\u06c1": "\u0647",  # Urdu he goal
    "\u06be": "\u0647",  # Urdu do-chashmi he
    "\u06c0": "\u0629",  # he with ye above (Persian ezafe on ta marbuta)
    "\u0671": "\u0627",  # alef wasla
}
"""Letter forms of Persian and Urdu (and variants of Arabic) that spell the same sound as an Arabic letter."""

ALEFS: Final = frozenset("\u0627\u0623\u0625\u0622")
HAMZAS: Final = frozenset("\u0621\u0624\u0626")
AYN: Final = "\u0639"
WAW: Final = "\u0648"
YA: Final = "\u064a"
TA_MARBUTA: Final = "\u0629"
SHADDA: Final = "\u0651"
_ARTICLE: Final = "\u0627\u0644"
_MIN_ARTICLE_WORD: Final = 4

_NAMES_SOURCE: Final = """
طه taha | يونس yunus | يونس yunus | ياسين yasin | رمضان ramadan
ضياء zia | ضيا zia | فضل fazl | عبيد ubayd | عبيدة ubayda
زكريا zakariya | إدريس idris | ادريس idris | إلياس ilyas | الياس ilyas
صلاح salah | فتحي fathi | رياض riyad | مروان marwan | سفيان sufyan
أنور anwar | نبيل nabil | وليد walid | خليل khalil | إسحاق ishaq
منير munir | بلال bilal | عمار ammar | ياسر yasir | نعيم naim
غلام ghulam | گل gul | غل gul | آغا agha | اغا agha
جان jan | الرحمان al-rahman | رحمان rahman | عبدالرحمان abdulrahman
حقاني haqqani | حق haq | الحق al-haq | عبدالحق abdulhaq | نور nur
شهاب shihab | زين zayn | زينب zaynab | سيف sayf | سلمان salman
محمد muhammad | أحمد ahmad | احمد ahmad | محمود mahmud | عبد abd
الله allah | عبدالله abdullah | لله allah | علي ali | عمر umar
عثمان uthman | حسن hasan | حسين husayn | خالد khalid | إبراهيم ibrahim
ابراهيم ibrahim | يوسف yusuf | مصطفى mustafa | سعيد said | صالح salih
سالم salim | سليمان sulayman | عزيز aziz | جمال jamal | ناصر nasir
فيصل faysal | حمزة hamza | طارق tariq | يحيى yahya | موسى musa
عيسى isa | إسماعيل ismail | اسماعيل ismail | جعفر jafar | هشام hisham
بكر bakr | أبو abu | ابو abu | أبي abi | بن bin
ابن ibn | بنت bint | الدين al-din | دين din | نور nur
منصور mansur | مالك malik | حامد hamid | حمد hamad | رشيد rashid
قاسم qasim | كريم karim | مجيد majid | عادل adil | أسامة usama
اسامة usama | زيد zayd | عامر amir | أمير amir | امير amir
فاروق faruq | شريف sharif | حبيب habib | حافظ hafiz | رضا rida
مهدي mahdi | جواد jawad | مصطفي mustafa | عبدال abdul | فاطمة fatima
عائشة aisha | مريم maryam | خديجة khadija | بشير bashir | نذير nadhir
معاذ muadh | سعد sad | سعود saud | فهد fahd | رحمن rahman
الرحمن al-rahman | رحمان rahman | الرحمان al-rahman | رحيم rahim | الرحيم al-rahim
شيخ shaykh | حاج haji | حاجي haji | ملا mullah | دكتور doctor
سيد sayyid | القاعدة al-qaida | قاعدة qaida | مولوي mawlawi | مولانا mawlana
شاه shah | خان khan | داود dawud | إسحاق ishaq | يعقوب yaqub
عباس abbas | حيدر haydar | جلال jalal | مراد murad | نصر nasr
نصرالله nasrallah | ولي wali | أنس anas | انس anas | أنور anwar
انور anwar | أكرم akram | اكرم akram | أسعد asad | اسعد asad
أسامه usama | اسامه usama
"""
NAMES: Final[dict[str, str]] = {}
"""Words whose list spelling no letter rule gives (short vowels, doubled letters): given names,
Abd, Abu, bin, Allah and titles, keyed by their letters with Persian forms made Arabic."""


def _fold(word: str) -> str:
    """Persian and Urdu letter forms as Arabic, diacritics (harakat, except shadda) and tatweel dropped."""
    out = []
    for ch in unicodedata.normalize("NFKC", word):
        ch = _SAME.get(ch, ch)  # noqa: PLW2901 - the character, folded
        if ch == "\u0640" or (unicodedata.category(ch) == "Mn" and ch != SHADDA):
            continue
        out.append(ch)
    return "".join(out)


for _line in _NAMES_SOURCE.strip().splitlines():
    for _pair in _line.split("|"):
        _arabic, _latin = _pair.split()
        NAMES.setdefault(_fold(_arabic), _latin)


_PERSIAN: Final = frozenset("\u06cc\u06a9\u06af\u067e\u0686\u0698")
"""Letters only Persian, Pashto and Urdu write: ye, kaf, gaf, pe, che, zhe. Names that have them are
read as Persian ("ضیا" is "Zia", where Arabic reads dad as d: "رمضان" is "Ramadan")."""
_PERSIAN_LETTERS: Final = {"\u0636": "z", "\u0630": "z", "\u062b": "s", "\u0637": "t", "\u0638": "z"}
"""Persian values of Arabic letters: dad, dhal and zah are z, tha is s."""


def to_latin(name: str) -> str:
    """
    The name in the Latin letters lists use, word by word (other characters kept as they are).

    "أيمن الظواهري" -> "aiman al-zawahari"; "عبد الله عزام" -> "abd allah azam"; "محمد" -> "muhammad".
    """
    words = name.split()
    persian = any(ch in _PERSIAN for ch in name)
    return " ".join(_word(w, construct=i < len(words) - 1, persian=persian) for i, w in enumerate(words))


def _word(raw: str, *, construct: bool = False, persian: bool = False) -> str:
    """One word; `construct` says another word follows, so a final ta marbuta reads "-at" ("Jabhat al-Nusra")."""
    word = _fold(raw)
    if not word or not any(_is_arabic(ch) for ch in word):
        return raw
    known = NAMES.get(word)
    if known is not None:
        return known
    if word.startswith(_ARTICLE) and len(word) >= _MIN_ARTICLE_WORD:
        rest = word[2:]
        return "al-" + NAMES.get(rest, _letters(rest, construct=construct, persian=persian))
    if word.startswith("\u0648" + _ARTICLE) and len(word) > _MIN_ARTICLE_WORD:  # "wal-": and the
        rest = word[3:]
        return "wal-" + NAMES.get(rest, _letters(rest, construct=construct, persian=persian))
    return _letters(word, construct=construct, persian=persian)


def _is_arabic(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("ARABIC")


def _letters(word: str, *, construct: bool = False, persian: bool = False) -> str:
    """
    A word read letter by letter: consonants, long vowels, and a short "a" in consonant runs.

    In a run of consonants every second one is preceded by "a", counting from the word's first
    letter or from the vowel before the run: Arabic syllables are CV and CVC, so "حزب" is "hazb",
    "أيمن" "ayman" and "طالبان" "talban".
    """
    out: list[str] = []
    pos, run = 0, 0  # place in the syllable count (1 after a vowel), consonants in this run
    for latin, vowel in _units(word, construct=construct, persian=persian):
        if vowel:
            pos, run = 1, 0
        else:
            if run and pos % 2:
                out.append("a")
            pos, run = pos + 1, run + 1
        out.append(latin)
    return "".join(out)


def _units(word: str, *, construct: bool, persian: bool) -> list[tuple[str, bool]]:
    """The word's letters in Latin, each with whether it is a vowel; silent letters left out."""
    units: list[tuple[str, bool]] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        after_vowel = not units or units[-1][1]
        if ch in ALEFS:
            units.append(("i" if ch == "\u0625" else "a", True))
        elif ch == AYN:
            if i == 0 and not _next_is_alef(word, i):
                units.append(("a", True))  # initial ayn carries a vowel: "عزام" is "Azzam"
        elif ch == TA_MARBUTA:
            units.append(("a", True))
            if construct and i == last:
                units.append(("t", False))
        elif ch in (WAW, YA):
            units.append(_semivowel(word, i, after_vowel=after_vowel))
        elif ch == "\u0647" and i == last and i > 0 and not after_vowel:
            units.append(("a", True))  # final he after a consonant: the -ah of "Hamzah"
        elif ch not in HAMZAS and ch != SHADDA:
            latin = (persian and _PERSIAN_LETTERS.get(ch)) or LETTERS.get(ch, "" if _is_arabic(ch) else ch)
            if latin:
                units.append((latin, False))
    return units


def _semivowel(word: str, i: int, *, after_vowel: bool) -> tuple[str, bool]:
    """Waw and ya: w/y next to a vowel, else the long vowel u/i."""
    consonant, vowel = ("w", "u") if word[i] == WAW else ("y", "i")
    if word[i] == YA and i == len(word) - 1 and not after_vowel:
        return vowel, True
    return (consonant, False) if after_vowel or _next_is_alef(word, i) else (vowel, True)


def _next_is(word: str, i: int, letter: str) -> bool:
    return i + 1 < len(word) and word[i + 1] == letter


def _next_is_alef(word: str, i: int) -> bool:
    return i + 1 < len(word) and word[i + 1] in ALEFS
