"""The machine's policy file: locked and preset values, every kind of broken file, fail-closed
security settings, the env var, Group Policy's registry entries, and the guards that obey them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.settings import SettingLocked, effective, get, policy, set_value
from app.settings.guards import PolicyRefused, require_encryption, require_export_allowed, team_server
from app.settings.policy_file import default_path, install_machine_policy, machine_path, read


@pytest.fixture(autouse=True)
def no_policy_after():
    yield
    policy.install(None)


def write(path, data) -> str:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_good_file_locks_and_presets(tmp_path, store):
    path = write(tmp_path / "policies.json", {"description": "Huaxin IT", "policies": {
        "allow_export": {"value": False, "locked": True, "description": "no exports"},
        "default_currency": {"value": "eur"},
        "remote_content": {"value": "never", "locked": True}}})
    loaded = install_machine_policy(path)
    assert loaded.warning is None and loaded.problems == ()
    locked = effective(store, "allow_export")
    assert (locked.value, locked.locked, locked.source) == (False, True, "policy")
    preset = effective(store, "default_currency")
    assert (preset.value, preset.locked, preset.source) == ("EUR", False, "policy")
    set_value(store, "default_currency", "USD")  # a preset is only where the user starts
    assert get(store, "default_currency") == "USD"
    with pytest.raises(SettingLocked):
        set_value(store, "remote_content", "always")
    with pytest.raises(PolicyRefused, match="Exporting customer data is not allowed"):
        require_export_allowed()


def test_no_file_no_policy(tmp_path, store):
    loaded = install_machine_policy(tmp_path / "absent.json")
    assert loaded.warning is None and loaded.policies == {}
    assert effective(store, "allow_export").source == "default" and get(store, "allow_plaintext_mail") is True


def test_the_env_var_names_the_file(tmp_path, monkeypatch, store):
    path = write(tmp_path / "staging.json", {"policies": {"allow_plaintext_mail": {"value": False, "locked": True}}})
    monkeypatch.setenv("LIAISON_POLICIES", path)
    assert str(default_path()) == path
    install_machine_policy()
    with pytest.raises(PolicyRefused, match="mail.example.com cannot be used with security 'none'"):
        require_encryption("none", "mail.example.com")
    require_encryption("ssl", "mail.example.com")
    require_encryption("none", "")  # Local Folders: no connection, nothing to refuse


def test_the_platform_places(monkeypatch):
    monkeypatch.delenv("LIAISON_POLICIES", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert str(machine_path()) == "/etc/liaison/policies.json"
    monkeypatch.setattr("sys.platform", "darwin")
    assert str(machine_path()) == "/Library/Application Support/Liaison/policies.json"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("ProgramData", "D:\\PD")
    assert str(machine_path()).replace("\\", "/") == "D:/PD/Liaison/policies.json"


@pytest.mark.parametrize("text, code", [
    ("{not json", "policy.not_json"),
    ('["a list"]', "policy.no_policies"),
    ('{"policies": ["allow_export"]}', "policy.no_policies"),
])
def test_a_file_that_cannot_be_used_applies_nothing_but_fails_closed(tmp_path, store, text, code):
    path = write(tmp_path / "policies.json", text)
    loaded = install_machine_policy(path)
    assert [p.code for p in loaded.problems] == [code]
    sentence = loaded.warning.message
    assert str(path) in sentence and "\n" not in sentence
    assert "none of it applies" in sentence and "safe values" in sentence
    # Security settings are locked off; nothing else is preset.
    assert effective(store, "allow_export").locked and get(store, "allow_export") is False
    assert get(store, "allow_plaintext_mail") is False
    assert effective(store, "default_currency").source == "default"
    assert not effective(store, "team_server_url").locked


def test_not_json_says_where(tmp_path):
    loaded = read(write(tmp_path / "p.json", '{\n  "policies": {\n    "allow_export": {"value": fals}\n}}'))
    assert "line 3" in loaded.warning.message


def test_an_unreadable_file_fails_closed(tmp_path):
    folder = tmp_path / "policies.json"
    folder.mkdir()  # reading a directory fails like an unreadable file does
    loaded = read(folder)
    assert [p.code for p in loaded.problems] == ["policy.unreadable"]
    assert loaded.policies["allow_export"].locked and loaded.policies["allow_export"].value is False


def test_a_broken_entry_is_ignored_and_the_rest_applies(tmp_path, store):
    path = write(tmp_path / "policies.json", {"policies": {
        "no_such_setting": {"value": 1},
        "default_country": {"value": "Narnia", "locked": True},
        "sync_mode": "manual",  # not {"value": …}
        "remember_searches": {"value": False, "locked": True}}})
    loaded = install_machine_policy(path)
    assert {p.code for p in loaded.problems} == {"policy.unknown_key", "policy.bad_value", "policy.bad_entry"}
    assert "no_such_setting" in loaded.problems[0].message and "not a setting" in loaded.problems[0].message
    assert "3 entries" in loaded.warning.message and "no_such_setting" in loaded.warning.message
    assert get(store, "remember_searches") is False and effective(store, "remember_searches").locked
    assert effective(store, "default_country").source == "default"  # the broken entry is not applied
    assert get(store, "allow_export") is True  # a broken *other* entry does not close security settings


def test_one_problem_is_one_sentence(tmp_path):
    loaded = read(write(tmp_path / "p.json", {"policies": {"default_currency": {"value": 3}}}))
    assert loaded.warning is loaded.problems[0]
    assert loaded.warning.message.startswith("In the policy file") and "holds text" in loaded.warning.message


@pytest.mark.parametrize("entry", [{"value": "false", "locked": True}, {"locked": True}, {"value": False, "lock": True},
                                   {"value": True, "locked": "yes"}])
def test_a_broken_security_entry_fails_closed(tmp_path, store, entry):
    loaded = install_machine_policy(write(tmp_path / "p.json", {"policies": {"allow_plaintext_mail": entry}}))
    assert len(loaded.problems) == 1 and "locked to its safe value (false)" in loaded.warning.message
    found = effective(store, "allow_plaintext_mail")
    assert (found.value, found.locked) == (False, True)


def test_an_unknown_top_level_field_is_named_and_the_policies_still_apply(tmp_path, store):
    loaded = install_machine_policy(write(tmp_path / "p.json", {"policy": {}, "policies": {
        "allow_export": {"value": False, "locked": True}}}))
    assert [p.code for p in loaded.problems] == ["policy.unknown_field"]
    assert get(store, "allow_export") is False


def test_a_bom_is_not_an_error(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"policies": {}}).encode())
    assert read(path).problems == ()


def test_the_team_server_preset_and_locked(tmp_path):
    install_machine_policy(write(tmp_path / "p.json", {"policies": {
        "team_server_url": {"value": "https://crm.huaxin-trade.cn/", "locked": True}}}))
    assert team_server(None) == "https://crm.huaxin-trade.cn"
    assert team_server("HTTPS://CRM.huaxin-trade.cn/") == "HTTPS://CRM.huaxin-trade.cn/"
    with pytest.raises(PolicyRefused, match="Only the team server https://crm.huaxin-trade.cn may be used"):
        team_server("https://evil.example.com")
    install_machine_policy(write(tmp_path / "p.json", {"policies": {
        "team_server_url": {"value": "https://crm.huaxin-trade.cn"}}}))
    assert team_server("https://other.example.com") == "https://other.example.com"  # a preset only
    install_machine_policy(tmp_path / "absent.json")
    with pytest.raises(PolicyRefused, match="Name the team server"):
        team_server("")


class FakeRegistry:
    def __init__(self, keys: dict[str, dict]):
        self.keys = keys

    def values(self, path: str):
        return self.keys.get(path)


def test_group_policy_entries_win_over_the_file(tmp_path, store):
    root = r"SOFTWARE\Policies\Liaison"
    registry = FakeRegistry({
        rf"{root}\allow_export": {"value": 0, "locked": 1},
        rf"{root}\internal_domains": {"locked": 0},
        rf"{root}\internal_domains\value": {"2": "huaxin.com", "1": "huaxin-trade.cn"},
        rf"{root}\signature": {"value": ["--", "Huaxin Trade"], "locked": 1},
        rf"{root}\remote_content": {"value": "sometimes"},
        rf"{root}\allow_plaintext_mail": {},  # set to Disabled in Group Policy: not configured
    })
    path = write(tmp_path / "p.json", {"policies": {"allow_export": {"value": True, "locked": True},
                                                    "default_currency": {"value": "EUR"}}})
    loaded = read(path, registry=registry)
    assert loaded.policies["allow_export"] == policy.Policy(False, True)
    assert loaded.policies["internal_domains"] == policy.Policy(["huaxin-trade.cn", "huaxin.com"], False)
    assert loaded.policies["signature"] == policy.Policy("--\nHuaxin Trade", True)
    assert loaded.policies["default_currency"].value == "EUR"
    assert "allow_plaintext_mail" not in loaded.policies
    assert [p.code for p in loaded.problems] == ["policy.bad_value"]
    assert "HKLM\\SOFTWARE\\Policies\\Liaison" in loaded.warning.message


def test_no_connection_without_encryption_is_even_tried(tmp_path):
    from app.errors import NetworkError
    from app.mail.imap.session import ImapSettings, PasswordCredential, open_session
    from app.mail.sending.smtp_send import SmtpSettings, open_smtp

    smtp = SmtpSettings("127.0.0.1", 1, "none", "sales")  # port 1: a real attempt would be refused
    imap = ImapSettings("127.0.0.1", 1, "none", "sales")
    with pytest.raises(NetworkError):
        open_smtp(smtp, None)  # no policy: plaintext is the account's own choice
    install_machine_policy(write(tmp_path / "p.json", {"policies": {
        "allow_plaintext_mail": {"value": False, "locked": True}}}))
    with pytest.raises(PolicyRefused, match="127.0.0.1 cannot be used with security 'none'"):
        open_smtp(smtp, None)
    with pytest.raises(PolicyRefused):
        open_session(imap, PasswordCredential("pw"))


def test_the_env_var_adds_to_the_machine_file_and_never_removes_its_locks(tmp_path, monkeypatch, store):
    machine = write(tmp_path / "etc-policies.json", {"policies": {"allow_export": {"value": False, "locked": True}}})
    mine = write(tmp_path / "mine.json", {"policies": {"allow_export": {"value": True, "locked": True},
                                                       "default_currency": {"value": "EUR"}}})
    monkeypatch.setattr("app.settings.policy_file.machine_path", lambda: Path(machine))
    monkeypatch.setenv("LIAISON_POLICIES", mine)
    loaded = install_machine_policy()
    assert loaded.problems == ()
    assert get(store, "allow_export") is False and effective(store, "allow_export").locked  # the machine's wins
    assert get(store, "default_currency") == "EUR"  # what the variable's file adds applies
    monkeypatch.setenv("LIAISON_POLICIES", str(tmp_path / "empty.json"))
    install_machine_policy()
    assert get(store, "allow_export") is False
