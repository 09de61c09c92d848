"""``records.client_versions``: what a pull tells a client of each field's version, stored
beside the full versions by the writer (migration 0005 fills it for existing records: see
test_migration_client_versions.py). A pull sends it as stored; it must always say what the
full versions say."""

from __future__ import annotations

import json
import uuid

from server.records.views import StoredJSON
from server.sync.pull import page_json


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
