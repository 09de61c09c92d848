"""Team automation rules and the claims that make a team rule act once for the team.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_rules",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("team_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("uuid"))
    op.create_index("ix_team_rules_team_id", "team_rules", ["team_id"], unique=False)
    op.create_table(
        "automation_claims",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("rule_uuid", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key"))
    op.create_index("ix_automation_claims_rule_uuid", "automation_claims", ["rule_uuid"], unique=False)


def downgrade() -> None:
    op.drop_table("automation_claims")
    op.drop_table("team_rules")
