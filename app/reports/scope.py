"""Which records a report covers: an owner, a team, a tag, and what the person may see.

A record the team sync brought has its owner and team as the server says (``team_records``);
a record made on this laptop and not synced has only its local owner label.  A rep signed in
to a team sees their own records in reports (the team's shared records are on the laptop to
work with, not to be measured); a manager sees everything the server gave their laptop — which
the server already limited to what they may see.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.reports.table import Filters
from app.store.crm_models import Company, Contact, Deal
from app.store.team_models import TeamRecord, TeamSyncState


def _like_element(column, tag: str):
    """A JSON list column holding ``tag`` as one element (LIKE on its quoted form)."""
    quoted = json.dumps(tag, ensure_ascii=False).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{quoted}%", escape="\\")


def _signed_in_rep(session: Session) -> str | None:
    """The rep's own address when this profile is signed in to a team as a rep, else None."""
    state = dict(session.execute(select(TeamSyncState.key, TeamSyncState.value)
                                 .where(TeamSyncState.key.in_(("role", "email")))).all())
    role, email = (json.loads(state[key]) if key in state else None for key in ("role", "email"))
    return email if role == "rep" and email else None


def _team_owned(model, condition):
    return model.uuid.in_(select(TeamRecord.record_uuid).where(condition))


def record_conditions(session: Session, filters: Filters, model) -> list:
    """SQL conditions on ``model`` (Deal, Contact or Company) for the filters and the viewer."""
    conditions = []
    if filters.owner:
        conditions.append(or_(model.owner == filters.owner, _team_owned(model, TeamRecord.owner_email == filters.owner)))
    if filters.team:
        conditions.append(_team_owned(model, TeamRecord.team_name == filters.team))
    if filters.tag:
        if model is Deal:
            conditions.append(or_(Deal.contact_id.in_(select(Contact.id).where(_like_element(Contact.tags, filters.tag))),
                                  Deal.company_id.in_(select(Company.id).where(_like_element(Company.tags, filters.tag)))))
        else:
            conditions.append(_like_element(model.tags, filters.tag))
    rep = _signed_in_rep(session)
    if rep is not None:
        conditions.append(~_team_owned(model, and_(TeamRecord.owner_email != rep, TeamRecord.owner_email != "")))
    return conditions


def contact_ids(session: Session, filters: Filters) -> set[int] | None:
    """The contacts a mail report may count, or None when it may count every one."""
    conditions = record_conditions(session, filters, Contact)
    if not conditions:
        return None
    return set(session.scalars(select(Contact.id).where(*conditions)))
