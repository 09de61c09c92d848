"""The mail search index keeps only the index: ``mail_fts`` becomes a contentless FTS5 table.

Why: a contentful FTS5 table stores every document's text a second time, beside the index.
For mail that copy was the largest part of the index (77 of 122 MB at 10,000 messages, the
bodies in their bigram form) and nothing ever read it: a search asks the index for rowids
and shows the message from ``mail_messages``.  Writing and encrypting it was a fifth of the
writer's work during a first sync.

``contentless_delete=1`` (SQLite 3.43) lets the delete trigger and ``INSERT OR REPLACE`` work
as before; every profile is opened on the SQLite that ships with Liaison (:mod:`app.store.cipher`),
so no connection can meet the table without that support.  ``crm_fts`` stays as it is (it is
small, and its documents are rebuilt in place).

The index is derived data: the upgrade drops it and queues every stored message, which the
next sync (or ``search --rebuild``) indexes again, as 0009 did, so the upgrade itself stays
fast on a 100,000-message profile.  The downgrade does the same in the other direction.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_COLUMNS = "subject, sender, recipients, cc, body, attachments"
_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"


def _recreate(options: str) -> None:
    op.execute("DROP TABLE mail_fts")
    op.execute(f"CREATE VIRTUAL TABLE mail_fts USING fts5({_COLUMNS}, {_TOKENIZER}{options})")
    op.execute("INSERT OR IGNORE INTO mail_fts_pending (message_id) SELECT id FROM mail_messages")


def upgrade() -> None:
    _recreate(", content = '', contentless_delete = 1")


def downgrade() -> None:
    _recreate("")
