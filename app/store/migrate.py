"""Bringing a profile's database to the schema this code expects.

Rules (DESIGN.md practice 9):

* Migrations are linear Alembic revisions in ``migrations/versions``; released revisions are
  never edited.
* Before upgrading an existing database, it is copied to ``backups/`` with SQLite's online
  backup API (consistent even in WAL mode).
* A database stamped with a revision this code does not know was written by a newer Liaison:
  it is refused with a message saying what to do, and left untouched.
* The common case — already at head — costs one tiny SQLite query and never imports Alembic,
  which keeps every CLI command fast.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from app.bundled import migrations_dir
from app.errors import StoreError
from app.paths import ProfilePaths
from app.store import cipher
from app.store.database import classify_sqlite_error

# The newest revision in migrations/versions; a unit test keeps the two in step.
SCHEMA_HEAD = "0018"
BACKUPS_KEPT = 5

MIGRATIONS_DIR = migrations_dir()

log = logging.getLogger("liaison.db")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: the search tables (``*_fts*``: FTS5 tables, their shadow tables and
    work queues) are made with raw SQL in the migrations, not declared as models."""
    return not (type_ == "table" and name and "_fts" in name)


def stamped_revision(db_path: Path, key: bytes | None = None) -> str | None:
    """The Alembic revision stored in the database, or None for a new or empty file."""
    if not db_path.exists():
        return None
    try:
        conn = cipher.connect(db_path, key)
        try:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except cipher.database_errors() as exc:
        if "malformed" in str(exc):  # a Liaison database with damaged pages, not a stranger's file
            raise classify_sqlite_error(exc) from None
        raise StoreError(
            "{path} is not a usable Liaison database ({reply}). Restore a copy from the "
            "profile's 'backups' folder or choose another profile.",
            code="db.unusable", path=str(db_path), reply=str(exc)) from None
    return version[0] if version else None


def alembic_config(db_path: Path, key: bytes | None = None):
    """Alembic's configuration for one database.

    The path travels in ``config.attributes``, not as ``sqlalchemy.url``: a URL string would
    need the path escaped twice (``?``/``#`` for the URL, ``%`` for Alembic's configparser),
    and a profile folder may be called anything.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_path"] = Path(db_path)
    config.attributes["database_key"] = key
    return config


def backup_database(paths: ProfilePaths, revision: str, key: bytes | None = None) -> Path:
    """Copy the database to the backups folder; keep the newest few copies.

    An encrypted profile's backup is encrypted with the same key (``sqlcipher_export`` into
    a new file: SQLite's backup API cannot change or keep a codec)."""
    if key is None:
        from app.store.profile_key import key_for

        key = key_for(paths.root)
    paths.backups.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = paths.backups / f"liaison-{stamp}-rev{revision}.sqlite3"
    cipher.copy_database(paths.database, target, key)
    old = sorted(paths.backups.glob("liaison-*.sqlite3"))[:-BACKUPS_KEPT]
    for stale in old:
        stale.unlink(missing_ok=True)
    return target


def ensure_schema(paths: ProfilePaths, key: bytes | None = None) -> None:
    """Create or upgrade the profile's database (encrypted with ``key`` when given); refuse
    one from the future.  An encrypted profile's key is read from the keyring when not given."""
    if key is None:
        from app.store.profile_key import key_for

        key = key_for(paths.root)
    revision = stamped_revision(paths.database, key)
    if revision == SCHEMA_HEAD:
        return

    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = alembic_config(paths.database, key)
    scripts = ScriptDirectory.from_config(config)
    if revision is not None:
        try:
            known = scripts.get_revision(revision)
        except CommandError:
            known = None
        if known is None:
            raise StoreError(
                "This profile ({profile}) was written by a newer version of Liaison (database "
                "schema {revision}). Install that version, or start this one with another profile.",
                code="db.too_new", profile=str(paths.root), revision=revision)
        saved = backup_database(paths, revision, key)
        log.info("backed up the database to %s before upgrading from %s", saved, revision)
    command.upgrade(config, "head")
    log.info("database schema is now at %s", SCHEMA_HEAD)
