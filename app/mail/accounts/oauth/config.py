"""The providers that offer OAuth2 sign-in, and an account's OAuth2 configuration.

Client ids are machine settings (``oauth_client_id_google``, ``oauth_client_secret_google``,
``oauth_client_id_microsoft``), empty by default; IT presets them by policy.  Google's
"installed app" client secret is not confidential (Google's own documentation says so), but it
is read from the settings when needed rather than stored with the account.

An account's :class:`OAuthConfig` is kept as JSON in ``accounts.oauth_config``: provider,
endpoints, client id and scopes — never a token.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from app.errors import UserFacingError


@dataclass(frozen=True)
class OAuthProvider:
    key: str  # google | microsoft
    name: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]
    mail_providers: tuple[str, ...]  # keys in app.mail.accounts.providers
    extra_params: tuple[tuple[str, str], ...] = ()

    @property
    def client_id_setting(self) -> str:
        return f"oauth_client_id_{self.key}"

    @property
    def client_secret_setting(self) -> str | None:
        return f"oauth_client_secret_{self.key}" if self.key == "google" else None


GOOGLE = OAuthProvider(
    "google", "Google", "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
    ("https://mail.google.com/",), ("gmail",),
    # a refresh token is only issued with offline access; "consent" makes Google issue a new one
    extra_params=(("access_type", "offline"), ("prompt", "consent")))
MICROSOFT = OAuthProvider(
    "microsoft", "Microsoft", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    ("https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send",
     "offline_access"), ("outlook",))

OAUTH_PROVIDERS: tuple[OAuthProvider, ...] = (GOOGLE, MICROSOFT)


def oauth_provider(key: str) -> OAuthProvider:
    for provider in OAUTH_PROVIDERS:
        if provider.key == key:
            return provider
    raise UserFacingError("OAuth2 sign-in is available for {known}, not '{key}'.", code="auth.oauth_provider",
                          known=[p.key for p in OAUTH_PROVIDERS], key=key)


def oauth_provider_for_mail(mail_provider_key: str | None) -> OAuthProvider | None:
    """The OAuth2 provider of a mail provider in the provider table (Gmail → Google)."""
    for provider in OAUTH_PROVIDERS:
        if mail_provider_key in provider.mail_providers:
            return provider
    return None


def _machine(key: str | None) -> str:
    if not key:
        return ""
    from app.settings.values import machine_value

    return str(machine_value(key) or "").strip()


@dataclass(frozen=True)
class OAuthConfig:
    """What an account needs to get tokens (stored as JSON; no secret in it)."""

    provider: str
    authorize_url: str
    token_url: str
    client_id: str
    scopes: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "scopes": list(self.scopes)}, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> "OAuthConfig":
        data = json.loads(text)
        return OAuthConfig(provider=str(data["provider"]), authorize_url=str(data["authorize_url"]),
                           token_url=str(data["token_url"]), client_id=str(data["client_id"]),
                           scopes=tuple(data.get("scopes") or ()))

    @property
    def client_secret(self) -> str:
        """Google's non-confidential installed-app secret, from the machine settings ('' if none)."""
        try:
            provider = oauth_provider(self.provider)
        except UserFacingError:
            return ""
        return _machine(provider.client_secret_setting)

    @property
    def extra_params(self) -> tuple[tuple[str, str], ...]:
        try:
            return oauth_provider(self.provider).extra_params
        except UserFacingError:
            return ()


def config_for(provider: OAuthProvider, authorize_url: str | None = None,
               token_url: str | None = None) -> OAuthConfig:
    """The configuration for a new sign-in; raises when this computer has no client id for it.

    ``authorize_url``/``token_url`` replace the provider's endpoints (a tenant-specific
    Microsoft endpoint, a test server).
    """
    client_id = _machine(provider.client_id_setting)
    if not client_id:
        raise UserFacingError("Sign-in with {provider} is not set up on this computer: the setting {setting} "
                              "(a client id registered with {provider}) is empty; ask your IT department.",
                              code="auth.oauth_no_client", provider=provider.name,
                              setting=provider.client_id_setting)
    return OAuthConfig(provider.key, authorize_url or provider.authorize_url, token_url or provider.token_url,
                       client_id, provider.scopes)


def client_configured(provider: OAuthProvider) -> bool:
    return bool(_machine(provider.client_id_setting))
