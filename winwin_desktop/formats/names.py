"""A person's name in parts, as vCard's ``N`` holds it: family, given, additional names,
prefixes and suffixes (and how to sort it, ``SORT-AS``).

An address book gives the parts; a name typed into WinWin is split by ``nameparser``
("Mr. John Richter James Doe Sr." → prefix Mr., given John, additional Richter James,
family Doe, suffix Sr.). A Chinese, Japanese or Korean name is written family name
first and is never reordered: its first word is the family name, and a name written as
one word stays whole.
"""

from __future__ import annotations

PARTS = ("family", "given", "additional", "prefixes", "suffixes")
SORT_AS = "sort_as"


def is_cjk(text: str) -> bool:
    """Whether ``text`` has Han, kana or Hangul letters (a name written family first)."""
    return any(
        "\u3040" <= c <= "\u30ff"  # hiragana, katakana
        or "\u3400" <= c <= "\u9fff"  # CJK ideographs
        or "\uac00" <= c <= "\ud7af"  # Hangul
        or "\uf900" <= c <= "\ufaff"
        for c in text
    )


def cleaned(parts: dict | None) -> dict[str, str]:
    """Only the known parts, as single-spaced text, the empty ones left out."""
    result = {}
    for key in (*PARTS, SORT_AS):
        value = " ".join(str((parts or {}).get(key) or "").split())
        if value:
            result[key] = value
    return result


def parts_of(name: str) -> dict[str, str]:
    """The parts of a typed name."""
    name = " ".join(name.split())
    if not name:
        return {}
    if is_cjk(name):
        family, _, given = name.partition(" ")
        return cleaned({"family": family, "given": given})
    from nameparser import HumanName  # here: only an export needs it

    parsed = HumanName(name)
    if not parsed.last and not parsed.first:
        return {"given": name}
    if not parsed.last:  # one word: a given name (Cher), as address books take it
        return cleaned({"given": parsed.first, "prefixes": parsed.title})
    return cleaned(
        {
            "family": parsed.last,
            "given": parsed.first,
            "additional": parsed.middle,
            "prefixes": parsed.title,
            "suffixes": parsed.suffix,
        }
    )
