"""Background mail sync for the GUI: one worker thread, IDLE watchers, a schedule.

Threading contract:

* All network and keyring work runs on the service's worker thread (sync passes) or on the
  IdleWatchers' own threads; the GUI thread only enqueues requests and receives signals.
* Signals are emitted from the worker thread; because the service object lives on the GUI
  thread, Qt delivers them there as queued calls.
* :meth:`stop` stops the IDLE watchers, asks the worker to finish its current pass, and
  joins it, so no thread outlives the window (tests call it too).

Scheduling: a tick on the GUI thread asks :mod:`app.mail.sync_schedule` which accounts are
due (per-account mode: push, 5/15/30 minutes, manual); offline accounts are retried every
minute, and at once when the OS reports the network back (QNetworkInformation, where a
backend exists).  The sample account is never synced.
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import LiaisonError, NetworkError
from app.mail.account_sync import imap_settings, sync_account
from app.mail.idle import IdleWatcher
from app.mail.account_credential import credential_for
from app.mail.imap_session import PasswordCredential
from app.mail.sync_schedule import is_due
from app.store.accounts import list_accounts
from app.store.database import Store

log = logging.getLogger("liaison.ui.sync")

TICK_MS = 30 * 1000
_STOP = object()


class SyncService(QObject):
    """Runs sync passes off the GUI thread and reports each account's state truthfully."""

    account_state_changed = Signal(int, str, str)  # account id, state, detail
    mail_changed = Signal(int)  # account id whose cached mail changed
    folder_progress = Signal(int, str, int, int)  # account id, folder, done, total

    def __init__(self, store: Store, parent=None, use_idle: bool = True):
        super().__init__(parent)
        self.store = store
        self.use_idle = use_idle
        self._requests: queue.Queue = queue.Queue()
        self._stopping = threading.Event()
        self._worker = threading.Thread(target=self._work, name="liaison-sync", daemon=True)
        self._watchers: dict[int, IdleWatcher] = {}  # added by the worker, removed by the GUI
        self._watchers_lock = threading.Lock()
        self._last_started: dict[int, float] = {}
        self.offline: set[int] = set()
        self._network = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.sync_due)
        self.account_state_changed.connect(self._note_state)

    def start(self) -> None:
        self._worker.start()
        self._timer.start()
        self.sync_due()  # sync on start (every account not set to manual)
        if self.use_idle:
            self._requests.put(("start-idle", None, None))
        QTimer.singleShot(0, self._watch_network)

    def _accounts(self):
        return [a for a in list_accounts(self.store) if not a.is_sample]

    def sync_due(self) -> None:
        now = time.monotonic()
        for account in self._accounts():
            if is_due(account.sync_mode, self._last_started.get(account.id),
                      account.id in self.offline, now):
                self._request_sync(account.id, None)

    def sync_all(self) -> None:
        """The user asked: every account, whatever its mode."""
        for account in self._accounts():
            self._request_sync(account.id, None)

    def sync_folder(self, account_id: int, folder: str) -> None:
        self._request_sync(account_id, folder)

    def _request_sync(self, account_id: int, folder: str | None) -> None:
        if folder is None:
            self._last_started[account_id] = time.monotonic()
        self._requests.put(("sync", account_id, folder))

    def sync_account(self, account_id: int) -> None:
        self._request_sync(account_id, None)

    def watch_new_account(self, account_id: int) -> None:
        """A just-added account: sync it now and keep it current like the others."""
        self._request_sync(account_id, None)
        self.apply_sync_mode(account_id)

    def apply_sync_mode(self, account_id: int) -> None:
        """Start or stop the account's IDLE watcher after its mode changed."""
        account = next((a for a in self._accounts() if a.id == account_id), None)
        wants_push = self.use_idle and account is not None and account.sync_mode == "push"
        with self._watchers_lock:
            watcher = None if wants_push else self._watchers.pop(account_id, None)
            watching = account_id in self._watchers
        if watcher is not None:
            watcher.stop()
        elif wants_push and not watching:
            self._requests.put(("start-idle", account_id, None))

    def stop(self) -> None:
        self._timer.stop()
        self._stopping.set()
        with self._watchers_lock:
            watchers = list(self._watchers.values())
        for watcher in watchers:
            watcher.stop()
        self._requests.put(_STOP)
        if self._worker.ident is not None:  # started
            self._worker.join(30)

    # -- network reachability -----------------------------------------------------------
    def _watch_network(self) -> None:
        """Retry offline accounts the moment the OS says the network is back."""
        from PySide6.QtNetwork import QNetworkInformation

        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend here: the one-minute offline retry still notices
        self._network = QNetworkInformation.instance()
        self._network.reachabilityChanged.connect(self._reachability_changed)

    def _reachability_changed(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            for account_id in list(self.offline):
                self._request_sync(account_id, None)

    def _note_state(self, account_id: int, state: str, _detail: str) -> None:
        if state == "offline":
            self.offline.add(account_id)
        elif state in ("ok", "error"):
            self.offline.discard(account_id)

    # -- worker thread ------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            request = self._requests.get()
            if request is _STOP or self._stopping.is_set():
                return
            kind, account_id, folder = request
            try:
                if kind == "start-idle":
                    self._start_idle_watchers(account_id)
                else:
                    self._sync(account_id, folder)
            except Exception:  # a bug: keep the service alive, log it with its traceback
                log.exception("sync request %s failed", request)

    def _credential(self, account) -> PasswordCredential:
        return credential_for(account)

    def _sync(self, account_id: int | None, folder: str | None) -> None:
        for account in self._accounts():
            if account_id is not None and account.id != account_id:
                continue
            if self._stopping.is_set():
                return
            self.account_state_changed.emit(account.id, "syncing", "")
            try:
                def progress(name, done, total, account_id=account.id):
                    self.folder_progress.emit(account_id, name, done, total)

                summary = sync_account(self.store, account, self._credential(account), only_folder=folder,
                                       progress=progress, should_stop=self._stopping.is_set)
            except NetworkError as exc:
                self.account_state_changed.emit(account.id, "offline", str(exc))
                continue
            except LiaisonError as exc:
                self.account_state_changed.emit(account.id, "error", str(exc))
                continue
            detail = time.strftime("%H:%M")
            state = "ok" if not summary.errors else "error"
            self.account_state_changed.emit(account.id, state, "; ".join(summary.errors) or detail)
            if summary.new or summary.changed or summary.removed or summary.pushed:
                self.mail_changed.emit(account.id)

    def _start_idle_watchers(self, account_id: int | None) -> None:
        for account in self._accounts():
            if account_id is not None and account.id != account_id:
                continue
            if account.sync_mode != "push":
                continue

            def changed(account_id=account.id):
                self.sync_folder(account_id, "INBOX")

            watcher = IdleWatcher(imap_settings(account), lambda a=account: self._credential(a),
                                  on_change=changed)
            with self._watchers_lock:
                if account.id in self._watchers or self._stopping.is_set():
                    continue
                self._watchers[account.id] = watcher
                watcher.start()
