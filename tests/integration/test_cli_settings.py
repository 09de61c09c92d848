"""`settings show|set` over the one settings schema, and the older `settings free-mail|country` forms."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import assert_one_line_error


@pytest.fixture
def cli(cli, tmp_path):
    """The CLI with its machine settings in a file of the test's own, never the user's."""
    cli.env["LIAISON_MACHINE_SETTINGS"] = str(tmp_path / "machine" / "settings.json")
    return cli


def shown(cli) -> dict:
    return {(e["key"], e["account"]): e for e in json.loads(cli("settings", "show", "--json").stdout)}


def add_account(cli, name: str) -> None:
    cli("account", "add", "--name", name, "--email", "sales@example.com", "--imap-host", "imap.example.com",
        "--imap-port", "993", "--imap-security", "ssl", "--smtp-host", "smtp.example.com", "--smtp-port", "465",
        "--smtp-security", "ssl", "--password-stdin", "--no-check", stdin="pw\n")


def test_show_lists_every_setting_with_its_default(cli):
    text = cli("settings", "show").stdout
    assert "remote_content: never\n" in text and "default_country: CN\n" in text
    assert "remember_searches: true\n" in text and "internal_domains: \n" in text
    entries = shown(cli)
    remote = entries[("remote_content", None)]
    assert (remote["scope"], remote["source"], remote["locked"], remote["choices"]) == (
        "machine", "default", False, ["never", "always"])
    assert entries[("free_mail_domains", None)]["type"] == "list" and "qq.com" in entries[("free_mail_domains", None)]["value"]


def test_set_changes_each_scope(cli, tmp_path):
    add_account(cli, "销售部")
    assert cli("settings", "set", "internal_domains", "Huaxin-Trade.cn, @example.com").stdout == \
        "internal_domains: example.com, huaxin-trade.cn\n"
    assert cli("settings", "set", "remember_searches", "no").stdout == "remember_searches: false\n"
    assert cli("settings", "set", "remote_content", "always").stdout == "remote_content: always\n"
    assert json.loads((tmp_path / "machine" / "settings.json").read_text()) == {"settings": {"remote_content": "always"}}
    cli("settings", "set", "sync_mode", "30", "--account", "销售部")
    cli("settings", "set", "signature", "王芳\\n**销售部**", "--account", "销售部")
    cli("settings", "set", "display_name", "王芳", "--account", "销售部")
    entries = shown(cli)
    assert entries[("internal_domains", None)]["value"] == ["example.com", "huaxin-trade.cn"]
    assert entries[("remember_searches", None)]["value"] is False
    assert entries[("sync_mode", "销售部")]["value"] == "30"
    assert entries[("signature", "销售部")]["value"] == "王芳\n**销售部**"
    assert json.loads(cli("account", "list", "--json").stdout)["sync"] == "30"
    text = cli("settings", "show").stdout
    assert "account 销售部:\n  display_name: 王芳\n  signature: 王芳\\n**销售部**\n  sync_mode: 30\n" in text
    assert cli("settings", "set", "internal_domains", "").stdout == "internal_domains: \n"


BAD = [
    (("set", "colour", "blue"), "no setting called 'colour'"),
    (("set", "default_country", "XX"), "'XX' is not a country code"),
    (("set", "free_mail_domains", "qq.com,not_a_domain"), "'not_a_domain' is not a domain name"),
    (("set", "remember_searches", "perhaps"), "neither yes nor no"),
    (("set", "remote_content", "sometimes"), "is not one of: never, always"),
    (("set", "sync_mode", "15"), "set for each account: add --account NAME"),
    (("set", "default_country", "DE", "--account", "销售部"), "same for every account"),
    (("set", "sync_mode", "15", "--account", "nobody"), "No account named 'nobody'"),
    (("free-mail", "--add", "bad"), "'bad' is not a domain name"),
]


def test_bad_keys_and_values_are_one_sentence_and_exit_2(cli):
    add_account(cli, "销售部")
    before = cli("settings", "show").stdout
    for args, phrase in BAD:
        assert_one_line_error(cli("settings", *args, check=False), 2, phrase)
    assert cli("settings", "show").stdout == before


def test_the_older_forms_keep_working(cli):
    assert "default_country: DE" in cli("settings", "country", "de").stdout
    listed = cli("settings", "free-mail", "--remove", "qq.com", "--add", "Example-Free.cn").stdout
    assert "example-free.cn" in listed and " qq.com," not in listed and "vip.qq.com" in listed
    assert shown(cli)[("default_country", None)]["source"] == "profile"
