"""The JSON form of a rule: what ``rules import`` takes, ``rules export`` gives back and the
rule editor writes.  Checked here once, so the engine can trust what it reads.

::

    {"name": "complaint", "enabled": true, "scope": "me",
     "when": {"event": "message_received", "folder": "inbox"},
     "if": {"all": [{"field": "subject", "op": "contains", "value": "投诉"}]},
     "then": [{"action": "create_case", "priority": "high"}]}

A rule is kept as the user wrote it (unknown keys are refused, so a typo is not silently a
different rule); :func:`check_rule` says in one sentence what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.errors import Phrase, UserFacingError

EVENTS = ("message_received", "message_sent", "record_created", "field_changed", "overdue", "no_reply",
          "no_activity", "schedule")
OPS = ("contains", "matches", "is", "changed_to", "in")
RECORDS = ("contact", "company", "deal", "task", "case", "note", "activity")
CUSTOMER_RECORDS = ("contact", "company")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Keys each trigger takes besides "event" (and which are required).
WHEN_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "message_received": ({"account", "folder"}, set()),
    "message_sent": ({"account"}, set()),
    "record_created": ({"record"}, {"record"}),
    "field_changed": ({"record", "field", "from", "to"}, {"record", "field"}),
    "overdue": ({"record"}, set()),
    "no_reply": ({"after", "hours", "days"}, set()),
    "no_activity": ({"days", "record"}, {"days"}),
    "schedule": ({"every", "at", "day"}, {"every", "at"}),
}

# Keys each action takes besides "action" (and which are required).
ACTION_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "link_customer": ({"contact", "company", "deal"}, set()),
    "create_case": ({"title", "priority", "assignee", "due_in", "description"}, set()),
    "create_task": ({"title", "due_in", "notes"}, set()),
    "set_field": ({"record", "field", "value"}, {"field", "value"}),
    "add_tag": ({"record", "tag"}, {"tag"}),
    "assign_owner": ({"record", "owner"}, {"owner"}),
    "return_to_pool": ({"record"}, set()),
    "move_message": ({"folder"}, {"folder"}),
    "flag_message": ({"flagged"}, set()),
    "mark_read": ({"read"}, set()),
    "send_template": ({"template", "to", "account"}, {"template"}),
    "notify": ({"title", "body"}, {"title"}),
}
MESSAGE_ACTIONS = {"link_customer", "move_message", "flag_message", "mark_read"}
MESSAGE_EVENTS = {"message_received", "message_sent", "no_reply"}
PRIORITIES = ("low", "normal", "high", "urgent")
_DURATION = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_NAME_LIMIT = 120


class InvalidRule(UserFacingError):
    """A rule that cannot be read, told in one sentence naming the rule and the problem (a
    template with its parameters, so the window says it in the user's language)."""

    def __init__(self, rule: str, problem: str, **params: Any):
        phrase = Phrase(problem, code="rules.problem", **params)
        super().__init__("Rule '{rule}': {problem}.", code="rules.invalid", rule=rule, problem=phrase)
        self.problem = phrase.message


@dataclass(frozen=True)
class RuleSpec:
    """One checked rule: its name, scope and enabled state, and the definition as written."""

    name: str
    enabled: bool
    scope: str
    when: dict[str, Any]
    condition: dict[str, Any] | None
    then: list[dict[str, Any]]

    @property
    def event(self) -> str:
        return self.when["event"]

    def definition(self) -> dict[str, Any]:
        """What is stored (name, scope and enabled state have their own columns)."""
        found: dict[str, Any] = {"when": self.when}
        if self.condition is not None:
            found["if"] = self.condition
        found["then"] = self.then
        return found

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "enabled": self.enabled, "scope": self.scope, **self.definition()}


_NOT_A_DURATION = "{what} '{text}' is not a duration such as 30m, 48h, 2d or 1w"


class InvalidDuration(ValueError):
    def __init__(self, what: str, text: Any):
        super().__init__(f"{what} {text!r} is not a duration")
        self.what, self.text = what, str(text)


def parse_duration(text: Any, what: str) -> int:
    """``"2d"``, ``"48h"``, ``"30m"``, ``"1w"`` or a number of seconds → seconds."""
    if isinstance(text, int) and not isinstance(text, bool) and text > 0:
        return text
    match = _DURATION.match(str(text)) if isinstance(text, str) else None
    if not match or int(match.group(1)) <= 0:
        raise InvalidDuration(what, text)
    unit = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}[match.group(2)]
    return int(match.group(1)) * unit


def waiting_seconds(when: dict[str, Any]) -> int:
    """How long a ``no_reply`` trigger waits: ``after`` ("2d"), or ``hours`` / ``days``."""
    if "after" in when:
        return parse_duration(when["after"], "after")
    if "hours" in when:
        return int(when["hours"]) * 3600
    return int(when.get("days", 2)) * 86400


def _keys(rule: str, what: Phrase, given: dict, allowed: set[str], required: set[str]) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise InvalidRule(rule, "{what} does not take {keys}", what=what, keys=", ".join(unknown))
    missing = sorted(required - set(given))
    if missing:
        raise InvalidRule(rule, "{what} needs {keys}", what=what, keys=", ".join(missing))


def _check_when(rule: str, when: Any) -> dict[str, Any]:
    if not isinstance(when, dict) or when.get("event") not in EVENTS:
        raise InvalidRule(rule, "'when' needs an event, one of {events}", events=", ".join(EVENTS))
    allowed, required = WHEN_KEYS[when["event"]]
    _keys(rule, Phrase("the event {event}", event=when["event"]), when, allowed | {"event"}, required)
    if "record" in when and when["record"] not in RECORDS:
        raise InvalidRule(rule, "'{record}' is not a record type ({records})", record=when["record"],
                          records=", ".join(RECORDS))
    if when["event"] == "overdue" and when.get("record", "task") not in ("task", "case"):
        raise InvalidRule(rule, "only tasks and cases can be overdue")
    if when["event"] == "no_activity" and when.get("record", "contact") not in CUSTOMER_RECORDS:
        raise InvalidRule(rule, "no_activity watches contacts or companies")
    try:
        if when["event"] == "no_reply" and waiting_seconds(when) <= 0:
            raise InvalidRule(rule, "the wait must be longer than nothing")
    except InvalidDuration as exc:
        raise InvalidRule(rule, _NOT_A_DURATION, what=exc.what, text=exc.text) from None
    except (TypeError, ValueError):
        raise InvalidRule(rule, "hours and days are whole numbers above 0") from None
    if when["event"] == "no_activity" and (not isinstance(when["days"], int) or isinstance(when["days"], bool)
                                           or when["days"] <= 0):
        raise InvalidRule(rule, "days must be a whole number above 0")
    if when["event"] == "schedule":
        if when["every"] not in ("day", "daily", "week", "weekly"):
            raise InvalidRule(rule, "a schedule runs every day or every week")
        if not isinstance(when["at"], str) or not _TIME.match(when["at"]):
            raise InvalidRule(rule, "'{at}' is not a time of day such as 09:00", at=when["at"])
        if when["every"] in ("week", "weekly") and str(when.get("day", "")).lower() not in WEEKDAYS:
            raise InvalidRule(rule, "a weekly schedule needs a day, e.g. \"day\": \"monday\"")
    return when


def _check_condition(rule: str, node: Any, depth: int = 0) -> None:
    if depth > 8:
        raise InvalidRule(rule, "the conditions are nested too deeply")
    if not isinstance(node, dict):
        raise InvalidRule(rule, "a condition is an object")
    groups = [key for key in ("all", "any", "not") if key in node]
    if groups:
        if len(node) != 1:
            raise InvalidRule(rule, "a group '{group}' holds nothing else", group=groups[0])
        inner = node[groups[0]]
        if groups[0] == "not":
            _check_condition(rule, inner, depth + 1)
            return
        if not isinstance(inner, list):
            raise InvalidRule(rule, "'{group}' takes a list of conditions", group=groups[0])
        for child in inner:
            _check_condition(rule, child, depth + 1)
        return
    _keys(rule, Phrase("a condition"), node, {"field", "op", "value"}, {"field", "op", "value"})
    if not isinstance(node["field"], str) or not node["field"]:
        raise InvalidRule(rule, "a condition names a field")
    if node["op"] not in OPS:
        raise InvalidRule(rule, "'{op}' is not an operator ({ops})", op=node["op"], ops=", ".join(OPS))
    if node["op"] == "in" and not isinstance(node["value"], list):
        raise InvalidRule(rule, "'in' takes a list of values (field {field})", field=node["field"])
    if node["op"] == "matches":
        try:
            re.compile(str(node["value"]))
        except re.error as exc:
            raise InvalidRule(rule, "the pattern '{pattern}' is not a regular expression ({reason})",
                              pattern=node["value"], reason=str(exc)) from None


def _check_action(rule: str, event: str, action: Any) -> None:
    if not isinstance(action, dict) or action.get("action") not in ACTION_KEYS:
        raise InvalidRule(rule, "each action names one of {actions}", actions=", ".join(ACTION_KEYS))
    name = action["action"]
    allowed, required = ACTION_KEYS[name]
    _keys(rule, Phrase("the action {action}", action=name), action, allowed | {"action"}, required)
    if name in MESSAGE_ACTIONS and event not in MESSAGE_EVENTS:
        raise InvalidRule(rule, "{action} needs a message: the event {event} has none", action=name, event=event)
    if "priority" in action and action["priority"] not in PRIORITIES:
        raise InvalidRule(rule, "'{priority}' is not a priority ({priorities})", priority=action["priority"],
                          priorities=", ".join(PRIORITIES))
    if "record" in action and action["record"] not in RECORDS:
        raise InvalidRule(rule, "'{record}' is not a record type ({records})", record=action["record"],
                          records=", ".join(RECORDS))
    if "due_in" in action:
        try:
            parse_duration(action["due_in"], "due_in")
        except InvalidDuration as exc:
            raise InvalidRule(rule, _NOT_A_DURATION, what=exc.what, text=exc.text) from None
    for key in ("title", "body", "tag", "template", "owner", "folder", "description", "notes"):
        if key in action and not isinstance(action[key], str):
            raise InvalidRule(rule, "{key} of {action} is text", key=key, action=name)


def check_rule(data: Any) -> RuleSpec:
    """A rule from its JSON object, or :class:`InvalidRule`."""
    if not isinstance(data, dict):
        raise InvalidRule("?", "a rule is a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > _NAME_LIMIT:
        raise InvalidRule(str(name), "a rule needs a name of 1 to {limit} characters", limit=_NAME_LIMIT)
    name = name.strip()
    _keys(name, Phrase("a rule"), data, {"name", "enabled", "scope", "when", "if", "then"}, {"when", "then"})
    if not isinstance(data.get("enabled", True), bool):
        raise InvalidRule(name, "enabled is true or false")
    if data.get("scope", "me") not in ("me", "team"):
        raise InvalidRule(name, "scope is 'me' or 'team'")
    when = _check_when(name, data["when"])
    condition = data.get("if")
    if condition is not None:
        _check_condition(name, condition)
    then = data["then"]
    if not isinstance(then, list) or not then:
        raise InvalidRule(name, "'then' is a list of at least one action")
    for action in then:
        _check_action(name, when["event"], action)
    return RuleSpec(name, data.get("enabled", True), data.get("scope", "me"), when, condition, then)


def check_rules_file(data: Any) -> list[RuleSpec]:
    """``{"rules": [...]}`` → the checked rules (every one, or the first problem)."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise UserFacingError('A rules file is a JSON object with a list "rules".', code="rules.file_shape")
    specs = [check_rule(item) for item in data["rules"]]
    names = [spec.name for spec in specs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidRule(twice[0], "the file has two rules of this name")
    return specs
