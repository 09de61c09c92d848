"""The outbox: every sent message waits here until the SMTP server has it, and is never sent twice.

Sending is a state machine stored in ``mail_outbox`` and committed at each step:

1. ``queued`` — waiting (offline, or retrying after a temporary failure with backoff);
2. ``sending``, phase ``connect`` — connecting and naming the recipients; nothing of the
   message has been transmitted, so after a crash it simply goes back to ``queued``;
3. ``sending``, phase ``data`` — committed just before DATA.  After a crash here the server
   may or may not have accepted the message, so it is **not** re-sent blindly: the Sent
   folder is searched for its Message-ID; if found it is ``sent``, otherwise ``unconfirmed``
   and the user decides (``outbox resend``).  This is what makes "never twice" hold;
4. ``sent`` — then appended to the Sent folder (unless the provider files sent mail itself),
   after checking by Message-ID that it is not there already;
5. ``failed`` — the server refused it for good; the message is kept with the reason.

The reason (``last_error``) is stored as the error's code and parameters
(:meth:`app.errors.LiaisonError.to_json`), never as a sentence: it is made into words, in the
user's language, where it is shown (:func:`app.errors.describe`).

A temporary failure (network, a 4xx answer, a refused password) leaves it ``queued`` with
``next_attempt_at`` pushed back: 1, 2, 4… minutes, at most an hour.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid as uuid_module
from dataclasses import dataclass

from sqlalchemy import func, select

from app.errors import AuthError, LiaisonError, NetworkError, UserFacingError, describe, error_code
from app.mail.sending import smtp_send
from app.mail.imap.copies import delete_by_message_id
from app.mail.imap.read_only_look import examined
from app.mail.imap.session import Credential
from app.mail.sending.outgoing import BIG_ATTACHMENTS_BYTES, Outgoing, build_message
from app.store.database import Store
from app.store.models import Account, Folder, OutboxMessage
from app.store.writer import writes

log = logging.getLogger("liaison.outbox")

MAX_BACKOFF_SECONDS = 3600
# Providers that file a copy in Sent themselves when they relay a message (appending another
# copy would show it twice).
_filing_locks: dict[int, threading.Lock] = {}
_filing_locks_guard = threading.Lock()
SAVES_SENT_ITSELF = ("smtp.gmail.com", "smtp.office365.com", "smtp-mail.outlook.com", "smtp.mail.yahoo.com")

# The reason kept with a message whose send a crash interrupted inside DATA (step 3).
UNCONFIRMED = LiaisonError(
    "Liaison stopped while the server was receiving this message, and it is not in Sent: it may or may "
    "not have been delivered. Send it again only if the recipient did not get it.", code="outbox.unconfirmed")


@dataclass
class QueuedInfo:
    uuid: str
    message_id: str
    state: str
    subject: str
    recipients: list[str]
    attempts: int
    last_error: str | None  # as stored: an error's JSON (or a sentence from an older version)
    next_attempt_at: int
    created_at: int
    sent_at: int | None

    def error_text(self, translate=lambda text: text) -> str:
        """The reason in words (``translate``: the GUI's translator); empty when there is none."""
        return describe(self.last_error, translate)

    @property
    def error_code(self) -> str | None:
        return error_code(self.last_error)

    def as_json(self) -> dict:
        return {"id": self.uuid, "message_id": self.message_id, "state": self.state, "subject": self.subject,
                "recipients": self.recipients, "attempts": self.attempts, "error": self.error_text() or None,
                "error_code": self.error_code, "next_attempt_at": self.next_attempt_at or None,
                "created_at": self.created_at, "sent_at": self.sent_at}


def now() -> int:
    return int(time.time())


def enqueue(store: Store, account: Account, message: Outgoing, merge_batch: str | None = None,
            not_before: int = 0) -> OutboxMessage:
    """Build the message and put it in the outbox (it is the user's from this moment)."""
    return enqueue_many(store, account, [(message, not_before)], merge_batch)[0]


@writes
def enqueue_many(store: Store, account: Account, messages: list[tuple[Outgoing, int]],
                 merge_batch: str | None = None) -> list[OutboxMessage]:
    """Several messages, each with its earliest send time, in one transaction."""
    from email.utils import make_msgid

    rows = []
    for message, not_before in messages:
        if message.attachment_bytes > BIG_ATTACHMENTS_BYTES * 2:
            raise UserFacingError("The attachments are larger than {megabytes} MB; no mail server accepts that.",
                                  code="outbox.too_big", megabytes=BIG_ATTACHMENTS_BYTES * 2 // 2**20)
        message.message_id = message.message_id or make_msgid(domain=account.email.rpartition("@")[2])
        rows.append(OutboxMessage(
            uuid=str(uuid_module.uuid4()), account_id=account.id, message_id=message.message_id,
            subject=message.subject, recipients=json.dumps(message.recipients), raw=build_message(message),
            state="queued", attempts=0, next_attempt_at=not_before, created_at=now(), merge_batch=merge_batch))
    with store.write() as session:
        session.add_all(rows)
    return rows


@writes
def _set(store: Store, outbox_id: int, **values) -> None:
    with store.write() as session:
        row = session.get(OutboxMessage, outbox_id)
        for key, value in values.items():
            setattr(row, key, value)


def _backoff(attempts: int) -> int:
    return min(60 * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def due_messages(store: Store, account_id: int, at: int | None = None, force: bool = False) -> list[OutboxMessage]:
    """Queued messages whose time has come.  ``force`` (the user asked: Sync, Send Again) also
    takes those waiting out a retry backoff, but never one a mail merge spaced out on purpose
    (``attempts`` 0 with a future ``next_attempt_at``)."""
    moment = at if at is not None else now()
    due = OutboxMessage.next_attempt_at <= moment
    if force:
        due = due | (OutboxMessage.attempts > 0)
    with store.read() as session:
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.account_id == account_id, OutboxMessage.state == "queued", due)
            .order_by(OutboxMessage.id)))


def recover_interrupted(store: Store, account_id: int, imap_client=None) -> None:
    """Settle sends a crash interrupted (see the module docstring, step 3)."""
    with store.read() as session:
        interrupted = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.account_id == account_id, OutboxMessage.state == "sending")))
    for row in interrupted:
        if row.phase != "data":
            _set(store, row.id, state="queued", phase=None)
            continue
        if imap_client is None:
            continue  # only Sent can tell whether it went: settled when IMAP is reachable
        if _found_in_sent(store, account_id, imap_client, row.message_id):
            _set(store, row.id, state="sent", phase=None, sent_at=now(), in_sent_folder=True)
        else:
            _set(store, row.id, state="unconfirmed", phase=None, last_error=UNCONFIRMED.to_json())


def _sent_folder(store: Store, account_id: int, imap_client) -> str | None:
    """The Sent folder's name: from the store, or asked of the server before the first sync."""
    with store.read() as session:
        name = session.scalar(select(Folder.name).where(Folder.account_id == account_id, Folder.role == "sent"))
    if name is None and imap_client is not None:
        from app.mail.imap.folder_list import list_server_folders

        name = next((f.name for f in list_server_folders(imap_client) if f.role == "sent"), None)
    return name


def _found_in_sent(store: Store, account_id: int, imap_client, message_id: str) -> bool:
    folder = _sent_folder(store, account_id, imap_client)
    if folder is None:
        return False
    with examined(imap_client, folder):  # left before any APPEND to it (Courier refuses one)
        return bool(imap_client.search(["HEADER", "Message-ID", message_id]))


def deliver_due(store: Store, account: Account, credential: Credential, imap_client=None,
                at: int | None = None, force: bool = False) -> dict[str, int]:
    """Send what is due for this account; returns counts by outcome (see :func:`due_messages`)."""
    counts = {"sent": 0, "queued": 0, "failed": 0}
    due = due_messages(store, account.id, at, force)
    if not due:
        return counts
    settings = smtp_send.smtp_settings(account)
    client = None
    try:
        for row in due:
            _set(store, row.id, state="sending", phase="connect", attempts=row.attempts + 1)
            try:
                if client is None:
                    client = smtp_send.open_smtp(settings, credential)
                smtp_send.send_raw(client, settings, account.email, json.loads(row.recipients), row.raw,
                                   before_data=lambda row_id=row.id: _set(store, row_id, phase="data"))
            except smtp_send.PermanentFailure as exc:
                _set(store, row.id, state="failed", phase=None, last_error=exc.to_json())
                counts["failed"] += 1
                continue
            except (NetworkError, AuthError, LiaisonError) as exc:
                _set(store, row.id, state="queued", phase=None, last_error=exc.to_json(),
                     next_attempt_at=(at or now()) + _backoff(row.attempts + 1))
                counts["queued"] += 1
                if client is not None:
                    smtp_send.close_quietly(client)
                    client = None
                if isinstance(exc, (NetworkError, AuthError)):
                    # The rest would fail the same way: leave them for the next attempt.
                    for rest in due[due.index(row) + 1:]:
                        _set(store, rest.id, last_error=exc.to_json())
                    break
                continue
            _set(store, row.id, state="sent", phase=None, sent_at=now(), last_error=None)
            counts["sent"] += 1
            if imap_client is not None:
                file_in_sent(store, account, imap_client, row.id)
    finally:
        if client is not None:
            smtp_send.close_quietly(client)
    return counts


def _filing_lock(account_id: int) -> threading.Lock:
    with _filing_locks_guard:
        return _filing_locks.setdefault(account_id, threading.Lock())


def file_in_sent(store: Store, account: Account, imap_client, outbox_id: int) -> None:
    """Append a sent message to the Sent folder, unless the provider did or it is already there.

    The delivery job and a sync pass may both try (on two connections); a per-account lock
    makes "look in Sent, then append" one step, so a copy is never filed twice.
    """
    with _filing_lock(account.id):
        with store.read() as session:
            row = session.get(OutboxMessage, outbox_id)
            raw, message_id, done = row.raw, row.message_id, row.in_sent_folder
        if done or account.smtp_host.lower() in SAVES_SENT_ITSELF:
            return
        folder = None
        try:
            folder = _sent_folder(store, account.id, imap_client)
            if folder is None:
                return
            if not _found_in_sent(store, account.id, imap_client, message_id):
                imap_client.append(folder, raw, flags=[b"\\Seen"])
            _set(store, outbox_id, in_sent_folder=True)
            _remove_draft_copies(store, account.id, imap_client, message_id)
        except Exception as exc:  # noqa: BLE001 - filing a copy must never undo the send; retried next time
            log.warning("could not file the sent message in %s: %s", folder, type(exc).__name__)


def _remove_draft_copies(store: Store, account_id: int, imap_client, message_id: str) -> None:
    """A sent message's draft copies on the server go (they share its Message-ID)."""
    with store.read() as session:
        folder = session.scalar(select(Folder.name).where(Folder.account_id == account_id, Folder.role == "drafts"))
    if folder is not None:
        delete_by_message_id(imap_client, folder, message_id)


def file_pending_copies(store: Store, account: Account, imap_client) -> None:
    """Sent messages whose copy did not reach Sent yet (filed at the next sync)."""
    with store.read() as session:
        ids = list(session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.account_id == account.id, OutboxMessage.state == "sent",
            OutboxMessage.in_sent_folder.is_(False))))
    for outbox_id in ids:
        file_in_sent(store, account, imap_client, outbox_id)


@writes
def resend(store: Store, outbox_uuid: str) -> int:
    """The user decided: send an unconfirmed or failed message again; returns its account id."""
    with store.write() as session:
        row = session.scalar(select(OutboxMessage).where(OutboxMessage.uuid == outbox_uuid))
        if row is None:
            raise UserFacingError("No outbox message with id {id}.", id=outbox_uuid)
        row.state, row.next_attempt_at, row.phase = "queued", 0, None
        return row.account_id


def list_outbox(store: Store, account_id: int | None = None) -> list[QueuedInfo]:
    with store.read() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if account_id is not None:
            query = query.where(OutboxMessage.account_id == account_id)
        return [QueuedInfo(r.uuid, r.message_id, r.state, r.subject, json.loads(r.recipients), r.attempts,
                           r.last_error, r.next_attempt_at, r.created_at, r.sent_at)
                for r in session.scalars(query)]


WAITING_STATES = ("queued", "sending", "unconfirmed", "failed")


def waiting_count(store: Store) -> int:
    """How many messages wait in every outbox (the status bar's count): queued, being sent,
    unconfirmed or failed."""
    with store.read() as session:
        return session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.state.in_(WAITING_STATES)))


def needs_imap(store: Store, account_id: int) -> bool:
    """Whether a send was interrupted inside DATA or a sent copy waits to be filed in Sent."""
    with store.read() as session:
        return session.scalar(select(OutboxMessage.id).where(
            OutboxMessage.account_id == account_id,
            ((OutboxMessage.state == "sending") & (OutboxMessage.phase == "data"))
            | ((OutboxMessage.state == "sent") & OutboxMessage.in_sent_folder.is_(False))).limit(1)) is not None
