"""``records.client_versions``: what a pull tells a client of each field's version, stored
beside the full versions by the writer and filled for existing records by migration 0005.
A pull sends it as stored; it must always say what the full versions say."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from server.db.migrate import _config
from server.records.client_versions import client_versions
from server.sync.pull import page_json
from server.records.views import StoredJSON


def _set(api, record: str, field: str, value, base=None) -> dict:
    return {"id": str(uuid.uuid4()), "type": "contact", "record": record, "op": "set",
            "field": field, "value": value, "base": base, "hlc": api.hlc()}


def _add(api, record: str, field: str, value) -> dict:
    return {"id": str(uuid.uuid4()), "type": "contact", "record": record, "op": "add",
            "field": field, "value": value, "hlc": api.hlc()}


def test_a_pull_tells_each_fields_version_and_clock_and_nothing_more(team_server):
    team_server.team("Versions")
    team_server.user("ann@versions.test", "Versions", "rep")
    ann = team_server.sign_in("ann@versions.test")
    record = str(uuid.uuid4())
    ann.push(_set(ann, record, "name", "Li Lei"), _add(ann, record, "emails", "li@lei.test"),
             _add(ann, record, "tags", "vip"))
    ann.push(_set(ann, record, "name", "Li Lei (Acme)", base=1),
             _add(ann, record, "tags", "reseller"))
    pulled = ann.pull_all()["records"][record]
    read = ann.get(f"/api/v1/records/{record}").json()
    assert pulled["versions"] == read["versions"]
    assert pulled["versions"]["name"]["v"] == 2 and pulled["versions"]["tags"]["v"] == 2
    # The sets' element clocks and the author stay on the server.
    assert {key for meta in pulled["versions"].values() for key in meta} == {"v", "hlc"}
    assert pulled["versions"].keys() == pulled["fields"].keys() == {"name", "emails", "tags"}
    ann.close()


def test_a_page_with_a_lone_surrogate_is_still_written():
    """orjson refuses a string with a lone surrogate (json.loads accepts one in a stored
    record); the page is then written by the standard library, stored versions included."""
    page = {"records": [{"fields": {"name": "bad \ud800"},
                         "versions": StoredJSON('{"name": {"v": 1, "hlc": "x"}}')}]}
    assert json.loads(page_json(page)) == {
        "records": [{"fields": {"name": "bad \ud800"}, "versions": {"name": {"v": 1, "hlc": "x"}}}]}
    assert json.loads(page_json({"versions": StoredJSON('{"a": {"v": 2}}')})) == {
        "versions": {"a": {"v": 2}}}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/server.sqlite3"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"migration_{uuid.uuid4().hex}"
    yield server.create_database(name)
    server.drop_database(name)


def test_migration_0005_fills_client_versions_from_the_versions(empty_url):
    from alembic import command

    command.upgrade(_config(empty_url), "0004")
    versions = {"name": {"v": 3, "hlc": "h1", "by": "u", "dev": "d"},
                "tags": {"v": 2, "hlc": "h2", "by": "u", "e": {"vip": ["h2", True]}},
                "gone": {"v": 1, "hlc": "h3", "by": "u"}}  # a version without its field
    fields = {"name": "Acme", "tags": ["vip"]}
    engine = sa.create_engine(empty_url)
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
    command.upgrade(_config(empty_url), "head")
    with engine.connect() as conn:
        stored = [json.loads(v) if isinstance(v, str) else v for v in conn.scalars(
            sa.text("SELECT client_versions FROM records ORDER BY uuid"))]
    engine.dispose()
    assert len(stored) == 2501
    assert stored[1] == {"name": {"v": 3, "hlc": "h1"}, "tags": {"v": 2, "hlc": "h2"}}
    assert stored == [client_versions(fields, versions if n % 2 else {}) for n in range(2501)]
