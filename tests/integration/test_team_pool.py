"""The team's public pool (公海) end to end, against a running team server (PostgreSQL and
SQLite), in a private team where colleagues never see each other's customers otherwise:

* a rule on the owner's laptop returns a customer who wrote "不再合作" to the pool, offline
  (queued), and the next team sync tells the server;
* a colleague's laptop then lists it in the pool, picks it up from the command line and owns it;
  a third colleague asking later is told it is taken; the former owner's laptop lets it go.
"""

from __future__ import annotations

import json

import pytest

from app.automation import rule_book
from app.automation.engine import run_rules
from app.crm.customers import ContactInput, add_contact
from app.crm.linking import link_new_mail
from app.errors import UserFacingError
from app.profile import open_profile
from app.sync.team import Team
from tests.conftest import Cli
from tests.support.automation import arriving
from tests.support.mail_store import MailStore
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration

LEAVING = {"name": "leaving", "when": {"event": "message_received"},
           "if": {"field": "subject", "op": "contains", "value": "不再合作"},
           "then": [{"action": "return_to_pool"}]}


@pytest.fixture(scope="module")
def org(team_server):
    team_server.team("Pool", "private")
    for name in ("amy", "ben", "cat"):
        team_server.user(f"{name}@pool.test", "Pool", "rep")
    return team_server


def cli_for(org, tmp_path, name: str) -> Cli:
    cli = Cli(tmp_path / name, tmp_path / f"{name}-keyring.json")
    signed = cli("team", "login", "--server", org.base_url, "--email", f"{name}@pool.test", "--password-stdin",
                 "--device-name", f"{name}'s laptop", stdin=PASSWORD + "\n")
    assert f"as {name}@pool.test" in signed.stdout
    return cli


def pooled(cli: Cli) -> list[dict]:
    return [json.loads(line) for line in cli("team", "pooled", "--json").stdout.splitlines()]


def test_a_rule_returns_a_leaving_customer_to_the_pool_and_a_colleague_picks_it_up(org, tmp_path):
    _paths, amy = open_profile(str(tmp_path / "amy"))
    try:
        Team(amy).login(org.base_url, "amy@pool.test", PASSWORD, device_name="amy's laptop")
        contact_uuid = add_contact(amy, ContactInput(name="王经理", emails=["wang@leaving.cn"]))
        Team(amy).sync_once()
        rule_book.import_rules(amy, {"rules": [LEAVING]})
        ben, cat = cli_for(org, tmp_path, "ben"), cli_for(org, tmp_path, "cat")
        assert pooled(ben) == []

        MailStore(amy).add(arriving("王经理 <wang@leaving.cn>", "我们不再合作了", "<bye@leaving.cn>"))
        link_new_mail(amy)
        run_rules(amy)  # no server call: the return is queued, as it would be on a plane

        [run] = rule_book.run_log(amy)
        assert run.status == "done" and "returned to the team's pool" in json.dumps(run.as_json(), ensure_ascii=False)
        facts = Team(amy).record_facts(contact_uuid)
        assert facts["pool_requested"] and not facts["pooled"]

        assert Team(amy).sync_once().pushed >= 1
        assert Team(amy).record_facts(contact_uuid)["pooled"] is True

        ben("team", "sync")
        [listed] = pooled(ben)
        assert (listed["uuid"], listed["name"], listed["last_owner"]) == (contact_uuid, "王经理", "amy")
        picked = ben("team", "pick-up", "wang@leaving.cn")
        assert "yours now" in picked.stdout
        assert pooled(ben) == []

        cat("team", "sync")
        taken = cat("team", "pick-up", contact_uuid, check=False)
        assert taken.returncode != 0 and "could not be picked up" in taken.stderr
        assert "Traceback" not in taken.stderr

        Team(amy).sync_once()
        assert Team(amy).record_facts(contact_uuid) is None  # ben's now, in a private team
    finally:
        amy.close()


def test_returning_by_hand_from_the_command_line(org, tmp_path):
    amy = cli_for(org, tmp_path, "amy")
    amy("contacts", "add", "--email", "li@quiet.cn", "--name", "李")
    amy("team", "sync")
    assert "in the team's pool" in amy("team", "pool", "li@quiet.cn").stdout
    again = amy("team", "pool", "li@quiet.cn")
    assert again.returncode == 0 and "in the team's pool" in again.stdout

    amy("contacts", "add", "--email", "solo@quiet.cn", "--name", "Solo")  # not synced yet: not the team's
    unshared = amy("team", "pool", "solo@quiet.cn", check=False)
    assert unshared.returncode != 0 and "not shared with the team" in unshared.stderr
    nowhere = amy("team", "pool", "nobody@quiet.cn", check=False)
    assert nowhere.returncode != 0 and "No contact with the address nobody@quiet.cn" in nowhere.stderr
    assert "Traceback" not in unshared.stderr + nowhere.stderr
