"""Team sync as a services job: on its own lane (network and keyring off every other thread),
at start, every few minutes, a few seconds after a local change to a customer record, and
when the network returns; retried every minute while offline.

What happens is published as :class:`~app.services.events.TeamState`, truthfully: ``syncing``,
``ok`` (with the time, the changes still waiting and the open conflicts), ``offline``,
``signed_out`` (revoked: the profile already removed the team's records), ``error``, or
``off`` when this profile is not signed in to a team. Never ``ok`` when the round did not
complete.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future

from app.errors import LiaisonError, NetworkError
from app.services import events as ev
from app.services.jobs import JobLanes
from app.store.database import Store
from app.sync import push, state
from app.sync.team import Team
from app.sync.transport import TeamSignedOut

log = logging.getLogger("liaison.sync")

TEAM_LANE = -1  # the lanes are keyed by account id; the team has no account
EVERY_SECONDS = 180.0
OFFLINE_RETRY_SECONDS = 60.0
AFTER_EDIT_SECONDS = 5.0


class TeamSync:
    """The team half of :class:`~app.services.runtime.Services`."""

    def __init__(self, store: Store, lanes: JobLanes, events: ev.EventBus, team: Team | None = None):
        self.store = store
        self.lanes = lanes
        self.events = events
        self.team = team or Team(store)
        self.offline = False
        self._last_started: float | None = None
        self._pending_since: float | None = None

    def request(self) -> Future:
        """One round now (coalesced with one already waiting)."""
        self._last_started = time.monotonic()
        return self.lanes.lane(TEAM_LANE, "team").request("team", lambda _p: self._job(), {})

    def signed_in(self) -> bool:
        with self.store.read() as session:
            return bool(state.get(session, "server"))

    def due(self, now: float | None = None) -> None:
        """Called by the schedule: start a round if one is due."""
        moment = time.monotonic() if now is None else now
        if not self.signed_in():
            return
        if self._last_started is None:
            self.request()
            return
        waited = moment - self._last_started
        if waited >= (OFFLINE_RETRY_SECONDS if self.offline else EVERY_SECONDS):
            self.request()
            return
        with self.store.read() as session:
            pending = push.pending_count(session)
        if not pending:
            self._pending_since = None
        elif self._pending_since is None:
            self._pending_since = moment
        elif moment - self._pending_since >= AFTER_EDIT_SECONDS and not self.offline:
            self._pending_since = None
            self.request()

    def _job(self):
        if self.lanes.stopping.is_set():
            return None
        if not self.signed_in():
            self.events.publish(ev.TeamState("off"))
            return None
        publish = self.events.publish
        publish(ev.TeamState("syncing"))
        try:
            summary = self.team.sync_once()
        except NetworkError as exc:
            self.offline = True
            publish(ev.TeamState("offline", exc, **self._counts()))
            raise
        except TeamSignedOut as exc:
            self.offline = False
            publish(ev.TeamState("signed_out", exc))
            publish(ev.ChangeSet.of(ev.RECORDS, ev.LINKS))
            raise
        except LiaisonError as exc:
            self.offline = False
            publish(ev.TeamState("error", exc, **self._counts()))
            raise
        self.offline = False
        publish(ev.TeamState("ok", None, time.time(), summary.pending, self._counts()["conflicts"]))
        if summary.pulled or summary.gone:
            publish(ev.ChangeSet.of(ev.RECORDS, ev.LINKS))
        return summary

    def _counts(self) -> dict:
        status = self.team.status()
        return {"pending": status["pending"], "conflicts": status["conflicts"]}
