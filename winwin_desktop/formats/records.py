"""What the importers read out of a file: plain records, before the journal sees them.

Each reader in ``formats/`` turns the bytes of one file into a :class:`ParsedFile`: the
records it understood, and the ones it had to skip with the reason why. A file it cannot
read at all raises :class:`ImportFormatError`, naming the file and the place. Nothing here
touches the database; ``journal/importing/`` decides what the records mean for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# A single value longer than this is not a contact detail: most likely a damaged file.
FIELD_LIMIT = 1_000_000
# Photos are bigger than text but not unbounded.
PHOTO_LIMIT = 5_000_000


class ImportFormatError(ValueError):
    """A file an importer cannot read. ``file`` is its name, ``place`` where the problem
    is (``line 12``, ``card 3``, ``entry 7``), ``message`` one plain sentence."""

    def __init__(self, file: str, place: str, message: str) -> None:
        self.file = file
        self.place = place
        self.message = message
        where = f"{file}, {place}" if place else file
        super().__init__(f"{where}: {message}")


class UnknownColumns(ImportFormatError):
    """A CSV file whose columns say nothing we recognise: it needs a column mapping.
    ``columns`` are its header's names, ``samples`` a few of its first rows."""

    def __init__(
        self, file: str, place: str, message: str, columns: list[str], samples: list[list[str]]
    ) -> None:
        super().__init__(file, place, message)
        self.columns = columns
        self.samples = samples


class RecordProblem(ValueError):
    """One record that cannot be imported; the reader skips it with this message."""


@dataclass
class Skipped:
    """A record left out, and why (one plain sentence)."""

    place: str
    reason: str


@dataclass(kw_only=True)
class PersonFields:
    """What an import knows of a person: listed once, for the records read from files
    and for the people an import will leave (``journal/importing``'s ``Draft``)."""

    name: str
    organisation: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    how_met: str = ""
    met_on: dt.date | None = None
    photo: bytes | None = None
    # A stable key from the source (a vCard's UID, a LinkedIn profile address), so the
    # same contact is recognised when the file is imported again.
    source_key: str = ""
    # The name in parts (formats/names.py), and the birthday ("1980-04-02", "--04-02").
    structured_name: dict[str, str] = field(default_factory=dict)
    birthday: str = ""


@dataclass(kw_only=True)
class ContactRecord(PersonFields):
    """A person as an address book, LinkedIn or a CSV file describes them."""

    place: str
    # A card that names only a company.
    company_only: bool = False


@dataclass
class Attendee:
    name: str
    email: str = ""

    @property
    def key(self) -> str:
        return self.email.casefold() or " ".join(self.name.split()).casefold()

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


@dataclass
class MeetingRecord:
    """One calendar event, in the user's local time."""

    place: str
    title: str
    date: dt.date
    time: dt.time | None = None
    notes: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    kind: str = "meeting"
    source_key: str = ""
    # Something the user should know about how it was read, as a clause.
    note: str = ""


@dataclass
class EntryRecord:
    """One entry of a plain-text journal (jrnl), to become a paragraph of a day's reflection."""

    place: str
    date: dt.date
    time: dt.time | None
    title: str
    body: str = ""
    tags: list[str] = field(default_factory=list)
    starred: bool = False


@dataclass
class ParsedFile:
    """Everything one reader understood in one file."""

    file: str
    format: str
    contacts: list[ContactRecord] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)
    entries: list[EntryRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # For formats read as a whole (WinWin's own JSON): the reader's own object.
    document: object | None = None
    # A calendar's owner, by their addresses (its name, the organiser of most events).
    owner_addresses: list[str] = field(default_factory=list)
    # Repeating meetings: the first day imported, and how many earlier ones were left out.
    since: dt.date | None = None
    older_left_out: int = 0

    @property
    def record_count(self) -> int:
        return len(self.contacts) + len(self.meetings) + len(self.entries) + len(self.skipped)


# ---- small helpers shared by the readers ------------------------------------------------

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def checked(text: str, what: str) -> str:
    """``text`` unless it is too long to be a real value."""
    if len(text) > FIELD_LIMIT:
        raise RecordProblem(
            f"its {what} is {len(text) // 1_000_000 or 1} MB long, too long to be real; "
            "the file may be damaged"
        )
    return text


def clean_email(text: str) -> str:
    """An address without ``mailto:`` and angle brackets, or "" when it is none."""
    text = one_line(text)
    if text[:7].casefold() == "mailto:":
        text = text[7:]
    text = text.strip("<> ")
    return text if _EMAIL.match(text) else ""


def unique(values: list[str]) -> list[str]:
    """The non-empty values, first occurrence kept, compared without case."""
    seen: set[str] = set()
    result = []
    for value in values:
        value = one_line(value)
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


def name_from_parts(*parts: str) -> str:
    return one_line(" ".join(p for p in parts if p))


def real_date(year: int, month: int, day: int, what: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise RecordProblem(
            f"its {what} {year:04d}-{month:02d}-{day:02d} is not a real date"
        ) from None


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark (macOS
    Contacts), told by the zero bytes of its ASCII characters; else None."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with or without a BOM, else
    Windows-1252 (what Outlook and Excel write in Western Europe), else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if encoding := utf16_without_bom(data):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(text: str) -> bool:
    """Control characters no text file has (NUL, and most of C0), in the first 4 KB."""
    head = text[:4096]
    if "\x00" in head:
        return True
    controls = sum(1 for c in head if ord(c) < 32 and c not in "\t\r\n\f\x0b")
    return controls > max(2, len(head) // 100)
