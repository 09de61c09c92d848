"""Per-account sync schedule, and marking the bundled sample account.

``sync_mode`` is how the account is kept current: ``push`` (IDLE plus a periodic pass),
``5``/``15``/``30`` minutes, or ``manual``.  ``is_sample`` marks the account of the bundled
sample profile, which has no server and is never synced.  Existing accounts keep behaving
as before (push).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.add_column(sa.Column("sync_mode", sa.String(), nullable=False, server_default="push"))
        batch_op.add_column(sa.Column("is_sample", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_column("is_sample")
        batch_op.drop_column("sync_mode")
