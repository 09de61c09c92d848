"""Settings declared once: each scope reads and writes, defaults, checks, the machine file, policy."""

from __future__ import annotations

import json
import os

import pytest

from app.settings import InvalidSetting, SettingLocked, UnknownSetting, describe_all, effective, get, set_value
from app.settings import machine, policy, schema
from app.settings.remote_content import loads_automatically
from app.store.accounts import NewAccount, create_account
from app.store.crm_models import CrmSetting
from app.store.remote_content import allow_sender, sender_allowed
from app.store.writer import writes


@pytest.fixture(autouse=True)
def machine_file(tmp_path):
    path = tmp_path / "config" / "settings.json"
    machine.use_file(path)
    yield path
    machine.use_file(None)
    policy.install(None)


@pytest.fixture
def account(store):
    return create_account(store, NewAccount(
        name="销售部", email="sales@example.com", imap_host="imap.example.com", imap_port=993, imap_security="ssl",
        smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))


@writes
def _store_raw(store, key: str, encoded: str) -> None:
    """A row as an earlier version of Liaison wrote it."""
    with store.write() as session:
        session.add(CrmSetting(key=key, value=encoded))


def _raw(store, key: str):
    with store.read() as session:
        row = session.get(CrmSetting, key)
        return None if row is None else json.loads(row.value)


def test_every_setting_has_its_default_when_nothing_is_stored(store, account):
    for s in schema.SCHEMA:
        found = effective(store, s.key, account.id)
        assert found.source in ("default", "account"), s.key
        if s.scope != schema.ACCOUNT:
            assert found.value == s.default and found.source == "default"
    assert get(store, "remote_content") == "never"  # the read-receipt-free default
    assert get(store, "sync_mode", account.id) == "push"
    assert "qq.com" in get(store, "free_mail_domains")
    assert get(store, "internal_domains") == [] and get(store, "remember_searches") is True


def test_profile_settings_are_checked_and_kept_in_the_crm_settings_table(store):
    stored = set_value(store, "free_mail_domains", ["@Example.COM", "qq.com", "例子.中国", "qq.com", " "])
    assert stored == ["example.com", "qq.com", "例子.中国"]
    assert _raw(store, "free_mail_domains") == stored
    assert get(store, "free_mail_domains") == stored and effective(store, "free_mail_domains").source == "profile"
    assert set_value(store, "default_country", " de ") == "DE"
    assert set_value(store, "internal_domains", ["huaxin-trade.cn"]) == ["huaxin-trade.cn"]
    set_value(store, "remember_searches", False)
    assert get(store, "remember_searches") is False and _raw(store, "remember_searches") is False


def test_values_stored_by_earlier_versions_are_still_read(store):
    _store_raw(store, "free_mail_domains", json.dumps(["gmail.com", "qq.com", "not a domain"]))
    _store_raw(store, "default_country", json.dumps("SG"))
    _store_raw(store, "default_currency", json.dumps("USD"))
    _store_raw(store, "ignored_senders", json.dumps(["noreply@example.com"]))
    _store_raw(store, "linked_through_message_id", json.dumps(42))
    assert get(store, "free_mail_domains") == ["gmail.com", "qq.com"]  # the one bad item is dropped, not the list
    assert get(store, "default_country") == "SG" and get(store, "default_currency") == "USD"
    assert get(store, "ignored_senders") == ["noreply@example.com"]

    from app.crm.settings import free_mail_domains, get_setting, set_setting

    assert free_mail_domains(store) == frozenset({"gmail.com", "qq.com"})
    assert get_setting(store, "default_country") == "SG"
    assert get_setting(store, "linked_through_message_id") == 42
    set_setting(store, "linked_through_message_id", 43)
    assert get_setting(store, "linked_through_message_id") == 43
    set_setting(store, "ignored_senders", ["noreply@example.com", "Bot@Example.com"])
    assert get_setting(store, "ignored_senders") == ["bot@example.com", "noreply@example.com"]
    with pytest.raises(KeyError):
        get_setting(store, "no_such_thing")
    with pytest.raises(KeyError):
        set_setting(store, "no_such_thing", 1)


def test_a_stored_value_that_is_no_longer_valid_falls_back_to_the_default(store):
    _store_raw(store, "default_country", json.dumps("XX"))
    _store_raw(store, "remember_searches", "not json")
    assert effective(store, "default_country").source == "default" and get(store, "default_country") == "CN"
    assert get(store, "remember_searches") is True


def test_account_settings_live_in_the_account(store, account):
    assert set_value(store, "display_name", "  王芳 ", account.id) == "王芳"
    assert set_value(store, "signature", "王芳\r\n**销售部**  \n\n", account.id) == "王芳\n**销售部**"
    set_value(store, "sync_mode", "15", account.id)
    from app.store.accounts import get_account

    saved = get_account(store, "销售部")
    assert (saved.display_name, saved.signature, saved.sync_mode) == ("王芳", "王芳\n**销售部**", "15")
    assert effective(store, "sync_mode", account.id).source == "account"
    with pytest.raises(InvalidSetting, match="set for each account"):
        get(store, "signature")
    with pytest.raises(InvalidSetting, match="same for every account"):
        set_value(store, "default_country", "DE", account.id)
    with pytest.raises(InvalidSetting, match="no account with id 999"):
        set_value(store, "signature", "x", 999)
    with pytest.raises(InvalidSetting, match="is not one of: push, 5, 15, 30, manual"):
        set_value(store, "sync_mode", "hourly", account.id)
    with pytest.raises(InvalidSetting, match="one line"):
        set_value(store, "display_name", "two\nlines", account.id)


@pytest.mark.parametrize("key, value, phrase", [
    ("free_mail_domains", ["gmail.com", "no-dot"], "'no-dot' is not a domain name"),
    ("internal_domains", ["exa mple.com"], "is not a domain name"),
    ("internal_domains", "example.com", "holds a list"),
    ("trusted_senders", ["anna"], "'anna' is not an email address"),
    ("default_country", "XX", "not a country code"),
    ("default_currency", "yuan", "not a currency code"),
    ("remote_content", "sometimes", "is not one of: never, always"),
    ("remember_searches", "yes", "neither yes nor no"),
])
def test_bad_values_are_refused_with_one_sentence(store, key, value, phrase):
    before = get(store, key)
    with pytest.raises(InvalidSetting) as refused:
        set_value(store, key, value)
    assert phrase in str(refused.value) and refused.value.key == key and "\n" not in str(refused.value)
    assert get(store, key) == before


def test_unknown_keys_are_refused(store):
    with pytest.raises(UnknownSetting, match="no setting called 'colour'"):
        set_value(store, "colour", "blue")
    with pytest.raises(UnknownSetting):
        get(store, "colour")


def test_values_typed_on_the_command_line_are_parsed_by_type():
    assert schema.setting("free_mail_domains").parse("qq.com, 163.com，gmail.com,") == ["qq.com", "163.com", "gmail.com"]
    assert schema.setting("remember_searches").parse("Off") is False
    assert schema.setting("remember_searches").parse("yes") is True
    with pytest.raises(InvalidSetting, match="neither yes nor no"):
        schema.setting("remember_searches").parse("maybe")
    number = schema.Setting("lines", schema.INT, 3, "Lines", "", schema.PROFILE, schema.READING, minimum=1, maximum=9)
    assert number.check(number.parse(" 7 ")) == 7
    with pytest.raises(InvalidSetting, match="between 1 and 9"):
        number.check(12)
    with pytest.raises(InvalidSetting, match="not a whole number"):
        number.parse("seven")
    with pytest.raises(InvalidSetting, match="not a whole number"):
        number.check(True)


def test_machine_settings_are_a_json_file_written_atomically(store, machine_file, monkeypatch):
    assert not machine_file.exists()
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((a, b)), real_replace(a, b)))
    set_value(store, "remote_content", "always")
    assert replaced and replaced[0][1] == machine_file and os.path.dirname(replaced[0][0]) == str(machine_file.parent)
    assert json.loads(machine_file.read_text()) == {"settings": {"remote_content": "always"}}
    assert sorted(p.name for p in machine_file.parent.iterdir()) == ["settings.json"]  # no temporary left
    assert effective(store, "remote_content").source == "machine"
    # Another process (the CLI beside the window) changes the file: the next read sees it.
    machine_file.write_text(json.dumps({"settings": {"remote_content": "never", "unknown_key": 1}}))
    assert get(store, "remote_content") == "never"
    set_value(store, "remote_content", "always")
    assert json.loads(machine_file.read_text())["settings"] == {"remote_content": "always", "unknown_key": 1}


def test_a_failed_machine_write_leaves_the_old_file_whole(store, machine_file, monkeypatch):
    set_value(store, "remote_content", "always")
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        set_value(store, "remote_content", "never")
    assert json.loads(machine_file.read_text()) == {"settings": {"remote_content": "always"}}
    assert sorted(p.name for p in machine_file.parent.iterdir()) == ["settings.json"]


def test_an_unreadable_machine_file_gives_defaults_and_is_kept_aside(store, machine_file):
    machine_file.parent.mkdir(parents=True)
    machine_file.write_text("{not json")
    assert get(store, "remote_content") == "never"
    set_value(store, "remote_content", "always")
    assert machine_file.with_name("settings.json.bad").read_text() == "{not json"
    assert get(store, "remote_content") == "always"


def test_the_machine_file_is_in_the_platform_config_folder_unless_named(monkeypatch, tmp_path):
    machine.use_file(None)
    monkeypatch.delenv(machine.FILE_ENV, raising=False)
    from platformdirs import user_config_dir

    assert machine.settings_file() == __import__("pathlib").Path(user_config_dir("Liaison", appauthor=False)) / "settings.json"
    monkeypatch.setenv(machine.FILE_ENV, str(tmp_path / "elsewhere.json"))
    assert machine.settings_file() == tmp_path / "elsewhere.json"


def test_trusted_senders_are_the_remote_content_table(store):
    allow_sender(store, "Anna@Nordwind.de")
    assert get(store, "trusted_senders") == ["anna@nordwind.de"]
    assert loads_automatically(store, "ANNA@nordwind.de") and not loads_automatically(store, "bob@x.de")
    set_value(store, "trusted_senders", ["bob@x.de"])
    assert not sender_allowed(store, "anna@nordwind.de") and sender_allowed(store, "bob@x.de")
    set_value(store, "remote_content", "always")
    assert loads_automatically(store, "anyone@example.com")


def test_a_policy_presets_or_locks_a_setting(store, account):
    rules = {}
    policy.install(lambda: rules)
    rules["default_currency"] = policy.Policy("EUR")
    assert effective(store, "default_currency").source == "policy" and get(store, "default_currency") == "EUR"
    set_value(store, "default_currency", "USD")  # a preset: the user may still choose
    assert get(store, "default_currency") == "USD"
    rules["default_currency"] = policy.Policy("EUR", locked=True)
    locked = effective(store, "default_currency")
    assert (locked.value, locked.locked, locked.source) == ("EUR", True, "policy")
    with pytest.raises(SettingLocked, match="set by your organisation"):
        set_value(store, "default_currency", "GBP")
    rules["sync_mode"] = policy.Policy("manual", locked=True)
    assert get(store, "sync_mode", account.id) == "manual"
    rules["remote_content"] = policy.Policy("sometimes", locked=True)  # not a valid value: ignored
    assert get(store, "remote_content") == "never"
    policy.install(lambda: 1 / 0)  # a broken source: nothing preset, nothing locked
    assert get(store, "default_currency") == "USD"


def test_describe_all_lists_every_setting_and_each_account(store, account):
    other = create_account(store, NewAccount(
        name="support", email="support@example.com", imap_host="imap.example.com", imap_port=993,
        imap_security="ssl", smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))
    described = describe_all(store)
    keys = [(d.key, d.account_id) for d in described]
    for s in schema.SCHEMA:
        if s.scope == schema.ACCOUNT:
            assert (s.key, account.id) in keys and (s.key, other.id) in keys
        else:
            assert (s.key, None) in keys
    assert len(keys) == len(set(keys))


def test_every_setting_is_declared_with_words_and_a_valid_default():
    for s in schema.SCHEMA:
        assert s.label and s.help and s.label[0].isupper(), s.key
        assert s.check(s.default) == s.default, s.key
        assert s.section in schema.SECTIONS
