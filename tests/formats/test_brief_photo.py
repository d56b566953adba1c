"""The person's photo in the brief: beside the name in HTML and PDF, left out of Markdown."""

from __future__ import annotations

import base64
import datetime as dt
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from tests.helpers.brief import ART
from winwin_desktop.formats.brief import pdf as brief_pdf
from winwin_desktop.formats.brief.model import BriefData, PersonBrief
from winwin_desktop.formats.brief.text import PHOTO_PX, image_data_uri, to_html, to_markdown
from winwin_desktop.journal import people
from winwin_desktop.journal.brief import gather_brief
from winwin_desktop.store.models import Person

TODAY = dt.date(2026, 11, 27)
PHOTO_TAG = re.compile(r'<img class="photo" src="([^"]+)" width="(\d+)"(?: height="(\d+)")?')


def image_bytes(width: int, height: int, fmt: str = "JPG", colour: str = "#3a7bd5") -> bytes:
    brief_pdf.ensure_gui_application()
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, fmt)
    return bytes(data)


def brief_of(photo: bytes | None) -> BriefData:
    return BriefData(TODAY, [PersonBrief(person_id=1, name="Zoë", photo=photo)])


def test_html_embeds_the_photo_as_a_data_uri_and_markdown_leaves_it_out():
    jpeg = image_bytes(40, 30)
    html = to_html(brief_of(jpeg))
    [(src, width, height)] = PHOTO_TAG.findall(html)
    assert src == "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    assert (width, height) == (str(PHOTO_PX), "")  # as stored: the height follows the width
    assert html.index('class="photo"') < html.index("<h1>Zoë</h1>")
    assert "data:" not in to_markdown(brief_of(jpeg))


def test_no_photo_or_bytes_that_are_no_image_give_no_img():
    assert 'class="photo"' not in to_html(brief_of(None))
    assert 'class="photo"' not in to_html(brief_of(b"<svg onload=alert(1)>"))
    assert image_data_uri(b"GIF89a...") == "data:image/gif;base64," + base64.b64encode(
        b"GIF89a..."
    ).decode("ascii")


def test_saved_html_brief_has_a_square_thumbnail(journal, tmp_path):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    # Photos arrive through a vCard import; the test stores one directly.
    Person.update(photo=image_bytes(600, 300)).where(Person.id == zoe.id).execute()
    [path] = brief_pdf.save_brief(gather_brief([zoe.id], TODAY), tmp_path / "zoe.html", art=ART)
    [(src, width, height)] = PHOTO_TAG.findall(path.read_text(encoding="utf-8"))
    assert (width, height) == (str(PHOTO_PX), str(PHOTO_PX))
    prefix = "data:image/png;base64,"
    assert src.startswith(prefix)
    thumbnail = QImage.fromData(base64.b64decode(src[len(prefix) :]))
    assert (thumbnail.width(), thumbnail.height()) == (PHOTO_PX * 2, PHOTO_PX * 2)
    middle = thumbnail.pixelColor(PHOTO_PX, PHOTO_PX)
    assert middle.name() == "#3a7bd5"


def test_pdf_document_shows_the_photo(journal, tmp_path):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    Person.update(photo=image_bytes(200, 200, "PNG")).where(Person.id == zoe.id).execute()
    brief = gather_brief([zoe.id], TODAY)
    document = brief_pdf.brief_document(brief, 480, art=ART)
    url = QUrl(f"winwin-photo-{zoe.id}.png")
    image = document.resource(QTextDocument.ResourceType.ImageResource, url)
    assert image.width() == PHOTO_PX * brief_pdf.PHOTO_SCALE
    assert f'src="winwin-photo-{zoe.id}.png"' in document.toHtml()
    assert brief_pdf.write_pdf(brief, tmp_path / "zoe.pdf", art=ART) == 1


def test_a_person_without_a_photo_has_none_in_the_document(journal):
    ada = people.add_person("Ada")
    document = brief_pdf.brief_document(gather_brief([ada.id], TODAY), 480, art=ART)
    assert "winwin-photo" not in document.toHtml()
