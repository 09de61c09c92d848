"""Imported mail into Local Folders (:mod:`app.store.local_folders`), through the sync's writer.

Each batch is written as the sync writes a fetched batch (:mod:`app.mail.imap.message_writer`:
envelope, raw bytes, addresses, attachments, and the search queue's trigger), in one
transaction on the writer thread.  Inside that transaction the Message-IDs are checked once
more and the UIDs handed out, so two imports into the same folder can neither collide nor
store a message twice.  Rows and compression are prepared on the importing thread first.
"""

from __future__ import annotations

import zlib
from concurrent.futures import Future

from sqlalchemy import bindparam, select, text

from app.mail.imap.fetched import FetchedMessage
from app.mail.imap.folder_roles import folder_role
from app.mail.imap.message_writer import insert_prepared, prepare_rows
from app.mail.importing.importer import Candidate, digest_of
from app.store.database import Store
from app.store.local_folders import LOCAL_DELIMITER, ensure_local_account, ensure_local_folder, next_uid
from app.store.models import Account, Message, MessageBody
from app.store.writer import writes

_PLACEHOLDER_UID = 0  # replaced by the folder's next UID inside the writer's transaction
_ID_CHUNK = 900  # SQLite's bound-parameter limit


class LocalDestination:
    """Local Folders of this profile (the pseudo-account is made on first use)."""

    def __init__(self, store: Store):
        self.store = store
        self._account: Account | None = None

    @property
    def account(self) -> Account:
        if self._account is None:
            self._account = ensure_local_account(self.store)
        return self._account

    def folder(self, name: str) -> "LocalFolder":
        # Inbox, Sent, Trash… at the top get their role (the CLI's default folder, in:sent).
        role = folder_role(name, set(), LOCAL_DELIMITER) if LOCAL_DELIMITER not in name else None
        folder = ensure_local_folder(self.store, self.account.id, name, role)
        return LocalFolder(self.store, folder.id, folder.name)


class LocalFolder:
    def __init__(self, store: Store, folder_id: int, name: str):
        self._db, self.folder_id, self.name = store, folder_id, name
        self._digests = _stored_digests(store, folder_id)

    def duplicates(self, batch: list[Candidate]) -> set[int]:
        ids = [c.message_id for c in batch if c.message_id]
        stored = _stored_message_ids(self._db, self.folder_id, ids)
        return {i for i, c in enumerate(batch)
                if ((c.message_id in stored) if c.message_id else (c.digest in self._digests))}

    def store(self, batch: list[Candidate]) -> "Future[int]":
        """Hand the batch to the writer thread and return at once: the importer parses the
        next batch while SQLite writes this one (its future says how many were stored)."""
        fetched = [FetchedMessage(uid=_PLACEHOLDER_UID, raw=c.raw, flags=set(c.flags), internal_date=c.received,
                                  size=len(c.raw), modseq=None, envelope=c.envelope) for c in batch]
        rows, encoded = prepare_rows(self.folder_id, fetched)
        self._digests.update(c.digest for c in batch if c.digest is not None)
        return self._db.writer.submit(_store_batch.__wrapped__, self._db, self.folder_id, fetched, rows, encoded)


@writes
def _store_batch(store: Store, folder_id: int, messages: list[FetchedMessage], rows: list[tuple],
                 encoded: list[tuple[str, bytes]]) -> int:
    with store.write() as session:
        ids = [m.envelope.message_id for m in messages if m.envelope.message_id]
        present = _present_ids(session, folder_id, ids)
        keep = [i for i, m in enumerate(messages) if not (m.envelope.message_id and m.envelope.message_id in present)]
        uid = next_uid(session, folder_id)
        numbered = []
        for offset, index in enumerate(keep):
            messages[index].uid = uid + offset
            numbered.append((rows[index][0], uid + offset, *rows[index][2:]))
        return len(insert_prepared(session, [messages[i] for i in keep], numbered, [encoded[i] for i in keep]))


# "+folder_id" keeps SQLite on the Message-ID index: left to itself it walks the folder's list
# index, a scan of the whole folder per batch (an import of 100,000 slowed to half speed).
_PRESENT = text("SELECT message_id FROM mail_messages WHERE +folder_id = :folder AND message_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True))


def _present_ids(session, folder_id: int, ids: list[str]) -> set[str]:
    present: set[str] = set()
    for start in range(0, len(ids), _ID_CHUNK):
        present.update(session.scalars(_PRESENT, {"folder": folder_id, "ids": ids[start:start + _ID_CHUNK]}))
    return present


def _stored_message_ids(store: Store, folder_id: int, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    with store.read() as session:
        return _present_ids(session, folder_id, ids)


def _stored_digests(store: Store, folder_id: int) -> set[bytes]:
    """Digests of the folder's messages without a Message-ID (few: read once per import)."""
    digests: set[bytes] = set()
    with store.read() as session:
        for compression, blob in session.execute(
                select(MessageBody.compression, MessageBody.raw).join(Message, Message.id == MessageBody.message_id)
                .where(Message.folder_id == folder_id, Message.message_id.is_(None))):
            digests.add(digest_of(zlib.decompress(blob) if compression == "zlib" else blob))
    return digests
