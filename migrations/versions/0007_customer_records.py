"""Customer records: companies, contacts, deals, tasks, notes, calls and meetings, custom
fields, the change history, message links and follow-ups.

All of these tables are user data: no later migration may drop them or their rows.  Also
``mail_messages.auto_kind`` (mail cache): NULL on existing rows until the application has
checked them for auto-replies and bounces.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crm_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('op_uuid', sa.String(length=36), nullable=False),
    sa.Column('batch_uuid', sa.String(length=36), nullable=False),
    sa.Column('record_type', sa.String(), nullable=False),
    sa.Column('record_uuid', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('at', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('pushed_at', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_changes')),
    sa.UniqueConstraint('op_uuid', name=op.f('uq_crm_changes_op_uuid'))
    )
    with op.batch_alter_table('crm_changes', schema=None) as batch_op:
        batch_op.create_index('ix_crm_changes_record', ['record_type', 'record_uuid', 'id'], unique=False)
        batch_op.create_index('ix_crm_changes_unpushed', ['pushed_at'], unique=False)

    op.create_table('crm_companies',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('industry', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('custom', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_companies')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_companies_uuid'))
    )
    op.create_table('crm_custom_fields',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('record_type', sa.String(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('field_type', sa.String(), nullable=False),
    sa.Column('choices', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_custom_fields')),
    sa.UniqueConstraint('record_type', 'key', name=op.f('uq_crm_custom_fields_record_type')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_custom_fields_uuid'))
    )
    op.create_table('crm_link_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_key', sa.String(), nullable=False),
    sa.Column('record_type', sa.String(), nullable=False),
    sa.Column('record_uuid', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_link_overrides')),
    sa.UniqueConstraint('message_key', 'record_type', 'record_uuid', name=op.f('uq_crm_link_overrides_message_key'))
    )
    with op.batch_alter_table('crm_link_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_link_overrides_message_key'), ['message_key'], unique=False)

    op.create_table('crm_pipelines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_pipelines')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_pipelines_uuid'))
    )
    op.create_table('crm_settings',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_crm_settings'))
    )
    op.create_table('crm_company_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_company_domains_company_id_crm_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_company_domains')),
    sa.UniqueConstraint('domain', name=op.f('uq_crm_company_domains_domain'))
    )
    with op.batch_alter_table('crm_company_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_company_domains_company_id'), ['company_id'], unique=False)

    op.create_table('crm_contacts',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('first_name', sa.String(), nullable=False),
    sa.Column('last_name', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('custom', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_contacts_company_id_crm_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['crm_contacts.id'], name=op.f('fk_crm_contacts_merged_into_id_crm_contacts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_contacts')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_contacts_uuid'))
    )
    with op.batch_alter_table('crm_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_contacts_company_id'), ['company_id'], unique=False)

    op.create_table('crm_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('pipeline_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['pipeline_id'], ['crm_pipelines.id'], name=op.f('fk_crm_stages_pipeline_id_crm_pipelines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_stages')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_stages_uuid'))
    )
    with op.batch_alter_table('crm_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_stages_pipeline_id'), ['pipeline_id'], unique=False)

    op.create_table('crm_contact_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_contact_emails_contact_id_crm_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_contact_emails')),
    sa.UniqueConstraint('email', name=op.f('uq_crm_contact_emails_email'))
    )
    with op.batch_alter_table('crm_contact_emails', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_contact_emails_contact_id'), ['contact_id'], unique=False)

    op.create_table('crm_contact_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_contact_phones_contact_id_crm_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_contact_phones'))
    )
    with op.batch_alter_table('crm_contact_phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_contact_phones_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_contact_phones_phone'), ['phone'], unique=False)

    op.create_table('crm_deals',
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.String(), nullable=False),
    sa.Column('currency', sa.String(), nullable=False),
    sa.Column('expected_close', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('custom', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_deals_company_id_crm_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_deals_contact_id_crm_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stage_id'], ['crm_stages.id'], name=op.f('fk_crm_deals_stage_id_crm_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_deals')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_deals_uuid'))
    )
    with op.batch_alter_table('crm_deals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_deals_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_deals_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_deals_stage_id'), ['stage_id'], unique=False)

    op.create_table('crm_activities',
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('happened_at', sa.Integer(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_activities_company_id_crm_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_activities_contact_id_crm_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deal_id'], ['crm_deals.id'], name=op.f('fk_crm_activities_deal_id_crm_deals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_activities')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_activities_uuid'))
    )
    with op.batch_alter_table('crm_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_activities_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_activities_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_activities_deal_id'), ['deal_id'], unique=False)

    op.create_table('crm_message_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('date', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_message_links_company_id_crm_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_message_links_contact_id_crm_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['deal_id'], ['crm_deals.id'], name=op.f('fk_crm_message_links_deal_id_crm_deals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['mail_messages.id'], name=op.f('fk_crm_message_links_message_id_mail_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_message_links'))
    )
    with op.batch_alter_table('crm_message_links', schema=None) as batch_op:
        batch_op.create_index('ix_crm_message_links_company', ['company_id', 'date'], unique=False)
        batch_op.create_index('ix_crm_message_links_contact', ['contact_id', 'date'], unique=False)
        batch_op.create_index('ix_crm_message_links_deal', ['deal_id', 'date'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_message_links_message_id'), ['message_id'], unique=False)

    op.create_table('crm_notes',
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_notes_company_id_crm_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_notes_contact_id_crm_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deal_id'], ['crm_deals.id'], name=op.f('fk_crm_notes_deal_id_crm_deals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_notes')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_notes_uuid'))
    )
    with op.batch_alter_table('crm_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_notes_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_notes_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_notes_deal_id'), ['deal_id'], unique=False)

    op.create_table('crm_tasks',
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('due_at', sa.Integer(), nullable=True),
    sa.Column('remind_at', sa.Integer(), nullable=True),
    sa.Column('done_at', sa.Integer(), nullable=True),
    sa.Column('notified_at', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['crm_companies.id'], name=op.f('fk_crm_tasks_company_id_crm_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['crm_contacts.id'], name=op.f('fk_crm_tasks_contact_id_crm_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deal_id'], ['crm_deals.id'], name=op.f('fk_crm_tasks_deal_id_crm_deals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_tasks')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_tasks_uuid'))
    )
    with op.batch_alter_table('crm_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_tasks_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_tasks_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crm_tasks_deal_id'), ['deal_id'], unique=False)
        batch_op.create_index('ix_crm_tasks_open_due', ['done_at', 'due_at'], unique=False)

    op.create_table('crm_followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('message_key', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['crm_tasks.id'], name=op.f('fk_crm_followups_task_id_crm_tasks'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_followups')),
    sa.UniqueConstraint('uuid', name=op.f('uq_crm_followups_uuid'))
    )
    with op.batch_alter_table('crm_followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_followups_message_key'), ['message_key'], unique=False)

    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auto_kind', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mail_messages") as batch_op:
        batch_op.drop_column("auto_kind")
    op.drop_table("crm_followups")
    op.drop_table("crm_message_links")
    op.drop_table("crm_link_overrides")
    op.drop_table("crm_notes")
    op.drop_table("crm_activities")
    op.drop_table("crm_tasks")
    op.drop_table("crm_deals")
    op.drop_table("crm_stages")
    op.drop_table("crm_pipelines")
    op.drop_table("crm_contact_phones")
    op.drop_table("crm_contact_emails")
    op.drop_table("crm_contacts")
    op.drop_table("crm_company_domains")
    op.drop_table("crm_companies")
    op.drop_table("crm_custom_fields")
    op.drop_table("crm_changes")
    op.drop_table("crm_settings")
