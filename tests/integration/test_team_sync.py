"""The client's team sync against a running team server (PostgreSQL and SQLite), driven as a
user would: real profiles through the command line (``team login/sync/status/logout``,
``conflicts list/resolve``), plus scripted faults in-process for a connection that drops
mid-push and mid-pull."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def org(team_server):
    team_server.team("Field", "edit")
    team_server.team("Elsewhere", "read")
    for email, team, role in (("ann@field.test", "Field", "rep"), ("bob@field.test", "Field", "rep"),
                              ("cy@field.test", "Field", "rep"), ("dee@field.test", "Elsewhere", "rep"),
                              ("root@field.test", "Field", "admin")):
        team_server.user(email, team, role)
    return team_server


def client(server, tmp_path, email: str, name: str) -> Cli:
    cli = Cli(tmp_path / name, tmp_path / f"{name}-keyring.json")
    signed = cli("team", "login", "--server", server.base_url, "--email", email, "--password-stdin",
                 "--device-name", f"{name}'s laptop", stdin=PASSWORD + "\n")
    assert f"as {email}" in signed.stdout
    return cli


def contacts(cli: Cli) -> dict[str, dict]:
    rows = [json.loads(line) for line in cli("contacts", "list", "--json").stdout.splitlines()]
    return {row["emails"][0]: row for row in rows if row["emails"]}


def status(cli: Cli) -> dict:
    return json.loads(cli("team", "status", "--json").stdout)


def test_offline_edits_on_both_sides_converge_and_collisions_show_on_both(org, tmp_path):
    ann, bob = client(org, tmp_path, "ann@field.test", "ann"), client(org, tmp_path, "bob@field.test", "bob")
    ann("contacts", "add", "--email", "wang@client.cn", "--name", "王芳", "--title", "采购")
    assert status(ann)["pending"] > 0
    assert "1 records received" in ann("team", "sync").stdout
    bob("team", "sync")
    assert contacts(bob)["wang@client.cn"]["name"] == "王芳"
    # Both offline: different fields, and the same field.
    ann("contacts", "set", "wang@client.cn", "title=采购经理", "phone=+86 139 0000 0001")
    bob("contacts", "set", "wang@client.cn", "title=采购总监", "tags=vip")
    ann("team", "sync")
    bob("team", "sync")
    ann("team", "sync")
    a, b = contacts(ann)["wang@client.cn"], contacts(bob)["wang@client.cn"]
    a.pop("updated"), b.pop("updated")  # when each laptop's copy last changed
    assert a == b, "both copies end identical"
    assert a["phones"] == ["+8613900000001"] and a["tags"] == ["vip"]
    assert a["title"] == "采购总监"  # the later edit (bob's) won the collision
    for cli in (ann, bob):
        [conflict] = [json.loads(line) for line in cli("conflicts", "list", "--json").stdout.splitlines()]
        assert (conflict["field"], conflict["kept"], conflict["other"], conflict["by"]) == \
            ("title", "采购总监", "采购经理", "ann@field.test")
        assert status(cli)["conflicts"] == 1
    # Nothing lost: ann's words are in the history, and one click keeps them.
    assert "采购经理" in ann("history", "wang@client.cn", "--json").stdout
    ann("conflicts", "resolve", str(conflict["id"]), "--keep", "other")
    ann("team", "sync")
    bob("team", "sync")
    assert contacts(bob)["wang@client.cn"]["title"] == "采购经理"
    assert status(ann)["conflicts"] == 0 and status(ann)["pending"] == 0


def test_three_clients_revocation_and_hand_over(org, tmp_path):
    ann, cy = client(org, tmp_path, "ann@field.test", "ann3"), client(org, tmp_path, "cy@field.test", "cy")
    dee = client(org, tmp_path, "dee@field.test", "dee")
    cy("contacts", "add", "--email", "zhao@leaving.cn", "--name", "赵")
    cy("team", "sync")
    ann("team", "sync")
    assert "zhao@leaving.cn" in contacts(ann)
    # cy leaves: revoked, and their customers pass to dee (another team).
    cy("contacts", "set", "zhao@leaving.cn", "title=typed after the revocation")
    admin = org.sign_in("root@field.test")
    assert admin.post("/api/v1/admin/users/cy@field.test/revoke").status_code == 200
    assert admin.post("/api/v1/admin/hand-over", json={"from_email": "cy@field.test",
                                                       "to_email": "dee@field.test"}).json()["records"] >= 1
    refused = cy("team", "sync", check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "saved to" in refused.stderr
    assert "zhao@leaving.cn" not in contacts(cy)  # the team's records left the laptop
    saved = json.loads(open(refused.stderr.strip().rsplit("saved to ", 1)[1].rstrip(".")).read())
    assert any(change["new"] == "typed after the revocation" for change in saved)
    assert status(cy)["server"] is None
    # dee now owns the customer; ann (cy's old team) no longer sees it.
    dee("team", "sync")
    assert contacts(dee)["zhao@leaving.cn"]["owner"] == "dee"
    assert "1 removed" in ann("team", "sync").stdout
    assert "zhao@leaving.cn" not in contacts(ann)


def test_a_record_made_private_leaves_a_teammates_laptop(org, tmp_path):
    ann, bob = client(org, tmp_path, "ann@field.test", "ann4"), client(org, tmp_path, "bob@field.test", "bob4")
    bob("contacts", "add", "--email", "secret@deal.cn", "--name", "Secret")
    bob("team", "sync")
    ann("team", "sync")
    assert "secret@deal.cn" in contacts(ann)
    owner = org.sign_in("bob@field.test")
    record = contacts(bob)["secret@deal.cn"]["uuid"]
    assert owner.post(f"/api/v1/records/{record}/share", json={"sharing": "private"}).status_code == 200
    ann("team", "sync")
    assert "secret@deal.cn" not in contacts(ann)


def test_offline_sync_says_so_and_loses_nothing(org, tmp_path):
    ann = client(org, tmp_path, "ann@field.test", "ann5")
    ann("contacts", "add", "--email", "offline@plane.cn", "--name", "On a plane")
    sealed = Cli(ann.profile, tmp_path / "ann5-keyring.json")
    state = tmp_path / "ann5"
    # Point the profile at a port where nothing listens.
    import sqlite3
    db = next(state.rglob("*.sqlite3"))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE team_sync_state SET value = ? WHERE key = 'server'",
                     (json.dumps("http://127.0.0.1:9"),))
    offline = sealed("team", "sync", check=False)
    assert offline.returncode != 0 and "cannot be reached" in offline.stderr
    assert len(offline.stderr.strip().splitlines()) == 1
    assert status(sealed)["pending"] > 0 and "cannot be reached" in status(sealed)["last_error"]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE team_sync_state SET value = ? WHERE key = 'server'",
                     (json.dumps(org.base_url),))
    sealed("team", "sync")
    assert status(sealed)["pending"] == 0 and status(sealed)["last_error"] is None
    bob = client(org, tmp_path, "bob@field.test", "bob5")
    bob("team", "sync")
    assert "offline@plane.cn" in contacts(bob)


def test_sign_out_keeps_the_records(org, tmp_path):
    ann = client(org, tmp_path, "ann@field.test", "ann6")
    ann("contacts", "add", "--email", "stays@laptop.cn", "--name", "Stays")
    ann("team", "sync")
    before = contacts(ann)
    assert before
    ann("team", "logout")
    assert status(ann)["server"] is None and contacts(ann) == before
    not_in = ann("team", "sync", check=False)
    assert not_in.returncode != 0 and "team login" in not_in.stderr


def test_the_pipeline_and_custom_fields_are_the_teams_and_a_late_laptop_resets_nothing(org, tmp_path):
    ann = client(org, tmp_path, "ann@field.test", "ann7")
    ann("deals", "stages", "--rename", "Qualified", "已确认")
    ann("deals", "stages", "--add", "试用", "--position", "2")
    ann("fields", "add", "contact", "wechat", "微信", "text")
    ann("contacts", "add", "--email", "li@trial.cn", "--name", "李")
    ann("contacts", "set", "li@trial.cn", "custom.wechat=li_wx")
    ann("deals", "add", "试用订单", "--contact", "li@trial.cn", "--stage", "试用")
    ann("team", "sync")
    board = ["Lead (open)", "已确认 (open)", "试用 (open)", "Proposal (open)", "Negotiation (open)",
             "Won (won)", "Lost (lost)"]
    # A teammate's new laptop made its own default pipeline and defined the same field before
    # its first sync: the team's renamed and added stages win, and the field is one record.
    bob = client(org, tmp_path, "bob@field.test", "bob7")
    assert bob("deals", "stages").stdout.splitlines()[1] == "Qualified (open)"
    bob("fields", "add", "contact", "wechat", "微信", "text")
    bob("team", "sync")
    assert bob("deals", "stages").stdout.splitlines() == board
    assert bob("fields", "list", "contact").stdout.split() == ["custom.wechat", "text", "微信"]
    [deal] = [json.loads(line) for line in bob("deals", "list", "--json").stdout.splitlines()]
    assert deal["stage"] == "试用"
    assert contacts(bob)["li@trial.cn"]["custom"]["wechat"] == "li_wx"
    # bob's conflicts from earlier tests reach this laptop too: none is about the definitions.
    collided = [json.loads(line) for line in bob("conflicts", "list", "--json").stdout.splitlines()]
    assert not [c for c in collided if c["type"] in ("pipeline", "stage", "custom_field")]
    assert status(bob)["pending"] == 0
    # Definitions are the whole organisation's, whatever the team: dee (another team) gets the
    # board without ann's deal, and may rename a stage for everyone.
    dee = client(org, tmp_path, "dee@field.test", "dee7")
    dee("team", "sync")
    assert dee("deals", "stages").stdout.splitlines() == board
    assert dee("deals", "list", "--json").stdout.strip() == ""
    dee("deals", "stages", "--rename", "Lead", "线索")
    dee("team", "sync")
    ann("team", "sync")
    assert ann("deals", "stages").stdout.splitlines()[0] == "线索 (open)"


def test_a_missing_ca_file_is_named_as_bad_input(org, tmp_path):
    cli = Cli(tmp_path / "ca", tmp_path / "ca-keyring.json")
    refused = cli("team", "login", "--server", org.base_url, "--email", "ann@field.test", "--password-stdin",
                  "--ca-file", str(tmp_path / "nonexistent.pem"), stdin=PASSWORD + "\n", check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        f"liaison: The certificate authority file {tmp_path / 'nonexistent.pem'} does not exist."]


def test_a_pull_killed_mid_way_with_pages_downloaded_ahead_resumes_without_applying_twice(
        org, tmp_path, monkeypatch):
    """The next page downloads while the writer applies this one; a sync killed on its third
    page keeps the two applied pages and their cursor, drops the pages fetched ahead, and the
    next sync goes on from the stored cursor: every record once, with one creation entry."""
    import threading

    from sqlalchemy import func, select

    from app.crm import records
    from app.profile import open_profile
    from app.store.crm_models import Change, Contact
    from app.store.team_models import TeamRecord
    from app.sync import apply, prefetch, state
    from app.sync import team as team_module
    from app.sync.team import Team

    # One page per transaction: with more, which pages share the transaction the kill rolls
    # back depends on how many were downloaded ahead by then (a loaded machine: all three).
    monkeypatch.setattr(prefetch, "BATCH", 1)
    org.team("Prefetch", "edit")
    for email in ("pia@prefetch.test", "ole@prefetch.test"):
        org.user(email, "Prefetch", "rep")
    _paths, ole_store = open_profile(str(tmp_path / "ole"))
    Team(ole_store).login(org.base_url, "ole@prefetch.test", PASSWORD, device_name="ole")
    kind = records.RECORD_TYPES["contact"]
    ole_store.write_with(lambda s: [records.create(s, kind, {"name": f"Kunde {n}", "emails": [
        f"kunde{n}@prefetch.test"]}) for n in range(12)])
    Team(ole_store).sync_once()
    _paths, pia_store = open_profile(str(tmp_path / "pia"))
    pia = Team(pia_store)
    pia.login(org.base_url, "pia@prefetch.test", PASSWORD, device_name="pia")

    asked: list = []  # cursors of the pull requests, in order
    fetched = threading.Condition()
    real_get, real_apply = team_module.TeamServer.get, apply.apply_page
    applied: list[int] = []

    def get(server, path, **query):
        page = real_get(server, path, **query)
        with fetched:
            asked.append(query.get("cursor"))
            fetched.notify_all()
        return page

    def apply_after_next_fetched(session, pulled_records, deferred):
        with fetched:  # the page after this one is downloaded before this one is written
            assert fetched.wait_for(lambda: len(asked) > len(applied) + 1, timeout=10)
        if len(applied) == 2:
            raise RuntimeError("killed")
        applied.append(len(pulled_records))
        real_apply(session, pulled_records, deferred)

    def names(store):
        with store.read() as session:
            return sorted(session.scalars(select(Contact.name)))

    def known(store) -> int:  # records applied, whatever their type (the organisation's
        with store.read() as session:  # pipeline and fields come too)
            return session.scalar(select(func.count()).select_from(TeamRecord))
    visible = len(org.sign_in("pia@prefetch.test").pull_all()["records"])

    monkeypatch.setattr(team_module, "PULL_PAGE", 3)
    monkeypatch.setattr(team_module.TeamServer, "get", get)
    monkeypatch.setattr(apply, "apply_page", apply_after_next_fetched)
    with pytest.raises(RuntimeError, match="killed"):
        pia.sync_once()
    assert applied == [3, 3] and known(pia_store) == 6
    with pia_store.read() as session:
        stored = state.get(session, "cursor")
    assert stored == asked[2]  # the third page's request: after the second page
    monkeypatch.setattr(apply, "apply_page", real_apply)
    asked.clear()
    pia.sync_once()
    assert asked[0] == stored
    assert names(pia_store) == sorted(f"Kunde {n}" for n in range(12))
    with pia_store.read() as session:
        created = session.execute(select(Change.record_uuid, func.count()).where(
            Change.field == "*", Change.new == '"created"').group_by(Change.record_uuid)).all()
    assert len(created) == visible and {count for _uuid, count in created} == {1}
    pia_store.close()
    ole_store.close()


def test_a_pull_goes_on_from_the_stored_cursor_when_another_process_moved_it(org, tmp_path,
                                                                             monkeypatch):
    """Pages downloaded ahead were asked with the cursor before; if the stored one is no
    longer it (another Liaison process on the profile pulled), nothing of the page is written
    and the pull starts again from the stored cursor."""
    from sqlalchemy import func, select

    from app.crm import records
    from app.profile import open_profile
    from app.store.crm_models import Change, Contact
    from app.sync import state
    from app.sync import team as team_module
    from app.sync.team import Team

    org.team("Moved", "edit")
    for email in ("max@moved.test", "eva@moved.test"):
        org.user(email, "Moved", "rep")
    _paths, eva_store = open_profile(str(tmp_path / "eva"))
    Team(eva_store).login(org.base_url, "eva@moved.test", PASSWORD, device_name="eva")
    kind = records.RECORD_TYPES["contact"]
    eva_store.write_with(lambda s: [records.create(s, kind, {"name": f"Moved {n}"}) for n in range(7)])
    Team(eva_store).sync_once()
    _paths, max_store = open_profile(str(tmp_path / "max"))
    mx = Team(max_store)
    mx.login(org.base_url, "max@moved.test", PASSWORD, device_name="max")
    real_apply_page, calls, asked = Team._apply_page, [], []
    real_get = team_module.TeamServer.get

    def apply_page(team, session, cursor, page, deferred):
        calls.append(cursor)
        if len(calls) == 2:  # another process reset the cursor before this transaction
            state.put(session, "cursor", None)
        return real_apply_page(team, session, cursor, page, deferred)

    def get(server, path, **query):
        if path.endswith("/sync/pull"):  # the pull's pages (a round also fetches the team's rules)
            asked.append(query.get("cursor"))
        return real_get(server, path, **query)

    visible = len(org.sign_in("max@moved.test").pull_all()["records"])  # eva's 7, the organisation's pipeline…
    monkeypatch.setattr(team_module, "PULL_PAGE", 3)
    monkeypatch.setattr(Team, "_apply_page", apply_page)
    monkeypatch.setattr(team_module.TeamServer, "get", get)
    assert mx.sync_once().pulled == 3 + visible  # the first page, then everything again from the start
    assert asked.count(None) == 2
    with max_store.read() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 7
        created = session.scalars(select(func.count()).where(
            Change.field == "*", Change.new == '"created"').group_by(Change.record_uuid)).all()
    assert created == [1] * visible
    max_store.close()
    eva_store.close()
