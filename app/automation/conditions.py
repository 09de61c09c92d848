"""Evaluating a rule's ``if``: ``all``/``any``/``not`` groups over conditions
``{"field", "op", "value"}``.

Text compares without regard to case (``contains``, ``is``, ``in``); ``matches`` is a regular
expression searched anywhere, case-insensitively; a list fact (recipients, tags) matches when
one of its elements does.  ``changed_to`` is true only for the change that triggered the rule:
the field changed in this event and its new value *is* the value ("is" is true as long as
the field holds it; "changed to" only at the moment it happens).  A field the event lacks
makes its condition false: a rule never acts on what it could not check.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from app.automation.facts import MISSING, Facts

# What a field costs to know: the message's own columns nothing, a record around it a lookup
# (its customer, deal, case), the body a read and a parse.  ``all``/``any`` ask the cheap first.
_RECORD_HEADS = ("customer", "contact", "company", "deal", "case", "task", "record")


@lru_cache(maxsize=512)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text, re.IGNORECASE)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def _same(fact: Any, wanted: Any) -> bool:
    if isinstance(fact, bool) or isinstance(wanted, bool):
        return _text(fact).casefold() == _text(wanted).casefold()
    try:
        if isinstance(fact, (int, float)) or isinstance(wanted, (int, float)):
            return float(fact) == float(wanted)
    except (TypeError, ValueError):
        pass
    return _text(fact).casefold() == _text(wanted).casefold()


def _one(fact: Any, op: str, wanted: Any) -> bool:
    if op == "contains":
        return _text(wanted).casefold() in _text(fact).casefold()
    if op == "matches":
        return _pattern(_text(wanted)).search(_text(fact)) is not None
    if op in ("is", "changed_to"):
        return _same(fact, wanted)
    if op == "in":
        return any(_same(fact, item) for item in wanted)
    return False


def _leaf(node: dict, facts: Facts) -> bool:
    field, op, wanted = node["field"], node["op"], node["value"]
    if op == "changed_to":
        change = facts.change
        if change is None or not _names_same_field(change["field"], field, facts):
            return False
        return _one(change["new"], "is", wanted)
    fact = facts.get(field)
    if fact is MISSING:
        return False
    if isinstance(fact, (list, tuple, set)):
        return any(_one(element, op, wanted) for element in fact)
    return _one(fact, op, wanted)


def _names_same_field(changed: str, asked: str, facts: Facts) -> bool:
    """``stage``, ``deal.stage`` and ``record.stage`` name the same change of a deal."""
    kind = facts.record[0] if facts.record else ""
    head, _, rest = asked.partition(".")
    if rest and head in (kind, "record"):
        asked = rest
    return asked == changed or asked == f"custom.{changed}" or changed == f"custom.{asked}"


def _cost(node: dict) -> int:
    if "field" in node:
        if node["field"] == "body":
            return 2
        return 1 if node["field"].partition(".")[0] in _RECORD_HEADS else 0
    return max((_cost(child) for child in node.get("all", node.get("any", [node.get("not", {})]))), default=0)


# A group's children cheapest first, worked out once per group (keyed by identity, the group
# kept alive beside its order so an id is never reused while cached): a trial evaluates the
# same few groups 100,000 times.
_ORDERED: dict[int, tuple[dict, list[dict]]] = {}


def _cheapest_first(node: dict, key: str) -> list[dict]:
    cached = _ORDERED.get(id(node))
    if cached is None or cached[0] is not node:
        if len(_ORDERED) > 4096:
            _ORDERED.clear()
        cached = _ORDERED[id(node)] = (node, sorted(node[key], key=_cost))
    return cached[1]


def evaluate(node: dict | None, facts: Facts) -> bool:
    """True when the conditions hold for this event (no conditions: always)."""
    if node is None:
        return True
    if "all" in node:
        return all(evaluate(child, facts) for child in _cheapest_first(node, "all"))
    if "any" in node:
        return any(evaluate(child, facts) for child in _cheapest_first(node, "any"))
    if "not" in node:
        return not evaluate(node["not"], facts)
    return _leaf(node, facts)
