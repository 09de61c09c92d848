"""Team automation rules on this laptop: the team's rules as the server has them, kept beside
the person's own (``automation_rules.scope = 'team'``), and the claim that makes a team rule
act once for the team.

Every team sync round replaces the local copies with the server's list (rules are few): a rule
the manager changed is changed here, one they removed is removed.  A team rule seen for the
first time on this laptop starts from now (``since``): joining a team never replays old mail
through its rules.  Team rules run offline like any rule, except their actions: a run waits
for its claim (``POST /automation/claims``), which the server grants to the first device only.

Only managers and admins change team rules (the server decides: a rep gets a refusal in one
sentence); the change is made on the server and comes back with the next round.
"""

from __future__ import annotations

import json
import time
import uuid as uuid_module

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ServerError, UserFacingError
from app.store.automation_models import Rule
from app.sync.transport import TeamServer

RULES_PATH = "/api/v1/automation/rules"


def store_team_rules(session: Session, rules: list[dict]) -> int:
    """Replace this laptop's copies of the team's rules with ``rules`` (the server's list)."""
    now = int(time.time())
    local = {row.uuid: row for row in session.scalars(select(Rule).where(Rule.scope == "team"))}
    personal = set(session.scalars(select(Rule.name).where(Rule.scope != "team")))
    changed = 0
    keep = set()
    next_position = (session.scalar(select(func.max(Rule.position))) or 0) + 1
    for item in rules:
        keep.add(item["uuid"])
        name = item["name"] if item["name"] not in personal else f"{item['name']} ({item['team']['name']})"
        definition = json.dumps({k: v for k, v in item["definition"].items() if k in ("when", "if", "then")},
                                ensure_ascii=False)
        row = local.get(item["uuid"])
        if row is None:
            row = Rule(uuid=item["uuid"], scope="team", created_at=now, since=now, position=next_position)
            next_position += 1
            session.add(row)
        elif (row.name, row.definition, row.enabled) == (name, definition, item["enabled"]):
            continue
        if item["enabled"] and not row.enabled:
            row.since = now
        row.name, row.definition, row.enabled, row.updated_at = name, definition, item["enabled"], now
        changed += 1
        session.flush()
    for rule_uuid, row in local.items():
        if rule_uuid not in keep:
            session.delete(row)
            changed += 1
    return changed


def fetch(server: TeamServer) -> list[dict]:
    return server.get(RULES_PATH)


def publish(server: TeamServer, spec, rule_uuid: str | None = None) -> dict:
    """Create or replace a team rule on the server (managers and admins)."""
    try:
        return server.put(f"{RULES_PATH}/{rule_uuid or uuid_module.uuid4()}", {
            "name": spec.name, "definition": spec.definition(), "enabled": spec.enabled})
    except ServerError as exc:
        raise UserFacingError("The team rule '{rule}' was not saved: {reason}", code="rules.team_refused",
                              rule=spec.name, reason=exc.params.get("reply", exc.message)) from None


def remove(server: TeamServer, rule_uuid: str, name: str) -> None:
    try:
        server.delete(f"{RULES_PATH}/{rule_uuid}")
    except ServerError as exc:
        raise UserFacingError("The team rule '{rule}' was not removed: {reason}", code="rules.team_refused",
                              rule=name, reason=exc.params.get("reply", exc.message)) from None


def claim(server: TeamServer, rule_uuid: str, event_key: str) -> tuple[bool, str]:
    """(True, me) if this device runs the rule for the event; (False, who) if another did."""
    answer = server.post("/api/v1/automation/claims", {"rule": rule_uuid, "event": event_key[:300]})
    return bool(answer.get("claimed")), str(answer.get("by", ""))
