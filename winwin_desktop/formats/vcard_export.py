"""People as vCard 4.0 (RFC 6350), through ``vobject``, for address books and for WinWin
itself to import again.

Pure: a :class:`~winwin_desktop.formats.winwin_json.Snapshot` (already without the trash)
in, text out. Each person is one card:

=================  ==================================================================
``FN``, ``N``      the name; ``N`` from the name's parts as imported (``SORT-AS`` too),
                   else from the typed name (``formats/names.py``: nameparser, and a
                   Chinese, Japanese or Korean name never reordered)
``BDAY``           the birthday (``19800402``, ``--0402`` without a year)
``ORG``, ``TITLE`` organisation and role
``EMAIL``, ``TEL`` every email and phone, the first with ``PREF=1``
``URL``            every link
``NOTE``           the notes (Markdown as written)
``CATEGORIES``     the tags
``PHOTO``          the picture, as a ``data:`` URI (vobject leaves this line unfolded, as
                   Apple's Contacts expects)
``UID``            ``urn:uuid:`` and the person's uid, so a re-import finds the same person
``REV``            when the person was last changed
=================  ==================================================================
"""

from __future__ import annotations

import base64
import datetime as dt

import vobject

from winwin_desktop import APP_NAME, __version__
from winwin_desktop.formats.export_csv import people_in_order, tags_by_person
from winwin_desktop.formats.names import SORT_AS, cleaned, parts_of
from winwin_desktop.formats.winwin_json import PersonRow, Snapshot

UID_PREFIX = "urn:uuid:"
PRODID = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"


def to_vcards(snapshot: Snapshot) -> str:
    """Every live person's card, one after the other (CRLF line endings, as RFC 6350 says)."""
    tags = tags_by_person(snapshot)
    return "".join(
        person_vcard(person, tags.get(person.uid, []))
        for person in people_in_order(snapshot.people)
    )


def person_vcard(person: PersonRow, tags: list[str] = ()) -> str:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add("uid").value = f"{UID_PREFIX}{person.uid}"
    card.add("fn").value = person.name
    parts = cleaned(person.structured_name) or parts_of(person.name)
    n = card.add("n")
    n.value = vobject.vcard.Name(
        family=parts.get("family", ""),
        given=parts.get("given", ""),
        additional=parts.get("additional", ""),
        prefix=parts.get("prefixes", ""),
        suffix=parts.get("suffixes", ""),
    )
    if parts.get(SORT_AS):
        n.params["SORT-AS"] = [parts[SORT_AS]]
    if person.birthday:
        card.add("bday").value = _bday(person.birthday)
    if person.organisation:
        card.add("org").value = [person.organisation]
    if person.role:
        card.add("title").value = person.role
    for kind, values in (("email", person.emails), ("tel", person.phones), ("url", person.links)):
        for index, value in enumerate(values):
            line = card.add(kind)
            line.value = value
            if index == 0 and len(values) > 1 and kind != "url":
                line.params["PREF"] = ["1"]
    if person.notes:
        card.add("note").value = person.notes
    if tags:
        card.add("categories").value = list(tags)
    if person.photo and (mime := image_type(person.photo)):
        photo = card.add("photo")
        # A URI, written as it is: text escaping would turn its ";" and "," into "\;" "\,".
        photo.value = f"data:{mime};base64,{base64.b64encode(person.photo).decode('ascii')}"
        photo.encoded = True
    card.add("rev").value = _stamp(person.updated_at)
    return card.serialize()


def _bday(birthday: str) -> str:
    """RFC 6350's form: ``19800402``, or ``--0402`` for a birthday without a year."""
    if birthday.startswith("--"):
        return "--" + birthday[2:].replace("-", "")
    return birthday.replace("-", "")


def image_type(data: bytes) -> str | None:
    """The MIME type of a picture, from its first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"BM"):
        return "image/bmp"
    return None


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")
