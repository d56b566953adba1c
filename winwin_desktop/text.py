"""Text as people type and read it: folding for matching, slugs for file names, plurals,
dates in words.

One home for these, so that the People filter, completion, @mentions, import matching
and search agree on which names are "the same" (Søren, Soren and SØREN are). It imports
nothing of the app, so every layer may use it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

# Letters that decomposing does not reduce to a plain letter and a mark, spelled out, in
# both cases. The search index spells them out in SQL too (``store/search_index.py``):
# SQLite's tokenizer folds case and accents but keeps these as they are.
SPELLED_OUT: dict[str, str] = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "ŀ": "l",
    "Ŀ": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "ħ": "h",
    "Ħ": "h",
    "ı": "i",
    "ĳ": "ij",
    "Ĳ": "ij",
    "ŋ": "n",
    "Ŋ": "n",
    "ŧ": "t",
    "Ŧ": "t",
    "ƒ": "f",
    "ɓ": "b",
    "Ɓ": "b",
    "ɗ": "d",
    "Ɗ": "d",
    "ƙ": "k",
    "Ƙ": "k",
}


class _Translation(dict):
    """A ``str.translate`` table that looks each character up once and keeps the answer,
    every character included: with a plain table, each character it does not list costs
    translate a KeyError, which made folding ten thousand names take 25 ms at start."""

    def __init__(self, drop_marks: bool) -> None:
        super().__init__()
        self._drop_marks = drop_marks

    def __missing__(self, code: int) -> str | int | None:
        char = chr(code)
        if self._drop_marks and unicodedata.combining(char):
            value = None
        else:
            value = SPELLED_OUT.get(char, code)
        self[code] = value
        return value


# Before decomposing: the letters above spelled out. After: marks dropped too.
_SPELLED_OUT_TABLE = _Translation(drop_marks=False)
_WITHOUT_MARKS = _Translation(drop_marks=True)

# What counts as a word: letters and digits (Unicode), nothing else.
WORD = re.compile(r"[^\W_]+")
_NOT_FILE_NAME = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents, for matching: "Søren" → "soren", "Łódź Straße" →
    "lodz strasse", "Ægir" → "aegir"."""
    if text.isascii():  # most text: nothing to strip (the People list folds 20,000 names)
        return text.lower()
    # Spelled out before decomposing too: NFKD would turn ŀ into "l·", two words.
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED_OUT_TABLE))
    return decomposed.translate(_WITHOUT_MARKS)


def words(text: str) -> list[str]:
    """The folded words of ``text``: "Zoë Brontë-Nuñez" → ["zoe", "bronte", "nunez"]."""
    return WORD.findall(fold(text))


def slug(text: str, separator: str = "-") -> str:
    """Lower-case ASCII words joined by ``separator``, for file names and addresses:
    "Zoë Brontë-Nuñez" → "zoe-bronte-nunez", "Ægir" → "aegir". Letters with no ASCII
    spelling (佐藤) are left out, so the result may be empty."""
    plain = fold(text).encode("ascii", "ignore").decode()
    return separator.join(_NOT_FILE_NAME.sub(" ", plain).split())


def listing(items: Sequence[str]) -> str:
    """Names or words as a sentence lists them: "Ana", "Ana and Ben", "Ana, Ben and Cy"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun that goes with it: "1 person", "3 people", "2 tries".
    Without ``many`` the plural is ``one`` + "s"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


# Written out in English whatever the locale, for what has no locale of its own (exports,
# the brief, the command line): the screens use the system's words (ui/dates.py).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = tuple(name[:3] for name in WEEKDAY_NAMES)
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)


def short_day(day: dt.date, today: dt.date, *, year: bool = False) -> str:
    """A date as people read it: "Fri 27 Nov", with the year when it is not ``today``'s
    (or when ``year`` asks for it): "Sat 27 Dec 2025". For what has no locale of its own
    (the brief, the command line); the screens say it in the system's words through
    ``ui/dates.py``, in the same shape."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year or day.year != today.year else text
