"""``winwin brief``, run as a user runs it: a separate process on a demo journal."""

from __future__ import annotations

import datetime as dt
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env
from tests.helpers.journals import build_demo_journal, open_again
from winwin_desktop.journal import settings
from winwin_desktop.private_files import KEEP_PRIVATE
from winwin_desktop.store import close_journal

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, passphrase):
    # The command's today is the real one, so the demo ends on it too.
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, passphrase, seed=7, today=dt.date.today())
    close_journal()
    return path


@pytest.fixture
def brief(demo_file, tmp_path, passphrase):
    """Run ``winwin brief ARGS --db DEMO`` in ``tmp_path`` with a private home (and the
    demo's passphrase in WINWIN_PASSPHRASE when it is encrypted)."""
    env = user_env(tmp_path, drop=("LC_ALL", "LC_PAPER", "QT_QPA_PLATFORM"), passphrase=passphrase)
    return lambda *args, **extra_env: run_winwin(
        ["brief", *args, "--db", str(demo_file)], {**env, **extra_env}, tmp_path, timeout=120
    )


def written(folder: Path) -> list[str]:
    """The files the command left in ``folder`` (the private home aside)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "home")


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


@pytest.mark.both_journal_kinds
def test_pdf_of_one_person(brief, tmp_path):
    result = brief("Zoë Brontë-Nuñez", "-o", "zoe.pdf", "--paper", "a4")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        f"Wrote the brief on Zoë Brontë-Nuñez to {Path('zoe.pdf')}. {KEEP_PRIVATE}\n"
    )
    assert stat.S_IMODE((tmp_path / "zoe.pdf").stat().st_mode) == 0o600
    data = (tmp_path / "zoe.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 595" in data
    assert pages(tmp_path / "zoe.pdf") >= 1
    assert written(tmp_path) == ["zoe.pdf"]


def test_paper_follows_lc_paper_unless_given(brief, tmp_path):
    assert brief("Piotr Kowalski", "-o", "us.pdf", LC_PAPER="en_US.UTF-8").returncode == 0
    assert b"/MediaBox [0 0 612" in (tmp_path / "us.pdf").read_bytes()  # Letter
    assert brief("Piotr Kowalski", "-o", "de.pdf", LC_PAPER="de_DE.UTF-8").returncode == 0
    assert b"/MediaBox [0 0 595" in (tmp_path / "de.pdf").read_bytes()  # A4
    result = brief("Piotr Kowalski", "-o", "a4.pdf", "--paper", "Letter", LC_PAPER="de_DE.UTF-8")
    assert result.returncode == 0, result.stderr
    assert b"/MediaBox [0 0 612" in (tmp_path / "a4.pdf").read_bytes()


def test_paper_from_settings_unless_given(brief, demo_file, passphrase, tmp_path):
    # Settings → Appearance → Brief paper (issue 16 item 2): Letter, whatever the locale.
    open_again(demo_file, passphrase)
    settings.set_setting("brief_paper", "letter")
    close_journal()
    try:
        assert brief("Piotr Kowalski", "-o", "set.pdf", LC_PAPER="de_DE.UTF-8").returncode == 0
        assert b"/MediaBox [0 0 612" in (tmp_path / "set.pdf").read_bytes()  # Letter
        assert brief("Piotr Kowalski", "-o", "given.pdf", "--paper", "a4").returncode == 0
        assert b"/MediaBox [0 0 595" in (tmp_path / "given.pdf").read_bytes()  # A4
    finally:
        open_again(demo_file, passphrase)
        settings.set_setting("brief_paper", "")
        close_journal()


def test_markdown_of_a_meeting_writes_the_charts_beside_it(brief, tmp_path):
    # Names are matched as `winwin log` matches them: case and extra spaces do not matter.
    result = brief("zoë brontë-nuñez ,  PIOTR   kowalski", "-o", "meeting.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote the brief on Zoë Brontë-Nuñez and Piotr Kowalski to "
        f"{Path('meeting.md')}, with 2 chart images beside it. {KEEP_PRIVATE}\n"
    )
    text = (tmp_path / "meeting.md").read_text(encoding="utf-8")
    assert text.startswith("*Meeting brief · ")
    assert re.findall(r"^# (.*)$", text, re.MULTILINE) == ["Zoë Brontë-Nuñez", "Piotr Kowalski"]
    for chart in ("zoe-bronte-nunez-balance.png", "piotr-kowalski-balance.png"):
        assert f"]({chart})" in text
        assert (tmp_path / chart).read_bytes().startswith(PNG)


def test_html_is_one_self_contained_file(brief, tmp_path):
    result = brief("Ingrid Håkansson", "-o", "ingrid.HTML")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "ingrid.HTML").read_text(encoding="utf-8")
    assert "<h1>Ingrid Håkansson</h1>" in text
    assert '<img src="data:image/png;base64,' in text
    assert "http://" not in text and "https://" not in text  # nothing fetched when read
    assert written(tmp_path) == ["ingrid.HTML"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("Zoë Brontë-Nuñez,Nobody", "-o", "x.pdf"),
            "Nobody called “Nobody” is in the journal; check the name with `winwin people`.",
        ),
        (
            ("Zoë Brontë-Nuñez", "-o", "x.docx"),
            "Cannot tell which format to write from “x.docx”; use .pdf, .md or .html.",
        ),
        (
            ("Zoë Brontë-Nuñez", "-o", "brief"),
            "Cannot tell which format to write from “brief”; use .pdf, .md or .html.",
        ),
        (
            ("Zoë Brontë-Nuñez", "-o", "x.pdf", "--paper", "A3"),
            "Unknown paper size “A3”; use one of a4, letter, legal, a5.",
        ),
        ((" , ", "-o", "x.pdf"), "Name at least one person for the brief, separated by commas."),
    ],
)
def test_refused_input_is_one_plain_line_and_writes_nothing(brief, tmp_path, args, message):
    result = brief(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"winwin: {message}\n"
    assert written(tmp_path) == []


def test_a_missing_folder_is_refused(brief, tmp_path):
    result = brief("Zoë Brontë-Nuñez", "-o", str(tmp_path / "nowhere" / "x.pdf"))
    assert result.returncode == 2
    assert result.stderr == (
        f"winwin: There is no folder {tmp_path / 'nowhere'}; create it or choose another file.\n"
    )


def test_a_pdf_brief_loads_neither_matplotlib_nor_numpy(demo_file, tmp_path, passphrase):
    # Issue 17 item 5: the brief's chart is painted by Qt, most of the command's time
    # was matplotlib's import.
    env = user_env(tmp_path, drop=("QT_QPA_PLATFORM",), passphrase=passphrase)
    script = (
        "import sys; from winwin_desktop.cli import main; "
        f"code = main(['brief', 'Zoë Brontë-Nuñez', '-o', 'zoe.pdf', '--db', {str(demo_file)!r}]); "
        "print(code, sorted(m for m in ('matplotlib', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
        encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr
    assert (tmp_path / "zoe.pdf").read_bytes().startswith(b"%PDF-")
