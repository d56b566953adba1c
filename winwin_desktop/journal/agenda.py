"""The agenda: coming meetings from the user's own calendar, offline, with the people in
the journal who attend them.

The calendar is a local ``.ics`` file or a folder of them (what vdirsyncer, Thunderbird,
Evolution and calendar exports write), named in the journal's settings or given each
time. It is read with ``formats.icalendar_import`` (cancelled events and declined guests
are left out there), never imported: a meeting becomes an interaction only when the user
logs it. Meetings the user declined are left out too, and so are the user's own
addresses among the attendees ("My addresses"). A file is read again when it changes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from winwin_desktop.formats import icalendar_import
from winwin_desktop.formats.records import Attendee, ImportFormatError, MeetingRecord
from winwin_desktop.journal import my_addresses, settings
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store.models import Person
from winwin_desktop.text import fold, short_day

KEY = "calendar_path"
DEFAULT_DAYS = 7
# How far ``meeting_by_uid`` looks, back and ahead.
LOOK_BACK_DAYS = 30
LOOK_AHEAD_DAYS = 366
CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb", ".icalendar")


@dataclass(frozen=True)
class Meeting:
    """One coming meeting. ``start`` is aware, in the computer's time zone (midnight for
    an all-day event); ``people`` are (id, name) of the attendees in the journal, in the
    calendar's order; ``others`` the other attendees, by name or address."""

    uid: str
    start: dt.datetime
    all_day: bool
    title: str
    people: list[tuple[int, str]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    @property
    def person_ids(self) -> list[int]:
        return [person_id for person_id, _ in self.people]

    @property
    def names(self) -> list[str]:
        return [name for _, name in self.people]

    def heading(self, today: dt.date | None = None) -> str:
        """ "Pilot review · Tue 1 Dec 10:00" (the title, or "Meeting" without one; the
        date as people read it, the year when not this one)."""
        return f"{self.title or 'Meeting'} · {self.when(today)}"

    def when(self, today: dt.date | None = None) -> str:
        """ "Tue 1 Dec 10:00", or "Tue 1 Dec" for an all-day event."""
        day = short_day(self.start.date(), today or dt.date.today())
        return day if self.all_day else f"{day} {self.start:%H:%M}"

    def as_json(self) -> dict:
        return {
            "uid": self.uid,
            "start": self.start.date().isoformat() if self.all_day else self.start.isoformat(),
            "title": self.title,
            "people": self.names,
            "others": list(self.others),
        }


# ---- the calendar setting -----------------------------------------------------------------


def calendar_path() -> str:
    """The calendar file or folder in Settings; "" when none is set."""
    return str(settings.get_setting(KEY) or "")


def set_calendar_path(path: str | os.PathLike | None) -> str:
    """Remember ``path`` (a calendar file or a folder of them) in Settings; None or ""
    forgets it. Refused in one sentence when it is neither."""
    text = str(path or "").strip()
    if text:
        text = str(checked_calendar(text))
    settings.set_setting(KEY, text)
    return text


def checked_calendar(path: str | os.PathLike) -> Path:
    """``path`` as an absolute path to a calendar file or folder, or ValidationError."""
    found = Path(path).expanduser()
    if not found.exists():
        raise ValidationError(
            "calendar", f"There is no file or folder {found}; choose a calendar (.ics) file."
        )
    if found.is_file() and found.suffix.lower() not in CALENDAR_SUFFIXES:
        raise ValidationError(
            "calendar", f"{found.name} is not a calendar; choose an .ics file or a folder of them."
        )
    return found.resolve()


# ---- reading --------------------------------------------------------------------------------


def upcoming(
    path: str | os.PathLike | None = None,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[Meeting]:
    """The meetings starting from ``now`` (an all-day one: from today) through the next
    ``days`` days whose attendees include someone in the journal, soonest first.

    ``path``: a calendar file or folder; without it, the one in Settings. An empty list
    when no calendar is set."""
    if days < 1:
        raise ValidationError("days", "Give a number of days of 1 or more, e.g. --days 7.")
    now, tz = _now(now, tz)
    return [
        meeting
        for meeting in _meetings(path, now, now + dt.timedelta(days=days), tz)
        if _not_begun(meeting, now) and meeting.people
    ]


def next_meeting(
    path: str | os.PathLike | None = None,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> Meeting | None:
    """The first meeting from ``now`` with someone from the journal, up to a year ahead."""
    now, tz = _now(now, tz)
    found = upcoming(path, LOOK_AHEAD_DAYS, now, tz)
    timed = [m for m in found if not m.all_day or m.start.date() > now.date()]
    return (timed or found or [None])[0]


def meeting_by_uid(
    uid: str,
    path: str | os.PathLike | None = None,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> Meeting:
    """The meeting with this ``uid`` (as ``agenda`` lists it; for a repeating meeting its
    calendar UID alone names the next occurrence), from a month ago to a year ahead."""
    now, tz = _now(now, tz)
    wanted = uid.strip()
    meetings = _meetings(
        path, now - dt.timedelta(days=LOOK_BACK_DAYS), now + dt.timedelta(days=LOOK_AHEAD_DAYS), tz
    )
    exact = [m for m in meetings if m.uid == wanted]
    series = [m for m in meetings if m.uid.startswith(f"{wanted}@")]
    coming = [m for m in series if _not_begun(m, now)]
    found = exact or coming or series[-1:]
    if not found:
        raise ValidationError(
            "meeting",
            f"No meeting in the calendar has the UID “{wanted}”; list them with `winwin agenda`.",
        )
    return found[0]


def _now(now: dt.datetime | None, tz: dt.tzinfo | None) -> tuple[dt.datetime, dt.tzinfo]:
    if tz is None:
        from dateutil import tz as tzutil

        tz = tzutil.tzlocal()
    return (now or dt.datetime.now(dt.UTC)).astimezone(tz), tz


def _not_begun(meeting: Meeting, now: dt.datetime) -> bool:
    if meeting.all_day:
        return meeting.start.date() >= now.date()
    return meeting.start >= now


def _meetings(
    path: str | os.PathLike | None, start: dt.datetime, end: dt.datetime, tz: dt.tzinfo
) -> list[Meeting]:
    """Every meeting in the calendar from ``start`` to ``end``, with its attendees matched
    to the journal, by start."""
    files = calendar_files(path)
    if not files:
        return []
    mine = my_addresses.folded()
    found: dict[str, Meeting] = {}
    match = _Matcher()
    for file in files:
        records, declined = _read(file, start, end, tz, mine)
        for record in records:
            uid = record.source_key.removeprefix("ics:")
            moment = _start(record, tz)
            if moment < start.replace(hour=0, minute=0, second=0, microsecond=0) or moment > end:
                continue
            if any(uid == d or uid.startswith(f"{d}@") for d in declined):
                continue
            attendees = [a for a in record.attendees if a.email.casefold() not in mine]
            people, others = match.split(attendees)
            # The same meeting in two files of a folder (an export beside a sync) once.
            found.setdefault(
                uid, Meeting(uid, moment, record.time is None, record.title, people, others)
            )
    return sorted(found.values(), key=lambda m: (m.start, m.title.casefold(), m.uid))


def calendar_files(path: str | os.PathLike | None = None) -> list[Path]:
    """The calendar files at ``path`` (or the one in Settings): the file itself, or the
    calendar files of a folder and its subfolders. None set: no files."""
    chosen = str(path) if path is not None else calendar_path()
    if not chosen.strip():
        return []
    found = checked_calendar(chosen)
    if found.is_file():
        return [found]
    return sorted(
        file
        for file in found.rglob("*")
        if file.suffix.lower() in CALENDAR_SUFFIXES and file.is_file()
    )


# Files read, by path: (modification time, size, window) and what was read from them.
_CACHE: dict[Path, tuple[tuple, tuple[list[MeetingRecord], set[str]]]] = {}


def _read(
    file: Path, start: dt.datetime, end: dt.datetime, tz: dt.tzinfo, mine: set[str]
) -> tuple[list[MeetingRecord], set[str]]:
    """The meetings of one file from ``start`` to ``end``, and the UIDs of those the user
    declined; read again only when the file changed."""
    try:
        info = file.stat()
        key = (info.st_mtime_ns, info.st_size, start.date(), end.date(), tuple(sorted(mine)))
        cached = _CACHE.get(file)
        if cached and cached[0] == key:
            return cached[1]
        data = file.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "calendar", f"Cannot read {file} ({exc.strerror or exc}); check the calendar file."
        ) from None
    try:
        parsed = icalendar_import.read_calendar(data, file.name, now=end, tz=tz, since=start.date())
    except ImportFormatError as error:
        raise ValidationError(
            "calendar", f"{file} cannot be read as a calendar: {error.message}"
        ) from None
    result = (parsed.meetings, _declined_by_me(data, mine))
    _CACHE[file] = (key, result)
    return result


def _declined_by_me(data: bytes, mine: set[str]) -> set[str]:
    """The UIDs of the events where one of the user's own addresses declined."""
    if not mine or b"DECLINED" not in data.upper():
        return set()
    import icalendar

    from winwin_desktop.formats.records import clean_email, decode_text

    declined = set()
    try:
        calendars = icalendar.Calendar.from_ical(decode_text(data), multiple=True)
    except Exception:  # noqa: BLE001 — read_calendar already said what is wrong with it
        return set()
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            attendees = event.get("ATTENDEE")
            for attendee in attendees if isinstance(attendees, list) else [attendees]:
                if attendee is None:
                    continue
                partstat = str((getattr(attendee, "params", None) or {}).get("PARTSTAT", ""))
                if partstat.upper() == "DECLINED" and clean_email(str(attendee)).casefold() in mine:
                    declined.add(_declined_key(event))
    return declined


def _declined_key(event) -> str:
    """The event's UID, or for one changed occurrence of a repeating meeting the key
    ``read_calendar`` gives that occurrence (UID@original start)."""
    uid = str(event.get("UID", ""))
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is not None and hasattr(recurrence, "dt"):
        # The same key as read_calendar's (its helper, not a copy of it).
        return f"{uid}@{icalendar_import._key_time(recurrence.dt)}"
    return uid


def _start(record: MeetingRecord, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(record.date, record.time or dt.time(), tzinfo=tz)


class _Matcher:
    """Attendees to people in the journal: by email address first, then by name (case,
    accents and spaces aside) when exactly one person has it."""

    def __init__(self) -> None:
        self.by_email: dict[str, tuple[int, str]] = {}
        by_name: dict[str, list[tuple[int, str]]] = {}
        for person in Person.live(Person.id, Person.name, Person.emails):
            for email in person.emails or ():
                self.by_email.setdefault(email.casefold(), (person.id, person.name))
            by_name.setdefault(fold(person.name), []).append((person.id, person.name))
        self.by_name = {name: found[0] for name, found in by_name.items() if len(found) == 1}

    def split(self, attendees: list[Attendee]) -> tuple[list[tuple[int, str]], list[str]]:
        people: list[tuple[int, str]] = []
        others: list[str] = []
        for attendee in attendees:
            person = self.by_email.get(attendee.email.casefold()) if attendee.email else None
            if person is None and attendee.name:
                person = self.by_name.get(fold(attendee.name))
            if person is None:
                others.append(attendee.name or attendee.email)
            elif person not in people:
                people.append(person)
        return people, others
