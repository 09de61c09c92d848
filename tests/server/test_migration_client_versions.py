"""Migration 0005 fills ``records.client_versions`` for the records a server already holds,
from their full versions (``backend_url``: a database of this module's own, not migrated)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from server.db.migrate import _config
from server.records.client_versions import client_versions


def test_migration_0005_fills_client_versions_from_the_versions(backend_url):
    from alembic import command

    command.upgrade(_config(backend_url), "0004")
    versions = {"name": {"v": 3, "hlc": "h1", "by": "u", "dev": "d"},
                "tags": {"v": 2, "hlc": "h2", "by": "u", "e": {"vip": ["h2", True]}},
                "gone": {"v": 1, "hlc": "h3", "by": "u"}}  # a version without its field
    fields = {"name": "Acme", "tags": ["vip"]}
    engine = sa.create_engine(backend_url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO teams (id, name, sharing, share_mail_bodies, created_at) "
                             "VALUES ('t', 'T', 'read', false, 0)"))
        conn.execute(sa.text("INSERT INTO users (id, email, name, role, team_id, password_hash, "
                             "active, created_at) VALUES ('u', 'u@t.test', 'U', 'rep', 't', "
                             "'x', true, 0)"))
        for n in range(2501):  # more than one of the migration's batches
            conn.execute(sa.text(
                "INSERT INTO records (uuid, type, owner_id, team_id, fields, versions, revision, "
                "created_at, updated_at) VALUES (:uuid, 'company', 'u', 't', :fields, "
                ":versions, 1, 0, 0)"),
                {"uuid": f"{n:08d}-0000-0000-0000-000000000000", "fields": json.dumps(fields),
                 "versions": json.dumps(versions if n % 2 else {})})
    command.upgrade(_config(backend_url), "head")
    with engine.connect() as conn:
        stored = [json.loads(v) if isinstance(v, str) else v for v in conn.scalars(
            sa.text("SELECT client_versions FROM records ORDER BY uuid"))]
    engine.dispose()
    assert len(stored) == 2501
    assert stored[1] == {"name": {"v": 3, "hlc": "h1"}, "tags": {"v": 2, "hlc": "h2"}}
    assert stored == [client_versions(fields, versions if n % 2 else {}) for n in range(2501)]
