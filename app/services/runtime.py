"""The services both front ends hold: sync passes, outbox delivery, IDLE, the schedule.

**Threads.**  Jobs run on per-account lanes (:mod:`.jobs`): an account's ``imap`` lane runs
its sync passes, its ``smtp`` lane the outbox; IDLE watchers have a thread each
(:mod:`app.mail.imap.idle`); the schedule ticks on one more.  Keyring reads happen on the
lanes.  Nothing here blocks its caller: every request returns a future, which the CLI waits
on and the GUI does not (it listens to :attr:`Services.events`, bridged to Qt).  Database
writes run on the store's writer thread.

**Truthful state.**  Each pass publishes :class:`~.events.AccountState` ``syncing``, then
``ok`` (with the time), ``offline``, ``auth`` (the server refused the password: the GUI asks
for it and calls :meth:`Services.sync` again) or ``error`` — never ``ok`` when the pass did
not complete.  Offline accounts are retried every minute and at once when the network
returns (:meth:`network_back`).

:meth:`stop` stops the watchers, the schedule and the lanes and joins their threads.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from typing import Callable

from app.errors import AuthError, LiaisonError, NetworkError
from app.mail.accounts.credential import credential_for
from app.mail.imap.idle import IdleWatcher
from app.mail.imap.session import Credential, imap_settings
from app.services import events as ev
from app.services.account_sync import SyncSummary, sync_account
from app.services.automation_job import AutomationRunner
from app.services.hooks import PassHooks, default_hooks
from app.services.jobs import JobLanes
from app.services.outbox_delivery import deliver_outbox
from app.services.schedule import is_due
from app.services.sync_lock import SyncLock, profile_of
from app.services.team_sync import TeamSync
from app.settings import get as get_setting
from app.store.accounts import list_accounts
from app.store.local_folders import has_server
from app.store.database import Store
from app.store.models import Account

log = logging.getLogger("liaison.services")

TICK_SECONDS = 30.0
TEAM_TICK_SECONDS = 2.5
WHOLE_ACCOUNT = None  # the folder of a sync request for every folder


class Services:
    """Sync, delivery, IDLE and schedule for one open profile."""

    def __init__(self, store: Store, *, hooks: PassHooks | None = None,
                 credential: Callable[[Account], Credential] = credential_for, use_idle: bool = True,
                 pass_runner: Callable[..., SyncSummary] | None = None):
        """``pass_runner`` runs one pass (``sync_account``'s arguments); the window passes an
        :class:`~app.services.pass_process.PassProcess` to run them in a process of their own,
        which runs the default hooks (so it cannot be combined with other ``hooks``)."""
        if pass_runner is not None and hooks is not None:
            raise ValueError("a pass runner of its own runs the default hooks")
        self.store = store
        self._pass_runner = pass_runner if pass_runner is not None else sync_account
        self.events = ev.EventBus()
        self.hooks = hooks if hooks is not None else default_hooks()
        self.lanes = JobLanes()
        self._credential = credential
        self.use_idle = use_idle
        self.offline: set[int] = set()
        self._last_started: dict[int, float] = {}
        self._watchers: dict[int, IdleWatcher] = {}
        self._watchers_lock = threading.Lock()
        self._ticker: threading.Thread | None = None
        self.team = TeamSync(store, self.lanes, self.events)
        self.rules = AutomationRunner(store, self.lanes, self.events, deliver=self.deliver_all,
                                      claim=self.team.team.claim_rule_run)

    # -- accounts -----------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        """The accounts that sync (the sample account and Local Folders never do)."""
        return [a for a in list_accounts(self.store) if has_server(a)]

    def _sync_mode(self, account: Account) -> str:
        """The account's schedule as the program uses it: IT's policy may lock it (app.settings)."""
        return get_setting(self.store, "sync_mode", account.id)

    def _account(self, account_id: int) -> Account | None:
        return next((a for a in self.accounts() if a.id == account_id), None)

    # -- requests -----------------------------------------------------------------------
    def sync(self, account_id: int, folder: str | None = WHOLE_ACCOUNT, *, user: bool = False,
             index: bool = True, progress: Callable[[str, int, int], None] | None = None) -> Future:
        """A sync pass (one folder or the whole account), and the outbox delivered beside it.

        ``user`` (Sync now, Send Again, the CLI) delivers at once whatever the retry backoff.
        The future holds the :class:`SyncSummary`, or the error that ended the pass.
        """
        if folder is WHOLE_ACCOUNT:
            self._last_started[account_id] = time.monotonic()
        self.deliver(account_id, force=user)
        lane = self.lanes.lane(account_id, "imap")
        params = {"folder": folder, "index": index, "progress": progress}
        if folder is WHOLE_ACCOUNT:
            return lane.request(("sync", None), lambda p: self._sync_job(account_id, p), params,
                                merge=_keep_indexing)
        return lane.request(("sync", folder), lambda p: self._sync_job(account_id, p), params,
                            merge=_keep_indexing, covered_by=("sync", None))

    def deliver(self, account_id: int, force: bool = False) -> Future:
        """Send what waits in the account's outbox (its own lane: needs SMTP only)."""
        lane = self.lanes.lane(account_id, "smtp")
        return lane.request("deliver", lambda p: self._deliver_job(account_id, p), {"force": force},
                            merge=lambda old, new: {"force": old["force"] or new["force"]})

    def deliver_all(self) -> list[Future]:
        """Every account's outbox now (mail a rule queued)."""
        return [self.deliver(a.id, force=True) for a in self.accounts()]

    def run_on_account(self, account_id: int, lane: str, key, fn: Callable[[Account, Credential], object]) -> Future:
        """Other network work of an account on one of its lanes (``"imap"`` or ``"smtp"``), e.g.
        uploading a draft: ``fn(account, credential)`` runs there; a waiting request with the same
        ``key`` is coalesced (the later one wins).  The future holds its result or its error."""
        def job(params: dict):
            account = self._account(account_id)
            if account is None or self.lanes.stopping.is_set():
                return None
            return params["fn"](account, self._credential(account))
        return self.lanes.lane(account_id, lane).request(key, job, {"fn": fn}, merge=lambda _old, new: new)

    def sync_all(self) -> list[Future]:
        """The user asked: every account, whatever its mode, outbox included."""
        return [self.sync(a.id, user=True) for a in self.accounts()]

    def sync_due(self, now: float | None = None) -> None:
        """Start the passes the schedule says are due (every account not manual, at start)."""
        moment = time.monotonic() if now is None else now
        for account in self.accounts():
            if is_due(self._sync_mode(account), self._last_started.get(account.id), account.id in self.offline,
                      moment):
                self.sync(account.id)

    def network_back(self) -> None:
        """The OS says the network returned: retry the offline accounts (and the team) now."""
        for account_id in list(self.offline):
            self.sync(account_id)
        if self.team.offline:
            self.team.request()

    # -- jobs (on the lanes) ------------------------------------------------------------
    def _sync_job(self, account_id: int, params: dict) -> SyncSummary | None:
        account = self._account(account_id)
        if account is None or self.lanes.stopping.is_set():
            return None
        publish = self.events.publish
        publish(ev.AccountState(account_id, "syncing"))
        caller_progress = params.get("progress")

        def progress(folder: str, done: int, total: int) -> None:
            publish(ev.Progress(account_id, folder, done, total))
            if caller_progress is not None:
                caller_progress(folder, done, total)

        try:
            with SyncLock(profile_of(self.store.path), account.uuid, account.name).held():
                summary = self._pass_runner(self.store, account, self._credential(account),
                                            only_folder=params["folder"], progress=progress,
                                            should_stop=self.lanes.stopping.is_set, index=params["index"],
                                            hooks=self.hooks)
        except NetworkError as exc:
            self.offline.add(account_id)
            publish(ev.AccountState(account_id, "offline", exc))
            raise
        except AuthError as exc:
            self.offline.discard(account_id)
            publish(ev.AccountState(account_id, "auth", exc))
            raise
        except LiaisonError as exc:
            self.offline.discard(account_id)
            publish(ev.AccountState(account_id, "error", exc))
            raise
        self.offline.discard(account_id)
        state = "error" if summary.errors else "ok"
        publish(ev.AccountState(account_id, state, None, time.time(), tuple(summary.errors)))
        changes = ev.ChangeSet.of(ev.FOLDERS, accounts=[account_id])
        if summary.new or summary.changed or summary.removed or summary.pushed:
            changes.kinds |= {ev.MAIL, ev.LINKS, ev.RECORDS}
        publish(changes)
        if summary.new:
            self.rules.request()  # mail received: rules and case replies, on their own lane
        return summary

    def _deliver_job(self, account_id: int, params: dict) -> dict | None:
        account = self._account(account_id)
        if account is None or self.lanes.stopping.is_set():
            return None
        try:
            counts = deliver_outbox(self.store, account, lambda: self._credential(account), force=params["force"])
        except AuthError as exc:
            self.events.publish(ev.AccountState(account_id, "auth", exc))
            raise
        except LiaisonError as exc:
            self.events.publish(ev.OutboxResult(account_id, 0, 0, 0, exc))
            raise
        self.events.publish(ev.OutboxResult(account_id, counts["sent"], counts["queued"], counts["failed"]))
        self.events.publish(ev.ChangeSet.of(ev.OUTBOX, accounts=[account_id]))
        if counts["sent"]:
            self.rules.request()  # mail sent: message_sent rules
        return counts

    # -- IDLE and the schedule ----------------------------------------------------------
    def start(self) -> None:
        """Background life for the GUI: sync what is due now, then IDLE and the schedule."""
        self.sync_due()  # the team's first round comes with the schedule's first tick
        if self.use_idle:
            for account in self.accounts():
                self.apply_sync_mode(account.id)
        self._ticker = threading.Thread(target=self._tick, name="liaison-schedule", daemon=True)
        self._ticker.start()

    def _tick(self) -> None:
        # The team is looked at every few seconds (a local edit should reach the team soon);
        # the mail schedule every TICK_SECONDS.
        last_mail = time.monotonic()
        while not self.lanes.stopping.wait(TEAM_TICK_SECONDS):
            try:
                self.team.due()
                self.rules.due()
                if time.monotonic() - last_mail >= TICK_SECONDS:
                    last_mail = time.monotonic()
                    self.sync_due()
            except Exception:  # noqa: BLE001 - a bug here must not end the schedule
                log.exception("the sync schedule failed")

    def watch_new_account(self, account_id: int) -> None:
        """A just-added account: sync it now and keep it current like the others."""
        self.sync(account_id, user=True)
        self.apply_sync_mode(account_id)

    def apply_sync_mode(self, account_id: int) -> None:
        """Start or stop the account's IDLE watcher after its mode changed (or it was removed)."""
        account = self._account(account_id)
        wants_push = self.use_idle and account is not None and self._sync_mode(account) == "push"
        with self._watchers_lock:
            if self.lanes.stopping.is_set():
                return
            watcher = self._watchers.get(account_id)
            if wants_push and watcher is None:
                watcher = IdleWatcher(imap_settings(account), lambda a=account: self._credential(a),
                                      on_change=lambda: self.sync(account_id, "INBOX"))
                self._watchers[account_id] = watcher
                watcher.start()
                return
            if not wants_push and watcher is not None:
                del self._watchers[account_id]
            else:
                return
        watcher.stop()

    def stop(self) -> None:
        """Stop watchers, schedule and lanes; returns when their threads have ended."""
        self.lanes.stopping.set()
        with self._watchers_lock:
            watchers = list(self._watchers.values())
            self._watchers.clear()
        for watcher in watchers:
            watcher.stop()
        self.lanes.stop()
        close_runner = getattr(self._pass_runner, "close", None)
        if close_runner is not None:  # after the lanes: their passes have ended
            close_runner()
        if self._ticker is not None:
            self._ticker.join(5)
            self._ticker = None


def _keep_indexing(waiting: dict, new: dict) -> dict:
    """Two requests for one pass: index if either asked, report progress to the newest caller."""
    return {"folder": waiting["folder"], "index": waiting["index"] or new["index"],
            "progress": new.get("progress") or waiting.get("progress")}
