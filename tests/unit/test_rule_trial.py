"""Trying a rule counts every match, even beyond the hits it lists (the editor says "12 of 3,400")."""

from __future__ import annotations

from app.automation import rule_book
from app.automation.rule_format import check_rule
from tests.support.mail_store import MailStore, mail


def test_a_trial_counts_every_match_and_lists_the_first(store):
    MailStore(store).add(*[mail("li@acme.com", "sales@example.com", f"投诉 {i}", day=i + 1) for i in range(5)],
                         mail("bo@globex.com", "sales@example.com", "Hello", day=9))
    spec = check_rule({"name": "complaints", "when": {"event": "message_received"},
                       "if": {"field": "subject", "op": "contains", "value": "投诉"},
                       "then": [{"action": "create_case"}]})
    trial = rule_book.try_rule(store, spec, limit=2)
    assert (trial.examined, trial.matched, len(trial.hits)) == (6, 5, 2)
    assert trial.as_json()["matched"] == 5 and trial.note == "5 matched; first 2 listed"
    assert [hit.label for hit in trial.hits] == ["投诉 0", "投诉 1"]
    whole = rule_book.try_rule(store, spec)
    assert whole.matched == len(whole.hits) == 5 and whole.note == ""
