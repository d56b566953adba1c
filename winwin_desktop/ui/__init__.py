"""The Qt user interface. It never writes SQL: it calls ``winwin_desktop.journal``."""
