"""Names over the length limit: refused with a sentence when typed, cut the same way on
every import so that importing the file again finds the person it added."""

from __future__ import annotations

import pytest

from winwin_desktop.journal import ValidationError, importing, people
from winwin_desktop.journal.validate import NAME_LIMIT
from winwin_desktop.store.models import Person

pytestmark = pytest.mark.both_journal_kinds

LONG = "Maximilian " * 25  # 275 characters with the spaces


def test_a_typed_name_over_the_limit_is_refused_with_a_sentence(journal):
    with pytest.raises(ValidationError) as refused:
        people.add_person(LONG)
    assert refused.value.message == (
        f"Keep the name to {NAME_LIMIT} characters (this one has {len(LONG.strip())}); "
        "put the rest in the notes."
    )
    assert Person.select().count() == 0


@pytest.mark.parametrize(
    ("file_name", "text"),
    [
        ("long.vcf", f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{LONG}\r\nEND:VCARD\r\n"),
        ("long.csv", f"Name,Notes\r\n{LONG},met at a fair\r\n"),
    ],
)
def test_importing_a_long_name_twice_adds_one_person(journal, tmp_path, file_name, text):
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    for _ in range(3):
        importing.apply(importing.preview(importing.read_path(path)))
    (name,) = [p.name for p in Person.select()]
    assert name == LONG.strip()[:NAME_LIMIT].rstrip()
    assert len(name) <= NAME_LIMIT
