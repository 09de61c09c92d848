"""Background mail sync for the GUI: one worker thread, IDLE watchers, a periodic timer.

Threading contract:

* All network and keyring work runs on the service's worker thread (sync passes) or on the
  IdleWatchers' own threads; the GUI thread only enqueues requests and receives signals.
* Signals are emitted from the worker thread; because the service object lives on the GUI
  thread, Qt delivers them there as queued calls.
* :meth:`stop` stops the IDLE watchers, asks the worker to finish its current pass, and
  joins it, so no thread outlives the window (tests call it too).
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import AuthError, LiaisonError, NetworkError
from app.mail.account_sync import imap_settings, sync_account
from app.mail.idle import IdleWatcher
from app.mail.imap_session import PasswordCredential
from app.secrets import SecretStore
from app.store.accounts import list_accounts
from app.store.database import Store

log = logging.getLogger("liaison.ui.sync")

PERIODIC_SYNC_MS = 15 * 60 * 1000
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
        self._watchers: list[IdleWatcher] = []
        self._timer = QTimer(self)
        self._timer.setInterval(PERIODIC_SYNC_MS)
        self._timer.timeout.connect(self.sync_all)

    def start(self) -> None:
        self._worker.start()
        self._timer.start()
        self.sync_all()
        if self.use_idle:
            self._requests.put(("start-idle", None, None))

    def sync_all(self) -> None:
        self._requests.put(("sync", None, None))

    def sync_folder(self, account_id: int, folder: str) -> None:
        self._requests.put(("sync", account_id, folder))

    def stop(self) -> None:
        self._timer.stop()
        self._stopping.set()
        for watcher in self._watchers:
            watcher.stop()
        self._requests.put(_STOP)
        if self._worker.ident is not None:  # started
            self._worker.join(30)

    # -- worker thread ------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            request = self._requests.get()
            if request is _STOP or self._stopping.is_set():
                return
            kind, account_id, folder = request
            try:
                if kind == "start-idle":
                    self._start_idle_watchers()
                else:
                    self._sync(account_id, folder)
            except Exception:  # a bug: keep the service alive, log it with its traceback
                log.exception("sync request %s failed", request)

    def _credential(self, account) -> PasswordCredential:
        password = SecretStore().get_password(account.uuid)
        if password is None:
            raise AuthError(f"No password stored for {account.name}.")
        return PasswordCredential(password)

    def _sync(self, account_id: int | None, folder: str | None) -> None:
        for account in list_accounts(self.store):
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

    def _start_idle_watchers(self) -> None:
        for account in list_accounts(self.store):
            def changed(account_id=account.id):
                self.sync_folder(account_id, "INBOX")

            watcher = IdleWatcher(imap_settings(account), lambda a=account: self._credential(a),
                                  on_change=changed)
            self._watchers.append(watcher)
            if not self._stopping.is_set():
                watcher.start()
