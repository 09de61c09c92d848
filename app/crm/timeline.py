"""One timeline per customer: emails, notes, calls, meetings and tasks, newest first.

Read a page at a time (``before`` is the cursor the previous page ended with), each source
from its own (record, date) index, so a contact with thousands of messages opens as fast as
one with ten.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.store.crm_models import Activity, MessageLink, Note, Task
from app.store.database import Store
from app.store.models import Folder, Message

PAGE = 50


@dataclass(frozen=True)
class Entry:
    kind: str  # email | note | call | meeting | task
    at: int
    key: int  # message or record id: with ``kind``, unique in a timeline
    title: str
    detail: str  # sender and folder, a note's text, a call's notes…
    uuid: str | None = None  # records
    message_id: str | None = None  # emails: the RFC Message-ID
    auto_kind: str = ""

    @property
    def cursor(self) -> tuple[int, str, int]:
        return (self.at, self.kind, self.key)


def _older(entries: list[Entry], before: tuple[int, str, int] | None) -> list[Entry]:
    return entries if before is None else [e for e in entries if e.cursor < before]


def timeline(store: Store, *, contact_id: int | None = None, company_id: int | None = None,
             deal_id: int | None = None, before: tuple[int, str, int] | None = None,
             limit: int = PAGE) -> list[Entry]:
    """The next ``limit`` entries older than ``before`` (the first page when None)."""
    column = {"contact_id": contact_id, "company_id": company_id, "deal_id": deal_id}
    name, value = next((k, v) for k, v in column.items() if v is not None)
    at_most = before[0] if before else 2**62
    entries: list[Entry] = []
    with store.read() as session:
        links = session.execute(
            select(Message.id, Message.date, Message.subject, Message.from_name, Message.from_addr,
                   Folder.name, Message.message_id, Message.auto_kind)
            .select_from(MessageLink).join(Message, Message.id == MessageLink.message_id)
            .join(Folder, Folder.id == Message.folder_id)
            .where(getattr(MessageLink, name) == value, MessageLink.date <= at_most, Message.moving.is_(False))
            .order_by(MessageLink.date.desc()).limit(limit * 2))
        seen: set[int] = set()
        for row in links:
            if row.id not in seen:
                seen.add(row.id)
                entries.append(Entry("email", row.date, row.id, row.subject,
                                     f"{row.from_name or row.from_addr} · {row[5]}",
                                     message_id=row.message_id, auto_kind=row.auto_kind or ""))
        for note in session.scalars(select(Note).where(getattr(Note, name) == value, Note.deleted_at.is_(None),
                                                       Note.created_at <= at_most)
                                    .order_by(Note.created_at.desc()).limit(limit)):
            entries.append(Entry("note", note.created_at, note.id, note.body.split("\n", 1)[0][:120], note.body,
                                 uuid=note.uuid))
        for activity in session.scalars(select(Activity).where(
                getattr(Activity, name) == value, Activity.deleted_at.is_(None), Activity.happened_at <= at_most)
                .order_by(Activity.happened_at.desc()).limit(limit)):
            entries.append(Entry(activity.kind, activity.happened_at, activity.id, activity.subject, activity.body,
                                 uuid=activity.uuid))
        for task in session.scalars(select(Task).where(getattr(Task, name) == value, Task.deleted_at.is_(None),
                                                       Task.created_at <= at_most)
                                    .order_by(Task.created_at.desc()).limit(limit)):
            moment = task.done_at or task.due_at or task.created_at
            entries.append(Entry("task", moment, task.id, task.title, "done" if task.done_at else "open",
                                 uuid=task.uuid))
    entries = _older(entries, before)
    entries.sort(key=lambda e: e.cursor, reverse=True)
    return entries[:limit]


def whole_timeline(store: Store, **target) -> list[Entry]:
    """Every entry (for exports and the CLI), read page by page."""
    result: list[Entry] = []
    before = None
    while True:
        page = timeline(store, before=before, limit=500, **target)
        if not page:
            return result
        result += page
        before = page[-1].cursor
