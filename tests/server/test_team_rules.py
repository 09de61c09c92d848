"""Team automation rules on the server, on PostgreSQL and SQLite against a running server:
who sees and changes them (every role × own team × other team), and claims — the first
device to claim a rule for an event runs it, every other hears who did; all audited."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.integration

RULE = {"when": {"event": "message_received"},
        "if": {"field": "subject", "op": "contains", "value": "投诉"},
        "then": [{"action": "create_case", "priority": "high"}]}
PEOPLE = {"admin@rules.test": ("Red", "admin", []), "mgr.red@rules.test": ("Red", "manager", []),
          "mgr.both@rules.test": ("Blue", "manager", ["Green"]), "rep.red@rules.test": ("Red", "rep", []),
          "rep.blue@rules.test": ("Blue", "rep", []), "rep.green@rules.test": ("Green", "rep", [])}


@pytest.fixture(scope="module")
def world(team_server):
    for team in ("Red", "Blue", "Green"):
        team_server.team(team)
    for email, (team, role, manages) in PEOPLE.items():
        team_server.user(email, team, role, manages)
    clients = {email: team_server.sign_in(email) for email in PEOPLE}
    yield clients
    for client in clients.values():
        client.close()


def expected(actor: str, team: str) -> tuple[bool, bool]:
    """(sees, changes) a rule of ``team``: members and managers see it; managers and admins change it."""
    own, role, manages = PEOPLE[actor]
    if role == "admin":
        return True, True
    member = team in (own, *manages) if role == "manager" else team == own
    return member, member and role == "manager"


@pytest.mark.parametrize("team", ["Red", "Blue", "Green"])
def test_every_role_sees_and_changes_team_rules_as_allowed(world, team):
    owner = {"Red": "mgr.red@rules.test", "Blue": "mgr.both@rules.test", "Green": "mgr.both@rules.test"}[team]
    rule_id = str(uuid.uuid4())
    made = world[owner].put(f"/api/v1/automation/rules/{rule_id}",
                            json={"team": team, "name": f"complaint {team}", "definition": RULE})
    assert made.status_code == 200, made.text
    for actor, client in world.items():
        sees, changes = expected(actor, team)
        listed = [r["uuid"] for r in client.get("/api/v1/automation/rules").json()]
        assert (rule_id in listed) == sees, actor
        edit = client.put(f"/api/v1/automation/rules/{rule_id}",
                          json={"team": team, "name": f"complaint {team}", "definition": RULE, "position": 2})
        assert edit.status_code == (200 if changes else 403 if sees else 404), (actor, edit.text)
        claim = client.post("/api/v1/automation/claims", json={"rule": rule_id, "event": f"received:<{actor}>"})
        assert claim.status_code == (200 if sees else 404), (actor, claim.text)
    stranger = world["rep.green@rules.test" if team != "Green" else "rep.red@rules.test"]
    assert stranger.delete(f"/api/v1/automation/rules/{rule_id}").status_code == 404
    member_rep = {"Red": "rep.red@rules.test", "Blue": "rep.blue@rules.test", "Green": "rep.green@rules.test"}[team]
    assert world[member_rep].delete(f"/api/v1/automation/rules/{rule_id}").status_code == 403
    assert world[owner].delete(f"/api/v1/automation/rules/{rule_id}").status_code == 204
    assert rule_id not in [r["uuid"] for r in world[member_rep].get("/api/v1/automation/rules").json()]


def test_a_rep_cannot_make_a_team_rule_and_a_bad_definition_is_refused(world):
    rep = world["rep.red@rules.test"]
    assert rep.put(f"/api/v1/automation/rules/{uuid.uuid4()}",
                   json={"name": "mine", "definition": RULE}).status_code == 403
    manager = world["mgr.red@rules.test"]
    assert manager.put(f"/api/v1/automation/rules/{uuid.uuid4()}",
                       json={"name": "broken", "definition": {"when": "x"}}).status_code == 400
    assert manager.put(f"/api/v1/automation/rules/{uuid.uuid4()}",
                       json={"name": "x", "definition": RULE, "owner": "me"}).status_code == 422


def test_the_first_claim_wins_and_every_other_device_hears_who_won(world, team_server):
    rule_id = str(uuid.uuid4())
    assert world["mgr.red@rules.test"].put(f"/api/v1/automation/rules/{rule_id}",
                                           json={"name": "race", "definition": RULE}).status_code == 200
    devices = [team_server.sign_in("rep.red@rules.test", device=f"laptop {n}") for n in range(3)]
    devices.append(world["mgr.red@rules.test"])

    def claim(client):
        return client.post("/api/v1/automation/claims", json={"rule": rule_id, "event": "received:<c1@x.cn>"}).json()

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(claim, devices))
    assert sum(answer["claimed"] for answer in answers) == 1
    winner = next(answer["by"] for answer in answers if answer["claimed"])
    assert all(answer["by"] == winner for answer in answers)
    audit = world["admin@rules.test"].get("/api/v1/admin/audit", params={"record": rule_id}).json()
    assert [entry["action"] for entry in audit].count("rule_run") == 1
    assert "rule" in [entry["action"] for entry in audit]
    for client in devices[:3]:
        client.close()
