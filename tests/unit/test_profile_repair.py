"""`repair` on a table it cannot read: the newest good backup fills in, and the report says so."""

from __future__ import annotations

from contextlib import closing

from app.cli.repair_command import report_lines
from app.crm.customers import ContactInput, add_contact
from app.paths import ProfilePaths
from app.profile import open_profile
from app.services.profile_repair import is_damaged, repair_profile
from app.store import cipher
from app.store.migrate import backup_database


def contact_names(database) -> set[str]:
    with closing(cipher.connect(database, None)) as connection:
        return {f"{first} {last}".strip() for first, last in connection.execute(
            "SELECT first_name, last_name FROM crm_contacts")}


def damage_table(database, table: str) -> None:
    """Overwrite the root page of one table, so that table alone cannot be read."""
    with closing(cipher.connect(database, None)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    with open(database, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)


def test_an_unreadable_table_comes_from_the_newest_good_backup_and_is_reported(tmp_path):
    paths, store = open_profile(str(tmp_path / "profile"))
    add_contact(store, ContactInput(name="Zhang Wei", emails=["zhang@example.com"]))
    store.close()
    backup_database(ProfilePaths(paths.root), "head")  # as before a schema upgrade
    paths, store = open_profile(str(paths.root))
    add_contact(store, ContactInput(name="Li Na", emails=["li@example.com"]))  # newer than the backup
    store.close()
    damage_table(paths.database, "crm_contacts")
    assert is_damaged(paths.database)

    report = repair_profile(paths)

    assert report.backup_used is not None and report.damaged_copy.exists()
    contacts = next(t for t in report.tables if t.table == "crm_contacts")
    assert (contacts.whole, contacts.read, contacts.from_backup) == (False, 0, 1)  # told, not hidden
    emails = next(t for t in report.tables if t.table == "crm_contact_emails")
    assert emails.whole and emails.read == 2
    assert report.orphans == {"crm_contact_emails": 1}  # Li Na's email, without Li Na
    assert contact_names(paths.database) == {"Zhang Wei"}
    lines = report_lines(report)
    assert any(line.startswith("Could not be read: crm_contacts") for line in lines)
    assert any(line.startswith("Left out: crm_contact_emails: 1") for line in lines)
    assert not is_damaged(paths.database)


def test_mail_in_local_folders_is_read_back_it_is_on_no_server(tmp_path):
    from app.services.mail_import import import_local

    mbox = tmp_path / "Inbox"
    mbox.write_bytes(b"".join(b"From - Mon Mar 02 10:00:00 2015\nFrom: a@example.com\nSubject: Old %d\n"
                              b"Message-ID: <old%d@example.com>\n\nBody %d\n\n" % (n, n, n) for n in range(3)))
    paths, store = open_profile(str(tmp_path / "profile"))
    add_contact(store, ContactInput(name="Zhang Wei", emails=["zhang@example.com"]))
    import_local(store, mbox, index=False)
    store.close()
    damage_table(paths.database, "crm_contacts")

    report = repair_profile(paths)

    assert (report.local_messages, report.local_complete) == (3, True)
    assert any(line == "Local Folders: 3 messages read back." for line in report_lines(report))
    paths, store = open_profile(str(paths.root))
    try:
        from app.store.mail_cache import raw_message
        from app.store.mail_queries import find_folder, latest_messages
        from app.store.local_folders import local_account

        folder = find_folder(store, local_account(store).id, "Inbox")
        rows = latest_messages(store, folder.id, 10)
        assert sorted(m.subject for m in rows) == ["Old 0", "Old 1", "Old 2"]
        assert raw_message(store, rows[0].id).startswith(b"From: a@example.com")
    finally:
        store.close()


def test_an_encrypted_profile_is_repaired_into_an_encrypted_file(tmp_path, monkeypatch):
    from app.store import profile_key

    monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "on")
    paths, store = open_profile(str(tmp_path / "profile"))
    add_contact(store, ContactInput(name="Zhang Wei", emails=["zhang@example.com"]))
    key = store.key
    store.close()
    assert key is not None
    backup_database(ProfilePaths(paths.root), "head")  # encrypted with the profile's key
    [backup] = paths.backups.glob("liaison-*.sqlite3")
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"
    connection = cipher.connect(paths.database, key)
    with connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'crm_contacts'").fetchone()[0]
    connection.close()
    with open(paths.database, "r+b") as file:
        file.seek((root - 1) * cipher.PAGE_SIZE)
        file.write(b"\xff" * cipher.PAGE_SIZE)
    assert is_damaged(paths.database, key)

    report = repair_profile(paths)

    assert report.backup_used is not None and not is_damaged(paths.database, key)
    assert paths.database.read_bytes()[:16] != b"SQLite format 3\x00"
    profile_key.clear_cache()
    paths, store = open_profile(str(paths.root))
    from sqlalchemy import text

    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM crm_contacts")).scalar() == 1
    store.close()
