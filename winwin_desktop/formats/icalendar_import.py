"""Reading meetings from iCalendar (``.ics``) files through ``icalendar``.

Each event that has started by ``now`` becomes a :class:`MeetingRecord` in the user's
local time: a time in another zone (a ``TZID`` with its ``VTIMEZONE``, or UTC) is
converted, a floating time is taken as local, an all-day event keeps its date and has no
time. Repeating events (``RRULE``, with ``EXDATE`` and moved occurrences) give one
record per occurrence from ``since`` (by default a year ago) up to now, never beyond and
with no cap; the file says how many earlier occurrences were left out. Cancelled events,
events still to come and events without a start are skipped with the reason.

Attendees and the organiser come with their names (``CN``, without the quotes Outlook
wraps around it; Outlook's "Last, First" is turned round) and addresses; an attendee
without a name is named by the address. Guests who declined, rooms and other resources,
and the addresses of system calendars (Google's holidays, birthdays, "Contacts") are
left out, so such a calendar adds nobody. The calendar's owner (``X-WR-CALNAME`` when it
is an address, else the organiser of most events) is offered as the user's own address.
A meeting whose place or description has a video link (Zoom, Meet, Teams, Webex) is a
"video call". A bare ``VEVENT`` file (no ``VCALENDAR`` around it) is read too, and an
empty ``TZID`` (Exchange 2010) costs only that event's time zone: it is read as local.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from winwin_desktop.formats.records import (
    Attendee,
    ImportFormatError,
    MeetingRecord,
    ParsedFile,
    RecordProblem,
    Skipped,
    checked,
    clean_email,
    decode_text,
    looks_binary,
    one_line,
)

FORMAT = "icalendar"
# How far back repeating meetings go unless the user says otherwise.
DEFAULT_SINCE_DAYS = 365
# A rule that repeats more often than this before today (every minute for years) is
# refused with a reason instead of taking minutes.
MAX_STEPS = 500_000
_VIDEO = re.compile(
    r"zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/|webex\.com/",
    re.IGNORECASE,
)
_NOT_PEOPLE = {"ROOM", "RESOURCE", "UNKNOWN"}
# Addresses of calendars, not people: Google's shared, imported, holiday and birthday
# calendars, and senders nobody answers.
_SYSTEM_ADDRESS = re.compile(
    r"@(group\.v\.|group\.|import\.)calendar\.google\.com$"
    r"|^calendar-notification@google\.com$|^(no-?reply|do-?not-?reply)@",
    re.IGNORECASE,
)
_EMPTY_ZONE = "X-WINWIN-EMPTY-TZID"
_NO_ZONE_NOTE = "its time zone was empty in the file, so its time is taken as local"


def read_calendar(
    data: bytes,
    file: str,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
    since: dt.date | None = None,
) -> ParsedFile:
    """The past meetings in an iCalendar file, in the time zone ``tz`` (the computer's
    own by default), repeating ones from ``since`` (a year before ``now`` by default);
    :class:`ImportFormatError` when the file is not a calendar."""
    import icalendar  # here, so that only reading a calendar loads it
    from dateutil import tz as tzutil

    tz = tz or tzutil.tzlocal()
    now = (now or dt.datetime.now(dt.UTC)).astimezone(tz)
    since = since or now.date() - dt.timedelta(days=DEFAULT_SINCE_DAYS)
    text = decode_text(data)
    if not text.strip():
        raise ImportFormatError(file, "", "the file is empty; choose a calendar with events.")
    if looks_binary(text):
        raise ImportFormatError(file, "line 1", "this is not a text file, so not a calendar.")
    if text.lstrip().upper().startswith(("BEGIN:VEVENT", "BEGIN:VTODO")):
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise ImportFormatError(
            file, "line 1", "an iCalendar file starts with BEGIN:VCALENDAR, and this one does not."
        )
    if "END:VCALENDAR" not in text.upper():
        raise ImportFormatError(
            file, "", "the calendar has no END:VCALENDAR; the file looks cut short."
        )
    text = _without_empty_zones(text)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # noqa: BLE001 — the parser raises many kinds for broken text
        place = _line_of(text, exc)
        raise ImportFormatError(
            file,
            place,
            "it cannot be read as a calendar: a line "
            f"{'here' if place else 'in it'} is damaged. Export the calendar again.",
        ) from None
    starts = [i + 1 for i, line in enumerate(re.split(r"\r\n|\r|\n", text)) if _is_event(line)]
    parsed = ParsedFile(file, FORMAT, since=since)
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    moved = _moved_occurrences(events)
    window = _Window(now, tz, since)
    for number, event in enumerate(events, start=1):
        line = starts[number - 1] if number <= len(starts) else None
        place = f"event {number} (line {line})" if line else f"event {number}"
        try:
            meetings = _meetings(event, place, window, moved)
        except RecordProblem as problem:
            parsed.skipped.append(Skipped(place, f"This event was skipped: {problem}."))
            continue
        except Exception:  # noqa: BLE001 — an odd event must not stop the others
            parsed.skipped.append(
                Skipped(place, "This event was skipped: one of its dates cannot be read.")
            )
            continue
        parsed.meetings.extend(meetings)
    if not events:
        raise ImportFormatError(file, "", "there is no event (VEVENT) in this calendar.")
    parsed.older_left_out = window.older
    parsed.owner_addresses = _owner(calendars, events)
    return parsed


class _Window:
    """The time meetings are imported from: now in ``tz``, repeating ones from ``since``;
    counts the earlier occurrences left out."""

    def __init__(self, now: dt.datetime, tz, since: dt.date) -> None:
        self.now, self.tz, self.since = now, tz, since
        self.older = 0


def _without_empty_zones(text: str) -> str:
    """An empty ``TZID`` (Exchange 2010) made readable: a time zone without a name is
    dropped, and a time that points to it is marked, to be read as local time."""
    text = re.sub(
        r"BEGIN:VTIMEZONE\r?\n(?:(?!END:VTIMEZONE).*\r?\n)*?TZID:[ \t]*\r?\n"
        r"(?:(?!END:VTIMEZONE).*\r?\n)*?END:VTIMEZONE\r?\n",
        "",
        text,
    )
    return re.sub(r';TZID=(?:""|)(?=[:;])', f";{_EMPTY_ZONE}=1", text)


def _owner(calendars, events) -> list[str]:
    """The calendar's owner: its name when that is an address, else the organiser of
    most of its events (a system calendar has none)."""
    found = []
    for calendar in calendars:
        name = clean_email(str(calendar.get("X-WR-CALNAME", "")))
        if name and not _SYSTEM_ADDRESS.search(name):
            found.append(name)
    organisers = Counter(
        email.casefold()
        for event in events
        for value in _as_list(event.get("ORGANIZER"))
        if (email := clean_email(str(value))) and not _SYSTEM_ADDRESS.search(email)
    )
    if organisers:
        found.append(organisers.most_common(1)[0][0])
    return list(dict.fromkeys(a.casefold() for a in found))


def _is_event(line: str) -> bool:
    return line.strip().upper() == "BEGIN:VEVENT"


def _moved_occurrences(events) -> set[tuple[str, str]]:
    """(UID, original start) of the occurrences of repeating events that were moved or
    changed: they come as events of their own and must not be repeated from the rule."""
    moved = set()
    for event in events:
        recurrence = event.get("RECURRENCE-ID")
        if recurrence is not None and hasattr(recurrence, "dt"):
            moved.add((str(event.get("UID", "")), _key_time(recurrence.dt)))
    return moved


def _meetings(event, place: str, window: _Window, moved) -> list[MeetingRecord]:
    now, tz = window.now, window.tz
    for name, _ in getattr(event, "errors", []) or []:
        if name in ("DTSTART", "RRULE", "EXDATE", "RECURRENCE-ID"):
            what = {"DTSTART": "start", "RRULE": "repeat rule"}.get(name, "list of dates")
            raise RecordProblem(f"its {what} ({name}) is not written as a calendar date")
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        raise RecordProblem("it was cancelled")
    start = event.get("DTSTART")
    if start is None or not hasattr(start, "dt"):
        raise RecordProblem("it has no start date")
    no_zone = _EMPTY_ZONE in (getattr(start, "params", None) or {})
    start = start.dt
    if not isinstance(start, dt.date):
        raise RecordProblem("its start is not a date")
    uid = one_line(str(event.get("UID", "")))
    title = checked(one_line(str(event.get("SUMMARY", ""))), "title")[:300]
    notes = _notes(event)
    attendees = _attendees(event)
    kind = "video call" if _VIDEO.search(f"{event.get('LOCATION', '')} {notes}") else "meeting"
    occurrences = [start]
    rule = event.get("RRULE")
    if rule is not None and event.get("RECURRENCE-ID") is None:
        occurrences = _occurrences(event, start, rule, window, uid, moved)
    meetings = []
    for occurrence in occurrences:
        day, time = _local(occurrence, tz)
        if not _has_begun(occurrence, day, now, tz):
            continue
        key = uid or f"{title}@{_key_time(start)}"
        if len(occurrences) > 1 or rule is not None:
            key = f"{key}@{_key_time(occurrence)}"
        recurrence = event.get("RECURRENCE-ID")
        if recurrence is not None and hasattr(recurrence, "dt"):
            key = f"{key}@{_key_time(recurrence.dt)}"
        meetings.append(
            MeetingRecord(
                place=place if len(occurrences) == 1 else f"{place}, {day.isoformat()}",
                title=title,
                date=day,
                time=time,
                notes=notes,
                attendees=attendees,
                kind=kind,
                source_key=f"ics:{key}",
                note=_NO_ZONE_NOTE if no_zone else "",
            )
        )
    if not meetings:
        day, _ = _local(start, tz)
        if rule is not None and occurrences == [] and window.older:
            raise RecordProblem(
                f"every one of its dates is before {window.since.isoformat()}, the first day "
                "of repeating meetings to import"
            )
        if _has_begun(start, day, now, tz):
            raise RecordProblem("every one of its dates was moved or cancelled")
        raise RecordProblem(f"it has not happened yet ({day.isoformat()})")
    return meetings


def _occurrences(event, start, rule, window: _Window, uid: str, moved) -> list:
    """Every occurrence from ``window.since`` up to now — none after, none capped —
    without the excluded and moved ones; the earlier ones are counted in the window."""
    from dateutil.rrule import rrulestr

    text = rule.to_ical().decode()
    begin = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    try:
        rrule = rrulestr(_fit_until(text, aware=begin.tzinfo is not None), dtstart=begin)
    except (ValueError, TypeError, OverflowError):
        raise RecordProblem("its repeat rule (RRULE) cannot be understood") from None
    now = window.now
    limit = now if begin.tzinfo is not None else now.replace(tzinfo=None)
    excluded = set()
    for exdate in _as_list(event.get("EXDATE")):
        for value in getattr(exdate, "dts", []):
            excluded.add(_key_time(value.dt))
    result, older = [], 0
    for step, occurrence in enumerate(rrule):
        if occurrence > limit:
            break
        if step >= MAX_STEPS:
            raise RecordProblem(
                f"it repeats more than {MAX_STEPS:,} times before today; WinWin imports "
                "meetings, not alarms"
            )
        value = occurrence if isinstance(start, dt.datetime) else occurrence.date()
        key = _key_time(value)
        if key in excluded or (uid, key) in moved:
            continue
        if _local(value, window.tz)[0] < window.since:
            older += 1
            continue
        result.append(value)
    window.older += older
    return result


def _fit_until(rule: str, aware: bool) -> str:
    """The rule with its UNTIL in UTC when the start has a zone, and without a zone when
    it does not, as dateutil requires (calendars write it both ways)."""

    def fit(match: re.Match) -> str:
        day, time = match.group(1), match.group(2) or ("235959" if aware else "")
        if aware:
            return f"UNTIL={day}T{time}Z"
        return f"UNTIL={day}T{time}" if time else f"UNTIL={day}"

    return re.sub(r"UNTIL=(\d{8})(?:T(\d{6}))?Z?", fit, rule)


def _key_time(value) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _local(value, tz) -> tuple[dt.date, dt.time | None]:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz)
        return value.date(), value.time().replace(tzinfo=None, microsecond=0)
    return value, None


def _has_begun(value, day: dt.date, now: dt.datetime, tz) -> bool:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=tz)
        return moment <= now
    return day <= now.date()


def _notes(event) -> str:
    parts = []
    description = str(event.get("DESCRIPTION", "")).strip()
    if description:
        parts.append(checked(description, "description"))
    location = one_line(str(event.get("LOCATION", "")))
    if location:
        parts.append(f"Location: {checked(location, 'location')}")
    return "\n\n".join(parts)


def _attendees(event) -> list[Attendee]:
    found: dict[str, Attendee] = {}
    for value in _as_list(event.get("ORGANIZER")) + _as_list(event.get("ATTENDEE")):
        params = getattr(value, "params", {}) or {}
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _NOT_PEOPLE:
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue  # they were not there
        email = clean_email(str(value))
        if email and _SYSTEM_ADDRESS.search(email):
            continue
        name = _person_name(str(params.get("CN", "")))
        if name.casefold() == email.casefold():
            name = ""
        attendee = Attendee(name=checked(name, "attendee"), email=email)
        if attendee.key and attendee.key not in found:
            found[attendee.key] = attendee
    return list(found.values())


def _person_name(cn: str) -> str:
    name = one_line(cn)
    while len(name) > 1 and name[0] == name[-1] and name[0] in "\"'":
        name = name[1:-1].strip()  # Outlook writes CN="'ann@example.com'"
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and " " not in last.strip():
        return f"{first.strip()} {last.strip()}"
    return name


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _line_of(text: str, exc: Exception) -> str:
    match = re.search(r"'([^']{4,})'", str(exc))
    if match:
        fragment = match.group(1).strip()
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
            if fragment and fragment in line:
                return f"line {number}"
    return ""
