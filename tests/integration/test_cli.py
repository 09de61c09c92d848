"""`python main.py ...` as a subprocess against a real Dovecot, as IT and scripts use it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO
from tests.support.maildir_seed import seed_maildir
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration

PASSWORD = "s3cret-pass"


def add_account(cli, dovecot, *extra, password=PASSWORD, port=None, security="ssl", name="work",
                check=True):
    port = port or (dovecot.ssl_port if security == "ssl" else dovecot.port)
    return cli("account", "add", "--name", name, "--email", "sales@example.com", "--username", "sales",
               "--imap-host", "localhost", "--imap-port", str(port), "--imap-security", security,
               "--smtp-host", "localhost", "--smtp-port", "2525", "--smtp-security", "starttls",
               "--password-stdin", *extra, stdin=password + "\n", check=check)


def assert_one_line_error(result, code, *phrases):
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liaison: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


def test_add_sync_and_list_messages_as_json(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    for n in range(12):
        imap.append("INBOX", make_message(n))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))

    listed = [json.loads(line) for line in cli("account", "list", "--json").stdout.splitlines()]
    assert [(a["name"], a["imap"]["port"]) for a in listed] == [("work", dovecot.ssl_port)]
    assert PASSWORD not in json.dumps(listed)

    summary = cli("sync").stdout
    assert "work: 6 folders, 12 new, 0 changed, 0 removed" in summary

    rows = [json.loads(line) for line in cli("messages", "--limit", "5", "--json").stdout.splitlines()]
    assert len(rows) == 5
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    first = rows[0]
    assert set(first) >= {"uid", "message_id", "from", "to", "cc", "subject", "date", "flags"}
    assert first["message_id"] == "<msg-7-11@liaison.test>" and first["date"].endswith("+00:00")
    assert first["to"] == [{"name": "", "address": "sales@example.com"}]

    again = cli("sync").stdout
    assert "0 new, 0 changed, 0 removed" in again


def test_starttls_account_and_no_secret_on_disk(cli, dovecot, profile_dir):
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file), security="starttls")
    cli("sync")
    for path in profile_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("case", ["wrong-password", "closed-port", "unknown-host", "tls-untrusted",
                                  "tls-on-plain-port"])
def test_connection_problems_are_one_clear_line(cli, dovecot, case):
    from tests.support.ports import free_port

    ca = ("--ca-file", str(dovecot.ca_file))
    if case == "wrong-password":
        result = add_account(cli, dovecot, *ca, password="not-it", check=False)
        assert_one_line_error(result, 3, "user name or password was not accepted")
    elif case == "closed-port":
        result = add_account(cli, dovecot, *ca, port=free_port(), check=False)
        assert_one_line_error(result, 4, "refused the connection")
    elif case == "unknown-host":
        result = cli("account", "add", "--name", "x", "--email", "a@b.cc", "--imap-host",
                     "no-such-host.invalid", "--imap-port", "993", "--imap-security", "ssl",
                     "--smtp-host", "x.invalid", "--smtp-port", "465", "--smtp-security", "ssl",
                     "--password-stdin", stdin="pw\n", check=False)
        assert_one_line_error(result, 4, "was not found")
    elif case == "tls-untrusted":
        result = add_account(cli, dovecot, check=False)
        assert_one_line_error(result, 5, "could not be verified", "--ca-file")
    else:
        result = add_account(cli, dovecot, *ca, port=dovecot.port, check=False)
        assert_one_line_error(result, 5, "secure connection")
    assert cli("account", "list").stdout == ""  # nothing was saved


def test_bad_input_exits_non_zero_without_traceback(cli, dovecot):
    result = cli("sync", "--account", "nope", check=False)
    assert_one_line_error(result, 2, "No account named 'nope'")
    result = add_account(cli, dovecot, port=70000, check=False)
    assert_one_line_error(result, 2, "port 70000 is outside 1-65535")
    result = cli("messages", "--limit", "0", check=False)
    assert_one_line_error(result, 2, "must be at least 1")
    result = cli("frobnicate", check=False)
    assert_one_line_error(result, 2, "invalid choice")


def _add_with(cli, *options):
    settings = {"--imap-host": "imap.example.com", "--imap-port": "993", "--imap-security": "ssl",
                "--smtp-host": "smtp.example.com", "--smtp-port": "465", "--smtp-security": "ssl"}
    settings.update(dict(zip(options[::2], options[1::2])))
    return cli("account", "add", "--name", "x", "--email", "a@example.com", "--password-stdin",
               *[item for pair in settings.items() for item in pair], stdin="pw\n", check=False)


def test_bad_ca_file_and_host_are_bad_input_on_one_line(cli):
    # no server needed: both are refused before any connection
    result = _add_with(cli, "--ca-file", "/nonexistent.pem")
    assert_one_line_error(result, 2, "/nonexistent.pem does not exist")
    result = _add_with(cli, "--imap-host", "imap.example.com\r\nX-Injected: yes")
    assert_one_line_error(result, 2, "IMAP server name", "imap.example.com\\r\\nX-Injected")
    assert cli("account", "list").stdout == ""


def test_no_keyring_is_explained_and_nothing_is_saved(cli, dovecot):
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    # Automatic: the encrypted secrets file, which needs a primary password first.
    result = add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file), check=False)
    assert_one_line_error(result, 7, "No primary password is set", "secrets set-primary-password")
    assert cli("account", "list").stdout == ""
    # The keyring only: its absence is explained.
    cli("settings", "set", "secrets_store", "keyring")
    result = add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file), check=False)
    assert_one_line_error(result, 7, "No secure password store", "gnome-keyring")
    assert cli("account", "list").stdout == ""


def test_gui_starts_on_a_profile_and_syncs_in_the_background(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", make_message(5))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli.env["QT_QPA_PLATFORM"] = "offscreen"
    process = subprocess.Popen([sys.executable, str(REPO / "main.py"), "--profile", str(cli.profile)],
                               env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None and not _stored_count(cli.profile):
            time.sleep(0.1)
        assert process.poll() is None, process.communicate()
        assert _stored_count(cli.profile) == 1  # the window's sync service fetched it
    finally:
        process.terminate()
        process.wait(10)


def test_password_changed_on_the_server_is_reported_at_sync(cli, dovecot):
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    dovecot.change_password("sales", "rotated-password")
    result = cli("sync", check=False)
    assert_one_line_error(result, 3, "rejected the user name or password")


def test_offline_flag_then_sync_reaches_server(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", make_message(1))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    dovecot.stop()
    assert "1 message(s) changed" in cli("flag", "--account", "work", "--uid", "1", "flagged", "on").stdout
    failed = cli("sync", check=False)
    assert_one_line_error(failed, 4)
    dovecot.start()
    assert "1 local changes pushed" in cli("sync").stdout
    imap = dovecot.client("sales", PASSWORD)
    imap.select_folder("INBOX")
    assert b"\\Flagged" in imap.get_flags([1])[1]
    imap.logout()


def _stored_count(profile_dir) -> int:
    db = profile_dir / "liaison.sqlite3"
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sync_killed_mid_run_resumes_with_no_loss_and_no_duplicates(cli, dovecot, profile_dir):
    total = 3000
    base = time.time() - total * 60
    seed_maildir(dovecot.maildir("sales"), ((make_message(n, attachment_every=5), base + n * 60)
                                            for n in range(total)), dovecot.uid, dovecot.gid)
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))

    for _round in range(2):  # kill it twice at different points
        process = cli.popen("sync")
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            stored = _stored_count(profile_dir)
            if stored > (_round + 1) * 300:
                break
            time.sleep(0.01)
        assert process.poll() is None, "sync finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert 0 < _stored_count(profile_dir) < total

    summary = cli("sync").stdout
    assert "folders" in summary
    rows = [json.loads(line) for line in
            cli("messages", "--limit", str(total + 10), "--json").stdout.splitlines()]
    assert len(rows) == total
    assert len({r["uid"] for r in rows}) == total
    assert sorted(r["message_id"] for r in rows) == sorted(
        f"<msg-7-{n}@liaison.test>" for n in range(total))


def test_move_to_trash_from_the_command_line(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", make_message(1))
    imap.append("INBOX", make_message(2))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    assert "1 message(s) moved" in cli("move", "--account", "work", "--uid", "2", "--to", "trash").stdout
    assert [json.loads(l)["uid"] for l in cli("messages", "--json").stdout.splitlines()] == [1]
    cli("sync")
    trash = [json.loads(l) for l in cli("messages", "--folder", "Trash", "--json").stdout.splitlines()]
    assert [m["message_id"] for m in trash] == ["<msg-7-2@liaison.test>"]
    result = cli("move", "--account", "work", "--uid", "1", "--to", "Nowhere", check=False)
    assert_one_line_error(result, 2, "No folder 'Nowhere'")


def test_account_add_finds_a_providers_settings_from_the_address(cli):
    result = cli("account", "add", "--email", "li.lei@qq.com", "--password-stdin", "--no-check",
                 stdin="authcode\n")
    assert "using settings from QQ Mail (provider)" in result.stderr
    assert cli("account", "set-sync", "li.lei@qq.com", "15").stdout == "li.lei@qq.com now syncs: 15\n"
    listed = json.loads(cli("account", "list", "--json").stdout)
    assert listed["sync"] == "15"
    assert (listed["name"], listed["imap"], listed["smtp"]) == (
        "li.lei@qq.com", {"host": "imap.qq.com", "port": 993, "security": "ssl"},
        {"host": "smtp.qq.com", "port": 465, "security": "ssl"})
