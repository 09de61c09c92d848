"""Starting the desktop client: profile, store, sync service, main window.

The window can switch to the bundled sample profile ("Explore sample data") and back; each
switch stops the sync service and closes the store of the profile being left, so only one
profile is ever open in the process.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from app import APP_NAME

# A full garbage collection holds the interpreter lock while it walks every object the window
# keeps (its models grow with the records), so the GUI thread stalls for it. Python starts one
# after every ten younger collections once the old objects grew by a quarter; a team pull's
# pages live long enough to be promoted and make that every second or so (25–70 ms each,
# 41 over 20 ms in a 100,000-record first sync in the window). After a hundred younger ones
# instead, they were 6 (bench/window_sync_bench.py --team-records). Cyclic garbage waits
# longer for its collection; reference counting still frees the rest at once.
FULL_COLLECTION_EVERY = 100


class WindowHost:
    """Owns the open profile's store, sync service and window."""

    def __init__(self, user_paths, user_store, separate_sync_process: bool = True):
        self.user_paths = user_paths
        self.separate_sync_process = separate_sync_process
        self.store = user_store
        self.paths = user_paths
        self.sync = None
        self.window = None

    def show(self, geometry=None) -> None:
        from PySide6.QtCore import QTimer

        from app.ui.main_window import MainWindow
        from app.ui.sync_service import SyncService

        self.sync = SyncService(self.store, separate_process=self.separate_sync_process)
        self.window = MainWindow(self.paths, self.store, self.sync)
        self.window.explore_sample_requested.connect(self.explore_sample)
        self.window.leave_sample_requested.connect(self.leave_sample)
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        self.window.show()
        self.sync.start()
        # Everything built so far (Qt wrappers, SQLAlchemy's mappers, the id list) lives as
        # long as the window: move it out of the collector's sight, so a full collection
        # while scrolling walks only what was made since (pauses of ~30 ms become ~1 ms).
        QTimer.singleShot(0, gc.freeze)
        young, older, _full = gc.get_threshold()
        gc.set_threshold(young, older, FULL_COLLECTION_EVERY)

    def _switch(self, paths, store) -> None:
        geometry = self.window.saveGeometry()
        self.window.close()
        self.window.ops.shutdown()
        self.window.deleteLater()
        self.sync.stop()
        if self.store is not store:
            self.store.close()
        self.paths, self.store = paths, store
        self.show(geometry)

    def explore_sample(self) -> None:
        """Build the sample profile (first time: a few seconds of disk work) off the GUI
        thread, then switch the window to it."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from app.paths import ProfilePaths
        from app.sample_data import build_sample_profile
        from app.store.database import Store

        def built(root) -> None:
            QApplication.restoreOverrideCursor()
            self._switch(ProfilePaths(Path(root)), Store(ProfilePaths(Path(root)).database))

        def failed(error) -> None:
            QApplication.restoreOverrideCursor()
            self.window.error_presenter.present(error)

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.window.ops.call(build_sample_profile, self.user_paths.sample_profile).success(built).failure(
            failed).run()

    def leave_sample(self) -> None:
        from app.store import profile_lock
        from app.store.database import Store

        profile_lock.hold_shared(self.user_paths)
        store = Store(self.user_paths.database)  # the key was read when the profile was opened
        store.on_close.append(lambda: profile_lock.release(self.user_paths))
        self._switch(self.user_paths, store)

    def close(self) -> None:
        """Stop everything that runs beside the window; queued writes finish first.

        Every window still around (a composer, a dialog) is deleted here, while Qt is whole:
        left to the interpreter's exit, it would be destroyed with the QApplication, possibly
        from inside the collection of a Python closure holding it, which crashes.
        """
        if self.window is not None:
            self.window.ops.shutdown()
        if self.sync is not None:
            self.sync.stop()
        delete_windows()
        self.window = None
        self.store.close()


def delete_windows() -> None:
    """Close and delete every parentless window (dialogs and menus with a parent go with it)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.parent() is None:
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_gui(profile: str | None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.bundled import icon_path
    from app.errors import LiaisonError
    from app.settings.policy_file import install_machine_policy

    from app.ui.crash_handling import install_crash_handling
    from app.ui.error_presenter import error_text
    from app.ui.native_crashes import NativeCrashRecorder
    from app.ui.plurals import install_english_plurals
    from app.ui.theme import SystemColorScheme
    from app.ui.translations import install_translations

    app = QApplication.instance() or QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_path())))
    app.setApplicationName(APP_NAME)
    policies = install_machine_policy()  # IT may lock the language too: before the translations
    install_english_plurals(app)  # "1 contact", "2 contacts" where no translation answers
    install_translations(app)  # the setting's or the system's language; before any window or message box
    color_scheme = SystemColorScheme(app)  # noqa: F841  (kept alive while the app runs)
    from app.ui.primary_password import ask_at_start

    try:
        if not ask_at_start():  # the secrets file in use and locked: Cancel quits cleanly
            return 0
    except LiaisonError as exc:  # a damaged secrets file, an unreadable setting
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        return exc.exit_code
    try:
        # on a worker thread: the key from the keyring, the schema, maybe converting the file
        from app.ui.profile_opening import open_profile_in_background

        paths, store = open_profile_in_background(profile)
    except LiaisonError as exc:
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        return exc.exit_code
    policies.log_problems()  # the log is set up with the profile
    crash_handler = install_crash_handling(app, paths)
    native_crashes = NativeCrashRecorder(paths.logs).start()  # kept until the process ends
    host = WindowHost(paths, store)
    host.show()
    if native_crashes.previous:
        crash_handler.report_previous_native_crash(native_crashes.previous)
    if policies.warning is not None:  # once per start, not again on a switch to the sample profile
        host.window.error_presenter.present(policies.warning)
    # LIAISON_QUIT_AFTER_START_MS=N quits N ms after the window is shown, exit code 0: a smoke
    # test that an installed copy starts (tests/integration/test_install.py).
    quit_after = os.environ.get("LIAISON_QUIT_AFTER_START_MS")
    if quit_after:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(quit_after), app.quit)
    try:
        return app.exec()
    finally:
        host.close()
