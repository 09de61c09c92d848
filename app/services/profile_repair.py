"""Repairing a profile whose database has damaged pages: keep every record that can be read.

The damaged file is never changed or deleted: it is moved, with its WAL, to
``backups/damaged-<time>.sqlite3``.  A new database is made from the newest backup that
passes SQLite's integrity check (``backups/liaison-*.sqlite3``, written before each schema
upgrade), or empty when there is none, and upgraded to the current schema.  Then, table by
table, the user's data (accounts, customer records, drafts, outbox, queued actions,
settings...) is read back from the damaged file:

* a table read whole replaces the backup's copy: it is newer, deletions included;
* a table read in part adds (or updates) the rows it gave over the backup's copy; rows of
  it on the damaged pages come from the backup, or are lost when it has none — said so;
* a table that cannot be read at all is left as the backup has it — said so;
* a row whose parent record could not be read back is left out — counted and said so.

The mail cache (folders, messages, bodies, attachments, their links to customers) is
emptied: the next sync fetches it again from the server.  Mail in Local Folders
(:mod:`app.store.local_folders`: imported, on no server) is user data and is read back like
it, with the same ids, as far as the damaged file gives it.  The search index is rebuilt.
:class:`RepairReport` lists exactly what came from where; nothing is dropped silently.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.paths import ProfilePaths
import app.secrets  # noqa: F401  (registers where profile keys are kept)
from app.store import cipher, profile_key

log = logging.getLogger("liaison.db")

# SQLCipher reports a page whose HMAC does not match (a damaged page of an encrypted file) as
# SQLITE_NOMEM, which the driver raises as MemoryError: here that is damage like any other.
_READ_ERRORS = (*cipher.database_errors(), MemoryError)

# Fetched again from the server by the next sync (message ids change, so links are re-made).
MAIL_CACHE_TABLES = ("mail_attachments", "mail_addresses", "mail_bodies", "crm_message_links",
                     "mail_messages", "mail_folders")
# Not data: the schema's own bookkeeping, and search indexes (rebuilt).
_SKIPPED_PREFIXES = ("sqlite_", "mail_fts", "crm_fts", "alembic_version")


@dataclass
class TableOutcome:
    table: str
    read: int  # rows read from the damaged file
    whole: bool  # every row was read
    from_backup: int  # rows in the backup's copy (before the damaged file's rows were applied)


@dataclass
class RepairReport:
    sound: bool = False  # nothing was damaged: nothing done
    damaged_copy: Path | None = None
    backup_used: Path | None = None
    tables: list[TableOutcome] = field(default_factory=list)
    # Rows read back whose parent record could not be (a contact's email without the contact):
    # left out of the new database, counted here by table; the damaged copy still has them.
    orphans: dict[str, int] = field(default_factory=dict)
    local_messages: int = 0  # Local Folders messages read back (they are on no server)
    local_complete: bool = True  # every one of them could be read

    @property
    def incomplete(self) -> list[TableOutcome]:
        return [t for t in self.tables if not t.whole]


def is_damaged(database: Path, key: bytes | None = None) -> bool:
    """True when SQLite's quick check finds damage (or the file cannot be read as a database)."""
    if not database.exists():
        return False
    try:
        connection = cipher.connect(database, key, readonly=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            connection.close()
    except _READ_ERRORS:
        return True


def repair_profile(paths: ProfilePaths) -> RepairReport:
    """Rebuild the profile's database as the module docstring says; the caller holds no store."""
    from app.store.migrate import ensure_schema

    report = RepairReport()
    key = profile_key.key_for(paths.root)  # an encrypted profile is repaired into an encrypted file
    if not is_damaged(paths.database, key):
        report.sound = True
        return report
    report.damaged_copy = _move_aside(paths)
    report.backup_used = _newest_good_backup(paths, key)
    if report.backup_used is not None:
        cipher.copy_database(report.backup_used, paths.database, key)
    ensure_schema(paths, key)
    target = cipher.connect(paths.database, key)
    try:
        with target:
            target.execute("PRAGMA foreign_keys=OFF")  # rows arrive table by table, parents maybe later
            report.tables = _salvage(report.damaged_copy, target, key)
            for table in MAIL_CACHE_TABLES:
                target.execute(f"DELETE FROM {table}")
            report.local_messages, report.local_complete = _keep_local_mail(report.damaged_copy, target, key)
            report.orphans = _drop_orphans(target)
    finally:
        target.close()
    _rebuild_search(paths)
    log.warning("database repaired: damaged copy kept at %s, backup used: %s", report.damaged_copy,
                report.backup_used)
    return report


def _move_aside(paths: ProfilePaths) -> Path:
    """Move the damaged database and its WAL (committed data may be there) into backups/."""
    paths.backups.mkdir(parents=True, exist_ok=True)
    aside = paths.backups / f"damaged-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{paths.database}{suffix}")
        if source.exists():
            shutil.move(source, Path(f"{aside}{suffix}"))
    return aside


def _newest_good_backup(paths: ProfilePaths, key: bytes | None) -> Path | None:
    for candidate in sorted(paths.backups.glob("liaison-*.sqlite3"), reverse=True):
        if not is_damaged(candidate, key):
            return candidate
    return None


def _salvage(damaged: Path, target: sqlite3.Connection, key: bytes | None) -> list[TableOutcome]:
    outcomes = []
    source = _open_damaged(damaged, key)
    try:
        for table in _data_tables(target):
            if table in MAIL_CACHE_TABLES:
                continue
            outcomes.append(_salvage_table(source, target, table))
    finally:
        source.close()
    return outcomes


def _data_tables(connection: sqlite3.Connection) -> list[str]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    return [n for n in names if not n.startswith(_SKIPPED_PREFIXES)]


def _salvage_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> TableOutcome:
    in_backup = target.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    target_columns = [row[1] for row in target.execute(f'PRAGMA table_info("{table}")')]
    rows: list[tuple] = []
    whole = True
    try:
        source_columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
        columns = [c for c in target_columns if c in source_columns]
        quoted = ", ".join(f'"{c}"' for c in columns)
        # Row by row: the rows before a damaged page are kept when reading stops there.
        for row in source.execute(f'SELECT {quoted} FROM "{table}"'):
            rows.append(row)
    except _READ_ERRORS as exc:
        log.warning("table %s read in part (%d rows): %s", table, len(rows), exc)
        whole = False
        if not rows:
            return TableOutcome(table, 0, False, in_backup)
    if whole:
        target.execute(f'DELETE FROM "{table}"')  # the damaged file is newer, deletions included
    if rows:
        marks = ", ".join("?" * len(columns))
        target.executemany(f'INSERT OR REPLACE INTO "{table}" ({quoted}) VALUES ({marks})', rows)
    return TableOutcome(table, len(rows), whole, in_backup)


# Local Folders' rows in the damaged file, parents first: (table, the condition that picks them).
_LOCAL_FOLDERS = "SELECT id FROM mail_folders WHERE account_id IN (SELECT id FROM accounts WHERE auth_method = 'local')"
_LOCAL_MESSAGES = f"SELECT id FROM mail_messages WHERE folder_id IN ({_LOCAL_FOLDERS})"
_LOCAL_MAIL = (
    ("mail_folders", f"id IN ({_LOCAL_FOLDERS})"),
    ("mail_messages", f"id IN ({_LOCAL_MESSAGES})"),
    ("mail_bodies", f"message_id IN ({_LOCAL_MESSAGES})"),
    ("mail_addresses", f"message_id IN ({_LOCAL_MESSAGES})"),
    ("mail_attachments", f"message_id IN ({_LOCAL_MESSAGES})"),
    ("crm_message_links", f"message_id IN ({_LOCAL_MESSAGES})"),
)


def _open_damaged(damaged: Path, key: bytes | None):
    """The damaged copy, opened even when its schema cannot be read (rows are read table by table)."""
    try:
        return cipher.connect(damaged, key)
    except _READ_ERRORS:
        return cipher.open_unchecked(damaged, key)


def _keep_local_mail(damaged: Path, target: sqlite3.Connection, key: bytes | None) -> tuple[int, bool]:
    """Copy Local Folders' mail from the damaged file; returns (messages, read completely).

    Rows read before a damaged page are kept; a row whose parent could not be read (a
    message without its folder, a body without its message) is left out by the orphan check
    that follows, which counts it in the report."""
    source = _open_damaged(damaged, key)
    complete = True
    try:
        for table, condition in _LOCAL_MAIL:
            columns = [row[1] for row in target.execute(f'PRAGMA table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = []
            try:
                for row in source.execute(f'SELECT {quoted} FROM "{table}" WHERE {condition}'):
                    rows.append(row)
            except _READ_ERRORS as exc:
                log.warning("Local Folders: %s read in part (%d rows): %s", table, len(rows), exc)
                complete = False
            marks = ", ".join("?" * len(columns))
            target.executemany(f'INSERT OR IGNORE INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        return target.execute("SELECT count(*) FROM mail_messages").fetchone()[0], complete
    finally:
        source.close()


def _drop_orphans(target: sqlite3.Connection) -> dict[str, int]:
    """Leave out rows whose parent is missing, so the new database holds together."""
    counts: dict[str, int] = {}
    while True:  # a removed parent can orphan its own children: until none is left
        found = target.execute("PRAGMA foreign_key_check").fetchall()
        if not found:
            return counts
        for table, rowid, _parent, _fk in found:
            target.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            counts[table] = counts.get(table, 0) + 1


def _rebuild_search(paths: ProfilePaths) -> None:
    from app.search import crm_index, mail_index
    from app.store.database import Store

    store = Store(paths.database)
    try:
        mail_index.rebuild(store)
        crm_index.rebuild(store)
    finally:
        store.close()
