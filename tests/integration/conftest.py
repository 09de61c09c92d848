from __future__ import annotations

import pytest

from app.services.account_sync import sync_account
from app.mail.imap.session import PasswordCredential
from app.secrets import SecretStore
from app.store.accounts import NewAccount, create_account

PASSWORD = "s3cret-pass"


@pytest.fixture
def account(store, dovecot):
    created = create_account(store, NewAccount(
        name="work", email="sales@example.com", username="sales", imap_host="localhost",
        imap_port=dovecot.ssl_port, imap_security="ssl", smtp_host="localhost", smtp_port=2525,
        smtp_security="starttls", ca_file=str(dovecot.ca_file)))
    SecretStore().set_password(created.uuid, PASSWORD)
    return created


@pytest.fixture
def imap(dovecot):
    """Another mail client acting on the same mailbox (the user's phone, a colleague...)."""
    client = dovecot.client("sales", PASSWORD)
    yield client
    try:
        client.logout()
    except Exception:
        pass


@pytest.fixture
def run_sync(store, account):
    def run(**kwargs):
        # A sync run by the test itself, also beside a window (whose thread otherwise must
        # never wait for a write): it stands for another client filling the store.
        with store.writer.waiting_allowed():
            return sync_account(store, account, PasswordCredential(PASSWORD), **kwargs)

    return run


@pytest.fixture
def courier(tmp_path):
    """Real Courier-IMAP on loopback over a private Maildir (the suite's second IMAP server)."""
    from tests.support.courier import CourierServer

    server = CourierServer(tmp_path / "courier-home")
    yield server
    server.stop()
