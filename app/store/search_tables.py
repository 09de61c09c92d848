"""SQL for the search tables made by migration 0009 (``mail_fts`` and its work queue).

They are raw FTS5 tables, not ORM models; the statements that write them live here so the
sync's store path and the indexer write documents the same way.
"""

INSERT_MAIL_DOCUMENT = ("INSERT OR REPLACE INTO mail_fts (rowid, subject, sender, recipients, cc, body, attachments) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)")


def unqueue_sql(count: int) -> str:
    """Remove ``count`` message ids from the indexing queue."""
    return f"DELETE FROM mail_fts_pending WHERE message_id IN ({','.join('?' * count)})"
