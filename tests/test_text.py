"""The one text module: folding, slugs and plurals, the same for every part of the app."""

from __future__ import annotations

import pytest

from winwin_desktop.text import fold, plural, slug, words


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
