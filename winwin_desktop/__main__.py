from winwin_desktop.cli import run

run()
