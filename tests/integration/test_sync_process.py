"""Sync passes in a process of their own (app.services.pass_process), against a real Dovecot.

The window runs its passes this way; these tests drive the same services without Qt: mail
stored and searchable by the child, progress and states in the parent, a refused password
told as the same AuthError, a child killed mid-pass told in one sentence with the mail
already stored kept, and no child left behind when the services stop.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from app.errors import AuthError
from app.search.mail_search import search_mail
from app.secrets import SecretStore
from app.services import events as ev
from app.services.pass_process import PassProcess, PassProcessLost
from app.services.runtime import Services
from app.store.models import Message


pytestmark = pytest.mark.integration


@pytest.fixture
def services(store):
    made = []

    def make() -> tuple[Services, list]:
        service = Services(store, use_idle=False, pass_runner=PassProcess())
        events: list = []
        service.events.subscribe(events.append)
        made.append(service)
        return service, events

    yield make
    for service in made:
        service.stop()


def mail(n: int, subject: str = "Hello", body: str = "See you soon.") -> bytes:
    return (f"From: Wang Li <wang@huaxin.example>\r\nTo: sales@example.com\r\nSubject: {subject}\r\n"
            f"Message-ID: <m{n}@huaxin.example>\r\nDate: Mon, 2 Nov 2026 09:{n % 60:02d}:00 +0800\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def stored(store) -> int:
    with store.read() as session:
        return session.query(Message).count()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.encrypted  # the child opens the encrypted profile with the key sent over its pipe
def test_a_pass_in_the_sync_process_stores_indexes_and_reports_in_this_one(store, account, imap, services):
    assert store.key is not None
    for n in range(30):
        imap.append("INBOX", mail(n, f"Quarterly offer {n}"))
    service, events = services()
    summary = service.sync(account.id, user=True).result(timeout=60)
    assert summary.new == 30 and summary.indexed == 30
    assert stored(store) == 30
    assert len(search_mail(store, "Quarterly", limit=100).hits) == 30
    runner = service._pass_runner
    assert runner.pid is not None and runner.pid != os.getpid()
    assert any(isinstance(e, ev.Progress) and e.folder == "INBOX" and e.done == 30 for e in events)
    states = [e.state for e in events if isinstance(e, ev.AccountState)]
    assert states[-1] == "ok" and "syncing" in states
    changes = [e for e in events if isinstance(e, ev.ChangeSet)]
    assert changes and ev.MAIL in changes[-1].kinds

    imap.append("INBOX", mail(99, "One more"))
    pid = runner.pid
    assert service.sync(account.id, "INBOX").result(timeout=60).new == 1
    assert runner.pid == pid  # the same process serves the next pass
    service.stop()
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)


def test_a_refused_password_is_the_same_auth_error_and_nothing_stored_is_lost(store, account, imap, services):
    imap.append("INBOX", mail(1))
    service, events = services()
    service.sync(account.id).result(timeout=60)
    SecretStore().set_password(account.uuid, "not-the-password")
    with pytest.raises(AuthError) as refused:
        service.sync(account.id, user=True).result(timeout=60)
    assert "rejected the user name or password" in str(refused.value)
    last = [e for e in events if isinstance(e, ev.AccountState)][-1]
    assert (last.account_id, last.state, type(last.error)) == (account.id, "auth", AuthError)
    assert stored(store) == 1


def test_a_sync_process_killed_mid_pass_is_told_in_one_sentence_and_the_next_pass_finishes(
        store, account, imap, services):
    for n in range(400):
        imap.append("INBOX", mail(n, body="word " * 2000))
    service, events = services()
    started = []

    def progress(folder, done, total):
        if done and not started:
            started.append(service._pass_runner.pid)
            os.kill(service._pass_runner.pid, signal.SIGKILL)

    with pytest.raises(PassProcessLost) as lost:
        service.sync(account.id, progress=progress).result(timeout=60)
    assert "ended unexpectedly" in str(lost.value) and "\n" not in str(lost.value)
    assert [e.state for e in events if isinstance(e, ev.AccountState)][-1] == "error"
    kept = stored(store)
    summary = service.sync(account.id, user=True).result(timeout=120)
    assert service._pass_runner.pid not in (None, started[0])
    assert stored(store) == 400 and summary.new == 400 - kept
