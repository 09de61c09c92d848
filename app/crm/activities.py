"""Notes, logged calls and meetings, and tasks on a contact, company or deal."""

from __future__ import annotations

import time

from sqlalchemy import select

from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, create, record_event, soft_delete
from app.crm.timeline import join_activity_body
from app.crm.validation import InvalidValue
from app.store.crm_models import Task
from app.store.database import Store
from app.store.writer import writes

NOTE, ACTIVITY, TASK = RECORD_TYPES["note"], RECORD_TYPES["activity"], RECORD_TYPES["task"]


def _targets(contact_id: int | None, company_id: int | None, deal_id: int | None) -> dict:
    if not (contact_id or company_id or deal_id):
        raise InvalidValue("a note, call, meeting or task belongs to a contact, a company or a deal")
    return {"contact_id": contact_id, "company_id": company_id, "deal_id": deal_id}


@writes
def add_note(store: Store, body: str, contact_id=None, company_id=None, deal_id=None, origin="local") -> str:
    if not body.strip():
        raise InvalidValue("the note is empty")
    with store.write() as session:
        return create(session, NOTE, {"body": body, **_targets(contact_id, company_id, deal_id)}, origin).uuid


@writes
def log_activity(store: Store, kind: str, subject: str, body: str = "", happened_at: int | None = None,
                 duration_minutes: int = 0, contact_id=None, company_id=None, deal_id=None,
                 origin="local", attendees: list[str] = ()) -> str:
    """A call or meeting that happened; a meeting lists who took part (``attendees``)."""
    if kind not in ("call", "meeting"):
        raise InvalidValue("'{kind}' is not a call or a meeting", kind=kind)
    if duration_minutes < 0:
        raise InvalidValue("a duration cannot be negative")
    with store.write() as session:
        return create(session, ACTIVITY, {
            "kind": kind, "subject": subject, "body": join_activity_body(list(attendees), body),
            "happened_at": happened_at or int(time.time()), "duration_minutes": duration_minutes,
            **_targets(contact_id, company_id, deal_id)}, origin).uuid


@writes
def add_task(store: Store, title: str, due_at: int | None = None, remind_at: int | None = None,
             contact_id=None, company_id=None, deal_id=None, kind: str = "task", origin="local") -> str:
    if not title.strip():
        raise InvalidValue("a task needs a title")
    with store.write() as session:
        return create(session, TASK, {
            "title": title, "due_at": due_at, "remind_at": remind_at if remind_at is not None else due_at,
            "kind": kind, **_targets(contact_id, company_id, deal_id)}, origin).uuid


@writes
def complete_task(store: Store, task_uuid: str, done: bool = True, origin: str = "local") -> None:
    with store.write() as session:
        task = by_uuid(session, TASK, task_uuid)
        apply_changes(session, TASK, task, {"done_at": int(time.time()) if done else None}, origin,
                      cleared={"done_at"})


@writes
def tasks_to_notify(store: Store, at: int | None = None) -> list[tuple[str, str, int]]:
    """(uuid, title, due) of open tasks whose reminder time has come and that were not notified.

    Marks them notified in the same transaction, so each reminder is shown once even if the
    app restarts.
    """
    moment = at if at is not None else int(time.time())
    with store.write() as session:
        due = list(session.scalars(select(Task).where(
            Task.done_at.is_(None), Task.deleted_at.is_(None), Task.notified_at.is_(None),
            Task.remind_at.is_not(None), Task.remind_at <= moment)))
        for task in due:
            task.notified_at = moment
        return [(t.uuid, t.title, t.due_at or t.remind_at) for t in due]


ENTRY_TYPES = {"note": NOTE, "activity": ACTIVITY, "call": ACTIVITY, "meeting": ACTIVITY, "task": TASK}


@writes
def delete_entry(store: Store, kind: str, record_uuid: str, origin: str = "local") -> None:
    """Delete a note, call, meeting or task (a tombstone: :func:`restore_entry` brings it back)."""
    record_type = ENTRY_TYPES[kind]
    with store.write() as session:
        soft_delete(session, record_type, by_uuid(session, record_type, record_uuid), origin)


@writes
def restore_entry(store: Store, kind: str, record_uuid: str, origin: str = "local") -> None:
    """Undo :func:`delete_entry`."""
    record_type = ENTRY_TYPES[kind]
    with store.write() as session:
        record = by_uuid(session, record_type, record_uuid)
        if record.deleted_at is not None:
            record.deleted_at = None
            record_event(session, record_type, record, "restored", None, origin)
