"""Service cases and automation rules: cases are records (versioned, synced); rules, their
run log (the exactly-once ledger), their effects (loop chains), the event cursors and the
notifications they raise (see app/store/automation_models.py).

Nothing existing changes; new tables only.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crm_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.Column("assignee", sa.String(), nullable=False),
        sa.Column("due_at", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("messages", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["crm_companies.id"], name=op.f("fk_crm_cases_company_id_crm_companies"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["contact_id"], ["crm_contacts.id"], name=op.f("fk_crm_cases_contact_id_crm_contacts"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["deal_id"], ["crm_deals.id"], name=op.f("fk_crm_cases_deal_id_crm_deals"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_cases")),
        sa.UniqueConstraint("uuid", name=op.f("uq_crm_cases_uuid")))
    with op.batch_alter_table("crm_cases") as batch_op:
        batch_op.create_index("ix_crm_cases_open", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_cases_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_cases_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_cases_deal_id"), ["deal_id"], unique=False)
    op.create_table(
        "automation_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("since", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_rules")),
        sa.UniqueConstraint("name", name=op.f("uq_automation_rules_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_automation_rules_uuid")))
    op.create_table(
        "automation_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_uuid", sa.String(length=36), nullable=False),
        sa.Column("rule_name", sa.String(), nullable=False),
        sa.Column("event", sa.String(), nullable=False),
        sa.Column("event_key", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("rate_key", sa.String(), nullable=False),
        sa.Column("chain", sa.String(length=36), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_runs")),
        sa.UniqueConstraint("rule_uuid", "event_key", name=op.f("uq_automation_runs_rule_uuid")))
    with op.batch_alter_table("automation_runs") as batch_op:
        batch_op.create_index("ix_automation_runs_retry", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_automation_runs_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_automation_runs_rate_key"), ["rate_key"], unique=False)
    op.create_table(
        "automation_effects",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("rule_uuid", sa.String(length=36), nullable=False),
        sa.Column("chain", sa.String(length=36), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_automation_effects")))
    op.create_table(
        "automation_cursors",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_automation_cursors")))
    op.create_table(
        "automation_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("shown_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_notifications")),
        sa.UniqueConstraint("key", name=op.f("uq_automation_notifications_key")))
    with op.batch_alter_table("automation_notifications") as batch_op:
        batch_op.create_index(batch_op.f("ix_automation_notifications_shown_at"), ["shown_at"], unique=False)


def downgrade() -> None:
    for table in ("automation_notifications", "automation_cursors", "automation_effects", "automation_runs",
                  "automation_rules", "crm_cases"):
        op.drop_table(table)
