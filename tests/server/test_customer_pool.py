"""The team's public pool (公海), on PostgreSQL and SQLite against a running server: who may
return a customer to the pool, who then sees it (every member of its team, whatever its
sharing; nobody outside), who may pick it up, that two colleagues racing for it get one
owner, that pulls carry it to the team and take it away from whoever lost it, all audited."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.integration

# A private team: without the pool, a rep never sees a colleague's customer.
PEOPLE = {"admin@pool.test": ("Amber", "admin", []), "mgr.amber@pool.test": ("Amber", "manager", []),
          "owner.amber@pool.test": ("Amber", "rep", []), "rep.amber@pool.test": ("Amber", "rep", []),
          "rep2.amber@pool.test": ("Amber", "rep", []), "rep.teal@pool.test": ("Teal", "rep", []),
          "mgr.teal@pool.test": ("Teal", "manager", [])}


@pytest.fixture(scope="module")
def world(team_server):
    team_server.team("Amber", "private")
    team_server.team("Teal", "private")
    for email, (team, role, manages) in PEOPLE.items():
        team_server.user(email, team, role, manages)
    clients = {email: team_server.sign_in(email) for email in PEOPLE}
    yield clients
    for client in clients.values():
        client.close()


def customer(world, owner="owner.amber@pool.test") -> str:
    made = world[owner].post("/api/v1/records", json={
        "type": "contact", "fields": {"name": f"客户 {uuid.uuid4().hex[:6]}", "emails": [f"{uuid.uuid4().hex}@c.cn"]}})
    assert made.status_code == 201, made.text
    return made.json()["record"]["uuid"]


def sees(client, record: str) -> bool:
    return client.get(f"/api/v1/records/{record}").status_code == 200


def test_returning_to_the_pool_is_for_whoever_manages_the_record(world):
    record = customer(world)
    expected = {"admin@pool.test": 204, "mgr.amber@pool.test": 204, "owner.amber@pool.test": 204,
                "rep.amber@pool.test": 404, "rep2.amber@pool.test": 404,  # private team: not seen
                "rep.teal@pool.test": 404, "mgr.teal@pool.test": 404}
    for actor, status in expected.items():
        if status == 204:
            continue
        assert world[actor].post(f"/api/v1/records/{record}/pool").status_code == status, actor
    assert world["owner.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 204
    # In the pool, the team's reps see it (read only) but still may not return it; others never see it.
    assert world["rep.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 403
    assert world["rep.teal@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 404
    for actor in ("admin@pool.test", "mgr.amber@pool.test"):
        assert world[actor].post(f"/api/v1/records/{record}/pool").status_code == 204  # already there: no change


def test_a_pooled_customer_is_seen_by_its_team_and_picked_up_by_one(world):
    record = customer(world)
    assert not sees(world["rep.amber@pool.test"], record)
    assert world["owner.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 204

    for actor, visible in {"rep.amber@pool.test": True, "rep2.amber@pool.test": True, "mgr.amber@pool.test": True,
                           "rep.teal@pool.test": False, "mgr.teal@pool.test": False}.items():
        assert sees(world[actor], record) == visible, actor
    seen = world["rep.amber@pool.test"].get(f"/api/v1/records/{record}").json()
    assert seen["pooled"] is True and seen["can_edit"] is False and seen["can_manage"] is False
    assert world["rep.amber@pool.test"].patch(f"/api/v1/records/{record}",
                                              json={"fields": {"name": "mine now"}}).status_code == 403
    assert world["rep.teal@pool.test"].post(f"/api/v1/records/{record}/pick-up").status_code == 404

    picked = world["rep.amber@pool.test"].post(f"/api/v1/records/{record}/pick-up")
    assert picked.status_code == 200, picked.text
    assert picked.json()["owner"]["email"] == "rep.amber@pool.test" and picked.json()["pooled"] is False
    assert picked.json()["can_manage"] is True
    assert world["rep2.amber@pool.test"].post(f"/api/v1/records/{record}/pick-up").status_code == 404  # private again
    assert not sees(world["owner.amber@pool.test"], record)  # the former owner let it go
    assert sees(world["mgr.amber@pool.test"], record)

    audit = world["admin@pool.test"].get("/api/v1/admin/audit", params={"record": record}).json()
    assert [entry["action"] for entry in audit if entry["action"] in ("pool", "pick_up")] == ["pick_up", "pool"]  # newest first


def test_two_colleagues_racing_for_one_customer_get_one_owner(world):
    for _ in range(3):
        record = customer(world)
        assert world["owner.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 204
        racers = ["rep.amber@pool.test", "rep2.amber@pool.test"]
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda who: world[who].post(f"/api/v1/records/{record}/pick-up").status_code,
                                    racers))
        assert sorted(answers) in ([200, 404], [200, 409]), answers  # the loser no longer sees it, or is told it is taken
        owner = world["admin@pool.test"].get(f"/api/v1/records/{record}").json()["owner"]["email"]
        assert owner == racers[answers.index(200)]


def test_a_pull_brings_the_pooled_customer_to_the_team_and_takes_it_from_the_loser(world):
    record = customer(world)
    colleague = world["rep2.amber@pool.test"]
    pulled = colleague.get("/api/v1/sync/pull").json()
    while pulled.get("more"):
        pulled = colleague.get("/api/v1/sync/pull", params={"cursor": pulled["cursor"]}).json()
    cursor = pulled["cursor"]
    assert world["owner.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 204

    page = colleague.get("/api/v1/sync/pull", params={"cursor": cursor}).json()
    [arrived] = [r for r in page["records"] if r["uuid"] == record]
    assert arrived["pooled"] is True
    assert world["rep.amber@pool.test"].post(f"/api/v1/records/{record}/pick-up").status_code == 200

    after = colleague.get("/api/v1/sync/pull", params={"cursor": page["cursor"]}).json()
    assert record in after["gone"]


def test_picking_up_what_is_not_in_the_pool_or_deleted_is_refused(world):
    record = customer(world, owner="rep.amber@pool.test")
    manager = world["mgr.amber@pool.test"]
    assert manager.post(f"/api/v1/records/{record}/pick-up").status_code == 409
    assert world["rep.amber@pool.test"].post(f"/api/v1/records/{record}/pool").status_code == 204
    assert manager.delete(f"/api/v1/records/{record}").status_code == 204
    assert manager.post(f"/api/v1/records/{record}/pick-up").status_code == 409
    assert world["rep.teal@pool.test"].post(f"/api/v1/records/{uuid.uuid4()}/pick-up").status_code == 404
