"""SQL for the search tables made by migration 0009 (``mail_fts`` and its work queue).

They are raw FTS5 tables, not ORM models; the statements that write them live here so the
sync's store path and the indexer write documents the same way.

**Rowids are newest-first keys.**  A message's document has the rowid
``(date << 32) | message id`` (date in Unix seconds, clamped to 0…2³¹-1).  FTS5 walks a match
in rowid order without sorting, so "the newest 50 messages with 您好" reads 50-odd entries of
a 45,000-entry match and stops, and a date range is a rowid range inside the index.  The
message id is ``rowid & 0xFFFFFFFF``.  Dates never change after a message is stored (moves
keep the row), so the key is stable; the delete trigger computes it the same way.
"""

MESSAGE_ID_MASK = 0xFFFFFFFF
MAX_DATE = 2**31 - 1
# The message id of a mail_fts row, in SQL.
MESSAGE_OF_ROWID = f"(rowid & {MESSAGE_ID_MASK})"

INSERT_MAIL_DOCUMENT = ("INSERT OR REPLACE INTO mail_fts (rowid, subject, sender, recipients, cc, body, attachments) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)")


def document_rowid(message_id: int, date: int | None) -> int:
    """The mail_fts rowid of a message: newest first, then by id (see the module docstring)."""
    return (min(max(int(date or 0), 0), MAX_DATE) << 32) | message_id


def date_rowid(date: int) -> int:
    """The smallest rowid of a document dated ``date`` or later."""
    return min(max(int(date), 0), MAX_DATE) << 32


def unqueue_sql(count: int) -> str:
    """Remove ``count`` message ids from the indexing queue."""
    return f"DELETE FROM mail_fts_pending WHERE message_id IN ({','.join('?' * count)})"
