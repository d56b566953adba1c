"""The main window: navigation on the left, pages on the right, Ctrl+N from anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from winwin_desktop import APP_NAME
from winwin_desktop.journal import NotFound, people
from winwin_desktop.journal.opening import data_version
from winwin_desktop.journal.shared_journals import journal_address, journal_name
from winwin_desktop.ui import theme
from winwin_desktop.ui.idle_lock import IdleWatcher, LockScreen, WindowLock
from winwin_desktop.ui.journal_watch import JournalWatch
from winwin_desktop.ui.shortcuts import NEXT_MEETINGS_KEYS, shortcuts_over_fields, text_fields
from winwin_desktop.ui.snapshot_schedule import SnapshotSchedule, StartSnapshot
from winwin_desktop.ui.team_status import show_signed_in
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.undo_bar import UndoBar
from winwin_desktop.ui.window_settings import restore_geometry, ui_settings

if TYPE_CHECKING:
    # Each page, and each dialog, is imported when it is first needed: a start imports
    # and builds only the page it shows.
    from winwin_desktop.ui.about_dialog import AboutDialog
    from winwin_desktop.ui.log_dialog import LogInteractionDialog
    from winwin_desktop.ui.overview_page import OverviewPage
    from winwin_desktop.ui.people_page import PeoplePage
    from winwin_desktop.ui.search_page import SearchPage
    from winwin_desktop.ui.settings_dialog import SettingsDialog
    from winwin_desktop.ui.today_page import TodayPage
    from winwin_desktop.ui.trash_page import TrashPage

TODAY, PEOPLE, OVERVIEW, SEARCH, TRASH = range(5)
PAGE_NAMES = ("Today", "People", "Overview", "Search", "Trash")


class MainWindow(QMainWindow):
    def __init__(
        self,
        journal_path: Path,
        settings: QSettings | None = None,
        automatic_snapshots: bool = False,
        paint_first: bool = False,
    ) -> None:
        """With ``paint_first`` (the start) the People list names everyone without their
        totals until :meth:`finish_start`, called once the window has painted."""
        super().__init__()
        self._paint_first = paint_first
        self.journal_path = Path(journal_path)
        # As given: a server's URL is no path (Path() would fold its "//").
        self.journal_location = str(journal_path)
        self.automatic_snapshots = automatic_snapshots
        self.settings = settings or ui_settings()
        self.actions = Actions(self)
        self.actions.changed.connect(self.refresh)
        self.actions.failed.connect(self._say_failed)
        self.actions.waiting.connect(self._show_waiting)
        self.setWindowTitle(f"{APP_NAME} — {journal_name(self.journal_location)}")
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setFocusPolicy(Qt.StrongFocus)
        self.nav.setStyleSheet(
            # No focus outline and one selection colour: the item's text area was painted
            # a second, lighter highlight inside the selected row.
            "QListWidget { border: none; background: palette(window); padding-top: 8px;"
            " outline: 0; show-decoration-selected: 1; }"
            "QListWidget::item { padding: 7px 12px; border-radius: 6px; margin: 1px 6px; }"
            "QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )
        for number, name in enumerate(PAGE_NAMES, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{number})" if number <= 4 else name)
            self.nav.addItem(item)

        # Each page is built the first time it is shown (or asked for): until then its
        # place in the stack holds an empty widget.
        self._builders: dict[int, Callable[[], QWidget]] = {
            TODAY: self._build_today_page,
            PEOPLE: self._build_people_page,
            OVERVIEW: self._build_overview_page,
            SEARCH: self._build_search_page,
            TRASH: self._build_trash_page,
        }
        self._built: dict[int, QWidget] = {}
        self.pages = QStackedWidget()
        for _name in PAGE_NAMES:
            self.pages.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._page_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        # The window's body: the pages, or the lock screen while the journal is locked.
        self.body = QStackedWidget()
        self.body.addWidget(central)
        self.setCentralWidget(self.body)
        self._build_menus()
        self.undo_bar = UndoBar(self.actions.stack)
        self.statusBar().addPermanentWidget(self.undo_bar)
        self.signed_in = show_signed_in(self.statusBar(), self.journal_location)
        self.locking = WindowLock(
            self,
            self.body,
            self.lock_action,
            self.quit_action,
            before_lock=self._before_lock,
            after_unlock=self._after_unlock,
        )
        self.snapshots = SnapshotSchedule(self, self.is_locked)
        self.journal_watch = JournalWatch(self)
        self.journal_watch.saved_elsewhere.connect(self._saved_elsewhere)
        # Another window, process or machine saved: show it within 2 s.
        self.journal_watch.timer.timeout.connect(self.refresh_if_changed_elsewhere)
        self.statusBar().showMessage(f"Journal: {journal_address(journal_path)}", 5000)
        self._restore_state()
        # Ctrl+E and the other menu shortcuts also work while typing in a field.
        # An application event filter sees every event of every object, and PySide makes
        # each Qt class's Python type (its enums too, over a hundred) the first time one of
        # its objects passes: at start that was 40 ms of the first paint. Nobody types
        # before the window has painted: with ``paint_first``, it comes after.
        self.shortcuts_over_fields = None if paint_first else shortcuts_over_fields(self)
        QApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._journal_version = data_version()
        self.apply_lock_setting()

    # menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.log_action = self._action(
            file_menu, "&Log interaction…", "Ctrl+N", self.log_interaction
        )
        self._action(file_menu, "&New person…", "Ctrl+Shift+N", self._new_person)
        self._action(
            file_menu, "&Brief for the selected people…", "Ctrl+B", self.brief_for_selection
        )
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import…", "Ctrl+I", self.import_file)
        self.export_action = self._action(file_menu, "&Export…", "Ctrl+E", self.export_journal)
        file_menu.addSeparator()
        self.back_up_action = self._action(file_menu, "&Back up now", None, self.back_up_now)
        self.restore_action = self._action(
            file_menu, "&Restore from a snapshot…", None, self.open_restore
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Open shared journal…", None, self.open_shared_journal)
        self._action(file_menu, "&Copy journal to…", None, self.copy_journal_to)
        file_menu.addSeparator()
        self._action(file_menu, "&Settings…", "Ctrl+,", self.open_settings)
        self.lock_action = self._action(file_menu, "Loc&k", "Ctrl+Shift+L", self.lock)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", QKeySequence.Quit, self.close)

        edit_menu = bar.addMenu("&Edit")
        undo = self.actions.stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.Undo)
        redo = self.actions.stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addSeparator()
        self._action(edit_menu, "&Filter people", "Ctrl+L", self._focus_filter)
        self._action(edit_menu, "&Merge people…", None, self.merge_people)
        self._action(edit_menu, "&Search…", "Ctrl+K", self.open_search)
        # Ctrl+F: on the window only (no menu entry), so text fields keep their own Find.
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.Find)
        find.triggered.connect(self._find)
        self.addAction(find)

        view_menu = bar.addMenu("&View")
        for number, name in enumerate(PAGE_NAMES[:4], start=1):
            self._action(
                view_menu,
                name,
                f"Ctrl+{number}",
                lambda _checked=False, n=number - 1: self.show_page(n),
            )
        self._action(view_menu, "Go to today", "Ctrl+T", self.go_to_today)
        self._action(view_menu, "Next meetings", NEXT_MEETINGS_KEYS, self.go_to_next_meetings)
        self._action(view_menu, "Trash", None, lambda: self.show_page(TRASH))
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        chosen = self.settings.value("theme", theme.SYSTEM)
        self.theme_actions = {}
        for name in theme.THEMES:
            action = theme_menu.addAction(
                name.capitalize(), lambda _checked=False, n=name: self.set_theme(n)
            )
            action.setCheckable(True)
            action.setChecked(name == chosen)
            group.addAction(action)
            self.theme_actions[name] = action

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Open &data folder", None, self._open_data_folder)
        self._action(help_menu, f"&About {APP_NAME}", None, self._about)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ApplicationShortcut)
        # triggered(bool) would otherwise fill the slot's first optional argument.
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _show_waiting(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    # pages ------------------------------------------------------------------------------

    @property
    def today_page(self) -> TodayPage:
        return self._page(TODAY)

    @property
    def people_page(self) -> PeoplePage:
        return self._page(PEOPLE)

    @property
    def overview_page(self) -> OverviewPage:
        return self._page(OVERVIEW)

    @property
    def search_page(self) -> SearchPage:
        return self._page(SEARCH)

    @property
    def trash_page(self) -> TrashPage:
        return self._page(TRASH)

    def _page(self, index: int) -> QWidget:
        """The page at ``index``, built (and put in its place in the stack) the first
        time it is needed."""
        page = self._built.get(index)
        if page is None:
            page = self._builders[index]()
            self._built[index] = page
            placeholder = self.pages.widget(index)
            was_current = self.pages.currentIndex() == index
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:
                self.pages.setCurrentIndex(index)
        return page

    def _build_today_page(self) -> TodayPage:
        from winwin_desktop.ui.today_page import TodayPage
        from winwin_desktop.ui.welcome_page import open_demo

        page = TodayPage(self.actions)
        page.log_requested.connect(lambda ids: self.log_interaction(ids or None))
        page.open_person.connect(self.open_person)
        page.open_person_promises.connect(self.open_person_promises)
        page.open_interaction.connect(self.edit_interaction)
        page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.import_requested.connect(self.import_file)
        page.demo_requested.connect(open_demo)
        page.restore_state(self.settings)
        return page

    def _build_people_page(self) -> PeoplePage:
        from winwin_desktop.ui.people_page import PeoplePage

        page = PeoplePage(self.actions)
        if not self._paint_first:
            # Only the start leaves the person page for after its first paint; otherwise
            # it is laid out with the list, and the window's narrowest size counts it.
            page.person_view  # noqa: B018 (built on first use)
        page.log_requested.connect(lambda pid: self.log_interaction([pid]))
        page.edit_interaction_requested.connect(self.edit_interaction)
        page.reflection_requested.connect(self.open_reflection)
        page.restore_state(self.settings)
        return page

    def _build_overview_page(self) -> OverviewPage:
        from winwin_desktop.ui.overview_page import OverviewPage

        page = OverviewPage()
        page.person_activated.connect(self.open_person)
        page.restore_state(self.settings)
        return page

    def _build_search_page(self) -> SearchPage:
        from winwin_desktop.ui.search_page import SearchPage

        page = SearchPage()
        page.open_person.connect(self.open_person)
        page.open_interaction.connect(self.edit_interaction)
        page.open_reflection.connect(self.open_reflection)
        return page

    def _build_trash_page(self) -> TrashPage:
        from winwin_desktop.ui.trash_page import TrashPage

        return TrashPage(self.actions)

    def _flush_today(self) -> bool:
        """Save what is typed on Today; False when it could not be saved (True when the
        page was never built: nothing was typed)."""
        page = self._built.get(TODAY)
        return page is None or page.flush()

    def show_page(self, index: int) -> None:
        if self.nav.currentRow() == index:
            self._reload_page(index)
        else:
            self.nav.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        self._flush_today()
        self._page(index)  # built before it is shown: never an empty page on screen
        self.pages.setCurrentIndex(index)
        self._reload_page(index)

    def _reload_page(self, index: int) -> None:
        # A page not built yet reads the journal when it is first shown.
        page = self._built.get(index)
        if index == PEOPLE and self._paint_first:
            page.reload(totals=False)
        elif hasattr(page, "reload"):
            page.reload()

    def finish_start(self) -> None:
        """The window has painted: read what it left for later (the person beside the
        People list, then the people's totals)."""
        if self._paint_first:
            self._paint_first = False
            self.shortcuts_over_fields = shortcuts_over_fields(self)
            if PEOPLE in self._built:
                self.people_page.finish_start()

    def refresh(self) -> None:
        """The journal changed: refresh what is on screen (other pages refresh when shown)."""
        self._reload_page(self.pages.currentIndex())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.ActivationChange
            and self.isActiveWindow()
            and not self.is_locked()
        ):
            self.refresh_if_changed_elsewhere()

    def refresh_if_changed_elsewhere(self) -> bool:
        """Show what another program (``winwin log``, another window or machine) wrote
        to the journal meanwhile: each second, and back in the window. Cheap when nothing did."""
        version = data_version()
        if version is None or version == self._journal_version:
            return False
        # Reloading Today reloads the reflection: keep unsaved text rather than reload.
        if self.pages.currentIndex() == TODAY and not self._flush_today():
            return False
        self._journal_version = version
        self.refresh()
        return True

    def go_to_today(self) -> None:
        self.show_page(TODAY)
        self.today_page.show_day(dt.date.today())
        self.today_page.editor.editor.setFocus()

    def go_to_next_meetings(self) -> None:
        self.show_page(TODAY)
        self.today_page.focus_next_meetings()

    def open_reflection(self, day: dt.date) -> None:
        self.show_page(TODAY)
        self.today_page.show_day(day)

    def open_person(self, person_id: int) -> None:
        self.show_page(PEOPLE)
        self.people_page.select_person(person_id)

    def open_person_promises(self, person_id: int) -> None:
        """The person, on their Promises tab (from a promise due on the Today page)."""
        self.open_person(person_id)
        view = self.people_page.person_view
        view.tabs.setCurrentWidget(view.promises_tab)

    def open_search(self) -> None:
        self.show_page(SEARCH)
        self.search_page.focus_search()

    def _find(self) -> None:
        # Ctrl+F searches the journal unless a text field has the focus (where it is theirs).
        from PySide6.QtWidgets import QComboBox

        focused = QApplication.focusWidget()
        if isinstance(focused, text_fields()):
            return
        if isinstance(focused, QComboBox) and focused.isEditable():
            return
        self.open_search()

    def _focus_filter(self) -> None:
        self.show_page(PEOPLE)
        self.people_page.filter.setFocus()
        self.people_page.filter.selectAll()

    # actions ----------------------------------------------------------------------------

    def log_interaction(self, people_ids: list[int] | None = None) -> LogInteractionDialog:
        """Ctrl+N starts with nobody (a row selected in a list is not a choice to log with
        them); a Log button opened *for* someone passes ``people_ids``."""
        from winwin_desktop.ui.log_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self.actions, self, people_ids=people_ids)
        dialog.draft_kept.connect(
            lambda: self.statusBar().showMessage(
                "Your log is kept as a draft: Ctrl+N brings it back.", 8000
            )
        )
        dialog.finished.connect(lambda result: self._logged(dialog, result))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_interaction(self, interaction_id: int) -> LogInteractionDialog | None:
        from winwin_desktop.journal import interactions

        try:
            interaction = interactions.get_interaction(interaction_id)
        except NotFound as error:
            self.statusBar().showMessage(error.message, 5000)
            return None
        from winwin_desktop.ui.log_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self.actions, self, interaction=interaction)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _say_failed(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # here: not needed to paint the window

        QMessageBox.warning(self, APP_NAME, text)

    def _logged(self, dialog: LogInteractionDialog, result: int) -> None:
        if result == dialog.DialogCode.Accepted and dialog.saved:
            names = ", ".join(dialog.saved.participant_names)
            self.statusBar().showMessage(
                f"Logged “{dialog.saved.title or dialog.saved.kind}” with {names}. "
                "Ctrl+Z undoes it.",
                6000,
            )

    def import_file(self):
        from winwin_desktop.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.actions, self)
        dialog.imported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_journal(self):
        from winwin_desktop.ui.export_dialog import ExportDialog

        self._flush_today()
        dialog = ExportDialog(self)
        dialog.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def back_up_now(self):
        self._flush_today()
        from winwin_desktop.journal import backups

        return self.snapshots.take(backups.back_up_now, "Backed up")

    def snapshot_at_start(self) -> StartSnapshot | None:
        return self.snapshots.at_start()

    def finish_start_snapshot(self) -> None:
        self.snapshots.finish_start()

    def open_shared_journal(self):
        from winwin_desktop.ui.open_shared_dialog import OpenSharedDialog

        dialog = OpenSharedDialog(self, self.settings)
        dialog.opened.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def copy_journal_to(self):
        from winwin_desktop.ui.copy_dialog import CopyDialog

        self._flush_today()
        dialog = CopyDialog(self)
        dialog.finished_copy.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_restore(self):
        from winwin_desktop.ui.restore_dialog import RestoreDialog

        self._flush_today()
        self.finish_start_snapshot()
        dialog = RestoreDialog(self)
        dialog.backed_up.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.restored.connect(self._restored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _restored(self, text: str) -> None:
        # The undo history described the journal as it was before the restore.
        self.actions.stack.clear()
        if TODAY in self._built:
            self.today_page.editor.forget()
        for index in list(self._built):
            self._reload_page(index)
        self.statusBar().showMessage(text, 10000)

    def _saved_elsewhere(self, path: Path) -> None:
        # The journal's own file had gone; WinWin goes on with the copy just saved.
        self.journal_path = Path(path)
        self.journal_location = str(path)
        self.setWindowTitle(f"{APP_NAME} — {journal_name(path)}")
        self._journal_version = data_version()
        self.refresh()
        self.statusBar().showMessage(f"Saved the journal to {path}; WinWin goes on with it.")

    def brief_for_selection(self):
        if self.pages.currentIndex() != PEOPLE:
            self.show_page(PEOPLE)
        return self.people_page.brief_for_selection()

    def merge_people(self):
        """Merge the one or two people selected in the People list (with one, the dialog
        asks for the other)."""
        if self.pages.currentIndex() != PEOPLE:
            self.show_page(PEOPLE)
        dialog = self.people_page.merge_selection()
        if dialog is None:
            self.statusBar().showMessage(
                "Select one or two people in the People list to merge them.", 8000
            )
        return dialog

    def _new_person(self):
        self.show_page(PEOPLE)
        return self.people_page.new_person()

    def open_settings(self) -> SettingsDialog:
        from winwin_desktop.ui.settings_dialog import SettingsDialog

        self.finish_start_snapshot()  # the passphrase may be changed from there
        dialog = SettingsDialog(self.actions, str(self.settings.value("theme", theme.SYSTEM)), self)
        dialog.accepted.connect(lambda: self.set_theme(dialog.chosen_theme()))
        # The passphrase may have been set or removed even when the dialog was cancelled.
        dialog.finished.connect(self.apply_lock_setting)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _system_scheme_changed(self) -> None:
        if self.settings.value("theme", theme.SYSTEM) == theme.SYSTEM:
            self.set_theme(theme.SYSTEM)

    def set_theme(self, name: str) -> None:
        self.theme_actions[name].setChecked(True)
        self.settings.setValue("theme", name)
        theme.apply_theme(QApplication.instance(), name)
        if not self.is_locked():  # (a locked journal cannot be read; unlocking refreshes)
            self.refresh()

    def _about(self) -> AboutDialog:
        from winwin_desktop.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.journal_location, QApplication.windowIcon(), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _open_data_folder(self) -> None:
        from winwin_desktop.ui.about_dialog import open_data_folder

        open_data_folder(self.journal_location)

    # locking (ui/idle_lock.py) ----------------------------------------------------------

    @property
    def idle(self) -> IdleWatcher:
        return self.locking.idle

    @property
    def lock_screen(self) -> LockScreen | None:
        return self.locking.screen

    def apply_lock_setting(self) -> None:
        self.locking.apply_setting()

    def is_locked(self) -> bool:
        return self.locking.is_locked()

    def lock(self, idle: bool = False) -> bool:
        return self.locking.lock(idle)

    def _before_lock(self) -> None:
        self.finish_start_snapshot()
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commit an in-place edit first
        self._flush_today()  # unsaved text, if it could not be saved, stays in the editor
        # Nothing may read the journal once it is closed: pending searches and days.
        if SEARCH in self._built:
            self.search_page.cancel_pending()
        if TODAY in self._built:
            self.today_page.cancel_pending()

    def _after_unlock(self) -> None:
        self._journal_version = data_version()
        # Unsaved reflection text (the disk was full, say) stays: Today is not reloaded.
        if self.pages.currentIndex() != TODAY or self._flush_today():
            self.refresh()

    # state ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        restore_geometry(self, self.settings)
        page = int(self.settings.value("page", PEOPLE))
        if people.journal_is_empty():
            page = TODAY  # a first run: the welcome page
        self.show_page(page if 0 <= page < len(PAGE_NAMES) else PEOPLE)

    def closeEvent(self, event) -> None:
        self.idle.stop()  # no lock in the middle of quitting
        self.finish_start_snapshot()
        if self.is_locked():
            # Everything was saved when it locked; the journal is closed.
            self.idle.stop()
            super().closeEvent(event)
            return
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commit an in-place edit still in progress
        if not self._flush_today():
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                APP_NAME,
                "Today's reflection could not be saved. Close anyway and lose the unsaved text?",
            )
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        self.settings.setValue("geometry", self.saveGeometry())
        # Pages never built keep the state they were given last time.
        for page in self._built.values():
            if hasattr(page, "save_state"):
                page.save_state(self.settings)
        self.settings.setValue("page", self.nav.currentRow())
        self.settings.sync()
        if self.automatic_snapshots:
            # The window goes at once; the snapshot (seconds, on a large journal) follows.
            self.hide()
            from PySide6.QtCore import QEventLoop

            QApplication.processEvents(QEventLoop.ExcludeUserInputEvents)
            from winwin_desktop.journal import backups

            self.snapshots.take(backups.snapshot_at_quit, "Backed up on quit")
        super().closeEvent(event)
