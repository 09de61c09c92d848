"""What a record of each type may hold.

Field kinds:

* ``text``, ``int``, ``decimal`` (money as a string, never a float), ``date`` (ISO
  ``YYYY-MM-DD``), ``ref`` (another record's UUID): scalar values, merged field by field;
* ``set``: a list of strings merged as adds and removes of elements (emails, phones, tags),
  never replaced as a whole list;
* custom fields of companies, contacts and deals are ``custom.KEY`` (``scalar``: text or a
  number): each merges on its own.

``since`` is the schema version that introduced a field: a client one version behind does
not get it in pulls and cannot write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Field:
    kind: str
    since: int = 1
    choices: tuple[str, ...] = ()


TEXT, INT, DECIMAL, DATE, REF, SET = "text", "int", "decimal", "date", "ref", "set"
SCALAR = "scalar"  # custom fields: text, or a number

_LINKS = {"contact": Field(REF), "company": Field(REF), "deal": Field(REF)}

RECORD_TYPES: dict[str, dict[str, Field]] = {
    "company": {"name": Field(TEXT), "industry": Field(TEXT), "domains": Field(SET),
                "tags": Field(SET)},
    "contact": {"name": Field(TEXT), "first_name": Field(TEXT), "last_name": Field(TEXT),
                "title": Field(TEXT), "company": Field(REF), "emails": Field(SET),
                "phones": Field(SET), "tags": Field(SET)},
    "deal": {"title": Field(TEXT), "company": Field(REF), "contact": Field(REF),
             "stage": Field(REF), "amount": Field(DECIMAL), "currency": Field(TEXT),
             "expected_close": Field(DATE),
             "status": Field(TEXT, choices=("open", "won", "lost")),
             "loss_reason": Field(TEXT, since=2)},
    "task": {"title": Field(TEXT), "notes": Field(TEXT), "due_at": Field(INT),
             "remind_at": Field(INT), "done_at": Field(INT),
             "kind": Field(TEXT, choices=("task", "follow_up")), **_LINKS},
    "note": {"body": Field(TEXT), **_LINKS},
    # A service case; ``messages`` are the Message-IDs filed on it.
    "case": {"title": Field(TEXT), "description": Field(TEXT),
             "status": Field(TEXT, choices=("new", "open", "waiting", "solved", "closed")),
             "priority": Field(TEXT, choices=("low", "normal", "high", "urgent")),
             "assignee": Field(TEXT), "due_at": Field(INT), "messages": Field(SET), **_LINKS},
    "activity": {"kind": Field(TEXT, choices=("call", "meeting")), "subject": Field(TEXT),
                 "body": Field(TEXT), "happened_at": Field(INT),
                 "duration_minutes": Field(INT), "attendees": Field(SET, since=2), **_LINKS},
    # A message filed on a customer, shared with the team: its metadata and first words,
    # never the mail itself.
    "message_link": {"message_key": Field(TEXT), "subject": Field(TEXT), "date": Field(INT),
                     "from_addr": Field(TEXT), "participants": Field(SET, since=2),
                     "snippet": Field(TEXT, since=2),
                     # Only where the owner's team shares mail bodies (Team.share_mail_bodies).
                     "body": Field(TEXT, since=2), **_LINKS},
    "pipeline": {"name": Field(TEXT), "position": Field(INT)},
    "stage": {"pipeline": Field(REF), "name": Field(TEXT), "position": Field(INT),
              "outcome": Field(TEXT, choices=("open", "won", "lost")),
              "probability": Field(INT, since=2)},
    "custom_field": {"record_type": Field(TEXT, choices=("company", "contact", "deal")),
                     "key": Field(TEXT), "label": Field(TEXT),
                     "field_type": Field(TEXT, choices=("text", "number", "date", "choice")),
                     "choices": Field(SET), "position": Field(INT)},
}

CUSTOM_FIELD_TYPES = {"company", "contact", "deal"}
# The team's shared configuration (its pipeline, stages and custom fields): every member
# sees and edits them (field rules may still lock a field for a role), so every laptop shows
# the same board and the same fields; deleting one is for its owner, a manager or an admin.
DEFINITION_TYPES = ("pipeline", "stage", "custom_field")
_CUSTOM_KEY = re.compile(r"^custom\.[a-z0-9_]{1,60}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 100_000
MAX_ELEMENT = 1_000

# Never settable through a mutation or an edit: who owns a record and where it lives are
# decided by the server (hand-over, share), and ids, times and revisions are its own.
RESERVED = {"uuid", "id", "type", "owner", "owner_id", "team", "team_id", "revision",
            "created_at", "updated_at", "deleted_at", "sharing", "versions"}


class FieldError(ValueError):
    """A field or value a record of this type cannot hold (one sentence, for the client)."""


# Fields that exist only where the record's team allows them (a team policy, not a field rule).
TEAM_POLICY_FIELDS = {("message_link", "body"): "share_mail_bodies"}


def field_spec(record_type: str, field: str) -> Field:
    fields = RECORD_TYPES.get(record_type)
    if fields is None:
        raise FieldError(f"unknown record type {record_type!r}")
    if field in RESERVED:
        raise FieldError(f"{field!r} is set by the server and cannot be written")
    if field in fields:
        return fields[field]
    if record_type in CUSTOM_FIELD_TYPES and _CUSTOM_KEY.match(field):
        return Field(SCALAR)
    raise FieldError(f"a {record_type} has no field {field!r}")


def check_value(record_type: str, field: str, value, schema: int):
    """The value, normalised, or FieldError. ``None`` and ``""`` both mean empty."""
    spec = field_spec(record_type, field)
    if spec.since > schema:
        raise FieldError(f"{field!r} needs client schema {spec.since} or newer")
    if spec.kind == SET:
        raise FieldError(f"{field!r} is a set: add or remove elements")
    if value is None or value == "":
        return None
    if spec.kind == SCALAR and isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 2**62:
            raise FieldError(f"{field!r} takes text or a finite number")
        return value
    if spec.kind == INT:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
            raise FieldError(f"{field!r} takes a whole number")
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise FieldError(f"{field!r} takes text")
    if spec.kind == DECIMAL:
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise FieldError(f"{field!r} takes a decimal number written as text") from None
        if not number.is_finite():
            raise FieldError(f"{field!r} takes a decimal number written as text")
    if spec.kind == DATE and not _DATE.match(value):
        raise FieldError(f"{field!r} takes a date as YYYY-MM-DD")
    if spec.choices and value not in spec.choices:
        raise FieldError(f"{field!r} is one of {', '.join(spec.choices)}")
    return value


def check_element(record_type: str, field: str, element, schema: int) -> str:
    spec = field_spec(record_type, field)
    if spec.since > schema:
        raise FieldError(f"{field!r} needs client schema {spec.since} or newer")
    if spec.kind != SET:
        raise FieldError(f"{field!r} is not a set")
    if not isinstance(element, str) or not element.strip() or len(element) > MAX_ELEMENT:
        raise FieldError(f"an element of {field!r} is non-empty text")
    element = element.strip()
    return element.lower() if field in ("emails", "domains") else element


def visible_in_schema(record_type: str, field: str, schema: int) -> bool:
    try:
        return field_spec(record_type, field).since <= schema
    except FieldError:
        return False
