"""The permission matrix: every role × operation × ownership × team, over every record route,
on PostgreSQL and SQLite, against a running server.

The expectation (``expected``) is the rule as the issue states it, written independently of
``server.policy``: admins everything; managers their teams' records and their own; reps
their own, and their team's as the team (or the record) shares them. A record someone may not
see answers 404 on every route and in every spelling of its id, with the same body as a
record that does not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

pytestmark = pytest.mark.integration

TEAMS = {"North": "read", "South": "edit", "West": "private"}
PEOPLE = {  # email: (team, role, further managed teams)
    "admin@corp.test": ("North", "admin", []),
    "mgr.north@corp.test": ("North", "manager", []),
    "mgr.multi@corp.test": ("South", "manager", ["West"]),
    "rep.n1@corp.test": ("North", "rep", []),
    "rep.n2@corp.test": ("North", "rep", []),
    "rep.s1@corp.test": ("South", "rep", []),
    "rep.s2@corp.test": ("South", "rep", []),
    "rep.w1@corp.test": ("West", "rep", []),
    "rep.w2@corp.test": ("West", "rep", []),
}
# Records shared differently from their team's default: (owner, sharing override).
OVERRIDES = [("rep.n2@corp.test", "private"), ("rep.w2@corp.test", "edit"),
             ("rep.s2@corp.test", "read")]


@dataclass
class Rec:
    uuid: str
    name: str
    owner: str
    team: str
    override: str | None

    @property
    def sharing(self) -> str:
        return self.override or TEAMS[self.team]


@dataclass(frozen=True)
class Allowed:
    see: bool
    edit: bool
    manage: bool


NOTHING = Allowed(False, False, False)
EVERYTHING = Allowed(True, True, True)


def expected(actor: str, record: Rec) -> Allowed:
    team, role, manages = PEOPLE[actor]
    if role == "admin" or record.owner == actor:
        return EVERYTHING
    if role == "manager":
        return EVERYTHING if record.team in [team, *manages] else NOTHING
    if record.team != team or record.sharing == "private":
        return NOTHING
    return Allowed(True, record.sharing == "edit", False)


@pytest.fixture(scope="module")
def world(team_server):
    for name, sharing in TEAMS.items():
        team_server.team(name, sharing)
    for email, (team, role, manages) in PEOPLE.items():
        team_server.user(email, team, role, manages)
    clients = {email: team_server.sign_in(email) for email in PEOPLE}
    records = []
    for email, client in clients.items():
        name = f"Customer of {email.split('@')[0]} {uuid.uuid4().hex[:6]}"
        answer = client.post("/api/v1/records", json={
            "type": "contact", "fields": {"name": name, "emails": [f"{uuid.uuid4().hex}@x.cn"]}})
        assert answer.status_code == 201, answer.text
        records.append(Rec(answer.json()["record"]["uuid"], name, email, PEOPLE[email][0], None))
    for owner, sharing in OVERRIDES:
        name = f"Shared {sharing} by {owner.split('@')[0]} {uuid.uuid4().hex[:6]}"
        client = clients[owner]
        made = client.post("/api/v1/records", json={"type": "contact", "fields": {"name": name}})
        shared = client.post(f"/api/v1/records/{made.json()['record']['uuid']}/share",
                             json={"sharing": sharing})
        assert shared.status_code == 200, shared.text
        records.append(Rec(made.json()["record"]["uuid"], name, owner, PEOPLE[owner][0], sharing))
    yield clients, records
    for client in clients.values():
        client.close()


def _cases(world):
    clients, records = world
    for actor in PEOPLE:
        for record in records:
            yield actor, clients[actor], record, expected(actor, record)


def test_the_expectation_says_what_the_issue_says(world):
    """Spot checks of the oracle itself, in words."""
    _, records = world
    of = {(r.owner, r.override): r for r in records}
    n2_private = of[("rep.n2@corp.test", "private")]
    assert expected("rep.n1@corp.test", of[("rep.n2@corp.test", None)]) == Allowed(True, False, False)
    assert expected("rep.n1@corp.test", n2_private) == NOTHING
    assert expected("mgr.north@corp.test", n2_private) == EVERYTHING
    assert expected("rep.s1@corp.test", of[("rep.s2@corp.test", None)]) == Allowed(True, True, False)
    assert expected("rep.s1@corp.test", of[("rep.s2@corp.test", "read")]) == Allowed(True, False, False)
    assert expected("rep.w1@corp.test", of[("rep.w2@corp.test", None)]) == NOTHING
    assert expected("rep.w1@corp.test", of[("rep.w2@corp.test", "edit")]) == Allowed(True, True, False)
    assert expected("mgr.multi@corp.test", of[("rep.w1@corp.test", None)]) == EVERYTHING
    assert expected("mgr.multi@corp.test", of[("rep.n1@corp.test", None)]) == NOTHING
    assert expected("rep.n1@corp.test", of[("rep.s1@corp.test", None)]) == NOTHING


def test_read_by_every_spelling_of_the_id(world):
    missing = str(uuid.uuid4())
    for actor, client, record, allowed in _cases(world):
        not_found = client.get(f"/api/v1/records/{missing}")
        assert not_found.status_code == 404
        for spelling in (record.uuid, record.uuid.upper(), record.uuid.replace("-", ""),
                         "{" + record.uuid + "}", f"urn:uuid:{record.uuid}"):
            answer = client.get(f"/api/v1/records/{spelling}")
            if allowed.see:
                assert answer.status_code == 200, (actor, record, spelling)
                assert answer.json()["fields"]["name"] == record.name
                assert answer.json()["can_edit"] == allowed.edit
                assert answer.json()["can_manage"] == allowed.manage
            else:
                assert answer.status_code == 404, (actor, record, spelling)
                assert answer.json() == not_found.json()  # nothing tells it exists


def test_list_search_and_pull_show_exactly_what_one_may_see(world):
    clients, records = world
    for actor, client in clients.items():
        listed = {r["uuid"] for r in client.get("/api/v1/records",
                                                params={"type": "contact", "limit": 500}
                                                ).json()["records"]}
        pulled = set(client.pull_all()["records"])
        for record in records:
            allowed = expected(actor, record)
            assert (record.uuid in listed) == allowed.see, (actor, record)
            assert (record.uuid in pulled) == allowed.see, (actor, record)
            found = client.get("/api/v1/records", params={"q": record.name}).json()["records"]
            assert [r["uuid"] for r in found] == ([record.uuid] if allowed.see else []), \
                (actor, record)


def test_history_follows_visibility(world):
    for actor, client, record, allowed in _cases(world):
        answer = client.get(f"/api/v1/records/{record.uuid}/history")
        assert answer.status_code == (200 if allowed.see else 404), (actor, record)
        if allowed.see:
            assert any(h["field"] == "name" and h["new"] == record.name for h in answer.json())


def test_update_by_rest_and_by_push(world):
    for actor, client, record, allowed in _cases(world):
        title = f"edited by {actor}"
        answer = client.patch(f"/api/v1/records/{record.uuid}", json={"fields": {"title": title}})
        status = 200 if allowed.edit else 403 if allowed.see else 404
        assert answer.status_code == status, (actor, record, answer.text)
        [result] = client.push({"id": str(uuid.uuid4()), "type": "contact",
                                "record": record.uuid, "op": "set", "field": "title",
                                "value": title + " (pushed)", "hlc": client.hlc()})
        wanted = "applied" if allowed.edit else "read_only" if allowed.see else "not_found"
        assert result["status"] == wanted, (actor, record, result)


def test_share(world):
    for actor, client, record, allowed in _cases(world):
        unchanged = record.override or "team"
        answer = client.post(f"/api/v1/records/{record.uuid}/share",
                             json={"sharing": unchanged})
        status = 200 if allowed.manage else 403 if allowed.see else 404
        assert answer.status_code == status, (actor, record, answer.text)


def test_give_to_a_colleague(world):
    """Giving a record away is for whoever may manage it (given here to its own owner, so the
    world stays as it is)."""
    for actor, client, record, allowed in _cases(world):
        answer = client.post(f"/api/v1/records/{record.uuid}/owner", json={"email": record.owner})
        status = 204 if allowed.manage else 403 if allowed.see else 404
        assert answer.status_code == status, (actor, record, answer.text)


def test_delete_then_an_admin_restores(world):
    clients, _ = world
    admin = clients["admin@corp.test"]
    for actor, client, record, allowed in _cases(world):
        answer = client.delete(f"/api/v1/records/{record.uuid}")
        status = 204 if allowed.manage else 403 if allowed.see else 404
        assert answer.status_code == status, (actor, record, answer.text)
        if allowed.manage:
            assert admin.get(f"/api/v1/records/{record.uuid}").json()["deleted"] is True
            restored = admin.post(f"/api/v1/admin/records/{record.uuid}/restore")
            assert restored.status_code == 200 and restored.json()["deleted"] is False


def test_restore_is_for_admins_only(world):
    clients, records = world
    for actor, client in clients.items():
        answer = client.post(f"/api/v1/admin/records/{records[0].uuid}/restore")
        assert answer.status_code == (200 if PEOPLE[actor][1] == "admin" else 403)


def test_duplicate_check_names_the_owner_and_shows_nothing_else(world):
    for actor, client, record, allowed in _cases(world):
        [match] = client.get("/api/v1/duplicates", params={"name": record.name}).json()["matches"]
        assert match["visible"] == allowed.see
        assert match["uuid"] == (record.uuid if allowed.see else None)
        assert match["owner"] == record.owner.split("@")[0]
        assert match["team"] == record.team
        assert set(match) == {"record_type", "matched_on", "owner", "team", "visible", "uuid"}


def test_admin_routes_refuse_everyone_but_admins(world):
    clients, _ = world
    routes = [("GET", "/api/v1/admin/users"), ("GET", "/api/v1/admin/teams"),
              ("GET", "/api/v1/admin/devices"), ("GET", "/api/v1/admin/audit"),
              ("GET", "/api/v1/admin/field-rules"),
              ("POST", "/api/v1/admin/hand-over"), ("PUT", "/api/v1/admin/teams/North/sharing")]
    for actor, client in clients.items():
        for method, path in routes:
            body = {"from_email": "rep.n1@corp.test", "to_email": "rep.n1@corp.test"} \
                if path.endswith("hand-over") else {"sharing": "read"}
            answer = client.request(method, path, json=body if method != "GET" else None)
            if PEOPLE[actor][1] == "admin":
                assert answer.status_code in (200, 400), (actor, path, answer.text)
            else:
                assert answer.status_code == 403, (actor, path)
