"""Reading contacts from CSV files: LinkedIn's ``Connections.csv``, Google Contacts and
Outlook exports, and any other CSV through a column mapping.

The columns are recognised by their names, whatever the exporter: a column is a name, an
email, a phone and so on (:data:`FIELDS`). LinkedIn writes a few lines of notes above its
header, so the header is the first row within :data:`HEADER_SEARCH` rows that names a
person. The separator (comma, semicolon — Outlook in much of Europe — or tab) is found
from the header; the encoding by :func:`records.decode_text` (UTF-8 with or without BOM,
UTF-16, else Windows-1252). Google puts several values in one cell with ``" ::: "``;
Outlook writes ``0/0/00`` for "no birthday".

A CSV whose columns name nobody raises :class:`UnknownColumns` (an
:class:`ImportFormatError`) with its columns and a few rows, so the dialog can ask which
column is what, and the command line can say to use ``--map``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

from winwin_desktop.formats.names import cleaned
from winwin_desktop.formats.records import (
    ContactRecord,
    ImportFormatError,
    ParsedFile,
    RecordProblem,
    Skipped,
    UnknownColumns,
    clean_email,
    decode_text,
    looks_binary,
    name_from_parts,
    one_line,
    unique,
)

FORMAT = "csv"
HEADER_SEARCH = 30
# What a column can hold, in the words the mapping step shows.
NAME = "name"
FIRST_NAME = "first name"
MIDDLE_NAME = "middle name"
LAST_NAME = "last name"
ORGANISATION = "organisation"
ROLE = "role"
DEPARTMENT = "department"
EMAIL = "email"
PHONE = "phone"
LINK = "link"
NOTES = "notes"
TAGS = "tags"
MET_ON = "met on"
HOW_MET = "how met"
BIRTHDAY = "birthday"
IGNORE = "ignore"
FIELDS = (
    NAME,
    FIRST_NAME,
    MIDDLE_NAME,
    LAST_NAME,
    ORGANISATION,
    ROLE,
    DEPARTMENT,
    EMAIL,
    PHONE,
    LINK,
    NOTES,
    TAGS,
    MET_ON,
    HOW_MET,
    BIRTHDAY,
    IGNORE,
)
_NAME_FIELDS = {NAME, FIRST_NAME, MIDDLE_NAME, LAST_NAME}

_EXACT = {
    NAME: {"name", "full name", "display name", "contact name", "contact", "person"},
    FIRST_NAME: {"first name", "given name", "firstname", "first", "forename"},
    MIDDLE_NAME: {"middle name", "additional name", "middle"},
    LAST_NAME: {"last name", "family name", "surname", "lastname", "last"},
    ORGANISATION: {
        "company",
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "organization 1 - name",
        "company name",
        "employer",
    },
    ROLE: {
        "job title",
        "position",
        "organization title",
        "organization 1 - title",
        "role",
        "title",
    },
    DEPARTMENT: {"department", "organization department", "organization 1 - department"},
    NOTES: {"notes", "note", "comments", "comment"},
    TAGS: {"categories", "labels", "group membership", "tags", "groups", "category"},
    MET_ON: {"connected on", "met on", "date met", "met"},
    HOW_MET: {"how met", "how we met", "source"},
    BIRTHDAY: {"birthday", "date of birth", "birth date", "bday", "birthdate"},
    LINK: {
        "url",
        "website",
        "web page",
        "personal web page",
        "business web page",
        "homepage",
        "linkedin",
        "profile",
        "profile url",
    },
}
# Groups Google gives every contact: not the user's tags.
_SYSTEM_GROUPS = {
    "* mycontacts",
    "mycontacts",
    "* my contacts",
    "* starred",
    "starred",
    "my contacts",
    "* other contacts",
}
_MULTI = re.compile(r"\s*:::\s*")
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d-%b-%y", "%d.%m.%Y", "%Y/%m/%d")
_NO_DATE = {"0/0/00", "0/0/0000", "00/00/0000", "0000-00-00"}


def normalise(column: str) -> str:
    text = one_line(column.replace("\ufeff", "")).casefold().replace("e-mail", "email")
    return text.strip('"')


def classify(column: str, columns: list[str]) -> str:
    """What a column holds, judged by its name (and its neighbours'); IGNORE if unknown."""
    name = normalise(column)
    # Only a "Title" column needs its neighbours: the check stays linear in the columns.
    if name == "title" and "job title" in {normalise(c) for c in columns}:
        return IGNORE  # Outlook's "Title" is Mr or Dr; the job is in "Job Title"
    for field, names in _EXACT.items():
        if name in names:
            return field
    if any(word in name for word in ("type", "label", "display", "yomi", "phonetic")):
        return IGNORE
    if "email" in name:
        return EMAIL
    if ("phone" in name or name.startswith("mobile")) and "fax" not in name:
        return PHONE
    if "website" in name or "web page" in name:
        return LINK
    return IGNORE


def read_contacts_csv(data: bytes, file: str, mapping: dict[str, str] | None = None) -> ParsedFile:
    """The contacts in a CSV file. ``mapping`` (column → one of :data:`FIELDS`) overrides
    what the columns are taken for; columns it does not name are recognised by name."""
    rows = _rows(data, file)
    header_index, header = _find_header(rows, mapping)
    header_line = rows[header_index][0]
    fields = [classify(c, header) for c in header]
    if mapping:
        fields = _apply_mapping(fields, header, mapping, file, header_line)
    if not (_NAME_FIELDS | {EMAIL}) & set(fields):
        samples = [cells for _, cells in rows[header_index + 1 : header_index + 4]]
        shown = ", ".join(f"“{one_line(c)}”" for c in header[:8] if one_line(c))
        raise UnknownColumns(
            file,
            f"line {header_line}",
            f"none of its columns ({shown or 'none'}) is a name; say which column is what, "
            "e.g. --map 'Full name=name,Mail=email'.",
            columns=header,
            samples=samples,
        )
    columns = {normalise(c) for c in header}
    linkedin = "connected on" in columns and ("url" in columns or "first name" in columns)
    parsed = ParsedFile(file, FORMAT)
    for line, cells in rows[header_index + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        place = f"line {line}"
        try:
            parsed.contacts.append(_contact(header, fields, cells, place, linkedin))
        except RecordProblem as problem:
            parsed.skipped.append(Skipped(place, f"This row was skipped: {problem}."))
    return parsed


def columns_of(data: bytes, file: str) -> tuple[list[str], list[list[str]]]:
    """The header's column names and a few rows under it (for the mapping step)."""
    rows = _rows(data, file)
    try:
        index, header = _find_header(rows, None)
    except UnknownColumns as unknown:
        return unknown.columns, unknown.samples
    return header, [cells for _, cells in rows[index + 1 : index + 4]]


# ---- rows ---------------------------------------------------------------------------------


def _rows(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    """(line number where the row starts, cells) for every row of the file."""
    text = decode_text(data)
    if not text.strip():
        raise ImportFormatError(file, "", "the file is empty; choose a file with contacts in it.")
    if looks_binary(text):
        raise ImportFormatError(file, "line 1", "this is not a text file, so it cannot be CSV.")
    reader = csv.reader(text.splitlines(keepends=True), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        raise ImportFormatError(
            file,
            f"line {start}",
            "this row cannot be read: a value is far too long or a quote is never "
            "closed — the file may be damaged.",
        ) from None
    return rows


def _delimiter(text: str) -> str:
    """The separator of the header: the one of , ; tab that splits the most-split line
    among the first lines (LinkedIn's notes above the header have commas too)."""
    best, most = ",", 0
    for line in text.splitlines()[:HEADER_SEARCH]:
        for candidate in (",", ";", "\t"):
            fields = next(csv.reader([line[:4096]], delimiter=candidate), [])
            known = sum(classify(f, fields) != IGNORE for f in fields)
            if known > most:
                best, most = candidate, known
    if most:
        return best
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


def _find_header(
    rows: list[tuple[int, list[str]]], mapping: dict[str, str] | None
) -> tuple[int, list[str]]:
    wanted = {normalise(c) for c in mapping} if mapping else set()
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        names = {normalise(c) for c in cells}
        if wanted and wanted <= names:
            return index, cells
        if not wanted and any(classify(c, cells) in _NAME_FIELDS for c in cells):
            return index, cells
    # No header names anybody: the first row with several cells is the header.
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        if len([c for c in cells if c.strip()]) > 1:
            return index, cells
    return 0, rows[0][1]


def _apply_mapping(
    fields: list[str], header: list[str], mapping: dict[str, str], file: str, line: int
) -> list[str]:
    by_name = {normalise(c): i for i, c in enumerate(header)}
    fields = list(fields)
    for column, field in mapping.items():
        field = one_line(field).casefold()
        if field not in FIELDS:
            raise ImportFormatError(
                file,
                "",
                f"“{field}” is not something a column can hold; use one of: {', '.join(FIELDS)}.",
            )
        index = by_name.get(normalise(column))
        if index is None:
            shown = ", ".join(f"“{one_line(c)}”" for c in header if one_line(c))
            raise ImportFormatError(
                file, f"line {line}", f"there is no column “{column}”; its columns are {shown}."
            )
        fields[index] = field
    return fields


# ---- one row ------------------------------------------------------------------------------


def _contact(
    header: list[str], fields: list[str], cells: list[str], place: str, linkedin: bool
) -> ContactRecord:
    values: dict[str, list[str]] = {}
    for index, field in enumerate(fields):
        if field == IGNORE or index >= len(cells):
            continue
        cell = cells[index].strip()
        if not cell:
            continue
        parts = [cell] if field in (NOTES, NAME) else _MULTI.split(cell)
        if field == TAGS:  # Outlook separates its categories with semicolons
            parts = [tag for part in parts for tag in part.split(";")]
        parts = [p for p in parts if p.strip()]
        if parts:
            values.setdefault(field, []).extend(parts)
        if field in (MET_ON, BIRTHDAY):
            values.setdefault(f"{field} column", []).append(one_line(header[index]))

    def first(field: str) -> str:
        return one_line(values.get(field, [""])[0])

    name = first(NAME) or name_from_parts(first(FIRST_NAME), first(MIDDLE_NAME), first(LAST_NAME))
    organisation = first(ORGANISATION)
    emails = unique([e for e in map(clean_email, values.get(EMAIL, [])) if e])
    company_only = False
    if not name and organisation and not linkedin:
        name, company_only = organisation, True
    elif not name and emails:
        name = emails[0]  # named by the address: a guessed name would be wrong
    elif not name:
        raise RecordProblem("it has no name")
    role = first(ROLE)
    if department := first(DEPARTMENT):
        role = f"{role} ({department})" if role else department
    notes = [n.strip() for n in values.get(NOTES, []) if n.strip()]
    birthday = first(BIRTHDAY)
    born = ""
    if birthday and birthday not in _NO_DATE:
        day = _date(birthday, values.get(f"{BIRTHDAY} column", ["Birthday"])[0])
        born = day.isoformat()
        notes.append(f"Birthday: {born}")
    met_on = None
    if (met := first(MET_ON)) and met not in _NO_DATE:
        met_on = _date(met, values.get(f"{MET_ON} column", ["Met on"])[0])
    links = unique(values.get(LINK, []))
    how_met = first(HOW_MET) or ("LinkedIn" if linkedin else "")
    tags = [t for t in unique(values.get(TAGS, [])) if t.casefold() not in _SYSTEM_GROUPS]
    source_key = f"linkedin:{_url_key(links[0])}" if linkedin and links else ""
    return ContactRecord(
        place=place,
        name=name,
        organisation=organisation,
        role=role,
        emails=emails,
        phones=unique(values.get(PHONE, [])),
        links=links,
        tags=tags,
        notes="\n\n".join(notes),
        how_met=how_met,
        met_on=met_on,
        source_key=source_key,
        company_only=company_only,
        structured_name=cleaned(
            {
                "given": first(FIRST_NAME),
                "additional": first(MIDDLE_NAME),
                "family": first(LAST_NAME),
            }
        ),
        birthday=born,
    )


def _date(text: str, column: str) -> dt.date:
    text = one_line(text)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if slashed:
        first, second, year = (int(g) for g in slashed.groups())
        if year < 100:
            year += 2000 if year <= dt.date.today().year % 100 else 1900
        # Month first (as Outlook and LinkedIn in the US), unless that cannot be.
        month, day = (first, second) if first <= 12 else (second, first)
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise RecordProblem(f"its “{column}” value “{text[:40]}” is not a real date")


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().casefold()).rstrip("/")
