"""Colleagues' shared mail in the mail reports: the shared timeline's metadata (what team sync
brought: :mod:`app.sync.shared_timeline`, table ``team_timeline``) read as messages.

Who counts what:

* a manager (any role but rep) counts every entry the server gave their laptop — the server
  already limited it to what they may see; a rep counts only what they shared themselves
  (their own mail from another laptop); a profile not signed in to a team has no entries;
* each message is attributed to the colleague who shared it (``owner_email``);
* each Message-ID counts once: an entry for a message this profile holds itself is never
  read (your own copy wins), and one message shared by several colleagues is read once (the
  copy of the colleague who sent it, else the first colleague by address).

Shared entries carry no thread: a colleague's conversation with a customer is their entries
on the same customer record with the same subject once reply and forward prefixes are
stripped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.mail.reading.conversations import base_subject
from app.store.team_models import TeamSyncState

SHARED = "shared"  # the kind of a report item that is a colleague's shared message (its rowid)


@dataclass(frozen=True)
class SharedMail:
    rowid: int
    key: str  # Message-ID
    sharer: str  # the colleague who shared it, lower-cased
    at: int
    sender: str  # lower-cased
    subject: str
    record: str  # the customer record it is filed on (contact, else company, else deal UUID)

    @property
    def sent(self) -> bool:
        """Sent by the colleague who shared it (else received by them)."""
        return self.sender == self.sharer

    @property
    def conversation(self) -> tuple[str, str, str]:
        return (self.sharer, self.record, base_subject(self.subject)[0])


def _viewer(session: Session) -> tuple[str | None, str | None]:
    state = dict(session.execute(select(TeamSyncState.key, TeamSyncState.value)
                                 .where(TeamSyncState.key.in_(("role", "email")))).all())
    role, email = (json.loads(state[key]) if key in state else None for key in ("role", "email"))
    return role, (email or "").lower() or None


_ENTRIES = (
    "SELECT t.rowid, t.message_key, lower(t.owner_email), t.date, lower(t.from_addr), t.subject, "
    "COALESCE(t.contact_uuid, t.company_uuid, t.deal_uuid, '') FROM team_timeline t "
    "WHERE t.message_key != '' AND t.date BETWEEN ? AND ? {mine} AND NOT EXISTS "
    "(SELECT 1 FROM mail_messages m WHERE m.message_id = t.message_key)")


def shared_mail(session: Session, first: int = 0, last: int = 2**62) -> list[SharedMail]:
    """The shared messages dated in [first, last] a report of this viewer counts, each
    Message-ID once, in date order."""
    role, email = _viewer(session)
    if role is None:
        return []
    mine = "AND lower(t.owner_email) = ?" if role == "rep" else ""
    params = (first, last, email) if role == "rep" else (first, last)
    cursor = session.connection().connection.cursor()
    try:
        rows = [SharedMail(*row) for row in cursor.execute(_ENTRIES.format(mine=mine), params).fetchall()]
    finally:
        cursor.close()
    chosen: dict[str, SharedMail] = {}
    for mail in sorted(rows, key=lambda m: (not m.sent, m.sharer, m.rowid)):
        chosen.setdefault(mail.key, mail)
    return sorted(chosen.values(), key=lambda m: (m.at, m.rowid))
