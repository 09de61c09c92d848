"""Field rules in every answer: a hidden field is absent from reads, lists, searches, pulls,
history and conflicts; a read-only field cannot be changed by REST or by push; mass
assignment of server-owned fields is refused. On PostgreSQL and SQLite."""

from __future__ import annotations

import uuid

import pytest

from server.admin import ops
from server.policy.principal import Principal

pytestmark = pytest.mark.integration

PHONE = "+86 138 0013 8000"


@pytest.fixture(scope="module")
def setup(team_server):
    team_server.team("Rules", "edit")
    team_server.team("Elsewhere", "edit")
    for email, role in (("boss@rules.test", "manager"), ("rep1@rules.test", "rep"),
                        ("rep2@rules.test", "rep")):
        team_server.user(email, "Rules", role)
    boss, rep1, rep2 = (team_server.sign_in(e) for e in
                        ("boss@rules.test", "rep1@rules.test", "rep2@rules.test"))
    contact = boss.post("/api/v1/records", json={"type": "contact", "fields": {
        "name": "Zhang Wei", "title": "CTO", "phones": [PHONE]}}).json()["record"]["uuid"]
    deal = rep1.post("/api/v1/records", json={"type": "deal", "fields": {
        "title": "Big order", "amount": "120000.00", "currency": "CNY"}}).json()["record"]["uuid"]
    rep1_cursor = rep1.pull_all()["cursor"]
    with team_server.db.write() as tx:
        admin = Principal.server_admin()
        ops.set_field_rule(tx, admin, "rep", "contact", "phones", "hidden")
        ops.set_field_rule(tx, admin, "rep", "contact", "title", "read_only")
        ops.set_field_rule(tx, admin, "rep", "deal", "amount", "hidden", scope="other_teams")
    yield {"boss": boss, "rep1": rep1, "rep2": rep2, "contact": contact, "deal": deal,
           "rep1_cursor": rep1_cursor, "server": team_server}
    for client in (boss, rep1, rep2):
        client.close()


def test_hidden_field_is_absent_everywhere(setup):
    rep, boss, contact = setup["rep2"], setup["boss"], setup["contact"]
    assert boss.get(f"/api/v1/records/{contact}").json()["fields"]["phones"] == [PHONE]
    read = rep.get(f"/api/v1/records/{contact}").json()
    assert "phones" not in read["fields"] and "phones" not in read["versions"]
    assert "phones" not in read["read_only_fields"]
    listed = rep.get("/api/v1/records", params={"type": "contact"}).json()["records"]
    assert [r for r in listed if r["uuid"] == contact][0]["fields"].keys() == {"name", "title"}
    # Searching by the hidden value finds nothing (a match would reveal it) …
    assert rep.get("/api/v1/records", params={"q": "13800138000"}).json()["records"] == []
    assert rep.get("/api/v1/records", params={"q": "1380013"}).json()["records"] == []
    # … while the manager, who may see phones, finds the contact by it.
    assert [r["uuid"] for r in boss.get("/api/v1/records",
                                        params={"q": "1380013"}).json()["records"]] == [contact]
    pulled = rep.pull_all()["records"][contact]
    assert "phones" not in pulled["fields"] and "phones" not in pulled["versions"]
    assert pulled["versions"].keys() == {"name", "title"}
    history = rep.get(f"/api/v1/records/{contact}/history").json()
    assert history and all(h["field"] != "phones" for h in history)
    assert PHONE not in str(rep.get(f"/api/v1/records/{contact}").text)


def test_a_rule_change_reaches_devices_that_pulled_before_it(setup):
    """rep1 pulled the contact with its phone before the rule; their next pull re-sends it
    without the phone."""
    rep1, contact = setup["rep1"], setup["contact"]
    again = rep1.pull_all(setup["rep1_cursor"])
    assert contact in again["records"] and "phones" not in again["records"][contact]["fields"]


def test_hidden_and_read_only_fields_cannot_be_written(setup):
    rep, contact = setup["rep2"], setup["contact"]
    for field, value in (("title", "CEO"), ("phones", ["+1 555 0100"])):
        answer = rep.patch(f"/api/v1/records/{contact}", json={"fields": {field: value}})
        assert answer.status_code == 403, answer.text
    results = rep.push(
        {"id": str(uuid.uuid4()), "type": "contact", "record": contact, "op": "set",
         "field": "title", "value": "CEO", "hlc": rep.hlc()},
        {"id": str(uuid.uuid4()), "type": "contact", "record": contact, "op": "add",
         "field": "phones", "value": "+1 555 0100", "hlc": rep.hlc()},
        {"id": str(uuid.uuid4()), "type": "contact", "record": contact, "op": "set",
         "field": "name", "value": "Zhang Wei (张伟)", "hlc": rep.hlc()})
    assert [r["status"] for r in results] == ["read_only", "read_only", "applied"]
    boss_view = setup["boss"].get(f"/api/v1/records/{contact}").json()["fields"]
    assert boss_view["title"] == "CTO" and boss_view["phones"] == [PHONE]
    assert rep.get(f"/api/v1/records/{contact}").json()["read_only_fields"] == ["title"]


def test_other_teams_scope_hides_only_across_teams(setup):
    """rep1 moves to another team: the deal they own stays with its team, and its amount
    (hidden from reps of another team) disappears for them; rep2, on the deal's team, keeps
    seeing it."""
    rep1, rep2, deal = setup["rep1"], setup["rep2"], setup["deal"]
    assert rep1.get(f"/api/v1/records/{deal}").json()["fields"]["amount"] == "120000.00"
    with setup["server"].db.write() as tx:
        ops.set_role(tx, Principal.server_admin(), "rep1@rules.test", "rep", team="Elsewhere")
    try:
        assert "amount" not in rep1.get(f"/api/v1/records/{deal}").json()["fields"]
        assert "amount" not in rep1.pull_all()["records"][deal]["fields"]
        assert rep2.get(f"/api/v1/records/{deal}").json()["fields"]["amount"] == "120000.00"
    finally:
        with setup["server"].db.write() as tx:
            ops.set_role(tx, Principal.server_admin(), "rep1@rules.test", "rep", team="Rules")


@pytest.mark.parametrize("field", ["owner", "owner_id", "team", "team_id", "uuid", "id",
                                   "revision", "created_at", "updated_at", "deleted_at",
                                   "sharing", "versions", "type"])
def test_mass_assignment_is_refused(setup, field):
    boss, contact = setup["boss"], setup["contact"]
    before = boss.get(f"/api/v1/records/{contact}").json()
    patch = boss.patch(f"/api/v1/records/{contact}", json={"fields": {field: "x"}})
    assert patch.status_code == 422 and "server" in patch.json()["detail"]
    create = boss.post("/api/v1/records", json={"type": "contact", "fields": {field: "x"}})
    assert create.status_code == 422
    top_level = boss.post("/api/v1/records", json={"type": "contact", "fields": {}, field: "x"})
    assert top_level.status_code == 422
    [pushed] = boss.push({"id": str(uuid.uuid4()), "type": "contact", "record": contact,
                          "op": "set", "field": field, "value": "x", "hlc": boss.hlc()})
    assert pushed["status"] == "invalid"
    after = boss.get(f"/api/v1/records/{contact}").json()
    assert (after["owner"], after["team"], after["revision"]) == \
        (before["owner"], before["team"], before["revision"])
