"""Team rules on three laptops against a running team server (PostgreSQL and SQLite): the
manager publishes a rule, every member's client receives it, three colleagues receive the same
complaint, and the team gets one case, not three; a rep cannot change the team's rules; an
offline client waits for its claim and never runs the rule alone."""

from __future__ import annotations

import time

import pytest

from app.automation import rule_book
from app.automation.engine import run_rules
from app.automation.rule_format import check_rule
from app.crm import cases
from app.crm.customers import ContactInput, add_contact
from app.crm.linking import link_new_mail
from app.errors import NetworkError, UserFacingError
from app.profile import open_profile
from app.sync.team import Team
from tests.support.automation import arriving
from tests.support.mail_store import MailStore
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration

COMPLAINT = {"name": "complaint", "when": {"event": "message_received"},
             "if": {"field": "subject", "op": "contains", "value": "投诉"},
             "then": [{"action": "create_case", "priority": "high"}]}


@pytest.fixture(scope="module")
def org(team_server):
    team_server.team("Service", "edit")
    for email, role in (("boss@service.test", "manager"), ("amy@service.test", "rep"),
                        ("ben@service.test", "rep"), ("cat@service.test", "rep")):
        team_server.user(email, "Service", role)
    return team_server


@pytest.fixture
def laptops(org, tmp_path):
    opened = {}
    for name in ("boss", "amy", "ben", "cat"):
        _paths, store = open_profile(str(tmp_path / name))
        Team(store).login(org.base_url, f"{name}@service.test", PASSWORD, device_name=f"{name}'s laptop")
        opened[name] = store
    yield opened
    for store in opened.values():
        store.close()


def _receive(store, subject: str, message_id: str) -> None:
    box = MailStore(store)
    box.add(arriving("王经理 <wang@huaxin.cn>", subject, message_id))
    link_new_mail(store)


def test_three_colleagues_receive_one_complaint_and_the_team_gets_one_case(laptops):
    Team(laptops["boss"]).publish_rules([check_rule(COMPLAINT)])
    for name in ("amy", "ben", "cat"):
        Team(laptops[name]).sync_once()
        assert [(r.name, r.scope) for r in rule_book.list_rules(laptops[name])] == [("complaint", "team")]
        add_contact(laptops[name], ContactInput(name="王经理", emails=[f"wang+{name}@huaxin.cn"]))
        _receive(laptops[name], "投诉：发货太慢", "<complaint-1@huaxin.cn>")

    reports = {name: run_rules(laptops[name], claim=Team(laptops[name]).claim_rule_run) for name in ("amy", "ben", "cat")}

    assert sorted(r.done for r in reports.values()) == [0, 0, 1]
    winner = next(name for name, r in reports.items() if r.done)
    for name in ("amy", "ben", "cat"):
        [entry] = rule_book.run_log(laptops[name])
        assert entry.status == ("done" if name == winner else "skipped")
        if name != winner:
            assert entry.as_json()["skipped"] == f"run for the team by {winner}@service.test"
        Team(laptops[name]).sync_once()
    for name in ("amy", "ben", "cat"):
        Team(laptops[name]).sync_once()
        assert [c.title for c in cases.list_cases(laptops[name])] == ["投诉：发货太慢"], name


def test_only_managers_change_team_rules_and_members_see_changes_next_round(laptops):
    with pytest.raises(UserFacingError) as refused:
        Team(laptops["amy"]).publish_rules([check_rule({**COMPLAINT, "name": "mine"})])
    assert "was not saved" in str(refused.value)
    with pytest.raises(UserFacingError):
        rule_book.import_rules(laptops["amy"], {"rules": [{**COMPLAINT, "scope": "team"}]})
    Team(laptops["boss"]).publish_rules([check_rule(COMPLAINT)])
    Team(laptops["amy"]).sync_once()
    with pytest.raises(UserFacingError):  # a member's laptop cannot change the team's copy
        rule_book.set_enabled(laptops["amy"], "complaint", False)
    Team(laptops["boss"]).publish_rules([check_rule({**COMPLAINT, "enabled": False})])
    Team(laptops["amy"]).sync_once()
    assert [spec.enabled for spec in rule_book.list_rules(laptops["amy"])] == [False]
    Team(laptops["boss"]).remove_rule("complaint")
    Team(laptops["amy"]).sync_once()
    assert rule_book.list_rules(laptops["amy"]) == []


def test_an_offline_laptop_waits_for_its_claim_and_then_runs_once(laptops):
    Team(laptops["boss"]).publish_rules([check_rule(COMPLAINT)])
    amy = laptops["amy"]
    Team(amy).sync_once()
    add_contact(amy, ContactInput(name="王经理", emails=["wang@huaxin.cn"]))
    _receive(amy, "投诉 二", "<complaint-2@huaxin.cn>")

    def offline(_rule, _event):
        raise NetworkError("The team server {server} cannot be reached ({reason}).", server="x", reason="down")

    def mine():
        return [c for c in cases.list_cases(amy) if "<complaint-2@huaxin.cn>" in c.messages]

    report = run_rules(amy, claim=offline)
    [entry] = rule_book.run_log(amy)
    assert report.done == 0 and entry.status == "waiting" and mine() == []
    run_rules(amy, claim=Team(amy).claim_rule_run)  # back online, but not due yet: still waiting
    assert rule_book.run_log(amy)[0].status == "waiting"
    run_rules(amy, claim=Team(amy).claim_rule_run, now=int(time.time()) + 61)
    assert rule_book.run_log(amy)[0].status == "done" and len(mine()) == 1
