"""The profile's rules: add, import, export, enable, order, delete; the run log; notifications;
and testing a rule against what is already stored before it is enabled.

A rule's ``since`` is set when it is enabled (created enabled, or enabled later): the engine
looks only at what happened after it, so enabling a rule never acts on old mail.
"""

from __future__ import annotations

import json
import time
from collections import namedtuple
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update

from app.automation.conditions import evaluate
from app.automation.engine import facts_for, start_cursors_now, trigger_fits
from app.automation.events import Event, _label, _readable_field
from app.automation.facts import Facts, SharedLookups
from app.automation.rule_format import (
    InvalidRule,
    RuleSpec,
    check_rule,
    check_rules_file,
)
from app.automation.timed_events import TIMED
from app.crm.records import new_uuid
from app.errors import UserFacingError, from_json
from app.store.automation_models import Notification, Rule, RuleRun
from app.store.crm_models import Change
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.models import Account, Folder, Message
from app.store.writer import writes


class NoSuchRule(UserFacingError):
    def __init__(self, name: str):
        super().__init__("There is no rule named '{name}'.", code="rules.unknown", name=name)


class TeamRuleHere(UserFacingError):
    """A team rule is changed on the team server (by its managers), not on one laptop."""

    def __init__(self, name: str):
        super().__init__("'{name}' is a team rule: it is changed on the team server by the team's managers "
                         "(liaison rules import --team, rules delete --team).", code="rules.team_rule", name=name)


def _personal(row: Rule | None, name: str) -> Rule:
    if row is None:
        raise NoSuchRule(name)
    if row.scope == "team":
        raise TeamRuleHere(row.name)
    return row


def _spec(row: Rule) -> RuleSpec:
    return check_rule({"name": row.name, "enabled": row.enabled, "scope": row.scope, **json.loads(row.definition)})


def list_rules(store: Store) -> list[RuleSpec]:
    with store.read() as session:
        return [_spec(row) for row in session.scalars(select(Rule).order_by(Rule.position, Rule.id))]


def rule_named(store: Store, name: str) -> RuleSpec:
    with store.read() as session:
        row = session.scalar(select(Rule).where(Rule.name == name))
        if row is None:
            raise NoSuchRule(name)
        return _spec(row)


@writes
def save_rule(store: Store, spec: RuleSpec, replacing: str | None = None) -> str:
    """Add a rule, or replace the one named ``replacing`` (renaming it keeps its identity and
    its run log).  Returns its UUID."""
    start_cursors_now(store)
    now = int(time.time())
    with store.write() as session:
        if spec.scope == "team":
            raise TeamRuleHere(spec.name)
        row = session.scalar(select(Rule).where(Rule.name == (replacing or spec.name)))
        clash = session.scalar(select(Rule).where(Rule.name == spec.name))
        if row is not None and row.scope == "team":
            raise TeamRuleHere(row.name)
        if clash is not None and clash is not row:
            raise InvalidRule(spec.name, "another rule has this name")
        if row is None:
            position = (session.scalar(select(func.max(Rule.position))) or 0) + 1
            row = Rule(uuid=new_uuid(), position=position, created_at=now, since=now)
            session.add(row)
        elif spec.enabled and not row.enabled:
            row.since = now
        row.name, row.enabled, row.scope = spec.name, spec.enabled, spec.scope
        row.definition = json.dumps(spec.definition(), ensure_ascii=False)
        row.updated_at = now
        session.flush()
        return row.uuid


def import_rules(store: Store, data: Any) -> list[str]:
    """``{"rules": [...]}``: every rule checked first (one bad rule imports none); a rule whose
    name exists is replaced.  Returns the names.  Team rules are published to the team server
    instead (``app.sync.team.Team.publish_rules``): this refuses them."""
    specs = check_rules_file(data)
    for spec in specs:
        if spec.scope == "team":
            raise TeamRuleHere(spec.name)
    for spec in specs:
        save_rule(store, spec, replacing=spec.name)
    return [spec.name for spec in specs]


def export_rules(store: Store) -> dict[str, Any]:
    return {"rules": [spec.as_json() for spec in list_rules(store)]}


@writes
def set_enabled(store: Store, name: str, enabled: bool) -> None:
    with store.write() as session:
        row = _personal(session.scalar(select(Rule).where(Rule.name == name)), name)
        if enabled and not row.enabled:
            row.since = int(time.time())
        row.enabled = enabled
        row.updated_at = int(time.time())


@writes
def delete_rule(store: Store, name: str) -> None:
    with store.write() as session:
        session.delete(_personal(session.scalar(select(Rule).where(Rule.name == name)), name))


@writes
def move_rule(store: Store, name: str, offset: int) -> None:
    """Move a rule up (negative) or down in the order rules run."""
    with store.write() as session:
        rows = list(session.scalars(select(Rule).order_by(Rule.position, Rule.id)))
        names = [row.name for row in rows]
        if name not in names:
            raise NoSuchRule(name)
        index = names.index(name)
        rows.insert(max(0, min(len(rows) - 1, index + offset)), rows.pop(index))
        for position, row in enumerate(rows, 1):
            row.position = position


# -- the run log ----------------------------------------------------------------------------
@dataclass
class RunEntry:
    id: int
    rule: str
    event: str
    matched: str
    at: int
    status: str
    attempts: int
    skipped: str = ""  # why it did not act, as stored (a template and parameters)
    steps: list[dict] = field(default_factory=list)
    waiting: str = ""  # why a team rule's run waits for its claim, as stored
    message_pk: int | None = None  # the stored message the run was about, if any

    def as_json(self) -> dict[str, Any]:
        """With every reason and note as an English sentence (the CLI; the window translates
        the stored templates itself)."""
        steps = [{"action": s["action"], "status": s["status"], "note": _sentence(s["note"])} for s in self.steps]
        return {"id": self.id, "rule": self.rule, "event": self.event, "matched": self.matched, "at": self.at,
                "status": self.status, "attempts": self.attempts, "skipped": _sentence(self.skipped),
                "waiting": _sentence(self.waiting), "message": self.message_pk, "steps": steps}


def _sentence(stored: str) -> str:
    phrase = from_json(stored) if stored else None
    return phrase.message if phrase is not None else (stored or "")


def run_log(store: Store, limit: int = 100, rule: str | None = None) -> list[RunEntry]:
    query = select(RuleRun).order_by(RuleRun.id.desc()).limit(limit)
    if rule:
        query = query.where(RuleRun.rule_name == rule)
    with store.read() as session:
        entries = []
        for run in session.scalars(query):
            detail = json.loads(run.detail or "{}")
            entries.append(RunEntry(run.id, run.rule_name, run.event, detail.get("matched", ""), run.at, run.status,
                                    run.attempts, detail.get("skipped", ""), detail.get("steps", []),
                                    detail.get("waiting", "") if run.status == "waiting" else "",
                                    (detail.get("target") or {}).get("message_pk")))
        return entries


# -- notifications ----------------------------------------------------------------------------
@dataclass
class Note:
    id: int
    title: str
    body: str
    created_at: int


def take_notifications(store: Store) -> list[Note]:
    """Notifications not shown yet, marked shown (each is shown once, by whoever takes it)."""
    with store.read() as session:  # most runs raise none: no write transaction for nothing
        if session.scalar(select(Notification.id).where(Notification.shown_at.is_(None)).limit(1)) is None:
            return []
    return _take_notifications(store)


@writes
def _take_notifications(store: Store) -> list[Note]:
    with store.write() as session:
        rows = list(session.scalars(select(Notification).where(Notification.shown_at.is_(None))
                                    .order_by(Notification.id)))
        notes = [Note(row.id, row.title, _readable_body(row.body), row.created_at) for row in rows]
        if rows:
            session.execute(update(Notification).where(Notification.id.in_([r.id for r in rows]))
                            .values(shown_at=int(time.time())))
        return notes


def _readable_body(body: str) -> str:
    """A failed run's notification keeps the error as data; this is its sentence."""
    if body.startswith("{"):
        try:
            data = json.loads(body)
            error = from_json(data.get("error"))
            return f"{data.get('failed', '')}: {error.message if error else data.get('error', '')}"
        except (ValueError, AttributeError):
            return body
    return body


# -- trying a rule ---------------------------------------------------------------------------
@dataclass
class TrialHit:
    kind: str  # message | record | schedule
    label: str
    key: str  # a message's pk or a record's uuid
    at: int

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "id": self.key, "at": self.at}


@dataclass
class Trial:
    rule: str
    examined: int
    hits: list[TrialHit]
    note: str = ""
    matched: int | None = None  # every match, listed or not (``hits`` holds the first ``limit``)

    def __post_init__(self) -> None:
        if self.matched is None:
            self.matched = len(self.hits)

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "examined": self.examined, "matched": self.matched, "note": self.note,
                "hits": [hit.as_json() for hit in self.hits]}


TRIAL_BATCH = 5000


def try_rule(store: Store, spec: RuleSpec, limit: int = 200, now: int | None = None) -> Trial:
    """What the rule would have matched among what is stored (its actions are not run).

    Message triggers look at every stored message (received mail for ``message_received``,
    the Sent folders for ``message_sent``); record triggers at every live record of the type
    (``record_created``) or every recorded change (``field_changed``); clock triggers at what
    is due now.  ``hits`` holds the first ``limit`` matches, ``examined`` what was looked at.
    """
    moment = int(now if now is not None else time.time())
    hits: list[TrialHit] = []
    total = [0, 0]

    def consider(events: list[Event], session) -> None:
        total[0] += len(events)
        shared = SharedLookups(session)
        shared.batch([e.message.id for e in events if e.message is not None and e.message.id is not None])
        for event in events:
            if trigger_fits(spec.when, event) and evaluate(spec.condition, facts_for(store, session, event, shared)):
                kind = "message" if event.message is not None else ("record" if event.record else "schedule")
                key = str(event.message.id) if event.message is not None else \
                    (event.record[1].uuid if event.record else event.key)
                matched(TrialHit(kind, event.label, key, event.at))

    def matched(hit: TrialHit) -> None:
        total[1] += 1
        if len(hits) < limit:
            hits.append(hit)

    event_name = spec.event
    if event_name in ("message_received", "message_sent"):
        total[0] = _try_messages(store, spec, matched)
    elif event_name in ("record_created", "field_changed"):
        _try_records(store, spec, consider)
    else:
        with store.read() as session:
            consider(TIMED[event_name](session, spec.when, 0, moment), session)
    note = "" if event_name != "schedule" else "a schedule matches its latest slot"
    return Trial(spec.name, total[0], hits, note if total[1] <= limit else f"{total[1]} matched; first {limit} listed",
                 matched=total[1])


# The columns facts read from a message: a trial over 100,000 messages loads these as plain
# tuples with names (ORM objects cost three times as much to build, SQLAlchemy's rows twice).
_MESSAGE_COLUMNS = ("id", "folder_id", "message_id", "from_addr", "from_name", "subject", "to_list", "cc_list",
                    "reply_to_list", "references", "has_attachments", "auto_kind", "date", "deleted")
_MessageRow = namedtuple("_MessageRow", _MESSAGE_COLUMNS)
_TRIAL_SELECT = (f"SELECT {', '.join(chr(34) + name + chr(34) for name in _MESSAGE_COLUMNS)} "
                 f"FROM {Message.__tablename__} WHERE id > ? ORDER BY id LIMIT ?")


def _try_messages(store: Store, spec: RuleSpec, matched) -> int:
    """Evaluate the rule on every stored message of the trigger's folders; returns how many
    were examined and calls ``matched`` with each hit.

    The trigger asks only for the folder and the account, so it is decided once per folder;
    the facts of each message are built straight from its row (no event object), and one
    :class:`SharedLookups` serves the whole trial, so each customer is read once.
    """
    sent = spec.event == "message_sent"
    examined = 0
    with store.read() as session:
        accounts = {a.id: (a.name, a.email) for a in session.scalars(select(Account))}
        folders = {f.id: (f.role, {"folder": (f.name, f.role or ""), "account": accounts.get(f.account_id, ("", ""))})
                   for f in session.scalars(select(Folder))}
    wanted = {pk for pk, (role, params) in folders.items()
              if (role == "sent") == sent and (sent or role not in ("drafts", "trash", "junk"))
              and trigger_fits(spec.when, Event(spec.event, "", "", "", 0, params=params))}
    raw_body = lambda pk: raw_message(store, pk)  # noqa: E731 - read only when a condition asks for the body
    with store.read() as session:  # one read for the whole trial: what it looks at stays consistent
        cursor = session.connection().connection.dbapi_connection
        shared = SharedLookups(session)
        after = 0
        while True:
            rows = cursor.execute(_TRIAL_SELECT, (after, TRIAL_BATCH)).fetchall()
            if not rows:
                return examined
            after = rows[-1][0]
            messages = [message for message in map(_MessageRow._make, rows)
                        if message.folder_id in wanted and not message.deleted]
            examined += len(messages)
            shared.batch([message.id for message in messages])
            for message in messages:
                if evaluate(spec.condition, Facts(session, message=message, raw_body=raw_body, shared=shared)):
                    matched(TrialHit("message", message.subject or "", str(message.id), message.date))


def _try_records(store: Store, spec: RuleSpec, consider) -> None:
    from app.automation.facts import MODELS, reference_name

    kind = spec.when["record"]
    model = MODELS.get(kind)
    if model is None:
        return
    with store.read() as session:
        if spec.event == "record_created":
            records = list(session.scalars(select(model).where(model.deleted_at.is_(None))))
            consider([Event("record_created", "", "", _label(kind, row), row.created_at, record=(kind, row),
                            params={"record": kind}) for row in records], session)
            return
        events = []
        rows = session.execute(select(Change, model).join(model, model.uuid == Change.record_uuid)
                               .where(Change.record_type == kind, Change.field != "*",
                                      model.deleted_at.is_(None)).order_by(Change.id))
        for change, record in rows:
            readable = _readable_field(change.field)
            events.append(Event("field_changed", "", "", _label(kind, record), change.at, record=(kind, record),
                                change={"field": readable,
                                        "old": reference_name(session, change.field,
                                                              json.loads(change.old) if change.old else None),
                                        "new": reference_name(session, change.field,
                                                              json.loads(change.new) if change.new else None)},
                                params={"record": kind, "field": readable}))
        consider(events, session)
