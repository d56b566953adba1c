"""The one text module: folding, slugs and plurals, the same for every part of the app."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winwin_desktop.text import SPELLED_OUT, fold, plural, short_day, slug, words


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Søren", "soren"),
        ("SØREN", "soren"),
        ("Ægir", "aegir"),
        ("Œuvre", "oeuvre"),
        ("Straße", "strasse"),
        ("Łukasz", "lukasz"),
        ("Đặng", "dang"),
        ("Þór", "thor"),
        ("Yılmaz", "yilmaz"),
        ("İzmir", "izmir"),
        ("Håkansson", "hakansson"),
        ("Zoë Brontë-Nuñez", "zoe bronte-nunez"),
        ("Ŀl", "ll"),
        ("佐藤", "佐藤"),
    ],
)
def test_fold_lowers_case_and_strips_accents_and_spells_out_letters(typed, folded):
    assert fold(typed) == folded


def _fold_by_definition(text: str) -> str:
    """What fold means, character by character: case folded, the letters SPELLED_OUT
    lists spelled out, decomposed, combining marks dropped, spelled out again."""
    spelled = "".join(SPELLED_OUT.get(c, c) for c in text.casefold())
    decomposed = unicodedata.normalize("NFKD", spelled)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(SPELLED_OUT.get(c, c) for c in kept)


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(SPELLED_OUT))))
def test_fold_is_its_definition_for_any_text(text):
    # fold translates through tables that learn each character the first time they see
    # it: the answer must not depend on what was folded before.
    assert fold(text) == _fold_by_definition(text)
    assert fold(text) == _fold_by_definition(text)


def test_words_split_where_the_search_index_splits():
    assert words("Zoë Brontë-Nuñez, Gdańsk") == ["zoe", "bronte", "nunez", "gdansk"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ægir", "aegir"),
        ("Zoë Brontë-Nuñez", "zoe-bronte-nunez"),
        ("Søren Ødegaard", "soren-odegaard"),
        ("Siobhán O'Connor", "siobhan-o-connor"),
        ("佐藤", ""),
    ],
)
def test_slug_keeps_every_letter_in_ascii(name, expected):
    assert slug(name) == expected


def test_slug_with_another_separator():
    assert slug("Gdańsk Shipping Tech", "") == "gdanskshippingtech"


def test_plural():
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"
    assert plural(0, "interaction") == "0 interactions"
    assert plural(2_000, "point") == "2,000 points"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 11, 27), "Fri 27 Nov"),
        (dt.date(2026, 1, 1), "Thu 1 Jan"),
        (dt.date(2025, 12, 31), "Wed 31 Dec 2025"),  # not this year: the year too
        (dt.date(2027, 3, 1), "Mon 1 Mar 2027"),
    ],
)
def test_short_day_says_the_year_only_when_it_is_not_this_one(day, words):
    assert short_day(day, dt.date(2026, 11, 27)) == words


def test_short_day_says_the_year_when_asked():
    assert short_day(dt.date(2026, 11, 27), dt.date(2026, 11, 27), year=True) == "Fri 27 Nov 2026"
