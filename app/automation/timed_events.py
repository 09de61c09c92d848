"""Events the clock makes, per rule: overdue tasks and cases, customers waiting for a reply,
customers nobody contacted for N days, and schedules.

Each is keyed so it happens once per occasion: a task is overdue once per due time (moving
the due date makes a new occasion), a message waits once, a customer's quiet stretch is keyed
by its last contact, a schedule by its slot.  Only occasions that fall after the rule was
enabled count (a new rule does not act on last year's overdue tasks).  The engine looks every
minute, not every few hours.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.automation.events import NOT_RECEIVED_ROLES, Event, _label
from app.automation.rule_format import WEEKDAYS, waiting_seconds
from app.crm.cases import OPEN_STATUSES
from app.store.automation_models import Case
from app.store.crm_models import Activity, Company, Contact, MessageLink, Task
from app.store.models import Account, Folder, Message

SINCE_GRACE = 300  # clocks differ: an occasion a few minutes before the rule was enabled still counts


def overdue_events(session: Session, when: dict, since: int, now: int) -> list[Event]:
    kind = when.get("record", "task")
    events = []
    if kind == "task":
        rows = session.scalars(select(Task).where(Task.done_at.is_(None), Task.deleted_at.is_(None),
                                                  Task.due_at < now, Task.due_at >= since - SINCE_GRACE))
    else:
        rows = session.scalars(select(Case).where(Case.status.in_(OPEN_STATUSES), Case.deleted_at.is_(None),
                                                  Case.due_at < now, Case.due_at >= since - SINCE_GRACE))
    for row in rows:
        subject = f"{kind}:{row.uuid}"
        events.append(Event("overdue", f"overdue:{subject}:{row.due_at}", subject, _label(kind, row), row.due_at,
                            record=(kind, row), params={"record": kind}))
    return events


def _own(session: Session) -> list[str]:
    return [addr.lower() for (addr,) in session.execute(select(Account.email))]


def waiting_messages(session: Session, wait: int, since: int, now: int, limit: int = 5000) -> list[Message]:
    """Mail from a customer (linked to a contact), older than ``wait``, that nobody answered:
    not flagged answered, and no later message of ours to the sender or in its thread."""
    own = _own(session)
    if not own:
        return []
    marks = ",".join("?" * len(own))
    roles = ",".join(f"'{role}'" for role in NOT_RECEIVED_ROLES)
    sql = (
        f"SELECT m.id FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id "
        f"WHERE coalesce(f.role, '') NOT IN ({roles}) AND m.answered = 0 AND m.deleted = 0 "
        f"AND coalesce(m.auto_kind, '') = '' AND lower(m.from_addr) NOT IN ({marks}) "
        f"AND coalesce(m.internal_date, m.date) <= ? AND coalesce(m.internal_date, m.date) + ? >= ? "
        f"AND EXISTS (SELECT 1 FROM crm_message_links l WHERE l.message_id = m.id AND l.contact_id IS NOT NULL) "
        f"AND NOT EXISTS (SELECT 1 FROM mail_addresses a JOIN mail_messages r ON r.id = a.message_id "
        f"  WHERE a.addr = lower(m.from_addr) AND a.role IN ('to', 'cc') AND a.date > m.date "
        f"  AND lower(r.from_addr) IN ({marks})) "
        f"AND NOT (m.thread_id IS NOT NULL AND EXISTS (SELECT 1 FROM mail_messages r2 WHERE r2.thread_id = m.thread_id "
        f"  AND r2.date > m.date AND lower(r2.from_addr) IN ({marks}))) "
        f"ORDER BY m.id LIMIT ?")
    params = (*own, now - wait, wait, since - SINCE_GRACE, *own, *own, limit)
    ids = [row[0] for row in session.connection().exec_driver_sql(sql, params)]
    return list(session.scalars(select(Message).where(Message.id.in_(ids)).order_by(Message.id))) if ids else []


def no_reply_events(session: Session, when: dict, since: int, now: int) -> list[Event]:
    wait = waiting_seconds(when)
    folders = {}
    events = []
    for message in waiting_messages(session, wait, since, now):
        folder = folders.get(message.folder_id) or session.get(Folder, message.folder_id)
        folders[message.folder_id] = folder
        key = message.message_id or f"pk:{message.id}"
        events.append(Event("no_reply", f"noreply:{key}", f"message:{key}", message.subject or "",
                            (message.internal_date or message.date) + wait, message=message, raw_source="mail",
                            params={"folder": (folder.name, folder.role or "")}))
    return events


def no_activity_events(session: Session, when: dict, since: int, now: int) -> list[Event]:
    """Customers whose last contact (mail, call, meeting, or their creation) is older than N days."""
    kind = when.get("record", "contact")
    days = int(when["days"]) * 86400
    column = "contact_id" if kind == "contact" else "company_id"
    model = Contact if kind == "contact" else Company
    last_mail = dict(session.execute(select(getattr(MessageLink, column), func.max(MessageLink.date))
                                     .where(getattr(MessageLink, column).is_not(None))
                                     .group_by(getattr(MessageLink, column))).all())
    last_call = dict(session.execute(select(getattr(Activity, column), func.max(Activity.happened_at))
                                     .where(getattr(Activity, column).is_not(None), Activity.deleted_at.is_(None))
                                     .group_by(getattr(Activity, column))).all())
    events = []
    query = select(model).where(model.deleted_at.is_(None))
    if kind == "contact":
        query = query.where(Contact.merged_into_id.is_(None))
    for row in session.scalars(query):
        last = max(last_mail.get(row.id) or 0, last_call.get(row.id) or 0, row.created_at)
        quiet_from = last + days
        if quiet_from > now or quiet_from < since - SINCE_GRACE:
            continue
        subject = f"{kind}:{row.uuid}"
        events.append(Event("no_activity", f"noactivity:{subject}:{last}", subject, _label(kind, row), quiet_from,
                            record=(kind, row), params={"record": kind}))
    return events


def schedule_slot(when: dict, now: int) -> int:
    """The latest time the schedule was due at or before ``now`` (local time)."""
    hour, minute = (int(part) for part in when["at"].split(":"))
    moment = dt.datetime.fromtimestamp(now).astimezone()
    slot = moment.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if when["every"] in ("week", "weekly"):
        slot -= dt.timedelta(days=(slot.weekday() - WEEKDAYS.index(str(when["day"]).lower())) % 7)
        if slot > moment:
            slot -= dt.timedelta(days=7)
    elif slot > moment:
        slot -= dt.timedelta(days=1)
    return int(slot.timestamp())


def schedule_events(session: Session, when: dict, since: int, now: int) -> list[Event]:
    slot = schedule_slot(when, now)
    if slot < since - SINCE_GRACE:
        return []
    label = dt.datetime.fromtimestamp(slot).astimezone().strftime("%Y-%m-%d %H:%M")
    return [Event("schedule", f"schedule:{slot}", "schedule", label, slot)]


TIMED = {"overdue": overdue_events, "no_reply": no_reply_events, "no_activity": no_activity_events,
         "schedule": schedule_events}

