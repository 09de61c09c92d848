"""Managed settings through the command line: `main.py` as a subprocess with LIAISON_POLICIES naming
a policies.json, as IT deploys it — locked settings refused, plaintext accounts and exports
refused, the team server fixed, a broken file one warning line."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import assert_one_line_error


@pytest.fixture
def cli(cli, tmp_path):
    cli.env["LIAISON_MACHINE_SETTINGS"] = str(tmp_path / "machine" / "settings.json")
    return cli


def policies(cli, tmp_path, entries: dict | str) -> None:
    path = tmp_path / "it" / "policies.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(entries if isinstance(entries, str) else json.dumps({"policies": entries}), encoding="utf-8")
    cli.env["LIAISON_POLICIES"] = str(path)


def shown(cli) -> dict:
    return {e["key"]: e for e in json.loads(cli("settings", "show", "--json").stdout) if e["account"] is None}


def test_a_locked_setting_is_shown_locked_and_cannot_be_set(cli, tmp_path):
    policies(cli, tmp_path, {"remote_content": {"value": "never", "locked": True},
                             "default_currency": {"value": "EUR"}})
    entries = shown(cli)
    assert (entries["remote_content"]["source"], entries["remote_content"]["locked"]) == ("policy", True)
    assert (entries["default_currency"]["value"], entries["default_currency"]["locked"]) == ("EUR", False)
    assert "remote_content: never (locked)\n" in cli("settings", "show").stdout
    result = cli("settings", "set", "remote_content", "always", check=False)
    assert_one_line_error(result, 2, "'remote_content' is set by your organisation and cannot be changed here.")
    assert shown(cli)["remote_content"]["value"] == "never"
    assert cli("settings", "set", "default_currency", "USD").stdout == "default_currency: USD\n"  # a preset


def test_an_account_without_encryption_is_refused(cli, tmp_path):
    policies(cli, tmp_path, {"allow_plaintext_mail": {"value": False, "locked": True}})
    result = cli("account", "add", "--name", "old", "--email", "sales@example.com", "--imap-host",
                 "imap.example.com", "--imap-port", "143", "--imap-security", "none", "--smtp-host",
                 "smtp.example.com", "--smtp-port", "465", "--smtp-security", "ssl", "--password-stdin",
                 stdin="pw\n", check=False)
    assert_one_line_error(result, 2, "Unencrypted connections are not allowed on this computer",
                          "imap.example.com", "choose ssl or starttls")
    assert cli("account", "list").stdout == ""  # nothing saved, no connection tried


def test_an_account_added_before_the_policy_cannot_connect(cli, tmp_path):
    cli("account", "add", "--name", "old", "--email", "sales@example.com", "--imap-host", "127.0.0.1",
        "--imap-port", "1", "--imap-security", "none", "--smtp-host", "127.0.0.1", "--smtp-port", "1",
        "--smtp-security", "none", "--password-stdin", "--no-check", stdin="pw\n")
    policies(cli, tmp_path, {"allow_plaintext_mail": {"value": False, "locked": True}})
    result = cli("sync", "--account", "old", check=False)
    assert result.returncode != 0
    assert "Unencrypted connections are not allowed" in result.stderr  # refused before connecting
    assert "refused the connection" not in result.stderr


def test_exports_are_refused(cli, tmp_path):
    cli("contacts", "add", "--email", "li.lei@huaxin-trade.cn", "--name", "李雷")
    policies(cli, tmp_path, {"allow_export": {"value": False, "locked": True}})
    out = tmp_path / "export"
    out.mkdir()
    assert_one_line_error(cli("contacts", "export", "--out", str(out / "all.vcf"), check=False), 2,
                          "Exporting customer data is not allowed on this computer.")
    assert_one_line_error(cli("contacts", "export", check=False), 2, "Exporting customer data is not allowed")
    assert_one_line_error(cli("contacts", "export-data", "li.lei@huaxin-trade.cn", "--out", str(out), check=False),
                          2, "Exporting customer data is not allowed")
    assert_one_line_error(cli("report", "stale-customers", "--csv", str(out / "r.csv"), check=False),
                          2, "Exporting customer data is not allowed")
    assert list(out.iterdir()) == []
    assert "李雷" in cli("contacts", "list").stdout  # looking is not exporting


def test_the_team_server_set_by_the_organisation_is_the_only_one(cli, tmp_path):
    policies(cli, tmp_path, {"team_server_url": {"value": "https://crm.huaxin-trade.cn", "locked": True}})
    result = cli("team", "login", "--server", "https://elsewhere.example.com", "--email", "li@huaxin-trade.cn",
                 "--password-stdin", stdin="pw\n", check=False)
    assert_one_line_error(result, 2, "Only the team server https://crm.huaxin-trade.cn may be used on this "
                                     "computer, not https://elsewhere.example.com.")
    result = cli("settings", "set", "team_server_url", "https://elsewhere.example.com", check=False)
    assert_one_line_error(result, 2, "set by your organisation")


def test_a_broken_file_is_one_warning_line_and_fails_closed(cli, tmp_path):
    policies(cli, tmp_path, '{"policies": {"allow_export": {"value": false, "locked": true},}}')  # trailing comma
    result = cli("settings", "show")
    warning = [line for line in result.stderr.splitlines() if line.startswith("liaison: warning: ")]
    assert len(warning) == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "is not valid JSON (line 1" in warning[0] and "safe values" in warning[0]
    assert "allow_export: false (locked)\n" in result.stdout
    assert "allow_plaintext_mail: false (locked)\n" in result.stdout
    assert "default_currency: CNY\n" in result.stdout


def test_a_broken_entry_warns_and_the_rest_applies(cli, tmp_path):
    policies(cli, tmp_path, {"default_country": {"value": 86}, "remember_searches": {"value": False, "locked": True}})
    result = cli("settings", "show")
    assert result.stderr.startswith("liaison: warning: In the policy file ") and "'default_country'" in result.stderr
    assert "remember_searches: false (locked)\n" in result.stdout and "default_country: CN\n" in result.stdout


def test_the_window_reads_the_policy_file_at_start_and_logs_what_is_wrong(cli, tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    policies(cli, tmp_path, {"no_such_setting": {"value": 1}})
    started = subprocess.run([sys.executable, str(REPO / "main.py"), "--profile", str(cli.profile)],
                             env={**cli.env, "LIAISON_QUIT_AFTER_START_MS": "800", "QT_QPA_PLATFORM": "offscreen"},
                             capture_output=True, text=True, timeout=120, cwd=REPO)
    assert started.returncode == 0, (started.stdout, started.stderr)
    assert "Traceback" not in started.stderr
    log = (cli.profile / "logs" / "liaison.log").read_text(encoding="utf-8")
    assert log.count("names 'no_such_setting', which is not a setting") == 1


def test_a_locked_schedule_is_what_the_program_uses_and_cannot_be_changed(cli, tmp_path):
    cli("account", "add", "--name", "work", "--email", "sales@example.com", "--imap-host", "imap.example.com",
        "--imap-port", "993", "--imap-security", "ssl", "--smtp-host", "smtp.example.com", "--smtp-port", "465",
        "--smtp-security", "ssl", "--password-stdin", "--no-check", stdin="pw\n")
    policies(cli, tmp_path, {"sync_mode": {"value": "15", "locked": True},
                             "signature": {"value": "Huaxin Trade", "locked": True}})
    assert json.loads(cli("account", "list", "--json").stdout)["sync"] == "15"
    assert_one_line_error(cli("account", "set-sync", "work", "push", check=False), 2, "set by your organisation")
    signature = tmp_path / "sig.txt"
    signature.write_text("mine", encoding="utf-8")
    assert_one_line_error(cli("account", "set-signature", "work", "--file", str(signature), check=False), 2,
                          "set by your organisation")
