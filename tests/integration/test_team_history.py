"""A record's history from the team server, driven as a user would: two real profiles through
the command line edit the same contact, one sees both devices' versions with the value that lost
the collision, restores an old version, and the other gets it at the next sync (PostgreSQL and
SQLite). Offline, the history falls back to the laptop's own, and says so."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_team_sync import client, contacts, status
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def org(team_server):
    team_server.team("History", "edit")
    for email in ("ann@history.test", "bob@history.test"):
        team_server.user(email, "History", "rep")
    return team_server


def history(cli, *args: str) -> list[dict]:
    return [json.loads(line) for line in cli("history", *args, "--json").stdout.splitlines()]


def test_both_devices_versions_with_the_lost_value_and_restore_reaches_the_other(org, tmp_path):
    ann = client(org, tmp_path, "ann@history.test", "ann")
    bob = client(org, tmp_path, "bob@history.test", "bob")
    ann("contacts", "add", "--email", "li@client.cn", "--name", "李娜", "--title", "采购")
    ann("team", "sync")
    bob("team", "sync")
    # Both offline: bob changes the title first, ann later; ann sends first, so bob's earlier
    # change arrives second with the older clock and loses the collision (kept in the history).
    bob("contacts", "set", "li@client.cn", "title=采购经理", "phone=+86 139 0000 0002")
    ann("contacts", "set", "li@client.cn", "title=采购总监")
    ann("team", "sync")
    bob("team", "sync")
    ann("team", "sync")
    assert contacts(ann)["li@client.cn"]["title"] == contacts(bob)["li@client.cn"]["title"] == "采购总监"

    versions = history(ann, "li@client.cn")
    assert {v["history"] for v in versions} == {"team"}
    assert [(v["version"], v["user"], v["this_device"]) for v in versions] == [
        (1, "ann@history.test", True), (2, "ann@history.test", True), (3, "bob@history.test", False)]
    assert versions[2]["device_id"] and versions[2]["device_id"] != versions[0]["device_id"]
    assert versions[2]["device_name"] == "bob's laptop"
    created = {c["field"]: c["new"] for c in versions[0]["changes"] if c["op"] == "set"}
    assert created["title"] == "采购" and created["name"] == "李娜"
    assert [(c["field"], c["old"], c["new"], c["lost"]) for c in versions[1]["changes"]] == [
        ("title", "采购", "采购总监", False)]
    bobs = {c["field"]: c for c in versions[2]["changes"]}
    assert (bobs["title"]["new"], bobs["title"]["lost"]) == ("采购经理", True)  # lost, never thrown away
    assert (bobs["phones"]["op"], bobs["phones"]["new"], bobs["phones"]["lost"]) == ("add", "+8613900000002", False)
    assert history(bob, "li@client.cn", "--team") == [{**v, "this_device": not v["this_device"]}
                                                       for v in versions]  # the same versions on bob's laptop
    text = ann("history", "li@client.cn").stdout
    assert "bob@history.test" in text and "(lost)" in text and "this device" in text

    # Restore the first version on ann's laptop: a new change, sent like any edit.
    restored = ann("history", "li@client.cn", "--restore", "1").stdout
    assert "restored version 1" in restored and "next sync" in restored
    assert contacts(ann)["li@client.cn"]["title"] == "采购" and contacts(ann)["li@client.cn"]["phones"] == []
    assert status(ann)["pending"] > 0
    assert history(ann, "li@client.cn")[-1]["source"] == "pending"  # shown, not sent yet
    ann("team", "sync")
    bob("team", "sync")
    assert contacts(bob)["li@client.cn"]["title"] == "采购" and contacts(bob)["li@client.cn"]["phones"] == []
    latest = history(bob, "li@client.cn")[-1]
    assert (latest["user"], latest["this_device"], latest["source"]) == ("ann@history.test", False, "team")
    assert {c["field"] for c in latest["changes"]} == {"title", "phones"}

    # Restoring the version whose value lost brings bob's words back, from bob's laptop.
    bob("history", "li@client.cn", "--restore", "3")
    bob("team", "sync")
    ann("team", "sync")
    assert contacts(ann)["li@client.cn"]["title"] == "采购经理"

    # A company's history comes the same way; this laptop's own is still there with --local.
    ann("companies", "add", "Client Ltd", "--domain", "client.cn")
    assert history(ann, "--company", "Client Ltd")[0]["history"] == "local"  # not on the server yet
    ann("team", "sync")
    [company] = history(ann, "--company", "Client Ltd", "--team")
    assert {c["field"] for c in company["changes"]} >= {"name", "domains"}
    assert {v["source"] for v in history(ann, "li@client.cn", "--local")} == {"local"}


def test_offline_the_history_is_the_laptops_and_says_so(org, store):
    from app.crm import records
    from app.errors import NetworkError
    from app.sync import history as team_history
    from app.sync import state
    from app.sync.team import Team

    team = Team(store)
    team.login(org.base_url, "ann@history.test", PASSWORD)
    kind = records.RECORD_TYPES["contact"]
    record_uuid = store.write_with(lambda s: records.create(s, kind, {"name": "Offline", "emails": ["o@client.cn"]}).uuid)
    found = team_history.record_history(store, "contact", record_uuid)
    assert (found.source, found.reason) == ("local", team_history.NOT_ON_SERVER)
    team.sync_once()
    found = team_history.record_history(store, "contact", record_uuid)
    assert found.source == "team" and found.versions[0].this_device and found.versions[0].user == "ann@history.test"
    store.write_with(lambda s: state.put(s, "server", "http://127.0.0.1:9"))
    found = team_history.record_history(store, "contact", record_uuid)
    assert (found.source, found.reason) == ("local", team_history.OFFLINE) and "cannot be reached" in found.detail
    assert [c.field for c in found.versions[0].changes] == ["*", "name", "emails"]
    with pytest.raises(NetworkError):
        team_history.record_history(store, "contact", record_uuid, team_only=True)


def test_a_record_made_private_meanwhile_shows_the_laptops_history(org, store):
    import uuid

    from app.sync import history as team_history
    from app.sync.team import Team

    team = Team(store)
    team.login(org.base_url, "ann@history.test", PASSWORD)
    bob = org.sign_in("bob@history.test")
    record_uuid = str(uuid.uuid4())
    assert [r["status"] for r in bob.push(
        {"id": "m-1", "type": "contact", "record": record_uuid, "op": "create", "hlc": bob.hlc()},
        {"id": "m-2", "type": "contact", "record": record_uuid, "op": "set", "field": "name", "value": "Bob's",
         "base": 0, "hlc": bob.hlc()})] == ["applied", "applied"]
    team.sync_once()
    assert team_history.record_history(store, "contact", record_uuid).versions[0].user == "bob@history.test"
    assert bob.post(f"/api/v1/records/{record_uuid}/share", json={"sharing": "private"}).status_code == 200
    found = team_history.record_history(store, "contact", record_uuid)  # before the pull that removes it
    assert (found.source, found.reason) == ("local", team_history.REFUSED) and "no such record" in found.detail
