"""IMAP IDLE against Dovecot: new mail is noticed while idle, and the watcher stops promptly."""

from __future__ import annotations

import threading
import time

import pytest

from app.mail.imap.session import imap_settings
from app.mail.imap.idle import IdleWatcher
from app.mail.imap.session import PasswordCredential
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


def test_new_mail_while_idle_is_reported_and_then_synced(store, account, imap, run_sync):
    run_sync()
    changed = threading.Event()
    watcher = IdleWatcher(imap_settings(account), lambda: PasswordCredential("s3cret-pass"),
                          on_change=changed.set, poll_seconds=0.2)
    watcher.start()
    try:
        assert watcher.connected.wait(10)
        imap.append("INBOX", make_message(42))
        assert changed.wait(10), "IDLE did not report the new message"
    finally:
        started = time.monotonic()
        watcher.stop()
        assert time.monotonic() - started < 3
    summary = run_sync(only_folder="INBOX")
    assert summary.new == 1


def test_idle_is_renewed_before_the_server_timeout(store, account, imap):
    changed = threading.Event()
    watcher = IdleWatcher(imap_settings(account), lambda: PasswordCredential("s3cret-pass"),
                          on_change=changed.set, renew_seconds=0.5, poll_seconds=0.1)
    watcher.start()
    try:
        assert watcher.connected.wait(10)
        time.sleep(1.6)  # at least two renewals (DONE + IDLE) have happened
        imap.append("INBOX", make_message(43))
        assert changed.wait(10), "IDLE stopped working after renewal"
    finally:
        watcher.stop()


def test_wrong_password_is_reported_not_raised(store, account):
    errors = []
    watcher = IdleWatcher(imap_settings(account), lambda: PasswordCredential("wrong"),
                          on_change=lambda: None, on_error=errors.append)
    watcher.start()
    deadline = time.monotonic() + 10
    while not errors and time.monotonic() < deadline:
        time.sleep(0.05)
    watcher.stop()
    assert errors and "rejected" in str(errors[0])
