"""Starting the desktop client: profile, store, sync service, main window."""

from __future__ import annotations

import sys

from app import APP_NAME


def run_gui(profile: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.errors import LiaisonError
    from app.profile import open_profile
    from app.ui.main_window import MainWindow
    from app.ui.sync_service import SyncService

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    try:
        paths, store = open_profile(profile)
    except LiaisonError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return exc.exit_code
    sync = SyncService(store)
    window = MainWindow(paths, store, sync)
    window.show()
    sync.start()
    try:
        return app.exec()
    finally:
        sync.stop()
        store.close()
