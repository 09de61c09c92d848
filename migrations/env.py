"""Alembic environment for the client database (SQLite).

Why it looks like this (see PLATFORM.md):

* DDL runs inside one real transaction: pysqlite's implicit transaction handling is turned
  off and ``BEGIN`` is emitted explicitly, so a failed batch migration rolls back completely
  instead of leaving ``_alembic_tmp_*`` tables behind.
* ``foreign_keys`` is OFF while migrating (batch mode recreates tables, and with it ON a
  recreated parent would cascade-delete child rows); ``foreign_key_check`` runs before commit.
* FTS shadow tables are excluded from autogenerate; they are created with ``op.execute``.
"""

from alembic import context
from sqlalchemy import create_engine, event, text

from app.store import cipher
from app.store.migrate import include_object
from app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _migration_engine(database_path, key=None):
    engine = create_engine(cipher.engine_url(database_path, key), **cipher.engine_options(key))
    if key is not None:  # the codec's settings, right after the dialect's PRAGMA key
        event.listen(engine, "connect", cipher.apply_encrypted_pragmas)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


def run_migrations_online() -> None:
    engine = _migration_engine(config.attributes["database_path"], config.attributes.get("database_key"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            transactional_ddl=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
