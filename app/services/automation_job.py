"""The rules engine as a services job: on its own lane, so a rule's work never waits behind a
sync and a sync never waits behind a rule.

It runs after every account's pass (mail received: the pass's hook asks for a run), a few
seconds after a local change to a customer record, after the outbox sent mail, and every
minute for the clock's triggers (overdue, no reply, no activity, schedules) — not every few
hours.  What it changed is published as a :class:`~app.services.events.ChangeSet`;
notifications rules raise are published as :class:`~app.services.events.RuleNotice` once
(taken from the database, so a notification raised by the CLI is shown by the next window).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future

from sqlalchemy import func, select

from app.automation.engine import EngineReport, TeamClaim, run_rules
from app.automation.rule_book import take_notifications
from app.services import events as ev
from app.services.jobs import JobLanes
from app.store.automation_models import AutomationCursor, Rule
from app.store.crm_models import Change
from app.store.database import Store

log = logging.getLogger("liaison.rules")

RULES_LANE = -2  # lanes are keyed by account id; the rules have none (the team is -1)
CLOCK_SECONDS = 60.0
AFTER_EDIT_SECONDS = 2.0


class AutomationRunner:
    """The rules half of :class:`~app.services.runtime.Services`."""

    def __init__(self, store: Store, lanes: JobLanes, events: ev.EventBus,
                 deliver: Callable[[], None] | None = None, claim: TeamClaim | None = None):
        self.store = store
        self.lanes = lanes
        self.events = events
        self._deliver = deliver  # mail a rule queued goes out at once (the outbox's own lane)
        self._claim = claim  # team rules ask the team server who runs them
        self.total = EngineReport()  # every run of this session (the CLI's summary)
        self._last_clock: float | None = None
        self._edit_seen: float | None = None

    def request(self, timed: bool = False) -> Future:
        """A run soon (coalesced with one already waiting; the clock's triggers if either asks)."""
        return self.lanes.lane(RULES_LANE, "rules").request(
            "rules", self._job, {"timed": timed}, merge=lambda old, new: {"timed": old["timed"] or new["timed"]})

    def _has_rules(self) -> bool:
        with self.store.read() as session:
            return session.scalar(select(Rule.id).where(Rule.enabled.is_(True)).limit(1)) is not None

    def due(self, now: float | None = None) -> None:
        """Called by the schedule every few seconds: start a run if one is due."""
        moment = time.monotonic() if now is None else now
        if not self._has_rules():
            return
        if self._last_clock is None or moment - self._last_clock >= CLOCK_SECONDS:
            self._last_clock = moment
            self.request(timed=True)
            return
        with self.store.read() as session:
            newest = session.scalar(select(func.max(Change.id))) or 0
            seen = session.scalar(select(AutomationCursor.value).where(AutomationCursor.name == "changes")) or 0
        if newest <= seen:
            self._edit_seen = None
        elif self._edit_seen is None:
            self._edit_seen = moment
        elif moment - self._edit_seen >= AFTER_EDIT_SECONDS:
            self._edit_seen = None
            self.request()

    def _job(self, params: dict):
        if self.lanes.stopping.is_set():
            return None
        report = run_rules(self.store, timed=params["timed"], claim=self._claim)
        self.total.add(report)
        if report.changed_anything():
            self.events.publish(ev.ChangeSet.of(ev.RECORDS, ev.MAIL, ev.OUTBOX, ev.LINKS, ev.RULES))
        if report.mail_queued and self._deliver is not None:
            self._deliver()
        for note in take_notifications(self.store):
            self.events.publish(ev.RuleNotice(note.title, note.body))
        return report
