"""Field versions move onto ``team_records`` as one JSON object per record
(``{"field": [version, "hlc"]}``) and ``team_field_versions`` goes.

Why: a first team sync wrote about nine version rows per record, each a B-tree insert into a
table keyed by a random UUID, a fifth of a 100,000-record first sync; the versions are only
ever read a record at a time (the ``base`` of a pushed change), so one text column carries them.

Every version is carried over (``json_group_object`` per record; a record with versions and no
``team_records`` row, which the sync never leaves, is given one of type ``""`` so nothing is
dropped). Downgrade rebuilds the rows from the JSON.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("team_records") as batch_op:
        batch_op.add_column(sa.Column("versions", sa.Text(), nullable=False, server_default="{}"))
    op.execute("INSERT INTO team_records (record_uuid, record_type, owner_email, owner_name, team_name, "
               "sharing, can_edit, can_manage, revision) "
               "SELECT DISTINCT record_uuid, '', '', '', '', '', 1, 1, 0 FROM team_field_versions "
               "WHERE record_uuid NOT IN (SELECT record_uuid FROM team_records)")
    op.execute("UPDATE team_records SET versions = ("
               "  SELECT json_group_object(field, json_array(version, hlc)) FROM team_field_versions"
               "  WHERE team_field_versions.record_uuid = team_records.record_uuid) "
               "WHERE record_uuid IN (SELECT record_uuid FROM team_field_versions)")
    op.drop_table("team_field_versions")


def downgrade() -> None:
    op.create_table(
        "team_field_versions",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", "field", name=op.f("pk_team_field_versions")),
    )
    op.execute("INSERT INTO team_field_versions (record_uuid, field, version, hlc) "
               "SELECT record_uuid, key, json_extract(value, '$[0]'), json_extract(value, '$[1]') "
               "FROM team_records, json_each(team_records.versions)")
    with op.batch_alter_table("team_records") as batch_op:
        batch_op.drop_column("versions")
