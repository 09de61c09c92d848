"""Data-subject requests: one customer's complete data exported, or erased (GDPR/PIPL).

The export is a directory with ``customer.json`` (the record, company, deals, tasks, notes,
calls, meetings, the whole timeline and the record's version history) and every linked
message as an ``.eml`` file, byte for byte.

Erasing removes the contact, its addresses, phones, notes, calls, meetings, tasks, links,
manual link decisions, follow-ups to it and its version history.  A single tombstone
(record type and uuid, no personal data) remains so the team sync can erase it elsewhere.
Mail stays in the mailbox: it belongs to the mail account and is deleted there.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select

from app.crm.customer_view import customer_json
from app.crm.customers import require_contact
from app.crm.history import versions
from app.crm.records import RECORD_TYPES, new_uuid, now
from app.mail.reading.attachment_files import unused_path, write_new_file
from app.mail.reading.attachment_names import safe_filename
from app.settings.guards import require_export_allowed
from app.store.crm_models import (
    Activity,
    Change,
    Contact,
    FollowUp,
    LinkOverride,
    MessageLink,
    Note,
    Task,
)
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.writer import writes

CONTACT = RECORD_TYPES["contact"]


def export_customer(store: Store, email: str, directory: Path) -> Path:
    """Write the export under ``directory``; returns the folder created.  Refused when exports
    are off on this computer (IT's policy): a person's data is exported by someone allowed to."""
    require_export_allowed()
    data = customer_json(store, email)
    with store.read() as session:
        contact = require_contact(session, email)
        data["history"] = [v.as_json() for v in versions(session, CONTACT, contact)]
        contact_id = contact.id
        message_pks = list(session.scalars(select(MessageLink.message_id).where(MessageLink.contact_id == contact_id)
                                           .order_by(MessageLink.date)))
        notes = [{"uuid": n.uuid, "body": n.body} for n in session.scalars(select(Note).where(
            Note.contact_id == contact_id, Note.deleted_at.is_(None)))]
        activities = [{"uuid": a.uuid, "kind": a.kind, "subject": a.subject, "body": a.body}
                      for a in session.scalars(select(Activity).where(Activity.contact_id == contact_id,
                                                                      Activity.deleted_at.is_(None)))]
    data["notes"], data["calls_and_meetings"] = notes, activities
    target = unused_path(directory, safe_filename(f"customer-{data['contact']['name'] or email}"))
    (target / "messages").mkdir(parents=True)
    write_new_file(target / "customer.json", json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    for number, pk in enumerate(dict.fromkeys(message_pks), start=1):
        raw = raw_message(store, pk)
        if raw is not None:
            write_new_file(target / "messages" / f"{number:05d}.eml", raw)
    return target


@writes
def erase_customer(store: Store, email: str) -> str:
    """Erase the contact with ``email`` and everything that is only about them; returns its uuid.

    SQLite's secure_delete overwrites the freed pages, and the WAL is checkpointed and
    truncated afterwards, so the erased text does not linger in the database files.
    """
    with store.write() as session:
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        contact = require_contact(session, email)
        uuid, contact_id = contact.uuid, contact.id
        merged = [c.uuid for c in session.scalars(select(Contact).where(Contact.merged_into_id == contact_id))]
        # Notes, calls and tasks only about this person go; those also on a company or deal stay
        # there (the contact reference is cleared by the foreign key).
        for model, kind in ((Note, "note"), (Activity, "activity"), (Task, "task")):
            only_theirs = (model.contact_id == contact_id, model.company_id.is_(None), model.deal_id.is_(None))
            uuids = list(session.scalars(select(model.uuid).where(*only_theirs)))
            session.execute(delete(Change).where(Change.record_type == kind, Change.record_uuid.in_(uuids)))
            session.execute(delete(model).where(*only_theirs))
        session.execute(delete(LinkOverride).where(LinkOverride.record_type == "contact",
                                                   LinkOverride.record_uuid.in_([uuid, *merged])))
        session.execute(delete(Change).where(Change.record_type == "contact",
                                             Change.record_uuid.in_([uuid, *merged])))
        emails = _emails(session, contact_id)
        for follow in session.scalars(select(FollowUp)):
            if set(json.loads(follow.participants)) & set(emails):
                session.delete(follow)
        session.execute(delete(Contact).where(Contact.merged_into_id == contact_id))
        session.execute(delete(Contact).where(Contact.id == contact_id))  # cascades addresses, phones, links
        session.add(Change(op_uuid=new_uuid(), batch_uuid=new_uuid(), record_type="contact", record_uuid=uuid,
                           field="*", old=None, new=json.dumps("erased"), at=now(), origin="erase"))
    with store.write() as session:
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return uuid


def _emails(session, contact_id: int) -> list[str]:
    from app.store.crm_models import ContactEmail

    return list(session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == contact_id)))
