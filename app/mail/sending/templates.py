"""Markdown templates with merge fields: storage and rendering (mail merge: :mod:`app.crm.mail_merge`).

Fields are ``{{ contact.first_name }}``, ``{{ company.name }}``, ``{{ deal.amount }}``,
``{{ sender.name }}``… (see :data:`FIELDS`).  A field that is unknown, or empty for this
recipient, is reported before anything is queued: a message never goes out with a blank
where a name should be.

A mail merge queues one message per contact, spaced ``interval`` seconds apart through the
outbox's ``next_attempt_at`` (throttled, and it survives a restart: the outbox is the
progress), under one ``merge_batch`` id; running the same merge again skips contacts
already queued in it (resumable).
"""

from __future__ import annotations

import re
import time
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlalchemy import select

from app.errors import UserFacingError
from app.store.database import Store
from app.store.models import MailTemplate
from app.store.writer import writes

FIELDS = {
    "contact": ("name", "first_name", "last_name", "title", "email", "phone"),
    "company": ("name", "industry"),
    "deal": ("title", "amount", "currency", "stage", "expected_close"),
    "sender": ("name", "email"),
}
_FIELD = re.compile(r"\{\{\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*\}\}")


class UnknownFields(UserFacingError):
    """A template names fields that do not exist (``fields``: "contact.nickname", …)."""

    def __init__(self, fields: list[str]):
        super().__init__("Unknown field(s) {fields}; fields are {known}.", code="template.unknown_fields",
                         fields=list(fields), known=field_names())

    @property
    def fields(self) -> list[str]:
        return list(self.params.get("fields") or [])


class TemplateNameTaken(UserFacingError):
    """Another template already has this name."""

    def __init__(self, name: str):
        super().__init__("There is already a template called {name}.", code="template.name_taken", name=name)

    @property
    def name(self) -> str:
        return str(self.params.get("name", ""))


def field_names() -> list[str]:
    """Every merge field, as written inside ``{{ }}``: "contact.first_name", …"""
    return [f"{group}.{name}" for group, names in FIELDS.items() for name in names]


def field_token(field_name: str) -> str:
    """What the user's text holds for a field: ``{{ contact.first_name }}``."""
    return "{{ " + field_name + " }}"


def unknown_fields(*texts: str) -> list[str]:
    return sorted({f"{g}.{f}" for text in texts for g, f in _FIELD.findall(text) if f not in FIELDS.get(g, ())})


@dataclass
class Rendered:
    subject: str
    body: str
    missing: list[str] = field(default_factory=list)  # "contact.first_name", …


@writes
def save_template(store: Store, name: str, subject: str, body: str, uuid: str | None = None,
                  replace: bool = True) -> str:
    """Add a template, or replace the one with this name (unless ``replace`` is False: the
    Templates dialog's New); with ``uuid``, edit (and perhaps rename) that template.  Returns
    its uuid.  Refuses unknown fields and a name another template has."""
    name = name.strip()
    if not name:
        raise UserFacingError("A template needs a name.")
    unknown = unknown_fields(subject, body)
    if unknown:
        raise UnknownFields(unknown)
    with store.write() as session:
        named = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
        row = session.scalar(select(MailTemplate).where(MailTemplate.uuid == uuid)) if uuid else named
        if named is not None and (named is not row or (not uuid and not replace)):
            raise TemplateNameTaken(name)
        if row is None:
            row = MailTemplate(uuid=uuid or str(uuid_module.uuid4()), name=name)
            session.add(row)
        row.name, row.subject, row.body, row.updated_at = name, subject, body, int(time.time())
        return row.uuid


@writes
def delete_template(store: Store, uuid: str) -> None:
    with store.write() as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.uuid == uuid))
        if row is not None:
            session.delete(row)


def get_template(store: Store, name: str) -> MailTemplate:
    with store.read() as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
    if row is None:
        raise UserFacingError("No template called {name}.", name=name)
    return row


def list_templates(store: Store) -> list[MailTemplate]:
    with store.read() as session:
        return list(session.scalars(select(MailTemplate).order_by(MailTemplate.name)))


def render(subject: str, body: str, context: dict[str, dict[str, str]]) -> Rendered:
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        group, name = match.group(1), match.group(2)
        value = context.get(group, {}).get(name, "")
        if value in ("", None):
            missing.append(f"{group}.{name}")
            return match.group(0)
        return str(value)

    result = Rendered(_FIELD.sub(fill, subject), _FIELD.sub(fill, body))
    result.missing = list(dict.fromkeys(missing))
    return result


def render_once(body: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The template's HTML rendered once, fields left as tokens Markdown cannot touch.

    Values are then put into the HTML escaped, so a value is never read as Markdown or HTML.
    """
    from app.mail.sending.markdown_html import markdown_to_html

    tokens: dict[str, tuple[str, str]] = {}

    def protect(match: re.Match) -> str:
        token = f"LIAISONFIELD{len(tokens)}X{uuid_module.uuid4().hex[:8]}"
        tokens[token] = (match.group(1), match.group(2))
        return token

    return markdown_to_html(_FIELD.sub(protect, body)), tokens
