"""Team sync: a device id, field versions, server facts about records, conflicts; the time in
milliseconds, clock and last answer of each change; the default pipeline with the same UUIDs
on every device.

* ``team_sync_state`` gets this profile's stable ``device_id`` now, so every change made from
  here on can be attributed to the device.
* Every existing change stays in ``crm_changes`` with ``pushed_at`` NULL: a profile that joins
  a team pushes its whole history, so nothing typed before the team existed is lost.
* The default pipeline (the first one, created by Liaison) and its first six stages take fixed
  UUIDs, the same on every device, so a deal moved to "Proposal" on one laptop is in
  "Proposal" on the next. References to the old stage UUIDs in the history are rewritten.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import json
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Fixed here, never computed from application code: a migration must not change meaning.
DEFAULT_PIPELINE_UUID = "3229011d-e98c-5623-9267-f8dc29affaf8"
DEFAULT_STAGE_UUIDS = ("c885ad53-f35d-5df8-8481-77735367fd80", "86287595-336a-5f69-b29a-dc7493784831",
                       "925f8ac2-b3af-56a8-a69a-0aa245681924", "89314f05-a25d-5985-8c19-50294811d977",
                       "315929f2-0ec9-574b-9c35-9e4991b1d16c", "2ec45935-1179-50f0-8c49-8e410e8365e9")


def upgrade() -> None:
    op.create_table(
        "team_sync_state",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_team_sync_state")))
    op.create_table(
        "team_field_versions",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", "field", name=op.f("pk_team_field_versions")))
    op.create_table(
        "team_records",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("record_type", sa.String(), nullable=False),
        sa.Column("owner_email", sa.String(), nullable=False),
        sa.Column("owner_name", sa.String(), nullable=False),
        sa.Column("team_name", sa.String(), nullable=False),
        sa.Column("sharing", sa.String(), nullable=False),
        sa.Column("can_edit", sa.Boolean(), nullable=False),
        sa.Column("can_manage", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", name=op.f("pk_team_records")))
    op.create_table(
        "team_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("kept", sa.Text(), nullable=True),
        sa.Column("lost", sa.Text(), nullable=True),
        sa.Column("kept_by", sa.String(), nullable=False),
        sa.Column("lost_by", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("resolved_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_conflicts")))
    with op.batch_alter_table("team_conflicts") as batch_op:
        batch_op.create_index("ix_team_conflicts_record", ["record_uuid"], unique=False)
    with op.batch_alter_table("crm_changes") as batch_op:
        batch_op.add_column(sa.Column("at_ms", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("hlc", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("push_status", sa.String(), nullable=True))

    bind = op.get_bind()
    bind.execute(sa.text("INSERT INTO team_sync_state (key, value) VALUES ('device_id', :id)"),
                 {"id": json.dumps(str(uuid.uuid4()))})  # values are JSON
    _fix_default_pipeline(bind)


def _fix_default_pipeline(bind) -> None:
    pipeline = bind.execute(sa.text(
        "SELECT id, uuid FROM crm_pipelines ORDER BY position, id LIMIT 1")).first()
    if pipeline is None or pipeline.uuid == DEFAULT_PIPELINE_UUID:
        return
    renames = {pipeline.uuid: DEFAULT_PIPELINE_UUID}
    stages = bind.execute(sa.text("SELECT id, uuid FROM crm_stages WHERE pipeline_id = :p ORDER BY id"),
                          {"p": pipeline.id}).all()
    for stage, fixed in zip(stages, DEFAULT_STAGE_UUIDS):
        renames[stage.uuid] = fixed
    bind.execute(sa.text("UPDATE crm_pipelines SET uuid = :new WHERE id = :id"),
                 {"new": DEFAULT_PIPELINE_UUID, "id": pipeline.id})
    for stage, fixed in zip(stages, DEFAULT_STAGE_UUIDS):
        bind.execute(sa.text("UPDATE crm_stages SET uuid = :new WHERE id = :id"), {"new": fixed, "id": stage.id})
    for old, new in renames.items():
        for column in ("old", "new"):
            bind.execute(sa.text(f"UPDATE crm_changes SET {column} = :new WHERE field = 'stage_id' "
                                 f"AND {column} = :old"), {"old": f'"{old}"', "new": f'"{new}"'})


def downgrade() -> None:
    with op.batch_alter_table("crm_changes") as batch_op:
        batch_op.drop_column("push_status")
        batch_op.drop_column("hlc")
        batch_op.drop_column("at_ms")
    for table in ("team_conflicts", "team_records", "team_field_versions", "team_sync_state"):
        op.drop_table(table)
