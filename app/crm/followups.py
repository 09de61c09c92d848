"""Follow-ups: "remind me if no reply in N days" on a message you sent.

A follow-up waits until a reply arrives or the time is up.  A reply is any message from one
of the sent message's recipients that refers to it (In-Reply-To or References) or, for
clients that drop those, has the same subject with a reply prefix and arrived after it.
Auto-replies (out of office) and bounces do not count.  When the time is up with no reply,
a task appears on the recipient's record (and the reminder fires with other due tasks).
"""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from app.crm.activities import add_task
from app.crm.customers import contact_by_email
from app.crm.records import new_uuid
from app.errors import UserFacingError, format_template
from app.mail.reading.conversations import base_subject
from app.settings.checks import QT_TRANSLATE_NOOP
from app.store.crm_models import FollowUp
from app.store.database import Store
from app.store.models import Message
from app.store.writer import writes

# The title of the task a follow-up becomes.  Stored as written here (the task is made in the
# background, by a sync as well as by the window); the window shows it in the user's
# language (app.ui.record_parts.task_title).
FOLLOW_UP_TITLE = QT_TRANSLATE_NOOP("FollowUps", "No reply yet: {subject}")

DAY = 86400


@writes
def remind_if_no_reply(store: Store, message_pk: int, days: int, now: int | None = None) -> str:
    """Start waiting for a reply to this (sent) message; returns the follow-up's uuid."""
    if days < 1:
        raise UserFacingError("The number of days must be at least 1.")
    moment = now if now is not None else int(time.time())
    with store.write() as session:
        message = session.get(Message, message_pk)
        if message is None or not message.message_id:
            raise UserFacingError("This message has no Message-ID, so a reply to it cannot be recognised.")
        participants = sorted({addr for _name, addr in json.loads(message.to_list) + json.loads(message.cc_list)})
        follow = FollowUp(uuid=new_uuid(), message_key=message.message_id, subject=message.subject,
                          participants=json.dumps(participants), sent_at=message.date,
                          due_at=moment + days * DAY, created_at=moment)
        session.add(follow)
        return follow.uuid


def _replied(session, follow: FollowUp) -> bool:
    participants = json.loads(follow.participants)
    if not participants:
        return False
    base, _ = base_subject(follow.subject)
    candidates = session.execute(select(Message.in_reply_to, Message.references, Message.subject).where(
        Message.from_addr.in_(participants), Message.date >= follow.sent_at,
        (Message.auto_kind.is_(None)) | (Message.auto_kind == ""))).all()
    for in_reply_to, references, subject in candidates:
        if follow.message_key == in_reply_to or follow.message_key in (references or "").split():
            return True
        reply_base, is_reply = base_subject(subject)
        if is_reply and base and reply_base == base:
            return True
    return False


def check_followups(store: Store, now: int | None = None) -> list[str]:
    """Settle waiting follow-ups: replied ones are cancelled, overdue ones become tasks.

    Returns the uuids of the tasks created.
    """
    moment = now if now is not None else int(time.time())
    created = []
    with store.read() as session:
        waiting = list(session.scalars(select(FollowUp).where(FollowUp.state == "waiting")))
        outcomes = [(f.id, _replied(session, f), f) for f in waiting]
    for follow_id, replied, follow in outcomes:
        if replied:
            _set_state(store, follow_id, "replied")
        elif moment >= follow.due_at:
            contact_id = None
            with store.read() as session:
                for address in json.loads(follow.participants):
                    contact = contact_by_email(session, address)
                    if contact is not None:
                        contact_id = contact.id
                        break
            title = format_template(FOLLOW_UP_TITLE, {"subject": follow.subject})
            if contact_id is None:
                task_uuid = _task_without_record(store, title, moment)
            else:
                task_uuid = add_task(store, title, due_at=moment, contact_id=contact_id, kind="follow_up")
            _set_state(store, follow_id, "due", task_uuid)
            created.append(task_uuid)
    return created


@writes
def _task_without_record(store: Store, title: str, moment: int) -> str:
    from app.crm.records import RECORD_TYPES, create

    with store.write() as session:
        return create(session, RECORD_TYPES["task"], {"title": title, "due_at": moment, "remind_at": moment,
                                                      "kind": "follow_up"}).uuid


@writes
def _set_state(store: Store, follow_id: int, state: str, task_uuid: str | None = None) -> None:
    from app.store.crm_models import Task

    with store.write() as session:
        follow = session.get(FollowUp, follow_id)
        follow.state = state
        if task_uuid:
            follow.task_id = session.scalar(select(Task.id).where(Task.uuid == task_uuid))


@writes
def cancel_followup(store: Store, follow_uuid: str) -> None:
    with store.write() as session:
        follow = session.scalar(select(FollowUp).where(FollowUp.uuid == follow_uuid))
        if follow is not None and follow.state == "waiting":
            follow.state = "cancelled"
