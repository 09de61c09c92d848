"""Account commands of the window: add (setup dialog), remove, sync now, sync schedule.

Removing an account deletes its mail cache (a write op) and its keyring entry (may block on
the keyring: an op on a thread of its own); changing the schedule is a write op too.  Local
Folders (imported mail, on no server) can be removed too, after a question that says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.secrets import SecretStore
from app.settings import effective, set_value
from app.store.accounts import list_accounts, remove_account
from app.store.database import Store
from app.store.local_folders import has_server, is_local
from app.ui.account_setup_dialog import AccountSetupDialog
from app.ui.icons import icon
from app.ui.sync_service import SyncService
from app.ui.ops import Ops


class AccountControls(QObject):
    added = Signal(int)
    removed = Signal(int)
    mode_changed = Signal(int)  # an account's sync schedule was changed and applied
    failed_error = Signal(object)  # an error for the window's presenter

    def __init__(self, store: Store, sync: SyncService, window: QWidget, ops: Ops | None = None):
        super().__init__(window)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.sync = sync
        self.window = window
        self.setup_dialog: AccountSetupDialog | None = None

    def _account(self, account_id: int | None):
        return next((a for a in list_accounts(self.store) if a.id == account_id), None)

    def context_menu(self, account_id: int, folder: str | None, mark_all_read=None) -> QMenu | None:
        """The folder tree's right-click menu for an account or one of its folders."""
        account = self._account(account_id)
        if account is None:
            return None
        menu = QMenu(self.window)
        if folder is not None and mark_all_read is not None:
            read = menu.addAction(icon("read"), self.tr("Mark All as Read"))
            read.triggered.connect(lambda _checked=False: mark_all_read())
        if has_server(account):  # the sample account and Local Folders have no server to sync with
            sync_now = menu.addAction(icon("sync"), self.tr("Sync This Folder") if folder else self.tr("Sync Now"))
            sync_now.triggered.connect(lambda _checked=False: self.sync.sync_folder(account_id, folder) if folder
                                       else self.sync.sync_account(account_id))
            self.fill_schedule_menu(menu.addMenu(self.tr("Sync Schedule")), account_id)
            menu.addSeparator()
            remove = menu.addAction(icon("delete"), self.tr("Remove Account…"))
            remove.triggered.connect(lambda _checked=False: self.remove_account(account_id))
        elif is_local(account) and folder is None:
            remove = menu.addAction(icon("delete"), self.tr("Remove Local Folders…"))
            remove.triggered.connect(lambda _checked=False: self.remove_account(account_id))
        return menu if menu.actions() else None

    def show_context_menu(self, account_id: int, folder: str | None, where: QPoint, mark_all_read=None) -> None:
        menu = self.context_menu(account_id, folder, mark_all_read)
        if menu is not None:
            menu.exec(where)
            menu.deleteLater()

    def fill_schedule_menu(self, menu: QMenu, account_id: int | None) -> None:
        menu.clear()
        account = self._account(account_id)
        if account is None or not has_server(account):
            return
        schedule = effective(self.store, "sync_mode", account.id)  # a policy may lock it
        group = QActionGroup(menu)
        for mode, text in (("push", self.tr("As mail arrives (push)")),
                           ("5", self.tr("Every 5 minutes")), ("15", self.tr("Every 15 minutes")),
                           ("30", self.tr("Every 30 minutes")), ("manual", self.tr("Only when I ask"))):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(schedule.value == mode)
            action.setEnabled(not schedule.locked)
            if schedule.locked:
                action.setToolTip(self.tr("Set by your organisation"))
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_sync_mode(account.id, m))

    def set_sync_mode(self, account_id: int, mode: str) -> None:
        def applied(_none) -> None:
            self.sync.apply_sync_mode(account_id)
            self.mode_changed.emit(account_id)
        self.ops.write(set_value, self.store, "sync_mode", mode, account_id).success(applied).run()

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
        local = is_local(account)
        question = (self.tr("Delete %1 and the mail imported into them? It is on no server: it cannot be "
                            "fetched again, only imported again from its files.") if local else
                    self.tr("Remove %1 from Liaison? Its mail stays on the server; the copy on this "
                            "computer and the saved password are deleted.")).replace("%1", account.name)
        if confirm and QMessageBox.question(
                self.window, self.tr("Remove Local Folders") if local else self.tr("Remove Account"), question
        ) != QMessageBox.StandardButton.Yes:
            return

        def forget_password(_account) -> None:
            # The keyring may block: its own thread, after the cache is gone.  "removed" is
            # said once the password is gone too (or could not be deleted: said, not hidden).
            self.sync.apply_sync_mode(account_id)  # the account is gone: stops its IDLE watcher

            def could_not_forget(error: BaseException) -> None:
                self.removed.emit(account_id)
                self.failed_error.emit(error)

            self.ops.call(SecretStore().delete_password, account.uuid).success(
                lambda _none: self.removed.emit(account_id)).failure(could_not_forget).run()

        done = (lambda _account: self.removed.emit(account_id)) if local else forget_password  # no password
        self.ops.write(remove_account, self.store, account.name).success(done).failure(
            self.failed_error.emit).run()
