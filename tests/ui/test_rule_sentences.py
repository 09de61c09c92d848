"""Rules told as sentences: every event, every operator, every action, groups and defaults."""

from __future__ import annotations

import pytest

from app.automation.rule_format import ACTION_KEYS, EVENTS, OPS
from app.ui.rule_sentences import action, condition, describe, trigger
from tests.ui.customer_support import english_plurals  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("english_plurals")

TRIGGERS = [
    ({"event": "message_received"}, "When a message arrives in Inbox"),
    ({"event": "message_received", "folder": "Support", "account": "work"},
     "When a message arrives in Support (account work)"),
    ({"event": "message_received", "folder": "any"}, "When a message arrives in any folder"),
    ({"event": "message_sent"}, "When a message is sent"),
    ({"event": "message_sent", "account": "work"}, "When a message is sent from the account work"),
    ({"event": "record_created", "record": "deal"}, "When a deal is created"),
    ({"event": "field_changed", "record": "deal", "field": "stage"}, "When the stage of a deal changes"),
    ({"event": "field_changed", "record": "deal", "field": "stage", "to": "Won"},
     "When the stage of a deal changes to “Won”"),
    ({"event": "field_changed", "record": "deal", "field": "stage", "from": "Lead"},
     "When the stage of a deal changes from “Lead”"),
    ({"event": "field_changed", "record": "contact", "field": "tier", "from": "B", "to": "A"},
     "When the tier of a contact changes from “B” to “A”"),
    ({"event": "overdue"}, "When a task is overdue"),
    ({"event": "overdue", "record": "case"}, "When a case is overdue"),
    ({"event": "no_reply", "after": "2d"}, "When a customer's message has had no reply for 2 days"),
    ({"event": "no_reply", "after": "1h"}, "When a customer's message has had no reply for 1 hour"),
    ({"event": "no_reply", "hours": 48}, "When a customer's message has had no reply for 48 hours"),
    ({"event": "no_reply"}, "When a customer's message has had no reply for 2 days"),
    ({"event": "no_activity", "days": 30}, "When a contact has had no activity for 30 days"),
    ({"event": "no_activity", "days": 1, "record": "company"}, "When a company has had no activity for 1 day"),
    ({"event": "schedule", "every": "day", "at": "09:00"}, "Every day at 09:00"),
    ({"event": "schedule", "every": "week", "at": "08:30", "day": "monday"}, "Every Monday at 08:30"),
]


@pytest.mark.parametrize("when, expected", TRIGGERS)
def test_every_trigger(when, expected):
    assert trigger(when) == expected


def test_the_triggers_cover_every_event():
    assert {when["event"] for when, _ in TRIGGERS} == set(EVENTS)


CONDITIONS = [
    ({"field": "subject", "op": "contains", "value": "投诉"}, "the subject contains “投诉”"),
    ({"field": "from", "op": "matches", "value": r"@(acme|globex)\.com$"},
     "the sender matches the pattern “@(acme|globex)\\.com$”"),
    ({"field": "domain", "op": "is", "value": "acme.com"}, "the sender's domain is “acme.com”"),
    ({"field": "deal.stage", "op": "changed_to", "value": "Won"}, "the deal's stage changed to “Won”"),
    ({"field": "customer.owner", "op": "in", "value": ["ann", "bob"]},
     "the customer's owner is one of “ann”, “bob”"),
    ({"field": "customer.tags", "op": "contains", "value": "VIP"}, "the customer is tagged “VIP”"),
    ({"field": "has_attachment", "op": "is", "value": True}, "the message has an attachment"),
    ({"field": "has_attachment", "op": "is", "value": "false"}, "the message has no attachment"),
    ({"field": "tier", "op": "is", "value": "A"}, "the field tier is “A”"),
    ({"field": "custom.tier", "op": "is", "value": "A"}, "the field tier is “A”"),
    ({"field": "company.custom.region", "op": "is", "value": "华东"}, "the company's region is “华东”"),
]


@pytest.mark.parametrize("node, expected", CONDITIONS)
def test_every_operator_and_field_kind(node, expected):
    assert condition(node) == expected


def test_the_conditions_cover_every_operator():
    assert {node["op"] for node, _ in CONDITIONS} == set(OPS)


def test_groups_join_with_and_or_and_not_with_brackets_when_nested():
    a = {"field": "subject", "op": "contains", "value": "a"}
    b = {"field": "subject", "op": "contains", "value": "b"}
    c = {"field": "from", "op": "is", "value": "x@y.com"}
    assert condition({"all": [a, b]}) == "the subject contains “a” and the subject contains “b”"
    assert condition({"any": [a, b]}) == "the subject contains “a” or the subject contains “b”"
    assert condition({"all": [{"any": [a, b]}, {"not": c}]}) == \
        "(the subject contains “a” or the subject contains “b”) and not (the sender is “x@y.com”)"


ACTIONS = [
    ({"action": "create_case", "priority": "high", "assignee": "me"}, "create a case, priority high, assigned to me"),
    ({"action": "create_case", "title": "Complaint: {subject}", "assignee": "ann@example.com", "due_in": "4h"},
     "create a case, titled “Complaint: {subject}”, priority normal, assigned to ann@example.com, due in 4 hours"),
    ({"action": "create_task"}, "create a task"),
    ({"action": "create_task", "title": "Call back", "due_in": "1d"}, "create a task “Call back”, due in 1 day"),
    ({"action": "set_field", "record": "deal", "field": "stage", "value": "Won"}, "set the deal's stage to “Won”"),
    ({"action": "set_field", "field": "tier", "value": "A"}, "set the customer's tier to “A”"),
    ({"action": "add_tag", "tag": "VIP"}, "tag the customer “VIP”"),
    ({"action": "assign_owner", "record": "deal", "owner": "bob@example.com"},
     "make bob@example.com the owner of the deal"),
    ({"action": "return_to_pool"}, "return the customer to the pool"),
    ({"action": "move_message", "folder": "Support"}, "move the message to Support"),
    ({"action": "flag_message"}, "flag the message"),
    ({"action": "flag_message", "flagged": False}, "remove the message's flag"),
    ({"action": "mark_read"}, "mark the message read"),
    ({"action": "mark_read", "read": False}, "mark the message unread"),
    ({"action": "link_customer", "company": "Acme"}, "link the message to the company Acme"),
    ({"action": "link_customer", "contact": "li@acme.com"}, "link the message to the contact li@acme.com"),
    ({"action": "send_template", "template": "Thanks"}, "send the template “Thanks” to the sender"),
    ({"action": "send_template", "template": "Thanks", "to": "deal.contact", "account": "work"},
     "send the template “Thanks” to the deal's contact from the account work"),
    ({"action": "send_template", "template": "Thanks", "to": "li@acme.com"},
     "send the template “Thanks” to li@acme.com"),
    ({"action": "notify", "title": "Big deal won"}, "notify me: “Big deal won”"),
    ({"action": "notify", "title": "Won", "body": "{deal.title}"}, "notify me: “Won” ({deal.title})"),
]


@pytest.mark.parametrize("item, expected", ACTIONS)
def test_every_action(item, expected):
    assert action(item) == expected


def test_the_actions_cover_every_action():
    assert {item["action"] for item, _ in ACTIONS} == set(ACTION_KEYS)


def test_a_whole_rule_is_one_sentence():
    rule = {"name": "complaint", "when": {"event": "message_received", "folder": "inbox"},
            "if": {"all": [{"field": "customer.tags", "op": "contains", "value": "VIP"},
                           {"field": "subject", "op": "contains", "value": "投诉"}]},
            "then": [{"action": "create_case", "priority": "high", "assignee": "me"}]}
    assert describe(rule) == ("When a message arrives in Inbox, if the customer is tagged “VIP” and the subject "
                              "contains “投诉”, create a case, priority high, assigned to me.")
    rule = {"name": "won", "when": {"event": "field_changed", "record": "deal", "field": "stage", "to": "Won"},
            "then": [{"action": "notify", "title": "Won"}, {"action": "add_tag", "record": "deal", "tag": "won"}]}
    assert describe(rule) == ("When the stage of a deal changes to “Won”, notify me: “Won”; "
                              "then tag the deal “won”.")


def test_a_half_made_rule_is_described_as_far_as_it_goes():
    assert describe({}) == "When something happens, do nothing yet."
    assert describe({"when": {"event": "schedule"}, "then": [{"action": "notify"}]}) == \
        "Every day at ?, notify me: “”."
