"""The audit log: who did what, from which device, when, to which record and field, old → new.

Append-only. This module only inserts and reads; the database refuses updates and deletes
(triggers made by the first migration). Every write path of the server calls ``audit()``
inside the same transaction as the change, so a change and its audit row commit together.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.database import now_ms
from server.db.models import AuditEntry, User
from server.policy.principal import Principal

ACTIONS = ("create", "update", "delete", "restore", "link", "share", "permission", "login",
           "login_failed", "revoke", "hand_over", "owner", "team", "user", "conflict", "rule",
           "rule_run", "pool", "pick_up")


def audit_values(principal: Principal, action: str, *, record_type=None, record_uuid=None,
                 field=None, old=None, new=None, detail=None, at=None) -> dict:
    """One audit row as column values (for bulk inserts of many rows at once)."""
    return dict(at=at or now_ms(), user_id=principal.user_id, user_email=principal.email,
                device_id=principal.device_id, address=principal.address, action=action,
                record_type=record_type, record_uuid=record_uuid, field=field, old=old,
                new=new, detail=detail)


def audit(session: Session, principal: Principal, action: str, **what) -> None:
    session.add(AuditEntry(**audit_values(principal, action, **what)))


def audit_rows(session: Session, *, record_uuid=None, user_email=None, since_ms=None,
               limit: int = 1000, before_id: int | None = None) -> list[AuditEntry]:
    """Newest first. Filters use the (record, id), (user, id) and (at) indexes, so a query
    stays fast with millions of rows."""
    query = select(AuditEntry)
    if record_uuid:
        query = query.where(AuditEntry.record_uuid == record_uuid)
    if user_email:
        user_id = session.scalar(select(User.id).where(User.email == user_email.lower()))
        query = query.where(AuditEntry.user_id == user_id) if user_id else query.where(
            AuditEntry.user_email == user_email.lower())
    if since_ms is not None:
        query = query.where(AuditEntry.at >= since_ms)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)))


def audit_json(entry: AuditEntry) -> dict:
    return {"id": entry.id,
            "at": datetime.fromtimestamp(entry.at / 1000, timezone.utc).isoformat(),
            "user": entry.user_email, "user_id": entry.user_id, "device_id": entry.device_id,
            "address": entry.address, "action": entry.action, "record_type": entry.record_type,
            "record": entry.record_uuid, "field": entry.field, "old": entry.old,
            "new": entry.new, "detail": entry.detail}
