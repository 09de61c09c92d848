"""Finding server settings from an address, and explaining failed logins (no network)."""

from __future__ import annotations

import pytest

from app.errors import AuthError, NetworkError, TlsError
from app.mail.accounts.setup import account_from, discover, explain_failure, guessed_settings
from app.mail.accounts.autoconfig import HttpsFetcher, parse_config
from app.mail.accounts.providers import PROVIDERS, provider_by_key, provider_for_domain, provider_for_mx



class NoNetwork(HttpsFetcher):
    def get(self, url):
        raise OSError("offline")


@pytest.mark.parametrize("email, key, imap_host, smtp", [
    ("li@qq.com", "qq", "imap.qq.com", ("smtp.qq.com", 465, "ssl")),
    ("li@foxmail.com", "qq", "imap.qq.com", ("smtp.qq.com", 465, "ssl")),
    ("li@163.com", "163", "imap.163.com", ("smtp.163.com", 465, "ssl")),
    ("li@126.com", "126", "imap.126.com", ("smtp.126.com", 465, "ssl")),
    ("li@yeah.net", "yeah", "imap.yeah.net", ("smtp.yeah.net", 465, "ssl")),
    ("li@aliyun.com", "aliyun", "imap.aliyun.com", ("smtp.aliyun.com", 465, "ssl")),
    ("li@sina.com", "sina", "imap.sina.com", ("smtp.sina.com", 465, "ssl")),
    ("li@sohu.com", "sohu", "imap.sohu.com", ("smtp.sohu.com", 465, "ssl")),
    ("li@139.com", "139", "imap.139.com", ("smtp.139.com", 465, "ssl")),
    ("li@Gmail.com", "gmail", "imap.gmail.com", ("smtp.gmail.com", 465, "ssl")),
    ("li@hotmail.com", "outlook", "outlook.office365.com", ("smtp.office365.com", 587, "starttls")),
    ("li@yahoo.com", "yahoo", "imap.mail.yahoo.com", ("smtp.mail.yahoo.com", 465, "ssl")),
    ("li@icloud.com", "icloud", "imap.mail.me.com", ("smtp.mail.me.com", 587, "starttls")),
    ("li@zoho.com", "zoho", "imap.zoho.com", ("smtp.zoho.com", 465, "ssl")),
])
def test_common_providers_come_from_the_bundled_table(email, key, imap_host, smtp):
    found = discover(email, NoNetwork(), find_mx=lambda d: pytest.fail("no DNS needed"))
    assert (found.source, found.provider.key) == ("provider", key)
    s = found.settings
    assert (s.imap_host, s.imap_port, s.imap_security) == (imap_host, 993, "ssl")
    assert (s.smtp_host, s.smtp_port, s.smtp_security) == smtp


def test_every_provider_has_secure_settings_and_says_how_to_log_in():
    for provider in PROVIDERS:
        assert provider.settings.imap_security == "ssl", provider.key
        assert provider.settings.smtp_security in ("ssl", "starttls"), provider.key
        assert provider.password_help or provider.imap_help, provider.key


def test_icloud_logs_in_with_the_local_part():
    new = account_from("emily@icloud.com", provider_by_key("icloud").settings)
    assert new.username == "emily" and new.name == "emily@icloud.com"


def test_a_company_domain_on_hosted_mail_is_found_by_its_mx_host():
    def mx(domain):
        return {"huaxin-trade.cn": ["mxbiz1.qq.com", "mxbiz2.qq.com"],
                "acme.cn": ["mxw.mxhichina.com"], "corp.example": ["mail.corp.example"]}[domain]

    found = discover("zhang@huaxin-trade.cn", NoNetwork(), find_mx=mx)
    assert (found.source, found.provider.key, found.detail) == ("mx", "exmail", "mxbiz1.qq.com")
    assert found.settings.imap_host == "imap.exmail.qq.com"
    assert discover("li@acme.cn", NoNetwork(), find_mx=mx).provider.key == "aliyun-qiye"
    nothing = discover("it@corp.example", NoNetwork(), find_mx=mx)
    assert nothing.settings is None and nothing.source == "none"
    assert guessed_settings("it@corp.example").imap_host == "imap.corp.example"


def test_mx_suffixes_match_whole_labels_only():
    assert provider_for_mx("MXBIZ1.QQ.COM.").key == "exmail"
    assert provider_for_mx("evilmxbiz1.qq.com") is None
    assert provider_for_domain("notqq.com") is None


CONFIG = b"""<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test">
  <incomingServer type="pop3"><hostname>pop.example.test</hostname><port>995</port>
    <socketType>SSL</socketType></incomingServer>
  <incomingServer type="imap"><hostname>plain.example.test</hostname><port>143</port>
    <socketType>plain</socketType><username>%EMAILADDRESS%</username></incomingServer>
  <incomingServer type="imap"><hostname>mail.example.test</hostname><port>993</port>
    <socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port>
    <socketType>STARTTLS</socketType></outgoingServer>
</emailProvider></clientConfig>"""


def test_autoconfig_documents_prefer_encrypted_imap_and_fill_the_username():
    settings = parse_config(CONFIG)
    assert (settings.imap_host, settings.imap_port, settings.imap_security) == \
        ("mail.example.test", 993, "ssl")
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security) == \
        ("smtp.example.test", 587, "starttls")
    assert settings.login_for("li@example.test") == "li"


@pytest.mark.parametrize("document", [
    b"",
    b"not xml at all",
    b"<clientConfig><emailProvider/></clientConfig>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    b"<clientConfig>&b;</clientConfig>",
    CONFIG.replace(b"<port>993</port>", b"<port>99999</port>").replace(b"plain.example", b"x")
    .replace(b"<socketType>plain</socketType>", b"<socketType>bogus</socketType>"),
    b"<html><body>Parked domain</body></html>",
])
def test_broken_or_hostile_autoconfig_documents_are_ignored(document):
    assert parse_config(document) is None


def test_failed_logins_are_explained_in_the_users_terms():
    qq, gmail = provider_by_key("qq"), provider_by_key("gmail")
    wrong = AuthError("rejected", server_text="[AUTHENTICATIONFAILED] Invalid credentials")
    assert "authorisation code (授权码)" in explain_failure(wrong, qq)
    assert "myaccount.google.com/apppasswords" in explain_failure(wrong, gmail)
    assert "not accepted" in explain_failure(wrong, None)
    off = AuthError("rejected", server_text="[ALERT] Your account is not enabled for IMAP use.")
    assert "IMAP may be switched off" in explain_failure(off, gmail)
    assert "Forwarding and POP/IMAP" in explain_failure(off, gmail)
    unsafe = AuthError("rejected", server_text="Unsafe Login. Please contact kefu@188.com for help")
    assert "IMAP may be switched off" in explain_failure(unsafe, provider_by_key("163"))
    app_pw = AuthError("rejected", server_text="Application-specific password required")
    assert "app password" in explain_failure(app_pw, None)
    assert "certificate could not be verified" in explain_failure(TlsError("bad cert"), None)
    assert "could not be reached" in explain_failure(NetworkError("no route"), None)


@pytest.mark.parametrize("ca_file, words", [
    ("/nonexistent.pem", "/nonexistent.pem does not exist"),
    ("/", "is a folder"),
    (__file__, "holds no certificate"),
])
def test_a_bad_ca_file_is_bad_input_naming_the_file(ca_file, words):
    from app.errors import UserFacingError

    settings = provider_by_key("qq").settings
    with pytest.raises(UserFacingError, match=words) as raised:
        account_from("li@qq.com", settings, ca_file=ca_file)
    assert raised.value.exit_code == 2


def test_a_missing_ca_file_at_connection_time_is_not_a_network_fault():
    from app.errors import UserFacingError
    from app.mail.imap.session import ImapSettings, tls_context

    settings = ImapSettings(host="imap.qq.com", port=993, security="ssl", username="li",
                            ca_file="/gone/ca.pem")
    with pytest.raises(UserFacingError, match="/gone/ca.pem does not exist"):
        tls_context(settings)


@pytest.mark.parametrize("host", ["imap.qq.com\r\nX-Injected: 1", "imap.qq.com\n", "imap .qq.com", "imap.qq.com\x1b[2J"])
def test_a_host_with_a_line_break_or_control_character_is_refused_on_one_line(host):
    from dataclasses import replace

    from app.errors import UserFacingError

    settings = replace(provider_by_key("qq").settings, imap_host=host)
    with pytest.raises(UserFacingError, match="IMAP server name") as raised:
        account_from("li@qq.com", settings)
    assert "\n" not in raised.value.message and "\r" not in raised.value.message
    assert "\x1b" not in raised.value.message
