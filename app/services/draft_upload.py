"""A draft's copy in the server's Drafts folder, and the composer's local writes (no Qt).

:func:`upload_draft` and :func:`delete_server_copy` are network work: the composer hands them
to :meth:`Services.run_on_account <app.services.runtime.Services.run_on_account>` on the
account's ``imap`` lane under the key ``("draft", uuid)``, so a burst of autosaves makes one
upload and a discard replaces an upload still waiting.  The upload reads the draft *when it
runs*, so it always sends the newest saved version, and sends nothing once the draft was sent
or discarded.

The other functions run on the writer thread as ops and return what they changed.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.errors import UserFacingError
from app.mail.imap.copies import delete_by_message_id
from app.mail.imap.session import Credential, close_quietly, imap_settings, open_session
from app.mail.sending.drafts import DraftData, delete_draft, load_draft, outgoing_from_draft, replace_server_copy, \
    save_draft
from app.mail.sending.outbox import enqueue
from app.mail.sending.outgoing import Outgoing, build_message
from app.services import events as ev
from app.store.accounts import account_folders
from app.store.database import Store
from app.store.models import Account, OutboxMessage

# What an upload did (the composer words it).
UPLOADED = "uploaded"
NOTHING_TO_UPLOAD = "gone"          # sent or discarded meanwhile
NO_DRAFTS_FOLDER = "no-folder"      # the account's folders are not known yet (never synced)
NOT_BUILDABLE = "not-buildable"     # a half-typed address or a missing file: the local copy is enough


def drafts_folder(store: Store, account_id: int) -> str | None:
    return next((f.name for f in account_folders(store, account_id) if f.role == "drafts"), None)


def _queued(store: Store, message_id: str) -> bool:
    with store.read() as session:
        return session.scalar(select(OutboxMessage.id).where(OutboxMessage.message_id == message_id).limit(1)) \
            is not None


def upload_draft(store: Store, account: Account, credential: Credential, draft_uuid: str) -> str:
    """Put the draft's newest saved version in the server's Drafts, replacing earlier copies
    (found by the draft's Message-ID).  Runs on the account's IMAP lane; returns one of the
    constants above, raises :class:`~app.errors.NetworkError`, ``AuthError``… when the server fails."""
    draft = load_draft(store, draft_uuid)
    if draft is None or _queued(store, draft.message_id):
        return NOTHING_TO_UPLOAD
    folder = drafts_folder(store, account.id)
    if folder is None:
        return NO_DRAFTS_FOLDER
    try:
        raw = build_message(outgoing_from_draft(account, draft, lenient=True))
    except (UserFacingError, OSError):
        return NOT_BUILDABLE
    client = open_session(imap_settings(account), credential)
    try:
        replace_server_copy(client, folder, raw, draft.message_id)
    finally:
        close_quietly(client)
    return UPLOADED


def delete_server_copy(store: Store, account: Account, credential: Credential, message_id: str) -> bool:
    """Remove a discarded draft's copies from the server's Drafts (on the account's IMAP lane)."""
    folder = drafts_folder(store, account.id)
    if folder is None:
        return False
    client = open_session(imap_settings(account), credential)
    try:
        delete_by_message_id(client, folder, message_id)
    finally:
        close_quietly(client)
    return True


def save_local(store: Store, draft: DraftData) -> ev.ChangeSet:
    """Save the draft in the profile (an op on the writer thread); ``draft`` is the caller's copy."""
    save_draft(store, replace(draft, attachments=list(draft.attachments)))
    return ev.ChangeSet.of(ev.DRAFTS, accounts=[draft.account_id])


def discard_local(store: Store, draft_uuid: str, account_id: int) -> ev.ChangeSet:
    delete_draft(store, draft_uuid)
    return ev.ChangeSet.of(ev.DRAFTS, accounts=[account_id])


def queue_for_sending(store: Store, account: Account, message: Outgoing, draft_uuid: str | None) -> ev.ChangeSet:
    """Put the message in the outbox and drop its local draft, in order on the writer thread."""
    enqueue(store, account, message)
    if draft_uuid:
        delete_draft(store, draft_uuid)
    return ev.ChangeSet.of(ev.OUTBOX, ev.DRAFTS, accounts=[account.id])
