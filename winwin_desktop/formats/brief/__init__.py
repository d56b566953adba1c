"""The meeting brief: its plain data, its text (Markdown, HTML) and its PDF.

- :mod:`.model` — the brief as plain data classes, filled by ``journal.brief``;
- :mod:`.files` — the file's format by its extension, the paper by its name (no Qt);
- :mod:`.text` — the brief as Markdown and as HTML (no Qt);
- :mod:`.pdf` — the PDF writer and printing, on Qt's text layout.

Like every ``formats/`` module, this package reads no database and imports neither
``journal/`` nor ``charts/``: the caller hands in what it borrows from them (the balance
chart and the status colours) as an :class:`.model.Artwork`.

The one exception to "formats import no Qt": :mod:`.pdf` uses **QtGui** (``QPdfWriter``,
``QTextDocument``, ``QPainter``) and QtCore, never QtWidgets, so that a PDF can be
written from the command line on the offscreen platform. Importing this package itself
loads no Qt.
"""
