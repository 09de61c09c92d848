"""Pipelines, stages and custom-field definitions become records: versioned, synced with the
team and tombstoned like customers and deals.

* Each of the three tables gains ``created_at``, ``updated_at`` and ``deleted_at`` (a deleted
  stage stays as a tombstone the team sync can push); stages gain ``probability`` (percent,
  schema 2 on the server) and a ``pipeline_id`` that may be NULL while a stage pulled before
  its pipeline waits for it.
* A custom field's UUID becomes a function of (record type, key), so two laptops that define
  "wechat" on contacts define one record, not two; the unique index on (record type, key)
  goes, so a pulled definition can never fail to apply.
* History: every existing definition gets its creation and its fields in ``crm_changes``
  (queued, so a profile joining a team pushes them). The default pipeline and its six stages
  exist on every device: their default values are written with origin ``default``, which the
  push sends only as a *create* with initial values (applied only if the server has no such
  record yet), so a laptop joining late never resets what the team renamed; where this profile
  changed a default, that change is an ordinary local change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

import json
import time
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Fixed here, never computed from application code: a migration must not change meaning.
DEFAULT_PIPELINE_UUID = "3229011d-e98c-5623-9267-f8dc29affaf8"
DEFAULT_STAGES = (("c885ad53-f35d-5df8-8481-77735367fd80", "Lead", "open"),
                  ("86287595-336a-5f69-b29a-dc7493784831", "Qualified", "open"),
                  ("925f8ac2-b3af-56a8-a69a-0aa245681924", "Proposal", "open"),
                  ("89314f05-a25d-5985-8c19-50294811d977", "Negotiation", "open"),
                  ("315929f2-0ec9-574b-9c35-9e4991b1d16c", "Won", "won"),
                  ("2ec45935-1179-50f0-8c49-8e410e8365e9", "Lost", "lost"))
_DEFAULTS = {DEFAULT_PIPELINE_UUID: {"name": "Sales", "position": 0}}
for _position, (_uuid, _name, _outcome) in enumerate(DEFAULT_STAGES):
    _DEFAULTS[_uuid] = {"pipeline_id": DEFAULT_PIPELINE_UUID, "name": _name, "position": _position,
                        "outcome": _outcome}
_TABLES = ("crm_pipelines", "crm_stages", "crm_custom_fields")


def field_uuid(record_type: str, key: str) -> str:
    """The same as app.crm.custom_fields.field_uuid (a test keeps them equal)."""
    return str(uuid.uuid5(uuid.UUID(DEFAULT_PIPELINE_UUID), f"custom_field:{record_type}:{key}"))


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("created_at", sa.Integer(), nullable=False, server_default="0"))
            batch_op.add_column(sa.Column("updated_at", sa.Integer(), nullable=False, server_default="0"))
            batch_op.add_column(sa.Column("deleted_at", sa.Integer(), nullable=True))
            if table == "crm_stages":
                batch_op.add_column(sa.Column("probability", sa.Integer(), nullable=True))
                batch_op.alter_column("pipeline_id", existing_type=sa.Integer(), nullable=True)
            if table == "crm_custom_fields":
                batch_op.drop_constraint("uq_crm_custom_fields_record_type", type_="unique")
    bind = op.get_bind()
    now = int(time.time())
    for table in _TABLES:
        bind.execute(sa.text(f"UPDATE {table} SET created_at = :now, updated_at = :now"), {"now": now})
    for row in bind.execute(sa.text("SELECT id, record_type, key FROM crm_custom_fields")).all():
        bind.execute(sa.text("UPDATE crm_custom_fields SET uuid = :u WHERE id = :id"),
                     {"u": field_uuid(row.record_type, row.key), "id": row.id})
    _history(bind, now)


def _history(bind, now: int) -> None:
    pipelines = {row.id: row.uuid for row in bind.execute(sa.text("SELECT id, uuid FROM crm_pipelines"))}
    rows = []
    for row in bind.execute(sa.text("SELECT uuid, name, position FROM crm_pipelines")).mappings():
        rows += _record_rows("pipeline", row["uuid"], {"name": row["name"], "position": row["position"]}, now)
    for row in bind.execute(sa.text(
            "SELECT uuid, pipeline_id, name, position, outcome FROM crm_stages")).mappings():
        fields = {"pipeline_id": pipelines.get(row["pipeline_id"]), "name": row["name"],
                  "position": row["position"], "outcome": row["outcome"]}
        rows += _record_rows("stage", row["uuid"], fields, now)
    for row in bind.execute(sa.text("SELECT uuid, record_type, key, label, field_type, choices, position "
                                    "FROM crm_custom_fields")).mappings():
        fields = {"record_type": row["record_type"], "key": row["key"], "label": row["label"],
                  "field_type": row["field_type"], "position": row["position"],
                  "choices": json.loads(row["choices"] or "[]")}
        rows += _record_rows("custom_field", row["uuid"], fields, now)
    if rows:
        bind.execute(sa.text(
            "INSERT INTO crm_changes (op_uuid, batch_uuid, record_type, record_uuid, field, old, new, at, "
            "at_ms, origin, pushed_at) VALUES (:op_uuid, :batch_uuid, :record_type, :record_uuid, :field, "
            ":old, :new, :at, :at_ms, :origin, NULL)"), rows)


def _record_rows(record_type: str, record_uuid: str, fields: dict, now: int) -> list[dict]:
    """A creation and its fields; for a default record, the defaults (origin ``default``) and
    then what this profile changed (origin ``local``)."""
    defaults = _DEFAULTS.get(record_uuid, {})
    created, changed = str(uuid.uuid4()), str(uuid.uuid4())

    def row(batch, field, old, new, origin):
        return {"op_uuid": str(uuid.uuid4()), "batch_uuid": batch, "record_type": record_type,
                "record_uuid": record_uuid, "field": field,
                "old": None if old is None else json.dumps(old, ensure_ascii=False),
                "new": json.dumps(new, ensure_ascii=False), "at": now, "at_ms": now * 1000,
                "origin": origin}

    origin = "default" if defaults else "local"
    rows = [row(created, "*", None, "created", origin)]
    for field, value in (defaults or fields).items():
        if value not in (None, "", []):
            rows.append(row(created, field, None, value, origin))
    for field, value in fields.items():
        if defaults and value != defaults.get(field) and value not in (None, "", []):
            rows.append(row(changed, field, defaults.get(field), value, "local"))
    return rows


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM crm_changes WHERE record_type IN ('pipeline', 'stage', 'custom_field')"))
    bind.execute(sa.text("DELETE FROM crm_stages WHERE deleted_at IS NOT NULL OR pipeline_id IS NULL"))
    bind.execute(sa.text("DELETE FROM crm_pipelines WHERE deleted_at IS NOT NULL"))
    bind.execute(sa.text("DELETE FROM crm_custom_fields WHERE deleted_at IS NOT NULL OR id NOT IN "
                         "(SELECT MIN(id) FROM crm_custom_fields GROUP BY record_type, key)"))
    for table in _TABLES:
        with op.batch_alter_table(table) as batch_op:
            if table == "crm_stages":
                batch_op.drop_column("probability")
                batch_op.alter_column("pipeline_id", existing_type=sa.Integer(), nullable=False)
            if table == "crm_custom_fields":
                batch_op.create_unique_constraint("uq_crm_custom_fields_record_type", ["record_type", "key"])
            batch_op.drop_column("deleted_at")
            batch_op.drop_column("updated_at")
            batch_op.drop_column("created_at")
