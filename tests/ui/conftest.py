import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.sync_service import SyncService
from tests.integration.conftest import account, imap, run_sync  # noqa: F401  (shared fixtures)
from tests.ui.teardown import close_unattended


@pytest.fixture
def open_window(qtbot, store, profile_dir):
    """``open_window(use_idle=False, start=True, separate_process=False)`` → (window, service),
    stopped at teardown; ``separate_process`` runs the passes in a sync process, as the app does."""
    services = []

    def open_(use_idle: bool = False, start: bool = True, separate_process: bool = False):
        service = SyncService(store, use_idle=use_idle, separate_process=separate_process)
        services.append(service)
        window = MainWindow(ProfilePaths(profile_dir), store, service)
        qtbot.addWidget(window)
        if start:
            service.start()
        return window, service

    yield open_
    for service in services:
        service.stop()


@pytest.fixture(autouse=True)
def no_windows_left_behind(qapp):
    """Every window a test opened (dialogs, composers, menus) is deleted when it ends.

    A window left to the interpreter's exit is destroyed with the QApplication, possibly from
    inside the garbage collection of a Python closure that holds it, which crashes Qt.
    """
    yield
    delete_top_level_widgets()


def delete_top_level_widgets() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.parent() is None:  # the others go with their parents
            close_unattended(widget)
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
