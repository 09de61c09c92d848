"""Keeping accounts current from the window: schedule, offline and back, removal."""

from __future__ import annotations

import pytest

from app.secrets import SecretStore
from app.store.accounts import list_accounts
from app.store.mail_queries import message_by_id
from app.ui.message_list_model import Roles
from app.ui.sync_service import SyncService
from tests.integration.conftest import PASSWORD
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


def test_offline_indicator_and_sync_when_the_server_comes_back(qtbot, account, imap, dovecot,
                                                               open_window, monkeypatch):
    from app.services import schedule as sync_schedule
    from app.services import runtime

    monkeypatch.setattr(runtime, "TICK_SECONDS", 0.2)
    monkeypatch.setattr(sync_schedule, "OFFLINE_RETRY_SECONDS", 0.5)
    imap.append("INBOX", make_message(1))
    imap.logout()
    dovecot.stop()
    win, _service = open_window(separate_process=True)  # as the app runs its passes
    qtbot.waitUntil(lambda: not win.offline_label.isHidden(), timeout=15000)
    dovecot.start()
    qtbot.waitUntil(lambda: win.offline_label.isHidden(), timeout=15000)
    assert "up to date" in win.status_label.text()
    qtbot.waitUntil(lambda: win.messages.rowCount() == 1, timeout=15000)


def test_manual_accounts_are_not_synced_on_start(qtbot, store, account, profile_dir):
    from app.store.accounts import set_sync_mode

    set_sync_mode(store, account.id, "manual")
    service = SyncService(store, use_idle=False)
    states = []
    service.account_state_changed.connect(lambda *args: states.append(args))
    service.start()
    try:
        qtbot.wait(300)
        assert states == []
        service.sync_all()  # the user asked
        qtbot.waitUntil(lambda: bool(states) and states[-1][1] == "ok", timeout=15000)
    finally:
        service.stop()


def test_removing_an_account_deletes_its_cache_and_password_and_stops_push(
        qtbot, store, account, imap, run_sync, open_window):
    from app.store.models import Message

    imap.append("INBOX", make_message(1))
    run_sync()
    win, service = open_window(use_idle=True)
    qtbot.waitUntil(lambda: account.id in service._watchers, timeout=10000)
    with qtbot.waitSignal(win.accounts.mode_changed, timeout=10000):
        win.accounts.set_sync_mode(account.id, "manual")  # switching off push stops IDLE
    assert account.id not in service._watchers
    with qtbot.waitSignal(win.accounts.removed, timeout=10000):
        win.accounts.remove_account(account.id, confirm=False)
    assert list_accounts(store) == [] and SecretStore().get_password(account.uuid) is None
    with store.read() as session:
        assert session.query(Message).count() == 0
    assert win.central.currentWidget() is win.welcome


def test_actions_taken_offline_reach_the_server_when_it_comes_back(
        qtbot, account, imap, run_sync, dovecot, open_window, monkeypatch):
    from app.services import schedule as sync_schedule
    from app.services import runtime
    from app.ui import message_actions

    monkeypatch.setattr(runtime, "TICK_SECONDS", 0.2)
    monkeypatch.setattr(sync_schedule, "OFFLINE_RETRY_SECONDS", 0.5)
    monkeypatch.setattr(message_actions, "PUSH_DELAY_MS", 50)
    for n in range(3):
        imap.append("INBOX", make_message(n))
    run_sync()
    imap.logout()
    dovecot.stop()
    win, _service = open_window(separate_process=True)
    qtbot.waitUntil(lambda: not win.offline_label.isHidden(), timeout=15000)
    win.list_view.setCurrentIndex(win.messages.index(0, 0))
    win.actions.toggle_flag.trigger()
    flagged_uid = message_by_id(win.store, win.messages.index(0, 0).data(Roles.MessageId)).uid
    qtbot.waitUntil(lambda: win.messages.index(0, 0).data(Roles.Flagged), timeout=5000)
    win.list_view.setCurrentIndex(win.messages.index(1, 0))
    win.actions.delete.trigger()
    qtbot.waitUntil(lambda: win.messages.rowCount() == 2, timeout=5000)  # applied locally, offline
    assert win.messages.index(0, 0).data(Roles.Flagged)
    dovecot.start()
    qtbot.waitUntil(lambda: win.offline_label.isHidden(), timeout=15000)
    server = dovecot.client("sales", PASSWORD)
    try:
        def server_state():
            trash = server.select_folder("Trash", readonly=True)[b"EXISTS"]
            server.select_folder("INBOX", readonly=True)
            return trash, b"\\Flagged" in server.get_flags([flagged_uid]).get(flagged_uid, ())

        qtbot.waitUntil(lambda: server_state() == (1, True), timeout=15000)
        assert server.select_folder("INBOX", readonly=True)[b"EXISTS"] == 2
    finally:
        server.logout()
