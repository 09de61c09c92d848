"""Account setup end to end: autoconfig from a real HTTPS server, login tested on Dovecot."""

from __future__ import annotations

import pytest

from app.errors import AuthError
from app.mail.accounts.setup import account_from, add_account, discover
from app.mail.accounts.autoconfig import HttpsFetcher
from app.secrets import SecretStore
from app.store.accounts import list_accounts
from tests.integration.conftest import PASSWORD
from tests.support.https_server import CannedHttpsServer
from tests.support.tls import make_test_certificates

pytestmark = pytest.mark.integration
WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml"


@pytest.fixture
def web(tmp_path):
    ca, cert, key = make_test_certificates(tmp_path / "web-tls")
    server = CannedHttpsServer(cert, key)
    server.ca_file = str(ca)
    yield server
    server.stop()


def fetcher_for(web, trusted=True):
    route = ("127.0.0.1", web.port)
    return HttpsFetcher(ca_file=web.ca_file if trusted else None,
                        connect_to={"autoconfig.example.test": route, "example.test": route})


def config_for(dovecot) -> bytes:
    return f"""<?xml version="1.0"?><clientConfig version="1.1">
      <emailProvider id="example.test"><domain>example.test</domain>
        <incomingServer type="imap"><hostname>localhost</hostname><port>{dovecot.ssl_port}</port>
          <socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
        <outgoingServer type="smtp"><hostname>localhost</hostname><port>2525</port>
          <socketType>STARTTLS</socketType></outgoingServer>
      </emailProvider></clientConfig>""".encode()


def no_mx(domain):
    return []


def test_settings_published_by_the_domain_are_found_and_the_login_is_tested(web, dovecot, store):
    web.routes[WELL_KNOWN] = (200, {"Content-Type": "text/xml"}, config_for(dovecot))
    found = discover("sales@example.test", fetcher_for(web), find_mx=no_mx)
    assert found.source == "autoconfig" and WELL_KNOWN in found.detail
    # autoconfig.example.test was asked first, with the address, then the well-known path
    assert web.requests == ["/mail/config-v1.1.xml?emailaddress=sales@example.test",
                            WELL_KNOWN + "?emailaddress=sales@example.test"]
    new = account_from("sales@example.test", found.settings, ca_file=str(dovecot.ca_file))
    assert new.username == "sales"
    with pytest.raises(AuthError):
        add_account(store, new, "web-password")
    assert list_accounts(store) == []  # nothing saved after a failed test
    account = add_account(store, new, PASSWORD)
    assert [a.email for a in list_accounts(store)] == ["sales@example.test"]
    assert SecretStore().get_password(account.uuid) == PASSWORD


def test_autoconfig_needs_a_verified_https_answer(web, dovecot):
    web.routes["/mail/config-v1.1.xml"] = (200, {}, config_for(dovecot))
    assert discover("a@example.test", fetcher_for(web, trusted=False), find_mx=no_mx).source == "none"
    web.routes["/mail/config-v1.1.xml"] = (302, {"Location": "http://example.test/config.xml"}, b"")
    assert discover("a@example.test", fetcher_for(web), find_mx=no_mx).source == "none"
    web.routes["/mail/config-v1.1.xml"] = (302, {"Location": f"https://example.test{WELL_KNOWN}"}, b"")
    web.routes[WELL_KNOWN] = (200, {}, config_for(dovecot))
    assert discover("a@example.test", fetcher_for(web), find_mx=no_mx).source == "autoconfig"


def test_an_unreachable_domain_falls_through_to_manual_entry(web):
    web.stop()  # nothing listens any more
    found = discover("a@example.test", fetcher_for(web), find_mx=no_mx)
    assert found.settings is None and found.source == "none"
