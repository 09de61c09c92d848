"""Many rows into one table in one statement, straight through the DB-API.

For writes by the hundred thousand (a first team sync). A Core ``insert()`` executed with a
list of dicts makes SQLAlchemy process every row's parameters in Python, which took about a
third of a first sync's time; here the statement is written once and the rows go to
``sqlite3``'s ``executemany`` as tuples. Columns the rows leave out get their column's scalar
default, as Core would give them; a table with a computed default falls back to Core.
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_many(session: Session, table: Table, rows: list[dict],
                on_conflict: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> None:
    """Insert ``rows`` (dicts with the same keys) in the session's transaction.

    ``on_conflict`` = (key columns, columns to update) makes it an upsert: a row whose key is
    already there updates those columns instead (``ON CONFLICT … DO UPDATE``)."""
    if not rows:
        return
    session.flush()  # ORM changes still pending go first, as an ORM execute would do
    keys = list(rows[0])
    defaults = {}
    for column in table.columns:
        if column.name in keys or column.default is None:
            continue
        if not column.default.is_scalar:
            session.execute(table.insert(), rows)  # a computed default: Core computes it
            return
        defaults[column.name] = column.default.arg
    names = keys + list(defaults)
    sql = (f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, names))}) "
           f"VALUES ({', '.join('?' * len(names))})")
    if on_conflict is not None:
        key_columns, updated = on_conflict
        sql += (f" ON CONFLICT ({', '.join(map(_quoted, key_columns))}) DO UPDATE SET "
                + ", ".join(f"{_quoted(c)} = excluded.{_quoted(c)}" for c in updated))
    values = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    extra = tuple(defaults.values())
    session.connection().exec_driver_sql(sql, [(*values(row), *extra) for row in rows])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'  # column names such as "new" and "old"
