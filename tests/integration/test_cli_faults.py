"""The command line under local faults: every one a sentence with its exit code, never exit 70.

A read-only profile, a full disk, damaged database pages and two syncs at once on one profile,
each as a user meets it: `python main.py ...` as a subprocess.  The full-disk and read-only
cases need a file system of their own (a small tmpfs, mounted as root); elsewhere they skip.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.integration.test_cli import PASSWORD, add_account, assert_one_line_error
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


@pytest.fixture
def tmpfs(tmp_path):
    """A 24 MB file system of its own, for a profile that fills it or becomes read-only.

    With room again, a sync must fit one batch (up to 8 MiB of mail and its search index)
    twice: in the write-ahead log, then in the database file."""
    mountpoint = tmp_path / "tmpfs"
    mountpoint.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mountpoint)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("needs root to mount a small tmpfs")
    yield mountpoint
    subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def seed_mail(dovecot, count):
    imap = dovecot.client("sales", PASSWORD)
    for n in range(count):
        imap.append("INBOX", make_message(n))
    imap.logout()


def test_an_unwritable_log_file_is_one_warning_and_the_command_still_works(cli):
    cli("contacts", "list")
    log_file = cli.profile / "logs" / "liaison.log"
    log_file.unlink(missing_ok=True)
    log_file.mkdir()  # cannot be opened as a file, whoever runs the test

    result = cli("contacts", "list", check=False)

    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liaison: ") and "log" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_read_only_profile_is_one_sentence_not_a_traceback(cli, tmpfs):
    cli.profile = tmpfs / "profile"
    cli("contacts", "add", "--name", "Zhang Wei", "--email", "zhang@example.com")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)

    for command in (("contacts", "list"), ("contacts", "add", "--name", "Li Na", "--email", "li@example.com"),
                    ("account", "list")):
        assert_one_line_error(cli(*command, check=False), 8, "read-only", str(cli.profile))


def test_a_full_disk_is_one_sentence_and_keeps_what_is_stored(cli, tmpfs, dovecot):
    cli.profile = tmpfs / "profile"
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    seed_mail(dovecot, 5)
    cli("sync")
    seed_mail(dovecot, 200)
    filler = tmpfs / "filler"
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    filler.write_bytes(b"\0" * max(free - 200_000, 0))  # a little room left: the sync runs out mid-way

    result = cli("sync", check=False)

    assert_one_line_error(result, 8, "disk is full")
    filler.unlink()
    listed = cli("messages", "--limit", "1000", "--json").stdout.splitlines()
    assert len(listed) >= 5  # what was stored before is still there
    cli("sync")  # with room again, the sync completes
    assert len(cli("messages", "--limit", "1000", "--json").stdout.splitlines()) == 205


def corrupt_pages(database: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a bad copy does."""
    data = bytearray(database.read_bytes())
    page = 4096  # the first pages (schema, accounts, migrations) stay whole: the profile opens
    for start in range(len(data) // 3 // page * page, len(data) - page, page):
        data[start + 100:start + page] = os.urandom(page - 100)
    database.write_bytes(bytes(data))


def test_damaged_database_pages_are_named_and_repair_keeps_every_readable_record(cli, dovecot):
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("contacts", "add", "--name", "Zhang Wei", "--email", "zhang@example.com")
    cli("contacts", "add", "--name", "Li Na", "--email", "li@example.com")
    seed_mail(dovecot, 120)
    cli("sync")
    for suffix in ("-wal", "-shm"):
        Path(str(cli.profile / "liaison.sqlite3") + suffix).unlink(missing_ok=True)
    corrupt_pages(cli.profile / "liaison.sqlite3")

    seed_mail(dovecot, 30)  # new mail: the sync has to write among the damaged pages
    for command in (("search", "quarterly"), ("sync",)):
        result = cli(*command, check=False)
        assert_one_line_error(result, 8, "damaged", "'backups' folder", "liaison repair")

    repaired = cli("repair")
    assert "damaged file is kept" in repaired.stdout
    kept = list((cli.profile / "backups").glob("damaged-*.sqlite3"))
    assert len(kept) == 1  # the damaged file itself, never deleted
    assert "accounts 1" in repaired.stdout and "crm_contacts 2" in repaired.stdout, repaired.stdout
    assert "Zhang Wei" in cli("contacts", "list").stdout and "Li Na" in cli("contacts", "list").stdout
    assert "150 new" in cli("sync").stdout  # the mail cache comes again from the server
    assert cli("search", "quarterly").returncode == 0
    assert "not damaged" in cli("repair").stdout


def test_a_sync_beside_a_running_sync_of_the_same_profile_says_so(cli, dovecot):
    from app.paths import ProfilePaths
    from app.services.sync_lock import SyncLock


    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    account_uuid = _account_uuid(cli.profile)
    with SyncLock(ProfilePaths(cli.profile), account_uuid).held():  # another process's sync
        result = cli("sync", check=False)
    assert_one_line_error(result, 9, "already syncing")
    assert cli("sync").returncode == 0  # once it is done, the next one runs


def test_two_syncs_at_once_never_end_in_an_internal_error(cli, dovecot):
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    seed_mail(dovecot, 300)
    first, second = cli.popen("sync"), cli.popen("sync")
    results = [(p.wait(120), *p.communicate()) for p in (first, second)]
    for code, out, err in results:
        assert code in (0, 9), (code, err)
        assert "Traceback" not in err and "internal error" not in err
    assert 0 in [code for code, _o, _e in results]
    assert len(cli("messages", "--limit", "1000", "--json").stdout.splitlines()) == 300


def _account_uuid(profile: Path) -> str:
    import sqlite3

    with sqlite3.connect(profile / "liaison.sqlite3") as connection:
        return connection.execute("SELECT uuid FROM accounts").fetchone()[0]
