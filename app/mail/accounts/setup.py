"""Setting up a mail account from an address and a password, for the dialog and the CLI.

``discover`` finds server settings without asking the user: the bundled provider table,
then the domain's published autoconfig (HTTPS only), then the domain's MX host matched
against hosted-mail providers (companies on Tencent Exmail or Alibaba mail under their own
domain).  ``add_account`` logs in once before anything is saved, stores the password in the
keyring only, and never leaves an account behind without its password.  ``explain`` turns
a failed login into the sentence a salesperson needs ("QQ Mail needs an authorisation
code…"), as a translatable error with parameters.  All of it may block on the network or
the keyring: the GUI calls it off its thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from app.errors import AuthError, LiaisonError, NetworkError, Phrase, ServerError, TlsError
from app.mail.accounts.autoconfig import HttpsFetcher, lookup
from app.mail.imap.session import imap_settings
from app.mail.imap.session import PasswordCredential, close_quietly, open_session
from app.mail.tls_trust import checked_ca_file
from app.mail.accounts.providers import Provider, ServerSettings, provider_for_domain, provider_for_mx
from app.secrets import SecretStore
from app.settings.guards import require_encryption
from app.store.accounts import NewAccount, create_account, remove_account
from app.store.database import Store

log = logging.getLogger("liaison.setup")
LOGIN_TEST_TIMEOUT = 30.0
_IMAP_OFF_WORDS = ("not enabled for imap", "imap is disabled", "imap access is disabled",
                   "imap service is disabled", "unsafe login", "未开启", "未开通", "not open")
_APP_PASSWORD_WORDS = ("application-specific password", "app password", "authorization code",
                       "授权码", "web login required")


@dataclass(frozen=True)
class Discovery:
    """What was found for an address: settings (None: ask the user) and where they came from."""

    settings: ServerSettings | None
    source: str  # provider | autoconfig | mx | none
    provider: Provider | None = None
    detail: str = ""  # the provider's name, the autoconfig URL or the MX host


def mx_hosts(domain: str) -> list[str]:
    """The domain's MX hosts, most preferred first; empty when DNS cannot say."""
    try:
        import dns.exception
        import dns.resolver
    except ImportError:  # dnspython is a dependency; be robust if a packager dropped it
        return []
    try:
        answer = dns.resolver.resolve(domain, "MX", lifetime=5.0)
    except (dns.exception.DNSException, OSError):
        return []
    return [str(r.exchange).rstrip(".").lower() for r in sorted(answer, key=lambda r: r.preference)]


def discover(email: str, fetcher: HttpsFetcher | None = None,
             find_mx: Callable[[str], list[str]] = mx_hosts) -> Discovery:
    domain = email.rpartition("@")[2].strip().lower()
    provider = provider_for_domain(domain)
    if provider is not None:
        return Discovery(provider.settings, "provider", provider, provider.name)
    published = lookup(email, fetcher)
    if published is not None:
        return Discovery(published[0], "autoconfig", None, published[1])
    for host in find_mx(domain):
        provider = provider_for_mx(host)
        if provider is not None:
            return Discovery(provider.settings, "mx", provider, host)
    return Discovery(None, "none")


def guessed_settings(email: str) -> ServerSettings:
    """The usual host names, offered for manual entry when nothing was found."""
    domain = email.rpartition("@")[2].strip().lower()
    return ServerSettings(f"imap.{domain}", 993, "ssl", f"smtp.{domain}", 465, "ssl")


def account_from(email: str, settings: ServerSettings, name: str = "", display_name: str = "",
                 username: str | None = None, ca_file: str | None = None) -> NewAccount:
    new = NewAccount(
        name=name.strip() or email, email=email.strip(), display_name=display_name.strip(),
        username=(username or "").strip() or settings.login_for(email.strip()),
        imap_host=settings.imap_host, imap_port=settings.imap_port,
        imap_security=settings.imap_security, smtp_host=settings.smtp_host,
        smtp_port=settings.smtp_port, smtp_security=settings.smtp_security, ca_file=checked_ca_file(ca_file))
    new.validate()
    return new


def check_login(new: NewAccount, password: str) -> None:
    """Log in once and out again; raises the classified error when that fails."""
    close_quietly(open_session(imap_settings(new), PasswordCredential(password),
                               timeout=LOGIN_TEST_TIMEOUT))


def add_account(store: Store, new: NewAccount, password: str, check: bool = True,
                secrets: SecretStore | None = None):
    """Test the login (unless ``check`` is off), save the account and its password together.

    An account with security "none" is refused first when unencrypted mail is not allowed here.
    """
    new.validate()
    require_encryption(new.imap_security, new.imap_host)
    require_encryption(new.smtp_security, new.smtp_host)
    new.ca_file = checked_ca_file(new.ca_file)  # also without the login test: named now, not at sync
    secrets = secrets or SecretStore()
    secrets.ensure_available()  # fail before anything is saved if no keyring can hold it
    if check:
        check_login(new, password)
    account = create_account(store, new)
    try:
        secrets.set_password(account.uuid, password)
    except BaseException:
        remove_account(store, account.name)  # no account without its password
        raise
    log.info("added account %s", account.name)
    return account


def explain(error: LiaisonError, provider: Provider | None) -> LiaisonError:
    """A failed login as the sentence a salesperson needs, with what to do.

    Returns an error of the same class, as a template with parameters (app.errors): the
    provider's advice is a :class:`~app.errors.Phrase` parameter (translated where shown),
    the server's words stay the ``reply`` parameter, and any other error is kept as the
    ``detail`` parameter.
    """
    if isinstance(error, AuthError):
        said = error.server_text.lower()
        reply = error.server_text
        if any(word in said for word in _IMAP_OFF_WORDS) and provider and provider.imap_help:
            return AuthError("The mailbox refused the connection: IMAP may be switched off for it. {advice}",
                             reply, code="setup.imap_off", advice=Phrase(provider.imap_help),
                             provider=provider.name)
        if provider and provider.password_help:
            return AuthError("The password was not accepted. {advice}", reply, code="setup.password",
                             advice=Phrase(provider.password_help), provider=provider.name)
        if any(word in said for word in _APP_PASSWORD_WORDS):
            return AuthError("The server wants an app password or authorisation code instead of your web "
                             "password; create one in your mailbox's security settings.", reply,
                             code="setup.app_password")
        return AuthError("The user name or password was not accepted. Check them; if your provider uses app "
                         "passwords or authorisation codes, use one instead of the web password.", reply,
                         code="setup.rejected")
    if isinstance(error, TlsError):
        return TlsError("The server's security certificate could not be verified, so your password was not "
                        "sent. {detail}", code="setup.tls", detail=error)
    if isinstance(error, NetworkError):
        return NetworkError("The server could not be reached. {detail}", code="setup.unreachable", detail=error)
    if isinstance(error, ServerError):
        return ServerError("The server answered with an error. {detail}", code="setup.server", detail=error)
    return error


def explain_failure(error: LiaisonError, provider: Provider | None) -> str:
    """:func:`explain` as English text (kept for callers that print it as it is)."""
    return explain(error, provider).message
