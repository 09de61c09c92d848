"""``python -m server admin …`` run for real, as a subprocess, on PostgreSQL and on SQLite.

Every command's happy path (``--json`` parsed), the promise for bad input ("one clear line,
non-zero exit, nothing half done", checked against a dump of every table), an unreachable
database, and the commands whose effect shows on the running server: hand-over (离职继承),
revoking a user, revoking one device.

Each CLI call costs about a second of start-up, so calls that do not depend on each other run
side by side (``run_all``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select

from server import __version__
from server.admin import ops
from server.db.models import Base
from server.policy.principal import Principal
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
UNREACHABLE = "postgresql+psycopg://liaison:secretpw@127.0.0.1:1/nothing"


# -- running the command line ---------------------------------------------------------------

@dataclass
class Run:
    args: tuple
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def __str__(self):
        return f"{self.args!r} → {self.code}\nstdout: {self.out}\nstderr: {self.err}"


def cli(*args, stdin: str | bytes | None = None) -> Run:
    """``python -m server ARGS`` (an argument may be bytes: not every byte string is UTF-8)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run([sys.executable, "-m", "server", *args], input=data, check=False,
                            capture_output=True, cwd=REPO, env=ENV, timeout=120)
    return Run(args, result.returncode, result.stdout.decode(errors="replace"),
               result.stderr.decode(errors="replace"))


def admin(url: str, *args, stdin: str | bytes | None = None) -> Run:
    return cli("admin", "--database-url", url, *args, stdin=stdin)


def run_all(calls) -> list[Run]:
    """Run independent calls side by side: each is a tuple of CLI arguments, or (args, stdin)
    with args a tuple."""
    def one(call):
        if len(call) == 2 and isinstance(call[0], tuple):
            return cli(*call[0], stdin=call[1])
        return cli(*call)
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, calls))


def ok(run: Run) -> Run:
    assert run.code == 0, str(run)
    assert "Traceback" not in run.out + run.err, str(run)
    return run


def refused(run: Run, code: int = 1, says: str = "") -> None:
    """Bad input: a non-zero exit and one line on stderr, never a traceback. Usage errors
    (argparse, exit 2) print the usage first, then their one ``error:`` line."""
    assert run.code == code, str(run)
    assert "Traceback" not in run.out + run.err, str(run)
    lines = run.err.splitlines()
    if code == 2:
        assert lines[0].startswith("usage:") and ": error: " in lines[-1], str(run)
    else:
        assert len(lines) == 1 and lines[0].startswith("error:"), str(run)
        assert run.out == "", str(run)
    assert says in lines[-1], f"expected {says!r}: {run}"


def dump(url: str) -> dict[str, list[str]]:
    """Every row of every table, to show a refused command changed nothing at all."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {table.name: sorted(repr(tuple(row)) for row in conn.execute(select(table)))
                    for table in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


def by_email(users: list[dict]) -> dict[str, dict]:
    return {u["email"]: u for u in users}


# -- once, whatever the backend ---------------------------------------------------------------

def test_version_migrate_and_input_refused_before_any_change(tmp_path):
    fresh = f"sqlite:///{tmp_path}/fresh.sqlite3"
    version, migrated = run_all([("--version",), ("migrate", "--database-url", fresh)])
    assert ok(version).out.strip() == __version__
    ok(migrated)
    before = dump(fresh)
    assert {"teams", "users", "devices", "records", "audit_log"} <= set(before)
    assert all(rows == [] for name, rows in before.items() if name != "server_state")

    def new_user(*extra, stdin=PASSWORD + "\n", email="newbie@example.com"):
        return (("admin", "--database-url", fresh, "create-user", email, "--team", "Anything",
                 "--password-stdin", *extra), stdin)

    cases = [  # the same on either backend: refused before the database is asked anything
        (("admin", "--database-url", fresh, "create-team", "   "), 1, "a team needs a name"),
        (new_user("--role", "rep", email="not-an-address"), 1,
         "'not-an-address' is not an email address"),
        (new_user("--role", "boss"), 2, "invalid choice: 'boss'"),
        (new_user("--role", "rep", stdin="short\n"), 1, "a password has at least 8"),
        (new_user("--role", "rep", stdin=""), 1, "no password given"),
        (("admin", "--database-url", fresh, "audit", "--since", "last tuesday"), 1,
         "--since takes a date like 2026-11-30"),
    ]
    for (_, code, says), run in zip(cases, run_all([call for call, _, _ in cases])):
        refused(run, code, says)
    assert dump(fresh) == before


def test_database_problems(tmp_path):
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("hello, I am not a database\n" * 100)
    unreachable, nonsense, no_driver, garbage = run_all([
        ("admin", "--database-url", UNREACHABLE, "list-users"),
        ("admin", "--database-url", "not a url", "list-users"),
        ("admin", "--database-url", "mysql://liaison:secretpw@127.0.0.1/crm", "list-users"),
        ("admin", "--database-url", f"sqlite:///{not_a_database}", "list-users"),
    ])
    refused(unreachable, code=3, says="error: cannot use the database "
            "postgresql+psycopg://liaison:***@127.0.0.1:1/nothing: connection failed")
    assert "secretpw" not in unreachable.out + unreachable.err
    refused(nonsense, says="the database URL is not")
    refused(no_driver, says="no database driver for 'mysql'")
    assert "secretpw" not in no_driver.err
    refused(garbage, code=3, says="file is not a database")


# -- on each backend ---------------------------------------------------------------------------

def test_every_command_happy_path(team_server):
    url = team_server.database_url
    team_server.team("Happy South")
    north = ok(admin(url, "create-team", "Happy North", "--sharing", "private"))
    assert north.out.startswith("team Happy North created (")
    hana = ok(admin(url, "create-user", "Hana@Example.com", "--team", "Happy North", "--role",
                    "rep", "--name", "Hana Happy", "--password-stdin", stdin=PASSWORD + "\r\n"))
    assert hana.out.strip() == "user hana@example.com created (rep)"
    # the password read from standard input is the one that signs in ("\r\n" stripped)
    with team_server.sign_in("hana@example.com", "hana's laptop") as client:
        assert client.get("/api/v1/me").json()["email"] == "hana@example.com"
        device_id = client.device_id

    role, sharing, bodies, rule = run_all([
        ("admin", "--database-url", url, "set-role", "hana@example.com", "manager", "--team",
         "Happy South", "--manages", "Happy North", "--manages", "Happy North"),
        ("admin", "--database-url", url, "set-policy", "--team", "Happy North", "--sharing",
         "edit"),
        ("admin", "--database-url", url, "set-policy", "--team", "Happy North", "--mail-bodies",
         "share"),
        ("admin", "--database-url", url, "set-policy", "--role", "rep", "--record-type",
         "contact", "--field", "title", "--rule", "read_only", "--scope", "other_teams")])
    assert ok(role).out.strip() == "hana@example.com is now manager"
    assert ok(sharing).out.strip() == ("team Happy North: members' records are edit to the "
                                       "team by default")
    assert ok(bodies).out.strip() == "team Happy North: mail filed on customers is shared with its body"
    assert ok(rule).out.strip() == "contact.title for reps (other_teams): read_only"
    with team_server.db.read() as session:
        assert {"role": "rep", "record_type": "contact", "field": "title", "rule": "read_only",
                "scope": "other_teams"} in ops.field_rules(session)

    # the plain-text listings print the same rows whatever the backend: read them once
    text = [("admin", "--database-url", url, command) for command in (
        "list-users", "list-devices", "audit")] if url.startswith("sqlite") else []
    lifted, users_json, devices_json, audit_json, *as_text = run_all([
        ("admin", "--database-url", url, "set-policy", "--role", "rep", "--record-type",
         "contact", "--field", "title", "--rule", "none", "--scope", "other_teams"),
        ("admin", "--database-url", url, "list-users", "--json"),
        ("admin", "--database-url", url, "list-devices", "--json"),
        ("admin", "--database-url", url, "audit", "--json", "--limit", "9"), *text])
    assert ok(lifted).out.strip() == "contact.title for reps (other_teams): none"
    with team_server.db.read() as session:
        assert not [r for r in ops.field_rules(session) if r["field"] == "title"]

    users = by_email(ok(users_json).json())
    assert users["hana@example.com"] == {
        "id": users["hana@example.com"]["id"], "email": "hana@example.com",
        "name": "Hana Happy", "role": "manager",
        "team": {"id": users["hana@example.com"]["team"]["id"], "name": "Happy South",
                 "share_mail_bodies": False},
        "managed_teams": [{"id": north.out.split("(")[1].rstrip(")\n"),
                           "name": "Happy North"}],
        "active": True}
    devices = {d["id"]: d for d in ok(devices_json).json()}
    assert devices[device_id]["user"] == "hana@example.com"
    assert devices[device_id]["name"] == "hana's laptop"
    assert devices[device_id]["revoked"] is False

    # newest first: the four changes above (in any order), the user, the team; hana's
    # sign-in is hers, and the rule's lifting ran alongside the reading: both left out
    rows = [r for r in ok(audit_json).json() if r["user"] == "admin-cli" and r["new"] != "none"]
    rows = rows[:6]
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
    assert all(r["user_id"] is None and r["device_id"] is None for r in rows)
    assert [r["action"] for r in rows] == ["permission"] * 4 + ["user", "team"]
    assert rows[-1]["new"] == {"name": "Happy North", "sharing": "private"}
    assert rows[-2]["new"] == {"email": "hana@example.com", "role": "rep",
                               "team": "Happy North"}
    changes = {r["field"]: r for r in rows[:4]}
    assert (changes["sharing"]["old"], changes["sharing"]["new"]) == ("private", "edit")
    assert (changes["share_mail_bodies"]["old"], changes["share_mail_bodies"]["new"]) == (False, True)
    assert changes["sharing"]["detail"]["name"] == "Happy North"
    assert (changes["title"]["old"], changes["title"]["new"]) == ("none", "read_only")
    assert changes["title"]["record_type"] == "contact"
    assert changes["title"]["detail"] == {"role": "rep", "scope": "other_teams"}
    promoted = changes[None]
    assert promoted["detail"]["email"] == "hana@example.com"
    assert promoted["old"]["role"] == "rep" and promoted["new"]["role"] == "manager"
    assert len(promoted["new"]["manages"]) == 1  # named twice, managed once

    if as_text:
        users_text, devices_text, audit_text = map(ok, as_text)
        hana_line = [line for line in users_text.out.splitlines() if "hana@example.com" in line]
        assert len(hana_line) == 1 and hana_line[0].split() == [
            "hana@example.com", "manager", "Happy", "South"]
        laptop_line = [line for line in devices_text.out.splitlines() if device_id in line]
        assert len(laptop_line) == 1 and "hana's laptop" in laptop_line[0]
        assert "last seen 20" in laptop_line[0]
        assert "admin-cli" in audit_text.out and "'Happy North'" in audit_text.out


def test_bad_input_is_one_line_and_changes_nothing(team_server):
    url = team_server.database_url
    team_server.team("Refuse")
    team_server.user("rita@example.com", "Refuse", "rep")
    team_server.user("rolf@example.com", "Refuse", "rep")
    with team_server.db.write() as tx:
        ops.revoke_user(tx, Principal.server_admin(), "rolf@example.com")
    before = dump(url)

    def new_user(*extra, stdin=PASSWORD + "\n", email="newbie@example.com"):
        return (("admin", "--database-url", url, "create-user", email, "--team", "Refuse",
                 "--role", "rep", "--password-stdin", *extra), stdin)

    def adm(*args):
        return ("admin", "--database-url", url, *args)

    cases = [
        (adm("create-team", b"Caf\xe9"), 1, "UTF-8"),
        ((adm("create-user", "newbie@example.com", "--team", "Nowhere", "--role", "rep",
              "--password-stdin"), PASSWORD), 1, "there is no team 'Nowhere'"),
        (new_user(email="RITA@example.com"), 1, "a user 'rita@example.com' exists already"),
        (adm("set-role", "nobody@example.com", "manager"), 1,
         "there is no user 'nobody@example.com'"),
        (adm("set-role", "rita@example.com", "manager", "--manages", "Refuse", "--manages",
             "Nowhere"), 1, "there is no team 'Nowhere'"),
        (adm("revoke-user", "nobody@example.com"), 1, "there is no user 'nobody@example.com'"),
        (adm("revoke-device", "00000000-0000-4000-8000-000000000000"), 1,
         "there is no device '00000000-0000-4000-8000-000000000000'"),
        (adm("hand-over", "--from", "rita@example.com", "--to", "nobody@example.com"), 1,
         "there is no user 'nobody@example.com'"),
        (adm("hand-over", "--from", "rita@example.com", "--to", "Rita@Example.com"), 1,
         "hand-over needs two different users"),
        (adm("hand-over", "--from", "rita@example.com", "--to", "rolf@example.com"), 1,
         "rolf@example.com has been revoked"),
        (adm("set-policy", "--role", "rep", "--record-type", "contact", "--field",
             "shoe_size", "--rule", "hidden"), 1, "a contact has no field 'shoe_size'"),
    ]
    runs = run_all([call for call, _, _ in cases])
    for (_, code, says), run in zip(cases, runs):
        refused(run, code, says)
    assert dump(url) == before


def test_hand_over_end_to_end(team_server):
    url = team_server.database_url
    team_server.team("Leaving")
    team_server.team("Staying")
    team_server.user("dora@example.com", "Leaving", "rep")  # leaves the company
    team_server.user("tess@example.com", "Leaving", "rep")  # her teammate
    team_server.user("carl@example.com", "Staying", "rep")  # takes her customers over
    dora = team_server.sign_in("dora@example.com", "dora's laptop")
    uuids = []
    for name in ("Ada Customer", "Bert Customer", "Cleo Customer"):
        answer = dora.post("/api/v1/records", json={"type": "contact", "fields": {"name": name}})
        assert answer.status_code == 201, answer.text
        uuids.append(answer.json()["record"]["uuid"])
    carl = team_server.sign_in("carl@example.com")
    tess = team_server.sign_in("tess@example.com")
    carl_before = carl.pull_all(limit=2)
    tess_before = tess.pull_all(limit=2)
    assert not set(uuids) & set(carl_before["records"])
    assert set(uuids) <= set(tess_before["records"])

    assert "revoked" in ok(admin(url, "revoke-user", "dora@example.com")).out
    assert dora.get("/api/v1/me").status_code == 401
    assert dora.get("/api/v1/sync/pull").status_code == 401
    again = httpx.post(f"{team_server.base_url}/api/v1/auth/token", data={
        "username": "dora@example.com", "password": PASSWORD, "device_name": "new phone"})
    assert again.status_code == 401, again.text

    moved = ok(admin(url, "hand-over", "--from", "dora@example.com", "--to",
                     "carl@example.com"))
    assert moved.out.strip() == "3 records passed from dora@example.com to carl@example.com"

    carl_after = carl.pull_all(carl_before["cursor"], limit=2)
    assert set(uuids) <= set(carl_after["records"])
    for record_uuid in uuids:
        record = carl_after["records"][record_uuid]
        assert record["owner"]["email"] == "carl@example.com"
        assert record["team"]["name"] == "Staying"
        assert record["can_edit"] is True
    assert sorted(carl_after["records"][u]["fields"]["name"] for u in uuids) == [
        "Ada Customer", "Bert Customer", "Cleo Customer"]
    # the records left dora's team with their owner: her teammate's pull says they are gone
    tess_after = tess.pull_all(tess_before["cursor"], limit=2)
    assert set(uuids) <= set(tess_after["gone"])
    assert dora.get("/api/v1/me").status_code == 401

    hand_overs = [r for r in ok(admin(url, "audit", "--json", "--limit", "20")).json()
                  if r["action"] == "hand_over"]
    per_record = [r for r in hand_overs if r["record"]]
    assert sorted(r["record"] for r in per_record) == sorted(uuids)
    assert all(r["old"] == "dora@example.com" and r["new"] == "carl@example.com" and
               r["field"] == "owner" and r["user"] == "admin-cli" for r in per_record)
    summary = [r for r in hand_overs if not r["record"]]
    assert len(summary) == 1 and summary[0]["detail"] == {"records": 3}
    for client in (dora, carl, tess):
        client.close()


def test_revoke_device(team_server):
    url = team_server.database_url
    team_server.team("Devices")
    team_server.user("dev@example.com", "Devices", "rep")
    laptop = team_server.sign_in("dev@example.com", "laptop")
    phone = team_server.sign_in("dev@example.com", "phone")
    assert laptop.get("/api/v1/me").status_code == 200
    assert phone.get("/api/v1/me").status_code == 200

    revoked = ok(admin(url, "revoke-device", laptop.device_id))
    assert revoked.out.strip() == f"device {laptop.device_id} revoked"
    assert laptop.get("/api/v1/me").status_code == 401  # the very next request
    assert phone.get("/api/v1/me").status_code == 200
    assert phone.get("/api/v1/sync/pull").status_code == 200

    listed = ok(admin(url, "list-devices", "--user", "DEV@example.com", "--json")).json()
    assert [(d["id"], d["name"], d["revoked"]) for d in listed] == [
        (laptop.device_id, "laptop", True), (phone.device_id, "phone", False)]
    assert all(d["user"] == "dev@example.com" and d["last_seen_at"] for d in listed)
    laptop.close()
    phone.close()


def test_audit_filters(team_server):
    url = team_server.database_url
    team_server.team("Audited")
    team_server.user("aud@example.com", "Audited", "rep")
    team_server.user("other@example.com", "Audited", "rep")
    aud = team_server.sign_in("aud@example.com")
    other = team_server.sign_in("other@example.com")

    def create(client, name):
        answer = client.post("/api/v1/records", json={"type": "contact",
                                                      "fields": {"name": name}})
        assert answer.status_code == 201, answer.text
        return answer.json()["record"]["uuid"]

    first = create(aud, "First Contact")
    edited = aud.patch(f"/api/v1/records/{first}", json={"fields": {"title": "CEO"}})
    assert edited.status_code == 200, edited.text
    time.sleep(0.05)
    between = datetime.now(UTC).isoformat(timespec="milliseconds")
    time.sleep(0.05)
    second = create(aud, "Second Contact")
    theirs = create(other, "Their Contact")
    future = (date.today() + timedelta(days=2)).isoformat()

    by_record, by_user, since, in_future = run_all([
        ("admin", "--database-url", url, "audit", "--record", first, "--json"),
        ("admin", "--database-url", url, "audit", "--user", "AUD@example.com", "--json"),
        ("admin", "--database-url", url, "audit", "--user", "aud@example.com", "--since",
         between, "--json"),
        ("admin", "--database-url", url, "audit", "--since", future, "--json")])

    rows = ok(by_record).json()
    assert {r["record"] for r in rows} == {first}
    actions = [(r["action"], r["field"]) for r in rows]  # newest first
    assert actions[0] == ("update", "title") and actions[-1] == ("create", None)
    assert ("update", "name") in actions
    assert rows[0]["new"] == "CEO" and rows[0]["user"] == "aud@example.com"
    assert rows[0]["device_id"] == aud.device_id

    rows = ok(by_user).json()
    assert {r["user"] for r in rows} == {"aud@example.com"}
    assert {r["record"] for r in rows if r["record"]} == {first, second}
    assert theirs not in {r["record"] for r in rows}
    assert "login" in {r["action"] for r in rows}
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)

    rows = ok(since).json()  # only what came after the moment: the second contact
    assert {r["record"] for r in rows} == {second}
    assert rows[-1]["action"] == "create"

    assert ok(in_future).json() == []
    aud.close()
    other.close()
