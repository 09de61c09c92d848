"""Failed sign-ins are limited per user and per address, in the database (so across every app
process). A module of its own: reaching the address limit locks 127.0.0.1 out of this
server's database for the window."""

from __future__ import annotations

import httpx
import pytest

from server.auth import rate_limit
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


def sign_in(server, email, password):
    return httpx.post(f"{server.base_url}/api/v1/auth/token",
                      data={"username": email, "password": password, "device_name": "x"})


def test_per_user_then_per_address(team_server):
    team_server.team("Limits")
    team_server.user("target@limit.test", "Limits", "rep")
    team_server.user("other@limit.test", "Limits", "rep")
    for _ in range(rate_limit.MAX_PER_USER):
        assert sign_in(team_server, "target@limit.test", "guess").status_code == 401
    locked = sign_in(team_server, "target@limit.test", PASSWORD)  # even the right password
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert "try again in" in locked.json()["detail"]
    assert sign_in(team_server, "other@limit.test", PASSWORD).status_code == 200
    # Guessing across many accounts from one address hits the address limit.
    failures = rate_limit.MAX_PER_USER
    n = 0
    while failures < rate_limit.MAX_PER_ADDRESS:
        assert sign_in(team_server, f"spray{n}@limit.test", "guess").status_code == 401
        failures, n = failures + 1, n + 1
    assert sign_in(team_server, "other@limit.test", PASSWORD).status_code == 429
