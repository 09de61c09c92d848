"""Accounts: creating, finding and removing them.  Secrets are not stored here."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from app.errors import UserFacingError, visible
from app.store.database import Store
from app.store.mail_cache import now
from app.store.models import Account, Folder, Message
from app.store.writer import writes

SECURITY_MODES = ("ssl", "starttls", "none")
SYNC_MODES = ("push", "5", "15", "30", "manual")  # see app.services.schedule
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class NewAccount:
    name: str
    email: str
    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    username: str | None = None
    display_name: str = ""
    ca_file: str | None = None
    tls_verify: bool = True
    auth_method: str = "password"  # password | oauth2
    oauth_config: str | None = None  # JSON (app.mail.accounts.oauth.config.OAuthConfig); never a token

    def validate(self) -> None:
        if not self.name.strip():
            raise UserFacingError("The account needs a name.")
        if not _EMAIL.match(self.email):
            raise UserFacingError("'{email}' is not an email address (expected name@example.com).", email=self.email)
        for label, host in (("IMAP", self.imap_host), ("SMTP", self.smtp_host)):
            check_host_name(label, host)
        for label, port in (("IMAP", self.imap_port), ("SMTP", self.smtp_port)):
            if not 0 < port < 65536:
                raise UserFacingError("The {label} port must be between 1 and 65535, not {port}.", label=label, port=port)
        for label, mode in (("IMAP", self.imap_security), ("SMTP", self.smtp_security)):
            if mode not in SECURITY_MODES:
                raise UserFacingError("{label} security must be one of ssl, starttls, none.", label=label)


def check_host_name(label: str, host: str) -> None:
    """A server name must be one word of printable characters.

    A line break, tab or space pasted into a host can never reach a server, and echoed raw it
    would split the one-line error in two; the host is shown with such characters escaped.
    """
    if not host or not host.strip():
        raise UserFacingError("The {label} server name is empty.", label=label)
    if any(not ch.isprintable() or ch.isspace() for ch in host):
        raise UserFacingError("The {label} server name '{host}' contains a line break, space or other "
                              "invisible character; type it again.", label=label, host=visible(host))


@writes
def create_account(store: Store, new: NewAccount) -> Account:
    new.validate()
    with store.write() as session:
        if session.scalar(select(Account.id).where(Account.name == new.name)) is not None:
            raise UserFacingError("An account named '{new_name}' already exists.", new_name=new.name)
        account = Account(
            uuid=str(uuid.uuid4()), name=new.name, email=new.email,
            display_name=new.display_name, username=new.username or new.email,
            imap_host=new.imap_host, imap_port=new.imap_port, imap_security=new.imap_security,
            smtp_host=new.smtp_host, smtp_port=new.smtp_port, smtp_security=new.smtp_security,
            auth_method=new.auth_method, oauth_config=new.oauth_config, ca_file=new.ca_file, tls_verify=new.tls_verify,
            created_at=now())
        session.add(account)
    return account


@writes
def set_sync_mode(store: Store, account_id: int, mode: str) -> None:
    if mode not in SYNC_MODES:
        raise UserFacingError("Sync mode must be one of {items}, not '{mode}'.", items=list(SYNC_MODES), mode=mode)
    with store.write() as session:
        session.get(Account, account_id).sync_mode = mode


def list_accounts(store: Store) -> list[Account]:
    with store.read() as session:
        return list(session.scalars(select(Account).order_by(Account.name)))


def get_account(store: Store, name: str) -> Account:
    with store.read() as session:
        account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        known = ", ".join(a.name for a in list_accounts(store)) or "none yet"
        raise UserFacingError("No account named '{name}' (accounts: {known}).", name=name, known=known)
    return account


@writes
def mark_sample(store: Store, account_id: int) -> None:
    """The bundled sample account: never synced, never sends."""
    with store.write() as session:
        account = session.get(Account, account_id)
        account.is_sample, account.sync_mode = True, "manual"


@writes
def set_signature(store: Store, account_id: int, text: str) -> None:
    with store.write() as session:
        session.get(Account, account_id).signature = text


@writes
def remove_account(store: Store, name: str) -> Account:
    account = get_account(store, name)
    with store.write() as session:
        session.delete(session.get(Account, account.id))
    return account


def account_folders(store: Store, account_id: int) -> list[Folder]:
    with store.read() as session:
        return list(session.scalars(select(Folder).where(Folder.account_id == account_id)
                                    .order_by(Folder.name)))


def unread_counts(store: Store, account_id: int) -> dict[int, int]:
    with store.read() as session:
        rows = session.execute(
            select(Message.folder_id, func.count()).join(Folder, Folder.id == Message.folder_id)
            .where(Folder.account_id == account_id, Message.seen.is_(False),
                   Message.deleted.is_(False), Message.moving.is_(False))
            .group_by(Message.folder_id)).all()
    return dict(rows)
