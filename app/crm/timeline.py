"""One timeline per customer: emails, notes, calls, meetings and tasks, newest first.

Read a page at a time (``before`` is the cursor the previous page ended with), each source
from its own (record, date) index, so a contact with thousands of messages opens as fast as
one with ten.  A company's timeline is everything about it: the mail linked to it (its
domains, and its people writing from anywhere) and the notes, calls, meetings and tasks of
the company and of its people.  A message stored twice (a copy in another folder, your own
mail in Sent and in the Inbox) is one entry; so is one that colleagues shared with the team
(the shared timeline) and that you received too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import or_, select

from app.crm.teammates import own_addresses
from app.store.correspondence import mail_with_person
from app.store.crm_models import Activity, Company, Contact, Deal, MessageLink, Note, Task
from app.store.database import Store
from app.store.models import Folder, Message
from app.store.team_models import TeamTimelineEntry

PAGE = 50
ATTENDEES_PREFIX = "attendees: "  # the first line of a meeting's body lists who took part


@dataclass(frozen=True)
class Entry:
    kind: str  # email | team_email (a colleague's, metadata only) | note | call | meeting | task
    at: int
    key: int  # message or record id: with ``kind``, unique in a timeline
    title: str
    detail: str  # sender and folder, a note's text, a call's notes…
    uuid: str | None = None  # records
    message_id: str | None = None  # emails: the RFC Message-ID
    auto_kind: str = ""
    outgoing: bool = False  # emails you sent
    who: str = ""  # emails: the sender (incoming) or the recipients (outgoing)
    folder: str = ""  # emails: the folder it is in
    duration_minutes: int = 0  # calls and meetings
    attendees: tuple[str, ...] = ()  # meetings
    done: bool = False  # tasks
    due_at: int | None = None  # tasks
    thread_id: int | None = None  # emails: the conversation (views show a conversation once)
    shared_by: str = ""  # team_email: the colleague who shared it (``detail`` is its first words)
    body: str = ""  # team_email: its text, where the colleague's team shares bodies

    @property
    def cursor(self) -> tuple[int, str, int]:
        return (self.at, self.kind, self.key)


def split_activity_body(body: str) -> tuple[list[str], str]:
    """(attendees, notes) of a call's or meeting's body."""
    first, _, rest = (body or "").partition("\n")
    if first.startswith(ATTENDEES_PREFIX):
        names = [n.strip() for n in first[len(ATTENDEES_PREFIX):].split(";") if n.strip()]
        return names, rest.lstrip("\n")
    return [], body or ""


def join_activity_body(attendees: list[str], notes: str) -> str:
    names = [n.strip().replace(";", ",") for n in attendees if n and n.strip()]
    if not names:
        return notes
    return f"{ATTENDEES_PREFIX}{'; '.join(names)}\n{notes}" if notes else f"{ATTENDEES_PREFIX}{'; '.join(names)}"


def _names(to_list: str) -> str:
    try:
        people = json.loads(to_list or "[]")
    except ValueError:
        return ""
    return ", ".join(name or addr for name, addr in people)


def _older(entries: list[Entry], before: tuple[int, str, int] | None) -> list[Entry]:
    return entries if before is None else [e for e in entries if e.cursor < before]


def _email(row, own: frozenset[str]) -> Entry:
    outgoing = (row.from_addr or "").lower() in own or row.folder_role in ("sent", "drafts")
    who = _names(row.to_list) if outgoing else (row.from_name or row.from_addr)
    return Entry("email", row.date, row.id, row.subject, f"{row.from_name or row.from_addr} · {row.folder}",
                 message_id=row.message_id, auto_kind=row.auto_kind or "", outgoing=outgoing, who=who,
                 folder=row.folder, thread_id=row.thread_id)


def timeline(store: Store, *, contact_id: int | None = None, company_id: int | None = None,
             deal_id: int | None = None, before: tuple[int, str, int] | None = None,
             limit: int = PAGE, own: frozenset[str] | None = None) -> list[Entry]:
    """The next ``limit`` entries older than ``before`` (the first page when None).

    ``own`` (your addresses, read when not given) tells your mail from theirs.
    """
    column = {"contact_id": contact_id, "company_id": company_id, "deal_id": deal_id}
    name, value = next((k, v) for k, v in column.items() if v is not None)
    at_most = before[0] if before else 2**62
    own = own if own is not None else own_addresses(store)
    entries: list[Entry] = []
    with store.read() as session:
        people = []
        if name == "company_id":  # the company's people: their notes, calls and tasks too
            people = list(session.scalars(select(Contact.id).where(Contact.company_id == value,
                                                                   Contact.deleted_at.is_(None))))

        def about(model):
            condition = getattr(model, name) == value
            return or_(condition, model.contact_id.in_(people)) if people else condition

        links = session.execute(
            select(Message.id, Message.date, Message.subject, Message.from_name, Message.from_addr,
                   Folder.name.label("folder"), Folder.role.label("folder_role"), Message.message_id,
                   Message.auto_kind, Message.to_list, Message.thread_id)
            .select_from(MessageLink).join(Message, Message.id == MessageLink.message_id)
            .join(Folder, Folder.id == Message.folder_id)
            .where(getattr(MessageLink, name) == value, MessageLink.date <= at_most, Message.moving.is_(False))
            .order_by(MessageLink.date.desc()).limit(limit * 2))
        seen: set[int] = set()
        keys: set[str] = set()
        for row in links:
            if row.id in seen or (row.message_id and row.message_id in keys):
                continue
            seen.add(row.id)
            if row.message_id:
                keys.add(row.message_id)
            entries.append(_email(row, own))
        entries += _team_mail(session, name, value, people, at_most, limit, keys, own)
        for note in session.scalars(select(Note).where(about(Note), Note.deleted_at.is_(None),
                                                       Note.created_at <= at_most)
                                    .order_by(Note.created_at.desc()).limit(limit)):
            entries.append(Entry("note", note.created_at, note.id, note.body.split("\n", 1)[0][:120], note.body,
                                 uuid=note.uuid))
        for activity in session.scalars(select(Activity).where(
                about(Activity), Activity.deleted_at.is_(None), Activity.happened_at <= at_most)
                .order_by(Activity.happened_at.desc()).limit(limit)):
            attendees, notes = split_activity_body(activity.body)
            entries.append(Entry(activity.kind, activity.happened_at, activity.id, activity.subject, notes,
                                 uuid=activity.uuid, duration_minutes=activity.duration_minutes or 0,
                                 attendees=tuple(attendees)))
        for task in session.scalars(select(Task).where(about(Task), Task.deleted_at.is_(None),
                                                       Task.created_at <= at_most)
                                    .order_by(Task.created_at.desc()).limit(limit)):
            moment = task.done_at or task.due_at or task.created_at
            entries.append(Entry("task", moment, task.id, task.title, "done" if task.done_at else "open",
                                 uuid=task.uuid, done=task.done_at is not None, due_at=task.due_at))
    entries = _older(entries, before)
    entries.sort(key=lambda e: e.cursor, reverse=True)
    return entries[:limit]


_TEAM_COLUMNS = {"contact_id": (Contact, TeamTimelineEntry.contact_uuid),
                 "company_id": (Company, TeamTimelineEntry.company_uuid),
                 "deal_id": (Deal, TeamTimelineEntry.deal_uuid)}


def _team_mail(session, name: str, value: int, people: list[int], at_most: int, limit: int,
               keys: set[str], own: frozenset[str]) -> list[Entry]:
    """Mail colleagues shared on this customer (:mod:`app.sync.shared_timeline`): one entry per
    Message-ID, none for a message this profile holds itself (``keys``, filled by the caller)."""
    model, column = _TEAM_COLUMNS[name]
    record_uuid = session.scalar(select(model.uuid).where(model.id == value))
    condition = column == record_uuid
    if people:
        condition = or_(condition, TeamTimelineEntry.contact_uuid.in_(
            select(Contact.uuid).where(Contact.id.in_(people))))
    found = []
    for row in session.scalars(select(TeamTimelineEntry).where(condition, TeamTimelineEntry.date <= at_most)
                               .order_by(TeamTimelineEntry.date.desc()).limit(limit * 2)):
        if row.message_key in keys:
            continue
        keys.add(row.message_key)
        found.append(_team_entry(row, own))
    return found


def _team_entry(row: TeamTimelineEntry, own: frozenset[str]) -> Entry:
    outgoing = row.from_addr.lower() in own or row.from_addr.lower() == row.owner_email.lower()
    people_text = ", ".join(a for a in json.loads(row.participants or "[]") if a != row.from_addr)
    return Entry("team_email", row.date, int(row.link_uuid.replace("-", "")[:12], 16), row.subject,
                 row.snippet, message_id=row.message_key, outgoing=outgoing,
                 who=people_text if outgoing else row.from_addr,
                 shared_by=row.owner_name or row.owner_email, body=row.body)


def shared_entry(store: Store, link_uuid: str) -> Entry | None:
    """One message a colleague shared, as its timeline entry (None once it was withdrawn)."""
    own = own_addresses(store)
    with store.read() as session:
        row = session.get(TeamTimelineEntry, link_uuid)
        return _team_entry(row, own) if row is not None else None


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


def mail_with(store: Store, address: str, limit: int = 200, leave_out: int | None = None,
              own: frozenset[str] | None = None, before: tuple[int, str, int] | None = None,
              seen_keys: set[str] | None = None) -> list[Entry]:
    """The newest mail exchanged with one address (someone who is not a contact), as entries.

    A page at a time like :func:`timeline`: ``before`` is the cursor of the last entry shown,
    ``seen_keys`` the Message-IDs shown so far (kept up to date here), so that a copy in
    another folder shows once.  ``leave_out`` (the message being read) and its copies are not
    listed."""
    own = own if own is not None else own_addresses(store)
    entries = []
    for exchange in mail_with_person(store, address, limit, before=before and (before[0], before[2]),
                                     leave_out=leave_out, seen_keys=seen_keys):
        outgoing = exchange.from_addr.lower() in own or exchange.folder_role in ("sent", "drafts")
        entries.append(Entry("email", exchange.date, exchange.message_id, exchange.subject,
                             f"{exchange.from_name or exchange.from_addr} · {exchange.folder}",
                             message_id=exchange.message_key, outgoing=outgoing,
                             who=_names(exchange.to_list) if outgoing else (exchange.from_name or exchange.from_addr),
                             folder=exchange.folder))
    return entries
