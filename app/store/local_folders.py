"""Local Folders: mail kept only on this computer, in a pseudo-account no sync ever contacts.

Imported mail (``import-mail`` without ``--upload``) needs folders that belong to no server.
Rather than a second kind of folder, the store keeps them as Thunderbird does: under one
account row marked by ``auth_method = "local"`` — there is nothing to log in to.  Its folders
and messages are ordinary ``mail_folders``/``mail_messages`` rows, so listing, reading,
search, threads and customer links work on them unchanged; no column or migration is needed.

The sync never sees it: :func:`has_server` is false for it, and
:meth:`app.services.runtime.Services.accounts` and the CLI ``sync`` leave such accounts out.
Its folders carry a fixed UIDVALIDITY of 1 and UIDs handed out in order, so the UNIQUE
(folder, uid) key of the cache holds for them too.

Unlike the mail cache, these messages cannot be fetched again from anywhere: they are user
data.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.store.database import Store
from app.store.mail_cache import now
from app.store.models import Account, Folder, Message
from app.store.writer import writes

LOCAL_AUTH = "local"
LOCAL_ACCOUNT_NAME = "Local Folders"
LOCAL_DELIMITER = "/"
LOCAL_UIDVALIDITY = 1


def has_server(account: Account) -> bool:
    """Whether the account has a server to sync with (not the sample, not Local Folders)."""
    return not account.is_sample and account.auth_method != LOCAL_AUTH


def is_local(account: Account) -> bool:
    return account.auth_method == LOCAL_AUTH


def local_account(store: Store) -> Account | None:
    with store.read() as session:
        return session.scalar(select(Account).where(Account.auth_method == LOCAL_AUTH).order_by(Account.id))


@writes
def ensure_local_account(store: Store) -> Account:
    """The Local Folders account, made on first use (named "Local Folders", or with a number
    added if an account already has that name)."""
    with store.write() as session:
        account = session.scalar(select(Account).where(Account.auth_method == LOCAL_AUTH).order_by(Account.id))
        if account is not None:
            return account
        taken = set(session.scalars(select(Account.name)))
        name, number = LOCAL_ACCOUNT_NAME, 2
        while name in taken:
            name, number = f"{LOCAL_ACCOUNT_NAME} ({number})", number + 1
        account = Account(uuid=str(uuid.uuid4()), name=name, email="", display_name="", username="",
                          imap_host="", imap_port=0, imap_security="none", smtp_host="", smtp_port=0,
                          smtp_security="none", auth_method=LOCAL_AUTH, tls_verify=True,
                          created_at=now(), sync_mode="manual")
        session.add(account)
    return account


@writes
def ensure_local_folder(store: Store, account_id: int, name: str, role: str | None) -> Folder:
    """The local folder ``name`` ("Archive/2019"), made with its parents if missing.

    ``role`` (inbox, sent…) is given only where no other folder of the account has it."""
    with store.write() as session:
        existing = {f.name: f for f in session.scalars(select(Folder).where(Folder.account_id == account_id))}
        taken_roles = {f.role for f in existing.values() if f.role}
        parts = name.split(LOCAL_DELIMITER)
        folder = None
        for depth in range(1, len(parts) + 1):
            path = LOCAL_DELIMITER.join(parts[:depth])
            folder = existing.get(path)
            if folder is None:
                folder_role = role if depth == len(parts) and role not in taken_roles else None
                folder = Folder(account_id=account_id, name=path, delimiter=LOCAL_DELIMITER,
                                role=folder_role, selectable=True, uidvalidity=LOCAL_UIDVALIDITY,
                                sync_state="ok", last_synced_at=now())
                session.add(folder)
                session.flush()
                existing[path] = folder
        return folder


def next_uid(session, folder_id: int) -> int:
    """The next UID of a local folder (inside the writer's transaction that uses it)."""
    return (session.scalar(select(func.max(Message.uid)).where(Message.folder_id == folder_id)) or 0) + 1
