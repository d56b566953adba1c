"""The floor for WinWin's start-up: a bare PySide6 window filling a 10,000-row list.

    python benchmarks/bare_window.py [--rows 10000]

No journal, no theme, no pages: Python, Qt and a table of ``--rows`` made-up names and
numbers, painted once. It prints ``first-paint SECONDS CPU_SECONDS`` (wall-clock, and
the CPU time the process used until then, as ``WINWIN_EXIT_AFTER_FIRST_PAINT`` makes
the app print them) and quits, so that ``run_all.py`` can time both launches the same
way and report the app's start-up as a ratio to this one.
"""

from __future__ import annotations

import argparse
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    rows = [(f"Person {n:05d}", f"Organisation {n % 700}", n % 41 - 20) for n in range(args.rows)]

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 3

        def data(self, index, role=Qt.DisplayRole):
            if role == Qt.DisplayRole:
                return str(rows[index.row()][index.column()])
            return None

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    model = Model()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 800)

    def report() -> None:
        print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
        window.close()
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    # On the window, as the app watches its own first paint.
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
