"""``winwin search``, run as a user runs it: a separate process on a temporary journal."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.cli import run_winwin, user_env
from tests.helpers.journals import open_again
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal


@pytest.fixture
def winwin(tmp_path, journal_path, passphrase):
    """Run a subcommand on the test's journal (``--db`` after the subcommand); its
    passphrase, if it has one, in WINWIN_PASSPHRASE."""
    env = user_env(tmp_path, passphrase=passphrase)
    return lambda *args: run_winwin([*args, "--db", str(journal_path)], env, tmp_path)


@pytest.fixture
def seeded(journal_path, passphrase):
    """Zoë (Gdańsk Shipping Tech) and Minh, and a call with both about pricing."""
    open_again(journal_path, passphrase)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Gdańsk Shipping Tech")
        minh = people.add_person("Minh Hoang")
        interactions.log_interaction(
            "2026-09-01",
            "Pricing call with Zoë",
            [zoe.id, minh.id],
            kind="call",
            notes="Walked through the market map.",
            exchanges=[
                ExchangeData(zoe.id, "given", "advice", 2, "feedback on their pricing page")
            ],
        )
    finally:
        close_journal()
    return journal_path


@pytest.mark.both_journal_kinds
def test_results_grouped_by_kind(winwin, seeded):
    result = winwin("search", "zoe")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "People\n"
        "  Zoë Brontë-Nuñez\n"
        "  Gdańsk Shipping Tech\n"
        "\n"
        "Interactions\n"
        "  2026-09-01  Pricing call with Zoë · Zoë Brontë-Nuñez, Minh Hoang\n"
        "              Walked through the market map.\n"
    )


def test_words_need_no_quotes_and_prefixes_match(winwin, seeded):
    result = winwin("search", "pric", "page")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Exchanges\n"
        "  2026-09-01  Gave advice 2 · Pricing call with Zoë · Zoë Brontë-Nuñez\n"
        "              feedback on their «pricing page»\n"
    )


@pytest.mark.both_journal_kinds
def test_json_gives_kind_title_date_people_and_snippet(winwin, seeded):
    result = winwin("search", '"market map"', "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "kind": "interaction",
            "title": "Pricing call with Zoë",
            "date": "2026-09-01",
            "people": ["Zoë Brontë-Nuñez", "Minh Hoang"],
            "snippet": "Walked through the «market map».",
        }
    ]
    people_hit = json.loads(winwin("search", "gdansk", "--json").stdout)
    assert people_hit == [
        {
            "kind": "person",
            "title": "Zoë Brontë-Nuñez",
            "date": None,
            "people": ["Zoë Brontë-Nuñez"],
            "snippet": "«Gdańsk» Shipping Tech",
        }
    ]


def test_limit(winwin, seeded):
    result = winwin("search", "zoe", "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert [hit["kind"] for hit in json.loads(result.stdout)] == ["person"]


def test_no_hits_is_a_friendly_line(winwin, seeded):
    result = winwin("search", "zeppelin")
    assert result.returncode == 0
    assert result.stdout == (
        "Nothing in the journal matches “zeppelin”; try fewer or shorter words.\n"
    )
    assert json.loads(winwin("search", "zeppelin", "--json").stdout) == []


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_bad_limit_is_refused_in_one_line(winwin, seeded, limit):
    result = winwin("search", "zoe", f"--limit={limit}")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"winwin: --limit takes a number of results from 1 up, not “{limit}”.\n"
    )


def test_a_query_without_words_is_refused(winwin, seeded):
    result = winwin("search", "*")
    assert result.returncode == 2
    assert result.stderr == (
        "winwin: Give at least one word to search for, e.g. winwin search pricing.\n"
    )


def test_hostile_queries_are_plain_words(winwin, seeded):
    for query in ("'; DROP TABLE person; --", 'pricing AND ( "NEAR(', "x" * 5000):
        result = winwin("search", query)
        assert result.returncode == 0, result.stderr
    assert "Zoë Brontë-Nuñez" in winwin("search", "zoe").stdout


@pytest.mark.both_journal_kinds
def test_search_loads_no_gui(seeded, tmp_path, passphrase):
    script = (
        "import sys\n"
        "from winwin_desktop import cli\n"
        f"code = cli.main(['search', 'zoe', '--db', {str(seeded)!r}])\n"
        "assert code == 0, code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('PySide6', 'matplotlib'))}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=user_env(tmp_path, passphrase=passphrase),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
