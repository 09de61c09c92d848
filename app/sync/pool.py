"""The team's public pool (公海) on this laptop.

Returning a customer to the pool is the owner's (or their manager's) decision, so it works
offline: it is queued here (``team_pool_requests``) and the next team sync tells the server,
which checks the permission itself.  Picking a customer up is online only (``Team.pick_up``):
the server decides which of several colleagues asking at once gets it.
"""

from __future__ import annotations

import time

from sqlalchemy.orm import Session

from app.store.team_models import TeamPoolRequest, TeamRecord


def queue_return_to_pool(session: Session, record_uuid: str) -> bool:
    """Queue the record's return to its team's pool; False when the team does not know it
    (a local-only customer has no pool) or it is in the pool, or on its way there, already."""
    known = session.get(TeamRecord, record_uuid)
    if known is None or known.pooled or session.get(TeamPoolRequest, record_uuid) is not None:
        return False
    session.add(TeamPoolRequest(record_uuid=record_uuid, requested_at=int(time.time())))
    return True
