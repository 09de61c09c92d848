"""First run: "Explore sample data" opens the bundled sample profile, and leaving it returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.paths import ProfilePaths
from app.sample_data import MESSAGES, build_sample_profile, sample_account
from app.store.accounts import account_folders
from app.store.database import Store
from app.store.mail_queries import latest_messages
from app.ui.application import WindowHost
from app.ui.message_list_model import Roles
from tests.ui.waiting import wait_shown


def test_the_sample_profile_has_english_and_chinese_mail_and_is_built_once(tmp_path):
    root = build_sample_profile(tmp_path / "sample")
    build_sample_profile(tmp_path / "sample")  # opening it again adds nothing
    store = Store(ProfilePaths(root).database)
    try:
        account = sample_account(store)
        assert account.is_sample and account.sync_mode == "manual"
        folders = {f.name: f for f in account_folders(store, account.id)}
        assert {f.role for f in folders.values()} == {"inbox", "sent", "archive", "trash"}
        inbox = latest_messages(store, folders["INBOX"].id, 100)
        assert len(inbox) == sum(1 for m in MESSAGES if m[0] == "INBOX")
        subjects = {m.subject for m in inbox}
        assert "合同草案 — 华信贸易 / LED 面板" in subjects
        assert "Re: Quote for 500 units, delivery to Hamburg" in subjects
        assert [m.from_name for m in inbox if m.subject == "样品咨询"] == ["王芳"]
    finally:
        store.close()


@pytest.fixture
def host(qtbot, tmp_path):
    from app.profile import open_profile

    paths, store = open_profile(str(tmp_path / "profile"))
    host = WindowHost(paths, store)
    host.show()
    yield host
    host.close()


def test_explore_sample_data_from_the_welcome_panel_and_leave_again(qtbot, host):
    welcome = host.window.welcome
    assert host.window.central.currentWidget() is welcome
    first = host.window
    qtbot.mouseClick(welcome.explore, Qt.MouseButton.LeftButton)  # built off the GUI thread
    qtbot.waitUntil(lambda: host.window is not first, timeout=20000)
    window = host.window
    assert window.windowTitle() == "Liaison — sample data"
    assert not window.sample_banner.isHidden()
    assert window.messages.rowCount() == sum(1 for m in MESSAGES if m[0] == "INBOX")
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    wait_shown(window)
    assert window.body.toPlainText().strip()
    assert window.customer.address.text()
    states = []
    host.sync.account_state_changed.connect(lambda *args: states.append(args))
    host.sync.sync_all()
    qtbot.wait(300)
    assert states == []  # the sample account is never synced: it has no server
    assert not window.add_account_action.isVisible()
    qtbot.mouseClick(window.sample_banner.findChild(type(welcome.explore)), Qt.MouseButton.LeftButton)
    assert host.window is not window and host.window.central.currentWidget() is host.window.welcome
    assert host.paths.root.name == "profile"


def test_shortcuts_are_listed_in_help_and_next_unread_works(qtbot, host):
    from app.ui.shortcuts_dialog import shortcut_rows

    first = host.window
    host.explore_sample()
    qtbot.waitUntil(lambda: host.window is not first, timeout=20000)
    window = host.window
    rows = {(menu, action): keys for menu, action, keys in shortcut_rows(window.menuBar())}
    assert rows[("Message", "Archive")] == "A" and rows[("Go", "Next Unread Message")] == "N"
    assert rows[("Message", "Move to Folder…")] == "V" and rows[("Help", "Keyboard Shortcuts")] == "F1"
    unread = [r for r in range(window.messages.rowCount())
              if window.messages.index(r, 0).data(Roles.Unread)]
    assert len(unread) >= 2
    window.select_next_unread()
    assert window.list_view.currentIndex().row() == unread[0]
    window.select_next_unread()
    assert window.list_view.currentIndex().row() == unread[1]
