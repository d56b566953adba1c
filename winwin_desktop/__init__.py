"""WinWin: a private, offline journal of professional relationships."""

__version__ = "0.1.0"
APP_NAME = "WinWin"
