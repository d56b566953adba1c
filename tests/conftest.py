"""Every test gets a fresh temporary journal and never sees the user's own folders.

With ``WINWIN_TEST_DB_URL=postgresql://USER@HOST:PORT/NAME`` the journal fixtures use a
PostgreSQL server instead of a file: the database NAME (dropped and made again, migrated,
at the start of the run) is emptied before each test. Tests that need a journal *file*
(SQLCipher, snapshots, damaged files, the one-window lock…) are marked
``needs_file("why")`` and skipped there with that reason.
"""

from __future__ import annotations

import datetime as dt
import gc
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from hypothesis import settings as hypothesis_settings

from tests.helpers import server_journals
from tests.helpers.journals import (
    ENCRYPTED,
    JOURNAL_KINDS,
    PLAIN,
    open_again,
    passphrase_of_kind,
)
from winwin_desktop.store import close_journal, open_journal

# Property-based tests keep to small example budgets so the suite stays quick. To search
# far longer: HYPOTHESIS_PROFILE=long python -m pytest (README, "Data safety").
LONG_EXAMPLES = 5000
hypothesis_settings.register_profile("long", max_examples=LONG_EXAMPLES, deadline=None)
if os.environ.get("HYPOTHESIS_PROFILE"):
    hypothesis_settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
    if os.environ["HYPOTHESIS_PROFILE"] == "long":
        # The importer fuzzing sets its budget from this variable (tests/formats/).
        os.environ.setdefault("WINWIN_FUZZ_EXAMPLES", str(LONG_EXAMPLES))


@pytest.fixture(scope="session", autouse=True)
def one_qt_application():
    """One ``QApplication`` for the whole run, made before any test.

    Code that only draws (the brief's PDF, run in-process by the CLI tests) makes a bare
    ``QGuiApplication`` when none is running; a widget test after it would then abort the
    whole run ("Cannot create a QWidget without QApplication"). Making the widgets'
    application first means every test finds the one the window itself would have.
    """
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["winwin-tests"])


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Point every per-user folder (data, config, cache) into a temporary directory."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("WINWIN_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A message box nobody answers would hang the suite (offscreen, nobody clicks).
    Tests that expect one replace these functions themselves; any other box is
    answered "Cancel" and fails the test that showed it, naming its text."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def unexpected(kind):
        def show(_parent, title, text, *_args, **_kwargs):
            shown.append(f"{kind}: {title}: {text}")
            return QMessageBox.Cancel

        return show

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))
    yield shown
    assert not shown, f"an unexpected message box was shown: {shown}"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "both_journal_kinds: run each test that opens a journal against a plain and an "
        "encrypted journal (ids [plain] and [encrypted])",
    )
    config.addinivalue_line(
        "markers",
        "needs_file(reason): the test needs its journal to be a file (reason: what of a "
        "file it uses); skipped when the suite runs against a server (WINWIN_TEST_DB_URL)",
    )
    config.addinivalue_line(
        "markers",
        "needs_server: the test opens a journal on the PostgreSQL server of "
        "WINWIN_TEST_DB_URL; skipped without one",
    )


def pytest_runtest_setup(item):
    if server_journals.URL:
        if marker := item.get_closest_marker("needs_file"):
            pytest.skip(f"needs a journal file: {marker.args[0]}")
    elif item.get_closest_marker("needs_server"):
        pytest.skip("needs a PostgreSQL server: set WINWIN_TEST_DB_URL")


def pytest_generate_tests(metafunc):
    """The core tests (marked ``both_journal_kinds``: search, backups, importing,
    charts...) run once on a plain journal and once on an encrypted one. Module-scoped,
    so that a module's demo journal is built once per kind."""
    if "journal_kind" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_journal_kinds"
    ):
        metafunc.parametrize("journal_kind", JOURNAL_KINDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def journal_kind(request) -> str:
    """The kind of the test's journal: PLAIN, or ENCRYPTED in the second run of a test
    marked ``both_journal_kinds``."""
    kind = getattr(request, "param", PLAIN)
    if kind == ENCRYPTED:
        if server_journals.URL:
            pytest.skip("needs a journal file: SQLCipher encrypts files; a server has TLS")
        pytest.importorskip("sqlcipher3")  # installed with WinWin on Linux only
    return kind


@pytest.fixture(scope="module")
def passphrase(journal_kind) -> str | None:
    """The passphrase of the test's journal; None for a plain one."""
    return passphrase_of_kind(journal_kind)


@pytest.fixture
def today() -> dt.date:
    """The day the test runs, read when it starts: a date read when the module is imported
    is stale for every test that runs after midnight."""
    return dt.date.today()


@pytest.fixture(scope="session")
def server_journal_url() -> str:
    """The URL of the run's journal on the server (WINWIN_TEST_DB_URL), made and
    migrated once."""
    return server_journals.make_migrated(server_journals.URL)


@pytest.fixture
def journal_path(request, tmp_path):
    """Where the test's journal is: a file in a temporary folder (no journal there yet),
    or, against a server, the URL of the run's database, emptied."""
    if not server_journals.URL:
        return tmp_path / "journal.db"
    url = request.getfixturevalue("server_journal_url")
    server_journals.empty(url)
    return url


@pytest.fixture
def new_journal_path(tmp_path):
    """Where no journal is yet: a file path in a temporary folder or, against a server, an
    empty database of the test's own (dropped afterwards)."""
    if not server_journals.URL:
        yield tmp_path / "journal.db"
        return
    with server_journals.extra_database(server_journals.URL, f"new_{os.getpid()}") as url:
        yield url


@pytest.fixture
def journal(journal_path, passphrase):
    """An open, empty journal in a temporary folder (encrypted in the ``[encrypted]`` run),
    or on the server of WINWIN_TEST_DB_URL."""
    db = open_journal(journal_path, passphrase)
    assert getattr(db, "encrypted", False) == bool(passphrase)
    yield db
    close_journal()


@pytest.fixture
def reopen(journal_path, passphrase):
    """Open the test's journal again, or another file as a journal of the same kind."""
    return lambda path=journal_path: open_again(path, passphrase)


def pytest_sessionfinish(session, exitstatus):
    """Close and delete every window the tests left while Qt is still whole. Left to
    Python's final teardown, PySide destroys its wrappers in an order Qt does not always
    survive ("shared QObject was deleted directly", then a segmentation fault)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()
