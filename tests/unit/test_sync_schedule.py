"""Which accounts a sync tick starts, per sync mode."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.schedule import is_due
from app.store.accounts import NewAccount, create_account, list_accounts, set_sync_mode


@pytest.mark.parametrize("mode, minutes_ago, due", [
    ("push", None, True), ("push", 14, False), ("push", 15, True),
    ("5", 4.9, False), ("5", 5, True), ("15", 10, False), ("30", 29, False), ("30", 31, True),
    ("manual", None, False), ("manual", 10_000, False),
])
def test_each_mode_has_its_interval(mode, minutes_ago, due):
    now = 100_000.0
    last = None if minutes_ago is None else now - minutes_ago * 60
    assert is_due(mode, last, offline=False, now=now) is due


def test_offline_accounts_are_retried_every_minute_unless_manual():
    now = 100_000.0
    assert is_due("30", now - 61, offline=True, now=now)
    assert not is_due("30", now - 30, offline=True, now=now)
    assert not is_due("manual", now - 3600, offline=True, now=now)


def test_the_mode_is_stored_per_account_and_validated(store):
    account = create_account(store, NewAccount("a", "a@example.com", "imap.example.com", 993, "ssl",
                                               "smtp.example.com", 465, "ssl"))
    assert list_accounts(store)[0].sync_mode == "push"
    set_sync_mode(store, account.id, "15")
    assert list_accounts(store)[0].sync_mode == "15"
    with pytest.raises(UserFacingError):
        set_sync_mode(store, account.id, "hourly")
