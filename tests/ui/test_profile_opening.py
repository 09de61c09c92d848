"""The window's start on a plain profile with encryption on: the profile is opened and
converted on a worker thread, a progress dialog says so, then the window opens on the
encrypted profile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.store import profile_key
from app.ui.application import WindowHost
from app.ui.profile_opening import ProfileOpening

pytestmark = pytest.mark.encrypted


def test_a_plain_profile_is_converted_behind_a_progress_dialog_then_the_window_opens(
        qtbot, tmp_path, monkeypatch):
    from app.profile import open_profile

    monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "off")
    _paths, plain = open_profile(str(tmp_path / "profile"))
    plain.close()
    monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "on")
    monkeypatch.setenv("LIAISON_TEST_CONVERT_PAUSE", "0.6")  # long enough to see the dialog

    seen: list[str] = []

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            seen.append(dialogs[0].labelText())
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    opening = ProfileOpening(str(tmp_path / "profile"))
    ok, value = opening.run()  # the GUI's event loop turns meanwhile (the timer above runs)
    assert ok, value
    assert seen and "Step 1 of 4" in seen[0] and "encrypting your profile" in seen[0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    paths, store = value
    assert profile_key.is_encrypted(paths.root) and store.key is not None
    host = WindowHost(paths, store)
    host.show()
    try:
        qtbot.waitExposed(host.window)
        assert host.window.isVisible()
    finally:
        host.close()


def test_a_new_profile_opens_without_a_dialog(qtbot, tmp_path):
    shown: list[object] = []
    opening = ProfileOpening(str(tmp_path / "new"))
    opening._relay.progressed.connect(lambda *a: shown.append(a))
    ok, (paths, store) = opening.run()
    try:
        assert ok and shown == [] and store.key is not None
    finally:
        store.close()
