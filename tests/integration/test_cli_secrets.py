"""The real CLI, in a subprocess, on a machine without a keyring: the encrypted secrets file,
its primary password, exit code 7 with one sentence, and moving the secrets to a keyring."""

from __future__ import annotations

import json

import pytest

PRIMARY = "primary-pass-1"
ACCOUNT_PASSWORD = "imap-Secret-42"
NO_KEYRING = "keyring.backends.fail.Keyring"


@pytest.fixture
def keyless(cli):
    """The CLI runner on a machine where no OS keyring works."""
    cli.env["PYTHON_KEYRING_BACKEND"] = NO_KEYRING
    return cli


def add_account(cli, stdin: str, *before: str, check: bool = True):
    return cli(*before, "account", "add", "--name", "work", "--email", "sales@example.com", "--imap-host",
               "localhost", "--imap-port", "993", "--imap-security", "ssl", "--smtp-host", "localhost",
               "--smtp-port", "465", "--smtp-security", "ssl", "--password-stdin", "--no-check",
               stdin=stdin, check=check)


def one_line_error(result, code: int, *phrases: str) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and 1 <= len(lines) <= 2, result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines
    return lines[0]


def status(cli, *before: str, stdin: str | None = None) -> dict:
    return json.loads(cli(*before, "secrets", "status", "--json", stdin=stdin).stdout)


def test_without_a_keyring_passwords_go_to_the_encrypted_file(keyless, secrets_file):
    first = status(keyless)
    assert first["store"] == "file" and first["primary_password_set"] is False and first["unlocked"] is False
    assert first["keyring_available"] is False and first["file"] == str(secrets_file)

    # No primary password yet: adding an account says what to do, exit 7, no traceback.
    one_line_error(add_account(keyless, ACCOUNT_PASSWORD + "\n", check=False), 7, "No primary password")

    keyless("secrets", "set-primary-password", stdin=PRIMARY + "\n")
    assert secrets_file.exists() and (secrets_file.stat().st_mode & 0o777) == 0o600
    assert status(keyless)["primary_password_set"] is True

    # A new process is locked again: the primary password is asked once per session.
    one_line_error(add_account(keyless, ACCOUNT_PASSWORD + "\n", check=False), 7, "locked",
                   "--primary-password-stdin")
    add_account(keyless, f"{PRIMARY}\n{ACCOUNT_PASSWORD}\n", "--primary-password-stdin")
    assert ACCOUNT_PASSWORD.encode() not in secrets_file.read_bytes()
    assert PRIMARY.encode() not in secrets_file.read_bytes()
    assert status(keyless, "--primary-password-stdin", stdin=PRIMARY + "\n")["unlocked"] is True

    wrong = keyless("--primary-password-stdin", "account", "list", stdin="not-the-password\n", check=False)
    one_line_error(wrong, 7, "primary password is not right")

    keyless("secrets", "change-primary-password", stdin=f"{PRIMARY}\nsecond-pass-2\n")
    one_line_error(keyless("--primary-password-stdin", "secrets", "status", stdin=PRIMARY + "\n", check=False), 7)
    assert status(keyless, "--primary-password-stdin", stdin="second-pass-2\n")["unlocked"] is True


def test_status_in_words_and_a_damaged_file_is_one_sentence(keyless, secrets_file):
    keyless("secrets", "set-primary-password", stdin=PRIMARY + "\n")
    words = keyless("secrets", "status").stdout
    assert "encrypted secrets file" in words and "locked" in words
    secrets_file.write_bytes(secrets_file.read_bytes().replace(b'"nonce": "', b'"nonce": "x'))
    one_line_error(keyless("--primary-password-stdin", "secrets", "status", stdin=PRIMARY + "\n", check=False),
                   7, "damaged")


def test_move_to_keyring_moves_every_entry_and_removes_the_file(keyless, secrets_file, tmp_path):
    keyless("secrets", "set-primary-password", stdin=PRIMARY + "\n")
    add_account(keyless, f"{PRIMARY}\n{ACCOUNT_PASSWORD}\n", "--primary-password-stdin")

    # Still no keyring: the file is kept, one sentence, exit 7.
    one_line_error(keyless("--primary-password-stdin", "secrets", "move-to-keyring", stdin=PRIMARY + "\n",
                           check=False), 7)
    assert secrets_file.exists()

    keyless.env["PYTHON_KEYRING_BACKEND"] = "tests.support.test_keyring.FileKeyring"
    assert status(keyless)["store"] == "file"  # auto: the file holds passwords, so it stays in use
    moved = keyless("--primary-password-stdin", "secrets", "move-to-keyring", stdin=PRIMARY + "\n")
    assert "moved 1 password" in moved.stdout
    assert not secrets_file.exists()
    assert status(keyless)["store"] == "keyring"
    kept = json.loads((tmp_path / "keyring.json").read_text())
    assert ACCOUNT_PASSWORD in kept.values()


def test_the_setting_can_force_the_keyring_and_then_a_missing_keyring_is_exit_7(keyless):
    keyless("settings", "set", "secrets_store", "keyring")
    one_line_error(add_account(keyless, ACCOUNT_PASSWORD + "\n", check=False), 7, "keyring")
    one_line_error(keyless("secrets", "set-primary-password", stdin=PRIMARY + "\n", check=False), 7)


def test_without_a_keyring_the_profile_key_is_kept_in_the_secrets_file(keyless, secrets_file):
    """The encrypted profile on a machine without a keyring: its key goes where every secret
    goes.  Until the secrets file can take it, the profile stays plain rather than refusing."""
    keyless.env["LIAISON_PROFILE_ENCRYPTION"] = "on"
    keyless("contacts", "add", "--email", "early@client.test", "--name", "Early Bird")
    assert "not encrypted" in keyless("profile", "status").stdout

    keyless("secrets", "set-primary-password", stdin=PRIMARY + "\n")
    converted = keyless("--primary-password-stdin", "profile", "encrypt", stdin=PRIMARY + "\n").stdout
    assert "now encrypted; its key is in the encrypted secrets file" in converted, converted
    assert b"Early Bird" not in (keyless.profile / "liaison.sqlite3").read_bytes()

    # A new process without the primary password cannot open it: exit 7, the way to unlock.
    one_line_error(keyless("contacts", "list", check=False), 7, "locked", "--primary-password-stdin")
    listed = keyless("--primary-password-stdin", "contacts", "list", stdin=PRIMARY + "\n").stdout
    assert "early@client.test" in listed
