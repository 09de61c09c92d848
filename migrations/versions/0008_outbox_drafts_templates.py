"""Compose and send: the outbox, drafts, templates and per-account signatures.

``mail_outbox``, ``mail_drafts`` and ``mail_templates`` are user data (a message the user sent
is kept until the server has it; a draft survives a crash); ``accounts.signature`` too.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_templates')),
    sa.UniqueConstraint('name', name=op.f('uq_mail_templates_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_mail_templates_uuid'))
    )
    op.create_table('mail_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('to_list', sa.Text(), nullable=False),
    sa.Column('cc_list', sa.Text(), nullable=False),
    sa.Column('bcc_list', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('in_reply_to', sa.String(), nullable=True),
    sa.Column('references', sa.Text(), nullable=True),
    sa.Column('message_id', sa.String(), nullable=False),
    sa.Column('server_uid', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_mail_drafts_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_drafts')),
    sa.UniqueConstraint('uuid', name=op.f('uq_mail_drafts_uuid'))
    )
    with op.batch_alter_table('mail_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_drafts_account_id'), ['account_id'], unique=False)

    op.create_table('mail_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('phase', sa.String(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.Integer(), nullable=True),
    sa.Column('in_sent_folder', sa.Boolean(), nullable=False),
    sa.Column('merge_batch', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_mail_outbox_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
    sa.UniqueConstraint('uuid', name=op.f('uq_mail_outbox_uuid'))
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_outbox_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_merge_batch'), ['merge_batch'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_state'), ['state'], unique=False)

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sa.Text(), server_default='', nullable=False))

def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_column("signature")
    op.drop_table("mail_outbox")
    op.drop_table("mail_drafts")
    op.drop_table("mail_templates")
