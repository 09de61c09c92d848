"""The window's view of :class:`app.services.runtime.Services`: its events as Qt signals.

Threading contract:

* All network and keyring work runs on the services' job lanes and IDLE threads; the GUI
  thread only makes requests (which return at once) and receives signals.  In the app the
  passes themselves run in a sync process (:mod:`app.services.pass_process`), so their
  Python work never holds this process's interpreter lock.
* Services publish events on their own threads; this object lives on the GUI thread, so the
  signals it emits from there are delivered to the GUI thread as queued calls.
* :meth:`stop` stops the services (watchers, schedule, lanes) and joins their threads, so no
  thread outlives the window (tests call it too).

The OS's network reachability (QNetworkInformation, where a backend exists) is the one
thing only Qt knows: when it reports the network back, offline accounts are retried at once.
The sample account is never synced.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import events as ev
from app.services.runtime import Services
from app.store.database import Store
from app.ui.error_presenter import error_text

log = logging.getLogger("liaison.ui.sync")


class SyncService(QObject):
    """Runs sync passes and deliveries off the GUI thread and reports each account's state truthfully."""

    account_state_changed = Signal(int, str, str)  # account id, state, detail (time or error text)
    account_error = Signal(int, str, object)  # account id, state (offline/error/auth), the LiaisonError
    mail_changed = Signal(int)  # account id whose cached mail changed
    folder_progress = Signal(int, str, int, int)  # account id, folder, done, total
    outbox_changed = Signal(int)  # account id whose outbox changed
    changes = Signal(object)  # an app.services.events.ChangeSet
    team_state_changed = Signal(object)  # an app.services.events.TeamState
    rule_notice = Signal(str, str)  # a rule's "notify me": title, body (app.services.events.RuleNotice)
    _event = Signal(object)  # any services event, moved to the GUI thread

    def __init__(self, store: Store, parent=None, use_idle: bool = True, services: Services | None = None,
                 separate_process: bool = False):
        """``separate_process``: sync passes run in a process of their own
        (:mod:`app.services.pass_process`), as the app does; tests that patch the pass's
        internals keep them in this one."""
        super().__init__(parent)
        self.store = store
        if services is None:
            from app.services.pass_process import PassProcess

            services = Services(store, use_idle=use_idle, pass_runner=PassProcess() if separate_process else None)
        self.services = services
        self.use_idle = use_idle
        self._network = None
        self._event.connect(self._deliver)
        self._unsubscribe = self.services.events.subscribe(self._event.emit)

    @property
    def offline(self) -> set[int]:
        return self.services.offline

    @property
    def _watchers(self):
        return self.services._watchers

    def start(self) -> None:
        self.services.start()
        QTimer.singleShot(0, self._watch_network)

    # -- requests (return at once) ------------------------------------------------------
    def sync_due(self) -> None:
        self.services.sync_due()

    def sync_all(self) -> None:
        """The user asked: every account, whatever its mode; the outbox at once."""
        self.services.sync_all()

    def sync_folder(self, account_id: int, folder: str) -> None:
        self.services.sync(account_id, folder)

    def sync_account(self, account_id: int, user: bool = True) -> None:
        self.services.sync(account_id, user=user)

    def team_sync(self) -> None:
        """A team round soon (after a resolved conflict, or when asked)."""
        self.services.team.request()

    def deliver(self, account_id: int) -> None:
        """Send what waits in the outbox now (composer, Send Again): SMTP only, no queueing behind IMAP."""
        self.services.deliver(account_id, force=True)

    def watch_new_account(self, account_id: int) -> None:
        self.services.watch_new_account(account_id)

    def apply_sync_mode(self, account_id: int) -> None:
        self.services.apply_sync_mode(account_id)

    def stop(self) -> None:
        self._unsubscribe()
        self.services.stop()

    # -- events, on the GUI thread ------------------------------------------------------
    def _deliver(self, event) -> None:
        if isinstance(event, ev.AccountState):
            if event.state == "ok" or (event.state == "error" and event.error is None):
                detail = "; ".join(error_text(e) for e in event.folder_errors) or time.strftime(
                    "%H:%M", time.localtime(event.finished_at or time.time()))
                self.account_state_changed.emit(event.account_id, event.state, detail)
            elif event.state == "syncing":
                self.account_state_changed.emit(event.account_id, "syncing", "")
            else:
                self.account_state_changed.emit(event.account_id, event.state, error_text(event.error))
                self.account_error.emit(event.account_id, event.state, event.error)
        elif isinstance(event, ev.Progress):
            self.folder_progress.emit(event.account_id, event.folder, event.done, event.total)
        elif isinstance(event, ev.OutboxResult):
            self.outbox_changed.emit(event.account_id)
        elif isinstance(event, ev.TeamState):
            self.team_state_changed.emit(event)
        elif isinstance(event, ev.RuleNotice):
            self.rule_notice.emit(event.title, event.body)
        elif isinstance(event, ev.ChangeSet):
            if ev.MAIL in event.kinds:
                for account_id in event.accounts:
                    self.mail_changed.emit(account_id)
            self.changes.emit(event)

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
            self.services.network_back()
