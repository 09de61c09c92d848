"""Records over REST: list and search, read, create, edit, delete, share, history, duplicate
check, conflicts. Every answer goes through the policy: what you may not see is 404."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy import or_, select

from server.api.deps import current_principal, get_db, record_uuid
from server.api.errors import AUTHED, answers
from server.api.schemas import (ConflictOut, DuplicatesOut, EditResult, HistoryEntry, OwnerIn,
                                RecordCreate, RecordOut, RecordPage, RecordPatch, RecordType,
                                ShareIn)
from server.db.database import Database
from server.db.models import Conflict, Device, Record, RecordHistory, RecordKey, Team, User
from server.policy.permissions import FieldRules, visible_clause, visible_records
from server.policy.principal import Principal
from server.records import editing
from server.records.keys import phone_key
from server.records.views import RecordViews, iso
from server.sync.pull import conflict_json

router = APIRouter(prefix="/api/v1", tags=["records"])

# Which lookup keys come from which fields: a key whose field is hidden from someone is not
# searched for them, or a match would reveal the hidden value.
_KEY_FIELDS = {"email": [("contact", "emails")], "phone": [("contact", "phones")],
               "domain": [("company", "domains"), ("contact", "emails")],
               "name": [("company", "name"), ("contact", "name"), ("contact", "first_name"),
                        ("contact", "last_name"), ("deal", "title")]}


def _visible(session, principal: Principal, uuid: str) -> Record:
    record = session.scalar(visible_records(principal).where(Record.uuid == uuid))
    if record is None:
        raise HTTPException(404, "no such record")
    return record


def _refused(exc: editing.EditRefused):
    return HTTPException(exc.status, exc.message)


def _results(outcomes) -> list[dict]:
    return [o.as_json(m.id, None) for m, o in outcomes]


@router.get("/records", response_model=RecordPage, responses=AUTHED)
def list_records(type: RecordType | None = None,
                 q: str | None = Query(default=None, max_length=200,
                                       description="name, email, phone or domain contains"),
                 include_deleted: bool = False,
                 limit: int = Query(default=100, ge=1, le=500),
                 offset: int = Query(default=0, ge=0, le=10**9),
                 principal: Principal = Depends(current_principal),
                 db: Database = Depends(get_db)):
    with db.read() as session:
        rules = FieldRules.load(session, principal)
        query = visible_records(principal)
        if type:
            query = query.where(Record.type == type)
        if not include_deleted:
            query = query.where(Record.deleted_at.is_(None))
        if q and q.strip():
            needle = q.strip().lower()
            kinds = [k for k, sources in _KEY_FIELDS.items()
                     if not any(rules.hides_any(t, f) for t, f in sources)]
            digits = phone_key(needle)
            matches = [RecordKey.value.contains(needle, autoescape=True)]
            if digits and len(digits) >= 3:
                matches.append((RecordKey.kind == "phone")
                               & RecordKey.value.contains(digits, autoescape=True))
            query = query.where(Record.uuid.in_(select(RecordKey.record_uuid).where(
                RecordKey.kind.in_(kinds), or_(*matches))))
        rows = session.scalars(query.order_by(Record.updated_at.desc(), Record.uuid)
                               .offset(offset).limit(limit + 1)).all()
        views = RecordViews(session, principal, rules)
        return {"records": [views.record_json(r) for r in rows[:limit]],
                "next_offset": offset + limit if len(rows) > limit else None}


@router.get("/records/{uuid}", response_model=RecordOut, responses=answers(400, 401, 404, 426))
def read_record(uuid: str, principal: Principal = Depends(current_principal),
                db: Database = Depends(get_db)):
    with db.read() as session:
        return RecordViews(session, principal).record_json(
            _visible(session, principal, record_uuid(uuid)))


@router.post("/records", status_code=201, response_model=EditResult,
             responses=answers(400, 401, 403, 409, 422, 426))
def create_record(body: RecordCreate, principal: Principal = Depends(current_principal),
                  db: Database = Depends(get_db)):
    try:
        with db.write() as tx:
            uuid, outcomes = editing.create(tx, principal, body.type, body.uuid, body.fields)
            tx.session.flush()
            record = tx.session.get(Record, uuid)
            return {"record": RecordViews(tx.session, principal).record_json(record),
                    "results": _results(outcomes)}
    except editing.EditRefused as exc:
        raise _refused(exc) from None


@router.patch("/records/{uuid}", response_model=EditResult,
              responses=answers(400, 401, 403, 404, 409, 422, 426))
def edit_record(uuid: str, body: RecordPatch, principal: Principal = Depends(current_principal),
                db: Database = Depends(get_db)):
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            record = _visible(tx.session, principal, uuid)
            outcomes = editing.patch(tx, principal, record, body.fields, body.base_versions)
            tx.session.flush()
            return {"record": RecordViews(tx.session, principal).record_json(record),
                    "results": _results(outcomes)}
    except editing.EditRefused as exc:
        raise _refused(exc) from None


@router.delete("/records/{uuid}", status_code=204,
               responses=answers(400, 401, 403, 404, 409, 426))
def delete_record(uuid: str, principal: Principal = Depends(current_principal),
                  db: Database = Depends(get_db)) -> Response:
    """Leaves a tombstone: an admin can undo it (``POST /admin/records/{uuid}/restore``)."""
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            record = _visible(tx.session, principal, uuid)
            if record.deleted_at is None:
                editing.delete(tx, principal, record)
    except editing.EditRefused as exc:
        raise _refused(exc) from None
    return Response(status_code=204)


@router.post("/records/{uuid}/share", response_model=RecordOut,
             responses=answers(400, 401, 403, 404, 426))
def share_record(uuid: str, body: ShareIn, principal: Principal = Depends(current_principal),
                 db: Database = Depends(get_db)):
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            record = _visible(tx.session, principal, uuid)
            editing.share(tx, principal, record, body.sharing)
            tx.session.flush()
            return RecordViews(tx.session, principal).record_json(record)
    except editing.EditRefused as exc:
        raise _refused(exc) from None


@router.post("/records/{uuid}/owner", status_code=204, responses=answers(400, 401, 403, 404, 426))
def give_record(uuid: str, body: OwnerIn, principal: Principal = Depends(current_principal),
                db: Database = Depends(get_db)):
    """Give the record to another person and their team (the owner, their manager or an
    admin). No body: the giver may no longer see it; their next pull says so."""
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            editing.change_owner(tx, principal, _visible(tx.session, principal, uuid), body.email)
    except editing.EditRefused as exc:
        raise _refused(exc) from None
    return Response(status_code=204)


@router.post("/records/{uuid}/pool", status_code=204, responses=answers(400, 401, 403, 404, 409, 426))
def pool_record(uuid: str, principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    """Return the record to its team's public pool (公海): its owner, their manager or an admin.
    Every member of the team then sees it, whatever its sharing, and may pick it up."""
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            editing.return_to_pool(tx, principal, _visible(tx.session, principal, uuid))
    except editing.EditRefused as exc:
        raise _refused(exc) from None
    return Response(status_code=204)


@router.post("/records/{uuid}/pick-up", response_model=RecordOut,
             responses=answers(400, 401, 403, 404, 409, 426))
def pick_up_record(uuid: str, principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    """Take a record from the team's pool as your own: the first colleague to ask gets it, the
    next is answered 409."""
    uuid = record_uuid(uuid)
    try:
        with db.write() as tx:
            record = _visible(tx.session, principal, uuid)
            editing.pick_up(tx, principal, record)
            tx.session.flush()
            return RecordViews(tx.session, principal).record_json(tx.session.get(Record, uuid))
    except editing.EditRefused as exc:
        raise _refused(exc) from None


@router.get("/records/{uuid}/history", response_model=list[HistoryEntry],
            responses=answers(400, 401, 404, 426))
def record_history(uuid: str, principal: Principal = Depends(current_principal),
                   db: Database = Depends(get_db)):
    """Every version of every field from every device, including values that lost a
    collision; fields hidden from you are left out."""
    with db.read() as session:
        record = _visible(session, principal, record_uuid(uuid))
        hidden = RecordViews(session, principal).hidden(record)
        rows = session.execute(
            select(RecordHistory, User.email, Device.name).outerjoin(User, User.id == RecordHistory.user_id)
            .outerjoin(Device, Device.id == RecordHistory.device_id)
            .where(RecordHistory.record_uuid == record.uuid)
            .order_by(RecordHistory.id)).all()
        return [{"revision": h.revision, "field": h.field, "op": h.op, "old": h.old,
                 "new": h.new, "hlc": h.hlc, "user": email or "", "device_id": h.device_id,
                 "device_name": device or "", "at": iso(h.at), "outcome": h.outcome}
                for h, email, device in rows if h.field not in hidden]


@router.get("/duplicates", response_model=DuplicatesOut, responses=AUTHED)
def duplicates(email: str | None = Query(default=None, max_length=320),
               phone: str | None = Query(default=None, max_length=100),
               domain: str | None = Query(default=None, max_length=255),
               name: str | None = Query(default=None, max_length=200),
               principal: Principal = Depends(current_principal),
               db: Database = Depends(get_db)):
    """查重 across the whole company: says that a customer exists and whose it is, without
    any field of a record you may not see."""
    wanted = [(k, v) for k, v in (("email", (email or "").strip().lower()),
                                  ("phone", phone_key(phone or "")),
                                  ("domain", (domain or "").strip().lower()),
                                  ("name", (name or "").strip().lower())) if v]
    if not wanted:
        return {"matches": []}
    matching = or_(*[(RecordKey.kind == k) & (RecordKey.value == v) for k, v in wanted])
    with db.read() as session:
        visible = set(session.scalars(
            select(Record.uuid).join(Team, Team.id == Record.team_id)
            .join(RecordKey, RecordKey.record_uuid == Record.uuid)
            .where(visible_clause(principal), matching)))
        rows = session.execute(
            select(RecordKey.kind, Record, User.name, User.email, Team.name)
            .join(Record, Record.uuid == RecordKey.record_uuid)
            .join(User, User.id == Record.owner_id).join(Team, Team.id == Record.team_id)
            .where(matching, Record.deleted_at.is_(None))
            .order_by(Record.uuid).limit(50)).all()
        return {"matches": [
            {"record_type": r.type, "matched_on": kind, "owner": owner_name or owner_email,
             "team": team_name, "visible": r.uuid in visible,
             "uuid": r.uuid if r.uuid in visible else None}
            for kind, r, owner_name, owner_email, team_name in rows]}


@router.get("/conflicts", response_model=list[ConflictOut], responses=AUTHED)
def my_conflicts(limit: int = Query(default=100, ge=1, le=1000),
                 principal: Principal = Depends(current_principal),
                 db: Database = Depends(get_db)):
    """The latest collisions involving you, on records and fields you may still see."""
    with db.read() as session:
        views = RecordViews(session, principal)
        rows = session.execute(
            select(Conflict, Record).join(Record, Record.uuid == Conflict.record_uuid)
            .join(Team, Team.id == Record.team_id)
            .where(visible_clause(principal),
                   or_(Conflict.kept_user_id == principal.user_id,
                       Conflict.lost_user_id == principal.user_id))
            .order_by(Conflict.id.desc()).limit(limit)).all()
        emails = dict(session.execute(select(User.id, User.email)).all())
        return [conflict_json(c, emails) for c, r in rows if c.field not in views.hidden(r)]
