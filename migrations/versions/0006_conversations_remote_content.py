"""Conversations and remote-content permissions.

* ``mail_messages.thread_id``: the conversation a message belongs to (mail cache).  Existing
  rows start NULL and are threaded by the application the next time the account is
  threaded (after a sync, or at start-up); a NULL thread is shown as a conversation of one.
* ``remote_content_senders``: addresses whose mail may load remote images and CSS
  ("always for this sender").  User data: kept by every later migration.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_mail_messages_thread_id", ["thread_id"])
    op.create_table(
        "remote_content_senders",
        sa.Column("addr", sa.String(), nullable=False),
        sa.Column("allowed_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("addr", name=op.f("pk_remote_content_senders")),
    )


def downgrade() -> None:
    op.drop_table("remote_content_senders")
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.drop_index("ix_mail_messages_thread_id")
        batch_op.drop_column("thread_id")
