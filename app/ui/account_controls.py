"""Account commands of the window: add (setup dialog), remove, sync now, sync schedule.

Removing an account deletes its mail cache (heavy disk work) and its keyring entry (may
block on the keyring), so both run off the GUI thread through ``run_in_background``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.secrets import SecretStore
from app.store.accounts import list_accounts, remove_account, set_sync_mode
from app.store.database import Store
from app.ui.account_setup_dialog import AccountSetupDialog
from app.ui.background import run_in_background
from app.ui.sync_service import SyncService
from app.ui.ops import Ops


class AccountControls(QObject):
    added = Signal(int)
    removed = Signal(int)
    failed = Signal(str)

    def __init__(self, store: Store, sync: SyncService, window: QWidget, ops: Ops | None = None):
        super().__init__(window)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.sync = sync
        self.window = window
        self.setup_dialog: AccountSetupDialog | None = None

    def _account(self, account_id: int | None):
        return next((a for a in list_accounts(self.store) if a.id == account_id), None)

    def show_context_menu(self, account_id: int, folder: str | None, where: QPoint) -> None:
        account = self._account(account_id)
        if account is None or account.is_sample:
            return  # the sample account has no server to sync with or remove from
        menu = QMenu(self.window)
        sync_now = menu.addAction(self.tr("Sync Now"))
        sync_now.triggered.connect(lambda: self.sync.sync_folder(account_id, folder) if folder
                                   else self.sync.sync_account(account_id))
        self.fill_schedule_menu(menu.addMenu(self.tr("Sync Schedule")), account_id)
        menu.addSeparator()
        remove = menu.addAction(self.tr("Remove Account…"))
        remove.triggered.connect(lambda: self.remove_account(account_id))
        menu.exec(where)

    def fill_schedule_menu(self, menu: QMenu, account_id: int | None) -> None:
        menu.clear()
        account = self._account(account_id)
        if account is None or account.is_sample:
            return
        group = QActionGroup(menu)
        for mode, text in (("push", self.tr("As mail arrives (push)")),
                           ("5", self.tr("Every 5 minutes")), ("15", self.tr("Every 15 minutes")),
                           ("30", self.tr("Every 30 minutes")), ("manual", self.tr("Only when I ask"))):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(account.sync_mode == mode)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_sync_mode(account.id, m))

    def set_sync_mode(self, account_id: int, mode: str) -> None:
        set_sync_mode(self.store, account_id, mode)
        self.sync.apply_sync_mode(account_id)

    def add_account(self) -> None:
        dialog = AccountSetupDialog(self.store, self.window)
        dialog.account_added.connect(self._account_added)
        dialog.open()
        self.setup_dialog = dialog  # kept so it is not collected while open

    def _account_added(self, account_id: int) -> None:
        self.added.emit(account_id)
        self.sync.watch_new_account(account_id)

    def remove_account(self, account_id: int, confirm: bool = True) -> None:
        account = self._account(account_id)
        if account is None:
            return
        if confirm and QMessageBox.question(
                self.window, self.tr("Remove Account"),
                self.tr("Remove %1 from Liaison? Its mail stays on the server; the copy on this "
                        "computer and the saved password are deleted.").replace("%1", account.name)
        ) != QMessageBox.StandardButton.Yes:
            return

        def remove() -> None:
            remove_account(self.store, account.name)
            SecretStore().delete_password(account.uuid)

        def done(_none) -> None:
            self.sync.apply_sync_mode(account_id)  # the account is gone: stops its IDLE watcher
            self.removed.emit(account_id)

        run_in_background(self, remove, done, lambda exc: self.failed.emit(str(exc)))
