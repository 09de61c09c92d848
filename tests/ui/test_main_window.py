"""The main window over a real synced store, and background sync with IDLE (pytest-qt)."""

from __future__ import annotations

import pytest

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.message_list_model import MessageListModel
from app.ui.sync_service import SyncService
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


@pytest.fixture
def window(qtbot, store, account, profile_dir):
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    yield win
    service.stop()


def test_message_model_passes_the_model_tester(qtmodeltester, qapp, store, account, imap, run_sync):
    for n in range(30):
        imap.append("INBOX", make_message(n))
    run_sync()
    from app.store.mail_queries import find_folder

    model = MessageListModel(store)
    model.set_folder(find_folder(store, account.id, None).id)
    assert model.rowCount() == 30
    qtmodeltester.check(model)


def test_window_lists_folders_and_shows_the_selected_message(qtbot, window, imap, run_sync):
    imap.append("INBOX", (
        "From: 张伟 <zhang.wei@huaxin-trade.cn>\r\nTo: sales@example.com\r\n"
        "Subject: =?utf-8?b?5oql5Lu35Y2V?=\r\nDate: Mon, 2 Nov 2026 10:00:00 +0800\r\n"
        "Content-Type: text/plain; charset=gbk\r\n\r\n").encode() + "请查收报价单。".encode("gbk"))
    imap.append("INBOX", make_message(3))
    run_sync()
    window.reload_folders()
    labels = [window.folders.topLevelItem(0).child(i).text(0)
              for i in range(window.folders.topLevelItem(0).childCount())]
    assert labels[0] == "INBOX (2)" and set(labels[1:]) == {"Sent", "Drafts", "Archive", "Junk", "Trash"}
    assert window.messages.rowCount() == 2
    row = next(r for r in range(2) if window.messages.index(r, 1).data() == "报价单")
    window.list_view.setCurrentIndex(window.messages.index(row, 0))
    assert "张伟 <zhang.wei@huaxin-trade.cn>" in window.header_label.text()
    assert window.body.toPlainText() == "请查收报价单。"


def test_background_sync_and_idle_bring_new_mail_into_the_window(qtbot, store, account, imap,
                                                                  profile_dir):
    imap.append("INBOX", make_message(1))
    service = SyncService(store)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    states = []
    service.account_state_changed.connect(lambda _id, state, _detail: states.append(state))
    service.start()
    try:
        qtbot.waitUntil(lambda: win.messages.rowCount() == 1, timeout=15000)
        assert "ok" in states and "up to date" in win.status_label.text()
        qtbot.waitUntil(lambda: bool(service._watchers)
                        and all(w.connected.is_set() for w in service._watchers), timeout=10000)
        imap.append("INBOX", make_message(2))  # arrives while the window is idle
        qtbot.waitUntil(lambda: win.messages.rowCount() == 2, timeout=15000)
    finally:
        service.stop()
    assert not service._worker.is_alive()


def test_offline_is_reported_not_shown_as_synced(qtbot, store, account, dovecot, profile_dir):
    dovecot.stop()
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    service.start()
    try:
        qtbot.waitUntil(lambda: "offline" in win.status_label.text(), timeout=15000)
        assert "up to date" not in win.status_label.text()
    finally:
        service.stop()
