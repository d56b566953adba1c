"""Reading vCard files (2.1, 3.0 and 4.0) as Apple Contacts, Google, Outlook, Android
phones and Nextcloud write them.

The cards are read here, line by line, not through vobject: exporters write lines that
vobject reads wrongly (quoted-printable soft line breaks without the leading space of a
fold, unescaped commas in single-valued text such as ``NOTE:Hello, world``, ``data:``
photos cut at their comma), and once those were tidied all vobject still did was
unescape values, at 70 % of the time a 10,000-card import took to read. So:

- quoted-printable values (vCard 2.1, Android) are decoded with their ``CHARSET``,
  their soft line breaks (a line ending in ``=``) joined first;
- text is unescaped as RFC 6350 §3.4 says (``\\n``, ``\\,``, ``\\;``, ``\\\\``); a comma
  is a separator only in ``CATEGORIES`` and ``NICKNAME``, a semicolon only in ``N``,
  ``ORG`` and ``ADR``;
- photos are decoded, both the base64 of 2.1/3.0 and the ``data:`` URI of 4.0.

The file is split into cards here too, so each card can fail on its own: a card that
cannot be read — a line that is not a property, no ``END:VCARD`` — is skipped with the
reason in WinWin's words, naming the card and its first line, and the rest of the file
imports.
``#`` comment lines are left out; 2.1 backslash continuations, ``PROFILE`` in any case,
lower-case groups (``item1.email``) and a card nested in a card (2.1 ``AGENT``) are read.
A file that is not UTF-8 is read byte for byte and each value decoded in its own
``CHARSET`` (Shift_JIS, ISO-8859-x, Windows code pages), else as UTF-8 when it is valid
UTF-8, else Windows-1252; UTF-16 is read with or without a byte-order mark. A card with
no name but an email is named by its address. A file that is not vCard or is empty
raises :class:`ImportFormatError`.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from dataclasses import dataclass

from winwin_desktop.formats.names import SORT_AS, cleaned
from winwin_desktop.formats.records import (
    PHOTO_LIMIT,
    ContactRecord,
    ImportFormatError,
    ParsedFile,
    RecordProblem,
    Skipped,
    checked,
    clean_email,
    decode_text,
    looks_binary,
    name_from_parts,
    one_line,
    real_date,
    unique,
    utf16_without_bom,
)
from winwin_desktop.text import MONTH_NAMES

FORMAT = "vcard"
# Text properties that hold one value: a comma in them is text, not a separator.
_LIST_VALUED = {"CATEGORIES", "NICKNAME"}
_STRUCTURED = {"N", "ADR", "ORG", "GENDER", "CLIENTPIDMAP"}
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
# Properties about the file, not the person: PROFILE in any case made vobject refuse the
# card ("already has a PROFILE"); AGENT holds another card.
_IGNORED = {"VERSION", "BEGIN", "END", "PROFILE", "AGENT"}
_NAME = re.compile(r"^[A-Z0-9-]+$")
# Labels Google adds to every contact; they are not the user's tags.
_SYSTEM_GROUPS = {
    "mycontacts",
    "starred",
    "* mycontacts",
    "* my contacts",
    "my contacts",
    "* starred",
    "imported on",
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QP = re.compile(r"QUOTED-PRINTABLE", re.IGNORECASE)
_BDAY = re.compile(
    r"^(?:(?P<year>\d{4})-?|--)(?P<month>\d{2})-?(?P<day>\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# Apple writes a birthday without a year as this year (and X-APPLE-OMIT-YEAR=1604).
_NO_YEAR = {"1604", "1900"}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF", b"BM")


def read_vcards(data: bytes, file: str) -> ParsedFile:
    """The contacts in a vCard file; :class:`ImportFormatError` when it is not one."""
    text, raw = _decode(data)
    if not text.strip():
        raise ImportFormatError(file, "", "the file is empty; choose a file with contacts in it.")
    if looks_binary(text):
        raise ImportFormatError(
            file, "line 1", "this is not a text file, so it cannot be a vCard file."
        )
    parsed = ParsedFile(file, FORMAT)
    cards, problems = _cards(_logical_lines(text))
    if not cards and not problems:
        raise ImportFormatError(
            file,
            "line 1",
            "there is no contact (BEGIN:VCARD … END:VCARD) in this file; it may not be a "
            "vCard file.",
        )
    for number, first_line, lines in cards:
        place = f"card {number} (line {first_line})"
        try:
            parsed.contacts.append(_contact(lines, place, raw))
        except RecordProblem as problem:
            parsed.skipped.append(Skipped(place, f"This card was skipped: {problem}."))
    for number, first_line, problem in problems:
        parsed.skipped.append(
            Skipped(f"card {number} (line {first_line})", f"This card was skipped: {problem}.")
        )
    parsed.skipped.sort(key=lambda s: int(s.place.split()[1]))
    if not parsed.contacts and problems and len(problems) == len(parsed.skipped):
        number, first_line, problem = problems[0]
        raise ImportFormatError(file, f"card {number} (line {first_line})", f"{problem}.")
    return parsed


def _decode(data: bytes) -> tuple[str, bool]:
    """The file as text, and whether it is "raw": not valid UTF-8 (or UTF-16), so read
    byte for byte (Latin-1) and each value decoded later in its own ``CHARSET``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data):
        return decode_text(data), False
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return data.decode("latin-1"), True


def _value_text(value: str, raw: bool, charset: str | None) -> str:
    """A value of a raw file in its own charset; else, as UTF-8 when it is valid UTF-8
    (most phones), else Windows-1252 (Outlook)."""
    if not raw or value.isascii():
        return value
    data = value.encode("latin-1")
    if charset:
        return data.decode(charset, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# ---- lines and cards ----------------------------------------------------------------------


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(line number, unfolded line): folds (a line that starts with a space or a tab),
    quoted-printable soft line breaks (a line that ends with ``=``) and 2.1 backslash
    continuations (a line that ends with a lone ``\\``) joined; ``#`` comment lines
    left out. Linear: a value folded over 200,000 lines is joined once."""
    result: list[tuple[int, list[str]]] = []
    physical = _LINE_BREAK.split(text)
    index = 0
    while index < len(physical):
        line = physical[index]
        number = index + 1
        index += 1
        if line[:1] in (" ", "\t") and result:
            result[-1][1].append(line[1:])
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [line]
        qp = _is_qp(line)
        while index < len(physical):
            last = parts[-1]
            if qp and last.endswith("="):
                parts[-1] = last[:-1]  # a soft line break is removed whole
            elif _continues(last) and not _starts_property(physical[index]):
                parts[-1] = last[:-1] + "\n"
            else:
                break
            parts.append(physical[index])
            index += 1
        result.append((number, parts))
    return [(number, "".join(parts)) for number, parts in result]


def _continues(line: str) -> bool:
    """A line ending in one backslash (not an escaped one) goes on on the next line."""
    stripped = line.rstrip("\\")
    return (len(line) - len(stripped)) % 2 == 1


# The properties a continued 2.1 value can be followed by: a line that starts with one
# of these is a property of its own, anything else ("Hinterhaus;Hannover") goes on.
_PROPERTY_START = re.compile(
    r"^(?:[\w-]+\.)?(?:X-[\w-]+|BEGIN|END|VERSION|PROFILE|NAME|SOURCE|FN|N|NICKNAME|PHOTO|"
    r"BDAY|ANNIVERSARY|GENDER|KIND|ADR|LABEL|TEL|EMAIL|MAILER|IMPP|LANG|TZ|GEO|TITLE|ROLE|"
    r"LOGO|AGENT|ORG|MEMBER|RELATED|CATEGORIES|NOTE|PRODID|REV|SORT-STRING|SOUND|UID|URL|"
    r"CLASS|KEY|FBURL|CALADRURI|CALURI|CLIENTPIDMAP|XML)[;:]",
    re.IGNORECASE,
)


def _starts_property(line: str) -> bool:
    return bool(_PROPERTY_START.match(line))


def _is_qp(line: str) -> bool:
    start = line[:2000]
    if not _QP.search(start):
        return False  # most lines: no need to find where the value starts
    head = _split_value(start)[0]
    return head is not None and bool(_QP.search(head))


def _cards(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, int, list[tuple[int, str]]]], list[tuple[int, int, str]]]:
    """The cards (number, first line, their lines) and the cards that cannot be read
    (number, first line, why). A card inside a card (a 2.1 ``AGENT``, Android) is left
    out with its parent kept; a card without ``END:VCARD`` is skipped, not the file."""
    cards: list[tuple[int, int, list[tuple[int, str]]]] = []
    problems: list[tuple[int, int, str]] = []
    current: list[tuple[int, str]] | None = None
    start = depth = 0
    count = 0
    for number, line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None and (depth or _is_agent(current)):
                depth += 1  # a card inside this one: not a contact of its own
                continue
            if current is not None:
                problems.append((count, start, "it has no END:VCARD before the next card"))
            count += 1
            current, start, depth = [], number, 0
        elif upper == "END:VCARD":
            if current is None:
                continue  # a stray end: nothing to close
            if depth:
                depth -= 1
                continue
            cards.append((count, start, current))
            current = None
        elif current is not None and not depth:
            current.append((number, line))
    if current is not None:
        problems.append((count, start, "the card has no END:VCARD; the file looks cut short"))
    return cards, problems


def _is_agent(lines: list[tuple[int, str]]) -> bool:
    """The card's last line is an empty ``AGENT:``: a 2.1 card follows inside it."""
    if not lines:
        return False
    head, value = _split_value(lines[-1][1])
    return head is not None and not value.strip() and _property_name(head) == "AGENT"


def _property_name(head: str) -> str:
    return _split_params(head)[0].rpartition(".")[2].strip().upper()


def _split_value(line: str) -> tuple[str | None, str]:
    """(name and parameters, value) at the first colon outside double quotes."""
    colon = line.find(":")
    if colon >= 0 and '"' not in line[:colon]:
        return line[:colon], line[colon + 1 :]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return None, line


def _split_params(head: str) -> list[str]:
    parts, current, quoted = [], [], False
    for char in head:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


# ---- one card -----------------------------------------------------------------------------


def _contact(lines: list[tuple[int, str]], place: str, raw: bool = False) -> ContactRecord:
    properties: list[_Property] = []
    photos: list[bytes] = []
    for number, line in lines:
        head, value = _split_value(line)
        if head is None:
            raise RecordProblem(f"line {number} is not a vCard property (it has no colon)")
        params = _split_params(head)
        # The group (item1.) is left out, and the name upper-cased (item1.email).
        name = params[0].rpartition(".")[2].strip().upper()
        if not name or not _NAME.match(name):
            raise RecordProblem(f"line {number} does not start with a property name")
        if name in _BINARY:
            if name == "PHOTO":
                photo = _photo(params[1:], value)
                if photo:
                    photos.append(photo)
            continue
        if name in _IGNORED:
            continue
        checked(value, name.lower())  # before any copy is made of a value far too long
        charset = _charset(params[1:])
        if any(_QP.search(p) for p in params[1:]):
            value = _decode_qp(value, charset, raw)
        else:
            value = _value_text(value, raw, charset)
        kept = [p for p in params[1:] if not _is_transfer_param(p)]
        properties.append(_Property.of(name, kept, value))
    return _record(properties, photos[0] if photos else None, place)


@dataclass
class _Name:
    family: str = ""
    given: str = ""
    additional: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass
class _Property:
    """One property of a card: its name, parameters and value, unescaped."""

    name: str
    params: dict[str, list[str]]
    singletonparams: list[str]
    value: str | list[str] | _Name

    @classmethod
    def of(cls, name: str, params: list[str], value: str) -> _Property:
        named: dict[str, list[str]] = {}
        single: list[str] = []
        for param in params:
            key, equals, values = param.partition("=")
            if not equals:
                single.append(param.strip())
                continue
            found = named.setdefault(key.strip().upper(), [])
            if values.startswith('"') and values.endswith('"') and len(values) > 1:
                found.append(values[1:-1])  # quoted: commas in it are text
            else:
                found.extend(v.strip('"') for v in values.split(","))
        if "\r" in value:  # a quoted-printable line break
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if name == "N":
            parts = [_unescape(v) for v in _split_at(value, ";")][:5]
            return cls(name, named, single, _Name(*parts))
        if name in _STRUCTURED:
            return cls(name, named, single, [_unescape(v) for v in _split_at(value, ";")])
        if name in _LIST_VALUED:
            return cls(name, named, single, [_unescape(v) for v in _split_at(value, ",")])
        return cls(name, named, single, _unescape(value))


def _split_at(value: str, separator: str) -> list[str]:
    """``value`` cut at each ``separator`` that is not escaped with a backslash."""
    if "\\" not in value:
        return value.split(separator)
    parts, start, index = [], 0, 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == separator:
            parts.append(value[start:index])
            start = index + 1
        index += 1
    parts.append(value[start:])
    return parts


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


def _unescape(value: str) -> str:
    """Text as RFC 6350 escapes it (``\\n``, ``\\,``, ``\\;``, ``\\\\``; Google's
    ``https\\://``) read back; a backslash before anything else is kept; raw line breaks
    (a 2.1 continuation) stay line breaks."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: _UNESCAPED.get(m[1], m[0]), value)


def _is_transfer_param(param: str) -> bool:
    key = param.partition("=")[0].strip().upper()
    upper = param.strip().upper()
    return key in ("ENCODING", "CHARSET") or upper in ("QUOTED-PRINTABLE", "BASE64", "8BIT")


def _charset(params: list[str]) -> str | None:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().upper() == "CHARSET":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                break
    return None


def _decode_qp(value: str, charset: str | None, raw_file: bool = False) -> str:
    """Quoted-printable text in ``charset``; without one (Outlook), UTF-8 if the bytes
    are UTF-8, else Windows-1252."""
    encoding = "latin-1" if raw_file else charset or "utf-8"
    raw = quopri.decodestring(value.encode(encoding, errors="replace"))
    if charset is None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")
    return raw.decode(charset, errors="replace")


def _photo(params: list[str], value: str) -> bytes | None:
    """The picture's bytes from base64 (2.1, 3.0) or a ``data:`` URI (4.0); None for a
    link to a picture elsewhere (nothing is fetched) or a picture that does not decode."""
    value = value.strip()
    if value[:5].lower() == "data:":
        header, _, value = value.partition(",")
        if ";base64" not in header.lower():
            return None
    elif not any(
        p.strip().upper() in ("ENCODING=B", "ENCODING=BASE64", "BASE64", 'ENCODING="B"')
        for p in params
    ):
        return None
    value = re.sub(r"\s+", "", value)
    if len(value) > PHOTO_LIMIT * 4 // 3 + 4:
        raise RecordProblem(f"its photo is larger than {PHOTO_LIMIT // 1_000_000} MB")
    try:
        picture = base64.b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None
    return picture if picture.startswith(_IMAGE_MAGIC) else None


def _record(properties: list[_Property], photo: bytes | None, place: str) -> ContactRecord:
    children: dict[str, list[_Property]] = {}
    for child in properties:
        children.setdefault(child.name, []).append(child)

    def texts(name: str) -> list[str]:
        values = []
        for child in children.get(name, []):
            value = child.value
            if isinstance(value, list):
                values.extend(str(v) for v in value)
            else:
                values.append(str(value))
        return [checked(v, name.lower()) for v in values]

    def first(name: str) -> str:
        found = texts(name)
        return one_line(found[0]) if found else ""

    organisation, units = "", []
    for child in children.get("ORG", []):
        parts = [_joined(part) for part in _as_list(child.value)]
        parts = [checked(one_line(p), "organisation") for p in parts if one_line(p)]
        if parts:
            organisation, units = parts[0], parts[1:]
            break
    given = family = additional = ""
    structured: dict[str, str] = {}
    for child in children.get("N", []):
        value = child.value
        family = _joined(getattr(value, "family", ""))
        given = _joined(getattr(value, "given", ""))
        additional = _joined(getattr(value, "additional", ""))
        structured = cleaned(
            {
                "family": family,
                "given": given,
                "additional": additional,
                "prefixes": _joined(getattr(value, "prefix", "")),
                "suffixes": _joined(getattr(value, "suffix", "")),
                SORT_AS: ",".join(child.params.get("SORT-AS", [])),
            }
        )
        break
    personal = name_from_parts(given, additional, family)
    name = first("FN") or personal
    if _is_group(first):
        shown = f" (“{name}”)" if name else ""
        raise RecordProblem(f"it is a group or list of contacts{shown}, not a person")
    company_only = (
        first("X-ABSHOWAS").upper() == "COMPANY"
        or first("KIND").casefold() == "org"
        or (not personal and bool(organisation) and name in ("", organisation))
    )
    if company_only and organisation:
        name = organisation
    emails = _by_preference(children.get("EMAIL", []), clean_email)
    if not name and emails:
        name = emails[0]  # named by the address: a guessed name would be wrong
    if not name:
        raise RecordProblem("it has no name, no organisation and no email to name it after")
    checked(name, "name")
    role = first("TITLE") or first("ROLE")
    if units:
        role = f"{role} ({', '.join(units)})" if role else ", ".join(units)
    phones = _by_preference(children.get("TEL", []), _phone)
    links = unique(
        [_link(v) for v in texts("URL")]
        + [_link(v) for v in texts("X-SOCIALPROFILE")]
        + [_link(v) for v in texts("X-LINKEDIN")]
    )
    notes = [n.strip() for n in texts("NOTE") if n.strip()]
    birthday = _birthday_field(first("BDAY"))
    shown = _birthday(first("BDAY"))
    if shown and f"Birthday: {shown}" not in "\n\n".join(notes):
        notes.append(f"Birthday: {shown}")
    tags = [t for t in unique(texts("CATEGORIES")) if t.casefold() not in _SYSTEM_GROUPS]
    uid = first("UID")
    return ContactRecord(
        place=place,
        name=name,
        organisation=organisation,
        role=role,
        emails=emails,
        phones=phones,
        links=[link for link in links if link],
        tags=tags,
        notes="\n\n".join(notes),
        photo=photo,
        structured_name=structured,
        birthday=birthday,
        source_key=f"vcard:{uid}" if uid else "",
        company_only=company_only,
    )


def _is_group(first) -> bool:
    """A card for a group or a mailing list: vCard 4.0's ``KIND:group``, Apple's and
    CardBook's ``X-ADDRESSBOOKSERVER-KIND:group``, Evolution's ``X-EVOLUTION-LIST:TRUE``
    (its members' addresses are in it, as if they were one person's)."""
    return (
        first("KIND").casefold() == "group"
        or first("X-ADDRESSBOOKSERVER-KIND").casefold() == "group"
        or first("X-EVOLUTION-KIND").casefold() == "group"
        or first("X-EVOLUTION-LIST").casefold() == "true"
    )


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _joined(value) -> str:
    """A component vobject split at unescaped commas, put back together."""
    if isinstance(value, list):
        return ",".join(_joined(v) for v in value)
    return str(value or "")


def _by_preference(children: list, clean) -> list[str]:
    ranked = []
    for order, child in enumerate(children):
        value = child.value
        if not isinstance(value, str):
            continue
        cleaned = clean(checked(value, child.name.lower()))
        if not cleaned:
            continue
        types = {t.upper() for t in child.params.get("TYPE", [])} | {
            t.upper() for t in child.singletonparams
        }
        preferred = "PREF" in types or bool(child.params.get("PREF"))
        ranked.append((not preferred, order, cleaned))
    return unique([value for _, _, value in sorted(ranked)])


def _phone(value: str) -> str:
    value = one_line(value)
    if value[:4].lower() == "tel:":
        value = value[4:]
    return value if any(c.isdigit() for c in value) else ""


def _link(value: str) -> str:
    value = one_line(value)
    # Apple's X-SOCIALPROFILE can be "x-apple:handle"; keep only real addresses.
    return value if "://" in value or value.startswith("www.") else ""


def _birthday_field(value: str) -> str:
    """The birthday as WinWin keeps it: ``1980-04-02``, or ``--04-02`` without a year;
    "" when there is none or it is not a date."""
    match = _BDAY.match(value.strip()) if value else None
    if not match:
        return ""
    year = match["year"]
    if year is None or year in _NO_YEAR:
        return f"--{match['month']}-{match['day']}"
    return f"{year}-{match['month']}-{match['day']}"


def _birthday(value: str) -> str:
    """The birthday as the notes show it (``1980-04-02``, or ``2 April`` without a year)."""
    if not value:
        return ""
    match = _BDAY.match(value.strip())
    if not match:
        return value
    year = match["year"]
    month, day = int(match["month"]), int(match["day"])
    if year is None or year in _NO_YEAR:
        when = real_date(2000, month, day, "birthday")  # a leap year: 29 February is real
        return f"{day} {MONTH_NAMES[when.month - 1]}"
    return real_date(int(year), month, day, "birthday").isoformat()
