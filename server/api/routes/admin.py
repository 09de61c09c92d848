"""The admin API: the same operations as ``python -m server admin``, for admins only."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy import select

from server.admin import ops
from server.api.deps import admin_principal, get_db, record_uuid
from server.api.errors import answers
from server.admin.views import device_json, user_json
from server.api.schemas import (AuditOut, DeviceOut, FieldRuleIn, FieldRuleOut, HandOverIn,
                                HandOverOut, MailBodiesIn, RecordOut, RoleIn, SharingIn, TeamIn,
                                TeamOut, UserIn, UserOut)
from server.audit import audit_json, audit_rows
from server.db.database import Database
from server.db.models import Device, Record, Team, User
from server.policy.principal import Principal
from server.records import editing
from server.records.views import RecordViews

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])
ADMIN = answers(400, 401, 403, 426)


def _bad(exc: Exception) -> HTTPException:
    return HTTPException(400, str(exc))


def _team_json(team: Team) -> dict:
    return {"id": team.id, "name": team.name, "sharing": team.sharing,
            "share_mail_bodies": team.share_mail_bodies}


@router.get("/teams", response_model=list[TeamOut], responses=ADMIN)
def list_teams(_: Principal = Depends(admin_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        return [_team_json(t) for t in session.scalars(select(Team).order_by(Team.name))]


@router.post("/teams", status_code=201, response_model=TeamOut, responses=ADMIN)
def create_team(body: TeamIn, actor: Principal = Depends(admin_principal),
                db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            return _team_json(ops.create_team(tx, actor, body.name, body.sharing))
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.put("/teams/{team}/sharing", response_model=TeamOut, responses=ADMIN)
def set_team_sharing(team: str, body: SharingIn, actor: Principal = Depends(admin_principal),
                     db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            return _team_json(ops.set_team_sharing(tx, actor, team, body.sharing))
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.put("/teams/{team}/mail-bodies", response_model=TeamOut, responses=ADMIN)
def set_mail_bodies(team: str, body: MailBodiesIn, actor: Principal = Depends(admin_principal),
                    db: Database = Depends(get_db)):
    """Whether the team's members share the bodies of mail filed on customers (off by
    default: metadata and first words only)."""
    try:
        with db.write() as tx:
            return _team_json(ops.set_mail_bodies(tx, actor, team, body.share))
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.get("/users", response_model=list[UserOut], responses=ADMIN)
def list_users(_: Principal = Depends(admin_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        return [user_json(session, u) for u in session.scalars(select(User).order_by(User.email))]


@router.post("/users", status_code=201, response_model=UserOut, responses=ADMIN)
def create_user(body: UserIn, actor: Principal = Depends(admin_principal),
                db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            user = ops.create_user(tx, actor, body.email, body.team, body.role, body.password,
                                   body.name)
            tx.session.flush()
            return user_json(tx.session, user)
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.put("/users/{email}/role", response_model=UserOut, responses=ADMIN)
def set_role(email: str, body: RoleIn, actor: Principal = Depends(admin_principal),
             db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            user = ops.set_role(tx, actor, email, body.role, body.team, body.manages)
            tx.session.flush()
            return user_json(tx.session, user)
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.post("/users/{email}/revoke", response_model=UserOut, responses=ADMIN)
def revoke_user(email: str, actor: Principal = Depends(admin_principal),
                db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            return user_json(tx.session, ops.revoke_user(tx, actor, email))
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.get("/devices", response_model=list[DeviceOut], responses=ADMIN)
def list_devices(user: str | None = Query(default=None, max_length=320),
                 _: Principal = Depends(admin_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        query = select(Device, User.email).join(User, User.id == Device.user_id)
        if user:
            query = query.where(User.email == user.strip().lower())
        return [device_json(d, email)
                for d, email in session.execute(query.order_by(Device.created_at))]


@router.post("/devices/{device_id}/revoke", status_code=204, responses=ADMIN)
def revoke_device(device_id: str, actor: Principal = Depends(admin_principal),
                  db: Database = Depends(get_db)) -> Response:
    try:
        with db.write() as tx:
            ops.revoke_device(tx, actor, device_id)
    except ops.AdminError as exc:
        raise _bad(exc) from None
    return Response(status_code=204)


@router.post("/hand-over", response_model=HandOverOut, responses=ADMIN)
def hand_over(body: HandOverIn, actor: Principal = Depends(admin_principal),
              db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            return {"records": ops.hand_over(tx, actor, body.from_email, body.to_email)}
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.get("/field-rules", response_model=list[FieldRuleOut], responses=ADMIN)
def list_field_rules(_: Principal = Depends(admin_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        return ops.field_rules(session)


@router.put("/field-rules", response_model=list[FieldRuleOut], responses=ADMIN)
def set_field_rule(body: FieldRuleIn, actor: Principal = Depends(admin_principal),
                   db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            ops.set_field_rule(tx, actor, body.role, body.record_type, body.field, body.rule,
                               body.scope)
            tx.session.flush()
            return ops.field_rules(tx)
    except ops.AdminError as exc:
        raise _bad(exc) from None


@router.post("/records/{uuid}/restore", response_model=RecordOut,
             responses=answers(400, 401, 403, 404, 426))
def restore_record(uuid: str, actor: Principal = Depends(admin_principal),
                   db: Database = Depends(get_db)):
    """Undo a delete."""
    uuid = record_uuid(uuid)
    with db.write() as tx:
        record = tx.session.get(Record, uuid)
        if record is None:
            raise HTTPException(404, "no such record")
        if record.deleted_at is not None:
            editing.restore(tx, actor, record)
        tx.session.flush()
        return RecordViews(tx.session, actor).record_json(record)


@router.get("/audit", response_model=list[AuditOut], responses=ADMIN)
def read_audit(record: str | None = Query(default=None, max_length=64),
               user: str | None = Query(default=None, max_length=320),
               since: datetime | None = None,
               before_id: int | None = Query(default=None, ge=0, le=2**62),
               limit: int = Query(default=100, ge=1, le=1000),
               _: Principal = Depends(admin_principal), db: Database = Depends(get_db)):
    """Newest first; page backwards with ``before_id``."""
    since_ms = None
    if since is not None:
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        since_ms = int(since.timestamp() * 1000)
    with db.read() as session:
        return [audit_json(e) for e in audit_rows(session, record_uuid=record, user_email=user,
                                                  since_ms=since_ms, limit=limit,
                                                  before_id=before_id)]
