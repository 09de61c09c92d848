"""Alembic environment for the team server (PostgreSQL or SQLite).

The URL comes from ``server.db.migrate.upgrade``; every migration runs in one transaction
(PostgreSQL has transactional DDL; on SQLite ``BEGIN`` is emitted explicitly, as in the
client's migrations, so a failed migration leaves nothing half-made).
"""

from alembic import context
from sqlalchemy import create_engine, event

from server.db.models import Base

config = context.config


def _engine(url: str):
    if url.startswith("sqlite"):
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record):
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA journal_mode=WAL")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url)


def run_migrations_online() -> None:
    engine = _engine(config.attributes["database_url"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=True, transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
