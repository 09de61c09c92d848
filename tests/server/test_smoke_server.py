import pytest

pytestmark = pytest.mark.integration


def test_health_and_sign_in(team_server):
    team_server.team("Smoke")
    team_server.user("smoke@example.com", "Smoke", "rep")
    client = team_server.sign_in("smoke@example.com")
    assert client.get("/api/v1/me").json()["email"] == "smoke@example.com"
