"""Search: FTS5 indexes over mail and customer records, their work queues, recent searches.

* ``mail_fts`` (rowid = ``(date << 32) | mail_messages.id``, newest-first keys, see
  :mod:`app.store.search_tables`): subject, sender, recipients, cc, body, attachments, all in
  the CJK-bigram form of :mod:`app.search.index_text`.
* ``ix_mail_messages_date``: searches without words (a date range, ``is:unread``) walk mail
  newest first and stop at the page size.
* ``crm_fts`` (rowid = record id * 8 + kind code, see :mod:`app.search.crm_index`): title, body.
* ``mail_fts_pending`` / ``crm_fts_pending``: what still has to be (re)indexed.  Triggers fill
  them on every insert and change, whichever code path made it, so the index can never miss
  a row; the indexer in Python empties them (body text needs MIME decoding, which SQL cannot
  do).  Deletes remove index rows directly in the trigger.
* ``recent_searches``: user data.

The indexes are derived data: rebuilding them from the stored mail and records loses nothing.
Existing rows are queued here and indexed by the next sync or ``search --rebuild``, so the
upgrade itself stays fast on a 100,000-message profile.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

# (table, kind code, kind name) — the codes are part of crm_fts rowids: never renumber them.
CRM_KINDS = [("crm_contacts", 1, "contact"), ("crm_companies", 2, "company"), ("crm_deals", 3, "deal"),
             ("crm_notes", 4, "note"), ("crm_activities", 5, "activity"), ("crm_tasks", 6, "task")]
# Child tables whose changes change their parent's document.
CRM_CHILDREN = [("crm_contact_emails", "contact", "contact_id"), ("crm_contact_phones", "contact", "contact_id"),
                ("crm_company_domains", "company", "company_id")]


def upgrade() -> None:
    op.create_table(
        "recent_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("used_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recent_searches")),
        sa.UniqueConstraint("query", name=op.f("uq_recent_searches_query")),
    )
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.create_index("ix_mail_messages_date", ["date"], unique=False)
    op.execute(f"CREATE VIRTUAL TABLE mail_fts USING fts5(subject, sender, recipients, cc, body, "
               f"attachments, {TOKENIZER})")
    op.execute(f"CREATE VIRTUAL TABLE crm_fts USING fts5(title, body, {TOKENIZER})")
    op.execute("CREATE TABLE mail_fts_pending (message_id INTEGER PRIMARY KEY)")
    op.execute("CREATE TABLE crm_fts_pending (kind TEXT NOT NULL, record_id INTEGER NOT NULL, "
               "PRIMARY KEY (kind, record_id)) WITHOUT ROWID")

    op.execute("CREATE TRIGGER mail_fts_queue AFTER INSERT ON mail_messages BEGIN "
               "INSERT OR IGNORE INTO mail_fts_pending (message_id) VALUES (new.id); END")
    op.execute("CREATE TRIGGER mail_fts_forget AFTER DELETE ON mail_messages BEGIN "
               "DELETE FROM mail_fts WHERE rowid = (max(min(old.date, 2147483647), 0) << 32) | old.id; "
               "DELETE FROM mail_fts_pending WHERE message_id = old.id; END")
    for table, code, kind in CRM_KINDS:
        for event in ("INSERT", "UPDATE"):
            op.execute(f"CREATE TRIGGER {table}_fts_{event.lower()} AFTER {event} ON {table} BEGIN "
                       f"INSERT OR IGNORE INTO crm_fts_pending (kind, record_id) VALUES ('{kind}', new.id); END")
        op.execute(f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM crm_fts WHERE rowid = old.id * 8 + {code}; "
                   f"DELETE FROM crm_fts_pending WHERE kind = '{kind}' AND record_id = old.id; END")
    for table, kind, column in CRM_CHILDREN:
        for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
            op.execute(f"CREATE TRIGGER {table}_fts_{event.lower()} AFTER {event} ON {table} BEGIN "
                       f"INSERT OR IGNORE INTO crm_fts_pending (kind, record_id) "
                       f"VALUES ('{kind}', {row}.{column}); END")

    op.execute("INSERT INTO mail_fts_pending (message_id) SELECT id FROM mail_messages")
    for table, _code, kind in CRM_KINDS:
        op.execute(f"INSERT INTO crm_fts_pending (kind, record_id) SELECT '{kind}', id FROM {table}")


def downgrade() -> None:
    for table, _code, _kind in CRM_KINDS:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
    for table, _kind, _column in CRM_CHILDREN:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
    op.execute("DROP TRIGGER IF EXISTS mail_fts_queue")
    op.execute("DROP TRIGGER IF EXISTS mail_fts_forget")
    for table in ("crm_fts_pending", "mail_fts_pending", "crm_fts", "mail_fts"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    op.drop_table("recent_searches")
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_messages_date")
