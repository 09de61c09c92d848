"""Read queries over the mail cache used by the CLI and the UI (sorting happens in SQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from app.errors import UserFacingError
from app.store.flags import columns_to_flags
from app.store.database import Store
from app.store.models import Folder, Message


@dataclass
class MessageRow:
    id: int
    uid: int
    message_id: str | None
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    cc: list[tuple[str, str]]
    subject: str
    date: int
    flags: set[str]
    has_attachments: bool
    size: int

    @property
    def date_iso(self) -> str:
        return datetime.fromtimestamp(self.date, timezone.utc).isoformat()


def find_folder(store: Store, account_id: int, name: str | None) -> Folder:
    """A folder by name; without a name, the Inbox."""
    with store.read() as session:
        query = select(Folder).where(Folder.account_id == account_id)
        if name is None:
            folder = session.scalar(query.where(Folder.role == "inbox"))
        else:
            folder = session.scalar(query.where(Folder.name == name))
            if folder is None:
                folder = session.scalar(query.where(Folder.name.ilike(name)))
        names = None if folder else [f.name for f in session.scalars(query)]
    if folder is None:
        if not names:
            raise UserFacingError("No folders stored yet for this account: run 'liaison sync' first.")
        raise UserFacingError("No folder '{folder}' (folders: {items}).", folder=name or 'INBOX', items=list(sorted(names)))
    return folder


def folder_owners(store: Store, name: str) -> set[int]:
    """The accounts that have a folder called ``name`` (compared without case)."""
    with store.read() as session:
        return set(session.scalars(select(Folder.account_id).where(Folder.name.ilike(name))))


def folder_of_message(store: Store, message_pk: int) -> int | None:
    """The folder a stored message is in (None once it is gone)."""
    with store.read() as session:
        return session.scalar(select(Message.folder_id).where(Message.id == message_pk))


def _to_row(m: Message) -> MessageRow:
    return MessageRow(id=m.id, uid=m.uid, message_id=m.message_id, from_name=m.from_name,
                      from_addr=m.from_addr, to=[tuple(p) for p in json.loads(m.to_list)],
                      cc=[tuple(p) for p in json.loads(m.cc_list)], subject=m.subject, date=m.date,
                      flags=columns_to_flags(m), has_attachments=m.has_attachments, size=m.size)


# The message list's orders.  Date order is read straight from the covering index
# ix_mail_messages_folder_list; ties in the other orders fall back to newest first.
_LIST_ORDER = {
    "date": "date {dir}, uid {dir}",
    "from": "lower(coalesce(nullif(from_name, ''), from_addr)) {dir}, date DESC, uid DESC",
    "subject": "lower(subject) {dir}, date DESC, uid DESC",
}


def folder_message_ids(store: Store, folder_id: int, order: str = "date",
                       descending: bool = True) -> list[int]:
    """The ids of a folder's visible messages in display order.

    Runs on the raw DBAPI cursor: for 100,000 ids, building SQLAlchemy rows would cost
    more than the query itself.  ``order`` selects fixed SQL text; nothing user-given is
    interpolated.
    """
    sql = ("SELECT id FROM mail_messages WHERE folder_id = ? AND moving = 0 ORDER BY "
           + _LIST_ORDER[order].format(dir="DESC" if descending else "ASC"))
    with store.read() as session:
        cursor = session.connection().connection.cursor()
        try:
            return [row[0] for row in cursor.execute(sql, (folder_id,))]
        finally:
            cursor.close()


def latest_messages(store: Store, folder_id: int, limit: int) -> list[MessageRow]:
    with store.read() as session:
        rows = session.scalars(select(Message).where(Message.folder_id == folder_id,
                                                     Message.moving.is_(False))
                               .order_by(Message.date.desc(), Message.uid.desc()).limit(limit))
        return [_to_row(m) for m in rows]


def messages_by_uid(store: Store, folder_id: int, uids: list[int]) -> list[MessageRow]:
    with store.read() as session:
        rows = session.scalars(select(Message).where(Message.folder_id == folder_id,
                                                     Message.uid.in_(uids)))
        return [_to_row(m) for m in rows]


def message_by_id(store: Store, message_pk: int) -> MessageRow:
    with store.read() as session:
        message = session.get(Message, message_pk)
        if message is None:
            raise UserFacingError("That message is no longer stored (it was removed on the server).")
        return _to_row(message)
