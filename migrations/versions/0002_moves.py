"""Queued moves: a target folder on pending actions, a 'moving' mark on cached messages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_pending_actions") as batch_op:
        batch_op.add_column(sa.Column("target_folder", sa.String(), nullable=True))
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.add_column(sa.Column("moving", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.drop_column("moving")
    with op.batch_alter_table("mail_pending_actions") as batch_op:
        batch_op.drop_column("target_folder")
