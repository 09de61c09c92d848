"""Bringing the server database to the schema this code expects (Alembic, linear revisions in
``server/migrations/versions``). A database stamped with a revision this code does not know
belongs to a newer server and is refused, untouched. At head (the common case: every admin
command and every start checks) it costs one query and never imports Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# The newest revision in server/migrations/versions; a test keeps the two in step.
SCHEMA_HEAD = "0005"


class SchemaTooNew(Exception):
    pass


def _config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    return config


def current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def upgrade(url: str) -> None:
    """Apply every migration the database lacks; refuse a database from a newer server."""
    current = current_revision(url)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _config(url)
    script = ScriptDirectory.from_config(config)
    if current is not None and not _known(script, current):
        raise SchemaTooNew(
            f"the database is at schema {current}, which this server does not know: it was "
            f"written by a newer Liaison server; run that version or restore a backup")
    command.upgrade(config, "head")


def _known(script, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False
