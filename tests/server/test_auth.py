"""Signing in, devices and revocation against a running server, on PostgreSQL and SQLite."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest
from sqlalchemy import select

from server import SCHEMA_VERSION
from server.db.models import Device, User
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(team_server):
    team_server.team("Auth", "read")
    for email, role in (("root@auth.test", "admin"), ("sam@auth.test", "rep"),
                        ("kim@auth.test", "rep")):
        team_server.user(email, "Auth", role)
    return team_server


def sign_in(server, email, password=PASSWORD, device="laptop") -> httpx.Response:
    return httpx.post(f"{server.base_url}/api/v1/auth/token",
                      data={"username": email, "password": password, "device_name": device})


def test_sign_in_makes_a_device_whose_token_is_stored_hashed(server):
    answer = sign_in(server, "Sam@Auth.test", device="Sam's ThinkPad")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body["token_type"] == "bearer" and body["user"]["email"] == "sam@auth.test"
    assert body["schema_version"] == SCHEMA_VERSION
    with server.db.read() as session:
        device = session.get(Device, body["device_id"])
        assert device.name == "Sam's ThinkPad"
        assert device.token_hash == hashlib.sha256(body["access_token"].encode()).hexdigest()
        stored = [str(v) for d in session.scalars(select(Device)) for v in vars(d).values()]
        assert not any(body["access_token"] in v for v in stored)
        user = session.scalar(select(User).where(User.email == "sam@auth.test"))
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_wrong_password_and_unknown_user_read_the_same(server):
    wrong = sign_in(server, "kim@auth.test", password="not it at all")
    unknown = sign_in(server, "nobody@auth.test")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "wrong email or password"}


def test_requests_without_a_live_token_are_refused(server):
    bare = httpx.get(f"{server.base_url}/api/v1/me")
    assert bare.status_code == 401 and bare.headers["www-authenticate"] == "Bearer"
    forged = httpx.get(f"{server.base_url}/api/v1/me", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401


def test_revoking_a_device_refuses_its_very_next_request(server):
    laptop, phone = server.sign_in("kim@auth.test", "laptop"), server.sign_in("kim@auth.test", "phone")
    admin = server.sign_in("root@auth.test")
    record = laptop.post("/api/v1/records", json={"type": "contact", "fields": {"name": "K"}})
    assert record.status_code == 201
    assert admin.post(f"/api/v1/admin/devices/{laptop.device_id}/revoke").status_code == 204
    for method, path in (("GET", "/api/v1/me"), ("GET", "/api/v1/records"),
                         ("GET", "/api/v1/sync/pull"),
                         ("POST", "/api/v1/sync/push")):
        answer = laptop.request(method, path, json={"mutations": []} if method == "POST" else None)
        assert answer.status_code == 401, path
    assert phone.get("/api/v1/me").status_code == 200
    devices = {d["name"]: d["revoked"] for d in phone.get("/api/v1/me/devices").json()}
    assert devices["laptop"] is True and devices["phone"] is False


def test_revoking_a_user_refuses_every_device_and_sign_in(server):
    server.user("gone@auth.test", "Auth", "rep")
    first, second = server.sign_in("gone@auth.test"), server.sign_in("gone@auth.test", "2nd")
    admin = server.sign_in("root@auth.test")
    assert admin.post("/api/v1/admin/users/gone@auth.test/revoke").status_code == 200
    assert first.get("/api/v1/me").status_code == 401
    assert second.get("/api/v1/sync/pull").status_code == 401
    assert sign_in(server, "gone@auth.test").status_code == 401


def test_signing_out_ends_the_session(server):
    client = server.sign_in("sam@auth.test", "borrowed pc")
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_schema_versions(server):
    token = sign_in(server, "sam@auth.test").json()["access_token"]
    for schema, status in ((SCHEMA_VERSION, 200), (SCHEMA_VERSION - 1, 200),
                           (SCHEMA_VERSION - 2, 426), (SCHEMA_VERSION + 1, 400)):
        answer = httpx.get(f"{server.base_url}/api/v1/me", headers={
            "Authorization": f"Bearer {token}", "X-Liaison-Schema": str(schema)})
        assert answer.status_code == status, schema


def test_health_and_json_logs_without_secrets(server):
    health = httpx.get(f"{server.base_url}/healthz").json()
    assert health["status"] == "ok" and health["schema_version"] == SCHEMA_VERSION
    token = sign_in(server, "sam@auth.test").json()["access_token"]
    httpx.get(f"{server.base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    lines = [json.loads(line) for line in server.log_path.read_text().splitlines()
             if line.startswith("{")]
    requests = [line for line in lines if line["message"] == "request"]
    assert any(r["path"] == "/api/v1/me" and r["status"] == 200 and r["user"] for r in requests)
    text = server.log_path.read_text()
    assert token not in text and PASSWORD not in text
