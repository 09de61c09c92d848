"""A rule told as a sentence: "When a message arrives in Inbox, if the customer is tagged VIP
and the subject contains “投诉”, create a case, priority high, assigned to me."

:func:`describe` takes the rule's JSON object (as :mod:`app.automation.rule_format` documents
it, or as the rule editor builds it while the user types, so a half-made rule is described as
far as it goes) and builds the sentence from translated pieces; no SQL, no widgets.  Every
piece is a whole phrase with ``%1``-style places (translators reorder them), in the context
``RuleSentences``.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "RuleSentences"
_DURATION = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$")

RECORD_NAMES = {
    "contact": QT_TRANSLATE_NOOP("RuleSentences", "contact"),
    "company": QT_TRANSLATE_NOOP("RuleSentences", "company"),
    "deal": QT_TRANSLATE_NOOP("RuleSentences", "deal"),
    "task": QT_TRANSLATE_NOOP("RuleSentences", "task"),
    "case": QT_TRANSLATE_NOOP("RuleSentences", "case"),
    "note": QT_TRANSLATE_NOOP("RuleSentences", "note"),
    "activity": QT_TRANSLATE_NOOP("RuleSentences", "activity"),
    "customer": QT_TRANSLATE_NOOP("RuleSentences", "customer"),
    "record": QT_TRANSLATE_NOOP("RuleSentences", "record"),
}
# What a condition's field is called ("the subject contains …").
FIELD_NAMES = {
    "from": QT_TRANSLATE_NOOP("RuleSentences", "the sender"),
    "sender": QT_TRANSLATE_NOOP("RuleSentences", "the sender"),
    "from_name": QT_TRANSLATE_NOOP("RuleSentences", "the sender's name"),
    "to": QT_TRANSLATE_NOOP("RuleSentences", "a To address"),
    "cc": QT_TRANSLATE_NOOP("RuleSentences", "a Cc address"),
    "recipient": QT_TRANSLATE_NOOP("RuleSentences", "a recipient"),
    "domain": QT_TRANSLATE_NOOP("RuleSentences", "the sender's domain"),
    "subject": QT_TRANSLATE_NOOP("RuleSentences", "the subject"),
    "body": QT_TRANSLATE_NOOP("RuleSentences", "the text"),
    "has_attachment": QT_TRANSLATE_NOOP("RuleSentences", "has an attachment"),
    "folder": QT_TRANSLATE_NOOP("RuleSentences", "the folder"),
    "account": QT_TRANSLATE_NOOP("RuleSentences", "the account"),
    "field": QT_TRANSLATE_NOOP("RuleSentences", "the changed field"),
    "old": QT_TRANSLATE_NOOP("RuleSentences", "the old value"),
    "new": QT_TRANSLATE_NOOP("RuleSentences", "the new value"),
    "auto": QT_TRANSLATE_NOOP("RuleSentences", "the kind of automatic mail"),
}
# Fields of records (after "customer.", "deal." …).
RECORD_FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("RuleSentences", "name"),
    "owner": QT_TRANSLATE_NOOP("RuleSentences", "owner"),
    "status": QT_TRANSLATE_NOOP("RuleSentences", "status"),
    "amount": QT_TRANSLATE_NOOP("RuleSentences", "amount"),
    "stage": QT_TRANSLATE_NOOP("RuleSentences", "stage"),
    "tags": QT_TRANSLATE_NOOP("RuleSentences", "tags"),
    "emails": QT_TRANSLATE_NOOP("RuleSentences", "email addresses"),
    "email": QT_TRANSLATE_NOOP("RuleSentences", "email address"),
    "title": QT_TRANSLATE_NOOP("RuleSentences", "title"),
    "priority": QT_TRANSLATE_NOOP("RuleSentences", "priority"),
    "industry": QT_TRANSLATE_NOOP("RuleSentences", "industry"),
    "company": QT_TRANSLATE_NOOP("RuleSentences", "company"),
    "contact": QT_TRANSLATE_NOOP("RuleSentences", "contact"),
    "currency": QT_TRANSLATE_NOOP("RuleSentences", "currency"),
    "assignee": QT_TRANSLATE_NOOP("RuleSentences", "assignee"),
}
PRIORITY_NAMES = {
    "low": QT_TRANSLATE_NOOP("RuleSentences", "low"),
    "normal": QT_TRANSLATE_NOOP("RuleSentences", "normal"),
    "high": QT_TRANSLATE_NOOP("RuleSentences", "high"),
    "urgent": QT_TRANSLATE_NOOP("RuleSentences", "urgent"),
}
WEEKDAY_NAMES = {
    "monday": QT_TRANSLATE_NOOP("RuleSentences", "Monday"),
    "tuesday": QT_TRANSLATE_NOOP("RuleSentences", "Tuesday"),
    "wednesday": QT_TRANSLATE_NOOP("RuleSentences", "Wednesday"),
    "thursday": QT_TRANSLATE_NOOP("RuleSentences", "Thursday"),
    "friday": QT_TRANSLATE_NOOP("RuleSentences", "Friday"),
    "saturday": QT_TRANSLATE_NOOP("RuleSentences", "Saturday"),
    "sunday": QT_TRANSLATE_NOOP("RuleSentences", "Sunday"),
}


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


def fill(template: str, *values: Any) -> str:
    """``%1``, ``%2`` … replaced in one pass (a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                  else m.group(0), template)


def quoted(value: Any) -> str:
    return fill(tr("“%1”"), "" if value is None else str(value))


def record_name(kind: str | None, default: str = "customer") -> str:
    kind = kind or default
    return tr(RECORD_NAMES[kind]) if kind in RECORD_NAMES else kind


def duration(text: Any) -> str:
    """``"2d"`` → "2 days", ``"48h"`` → "48 hours"; anything else as written."""
    if isinstance(text, int) and not isinstance(text, bool):
        return tr("%n second(s)", text)
    match = _DURATION.match(str(text)) if text is not None else None
    if not match:
        return str(text)
    count = int(match.group(1))
    unit = {"m": "%n minute(s)", "min": "%n minute(s)", "h": "%n hour(s)", "d": "%n day(s)",
            "w": "%n week(s)"}[match.group(2)]
    return tr(unit, count)


def folder_name(folder: Any) -> str:
    text = str(folder or "inbox")
    if text.lower() in ("any", "*"):
        return tr("any folder")
    if text.lower() == "inbox":
        return tr("Inbox")
    return text


# -- the trigger --------------------------------------------------------------------------------------
def trigger(when: dict[str, Any]) -> str:
    event = when.get("event")
    record = when.get("record")
    if event == "message_received":
        text = fill(tr("When a message arrives in %1"), folder_name(when.get("folder")))
        if when.get("account"):
            text = fill(tr("%1 (account %2)"), text, when["account"])
        return text
    if event == "message_sent":
        if when.get("account"):
            return fill(tr("When a message is sent from the account %1"), when["account"])
        return tr("When a message is sent")
    if event == "record_created":
        return fill(tr("When a %1 is created"), record_name(record, "record"))
    if event == "field_changed":
        field = _record_field(str(when.get("field") or "?").removeprefix(f"{record}."))
        kind = record_name(record, "record")
        if "from" in when and "to" in when:
            return fill(tr("When the %1 of a %2 changes from %3 to %4"), field, kind, quoted(when["from"]),
                        quoted(when["to"]))
        if "to" in when:
            return fill(tr("When the %1 of a %2 changes to %3"), field, kind, quoted(when["to"]))
        if "from" in when:
            return fill(tr("When the %1 of a %2 changes from %3"), field, kind, quoted(when["from"]))
        return fill(tr("When the %1 of a %2 changes"), field, kind)
    if event == "overdue":
        return fill(tr("When a %1 is overdue"), record_name(record, "task"))
    if event == "no_reply":
        if "after" in when:
            wait = duration(when["after"])
        elif "hours" in when:
            wait = tr("%n hour(s)", _int(when["hours"]))
        else:
            wait = tr("%n day(s)", _int(when.get("days", 2)))
        return fill(tr("When a customer's message has had no reply for %1"), wait)
    if event == "no_activity":
        return fill(tr("When a %1 has had no activity for %2"), record_name(record, "contact"),
                    tr("%n day(s)", _int(when.get("days", 0))))
    if event == "schedule":
        at = str(when.get("at") or "?")
        if when.get("every") in ("week", "weekly"):
            day = str(when.get("day") or "").lower()
            return fill(tr("Every %1 at %2"), tr(WEEKDAY_NAMES[day]) if day in WEEKDAY_NAMES else day or "?", at)
        return fill(tr("Every day at %1"), at)
    return tr("When something happens")


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# -- conditions ---------------------------------------------------------------------------------------
def field_label(field: str) -> str:
    """``subject`` → "the subject"; ``customer.tags`` → "the customer's tags"; a custom key as is."""
    head, _, rest = field.partition(".")
    if rest and head in RECORD_NAMES:
        name = rest.removeprefix("custom.")
        return fill(tr("the %1's %2"), record_name(head), tr(RECORD_FIELD_NAMES[name]) if name in RECORD_FIELD_NAMES
                    else name)
    if field in FIELD_NAMES:
        return tr(FIELD_NAMES[field])
    return fill(tr("the field %1"), field.removeprefix("custom."))


def leaf(node: dict[str, Any]) -> str:
    field = str(node.get("field") or "")
    op = node.get("op")
    value = node.get("value")
    head, _, rest = field.partition(".")
    if rest == "tags" and head in RECORD_NAMES and op in ("contains", "is", "in"):
        tags = value if isinstance(value, list) else [value]
        return fill(tr("the %1 is tagged %2"), record_name(head), or_list(tags))
    if field == "has_attachment" and op == "is":
        yes = str(value).lower() in ("true", "1", "yes")
        return tr("the message has an attachment") if yes else tr("the message has no attachment")
    name = field_label(field) if field else tr("a field")
    if op == "contains":
        return fill(tr("%1 contains %2"), name, quoted(value))
    if op == "matches":
        return fill(tr("%1 matches the pattern %2"), name, quoted(value))
    if op == "is":
        return fill(tr("%1 is %2"), name, quoted(value))
    if op == "changed_to":
        return fill(tr("%1 changed to %2"), name, quoted(value))
    if op == "in":
        return fill(tr("%1 is one of %2"), name, or_list(value if isinstance(value, list) else [value]))
    return fill(tr("%1 is %2"), name, quoted(value))


def or_list(values: list) -> str:
    return tr(", ").join(quoted(v) for v in values)


def condition(node: Any, nested: bool = False) -> str:
    """``all`` joins with "and", ``any`` with "or", ``not`` says "not"; nested groups in brackets."""
    if not isinstance(node, dict):
        return ""
    if "not" in node:
        return fill(tr("not (%1)"), condition(node["not"]))
    for key, joiner in (("all", tr(" and ")), ("any", tr(" or "))):
        if key in node:
            parts = [condition(child, True) for child in node[key] or []]
            parts = [p for p in parts if p]
            text = joiner.join(parts)
            return fill(tr("(%1)"), text) if nested and len(parts) > 1 else text
    return leaf(node)


# -- actions ------------------------------------------------------------------------------------------
def person(value: Any) -> str:
    text = str(value or "me").strip()
    return tr("me") if text.lower() in ("me", "") else text


def recipient(to: Any) -> str:
    text = str(to or "sender")
    names = {"sender": tr("the sender"), "from": tr("the sender"), "contact": tr("the contact"),
             "customer": tr("the contact"), "deal.contact": tr("the deal's contact")}
    return names.get(text, text)


def action(item: dict[str, Any]) -> str:
    name = item.get("action")
    record = record_name(item.get("record"))
    if name == "create_case":
        details = [tr("create a case")]
        if item.get("title"):
            details.append(fill(tr("titled %1"), quoted(item["title"])))
        details.append(fill(tr("priority %1"), tr(PRIORITY_NAMES.get(item.get("priority", "normal"),
                                                                     str(item.get("priority"))))))
        details.append(fill(tr("assigned to %1"), person(item.get("assignee"))))
        if item.get("due_in"):
            details.append(fill(tr("due in %1"), duration(item["due_in"])))
        return tr(", ").join(details)
    if name == "create_task":
        text = fill(tr("create a task %1"), quoted(item["title"])) if item.get("title") else tr("create a task")
        return fill(tr("%1, due in %2"), text, duration(item["due_in"])) if item.get("due_in") else text
    if name == "set_field":
        return fill(tr("set the %1's %2 to %3"), record, _record_field(item.get("field")), quoted(item.get("value")))
    if name == "add_tag":
        return fill(tr("tag the %1 %2"), record, quoted(item.get("tag")))
    if name == "assign_owner":
        return fill(tr("make %1 the owner of the %2"), person(item.get("owner")), record)
    if name == "return_to_pool":
        return fill(tr("return the %1 to the pool"), record)
    if name == "move_message":
        return fill(tr("move the message to %1"), folder_name(item.get("folder")))
    if name == "flag_message":
        return tr("flag the message") if item.get("flagged", True) else tr("remove the message's flag")
    if name == "mark_read":
        return tr("mark the message read") if item.get("read", True) else tr("mark the message unread")
    if name == "link_customer":
        for key, phrase in (("contact", tr("link the message to the contact %1")),
                            ("company", tr("link the message to the company %1")),
                            ("deal", tr("link the message to the deal %1"))):
            if item.get(key):
                return fill(phrase, item[key])
        return tr("link the message to a customer")
    if name == "send_template":
        text = fill(tr("send the template %1 to %2"), quoted(item.get("template")), recipient(item.get("to")))
        return fill(tr("%1 from the account %2"), text, item["account"]) if item.get("account") else text
    if name == "notify":
        if item.get("body"):
            return fill(tr("notify me: %1 (%2)"), quoted(item.get("title")), item["body"])
        return fill(tr("notify me: %1"), quoted(item.get("title")))
    return fill(tr("do %1"), name or "?")


def _record_field(field: Any) -> str:
    name = str(field or "?").removeprefix("custom.")
    return tr(RECORD_FIELD_NAMES[name]) if name in RECORD_FIELD_NAMES else name


def actions(items: list) -> str:
    parts = [action(item) for item in items if isinstance(item, dict)]
    if not parts:
        return tr("do nothing yet")
    text = parts[0]
    for part in parts[1:]:
        text = fill(tr("%1; then %2"), text, part)
    return text


def describe(rule: dict[str, Any]) -> str:
    """The whole rule as one sentence (the trigger, the conditions if any, the actions)."""
    when = rule.get("when") if isinstance(rule.get("when"), dict) else {}
    start = trigger(when)
    what = actions(rule.get("then") or [])
    condition_text = condition(rule.get("if")) if rule.get("if") else ""
    if condition_text:
        return fill(tr("%1, if %2, %3."), start, condition_text, what)
    return fill(tr("%1, %2."), start, what)


# -- names of events, actions, operators and statuses (the editor's combo boxes, the run log) --------
EVENT_LABELS = {
    "message_received": QT_TRANSLATE_NOOP("RuleSentences", "A message arrives"),
    "message_sent": QT_TRANSLATE_NOOP("RuleSentences", "A message is sent"),
    "record_created": QT_TRANSLATE_NOOP("RuleSentences", "A record is created"),
    "field_changed": QT_TRANSLATE_NOOP("RuleSentences", "A field changes"),
    "overdue": QT_TRANSLATE_NOOP("RuleSentences", "A task or case is overdue"),
    "no_reply": QT_TRANSLATE_NOOP("RuleSentences", "A customer's message has no reply"),
    "no_activity": QT_TRANSLATE_NOOP("RuleSentences", "A customer has no activity"),
    "schedule": QT_TRANSLATE_NOOP("RuleSentences", "On a schedule"),
}
ACTION_LABELS = {
    "create_case": QT_TRANSLATE_NOOP("RuleSentences", "Create a case"),
    "create_task": QT_TRANSLATE_NOOP("RuleSentences", "Create a task"),
    "set_field": QT_TRANSLATE_NOOP("RuleSentences", "Set a field"),
    "add_tag": QT_TRANSLATE_NOOP("RuleSentences", "Add a tag"),
    "assign_owner": QT_TRANSLATE_NOOP("RuleSentences", "Assign an owner"),
    "return_to_pool": QT_TRANSLATE_NOOP("RuleSentences", "Return to the pool"),
    "move_message": QT_TRANSLATE_NOOP("RuleSentences", "Move the message"),
    "flag_message": QT_TRANSLATE_NOOP("RuleSentences", "Flag the message"),
    "mark_read": QT_TRANSLATE_NOOP("RuleSentences", "Mark the message read"),
    "link_customer": QT_TRANSLATE_NOOP("RuleSentences", "Link the message to a customer"),
    "send_template": QT_TRANSLATE_NOOP("RuleSentences", "Send a template"),
    "notify": QT_TRANSLATE_NOOP("RuleSentences", "Notify me"),
}
OP_LABELS = {
    "contains": QT_TRANSLATE_NOOP("RuleSentences", "contains"),
    "matches": QT_TRANSLATE_NOOP("RuleSentences", "matches the pattern"),
    "is": QT_TRANSLATE_NOOP("RuleSentences", "is"),
    "changed_to": QT_TRANSLATE_NOOP("RuleSentences", "changed to"),
    "in": QT_TRANSLATE_NOOP("RuleSentences", "is one of"),
}
STATUS_LABELS = {
    "done": QT_TRANSLATE_NOOP("RuleSentences", "done"),
    "skipped": QT_TRANSLATE_NOOP("RuleSentences", "skipped"),
    "failed": QT_TRANSLATE_NOOP("RuleSentences", "failed"),
    "retrying": QT_TRANSLATE_NOOP("RuleSentences", "retrying"),
    "running": QT_TRANSLATE_NOOP("RuleSentences", "running"),
}


def label(table: dict[str, str], key: str) -> str:
    """A translated name from one of the tables above (an unknown key as it is)."""
    return tr(table[key]) if key in table else key
