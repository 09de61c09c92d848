"""Conversations in the store, read back: a message's conversation, a folder by conversation.

The thread ids are computed and written by :mod:`app.mail.reading.conversation_threads`.
"""

from __future__ import annotations

from app.store.database import Store
from app.store.raw_sql import fetch_all


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
