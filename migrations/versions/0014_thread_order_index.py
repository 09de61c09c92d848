"""A covering index for reading conversations in order: every message of a thread by date,
with its sender and Message-ID, read from the index alone (the response-time report walks
every conversation with a customer; the table's rows are wide, the index's narrow).

It replaces ``ix_mail_messages_thread_id`` (its first column: every lookup by thread the old
index served, this one serves). Mail cache only: no user data changes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.create_index("ix_mail_messages_thread_order",
                              ["thread_id", "date", "id", "from_addr", "message_id"], unique=False)
        batch_op.drop_index("ix_mail_messages_thread_id")


def downgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.create_index("ix_mail_messages_thread_id", ["thread_id"], unique=False)
        batch_op.drop_index("ix_mail_messages_thread_order")
