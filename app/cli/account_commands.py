"""`account add|list|remove|set-password`."""

from __future__ import annotations

import json
import sys

from app.errors import UserFacingError
from app.mail.account_sync import imap_settings
from app.mail.imap_session import PasswordCredential, close_quietly, open_session
from app.secrets import SecretStore
from app.store.accounts import NewAccount, create_account, get_account, list_accounts, remove_account


def read_password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UserFacingError("No password on standard input.")
    return password


def _add(args, store) -> int:
    new = NewAccount(
        name=args.name, email=args.email, display_name=args.display_name, username=args.username,
        imap_host=args.imap_host, imap_port=args.imap_port, imap_security=args.imap_security,
        smtp_host=args.smtp_host, smtp_port=args.smtp_port, smtp_security=args.smtp_security,
        ca_file=args.ca_file, tls_verify=not args.insecure_skip_verify)
    new.username = new.username or new.email
    new.validate()
    password = read_password_from_stdin()
    secrets = SecretStore()
    secrets.ensure_available()  # fail before anything is saved if no keyring can hold it
    if not args.no_check:  # log in once, so a wrong password or host is caught now
        close_quietly(open_session(imap_settings(new), PasswordCredential(password), timeout=30))
    account = create_account(store, new)
    try:
        secrets.set_password(account.uuid, password)
    except BaseException:
        remove_account(store, account.name)  # no account without its password
        raise
    print(f"added account {account.name} <{account.email}>")
    return 0


def _list(args, store) -> int:
    accounts = list_accounts(store)
    if args.json:
        for a in accounts:
            print(json.dumps({
                "name": a.name, "email": a.email, "username": a.username,
                "imap": {"host": a.imap_host, "port": a.imap_port, "security": a.imap_security},
                "smtp": {"host": a.smtp_host, "port": a.smtp_port, "security": a.smtp_security},
                "tls_verify": a.tls_verify, "uuid": a.uuid}, ensure_ascii=False))
    else:
        for a in accounts:
            print(f"{a.name}\t{a.email}\t{a.imap_host}:{a.imap_port} ({a.imap_security})")
    return 0


def _remove(args, store) -> int:
    account = remove_account(store, args.name)
    SecretStore().delete_password(account.uuid)
    print(f"removed account {account.name}")
    return 0


def _set_password(args, store) -> int:
    account = get_account(store, args.name)
    SecretStore().set_password(account.uuid, read_password_from_stdin())
    print(f"password updated for {account.name}")
    return 0


def run(args, store) -> int:
    handlers = {"add": _add, "list": _list, "remove": _remove, "set-password": _set_password}
    return handlers[args.action](args, store)

