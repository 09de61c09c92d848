"""Conversations in the store: threading an account's mail, and reading a conversation back.

Threading is done for a whole account at a time (all folders, so a reply in Sent joins the
message it answers in the Inbox) by :func:`app.mail.conversations.thread_messages`, and only
rows whose conversation changed are written.  It runs after a sync that stored new mail,
in the sync's own thread — never in the GUI thread (about 1 s for 100,000 messages).
"""

from __future__ import annotations

from app.mail.conversations import Conversation, ThreadItem, thread_messages
from app.store.database import Store
from app.store.raw_sql import fetch_all


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
        with store.write() as session:
            cursor = session.connection().connection.cursor()
            try:
                cursor.executemany("UPDATE mail_messages SET thread_id = ? WHERE id = ?", changes)
            finally:
                cursor.close()
    return len(changes)


def needs_threading(store: Store, account_id: int) -> bool:
    rows = fetch_all(store, (
        "SELECT 1 FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id "
        "WHERE f.account_id = ? AND m.thread_id IS NULL LIMIT 1"), (account_id,))
    return bool(rows)


def conversation_message_ids(store: Store, message_pk: int) -> list[int]:
    """The messages of the conversation this message is in, oldest first (itself if unthreaded)."""
    rows = fetch_all(store, (
        "SELECT id FROM mail_messages WHERE thread_id = (SELECT thread_id FROM mail_messages WHERE id = ?) "
        "AND moving = 0 ORDER BY date, id"), (message_pk,))
    return [r[0] for r in rows] or [message_pk]


def folder_conversation_ids(store: Store, folder_id: int, descending: bool = True) -> list[int]:
    """One message per conversation in a folder (its newest there), conversations by latest date.

    SQLite returns the other columns of the row holding ``max(date)``; an unthreaded message
    is a conversation of its own (``-id`` cannot collide with a thread id).
    """
    direction = "DESC" if descending else "ASC"
    rows = fetch_all(store, (
        "SELECT id, max(date) AS newest FROM mail_messages WHERE folder_id = ? AND moving = 0 "
        f"GROUP BY coalesce(thread_id, -id) ORDER BY newest {direction}, id {direction}"), (folder_id,))
    return [r[0] for r in rows]


def conversation_sizes(store: Store, message_pks: list[int]) -> dict[int, int]:
    """For each given message, how many messages its conversation holds (all folders)."""
    if not message_pks:
        return {}
    marks = ",".join("?" * len(message_pks))
    rows = fetch_all(store, (
        "SELECT m.id, (SELECT count(*) FROM mail_messages o WHERE o.thread_id = m.thread_id AND o.moving = 0) "
        f"FROM mail_messages m WHERE m.id IN ({marks})"), tuple(message_pks))
    return {r[0]: max(r[1], 1) for r in rows}


def message_locations(store: Store, account_id: int) -> dict[int, tuple]:
    """id → (folder name, uid, from name, from address, Message-ID) for an account's messages."""
    return {r[0]: r[1:] for r in fetch_all(store, (
        "SELECT m.id, f.name, m.uid, m.from_name, m.from_addr, m.message_id FROM mail_messages m "
        "JOIN mail_folders f ON f.id = m.folder_id WHERE f.account_id = ?"), (account_id,))}


def account_conversations(store: Store, account_id: int) -> list[Conversation]:
    """The account's conversations, newest activity first (for the CLI)."""
    items, _current = account_thread_items(store, account_id)
    return thread_messages(items)
