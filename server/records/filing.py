"""Mail shared on a customer is seen only by those who see the customer.

A ``message_link`` record is its sharer's, in their team, like any record; on its own it would
follow the team's default sharing even when the customer it is filed on was made private. So
a link takes the sharing of the records it is filed on (the most restrictive of them): when a
link is written, and again whenever one of those records is shared differently. The
``filed_on`` lookup keys (:mod:`server.records.keys`) find a record's links without reading
every link of the team.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Record, RecordKey

LINK_FIELDS = ("contact", "company", "deal")
_ORDER = {"private": 0, "read": 1, "edit": 2}


def _strictest(sharings: list[str | None]) -> str | None:
    explicit = [s for s in sharings if s is not None]
    return min(explicit, key=_ORDER.__getitem__) if explicit else None


def follow_filed_records(session: Session, links: list[Record]) -> list[Record]:
    """Give each link the strictest explicit sharing of the records it is filed on; returns
    the links that changed, which the caller gives the transaction's revision (taken after
    every row lock, server.db.database) so they leave or reach colleagues at their next pull."""
    wanted = {u for link in links for u in ((link.fields or {}).get(f) for f in LINK_FIELDS) if u}
    if not wanted:
        return []
    sharing = dict(session.execute(select(Record.uuid, Record.sharing).where(Record.uuid.in_(wanted))).all())
    changed = []
    for link in links:
        filed_on = [(link.fields or {}).get(f) for f in LINK_FIELDS]
        target = _strictest([sharing.get(u) for u in filed_on if u in sharing])
        if link.sharing != target:
            link.sharing = target
            changed.append(link)
    return changed


def links_filed_on(session: Session, record_uuid: str) -> list[Record]:
    return list(session.scalars(select(Record).where(
        Record.type == "message_link",
        Record.uuid.in_(select(RecordKey.record_uuid).where(RecordKey.kind == "filed_on",
                                                              RecordKey.value == record_uuid)))))
