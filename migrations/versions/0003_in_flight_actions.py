"""Mark queued actions that a push has sent to the server but not yet confirmed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_pending_actions") as batch_op:
        batch_op.add_column(sa.Column("sent_at", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mail_pending_actions") as batch_op:
        batch_op.drop_column("sent_at")
