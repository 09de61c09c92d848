"""The shared customer timeline: messages colleagues filed on shared customers (metadata and
first words; the body only where their team shares bodies), what this profile shared, and the
messages marked private.

``team_timeline`` is derived (the next pull rebuilds it); ``private_messages`` is user data,
keyed by Message-ID so a rebuilt mail cache keeps it; ``team_shared_messages`` says what was
sent so each message is shared once and withdrawn when marked private.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_timeline",
        sa.Column("link_uuid", sa.String(length=36), nullable=False),
        sa.Column("message_key", sa.String(), nullable=False),
        sa.Column("owner_email", sa.String(), nullable=False),
        sa.Column("owner_name", sa.String(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("date", sa.Integer(), nullable=False),
        sa.Column("from_addr", sa.String(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("snippet", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("contact_uuid", sa.String(length=36), nullable=True),
        sa.Column("company_uuid", sa.String(length=36), nullable=True),
        sa.Column("deal_uuid", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("link_uuid", name=op.f("pk_team_timeline")))
    with op.batch_alter_table("team_timeline") as batch_op:
        batch_op.create_index("ix_team_timeline_contact", ["contact_uuid", "date"], unique=False)
        batch_op.create_index("ix_team_timeline_company", ["company_uuid", "date"], unique=False)
        batch_op.create_index("ix_team_timeline_deal", ["deal_uuid", "date"], unique=False)
        batch_op.create_index("ix_team_timeline_message_key", ["message_key"], unique=False)
    op.create_table(
        "team_shared_messages",
        sa.Column("link_uuid", sa.String(length=36), nullable=False),
        sa.Column("message_key", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("shared_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("link_uuid", name=op.f("pk_team_shared_messages")))
    with op.batch_alter_table("team_shared_messages") as batch_op:
        batch_op.create_index(batch_op.f("ix_team_shared_messages_message_key"), ["message_key"], unique=False)
    op.create_table(
        "private_messages",
        sa.Column("message_key", sa.String(), nullable=False),
        sa.Column("marked_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("message_key", name=op.f("pk_private_messages")))


def downgrade() -> None:
    for table in ("private_messages", "team_shared_messages", "team_timeline"):
        op.drop_table(table)
