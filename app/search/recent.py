"""The searches a user ran, newest first, for the search field's history (user data)."""

from __future__ import annotations

import time

from sqlalchemy import delete, select

from app.store.database import Store
from app.store.models import RecentSearch
from app.store.writer import writes

KEPT = 20


@writes
def remember(store: Store, query: str) -> None:
    """Put ``query`` at the top of the history; only the newest ``KEPT`` are kept."""
    from app.settings.values import get

    query = " ".join(query.split())
    if not query or not get(store, "remember_searches"):
        return
    with store.write() as session:
        row = session.scalar(select(RecentSearch).where(RecentSearch.query == query))
        if row is None:
            session.add(RecentSearch(query=query, used_at=int(time.time() * 1000)))
        else:
            row.used_at = int(time.time() * 1000)
        session.flush()
        stale = list(session.scalars(select(RecentSearch.id).order_by(RecentSearch.used_at.desc()).offset(KEPT)))
        if stale:
            session.execute(delete(RecentSearch).where(RecentSearch.id.in_(stale)))


def recent(store: Store, limit: int = 8) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(RecentSearch.query).order_by(RecentSearch.used_at.desc()).limit(limit)))


@writes
def forget_all(store: Store) -> None:
    with store.write() as session:
        session.execute(delete(RecentSearch))
