"""Threading an account's stored mail into conversations, and the conversations read back.

Threading is done for a whole account at a time (all folders, so a reply in Sent joins the
message it answers in the Inbox) by :func:`app.mail.reading.conversations.thread_messages`,
and only rows whose conversation changed are written.  It runs after a sync pass that
stored new mail, in the account's job thread (about 1 s of CPU for 100,000 messages);
only the changed thread ids are written, on the writer thread.
"""

from __future__ import annotations

from app.mail.reading.conversations import Conversation, ThreadItem, thread_messages
from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.store.writer import writes


def account_thread_items(store: Store, account_id: int) -> tuple[list[ThreadItem], dict[int, int | None]]:
    """Every message of an account as threading input, and each message's current thread id."""
    rows = fetch_all(store, (
        "SELECT m.id, m.message_id, m.in_reply_to, m.\"references\", m.subject, m.date, m.thread_id "
        "FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id WHERE f.account_id = ?"),
        (account_id,))
    items = [ThreadItem(r[0], r[1], r[2], (r[3] or "").split(), r[4] or "", r[5]) for r in rows]
    return items, {r[0]: r[6] for r in rows}


def rethread_account(store: Store, account_id: int) -> int:
    """Recompute the account's conversations; returns how many messages changed conversation."""
    items, current = account_thread_items(store, account_id)
    changes = []
    for conversation in thread_messages(items):
        thread_id = conversation.key
        changes += [(thread_id, item.key) for item in conversation.items if current.get(item.key) != thread_id]
    if changes:
        _store_thread_ids(store, changes)
    return len(changes)


@writes
def _store_thread_ids(store: Store, changes: list[tuple[int, int]]) -> None:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany("UPDATE mail_messages SET thread_id = ? WHERE id = ?", changes)
        finally:
            cursor.close()


def needs_threading(store: Store, account_id: int) -> bool:
    rows = fetch_all(store, (
        "SELECT 1 FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id "
        "WHERE f.account_id = ? AND m.thread_id IS NULL LIMIT 1"), (account_id,))
    return bool(rows)


def account_conversations(store: Store, account_id: int) -> list[Conversation]:
    """The account's conversations, newest activity first (for the CLI)."""
    items, _current = account_thread_items(store, account_id)
    return thread_messages(items)
