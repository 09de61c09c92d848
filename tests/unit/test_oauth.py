"""The OAuth2 core without servers: PKCE, the loopback redirect, the token cache, XOAUTH2 strings."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request

import pytest

from app.cli.runner import error_lines
from app.errors import AuthError, Cancelled, UserFacingError, oauth_missing, oauth_revoked
from app.mail.accounts.oauth import pkce
from app.mail.accounts.oauth.config import GOOGLE, MICROSOFT, OAuthConfig, config_for, oauth_provider_for_mail
from app.mail.accounts.oauth.credential import oauthbearer_string, xoauth2_string, _imap_oauth
from app.mail.accounts.oauth.flow import authorization_url
from app.mail.accounts.oauth.loopback import LoopbackRedirect
from app.mail.accounts.oauth.token_cache import REFRESH_KIND, TokenCache
from app.mail.accounts.oauth import token_cache as token_cache_module
from app.mail.accounts.oauth.token_client import Tokens, refresh
from app.secrets import SecretStore

CONFIG = OAuthConfig("google", "https://auth.example.test/authorize", "https://auth.example.test/token",
                     "client-1", ("https://mail.google.com/",))


def test_pkce_s256_matches_rfc_7636_appendix_b():
    assert pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == \
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_verifiers_and_states_are_random_and_well_formed():
    verifiers = {pkce.new_verifier() for _ in range(20)}
    assert len(verifiers) == 20
    assert all(43 <= len(v) <= 128 and v.replace("-", "").replace("_", "").isalnum() for v in verifiers)
    assert pkce.new_state() != pkce.new_state()


def test_the_authorization_url_carries_pkce_state_and_the_loopback_redirect():
    url = authorization_url(CONFIG, "http://127.0.0.1:5555/", "st", "verifier-" * 6, "a@gmail.com")
    from urllib.parse import parse_qs, urlsplit

    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query["code_challenge_method"] == "S256"
    assert query["code_challenge"] == pkce.challenge("verifier-" * 6)
    assert query["redirect_uri"] == "http://127.0.0.1:5555/" and query["state"] == "st"
    assert query["access_type"] == "offline" and query["login_hint"] == "a@gmail.com"
    assert "verifier" not in url


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_redirect_listener_answers_one_request_and_returns_the_code():
    with LoopbackRedirect("good-state") as redirect:
        assert redirect.redirect_uri.startswith("http://127.0.0.1:")
        assert _get(f"http://127.0.0.1:{redirect.port}/favicon.ico")[0] == 404  # does not end the wait
        status, page = _get(redirect.redirect_uri + "?code=abc&state=good-state")
        assert status == 200 and "close this window" in page
        assert redirect.wait(5) == "abc"


def test_a_redirect_with_the_wrong_state_is_refused():
    with LoopbackRedirect("good-state") as redirect:
        status, _page = _get(redirect.redirect_uri + "?code=abc&state=forged")
        assert status == 400
        with pytest.raises(AuthError) as raised:
            redirect.wait(5)
    assert raised.value.code == "auth.oauth_state"


def test_the_redirect_wait_times_out_and_can_be_cancelled():
    with LoopbackRedirect("s") as redirect:
        started = time.monotonic()
        with pytest.raises(UserFacingError) as raised:
            redirect.wait(0.3)
        assert raised.value.code == "auth.oauth_timeout" and time.monotonic() - started < 3
    cancel = threading.Event()
    with LoopbackRedirect("s") as redirect:
        threading.Timer(0.2, cancel.set).start()
        with pytest.raises(Cancelled):
            redirect.wait(30, cancel)


def test_the_listener_is_on_loopback_only():
    with LoopbackRedirect("s") as redirect:
        assert redirect._server.server_address[0] == "127.0.0.1"


class _Account:
    def __init__(self):
        self.uuid, self.name, self.id, self.ca_file = "uuid-1", "work", 7, None


def test_the_cache_refreshes_five_minutes_before_expiry(monkeypatch):
    now = [1000.0]
    calls = []

    def fake_refresh(config, token, ca_file, account):
        calls.append(token)
        return Tokens(f"access-{len(calls)}", now[0] + 3600, "rotated" if len(calls) == 2 else None)

    monkeypatch.setattr(token_cache_module, "refresh", fake_refresh)
    SecretStore().set_password("uuid-1", "refresh-0", REFRESH_KIND)
    cache = TokenCache(clock=lambda: now[0])
    account = _Account()
    assert cache.access_token(account, CONFIG) == "access-1"
    now[0] += 3600 - 301  # 5 min 1 s left: still used
    assert cache.access_token(account, CONFIG) == "access-1"
    now[0] += 2  # 4 min 59 s left: refreshed first
    assert cache.access_token(account, CONFIG) == "access-2"
    assert calls == ["refresh-0", "refresh-0"]
    assert SecretStore().get_password("uuid-1", REFRESH_KIND) == "rotated"  # a rotated one replaces it at once


def test_no_refresh_token_means_sign_in_again():
    with pytest.raises(AuthError) as raised:
        TokenCache().access_token(_Account(), CONFIG)
    assert raised.value.code == "auth.oauth_missing" and raised.value.exit_code == 3


def test_the_token_endpoint_must_be_https():
    plain = OAuthConfig("google", "http://x.test/a", "http://x.test/t", "c")
    with pytest.raises(UserFacingError) as raised:
        refresh(plain, "r")
    assert raised.value.code == "auth.oauth_https"


def test_sasl_strings():
    assert xoauth2_string("a@b.c", "tok") == "user=a@b.c\x01auth=Bearer tok\x01\x01"
    assert oauthbearer_string("a=b,c", "tok") == "n,a=a=3Db=2Cc,\x01auth=Bearer tok\x01\x01"


class _FakeImap:
    def __init__(self, capabilities):
        self.capabilities, self.sent = capabilities, []

    def has_capability(self, name):
        return name in self.capabilities

    def _command_and_check(self, command, mechanism, answer):
        self.sent.append((command, mechanism, answer(b"")))


def test_imap_uses_oauthbearer_only_where_xoauth2_is_not_offered():
    both = _FakeImap({"AUTH=XOAUTH2", "AUTH=OAUTHBEARER"})
    _imap_oauth(both, "u", "t")
    assert both.sent[0][1] == "XOAUTH2"
    bearer_only = _FakeImap({"AUTH=OAUTHBEARER"})
    _imap_oauth(bearer_only, "u", "t")
    assert bearer_only.sent[0][1] == "OAUTHBEARER" and bearer_only.sent[0][2].startswith("n,a=u,")


def test_providers_and_client_ids(machine_settings):
    assert oauth_provider_for_mail("gmail") is GOOGLE and oauth_provider_for_mail("outlook") is MICROSOFT
    assert oauth_provider_for_mail("qq") is None
    with pytest.raises(UserFacingError) as raised:
        config_for(MICROSOFT)
    assert raised.value.code == "auth.oauth_no_client" and "oauth_client_id_microsoft" in raised.value.message
    machine_settings.write_text('{"settings": {"oauth_client_id_microsoft": "abc"}}')
    config = config_for(MICROSOFT)
    assert config.client_id == "abc" and "offline_access" in config.scopes
    assert OAuthConfig.from_json(config.to_json()) == config


def test_the_cli_names_the_sign_in_command():
    assert error_lines(oauth_revoked("Work mail", 3)) == [
        "liaison: The sign-in for Work mail has expired or was revoked; sign in again.",
        "Sign in again: liaison account sign-in 'Work mail'"]
    assert error_lines(oauth_missing("w"))[1] == "Sign in again: liaison account sign-in w"
