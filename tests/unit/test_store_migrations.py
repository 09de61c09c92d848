"""Schema creation, upgrades of released schemas, backups, and refusing a newer database."""

from __future__ import annotations

import hashlib
import json
import shutil
from contextlib import closing
from pathlib import Path

import pytest

from app.errors import StoreError
from app.paths import ProfilePaths
from app.search import mail_index
from app.search.mail_search import search_mail
from app.store import cipher, migrate
from app.store.database import Store
from app.store.migrate import SCHEMA_HEAD, ensure_schema, stamped_revision

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "schemas"


def _connect(path):
    """The test's own connection, through the driver the product opens profiles with: two
    SQLite libraries on one file in one process do not see each other's locks, and Debian's
    SQLite cannot read the contentless search index (0018)."""
    return cipher.connect(path, None)


def test_schema_head_constant_matches_the_migration_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config(Path("unused.sqlite3")))
    assert scripts.get_heads() == [SCHEMA_HEAD]


def test_new_profile_gets_the_head_schema_with_wal_and_foreign_keys(tmp_path):
    paths = ProfilePaths(tmp_path / "p").ensure()
    ensure_schema(paths)
    assert stamped_revision(paths.database) == SCHEMA_HEAD
    from app.store.database import Store

    store = Store(paths.database)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    paths = ProfilePaths(tmp_path / "p").ensure()
    ensure_schema(paths)
    with _connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="newer version of Liaison"):
        ensure_schema(paths)
    assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == before


def test_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    paths = ProfilePaths(tmp_path / "p").ensure()
    paths.database.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable Liaison database"):
        ensure_schema(paths)


def test_a_profile_folder_named_like_url_syntax_is_upgraded_and_opened_in_place(tmp_path):
    """'?', '#' and '%' are URL (and configparser) syntax; the database must still be that file."""
    paths = ProfilePaths(tmp_path / "50% off?#mode=ro" / "p").ensure()
    shutil.copyfile(sorted(SNAPSHOTS.glob("*.sqlite3"))[0], paths.database)
    ensure_schema(paths)
    assert stamped_revision(paths.database) == SCHEMA_HEAD
    store = Store(paths.database)
    try:
        store.write_with(lambda session: session.connection().exec_driver_sql(
            "INSERT INTO recent_searches (query, used_at) VALUES ('合同', 1)"))
    finally:
        store.close()
    with _connect(paths.database) as conn:
        assert conn.execute("SELECT query FROM recent_searches").fetchall() == [("合同",)]
    assert [p.name for p in tmp_path.iterdir()] == ["50% off?#mode=ro"]


@pytest.mark.parametrize("snapshot", sorted(SNAPSHOTS.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_every_released_schema_upgrades_with_user_data_intact(tmp_path, snapshot):
    """Each released schema's snapshot (with data) upgrades to head; user data survives."""
    paths = ProfilePaths(tmp_path / "p").ensure()
    shutil.copyfile(snapshot, paths.database)
    with _connect(paths.database) as conn:
        accounts_before = conn.execute("SELECT uuid, name, email FROM accounts ORDER BY id").fetchall()
        pending_before = conn.execute("SELECT uid, kind, flags FROM mail_pending_actions").fetchall()
        has_senders = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'remote_content_senders'").fetchone()
        senders_before = conn.execute("SELECT addr FROM remote_content_senders").fetchall() if has_senders else []
        has_crm = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'crm_contacts'").fetchone()
        # The customer records' history (0011 adds the definitions' own history beside it).
        crm_query = ("SELECT (SELECT group_concat(uuid || name) FROM crm_contacts), (SELECT count(*) FROM crm_changes "
                     "WHERE record_type NOT IN ('pipeline', 'stage', 'custom_field')), "
                     "(SELECT group_concat(body) FROM crm_notes), (SELECT group_concat(title) FROM crm_deals)")
        crm_before = conn.execute(crm_query).fetchone() if has_crm else None
        has_outbox = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'mail_outbox'").fetchone()
        outbox_query = ("SELECT (SELECT group_concat(subject || state) FROM mail_outbox), "
                        "(SELECT group_concat(body) FROM mail_drafts), (SELECT group_concat(name) FROM mail_templates)")
        outbox_before = conn.execute(outbox_query).fetchone() if has_outbox else None
        has_recent = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'recent_searches'").fetchone()
        recent_before = conn.execute("SELECT query FROM recent_searches").fetchall() if has_recent else None
        has_rules = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'automation_rules'").fetchone()
        rules_query = ("SELECT (SELECT group_concat(name || definition) FROM automation_rules), "
                       "(SELECT group_concat(title || status) FROM crm_cases)")
        rules_before = conn.execute(rules_query).fetchone() if has_rules else None
    released = stamped_revision(paths.database)
    ensure_schema(paths)
    assert stamped_revision(paths.database) == SCHEMA_HEAD
    with _connect(paths.database) as conn:
        assert conn.execute("SELECT uuid, name, email FROM accounts ORDER BY id").fetchall() == accounts_before
        assert conn.execute("SELECT uid, kind, flags FROM mail_pending_actions").fetchall() == pending_before
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT addr FROM remote_content_senders").fetchall() == senders_before
        if crm_before is not None:
            assert conn.execute(crm_query).fetchone() == crm_before and crm_before[0]
        if outbox_before is not None:
            assert conn.execute(outbox_query).fetchone() == outbox_before and all(outbox_before)
        # 0005 backfilled each participant row's date from its message (mail is not re-fetched)
        assert conn.execute("SELECT count(*) FROM mail_addresses").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM mail_addresses a JOIN mail_messages m "
                            "ON m.id = a.message_id WHERE a.date != m.date").fetchone()[0] == 0
        # 0009: every stored message is in the search index or queued for it
        messages = conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0]
        assert conn.execute("SELECT (SELECT count(*) FROM mail_fts) + (SELECT count(*) FROM mail_fts_pending)"
                            ).fetchone()[0] == messages
        if recent_before is not None:
            assert conn.execute("SELECT query FROM recent_searches").fetchall() == recent_before and recent_before
        if rules_before is not None:
            assert conn.execute(rules_query).fetchone() == rules_before and all(rules_before)
    store = Store(paths.database)
    try:
        mail_index.index_pending(store)
        assert search_mail(store, "报价单", 5).hits  # make_message's subjects
    finally:
        store.close()
    if released != SCHEMA_HEAD:
        assert list(paths.backups.glob(f"liaison-*-rev{released}.sqlite3"))


def test_backup_is_a_consistent_copy_and_old_ones_are_pruned(tmp_path):
    paths = ProfilePaths(tmp_path / "p").ensure()
    ensure_schema(paths)
    for n in range(migrate.BACKUPS_KEPT + 2):
        (paths.backups / f"liaison-2020010{n}T000000-rev0000.sqlite3").write_bytes(b"old")
    saved = migrate.backup_database(paths, SCHEMA_HEAD)
    with _connect(saved) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert len(list(paths.backups.glob("liaison-*.sqlite3"))) == migrate.BACKUPS_KEPT
    assert saved.exists()


def test_migrations_create_exactly_what_the_models_declare(tmp_path):
    """Autogenerate against a migrated database finds nothing: models and migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from app.store.models import Base

    paths = ProfilePaths(tmp_path / "p").ensure()
    ensure_schema(paths)
    engine = create_engine(cipher.engine_url(paths.database, None), **cipher.engine_options(None))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True,
                                                         "include_object": migrate.include_object})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_definitions_become_synced_records_without_resetting_the_team(tmp_path):
    """0011: the default pipeline's defaults go to the history with origin ``default`` (sent
    only as a creation the server ignores if it has the record), what this profile renamed is
    an ordinary local change, and a custom field takes the UUID every laptop derives."""
    from app.crm.custom_fields import field_uuid
    from app.crm.deals import DEFAULT_STAGE_UUIDS

    paths = ProfilePaths(tmp_path / "p").ensure()
    shutil.copyfile(SNAPSHOTS / "0010.sqlite3", paths.database)
    ensure_schema(paths)
    with _connect(paths.database) as conn:
        renamed = DEFAULT_STAGE_UUIDS[1]
        rows = conn.execute("SELECT field, old, new, origin FROM crm_changes WHERE record_uuid = ? ORDER BY id",
                            (renamed,)).fetchall()
        assert ("name", None, '"Qualified"', "default") in rows
        assert ("name", '"Qualified"', '"已确认"', "local") in rows
        assert [r for r in rows if r[3] == "local"] == [("name", '"Qualified"', '"已确认"', "local")]
        assert conn.execute("SELECT uuid FROM crm_custom_fields WHERE key = 'wechat'").fetchone() == \
            (field_uuid("contact", "wechat"),)
        queued = conn.execute("SELECT count(*) FROM crm_changes WHERE record_type = 'custom_field' "
                              "AND pushed_at IS NULL AND origin = 'local'").fetchone()[0]
        assert queued >= 5  # created, label, record type, key, field type (position 0 counts too)


def test_field_versions_move_onto_their_records_and_back(tmp_path):
    """0017: every field version of 0016's ``team_field_versions`` is on its record's
    ``versions``, an orphan one gets a record row rather than being dropped, and a downgrade
    gives back the same rows."""
    from alembic import command

    database = tmp_path / "liaison.sqlite3"
    config = migrate.alembic_config(database)
    command.upgrade(config, "0016")
    rows = [("r1", "name", 3, "0001-a"), ("r1", "phones", 1, "0002-b"), ("r2", "title", 7, "0003-c"),
            ("orphan", "name", 2, "0004-d")]
    with _connect(database) as conn:
        conn.executemany("INSERT INTO team_field_versions VALUES (?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO team_records (record_uuid, record_type, owner_email, owner_name, team_name, "
                         "sharing, can_edit, can_manage, revision) VALUES (?, 'contact', '', '', '', '', 1, 1, 1)",
                         [("r1",), ("r2",), ("r3",)])
    conn.close()
    command.upgrade(config, "0017")
    with _connect(database) as conn:
        versions = dict(conn.execute("SELECT record_uuid, versions FROM team_records"))
    conn.close()
    assert {uuid: json.loads(text) for uuid, text in versions.items()} == {
        "r1": {"name": [3, "0001-a"], "phones": [1, "0002-b"]}, "r2": {"title": [7, "0003-c"]}, "r3": {},
        "orphan": {"name": [2, "0004-d"]}}
    command.downgrade(config, "0016")
    with _connect(database) as conn:
        assert sorted(conn.execute("SELECT * FROM team_field_versions")) == sorted(rows)
    conn.close()


def test_the_mail_index_becomes_contentless_and_every_message_is_indexed_again(tmp_path):
    """0018: ``mail_fts`` keeps no copy of the documents; the upgrade and the downgrade both
    queue every stored message, and the index built afterwards finds them and forgets a
    deleted one."""
    from alembic import command

    paths = ProfilePaths(tmp_path / "p").ensure()
    shutil.copyfile(SNAPSHOTS / "0013.sqlite3", paths.database)
    config = migrate.alembic_config(paths.database)
    command.upgrade(config, "0017")
    store = Store(paths.database)
    try:
        mail_index.index_pending(store)
    finally:
        store.close()
    with closing(_connect(paths.database)) as conn:
        messages = conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0]
        assert messages and conn.execute("SELECT count(*) FROM mail_fts_content").fetchone()[0] == messages

    command.upgrade(config, "0018")
    with closing(_connect(paths.database)) as conn:
        assert "contentless_delete" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'mail_fts'").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM mail_fts_pending").fetchone()[0] == messages
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'mail_fts_content'").fetchone()
    store = Store(paths.database)
    try:
        mail_index.index_pending(store)
        hits = search_mail(store, "报价单", 50).hits
        assert hits and mail_index.indexed_count(store) == messages
        gone = hits[0].id
        store.write_with(lambda session: session.connection().connection.execute(
            "DELETE FROM mail_messages WHERE id = ?", (gone,)))
        assert gone not in {hit.id for hit in search_mail(store, "报价单", 50).hits}
        assert mail_index.indexed_count(store) == messages - 1
    finally:
        store.close()

    command.downgrade(config, "0017")
    with closing(_connect(paths.database)) as conn:
        assert "contentless" not in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'mail_fts'").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM mail_fts_pending").fetchone()[0] == messages - 1
