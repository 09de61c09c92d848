import pytest

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.sync_service import SyncService
from tests.integration.conftest import account, imap, run_sync  # noqa: F401  (shared fixtures)


@pytest.fixture
def open_window(qtbot, store, profile_dir):
    """``open_window(use_idle=False, start=True)`` → (window, service), stopped at teardown."""
    services = []

    def open_(use_idle: bool = False, start: bool = True):
        service = SyncService(store, use_idle=use_idle)
        services.append(service)
        window = MainWindow(ProfilePaths(profile_dir), store, service)
        qtbot.addWidget(window)
        if start:
            service.start()
        return window, service

    yield open_
    for service in services:
        service.stop()
