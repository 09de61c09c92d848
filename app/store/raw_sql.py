"""Read-only SQL on the raw DBAPI cursor, for queries where building ORM rows would cost
more than the query (lists of ids, aggregates over the 100,000-message tables)."""

from __future__ import annotations

from app.store.database import Store


def fetch_all(store: Store, sql: str, params: tuple = ()) -> list[tuple]:
    with store.read() as session:
        cursor = session.connection().connection.cursor()
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()
