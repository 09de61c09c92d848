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


# Written out as translate("RuleSentences", "text") at every call: pyside6-lupdate files a bare
# tr("text") under no context, where the window never looks.  tr() is for the names in the
# tables above, marked with QT_TRANSLATE_NOOP.
translate = QCoreApplication.translate


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def fill(template: str, *values: Any) -> str:
    """``%1``, ``%2`` … replaced in one pass (a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                  else m.group(0), template)


def quoted(value: Any) -> str:
    return fill(translate("RuleSentences", "“%1”"), "" if value is None else str(value))


def record_name(kind: str | None, default: str = "customer") -> str:
    kind = kind or default
    return tr(RECORD_NAMES[kind]) if kind in RECORD_NAMES else kind


def duration(text: Any) -> str:
    """``"2d"`` → "2 days", ``"48h"`` → "48 hours"; anything else as written."""
    if isinstance(text, int) and not isinstance(text, bool):
        return translate("RuleSentences", "%n second(s)", "", text)
    match = _DURATION.match(str(text)) if text is not None else None
    if not match:
        return str(text)
    count, unit = int(match.group(1)), match.group(2)
    if unit == "h":
        return translate("RuleSentences", "%n hour(s)", "", count)
    if unit == "d":
        return translate("RuleSentences", "%n day(s)", "", count)
    if unit == "w":
        return translate("RuleSentences", "%n week(s)", "", count)
    return translate("RuleSentences", "%n minute(s)", "", count)


def folder_name(folder: Any) -> str:
    text = str(folder or "inbox")
    if text.lower() in ("any", "*"):
        return translate("RuleSentences", "any folder")
    if text.lower() == "inbox":
        return translate("RuleSentences", "Inbox")
    return text


# -- the trigger --------------------------------------------------------------------------------------
def trigger(when: dict[str, Any]) -> str:
    event = when.get("event")
    record = when.get("record")
    if event == "message_received":
        text = fill(translate("RuleSentences", "When a message arrives in %1"), folder_name(when.get("folder")))
        if when.get("account"):
            text = fill(translate("RuleSentences", "%1 (account %2)"), text, when["account"])
        return text
    if event == "message_sent":
        if when.get("account"):
            return fill(translate("RuleSentences", "When a message is sent from the account %1"), when["account"])
        return translate("RuleSentences", "When a message is sent")
    if event == "record_created":
        return fill(translate("RuleSentences", "When a %1 is created"), record_name(record, "record"))
    if event == "field_changed":
        field = _record_field(str(when.get("field") or "?").removeprefix(f"{record}."))
        kind = record_name(record, "record")
        if "from" in when and "to" in when:
            return fill(translate("RuleSentences", "When the %1 of a %2 changes from %3 to %4"), field, kind,
                        quoted(when["from"]),
                        quoted(when["to"]))
        if "to" in when:
            return fill(translate("RuleSentences", "When the %1 of a %2 changes to %3"), field, kind,
                        quoted(when["to"]))
        if "from" in when:
            return fill(translate("RuleSentences", "When the %1 of a %2 changes from %3"), field, kind,
                        quoted(when["from"]))
        return fill(translate("RuleSentences", "When the %1 of a %2 changes"), field, kind)
    if event == "overdue":
        return fill(translate("RuleSentences", "When a %1 is overdue"), record_name(record, "task"))
    if event == "no_reply":
        if "after" in when:
            wait = duration(when["after"])
        elif "hours" in when:
            hours = _int(when["hours"])  # a plain name: lupdate skips a call with an expression there
            wait = translate("RuleSentences", "%n hour(s)", "", hours)
        else:
            days = _int(when.get("days", 2))
            wait = translate("RuleSentences", "%n day(s)", "", days)
        return fill(translate("RuleSentences", "When a customer's message has had no reply for %1"), wait)
    if event == "no_activity":
        days = _int(when.get("days", 0))
        return fill(translate("RuleSentences", "When a %1 has had no activity for %2"), record_name(record, "contact"),
                    translate("RuleSentences", "%n day(s)", "", days))
    if event == "schedule":
        at = str(when.get("at") or "?")
        if when.get("every") in ("week", "weekly"):
            day = str(when.get("day") or "").lower()
            return fill(translate("RuleSentences", "Every %1 at %2"),
                        tr(WEEKDAY_NAMES[day]) if day in WEEKDAY_NAMES else day or "?", at)
        return fill(translate("RuleSentences", "Every day at %1"), at)
    return translate("RuleSentences", "When something happens")


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
        return fill(translate("RuleSentences", "the %1's %2"), record_name(head),
                    tr(RECORD_FIELD_NAMES[name]) if name in RECORD_FIELD_NAMES else name)
    if field in FIELD_NAMES:
        return tr(FIELD_NAMES[field])
    return fill(translate("RuleSentences", "the field %1"), field.removeprefix("custom."))


def leaf(node: dict[str, Any]) -> str:
    field = str(node.get("field") or "")
    op = node.get("op")
    value = node.get("value")
    head, _, rest = field.partition(".")
    if rest == "tags" and head in RECORD_NAMES and op in ("contains", "is", "in"):
        tags = value if isinstance(value, list) else [value]
        return fill(translate("RuleSentences", "the %1 is tagged %2"), record_name(head), or_list(tags))
    if field == "has_attachment" and op == "is":
        yes = str(value).lower() in ("true", "1", "yes")
        if yes:
            return translate("RuleSentences", "the message has an attachment")
        return translate("RuleSentences", "the message has no attachment")
    name = field_label(field) if field else translate("RuleSentences", "a field")
    if op == "contains":
        return fill(translate("RuleSentences", "%1 contains %2"), name, quoted(value))
    if op == "matches":
        return fill(translate("RuleSentences", "%1 matches the pattern %2"), name, quoted(value))
    if op == "is":
        return fill(translate("RuleSentences", "%1 is %2"), name, quoted(value))
    if op == "changed_to":
        return fill(translate("RuleSentences", "%1 changed to %2"), name, quoted(value))
    if op == "in":
        return fill(translate("RuleSentences", "%1 is one of %2"), name,
                    or_list(value if isinstance(value, list) else [value]))
    return fill(translate("RuleSentences", "%1 is %2"), name, quoted(value))


def or_list(values: list) -> str:
    return translate("RuleSentences", ", ").join(quoted(v) for v in values)


def condition(node: Any, nested: bool = False) -> str:
    """``all`` joins with "and", ``any`` with "or", ``not`` says "not"; nested groups in brackets."""
    if not isinstance(node, dict):
        return ""
    if "not" in node:
        return fill(translate("RuleSentences", "not (%1)"), condition(node["not"]))
    for key, joiner in (("all", translate("RuleSentences", " and ")), ("any", translate("RuleSentences", " or "))):
        if key in node:
            parts = [condition(child, True) for child in node[key] or []]
            parts = [p for p in parts if p]
            text = joiner.join(parts)
            return fill(translate("RuleSentences", "(%1)"), text) if nested and len(parts) > 1 else text
    return leaf(node)


# -- actions ------------------------------------------------------------------------------------------
def person(value: Any) -> str:
    text = str(value or "me").strip()
    return translate("RuleSentences", "me") if text.lower() in ("me", "") else text


def recipient(to: Any) -> str:
    text = str(to or "sender")
    sender, contact = translate("RuleSentences", "the sender"), translate("RuleSentences", "the contact")
    names = {"sender": sender, "from": sender, "contact": contact, "customer": contact,
             "deal.contact": translate("RuleSentences", "the deal's contact")}
    return names.get(text, text)


def action(item: dict[str, Any]) -> str:
    name = item.get("action")
    record = record_name(item.get("record"))
    if name == "create_case":
        details = [translate("RuleSentences", "create a case")]
        if item.get("title"):
            details.append(fill(translate("RuleSentences", "titled %1"), quoted(item["title"])))
        priority = item.get("priority", "normal")
        details.append(fill(translate("RuleSentences", "priority %1"),
                            tr(PRIORITY_NAMES.get(priority, str(item.get("priority"))))))
        details.append(fill(translate("RuleSentences", "assigned to %1"), person(item.get("assignee"))))
        if item.get("due_in"):
            details.append(fill(translate("RuleSentences", "due in %1"), duration(item["due_in"])))
        return translate("RuleSentences", ", ").join(details)
    if name == "create_task":
        if item.get("title"):
            text = fill(translate("RuleSentences", "create a task %1"), quoted(item["title"]))
        else:
            text = translate("RuleSentences", "create a task")
        if item.get("due_in"):
            return fill(translate("RuleSentences", "%1, due in %2"), text, duration(item["due_in"]))
        return text
    if name == "set_field":
        return fill(translate("RuleSentences", "set the %1's %2 to %3"), record, _record_field(item.get("field")),
                    quoted(item.get("value")))
    if name == "add_tag":
        return fill(translate("RuleSentences", "tag the %1 %2"), record, quoted(item.get("tag")))
    if name == "assign_owner":
        return fill(translate("RuleSentences", "make %1 the owner of the %2"), person(item.get("owner")), record)
    if name == "return_to_pool":
        return fill(translate("RuleSentences", "return the %1 to the pool"), record)
    if name == "move_message":
        return fill(translate("RuleSentences", "move the message to %1"), folder_name(item.get("folder")))
    if name == "flag_message":
        if item.get("flagged", True):
            return translate("RuleSentences", "flag the message")
        return translate("RuleSentences", "remove the message's flag")
    if name == "mark_read":
        if item.get("read", True):
            return translate("RuleSentences", "mark the message read")
        return translate("RuleSentences", "mark the message unread")
    if name == "link_customer":
        for key, phrase in (("contact", translate("RuleSentences", "link the message to the contact %1")),
                            ("company", translate("RuleSentences", "link the message to the company %1")),
                            ("deal", translate("RuleSentences", "link the message to the deal %1"))):
            if item.get(key):
                return fill(phrase, item[key])
        return translate("RuleSentences", "link the message to a customer")
    if name == "send_template":
        text = fill(translate("RuleSentences", "send the template %1 to %2"), quoted(item.get("template")),
                    recipient(item.get("to")))
        if item.get("account"):
            return fill(translate("RuleSentences", "%1 from the account %2"), text, item["account"])
        return text
    if name == "notify":
        if item.get("body"):
            return fill(translate("RuleSentences", "notify me: %1 (%2)"), quoted(item.get("title")), item["body"])
        return fill(translate("RuleSentences", "notify me: %1"), quoted(item.get("title")))
    return fill(translate("RuleSentences", "do %1"), name or "?")


def _record_field(field: Any) -> str:
    name = str(field or "?").removeprefix("custom.")
    return tr(RECORD_FIELD_NAMES[name]) if name in RECORD_FIELD_NAMES else name


def actions(items: list) -> str:
    parts = [action(item) for item in items if isinstance(item, dict)]
    if not parts:
        return translate("RuleSentences", "do nothing yet")
    text = parts[0]
    for part in parts[1:]:
        text = fill(translate("RuleSentences", "%1; then %2"), text, part)
    return text


def describe(rule: dict[str, Any]) -> str:
    """The whole rule as one sentence (the trigger, the conditions if any, the actions)."""
    when = rule.get("when") if isinstance(rule.get("when"), dict) else {}
    start = trigger(when)
    what = actions(rule.get("then") or [])
    condition_text = condition(rule.get("if")) if rule.get("if") else ""
    if condition_text:
        return fill(translate("RuleSentences", "%1, if %2, %3."), start, condition_text, what)
    return fill(translate("RuleSentences", "%1, %2."), start, what)


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
