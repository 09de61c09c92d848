"""The audit log: every kind of change leaves its row (who, which device, when, record, field,
old → new), and the log cannot be changed or emptied, on PostgreSQL and SQLite."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def org(team_server):
    team_server.team("Audit", "edit")
    team_server.team("Audit 2", "read")
    team_server.user("root@audit.test", "Audit", "admin")
    team_server.user("rep@audit.test", "Audit", "rep")
    team_server.user("mate@audit.test", "Audit", "rep")
    admin = team_server.sign_in("root@audit.test", device="admin desk")
    rep = team_server.sign_in("rep@audit.test", device="rep laptop")
    mate = team_server.sign_in("mate@audit.test", device="mate laptop")
    yield team_server, admin, rep, mate
    for client in (admin, rep, mate):
        client.close()


def rows(admin, **query) -> list[dict]:
    answer = admin.get("/api/v1/admin/audit", params={"limit": 1000, **query})
    assert answer.status_code == 200, answer.text
    return answer.json()


def latest(admin, action: str, **query) -> dict:
    found = [r for r in rows(admin, **query) if r["action"] == action]
    assert found, f"no {action} row in the audit log for {query}"
    return found[0]


def test_every_change_leaves_its_row(org):
    server, admin, rep, mate = org
    # sign-in and a failed sign-in
    login = latest(admin, "login", user="rep@audit.test")
    assert login["device_id"] == rep.device_id and login["address"] == "127.0.0.1"
    httpx.post(f"{server.base_url}/api/v1/auth/token",
               data={"username": "rep@audit.test", "password": "wrong", "device_name": "x"})
    assert latest(admin, "login_failed", user="rep@audit.test")["address"] == "127.0.0.1"

    # create and update, field by field with old → new
    made = rep.post("/api/v1/records", json={"type": "contact", "fields": {"name": "Old"}})
    record = made.json()["record"]["uuid"]
    assert latest(admin, "create", record=record)["user"] == "rep@audit.test"
    rep.patch(f"/api/v1/records/{record}", json={"fields": {"name": "New"}})
    update = latest(admin, "update", record=record)
    assert (update["field"], update["old"], update["new"], update["device_id"]) == \
        ("name", "Old", "New", rep.device_id)

    # a message filed on the customer (link metadata) is a record like any other
    link = str(uuid.uuid4())
    rep.push({"id": str(uuid.uuid4()), "type": "message_link", "record": link, "op": "set",
              "field": "contact", "value": record, "hlc": rep.hlc()})
    assert latest(admin, "update", record=link)["new"] == record

    # share, delete, restore
    rep.post(f"/api/v1/records/{record}/share", json={"sharing": "read"})
    share = latest(admin, "share", record=record)
    assert (share["old"], share["new"]) == (None, "read")
    rep.delete(f"/api/v1/records/{record}")
    assert latest(admin, "delete", record=record)["user"] == "rep@audit.test"
    admin.post(f"/api/v1/admin/records/{record}/restore")
    assert latest(admin, "restore", record=record)["user"] == "root@audit.test"

    # a collision
    rep.post(f"/api/v1/records/{record}/share", json={"sharing": "edit"})
    rep.push({"id": str(uuid.uuid4()), "type": "contact", "record": record, "op": "set",
              "field": "title", "value": "A", "base": 0, "hlc": rep.hlc()})
    mate.push({"id": str(uuid.uuid4()), "type": "contact", "record": record, "op": "set",
               "field": "title", "value": "B", "base": 0, "hlc": mate.hlc()})
    conflict = latest(admin, "conflict", record=record)
    assert {conflict["old"], conflict["new"]} == {"A", "B"}

    # teams, users, roles, policies, field rules
    admin.post("/api/v1/admin/teams", json={"name": "Audit 3", "sharing": "private"})
    assert latest(admin, "team", user="root@audit.test")["new"]["name"] == "Audit 3"
    admin.post("/api/v1/admin/users", json={"email": "new@audit.test", "team": "Audit 3",
                                            "role": "rep", "password": PASSWORD})
    created = latest(admin, "user", user="root@audit.test")
    assert created["new"]["email"] == "new@audit.test" and "password" not in str(created)
    admin.put("/api/v1/admin/users/new@audit.test/role", json={"role": "manager",
                                                               "manages": ["Audit 2"]})
    role = latest(admin, "permission", user="root@audit.test")
    assert role["old"]["role"] == "rep" and role["new"]["role"] == "manager"
    admin.put("/api/v1/admin/teams/Audit 3/sharing", json={"sharing": "read"})
    sharing = latest(admin, "permission", user="root@audit.test")
    assert (sharing["field"], sharing["old"], sharing["new"]) == ("sharing", "private", "read")
    admin.put("/api/v1/admin/field-rules", json={"role": "rep", "record_type": "deal",
                                                 "field": "amount", "rule": "hidden"})
    rule = latest(admin, "permission", user="root@audit.test")
    assert (rule["record_type"], rule["field"], rule["old"], rule["new"]) == \
        ("deal", "amount", "none", "hidden")

    # revocations and hand-over
    admin.post(f"/api/v1/admin/devices/{mate.device_id}/revoke")
    assert latest(admin, "revoke", user="root@audit.test")["detail"]["device"] == mate.device_id
    admin.post("/api/v1/admin/users/rep@audit.test/revoke")
    assert latest(admin, "revoke", user="root@audit.test")["detail"]["email"] == "rep@audit.test"
    moved = admin.post("/api/v1/admin/hand-over", json={"from_email": "rep@audit.test",
                                                        "to_email": "mate@audit.test"})
    assert moved.json()["records"] == 2
    hand = latest(admin, "hand_over", record=record)
    assert (hand["field"], hand["old"], hand["new"]) == ("owner", "rep@audit.test",
                                                         "mate@audit.test")


def test_audit_filters(org):
    _, admin, rep, _ = org
    everything = rows(admin)
    assert everything == sorted(everything, key=lambda r: -r["id"])  # newest first
    assert rows(admin, since="2999-01-01") == []
    page = rows(admin, limit=2)
    older = rows(admin, before_id=page[-1]["id"], limit=2)
    assert older and all(r["id"] < page[-1]["id"] for r in older)
    assert all(r["user"] == "root@audit.test" for r in rows(admin, user="root@audit.test"))


def test_the_log_cannot_be_changed_or_emptied(org):
    server, admin, _, _ = org
    count = len(rows(admin))
    with server.db._write_engine.connect() as conn:
        for statement in ("UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"):
                with conn.begin():
                    conn.execute(text(statement))
        if server.db.dialect == "postgresql":
            with pytest.raises(DBAPIError, match="append-only"):
                with conn.begin():
                    conn.execute(text("TRUNCATE audit_log"))
    assert len(rows(admin)) == count
    paths = admin.get("/openapi.json").json()["paths"]
    audit_methods = {m for p, ops in paths.items() if "audit" in p for m in ops}
    assert audit_methods == {"get"}
