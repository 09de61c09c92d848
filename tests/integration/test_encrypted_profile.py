"""The encrypted profile end to end: a real mailbox synced from Dovecot through the CLI, then
every byte of every file under the profile searched for words of the mail and the customers;
the key missing; a plain profile converted (every row kept, an interrupted conversion loses
nothing); the key removed when the team revokes the device."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli
from tests.integration.test_cli import PASSWORD, add_account

pytestmark = [pytest.mark.integration, pytest.mark.encrypted]

SUBJECT = "Quarterly Zanzibarquote 报价单"
BODY_WORD = "Xylophonecontract"
SENDER = "Quillonia Brightwater"
CONTACT = "Fenwickhollow Marchetti"
SECRETS = (SUBJECT.split()[1], BODY_WORD, SENDER.split()[0], CONTACT.split()[0])


def _message(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{SENDER} <quill@brightwater.test>"
    msg["To"] = "sales@example.com"
    msg["Subject"] = f"{SUBJECT} {n}"
    msg["Date"] = "Tue, 3 Nov 2026 09:00:00 +0800"
    msg["Message-ID"] = f"<enc-{n}@brightwater.test>"
    msg.set_content(f"Dear team,\n\nthe {BODY_WORD} is attached in words: {BODY_WORD} again.\n")
    return msg.as_bytes()


def _synced_profile(cli: Cli, dovecot, count: int = 8) -> None:
    imap = dovecot.client("sales", PASSWORD)
    for n in range(count):
        imap.append("INBOX", _message(n))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    assert f"{count} new" in cli("sync").stdout
    cli("contacts", "add", "--email", "fenwick@client.test", "--name", CONTACT)
    # The words are really in the profile: the search index answers them.
    assert BODY_WORD in cli("search", BODY_WORD, "--json").stdout or \
        SUBJECT.split()[1] in cli("search", BODY_WORD, "--json").stdout


def _found(profile: Path) -> dict[str, list[str]]:
    """Which of the known words appear in which file under the profile, in UTF-8 or UTF-16, as
    written or lower-cased (the search index keeps its terms lower-cased, and no copy of the
    text since 0018)."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for word in SECRETS:
            forms = [text.encode(codec) for text in (word, word.lower()) for codec in ("utf-8", "utf-16-le")]
            if any(form in data for form in forms):
                found.setdefault(str(path.relative_to(profile)), []).append(word)
    return found


def test_a_synced_encrypted_profile_holds_none_of_its_words_in_the_clear(cli, dovecot):
    _synced_profile(cli, dovecot)
    # the window's reading of a message: a body opened, searched, a second sync
    cli("sync")
    files = sorted(str(p.relative_to(cli.profile)) for p in cli.profile.rglob("*") if p.is_file())
    assert "liaison.sqlite3" in files and "database-key-id" in files
    assert _found(cli.profile) == {}, files
    assert open(cli.profile / "liaison.sqlite3", "rb").read(16) != b"SQLite format 3\x00"


def test_the_same_profile_plain_shows_the_words_so_the_search_above_means_something(
        cli, dovecot, monkeypatch):
    plain = Cli(cli.profile, cli.profile.parent / "plain-keyring.json")
    plain.env["LIAISON_PROFILE_ENCRYPTION"] = "off"
    _synced_profile(plain, dovecot)
    found = _found(cli.profile)
    assert any(BODY_WORD in words for words in found.values()), found
    assert any(CONTACT.split()[0] in words for words in found.values()), found


def test_without_the_key_opening_says_so_in_one_sentence_and_loses_nothing(cli, dovecot, tmp_path):
    _synced_profile(cli, dovecot, count=3)
    before = (cli.profile / "liaison.sqlite3").read_bytes()
    keyring_file = tmp_path / "keyring.json"
    saved = keyring_file.read_text()
    kept = {k: v for k, v in json.loads(saved).items() if "database-key" not in k}
    keyring_file.write_text(json.dumps(kept))
    refused = cli("messages", "--json", check=False)
    assert refused.returncode == 8, (refused.stdout, refused.stderr)
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "encryption key of this profile is not in the keyring or the secrets file" in lines[0], lines
    assert "Traceback" not in refused.stderr
    assert (cli.profile / "liaison.sqlite3").read_bytes() == before  # nothing touched
    keyring_file.write_text(saved)  # the key back: everything is there
    assert len(cli("messages", "--json").stdout.splitlines()) == 3


def _plain_profile(cli: Cli, dovecot) -> dict[str, int]:
    plain = Cli(cli.profile, cli.profile.parent / "keyring.json")
    plain.env["LIAISON_PROFILE_ENCRYPTION"] = "off"
    _synced_profile(plain, dovecot, count=5)
    with sqlite3.connect(cli.profile / "liaison.sqlite3") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _counts_encrypted(profile: Path, key: bytes) -> dict[str, int]:
    from app.store import cipher

    db = cipher.connect(profile / "liaison.sqlite3", key)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def _key_of(profile: Path, keyring_file: Path) -> bytes:
    key_id = (profile / "database-key-id").read_text().strip()
    entries = json.loads(keyring_file.read_text())
    [value] = [v for k, v in entries.items() if key_id in k and "database-key" in k]
    return bytes.fromhex(value)


def test_a_plain_profile_is_converted_with_every_row_and_its_backups(cli, dovecot, tmp_path):
    counts = _plain_profile(cli, dovecot)
    (cli.profile / "backups").mkdir(exist_ok=True)
    with sqlite3.connect(cli.profile / "liaison.sqlite3") as source, \
            sqlite3.connect(cli.profile / "backups" / "liaison-20260101T000000-rev0014.sqlite3") as copy:
        source.backup(copy)
    converted = cli("profile", "encrypt")
    assert "encrypted" in converted.stdout.splitlines()[-1]
    assert len(converted.stdout.splitlines()) >= 4  # one line per step
    key = _key_of(cli.profile, tmp_path / "keyring.json")
    assert _counts_encrypted(cli.profile, key) == counts
    assert _found(cli.profile) == {}
    assert len(cli("messages", "--json").stdout.splitlines()) == 5
    assert cli("profile", "encrypt").returncode == 0  # already encrypted: says so, changes nothing


def test_a_plain_profile_is_converted_when_opened_with_the_setting_on(cli, dovecot):
    counts = _plain_profile(cli, dovecot)
    assert len(cli("messages", "--json").stdout.splitlines()) == 5  # the env says on: converted at open
    assert (cli.profile / "database-key-id").exists()
    key = _key_of(cli.profile, cli.profile.parent / "keyring.json")
    assert _counts_encrypted(cli.profile, key) == counts


def test_an_interrupted_conversion_leaves_the_plain_profile_intact(cli, dovecot, monkeypatch):
    counts = _plain_profile(cli, dovecot)
    before = (cli.profile / "liaison.sqlite3").read_bytes()
    # 1. an exception in the middle (the copy written, the verification failing)
    from app.paths import ProfilePaths
    from app.store import convert

    paths = ProfilePaths(cli.profile)
    monkeypatch.setattr(convert, "_counts", _failing_after_first(convert._counts))
    with pytest.raises(Exception, match="did not match"):
        convert.encrypt_profile(paths)
    monkeypatch.undo()
    assert (cli.profile / "liaison.sqlite3").read_bytes() == before
    assert not (cli.profile / "database-key-id").exists()
    assert not Path(str(paths.database) + convert.SUFFIX).exists()
    # 2. the process killed mid-copy: the plain file is intact, the next attempt starts over
    env = {**cli.env, "LIAISON_TEST_CONVERT_PAUSE": "30"}
    child = subprocess.Popen([sys.executable, str(REPO / "main.py"), "--profile", str(cli.profile),
                              "profile", "encrypt"], env=env, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    copy = Path(str(paths.database) + convert.SUFFIX)
    while not copy.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert copy.exists(), child.communicate(timeout=5)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    with sqlite3.connect(paths.database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (cli.profile / "database-key-id").exists()
    assert cli("profile", "encrypt").returncode == 0  # starts over and finishes
    assert not copy.exists()
    key = _key_of(cli.profile, cli.profile.parent / "keyring.json")
    assert _counts_encrypted(cli.profile, key) == counts


def _failing_after_first(real):
    calls = []

    def counts(connection):
        result = real(connection)
        calls.append(1)
        if len(calls) == 2:  # the copy's counts
            result = {**result, "mail_messages": -1}
        return result
    return counts


@pytest.fixture(scope="module")
def backend_url(tmp_path_factory):
    """The team server of the revocation test on SQLite only (the wipe is the client's)."""
    yield f"sqlite:///{tmp_path_factory.mktemp('server-db')}/server.sqlite3"


def test_revocation_removes_the_key_so_nothing_on_disk_can_be_read(team_server, cli, dovecot, tmp_path):
    from tests.support.team_server import PASSWORD as TEAM_PASSWORD

    team_server.team("Vault", "edit")
    team_server.user("eve@vault.test", "Vault", "rep")
    team_server.user("root@vault.test", "Vault", "admin")
    _synced_profile(cli, dovecot, count=3)
    cli("team", "login", "--server", team_server.base_url, "--email", "eve@vault.test", "--password-stdin",
        "--device-name", "eve's laptop", stdin=TEAM_PASSWORD + "\n")
    cli("team", "sync")
    cli("contacts", "set", "fenwick@client.test", "title=typed after the revocation")
    admin = team_server.sign_in("root@vault.test")
    assert admin.post("/api/v1/admin/users/eve@vault.test/revoke").status_code == 200

    refused = cli("team", "sync", check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "nothing in the profile can be read" in refused.stderr
    entries = json.loads((tmp_path / "keyring.json").read_text())
    assert not [k for k in entries if "database-key" in k]  # the key left the keyring
    assert not list(cli.profile.glob("team-unsent-*"))  # no plain file of unsent changes
    assert _found(cli.profile) == {}
    after = cli("messages", "--json", check=False)
    assert after.returncode == 8 and "was wiped on" in after.stderr and "revoked this laptop" in after.stderr
    assert len(after.stderr.strip().splitlines()) == 1 and "Traceback" not in after.stderr
    assert (cli.profile / "wiped").read_text().strip()[:4].isdigit()  # the time only
