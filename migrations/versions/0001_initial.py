"""initial store: accounts and mail cache

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 20:29:58.333987
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('email', sa.String(), nullable=False),
    sa.Column('display_name', sa.String(), nullable=False),
    sa.Column('username', sa.String(), nullable=False),
    sa.Column('imap_host', sa.String(), nullable=False),
    sa.Column('imap_port', sa.Integer(), nullable=False),
    sa.Column('imap_security', sa.String(), nullable=False),
    sa.Column('smtp_host', sa.String(), nullable=False),
    sa.Column('smtp_port', sa.Integer(), nullable=False),
    sa.Column('smtp_security', sa.String(), nullable=False),
    sa.Column('auth_method', sa.String(), nullable=False),
    sa.Column('ca_file', sa.String(), nullable=True),
    sa.Column('tls_verify', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('name', name=op.f('uq_accounts_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_accounts_uuid'))
    )
    op.create_table('mail_folders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('delimiter', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('selectable', sa.Boolean(), nullable=False),
    sa.Column('uidvalidity', sa.Integer(), nullable=True),
    sa.Column('uidnext', sa.Integer(), nullable=True),
    sa.Column('highestmodseq', sa.Integer(), nullable=True),
    sa.Column('server_count', sa.Integer(), nullable=True),
    sa.Column('sync_state', sa.String(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_synced_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_mail_folders_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_folders')),
    sa.UniqueConstraint('account_id', 'name', name=op.f('uq_mail_folders_account_id'))
    )
    op.create_table('mail_pending_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('folder_name', sa.String(), nullable=False),
    sa.Column('uidvalidity', sa.Integer(), nullable=False),
    sa.Column('uid', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('flags', sa.String(), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_mail_pending_actions_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_pending_actions'))
    )
    op.create_table('mail_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('folder_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.Integer(), nullable=False),
    sa.Column('modseq', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.String(), nullable=True),
    sa.Column('in_reply_to', sa.String(), nullable=True),
    sa.Column('references', sa.Text(), nullable=True),
    sa.Column('from_name', sa.String(), nullable=False),
    sa.Column('from_addr', sa.String(), nullable=False),
    sa.Column('to_list', sa.Text(), nullable=False),
    sa.Column('cc_list', sa.Text(), nullable=False),
    sa.Column('reply_to_list', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('date', sa.Integer(), nullable=False),
    sa.Column('internal_date', sa.Integer(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('seen', sa.Boolean(), nullable=False),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('keywords', sa.Text(), nullable=False),
    sa.Column('has_attachments', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['folder_id'], ['mail_folders.id'], name=op.f('fk_mail_messages_folder_id_mail_folders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_messages')),
    sa.UniqueConstraint('folder_id', 'uid', name=op.f('uq_mail_messages_folder_id'))
    )
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.create_index('ix_mail_messages_folder_date', ['folder_id', 'date'], unique=False)
        batch_op.create_index('ix_mail_messages_message_id', ['message_id'], unique=False)

    op.create_table('mail_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('addr', sa.String(), nullable=False),
    sa.Column('domain', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['mail_messages.id'], name=op.f('fk_mail_addresses_message_id_mail_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_addresses'))
    )
    with op.batch_alter_table('mail_addresses', schema=None) as batch_op:
        batch_op.create_index('ix_mail_addresses_addr', ['addr'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_addresses_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_addresses_message_id'), ['message_id'], unique=False)

    op.create_table('mail_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('part_index', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(), nullable=False),
    sa.Column('content_type', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_id', sa.String(), nullable=True),
    sa.Column('inline', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['mail_messages.id'], name=op.f('fk_mail_attachments_message_id_mail_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_attachments'))
    )
    with op.batch_alter_table('mail_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_attachments_message_id'), ['message_id'], unique=False)

    op.create_table('mail_bodies',
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('compression', sa.String(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['mail_messages.id'], name=op.f('fk_mail_bodies_message_id_mail_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_mail_bodies'))
    )


def downgrade() -> None:
    op.drop_table('mail_bodies')
    with op.batch_alter_table('mail_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_attachments_message_id'))

    op.drop_table('mail_attachments')
    with op.batch_alter_table('mail_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_addresses_message_id'))
        batch_op.drop_index(batch_op.f('ix_mail_addresses_domain'))
        batch_op.drop_index('ix_mail_addresses_addr')

    op.drop_table('mail_addresses')
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_messages_message_id')
        batch_op.drop_index('ix_mail_messages_folder_date')

    op.drop_table('mail_messages')
    op.drop_table('mail_pending_actions')
    op.drop_table('mail_folders')
    op.drop_table('accounts')
