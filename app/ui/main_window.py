"""The main window: folders, message list and reader side by side.

It only composes panels and wires signals; each panel owns its model.  Database reads here
are short indexed queries; network and keyring work happen in :class:`SyncService`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import LiaisonError, UserFacingError
from app.services.account_sync import INDEXING
from app.paths import ProfilePaths
from app.store.accounts import account_folders, list_accounts, unread_counts
from app.store.database import Store
from app.store.mail_queries import message_by_id
from app.store.threads import conversation_message_ids
from app.ui.account_controls import AccountControls
from app.ui.customer_panel import CustomerPanel
from app.ui.customers_view import CustomersView
from app.ui.deals_view import DealsView
from app.ui.folder_picker import FolderPicker
from app.ui.message_actions import MessageActions
from app.ui.message_list_model import MessageListModel, Roles
from app.ui.reader_pane import ReaderPane
from app.ui.search_box import SearchBox, corner_holder
from app.ui.reminders import Reminders
from app.ui.shortcuts_dialog import ShortcutsDialog
from app.ui.sync_service import SyncService
from app.ui.welcome_panel import WelcomePanel
from app.ui.ops import Ops

FOLDER_ID_ROLE = Qt.ItemDataRole.UserRole + 10
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 11
FOLDER_NAME_ROLE = Qt.ItemDataRole.UserRole + 12
TOP_ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 13
COUNTS_DELAY_MS = 300
_ROLE_ORDER = {"inbox": 0, "sent": 1, "drafts": 2, "archive": 3, "junk": 4, "trash": 5}


class MainWindow(QMainWindow):
    explore_sample_requested = Signal()
    leave_sample_requested = Signal()

    def __init__(self, paths: ProfilePaths, store: Store, sync: SyncService, ops: Ops | None = None):
        super().__init__()
        self.paths = paths
        self.store = store
        self.sync = sync
        # Every op of this window, and what the services change, reach the panels as one
        # coalesced change set (app.ui.ops.AppEvents).
        self.ops = ops or Ops.standalone(store, self)
        self.ops.set_error_presenter(self._present_error)
        sync.changes.connect(self.ops.events.publish)
        self.setWindowTitle(self.tr("Liaison"))
        self.folders = QTreeWidget()
        self.folders.setHeaderHidden(True)
        self.folders.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.folders.customContextMenuRequested.connect(self._folder_menu)
        self.messages = MessageListModel(store, self)
        self.list_view = QTableView()
        self.list_view.setModel(self.messages)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.verticalHeader().hide()
        self.list_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.list_view.setWordWrap(False)
        self.list_view.setShowGrid(False)
        columns = self.list_view.horizontalHeader()
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.resizeSection(0, 160)
        columns.resizeSection(2, self.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 24)
        columns.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # newest first, sorted in SQL
        self.list_view.setSortingEnabled(True)
        self.reader = reader = ReaderPane(store, ops=self.ops)
        self.header_label = reader.header_label
        self.body = reader.browser
        self.splitter = QSplitter()
        self.splitter.addWidget(self.folders)
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(reader)
        self.customer = CustomerPanel(store, ops=self.ops)
        self.splitter.addWidget(self.customer)
        self.splitter.setSizes([200, 480, 420, 260])
        self.welcome = WelcomePanel()
        self.welcome.add_account_requested.connect(self.add_account)
        self.welcome.explore_sample_requested.connect(self.explore_sample_requested)
        self.sample_banner = self._sample_banner()
        self.customers_view = CustomersView(store, ops=self.ops)
        self.deals_view = DealsView(store, ops=self.ops)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.sections.addTab(self.splitter, self.tr("Mail"))
        self.sections.addTab(self.customers_view, self.tr("Customers"))
        self.sections.addTab(self.deals_view, self.tr("Deals"))
        self.sections.currentChanged.connect(self._section_changed)
        self.search_box = SearchBox(store, self, ops=self.ops)
        self.sections.setCornerWidget(corner_holder(self.search_box), Qt.Corner.TopRightCorner)
        self.search_box.message_requested.connect(self.open_message)
        self.search_box.record_requested.connect(self.open_record)
        mail_view = QWidget()
        mail_layout = QVBoxLayout(mail_view)
        mail_layout.setContentsMargins(0, 0, 0, 0)
        mail_layout.addWidget(self.sample_banner)
        mail_layout.addWidget(self.sections, 1)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(mail_view)
        self.mail_view = mail_view
        self.setCentralWidget(self.central)
        self.account_status: dict[int, str] = {}
        self.account_names: dict[int, str] = {}
        self._offline_accounts: set[int] = set()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.offline_label = QLabel(self.tr("Offline"))
        self.offline_label.setToolTip(self.tr("A server cannot be reached. What you do is kept and "
                                              "sent when the connection returns."))
        self.offline_label.hide()
        self.statusBar().addPermanentWidget(self.offline_label)
        self.outbox_button = QPushButton()
        self.outbox_button.setFlat(True)
        self.outbox_button.clicked.connect(self.show_outbox)
        self.outbox_button.hide()
        self.statusBar().addPermanentWidget(self.outbox_button)
        reader.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.customer.message_requested.connect(self.open_message)
        reader.compose_requested.connect(self._compose_to)
        self.customers_view.panel.message_requested.connect(self.open_message)
        for view in (self.customer, self.customers_view, self.deals_view):
            view.records_changed.connect(self._records_changed)
        self.customers_view.merge_queued.connect(self._message_queued)
        self.reminders = Reminders(store, self, ops=self.ops)
        self.reminders.reminded.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.reminders.tasks_changed.connect(self._records_changed)
        self.reminders.start()
        self.actions = MessageActions(store, self.list_view, self._push_changes,
                                      self._choose_move_target, self, ops=self.ops)
        self.accounts = AccountControls(store, sync, self, ops=self.ops)
        self.accounts.added.connect(lambda _id: self.reload_folders())
        self.accounts.removed.connect(self._account_removed)
        self.accounts.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.actions.changed.connect(self._after_action)
        self.actions.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._build_menu()
        self.folders.currentItemChanged.connect(self._folder_selected)
        self.list_view.selectionModel().currentRowChanged.connect(self._message_selected)
        sync.account_state_changed.connect(self._account_state)
        sync.mail_changed.connect(self._mail_changed)
        sync.folder_progress.connect(self._folder_progress)
        sync.outbox_changed.connect(lambda _account_id: self.update_outbox_count())
        # New mail during a long sync is shown batch by batch, at most twice a second.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(500)
        self._refresh_timer.timeout.connect(self._refresh_messages)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.reload_folders)
        self.reload_folders()
        self._restore_state()

    def _sample_banner(self) -> QWidget:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        text = QLabel(self.tr("You are exploring sample data: these customers and messages are "
                              "made up, and nothing is sent."))
        text.setWordWrap(True)
        leave = QPushButton(self.tr("Leave Sample Data"))
        leave.clicked.connect(self.leave_sample_requested)
        layout = QHBoxLayout(banner)
        layout.addWidget(text, 1)
        layout.addWidget(leave)
        banner.hide()
        return banner

    def _build_menu(self) -> None:
        mail = self.menuBar().addMenu(self.tr("&Mail"))
        self.add_account_action = QAction(self.tr("&Add Account…"), self)
        self.add_account_action.triggered.connect(self.add_account)
        mail.addAction(self.add_account_action)
        self.schedule_menu = mail.addMenu(self.tr("Sync S&chedule"))
        self.schedule_menu.aboutToShow.connect(
            lambda: self.accounts.fill_schedule_menu(self.schedule_menu, self._current_account_id()))
        sync_now = QAction(self.tr("&Sync now"), self)
        sync_now.setShortcut(QKeySequence.StandardKey.Refresh)
        sync_now.triggered.connect(self.sync.sync_all)
        mail.addAction(sync_now)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        mail.addAction(quit_action)
        message = self.message_menu = self.menuBar().addMenu(self.tr("Me&ssage"))
        for action in self.actions.all():
            message.addAction(action)
            self.addAction(action)  # shortcuts work wherever the focus is in the window
        view = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.conversation_action = QAction(self.tr("Group by &Conversation"), self)
        self.conversation_action.setCheckable(True)
        self.conversation_action.setShortcut(QKeySequence("Ctrl+T"))
        self.conversation_action.toggled.connect(self.set_conversation_mode)
        source = QAction(self.tr("Message &Source"), self)
        source.setShortcut(QKeySequence("Ctrl+U"))
        source.triggered.connect(self.view_source)
        for action in (self.conversation_action, source):
            view.addAction(action)
            self.addAction(action)
        message.addSeparator()
        for text, keys, slot in ((self.tr("&New Message"), "Ctrl+N", lambda: self.compose()),
                                 (self.tr("Open &Draft…"), "Ctrl+Shift+O", lambda: self.open_draft()),
                                 (self.tr("&Reply"), "Ctrl+R", lambda: self.compose_reply("reply")),
                                 (self.tr("Reply &All"), "Ctrl+Shift+R", lambda: self.compose_reply("all")),
                                 (self.tr("&Forward"), "Ctrl+L", lambda: self.compose_reply("forward"))):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            message.addAction(action)
            self.addAction(action)
        follow = QAction(self.tr("Remind Me If No Reply…"), self)
        follow.setShortcut(QKeySequence("Ctrl+Shift+F"))
        follow.triggered.connect(lambda: self.remind_if_no_reply())
        message.addAction(follow)
        self.addAction(follow)
        go = self.go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for text, keys, slot in (
                (self.tr("&Next Unread Message"), "N", self.select_next_unread),
                (self.tr("&Folders"), "Ctrl+1", self.folders.setFocus),
                (self.tr("&Message List"), "Ctrl+2", self.list_view.setFocus),
                (self.tr("&Reader"), "Ctrl+3", self.body.setFocus),
                (self.tr("&Mail"), "Ctrl+Shift+M", lambda: self.sections.setCurrentIndex(0)),
                (self.tr("&Customers"), "Ctrl+Shift+C", lambda: self.sections.setCurrentIndex(1)),
                (self.tr("&Deals"), "Ctrl+Shift+D", lambda: self.sections.setCurrentIndex(2)),
                (self.tr("&Search"), "Ctrl+K", self.focus_search)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            go.addAction(action)
            self.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        shortcuts = QAction(self.tr("&Keyboard Shortcuts"), self)
        shortcuts.setShortcut(QKeySequence("F1"))
        shortcuts.triggered.connect(lambda: ShortcutsDialog(self.menuBar(), self).exec())
        help_menu.addAction(shortcuts)

    def select_next_unread(self) -> None:
        """Select the next unread message below the current one."""
        row = self.messages.next_unread_row(self.list_view.currentIndex().row())
        if row is not None:
            index = self.messages.index(row, 0)
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)
            return
        self.statusBar().showMessage(self.tr("No more unread messages in this folder."), 4000)

    # -- folders ------------------------------------------------------------------------
    def reload_folders(self) -> None:
        current = self.folders.currentItem()
        selected_id = current.data(0, FOLDER_ID_ROLE) if current else None
        self.folders.clear()
        accounts = list_accounts(self.store)
        self.account_names = {a.id: a.name for a in accounts}
        self.central.setCurrentWidget(self.mail_view if accounts else self.welcome)
        is_sample = any(a.is_sample for a in accounts)
        self.sample_banner.setVisible(is_sample)
        # The sample profile has no server: no accounts to add to it, no schedule to set.
        self.add_account_action.setVisible(not is_sample)
        # Without an account there is no message to act on or go to.
        self.message_menu.menuAction().setVisible(bool(accounts))
        self.go_menu.menuAction().setVisible(bool(accounts))
        self.view_menu.menuAction().setVisible(bool(accounts))
        self.schedule_menu.menuAction().setVisible(bool(accounts) and not is_sample)
        self.setWindowTitle(self.tr("Liaison — sample data") if is_sample else self.tr("Liaison"))
        keep, inbox = None, None
        for account in accounts:
            top = QTreeWidgetItem([account.name])
            top.setToolTip(0, account.email)
            top.setData(0, TOP_ACCOUNT_ROLE, account.id)
            self.folders.addTopLevelItem(top)
            counts = unread_counts(self.store, account.id)
            folders = sorted(account_folders(self.store, account.id),
                             key=lambda f: (_ROLE_ORDER.get(f.role or "", 9), f.name.lower()))
            for folder in folders:
                unread = counts.get(folder.id, 0) if folder.role not in ("trash", "junk") else 0
                label = self.tr("%1 (%2)").replace("%1", folder.name).replace("%2", str(unread)) \
                    if unread else folder.name
                item = QTreeWidgetItem([label])
                item.setData(0, FOLDER_ID_ROLE, folder.id)
                item.setData(0, ACCOUNT_ID_ROLE, account.id)
                item.setData(0, FOLDER_NAME_ROLE, folder.name)
                if folder.last_error:
                    item.setToolTip(0, folder.last_error)
                top.addChild(item)
                if folder.id == selected_id:
                    keep = item
                if inbox is None and folder.role == "inbox":
                    inbox = item
            top.setExpanded(True)
        if keep or inbox:
            self.folders.setCurrentItem(keep or inbox)

    def _current_account_id(self) -> int | None:
        item = self.folders.currentItem()
        if item is None:
            return None
        if item.data(0, ACCOUNT_ID_ROLE) is not None:
            return item.data(0, ACCOUNT_ID_ROLE)
        return item.data(0, TOP_ACCOUNT_ROLE)

    def _folder_menu(self, position) -> None:
        item = self.folders.itemAt(position)
        if item is not None:
            self.accounts.show_context_menu(
                item.data(0, ACCOUNT_ID_ROLE) or item.data(0, TOP_ACCOUNT_ROLE),
                item.data(0, FOLDER_NAME_ROLE), self.folders.viewport().mapToGlobal(position))

    def add_account(self) -> None:
        self.accounts.add_account()

    def _account_removed(self, account_id: int) -> None:
        self.account_status.pop(account_id, None)
        self._offline_accounts.discard(account_id)
        self.offline_label.setVisible(bool(self._offline_accounts))
        self.status_label.setText("   ".join(self.account_status.values()))
        self.messages.set_folder(None)
        self._show_message(None)
        self.reload_folders()

    def _folder_selected(self, item, _previous) -> None:
        folder_id = item.data(0, FOLDER_ID_ROLE) if item else None
        if folder_id is not None and folder_id != self.messages.folder_id:
            self.messages.set_folder(folder_id)
            self._show_message(None)

    # -- reader -------------------------------------------------------------------------
    def _message_selected(self, current, _previous) -> None:
        message_id = current.data(Roles.MessageId) if current.isValid() else None
        self._show_message(message_id)
        if message_id is not None and current.data(Roles.Unread):
            self.actions.mark_read(message_id)

    def _after_action(self, rows_changed: bool) -> None:
        """Show an action's local half at once; after a move, select the next message."""
        if rows_changed:
            row = self.list_view.currentIndex().row()
            self._refresh_messages()
            if self.messages.rowCount():
                last = self.messages.rowCount() - 1
                self.list_view.setCurrentIndex(self.messages.index(min(max(row, 0), last), 0))
        else:
            self.messages.reload_rows()  # flags only: the id list is unchanged
        # Unread counts: coalesced, so reading messages quickly never waits for a count query.
        self._counts_timer.start()

    def _choose_move_target(self) -> str | None:
        item = self.folders.currentItem()
        if item is None or item.data(0, ACCOUNT_ID_ROLE) is None:
            return None
        names = [f.name for f in account_folders(self.store, item.data(0, ACCOUNT_ID_ROLE))
                 if f.selectable and f.name != item.data(0, FOLDER_NAME_ROLE)]
        picker = FolderPicker(names, self)
        return picker.chosen() if picker.exec() else None

    def _push_changes(self) -> None:
        item = self.folders.currentItem()
        if item is not None and item.data(0, ACCOUNT_ID_ROLE) is not None:
            self.sync.sync_folder(item.data(0, ACCOUNT_ID_ROLE), item.data(0, FOLDER_NAME_ROLE))

    def _show_message(self, message_id: int | None) -> None:
        if message_id is None:
            self.reader.clear()
            self.customer.show_sender(None, None)
            return
        row = message_by_id(self.store, message_id)
        self.customer.show_sender(row.from_name, row.from_addr, message_id)
        if self.messages.conversations:
            self.reader.show_conversation(conversation_message_ids(self.store, message_id), message_id)
        else:
            self.reader.show_message(message_id)

    def open_message(self, message_pk: int) -> None:
        """Show a message from a timeline: its folder, the row, the Mail tab."""
        from app.store.models import Message

        with self.store.read() as session:
            message = session.get(Message, message_pk)
            folder_id = message.folder_id if message is not None else None
        if folder_id is None:
            return
        self.sections.setCurrentIndex(0)
        for top in range(self.folders.topLevelItemCount()):
            account = self.folders.topLevelItem(top)
            for child in range(account.childCount()):
                if account.child(child).data(0, FOLDER_ID_ROLE) == folder_id:
                    self.folders.setCurrentItem(account.child(child))
        row = self.messages.row_of(message_pk)
        if row is None:  # arrived since the list was read
            self.messages.refresh()
            row = self.messages.row_of(message_pk)
        if row is not None:
            index = self.messages.index(row, 0)
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a customer record found by search: a contact or company in Customers, a deal in Deals."""
        if kind == "deal":
            self.sections.setCurrentIndex(2)
            self.deals_view.show_deal(record_id)
        else:
            self.sections.setCurrentIndex(1)
            self.customers_view.show_record(kind, record_id)

    def _records_changed(self) -> None:
        """Customer records changed somewhere: views not in front refresh when shown."""
        self._stale_sections = {1, 2} - {self.sections.currentIndex()}
        if self.sections.currentIndex() == 0:
            current = self.list_view.currentIndex()
            if current.isValid() and self.sender() is not self.customer:
                self._show_message(current.data(Roles.MessageId))

    def _section_changed(self, index: int) -> None:
        if index in getattr(self, "_stale_sections", {1, 2}):
            (self.customers_view if index == 1 else self.deals_view).reload()
            self._stale_sections = getattr(self, "_stale_sections", set()) - {index}

    def compose(self, draft=None):
        """Open a composer window (a new message, a reply, or a saved draft)."""
        from app.ui.composer import Composer

        if not [a for a in list_accounts(self.store) if not a.is_sample]:
            self.statusBar().showMessage(self.tr("Add an account first: sample data sends nothing."), 6000)
            return None
        composer = Composer(self.store, draft, self, ops=self.ops, sync=self.sync)
        composer.sent.connect(self._message_queued)
        composer.show()
        self._composers = [c for c in getattr(self, "_composers", []) if c.isVisible()] + [composer]
        return composer

    def open_draft(self, draft_uuid: str | None = None):
        """Reopen a saved draft (the local copy: it survives a crash of the app)."""
        from PySide6.QtWidgets import QInputDialog

        from app.mail.sending.drafts import list_drafts, load_draft

        drafts = list_drafts(self.store)
        if not drafts:
            self.statusBar().showMessage(self.tr("There are no saved drafts."), 5000)
            return None
        if draft_uuid is None:
            labels = [f"{d.subject or self.tr('(no subject)')} — {d.to}" for d in drafts]
            label, ok = QInputDialog.getItem(self, self.tr("Open Draft"), self.tr("Draft:"), labels, 0, False)
            if not ok:
                return None
            draft_uuid = drafts[labels.index(label)].uuid
        return self.compose(load_draft(self.store, draft_uuid))

    def _compose_to(self, address: str):
        from app.mail.sending.drafts import DraftData

        accounts = [a for a in list_accounts(self.store) if not a.is_sample]
        account_id = self._current_account_id() or (accounts[0].id if accounts else 0)
        return self.compose(DraftData(account_id=account_id, to=address))

    def compose_reply(self, kind: str):
        from app.mail.sending.drafts import DraftData
        from app.mail.reading.message_view import build_view
        from app.mail.sending.reply import forward, reply
        from app.store.mail_cache import raw_message

        current = self.list_view.currentIndex()
        if not current.isValid():
            return None
        message_pk = current.data(Roles.MessageId)
        raw = raw_message(self.store, message_pk)
        if raw is None:
            return None
        account_id = self._current_account_id()
        account = next(a for a in list_accounts(self.store) if a.id == account_id)
        me = (account.display_name, account.email)
        view = build_view(raw)
        outgoing = forward(view, me) if kind == "forward" else reply(view, me, everyone=kind == "all")
        def people(pairs):
            return ", ".join(f"{n} <{a}>" if n else a for n, a in pairs)

        draft = DraftData(account_id=account.id, to=people(outgoing.to), cc=people(outgoing.cc),
                          subject=outgoing.subject, body=outgoing.body, in_reply_to=outgoing.in_reply_to,
                          references=" ".join(outgoing.references) or None)
        composer = self.compose(draft)
        if composer is not None and kind == "forward":
            from app.mail.reading.attachment_files import write_new_file
            import tempfile
            from pathlib import Path

            folder = Path(tempfile.mkdtemp(prefix="liaison-forward-"))
            for attachment in outgoing.attachments:
                path = folder / attachment.filename
                write_new_file(path, attachment.data)
                composer.add_attachment(path)
        return composer

    def _message_queued(self, account_id: int) -> None:
        """A composer put a message in the outbox: deliver it now (in the sync thread)."""
        self.statusBar().showMessage(self.tr("Sending…"), 4000)
        self.update_outbox_count()
        self.sync.deliver(account_id)

    def update_outbox_count(self) -> None:
        from app.ui.outbox_view import waiting_count

        count = waiting_count(self.store)
        self.outbox_button.setText(self.tr("Outbox: %1").replace("%1", str(count)))
        self.outbox_button.setVisible(count > 0)

    def show_outbox(self):
        from app.ui.outbox_view import OutboxDialog

        dialog = OutboxDialog(self.store, self, ops=self.ops)
        dialog.resend_requested.connect(self.sync.sync_all)
        dialog.show()
        return dialog

    def remind_if_no_reply(self, days: int | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        from app.crm.followups import remind_if_no_reply

        current = self.list_view.currentIndex()
        if not current.isValid():
            return
        if days is None:
            days, ok = QInputDialog.getInt(self, self.tr("Follow Up"), self.tr("Remind me if nobody replies within "
                                                                             "how many days?"), 3, 1, 365)
            if not ok:
                return
        try:
            remind_if_no_reply(self.store, current.data(Roles.MessageId), days)
        except UserFacingError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.statusBar().showMessage(self.tr("A task will appear if nobody replies within %1 days.")
                                     .replace("%1", str(days)), 8000)

    def set_conversation_mode(self, on: bool) -> None:
        """Group the list by conversation, and show whole conversations in the reader."""
        self.messages.set_conversation_mode(on)
        self.conversation_action.setChecked(on)
        self._settings().setValue("conversations", on)
        current = self.list_view.currentIndex()
        self._show_message(current.data(Roles.MessageId) if current.isValid() else None)

    def view_source(self) -> None:
        dialog = self.reader.source_dialog()
        if dialog is not None:
            dialog.show()

    # -- sync state ---------------------------------------------------------------------
    def _account_state(self, account_id: int, state: str, detail: str) -> None:
        self.update_outbox_count()
        name = self.account_names.get(account_id, "?")
        texts = {
            "syncing": self.tr("%1: syncing…"),
            "ok": self.tr("%1: up to date (last sync %2)"),
            "offline": self.tr("%1: offline — %2"),
            "error": self.tr("%1: sync failed — %2"),
            "auth": self.tr("%1: the server did not accept the password — %2"),
        }
        self.account_status[account_id] = texts[state].replace("%1", name).replace("%2", detail)
        self.status_label.setText("   ".join(self.account_status.values()))
        if state == "offline":
            self._offline_accounts.add(account_id)
        elif state in ("ok", "error", "auth"):
            self._offline_accounts.discard(account_id)
        self.offline_label.setVisible(bool(self._offline_accounts))
        if state in ("ok", "error"):
            self.reload_folders()

    def _folder_progress(self, account_id: int, folder: str, done: int, total: int) -> None:
        name = self.account_names.get(account_id, "?")
        text = (self.tr("%1: indexing for search (%3 of %4 messages)") if folder == INDEXING
                else self.tr("%1: syncing %2 (%3 of %4 new messages)"))
        self.account_status[account_id] = (text.replace("%1", name).replace("%2", folder)
                                           .replace("%3", str(done)).replace("%4", str(total)))
        if folder == INDEXING:
            self.status_label.setText("   ".join(self.account_status.values()))
            return
        self.status_label.setText("   ".join(self.account_status.values()))
        if self.messages.folder_id is None:
            self.reload_folders()  # a first sync: the folders became known before the mail
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _mail_changed(self, _account_id: int) -> None:
        self._refresh_messages()

    def _refresh_messages(self) -> None:
        """Refresh the list, keeping the selected message selected and the view where it was.

        Scrolled to the top, new mail shows up there; scrolled down, the same messages stay
        in view however many arrive above them.
        """
        current = self.list_view.currentIndex()
        selected = current.data(Roles.MessageId) if current.isValid() else None
        scrolled = self.list_view.verticalScrollBar().value() > 0
        top = self.list_view.indexAt(QPoint(0, 0))
        top_id = top.data(Roles.MessageId) if top.isValid() else None
        self.messages.refresh()
        if selected is not None and not self.list_view.currentIndex().isValid():
            row = self.messages.row_of(selected)
            if row is not None:
                self.list_view.setCurrentIndex(self.messages.index(row, 0))
        if scrolled and top_id is not None:
            row = self.messages.row_of(top_id)
            if row is not None:
                self.list_view.scrollTo(self.messages.index(row, 0),
                                        QAbstractItemView.ScrollHint.PositionAtTop)

    def _present_error(self, error: BaseException) -> None:
        """Until the error presenter: an expected error in the status bar, a bug in the log."""
        import logging

        if isinstance(error, LiaisonError):
            self.statusBar().showMessage(str(error), 8000)
        else:
            logging.getLogger("liaison.ui").error("operation failed", exc_info=error)

    # -- window state -------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(self.paths.ui_state), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        settings = self._settings()
        if settings.value("geometry"):
            self.restoreGeometry(settings.value("geometry"))
        else:
            self.resize(1280, 800)
        if settings.value("splitter"):
            self.splitter.restoreState(settings.value("splitter"))
        if settings.value("columns"):
            self.list_view.horizontalHeader().restoreState(settings.value("columns"))
        if str(settings.value("conversations", "false")).lower() == "true":
            self.conversation_action.setChecked(True)

    def closeEvent(self, event) -> None:
        self.reminders.stop()
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("columns", self.list_view.horizontalHeader().saveState())
        super().closeEvent(event)
