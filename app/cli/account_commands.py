"""`account add|list|remove|set-password|sign-in` (``add --oauth`` signs in through the browser)."""

from __future__ import annotations

import json
import sys

from dataclasses import replace

from app.errors import AuthError, UserFacingError
from app.mail.accounts.setup import account_from, add_account, discover, explain
from app.mail.accounts.providers import Provider, ServerSettings
from app.secrets import SecretStore
from app.settings import get, set_value
from app.store.accounts import get_account, list_accounts, remove_account
from app.store.local_folders import is_local


def read_password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UserFacingError("No password on standard input.")
    return password


def _settings_for(args) -> tuple[ServerSettings, Provider | None]:
    """Discovered settings with every explicitly given option laid over them."""
    given = {key: getattr(args, key) for key in ("imap_host", "imap_port", "imap_security",
                                                 "smtp_host", "smtp_port", "smtp_security")}
    provider = None
    if all(value is not None for value in given.values()):
        return ServerSettings(**given), None
    found = discover(args.email)
    if found.settings is None:
        missing = ", ".join("--" + key.replace("_", "-") for key, value in given.items() if value is None)
        raise UserFacingError(f"No server settings found for {args.email}; give {missing}.")
    provider = found.provider
    print(f"using settings from {found.detail} ({found.source})", file=sys.stderr)
    return replace(found.settings, **{k: v for k, v in given.items() if v is not None}), provider


def _add(args, store) -> int:
    if "@" not in args.email:
        raise UserFacingError(f"'{args.email}' is not an email address (expected name@example.com).")
    settings, provider = _settings_for(args)
    new = account_from(args.email, settings, name=args.name or "", display_name=args.display_name,
                       username=args.username, ca_file=args.ca_file)
    new.tls_verify = not args.insecure_skip_verify
    if getattr(args, "oauth", None):
        return _add_oauth(args, store, new)
    if not args.password_stdin:
        raise UserFacingError("Give --password-stdin (the password on standard input) or --oauth PROVIDER "
                              "(sign in through the browser).", code="cli.no_credential")
    password = read_password_from_stdin()
    try:
        account = add_account(store, new, password, check=not args.no_check)
    except AuthError as exc:
        raise explain(exc, provider) from None
    print(f"added account {account.name} <{account.email}>")
    return 0


def open_browser(url: str) -> bool:
    """The system browser (``$BROWSER`` is honoured); the URL is printed as well, for a machine
    without one or a browser on another computer."""
    import webbrowser

    print(f"Sign in in your browser. If it did not open, visit:\n{url}", file=sys.stderr, flush=True)
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def _add_oauth(args, store, new) -> int:
    from app.mail.accounts.oauth.account_setup import add_oauth_account, browser_sign_in, new_config
    from app.mail.accounts.oauth.config import oauth_provider

    config = new_config(oauth_provider(args.oauth), args.oauth_authorize_url, args.oauth_token_url)
    SecretStore().ensure_available()  # before the browser: nowhere to keep the sign-in otherwise
    tokens = browser_sign_in(config, open_browser, login_hint=new.email, ca_file=new.ca_file, account=new.name)
    account = add_oauth_account(store, new, config, tokens, check=not args.no_check)
    print(f"added account {account.name} <{account.email}> (signed in with {oauth_provider(args.oauth).name})")
    return 0


def _sign_in(args, store) -> int:
    from app.mail.accounts.oauth.account_setup import sign_in_again

    account = get_account(store, args.name)
    if account.auth_method != "oauth2" or not account.oauth_config:
        raise UserFacingError("{account} signs in with a password, not through the browser; use "
                              "account set-password.", code="cli.not_oauth", account=account.name)
    sign_in_again(account, open_browser)
    print(f"signed in again: {account.name}")
    return 0


def _list(args, store) -> int:
    accounts = list_accounts(store)
    if args.json:
        for a in accounts:
            print(json.dumps({
                "name": a.name, "email": a.email, "username": a.username,
                "imap": {"host": a.imap_host, "port": a.imap_port, "security": a.imap_security},
                "smtp": {"host": a.smtp_host, "port": a.smtp_port, "security": a.smtp_security},
                "tls_verify": a.tls_verify, "sync": get(store, "sync_mode", a.id), "uuid": a.uuid,
                "auth": a.auth_method,
                "local": is_local(a)}, ensure_ascii=False))
    else:
        for a in accounts:
            where = ("kept on this computer only (no server)" if is_local(a)
                     else f"{a.imap_host}:{a.imap_port} ({a.imap_security})")
            print(f"{a.name}\t{a.email}\t{where}")
    return 0


def _remove(args, store) -> int:
    account = remove_account(store, args.name)
    if not is_local(account):  # Local Folders has no password to forget
        from app.mail.accounts.oauth.token_cache import CACHE, REFRESH_KIND

        SecretStore().delete_password(account.uuid)
        if account.auth_method == "oauth2":
            SecretStore().delete_password(account.uuid, REFRESH_KIND)
            CACHE.forget(account.uuid)
    print(f"removed account {account.name}")
    return 0


def _set_sync(args, store) -> int:
    account = get_account(store, args.name)
    if is_local(account):
        raise UserFacingError("{account} is kept on this computer only: there is no server to sync it with.",
                              code="sync.no_server", account=account.name)
    set_value(store, "sync_mode", args.mode, account.id)  # through the settings: a policy may lock it
    print(f"{account.name} now syncs: {args.mode}")
    return 0


def _set_signature(args, store) -> int:
    from pathlib import Path

    from app.mail.reading.body_charset import decode_body

    try:
        text = decode_body(Path(args.file).expanduser().read_bytes(), None).text.strip()
    except OSError as exc:
        raise UserFacingError(f"Could not read {args.file}: {exc.strerror or exc}.") from None
    account = get_account(store, args.name)
    set_value(store, "signature", text, account.id)  # through the settings: a policy may lock it
    print(f"signature {'set' if text else 'removed'} for {account.name}")
    return 0


def _set_password(args, store) -> int:
    account = get_account(store, args.name)
    SecretStore().set_password(account.uuid, read_password_from_stdin())
    print(f"password updated for {account.name}")
    return 0


def run(args, store) -> int:
    handlers = {"add": _add, "list": _list, "remove": _remove, "set-password": _set_password,
                "set-sync": _set_sync, "sign-in": _sign_in, "set-signature": _set_signature}
    return handlers[args.action](args, store)

