"""The ``winwin`` command, run as a user runs it: a separate process on a temporary journal."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop import __version__, cli
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.text import short_day

JSON_KEYS = [
    "name",
    "organisation",
    "tags",
    "given",
    "received",
    "balance",
    "interactions",
    "last_contact",
    "status",
    "given_window",
    "received_window",
]
WINDOW_KEYS = ("status", "given_window", "received_window")


def all_time(records: list[dict]) -> list[dict]:
    """The records without the review-window keys (those depend on today's date)."""
    return [{k: v for k, v in r.items() if k not in WINDOW_KEYS} for r in records]


@pytest.fixture
def cli_env(tmp_path):
    """The environment of a user whose home and data folders are all inside ``tmp_path``."""
    return user_env(tmp_path)


@pytest.fixture
def run_cli(cli_env, tmp_path):
    return lambda *args, env=None: run_winwin(list(args), env or cli_env, tmp_path)


@pytest.fixture
def winwin(run_cli, journal_path):
    """Run a subcommand on the test's journal (``--db`` after the subcommand)."""
    return lambda *args: run_cli(*args, "--db", str(journal_path))


@pytest.fixture
def people_json(winwin):
    def read(*options: str) -> list[dict]:
        result = winwin("people", "--json", *options)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return read


@pytest.fixture
def seeded(journal_path):
    """A journal holding Zoë (Acme Robotics) and Minh, and one call with both."""
    open_journal(journal_path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
        minh = people.add_person("Minh Hoang")
        interactions.log_interaction(
            "2026-09-01",
            "Kick-off",
            [zoe.id, minh.id],
            kind="call",
            exchanges=[ExchangeData(zoe.id, "given", "advice", 2)],
        )
    finally:
        close_journal()
    return journal_path


def stored_interactions(path: Path) -> list[interactions.InteractionData]:
    """Every interaction in the journal at ``path``, oldest first."""
    db = open_journal(path)
    try:
        ids = [row[0] for row in db.execute_sql("SELECT id FROM interaction ORDER BY date, id")]
        return [interactions.get_interaction(i) for i in ids]
    finally:
        close_journal()


def test_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"winwin {__version__}\n" == "winwin 0.1.0\n"


@pytest.mark.needs_file("a new journal file is made and announced where there was none")
def test_person_add_then_people_json(winwin, people_json, journal_path):
    result = winwin(
        "person",
        "add",
        "  Zoë   Brontë-Nuñez ",
        "--org",
        "Acme Robotics",
        "--role",
        "Head of Partnerships",
        "--email",
        "zoe@acme.example",
        "--email",
        "zoe@home.example",
        "--tag",
        "robotics",
        "--tag",
        "partner",
        "--cadence",
        "30",
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Added Zoë Brontë-Nuñez.\n",
        f"Created a new journal at {journal_path}.\n",  # a writing command may create one
    )
    again = winwin("person", "add", "Minh Hoang")
    assert (again.stdout, again.stderr) == ("Added Minh Hoang.\n", "")

    records = people_json()
    assert all_time(records) == [
        {
            "name": "Minh Hoang",
            "organisation": "",
            "tags": [],
            "given": 0,
            "received": 0,
            "balance": 0,
            "interactions": 0,
            "last_contact": None,
        },
        {
            "name": "Zoë Brontë-Nuñez",
            "organisation": "Acme Robotics",
            "tags": ["partner", "robotics"],
            "given": 0,
            "received": 0,
            "balance": 0,
            "interactions": 0,
            "last_contact": None,
        },
    ]
    assert all(list(record) == JSON_KEYS for record in records)

    open_journal(journal_path)
    try:
        zoe = people.find_person("zoë brontë-nuñez")
    finally:
        close_journal()
    assert zoe.role == "Head of Partnerships"
    assert zoe.emails == ["zoe@acme.example", "zoe@home.example"]
    assert zoe.cadence_days == 30


def test_log_with_two_people_counts_exchanges_both_ways(seeded, winwin, people_json, journal_path):
    result = winwin(
        "log",
        "zoë brontë-nuñez,  MINH hoang",
        "--title",
        "Intro call",
        "--date",
        "2026-10-01",
        "--kind",
        "Video call",
        "--note",
        "Talked about the Q4 launch.",
        # No person: counts for each of the two participants.
        "--gave",
        "advice:3:market map: Q4 edition",
        # Person first, in any case.
        "--received",
        "minh hoang:Introduction:4:CFO intro",
        "--received",
        "Zoë Brontë-Nuñez:help/time:1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "Logged “Intro call” with Zoë Brontë-Nuñez, Minh Hoang (gave 6, received 5).\n"
    )
    result = winwin(
        "log", "Zoë Brontë-Nuñez", "--title", "Lunch", "--date", "2026-10-05", "--gave", "gift:1"
    )
    assert result.stdout == "Logged “Lunch” with Zoë Brontë-Nuñez (gave 1, received 0).\n"

    # Seed: Zoë given 2 on 2026-09-01, Minh present. Then the call: each given 3; Minh
    # received 4, Zoë received 1. Then lunch: Zoë given 1.
    assert all_time(people_json()) == [
        {
            "name": "Minh Hoang",
            "organisation": "",
            "tags": [],
            "given": 3,
            "received": 4,
            "balance": -1,
            "interactions": 2,
            "last_contact": "2026-10-01",
        },
        {
            "name": "Zoë Brontë-Nuñez",
            "organisation": "Acme Robotics",
            "tags": [],
            "given": 2 + 3 + 1,
            "received": 1,
            "balance": 5,
            "interactions": 3,
            "last_contact": "2026-10-05",
        },
    ]

    call = stored_interactions(journal_path)[1]
    assert (call.kind, call.title, call.notes) == (
        "video call",
        "Intro call",
        "Talked about the Q4 launch.",
    )
    assert [
        (e.person_name, e.direction, e.category, e.points, e.description) for e in call.exchanges
    ] == [
        ("Zoë Brontë-Nuñez", "given", "advice", 3, "market map: Q4 edition"),
        ("Minh Hoang", "given", "advice", 3, "market map: Q4 edition"),
        ("Minh Hoang", "received", "introduction", 4, "CFO intro"),
        ("Zoë Brontë-Nuñez", "received", "help/time", 1, ""),
    ]


def test_a_person_named_like_a_category_is_meant_when_a_category_follows(
    winwin, people_json, journal_path
):
    assert winwin("person", "add", "Gift").returncode == 0
    result = winwin(
        "log", "Gift", "--title", "Coffee", "--gave", "gift:1:a book", "--received", "Gift:advice:2"
    )
    assert result.stdout.endswith("(gave 1, received 2).\n"), result.stderr
    [coffee] = stored_interactions(journal_path)
    assert [(e.direction, e.category, e.points) for e in coffee.exchanges] == [
        ("given", "gift", 1),
        ("received", "advice", 2),
    ]


def test_log_defaults_to_today(seeded, winwin, people_json):
    assert winwin("log", "Minh Hoang", "--title", "Quick call").returncode == 0
    minh = next(r for r in people_json() if r["name"] == "Minh Hoang")
    assert minh["last_contact"] == dt.date.today().isoformat()


def test_new_adds_unknown_people_in_the_same_log(seeded, winwin, people_json):
    result = winwin(
        "log",
        "Minh Hoang, Rahel Tesfaye",
        "--title",
        "Dinner",
        "--date",
        "2026-10-02",
        "--new",
        "--received",
        "Rahel Tesfaye:referral:5:a client",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Logged “Dinner” with Minh Hoang, Rahel Tesfaye (gave 0, received 5);"
        " new in the journal: Rahel Tesfaye.\n"
    )
    rahel = next(r for r in people_json() if r["name"] == "Rahel Tesfaye")
    assert (rahel["given"], rahel["received"], rahel["balance"], rahel["interactions"]) == (
        0,
        5,
        -5,
        1,
    )


def test_people_prints_an_aligned_table_as_the_window_s_list(journal_path, winwin):
    """The balance over the review window that decides the status, as the window's list
    says it ("Balance (12 mo)"), and human dates; all-time figures stay in --json."""
    today = dt.date.today()
    recent, old = today - dt.timedelta(days=10), today - dt.timedelta(days=400)
    open_journal(journal_path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
        minh = people.add_person("Minh Hoang")
        people.add_person("Piotr Kowalski")
        interactions.log_interaction(
            old, "Old favour", [minh.id], exchanges=[ExchangeData(minh.id, "given", "advice", 5)]
        )
        interactions.log_interaction(
            recent,
            "Kick-off",
            [zoe.id, minh.id],
            exchanges=[
                ExchangeData(zoe.id, "given", "advice", 2),
                ExchangeData(minh.id, "received", "advice", 4),
            ],
        )
    finally:
        close_journal()
    result = winwin("people")
    assert result.returncode == 0, result.stderr
    day = short_day(recent, today)
    assert result.stdout.splitlines() == [
        line.rstrip()
        for line in (
            "Name              Organisation   Status  Balance (12 mo)  Last contact",
            f"Minh Hoang                       new                  -4  {day}",
            "Piotr Kowalski                   new                   0  never",
            f"Zoë Brontë-Nuñez  Acme Robotics  new                  +2  {day}",
        )
    ]
    minh_json = next(
        r for r in json.loads(winwin("people", "--json").stdout) if r["name"] == "Minh Hoang"
    )
    assert minh_json["balance"] == 1 and minh_json["last_contact"] == recent.isoformat()


def test_people_json_has_the_status_over_the_review_window(winwin, people_json):
    """Dates relative to today, so the window (365 days by default) always holds them."""
    today = dt.date.today()

    def log(name, days_ago, *exchanges):
        day = (today - dt.timedelta(days=days_ago)).isoformat()
        args = ["log", name, "--title", "x", "--date", day, "--new"]
        for direction, spec in exchanges:
            args += [f"--{direction}", spec]
        assert winwin(*args).returncode == 0

    # Ada: gave 3+3, received 2 inside the window (6/2 = 3 > 2.5), and 5 received 400 days ago.
    log("Ada", 400, ("received", "gift:5"))
    log("Ada", 30, ("gave", "advice:3"), ("gave", "advice:3"), ("received", "knowledge:2"))
    # Bo: gave 2, received 5 (2.5: exactly at the threshold) → win-win.
    log("Bo", 10, ("gave", "advice:2"), ("received", "referral:3"), ("received", "gift:2"))
    # Cy: two exchanges ever → new. Di: three, all older than the window → quiet.
    log("Cy", 5, ("received", "advice:4"), ("received", "advice:1"))
    log("Di", 500, ("gave", "advice:1"), ("gave", "advice:1"), ("received", "advice:1"))
    records = {r["name"]: r for r in people_json()}
    expected = {
        "Ada": ("you give more", 6, 2),
        "Bo": ("win-win", 2, 5),
        "Cy": ("new", 0, 5),
        "Di": ("quiet", 0, 0),
    }
    assert {
        n: (r["status"], r["given_window"], r["received_window"]) for n, r in records.items()
    } == expected
    assert records["Ada"]["received"] == 7  # all time still counts the old gift
    assert [r["name"] for r in people_json("--status", "win-win")] == ["Bo"]
    assert [r["name"] for r in people_json("--status", "QUIET")] == ["Di"]
    result = winwin("people", "--status", "sulking")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "winwin: “sulking” is not a known status; use one of: new, win-win"
    )


def test_people_on_an_empty_journal(winwin, journal_path):
    open_journal(journal_path)
    close_journal()
    result = winwin("people")
    assert (result.returncode, result.stdout) == (
        0,
        "The journal has nobody in it yet; add someone with `winwin person add NAME`.\n",
    )
    assert winwin("people", "--json").stdout == "[]\n"


@pytest.mark.needs_file("which commands may create the journal file")
@pytest.mark.parametrize(
    "args",
    [
        ("people",),
        ("due",),
        ("search", "zoe"),
        ("check",),
        ("export", "--format", "json", "-o", "out.json"),
        ("import", "--dry-run", "contacts.vcf"),
    ],
)
def test_only_writing_commands_create_a_journal(winwin, journal_path, tmp_path, args):
    result = winwin(*args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"winwin: There is no journal at {journal_path}; check the path (--db), nothing was "
        "created.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_refused_writing_command_leaves_no_new_journal(winwin, tmp_path):
    result = winwin("person", "add", "   ")
    assert (result.returncode, result.stderr) == (2, "winwin: Give the person a name.\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("journal")]


SPEC_HELP = (
    "write it as CATEGORY:POINTS[:TEXT] or PERSON:CATEGORY:POINTS[:TEXT], e.g. advice:3:market map."
)
LOG_ZOE = ("log", "Zoë Brontë-Nuñez", "--title", "Call")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("person", "add", "   "), "Give the person a name."),
        (
            ("person", "add", "Ada", "--cadence", "0"),
            "The keep-in-touch cadence is a number of days from 1 to 3650.",
        ),
        ((*LOG_ZOE, "--gave", "advice:6"), "Points go from 1 to 5, not 6."),
        ((*LOG_ZOE, "--received", "Zoë Brontë-Nuñez:advice:0"), "Points go from 1 to 5, not 0."),
        ((*LOG_ZOE, "--gave", "advice:three"), "Points go from 1 to 5, not three."),
        (
            (*LOG_ZOE, "--gave", "Zoë Brontë-Nuñez:flattery:3"),
            "“flattery” is not a known category; use one of: advice, introduction, referral,"
            " business, knowledge, help/time, gift, endorsement, other.",
        ),
        (
            (*LOG_ZOE, "--gave", "flattery:3"),
            "“flattery” is neither a category nor one of the people in this log.",
        ),
        (
            (*LOG_ZOE, "--gave", "Minh Hoang:advice:3"),
            "“Minh Hoang” is neither a category nor one of the people in this log.",
        ),
        ((*LOG_ZOE, "--gave", "advice"), f"--gave “advice” is not an exchange; {SPEC_HELP}"),
        (
            (*LOG_ZOE, "--received", "Zoë Brontë-Nuñez:advice"),
            f"--received “Zoë Brontë-Nuñez:advice” is not an exchange; {SPEC_HELP}",
        ),
        ((*LOG_ZOE, "--gave", ":3"), f"--gave “:3” is not an exchange; {SPEC_HELP}"),
        ((*LOG_ZOE, "--date", "2026-13-45"), "2026-13-45 is not a date; write it as YYYY-MM-DD."),
        (
            (*LOG_ZOE, "--kind", "telepathy"),
            "“telepathy” is not a known kind of interaction; use one of: meeting, call,"
            " video call, email, message, meal, event, introduction, referral, other.",
        ),
        (
            ("log", "Zoë Brontë-Nuñez, Ada", "--title", "Call"),
            "Nobody called “Ada” is in the journal; add them with --new or `winwin person add`.",
        ),
        (
            ("log", " , ", "--title", "Call"),
            "Name at least one person to log, separated by commas.",
        ),
        # Ada would be added first: the failure after it must take her back out too.
        (
            ("log", "Ada, Zoë Brontë-Nuñez", "--title", "Call", "--new", "--date", "2026-13-45"),
            "2026-13-45 is not a date; write it as YYYY-MM-DD.",
        ),
        (
            ("log", "Ada", "--title", "Call", "--new", "--gave", "Ada:flattery:2"),
            "“flattery” is not a known category; use one of: advice, introduction, referral,"
            " business, knowledge, help/time, gift, endorsement, other.",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    seeded, winwin, people_json, journal_path, args, message
):
    before = people_json()
    interactions_before = stored_interactions(journal_path)

    result = winwin(*args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"winwin: {message}\n"
    assert people_json() == before
    assert stored_interactions(journal_path) == interactions_before


def test_usage_errors_exit_2_without_a_traceback(seeded, winwin):
    for args in (("log", "Minh Hoang"), ("frobnicate",), ("person",), ("people", "--colour")):
        result = winwin(*args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("usage: winwin"), args
        assert "Traceback" not in result.stderr


def unwritable_locations(tmp_path: Path) -> list[Path]:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    locations = [blocker / "journal.db"]
    if Path("/proc").is_dir():
        locations.append(Path("/proc/nope/journal.db"))
    # Permissions do not stop root, and Windows has no read-only folders in this sense.
    if os.name == "posix" and os.geteuid() != 0:
        read_only = tmp_path / "read-only"
        read_only.mkdir()
        read_only.chmod(0o555)
        locations.append(read_only / "journal.db")
    return locations


def test_an_unwritable_location_exits_1_with_one_line(run_cli, tmp_path):
    for location in unwritable_locations(tmp_path):
        for args in (("people",), ("person", "add", "Ada")):
            result = run_cli(*args, "--db", str(location))
            assert result.returncode == 1, (location, result.stderr)
            assert result.stderr.startswith("winwin: "), location
            assert result.stderr.count("\n") == 1, result.stderr
            assert not location.exists()


def test_db_is_accepted_before_and_after_the_subcommand(run_cli, cli_env, tmp_path):
    db = str(tmp_path / "elsewhere" / "journal.db")
    assert run_cli("--db", db, "person", "add", "Ada").returncode == 0
    assert run_cli("person", "add", "Grace", "--db", db).returncode == 0
    assert run_cli("person", "--db", db, "add", "Linus").returncode == 0
    names = ["Ada", "Grace", "Linus"]
    assert [r["name"] for r in json.loads(run_cli("people", "--json", "--db", db).stdout)] == names
    assert [r["name"] for r in json.loads(run_cli("--db", db, "people", "--json").stdout)] == names
    # The journal in the user data folder was never created.
    assert not (Path(cli_env["XDG_DATA_HOME"]) / "WinWin").exists()


def test_without_db_the_journal_in_winwin_db_is_used(run_cli, cli_env, tmp_path):
    env = {**cli_env, "WINWIN_DB": str(tmp_path / "from-env.db")}
    assert run_cli("person", "add", "Ada", env=env).returncode == 0
    assert (
        json.loads(run_cli("people", "--json", "--db", env["WINWIN_DB"]).stdout)[0]["name"] == "Ada"
    )


def test_demo_is_refused_with_a_subcommand(run_cli, cli_env):
    result = run_cli("--demo", "people")
    assert result.returncode == 2
    assert result.stderr == (
        "winwin: --demo opens the GUI on a demo journal; leave it out with a subcommand.\n"
    )
    assert not Path(cli_env["HOME"]).exists()


def test_subcommands_import_neither_qt_nor_matplotlib(cli_env, seeded, journal_path):
    script = (
        "import sys\n"
        "from winwin_desktop.cli import main\n"
        f"code = main(['people', '--db', {str(journal_path)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules if m.startswith(('PySide6', 'matplotlib'))})\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=cli_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        # As typed: the window reads it as a file's path or a server's URL.
        (["--db", "some/journal.db"], ("some/journal.db", False)),
        (["--demo"], (None, True)),
    ],
)
def test_without_a_subcommand_the_gui_opens(monkeypatch, argv, expected):
    calls = []
    app = types.ModuleType("winwin_desktop.app")
    app.run_gui = lambda db_path, demo: calls.append((db_path, demo)) or 7
    monkeypatch.setitem(sys.modules, "winwin_desktop.app", app)

    assert cli.main(argv) == 7
    assert calls == [expected]
