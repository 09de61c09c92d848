"""``records.client_versions``: the part of ``versions`` a client is told (each present
field's version and clock), stored so that a pull sends it as it is instead of decoding every
record's full versions (with their sets' element clocks) and rebuilding it.

Filled for existing records here, in batches read and written through SQLAlchemy Core: the
same function as the writer's (``server.records.client_versions``) decides its content, so the
two cannot disagree. Batches keep a large server's memory flat; the whole migration is one
transaction, as Alembic runs it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from server.records.client_versions import client_versions

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 2000

records = sa.table("records", sa.column("uuid", sa.String), sa.column("fields", sa.JSON),
                   sa.column("versions", sa.JSON), sa.column("client_versions", sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table("records") as batch_op:
        batch_op.add_column(sa.Column("client_versions", sa.JSON(), nullable=True))
    connection = op.get_bind()
    after = ""
    while True:
        rows = connection.execute(
            sa.select(records.c.uuid, records.c.fields, records.c.versions)
            .where(records.c.uuid > after).order_by(records.c.uuid).limit(BATCH)).all()
        if not rows:
            break
        connection.execute(
            records.update().where(records.c.uuid == sa.bindparam("key"))
            .values(client_versions=sa.bindparam("shown")),
            [{"key": uuid, "shown": client_versions(fields, versions)}
             for uuid, fields, versions in rows])
        after = rows[-1].uuid
    with op.batch_alter_table("records") as batch_op:
        batch_op.alter_column("client_versions", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("records") as batch_op:
        batch_op.drop_column("client_versions")
