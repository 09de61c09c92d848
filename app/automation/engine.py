"""The rules engine: read what happened, match the enabled rules, run their actions once.

**Order of work.**  Events are read in batches in a read session; for each event the rules
whose trigger fits are evaluated against its facts; every match is then *claimed* (one row in
``automation_runs``, unique per rule and event, committed before anything is done) and its
actions run one by one, each in its own write transaction on the writer thread.  The cursor
of the source moves on after the batch: a crash repeats at most that batch, and the claims
make the repeat harmless.  Replies to a case's mail are filed on it before rules look at them.

**Threads.**  :func:`run_rules` runs on whichever thread calls it (a sync job's lane after its
pass, the automation lane, the CLI); one lock per profile keeps two runs of this process from
interleaving, and the claim keeps another process (the CLI beside the window) from doing a
run twice.  Nothing here touches Qt.

**Guards** (see the package docstring): blocked events (automatic mail, a rule's own mail),
chains deeper than :data:`MAX_DEPTH`, one firing per rule, record and chain, and at most
:data:`RATE_PER_HOUR` runs per record an hour.  A stop is a run with status ``skipped`` and
its reason; it is not retried.  A failed action leaves the run ``retrying`` (after
:data:`RETRY_DELAYS`), then ``failed`` for good, reported in the log and by a notification.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.automation import events as sources
from app.automation.actions import Step, Target, run_action
from app.automation.conditions import evaluate
from app.automation.facts import MISSING, Facts, SharedLookups
from app.automation.rule_format import RuleSpec, check_rule
from app.automation.timed_events import SINCE_GRACE, TIMED
from app.errors import LiaisonError, Phrase
from app.store.automation_models import AutomationCursor, Notification, Rule, RuleRun
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.models import Folder, OutboxMessage
from app.store.writer import writes

log = logging.getLogger("liaison.rules")

MAX_DEPTH = 3
RATE_PER_HOUR = 20
RETRY_DELAYS = (60, 300, 1800, 7200)
_TEXT_KEYS = ("title", "description", "notes", "body", "tag", "value")
# What a case or a task is called when the rule does not say: the message's subject.
_DEFAULT_TEXTS = {"create_case": {"title": "{subject}"}, "create_task": {"title": "{subject}"}}
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z0-9_]+)*)\}")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass
class LoadedRule:
    uuid: str
    name: str
    since: int
    spec: RuleSpec


@dataclass
class Match:
    rule: LoadedRule
    event: sources.Event
    target: Target
    actions: list[dict]  # with their placeholders filled from the event


@dataclass
class EngineReport:
    events: int = 0
    matched: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    cases_updated: list[str] = field(default_factory=list)
    runs: list[int] = field(default_factory=list)  # ids of the runs this call made or retried
    mail_queued: int = 0  # messages rules put in the outbox

    def changed_anything(self) -> bool:
        return bool(self.runs or self.cases_updated)

    def add(self, other: EngineReport) -> None:
        for name in ("events", "matched", "done", "skipped", "failed", "mail_queued"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.cases_updated += other.cases_updated
        self.runs += other.runs


def _lock(store: Store) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(str(store.path), threading.Lock())


def enabled_rules(session: Session) -> list[LoadedRule]:
    loaded = []
    for row in session.scalars(select(Rule).where(Rule.enabled.is_(True)).order_by(Rule.position, Rule.id)):
        try:
            spec = check_rule({"name": row.name, "scope": row.scope, **json.loads(row.definition)})
        except Exception:  # noqa: BLE001 - a rule stored by a newer version: left alone, said once in the log
            log.warning("rule %r cannot be read and does not run", row.name)
            continue
        loaded.append(LoadedRule(row.uuid, row.name, row.since, spec))
    return loaded


# -- matching ---------------------------------------------------------------------------------
def _fits(value: Any, wanted: Any) -> bool:
    values = value if isinstance(value, (tuple, list)) else (value,)
    return any(str(v).casefold() == str(wanted).casefold() for v in values if v is not None)


def trigger_fits(when: dict, event: sources.Event) -> bool:
    """The rule's trigger and its parameters (folder, account, record, field, from/to)."""
    if when["event"] != event.name:
        return False
    params = event.params
    folder = when.get("folder", "inbox")
    if event.name == "message_received" and folder not in ("any", "*") and not _fits(params.get("folder"), folder):
        return False
    if "account" in when and not _fits(params.get("account"), when["account"]):
        return False
    if event.name in ("record_created", "field_changed", "overdue", "no_activity") \
            and params.get("record") != when.get("record", params.get("record")):
        return False
    if event.name == "field_changed":
        field_name = when["field"].removeprefix(f"{params['record']}.").removeprefix("custom.")
        if params.get("field") != field_name:
            return False
        from app.automation.conditions import _same
        if "to" in when and not _same(event.change["new"], when["to"]):
            return False
        if "from" in when and not _same(event.change["old"], when["from"]):
            return False
    return True


def _raw_reader(store: Store, event: sources.Event):
    if event.raw_source == "outbox":
        outbox_id = event.message.outbox_id

        def from_outbox(_pk):
            with store.read() as session:
                return session.scalar(select(OutboxMessage.raw).where(OutboxMessage.id == outbox_id))
        return from_outbox
    return lambda pk: raw_message(store, pk)


def facts_for(store: Store, session: Session, event: sources.Event, shared: SharedLookups | None = None) -> Facts:
    return Facts(session, message=event.message, record=event.record, change=event.change,
                 raw_body=_raw_reader(store, event), shared=shared)


def shared_lookups(session: Session, events: list[sources.Event]) -> SharedLookups:
    """One set of lookups for a batch of events, the batch's message links read at once."""
    shared = SharedLookups(session)
    shared.batch([e.message.id for e in events if e.message is not None and e.message.id is not None])
    return shared


def _filled(text: str, facts: Facts) -> str:
    def value(match) -> str:
        found = facts.get(match.group(1))
        if found is MISSING or found is None:
            return ""
        if isinstance(found, (list, tuple)):
            return ", ".join(str(v) for v in found)
        return str(found)
    return _PLACEHOLDER.sub(value, text)


def _target(session: Session, event: sources.Event, facts: Facts) -> Target:
    target = Target()
    message = event.message
    if message is not None:
        target.message_pk = message.id
        target.message_key = message.message_id or ""
        target.message_subject = message.subject or ""
        reply_to = json.loads(getattr(message, "reply_to_list", None) or "[]")
        target.sender = (reply_to[0][1] if reply_to else message.from_addr).lower()
        target.sender_name = reply_to[0][0] if reply_to else message.from_name
        target.references = (getattr(message, "references", None) or "").split()
        if message.folder_id is not None:
            folder = session.get(Folder, message.folder_id)
            target.account_id = folder.account_id if folder else None
        else:
            target.account_id = getattr(message, "account_id", None)
    facts.deal()  # the customer's open deal, when the event has none of its own
    records = facts.linked()
    for kind in ("contact", "company", "deal"):
        if kind in records:
            setattr(target, f"{kind}_id", records[kind].id)
    if "deal" in records:
        target.deal_contact_id = records["deal"].contact_id
    if "case" in records:
        target.case_uuid = records["case"].uuid
    if event.record is not None:
        target.record = (event.record[0], event.record[1].uuid)
    return target


def match_events(store: Store, session: Session, rules: list[LoadedRule], events: list[sources.Event]) -> list[Match]:
    matches = []
    shared = shared_lookups(session, events)
    for event in events:
        facts = None
        for rule in rules:
            if not trigger_fits(rule.spec.when, event):
                continue
            if event.name in ("message_received", "message_sent", "record_created", "field_changed") \
                    and event.at < rule.since - SINCE_GRACE:
                continue  # it happened before the rule was enabled
            facts = facts or facts_for(store, session, event, shared)
            if not evaluate(rule.spec.condition, facts):
                continue
            actions = [{key: (_filled(value, facts) if key in _TEXT_KEYS and isinstance(value, str) else value)
                        for key, value in {**_DEFAULT_TEXTS.get(action["action"], {}), **action}.items()}
                       for action in rule.spec.then]
            matches.append(Match(rule, event, _target(session, event, facts), actions))
    return matches


# -- running ------------------------------------------------------------------------------
def _stop_reason(session: Session, match: Match, now: int) -> Phrase | None:
    """Why this run must not act (a template: the log says it in the user's language), or None."""
    event = match.event
    if event.blocked:
        return event.blocked
    if event.depth >= MAX_DEPTH:
        return Phrase("chain of rules deeper than {depth}", code="rules.stop", depth=MAX_DEPTH)
    if event.chain and session.scalar(select(RuleRun.id).where(
            RuleRun.rule_uuid == match.rule.uuid, RuleRun.subject == event.subject, RuleRun.chain == event.chain,
            RuleRun.status != "skipped").limit(1)) is not None:
        return Phrase("already fired on this record in this chain of events", code="rules.stop")
    recent = session.scalar(select(func.count()).select_from(RuleRun).where(
        RuleRun.rate_key == event.rate_key, RuleRun.at > now - 3600, RuleRun.status != "skipped"))
    if event.subject != "schedule" and recent >= RATE_PER_HOUR:
        return Phrase("more than {count} rule runs on this record or sender in an hour", code="rules.stop",
                      count=RATE_PER_HOUR)
    return None


@writes
def _claim(store: Store, match: Match, now: int) -> tuple[int | None, Phrase | None]:
    """The run's row, or None when this rule already ran for this event; with a stop reason."""
    event = match.event
    try:
        with store.write() as session:
            reason = _stop_reason(session, match, now)
            detail = {"trigger": event.name, "matched": event.label, "target": asdict(match.target),
                      "actions": match.actions, "steps": []}
            if reason:
                detail["skipped"] = reason.to_json()
            run = RuleRun(rule_uuid=match.rule.uuid, rule_name=match.rule.name, event=event.name, event_key=event.key,
                          subject=event.subject, rate_key=event.rate_key,
                          chain=event.chain or str(uuid_module.uuid4()), depth=event.depth,
                          at=now, status="skipped" if reason else "running",
                          detail=json.dumps(detail, ensure_ascii=False), attempts=1)
            session.add(run)
            session.flush()
            return run.id, reason
    except IntegrityError:
        return None, None


@writes
def _finish(store: Store, run_id: int, steps: list[dict], now: int) -> str:
    with store.write() as session:
        run = session.get(RuleRun, run_id)
        detail = json.loads(run.detail)
        detail["steps"] = steps
        failed = [step for step in steps if step["status"] == "failed"]
        if not failed:
            run.status, run.next_attempt_at = "done", None
        elif run.attempts <= len(RETRY_DELAYS):
            run.status, run.next_attempt_at = "retrying", now + RETRY_DELAYS[run.attempts - 1]
        else:
            run.status, run.next_attempt_at = "failed", None
            session.add(Notification(key=f"failed|{run.id}", title=run.rule_name, body=json.dumps(
                {"failed": failed[0]["action"], "error": failed[0]["note"]}, ensure_ascii=False),
                created_at=now))
        run.detail = json.dumps(detail, ensure_ascii=False)
        return run.status


def _execute(store: Store, run_id: int, rule_uuid: str, rule_name: str, event_key: str, chain: str, depth: int,
             target: Target, actions: list[dict], done_before: set[int], now: int) -> tuple[str, int]:
    steps = []
    queued = 0
    for index, action in enumerate(actions):
        if index in done_before:
            steps.append({"action": action["action"], "status": "done", "note": "done before"})
            continue
        step = Step(store, rule_uuid, rule_name, event_key, index, chain, depth + 1, target, fill=lambda text: text)
        status, note = run_action(store, action, step)
        steps.append({"action": action["action"], "status": status, "note": note})
        queued += action["action"] == "send_template" and status == "done" and '"already queued"' not in note
    return _finish(store, run_id, steps, now), queued


# Asks the team server whether this device runs a team rule for an event: (True, me) or
# (False, who did); raises NetworkError (or another LiaisonError) when it cannot be asked now.
TeamClaim = Callable[[str, str], tuple[bool, str]]
CLAIM_RETRY_SECONDS = 60


def _team_verdict(store: Store, run_id: int, rule_uuid: str, event_key: str, claim: TeamClaim | None,
                  now: int) -> bool:
    """For a team rule: True when this device runs it; otherwise the run is marked skipped
    (a colleague's client runs it) or waiting (the server cannot be asked now) and False."""
    if claim is None:
        _set_status(store, run_id, "waiting", now + CLAIM_RETRY_SECONDS,
                    Phrase("not signed in to the team", code="rules.wait"))
        return False
    try:
        mine, who = claim(rule_uuid, event_key)
    except LiaisonError as exc:
        _set_status(store, run_id, "waiting", now + CLAIM_RETRY_SECONDS, exc)
        return False
    if not mine:
        _set_status(store, run_id, "skipped", None,
                    Phrase("run for the team by {person}", code="rules.stop", person=who or "a colleague"))
        return False
    return True


@writes
def _set_status(store: Store, run_id: int, status: str, next_attempt_at: int | None, reason: Phrase) -> None:
    with store.write() as session:
        run = session.get(RuleRun, run_id)
        detail = json.loads(run.detail)
        detail["skipped" if status == "skipped" else "waiting"] = reason.to_json()
        run.status, run.next_attempt_at, run.detail = status, next_attempt_at, json.dumps(detail, ensure_ascii=False)


def _run(store: Store, match: Match, report: EngineReport, now: int, claim: TeamClaim | None) -> None:
    run_id, reason = _claim(store, match, now)
    if run_id is None:
        return
    report.matched += 1
    report.runs.append(run_id)
    if reason:
        report.skipped += 1
        log.info("rule %s skipped %s: %s", match.rule.name, match.event.key, reason)
        return
    if match.rule.spec.scope == "team" and not _team_verdict(store, run_id, match.rule.uuid, match.event.key,
                                                             claim, now):
        return
    with store.read() as session:
        chain = session.get(RuleRun, run_id).chain
    status, queued = _execute(store, run_id, match.rule.uuid, match.rule.name, match.event.key, chain,
                              match.event.depth, match.target, match.actions, set(), now)
    report.mail_queued += queued
    if status == "done":
        report.done += 1
    else:
        report.failed += 1


def _retry_due(store: Store, report: EngineReport, now: int, claim: TeamClaim | None) -> None:
    """Runs whose action failed, again: the steps already done are idempotent (see actions);
    team rules' runs that wait for their claim ask again."""
    with store.read() as session:
        due = list(session.scalars(select(RuleRun).where(
            ((RuleRun.status.in_(("retrying", "waiting"))) & (RuleRun.next_attempt_at <= now))
            # a run a crash interrupted (claimed, never finished) is taken up again
            | ((RuleRun.status == "running") & (RuleRun.at < now - 600)))))
        scopes = dict(session.execute(select(Rule.uuid, Rule.scope)).all())
    for run in due:
        if run.status == "waiting":
            if run.rule_uuid not in scopes:
                _set_status(store, run.id, "skipped", None,
                            Phrase("the team rule was removed", code="rules.stop"))
                continue
            if not _team_verdict(store, run.id, run.rule_uuid, run.event_key, claim, now):
                continue
        detail = json.loads(run.detail)
        _bump_attempt(store, run.id)
        done_before = {i for i, step in enumerate(detail.get("steps", [])) if step["status"] == "done"}
        status, queued = _execute(store, run.id, run.rule_uuid, run.rule_name, run.event_key, run.chain, run.depth,
                                  Target(**detail["target"]), detail["actions"], done_before, now)
        report.mail_queued += queued
        report.runs.append(run.id)
        if status == "done":
            report.done += 1
        elif status == "failed":
            report.failed += 1


@writes
def _bump_attempt(store: Store, run_id: int) -> None:
    with store.write() as session:
        run = session.get(RuleRun, run_id)
        run.attempts += 1
        run.status = "running"


# -- cursors ------------------------------------------------------------------------------
def _cursors(store: Store, have_rules: bool) -> dict[str, int]:
    """Where each source was left.  A profile that never ran rules starts now when it has none
    (history is not replayed), and at the beginning when it has (rules' ``since`` filters);
    the start is stored at once, so from then on every new message is seen (replies join
    their case with or without rules)."""
    with store.read() as session:
        stored = {row.name: row.value for row in session.scalars(select(AutomationCursor))}
    if {"messages", "changes", "sent"} - set(stored):
        if have_rules:
            for name in ("messages", "changes", "sent"):
                if name not in stored:
                    save_cursor(store, name, 0)
        else:
            start_cursors_now(store)
        with store.read() as session:
            stored = {row.name: row.value for row in session.scalars(select(AutomationCursor))}
    return stored


@writes
def save_cursor(store: Store, name: str, value: int) -> None:
    with store.write() as session:
        sources.advance(session, name, value)


@writes
def start_cursors_now(store: Store) -> None:
    """Before the first rule exists: the sources start here (nothing older is evaluated)."""
    with store.write() as session:
        newest = sources.newest_ids(session)
        for name, value in (*newest.items(), ("sent", int(time.time()))):
            if session.get(AutomationCursor, name) is None:
                session.add(AutomationCursor(name=name, value=value))


# -- the entry point ------------------------------------------------------------------------
def run_rules(store: Store, *, now: int | None = None, timed: bool = True,
              claim: TeamClaim | None = None) -> EngineReport:
    """Evaluate everything that happened since the last run (and, with ``timed``, the clock).
    ``claim`` asks the team server before a team rule acts (see :func:`_team_verdict`)."""
    report = EngineReport()
    with _lock(store):
        moment = int(now if now is not None else time.time())
        with store.read() as session:
            rules = enabled_rules(session)
        cursors = _cursors(store, bool(rules))
        _messages(store, rules, cursors["messages"], report, moment, claim)
        _changes(store, rules, cursors["changes"], report, moment, claim)
        _sent(store, rules, cursors["sent"], report, moment, claim)
        if timed:
            _timed(store, rules, report, moment, claim)
        _retry_due(store, report, moment, claim)
    return report


def _messages(store: Store, rules: list[LoadedRule], after: int, report: EngineReport, now: int,
              claim: TeamClaim | None) -> None:
    from app.crm.cases import attach_replies
    from app.crm.teammates import own_addresses

    own = None
    while True:
        with store.read() as session:
            events, newest, pks = sources.received_events(session, after)
        if not pks:
            return
        own = own if own is not None else own_addresses(store)
        # Replies join their case first: a rule then sees the message already on it.
        report.cases_updated += attach_replies(store, pks, own)
        if rules:
            with store.read() as session:
                matches = match_events(store, session, rules, events)
            report.events += len(events)
            for match in matches:
                _run(store, match, report, now, claim)
        save_cursor(store, "messages", newest)
        after = newest


def _changes(store: Store, rules: list[LoadedRule], after: int, report: EngineReport, now: int,
             claim: TeamClaim | None) -> None:
    while True:
        with store.read() as session:
            if not rules:
                newest = session.scalar(select(func.max(sources.Change.id))) or after
                events = []
            else:
                events, newest = sources.change_events(session, after)
                matches = match_events(store, session, rules, events)
        if newest <= after:
            return
        report.events += len(events)
        for match in (matches if rules else []):
            _run(store, match, report, now, claim)
        save_cursor(store, "changes", newest)
        after = newest


def _sent(store: Store, rules: list[LoadedRule], since: int, report: EngineReport, now: int,
          claim: TeamClaim | None) -> None:
    if not any(rule.spec.event == "message_sent" for rule in rules):
        return  # nothing to move on: a rule made later looks only at mail sent after it anyway
    with store.read() as session:
        events, newest = sources.sent_events(session, since)
        matches = match_events(store, session, rules, events)
    report.events += len(events)
    for match in matches:
        _run(store, match, report, now, claim)
    save_cursor(store, "sent", newest)


def _timed(store: Store, rules: list[LoadedRule], report: EngineReport, now: int, claim: TeamClaim | None) -> None:
    for rule in rules:
        generate = TIMED.get(rule.spec.event)
        if generate is None:
            continue
        with store.read() as session:
            events = generate(session, rule.spec.when, rule.since, now)
            matches = match_events(store, session, [rule], events)
        report.events += len(events)
        for match in matches:
            _run(store, match, report, now, claim)

