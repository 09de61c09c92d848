"""Changing rules, wherever they live: a person's own rules in the profile, the team's on the
team server (its managers and admins; the server decides and the next round brings the change
back to every member).  The window and the CLI both change rules through here.

Team rules need the network: call these from a job or an op's plain thread, never from the
writer thread (a publish would hold every write up for as long as the server takes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.automation import rule_book
from app.automation.rule_format import RuleSpec, check_rules_file
from app.store.database import Store
from app.sync.team import Team


def save_rule(store: Store, spec: RuleSpec, replacing: str | None = None) -> None:
    """Add or replace a rule: the person's own, or the team's when ``spec.scope`` is ``team``."""
    if spec.scope == "team":
        Team(store).publish_rules([spec])
        if replacing and replacing != spec.name and _scope(store, replacing) == "me":
            rule_book.delete_rule(store, replacing)  # it became the team's
        return
    if replacing and _scope(store, replacing) == "team":
        Team(store).remove_rule(replacing)  # the team's rule becomes this person's own
        replacing = None
    rule_book.save_rule(store, spec, replacing=replacing)


def set_enabled(store: Store, name: str, enabled: bool) -> None:
    spec = rule_book.rule_named(store, name)
    if spec.scope == "team":
        Team(store).publish_rules([replace(spec, enabled=enabled)])
    else:
        rule_book.set_enabled(store, name, enabled)


def delete_rule(store: Store, name: str) -> None:
    if _scope(store, name) == "team":
        Team(store).remove_rule(name)
    else:
        rule_book.delete_rule(store, name)


def import_rules(store: Store, data: Any, as_team: bool = False) -> list[str]:
    """Every rule of ``{"rules": [...]}`` checked first; the team's published to the server."""
    specs = check_rules_file(data)
    if as_team:
        specs = [replace(spec, scope="team") for spec in specs]
    names = rule_book.import_rules(store, {"rules": [s.as_json() for s in specs if s.scope != "team"]})
    team = [spec for spec in specs if spec.scope == "team"]
    if team:
        names += Team(store).publish_rules(team)
    return names


def _scope(store: Store, name: str) -> str:
    return rule_book.rule_named(store, name).scope
