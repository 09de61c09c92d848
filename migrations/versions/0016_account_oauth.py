"""OAuth2 sign-in: ``accounts.oauth_config``, the account's provider, endpoints, client id and
scopes as JSON (NULL for a password account).  Never a token: the refresh token is in the OS
keyring (secret kind ``oauth-refresh``), the access token only in memory.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.add_column(sa.Column("oauth_config", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_column("oauth_config")
