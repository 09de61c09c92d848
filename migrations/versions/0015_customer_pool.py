"""The team's public pool (公海) on the laptop: ``team_records.pooled`` (what the server last
said) and ``team_pool_requests``, the customers this profile returned to the pool and has not
yet told the server about (a rule may do it offline; the next team sync sends them).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("team_records") as batch_op:
        batch_op.add_column(sa.Column("pooled", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "team_pool_requests",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("requested_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid"),
    )


def downgrade() -> None:
    op.drop_table("team_pool_requests")
    with op.batch_alter_table("team_records") as batch_op:
        batch_op.drop_column("pooled")
