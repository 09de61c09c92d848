"""The main window: folders, message list, reader and customer panel side by side.

It only composes panels and wires signals; each panel owns its model.  The GUI thread
never writes to the database and never waits for a write (``store.writer.never_wait_on``):
changes go through ops (``app.ui.ops``) and come back as change sets on ``ops.events``.
Reads here are short indexed queries; network and keyring work happen in the services.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.store.local_folders import has_server
from app.crm.followups import remind_if_no_reply
from app.mail.reading.snippets import snippets
from app.paths import ProfilePaths
from app.services import events as ev
from app.services.account_sync import INDEXING
from app.store.accounts import account_folders, list_accounts
from app.store.database import Store
from app.store.mail_queries import folder_of_message
from app.store.threads import conversation_message_ids
from app.ui.account_controls import AccountControls
from app.ui.cases_view import CasesView
from app.ui.compose_launcher import ComposeLauncher
from app.ui.customer_panel import CustomerPanel
from app.ui.customers_view import CustomersView
from app.ui.deals_view import DealsView
from app.ui.reports_view import ReportsView
from app.ui.rule_notices import RuleNotifier
from app.ui.rules_view import RulesView
from app.ui.error_presenter import ErrorPresenter
from app.ui.folder_picker import FolderPicker
from app.ui.folder_tree import OUTGOING_ROLES, FolderTree, read_folder_tree
from app.ui.message_actions import MessageActions
from app.ui.message_list_model import MessageListModel, Roles
from app.ui.message_list_view import MessageListView
from app.ui.ops import Ops
from app.ui.reader_pane import ReaderPane
from app.ui.reminders import Reminders
from app.ui.search_box import SearchBox, corner_holder
from app.ui.shortcuts_dialog import ShortcutsDialog
from app.ui.status_area import StatusArea
from app.ui.sync_service import SyncService
from app.ui.welcome_panel import WelcomePanel
from app.ui.window_actions import WindowActions

log = logging.getLogger("liaison.ui")

COUNTS_DELAY_MS = 300
# Minimum widths keep the panes where they are whatever a message contains (a long address
# or an unbreakable subject must never push the splitter around).
PANE_MINIMUM_WIDTHS = (150, 320, 340, 260)


class MainWindow(QMainWindow):
    explore_sample_requested = Signal()
    leave_sample_requested = Signal()

    def __init__(self, paths: ProfilePaths, store: Store, sync: SyncService, ops: Ops | None = None):
        super().__init__()
        self.paths = paths
        self.store = store
        self.sync = sync
        # The GUI thread must never wait for a database write: a write attempted from here
        # raises instead of stalling the window behind a sync batch (app.store.writer).
        store.writer.never_wait_on()
        self.ops = ops or Ops.standalone(store, self)
        sync.changes.connect(self.ops.events.publish)
        # One presenter for every error: a sentence, the password prompt, or the crash dialog.
        self.error_presenter = ErrorPresenter(self, store=store, sync=sync, ops=self.ops)
        self.ops.set_error_presenter(self.error_presenter.present)
        sync.account_error.connect(self.error_presenter.account_failed)
        self.setWindowTitle(self.tr("Liaison"))
        self.folders = FolderTree()
        self.folders.context_menu_requested.connect(self._folder_menu)
        self.messages = MessageListModel(store, self)
        self.messages.read_pages_with(self.ops)
        self.messages.snippets_wanted.connect(self._load_snippets)
        self.list_view = MessageListView(self.messages)
        self.list_view.context_menu_requested.connect(self._message_menu)
        self.reader = reader = ReaderPane(store, ops=self.ops)
        self.header_label = reader.header_label
        self.body = reader.browser
        self.customer = CustomerPanel(store, ops=self.ops)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        for pane, minimum in zip((self.folders, self.list_view, reader, self.customer), PANE_MINIMUM_WIDTHS):
            pane.setMinimumWidth(minimum)
            self.splitter.addWidget(pane)
        self.splitter.setSizes([190, 540, 400, 310])
        for index, stretch in enumerate((0, 2, 3, 1)):
            self.splitter.setStretchFactor(index, stretch)
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
        self.cases_view = CasesView(store, ops=self.ops)
        self.sections.addTab(self.cases_view, self.tr("Cases"))
        self.reports_view = ReportsView(store, ops=self.ops)
        self.sections.addTab(self.reports_view, self.tr("Reports"))
        self.reports_view.record_requested.connect(self.open_record)
        self.reports_view.message_requested.connect(self.open_message)
        self.rules_view = RulesView(store, ops=self.ops)
        self.sections.addTab(self.rules_view, self.tr("Rules"))
        self.rules_view.message_requested.connect(self.open_message)
        self.rule_notices = RuleNotifier(self)
        sync.rule_notice.connect(self.rule_notices.show)
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
        self.account_names: dict[int, str] = {}
        self._offline_accounts: set[int] = set()
        self.status_area = StatusArea()
        self.statusBar().addPermanentWidget(self.status_area)
        self.status_label = self.status_area.state_label
        self.offline_label = self.status_area.offline_label
        self.outbox_button = self.status_area.outbox_button
        self.status_area.outbox_clicked.connect(self.show_outbox)
        reader.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        reader.compose_requested.connect(self._compose_to)
        self.customer.message_requested.connect(self.open_message)
        self.customers_view.panel.message_requested.connect(self.open_message)
        for panel in (self.customer, self.customers_view.panel):
            panel.conflicts_requested.connect(self.show_conflicts)
        for view in (self.customer, self.customers_view, self.deals_view):
            view.records_changed.connect(self._records_changed)
        self.customers_view.merge_queued.connect(self.message_queued)
        self.deals_view.message_requested.connect(self.open_message)
        self.customer.record_requested.connect(self.open_record)
        for view in (self.customer, self.customers_view):
            view.compose_requested.connect(lambda addresses: self._compose_to(", ".join(addresses)))
            view.deal_requested.connect(self._open_deal)
        self.customers_view.new_deal_requested.connect(self.deals_view.new_deal_for)
        self.cases_view.message_requested.connect(self.open_message)
        self.cases_view.record_requested.connect(self.open_record)
        for panel in (self.customer, self.customers_view.panel, self.customers_view.company):
            panel.case_requested.connect(self.open_case)
            panel.new_case_requested.connect(lambda *customer: self.cases_view.new_case(*customer))
        self.reminders = Reminders(store, self, ops=self.ops)
        self.reminders.reminded.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.reminders.tasks_changed.connect(self._records_changed)
        self.reminders.start()
        self.actions = MessageActions(store, self.list_view, self._push_changes,
                                      self._choose_move_target, self, ops=self.ops)
        self.accounts = AccountControls(store, sync, self, ops=self.ops)
        self.accounts.added.connect(lambda _id: self.reload_folders())
        self.accounts.removed.connect(self._account_removed)
        self.actions.changed.connect(self._after_action)
        self.actions.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.accounts.failed_error.connect(self.error_presenter.present)
        self.actions.undone.connect(self._select_restored)
        self.actions.filed.connect(lambda _uuid: self.statusBar().showMessage(self.tr("Filed on the case."), 5000))
        self.launcher = ComposeLauncher(self)
        self.composer_opened = self.launcher.opened
        self.window_actions = WindowActions(self)
        menus = self.window_actions.build_menus(self.actions)
        self.message_menu, self.view_menu, self.go_menu = menus["message"], menus["view"], menus["go"]
        self.schedule_menu.aboutToShow.connect(
            lambda: self.accounts.fill_schedule_menu(self.schedule_menu, self.folders.current_account_id()))
        self.add_account_action = self.window_actions.add_account
        self.conversation_action = self.window_actions.conversations
        self.toolbar = self.window_actions.build_toolbar(self.actions)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.folders.currentItemChanged.connect(self._folder_selected)
        self.list_view.selectionModel().currentRowChanged.connect(self._message_selected)
        self.list_view.selectionModel().selectionChanged.connect(lambda *_: self._update_enabled())
        sync.account_state_changed.connect(self._account_state)
        sync.mail_changed.connect(self._mail_changed)
        sync.folder_progress.connect(self._folder_progress)
        sync.outbox_changed.connect(self._outbox_changed)  # a bound method: gone with the window
        sync.team_state_changed.connect(self._team_state)
        self.status_area.team_clicked.connect(self.show_conflicts)
        self.ops.events.changed.connect(self._changed)
        # New mail during a long sync is shown batch by batch, at most twice a second.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(500)
        self._refresh_timer.timeout.connect(lambda: self._refresh_messages(flags_changed=False))
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.refresh_folder_tree)
        self._stale_sections = {1, 2}
        self._can_sync = False
        self.reload_folders()
        self._restore_state()
        self._update_enabled()
        self.update_outbox_count()

    def _sample_banner(self) -> QWidget:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        text = QLabel(self.tr("You are exploring sample data: these customers and messages are "
                              "made up, and nothing is sent."))
        text.setWordWrap(True)
        leave = QPushButton(self.tr("Leave Sample Data"))
        leave.clicked.connect(lambda: self.leave_sample_requested.emit())
        layout = QHBoxLayout(banner)
        layout.addWidget(text, 1)
        layout.addWidget(leave)
        banner.hide()
        return banner

    # -- folders ------------------------------------------------------------------------
    def reload_folders(self) -> None:
        accounts = list_accounts(self.store)
        self.account_names = {a.id: a.name for a in accounts}
        self.central.setCurrentWidget(self.mail_view if accounts else self.welcome)
        is_sample = any(a.is_sample for a in accounts)
        self._can_sync = any(has_server(a) for a in accounts)  # not the sample, not Local Folders
        self.sample_banner.setVisible(is_sample)
        # The sample profile has no server: no accounts to add to it, no schedule to set.
        self.add_account_action.setVisible(not is_sample)
        self.window_actions.import_mail.setVisible(not is_sample)
        # Without an account there is no message to act on or go to.
        for menu in (self.message_menu, self.go_menu, self.view_menu):
            menu.menuAction().setVisible(bool(accounts))
        self.toolbar.setVisible(bool(accounts))
        self.schedule_menu.menuAction().setVisible(self._can_sync)
        self.setWindowTitle(self.tr("Liaison — sample data") if is_sample else self.tr("Liaison"))
        self._show_folder_tree(read_folder_tree(self.store, accounts))

    def refresh_folder_tree(self) -> None:
        """Folders and unread counts re-read on a reader thread (after actions and sync passes:
        the counts are an aggregate over every message, too slow for the GUI thread)."""
        self.ops.read(read_folder_tree, self.store).owned_by(self).success(self._show_folder_tree).run()

    def _show_folder_tree(self, tree: list) -> None:
        if [account.id for account, _folders, _counts in tree] != list(self.account_names):
            self.reload_folders()  # an account came or went meanwhile: the whole window follows
            return
        self.folders.show_tree(tree)
        if self.messages.folder_id is None:
            self._folder_selected(self.folders.currentItem(), None)

    def _folder_selected(self, _item, _previous) -> None:
        folder_id, _name, role = self.folders.current_folder()
        if folder_id is not None and folder_id != self.messages.folder_id:
            self.messages.set_folder(folder_id, outgoing=role in OUTGOING_ROLES)
            self.list_view.set_placeholder(self.tr("No messages in this folder."))
            self._show_message(None)
            self._update_enabled()

    def _folder_menu(self, account_id, folder: str | None, where: QPoint) -> None:
        self.accounts.show_context_menu(account_id, folder, where,
                                        mark_all_read=lambda: self.actions.mark_folder_read(
                                            self.messages.folder_id))

    def add_account(self) -> None:
        self.accounts.add_account()

    def _account_removed(self, account_id: int) -> None:
        self.status_area.forget(account_id)
        self._offline_accounts.discard(account_id)
        self.status_area.set_offline(bool(self._offline_accounts))
        self.messages.set_folder(None)
        self._show_message(None)
        self.reload_folders()

    # -- the list and the reader --------------------------------------------------------
    def _message_selected(self, current, _previous) -> None:
        message_id = current.data(Roles.MessageId) if current.isValid() else None
        self._show_message(message_id)
        # Whether it is unread is known if its row was painted; if not, the write op checks.
        if message_id is not None and self.messages.known_unread(current.row()) is not False:
            self.actions.mark_read(message_id)
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_message = self.list_view.currentIndex().isValid()
        self.window_actions.update_enabled(has_message, self._can_sync)
        self.actions.update_enabled(bool(self.actions.selected_ids()))

    def _message_menu(self, where: QPoint) -> None:
        if self.list_view.currentIndex().isValid():
            menu = self.window_actions.message_menu(self.actions)
            menu.exec(where)
            menu.deleteLater()

    def _after_action(self, rows_changed: bool, message_ids=None) -> None:
        """Show an action's local half at once; after a move, select the next message."""
        if rows_changed:
            row = self.list_view.currentIndex().row()
            self._refresh_messages()
            if self.messages.rowCount() and not self.list_view.currentIndex().isValid():
                last = self.messages.rowCount() - 1
                self.list_view.setCurrentIndex(self.messages.index(min(max(row, 0), last), 0))
        else:
            self.messages.reload_rows(message_ids)  # flags only: the id list is unchanged
        # Unread counts: coalesced, so reading messages quickly never waits for a count query.
        self._counts_timer.start()

    def _select_restored(self, message_ids: list) -> None:
        """After an undo, exactly the first message brought back is selected."""
        self._refresh_messages()
        rows = [r for r in (self.messages.row_of(i) for i in message_ids) if r is not None]
        if rows:
            index = self.messages.index(min(rows), 0)
            self.list_view.clearSelection()
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)

    def _choose_move_target(self) -> str | None:
        account_id = self.folders.current_account_id()
        _folder_id, current_name, _role = self.folders.current_folder()
        if account_id is None or current_name is None:
            return None
        names = [f.name for f in account_folders(self.store, account_id) if f.selectable and f.name != current_name]
        picker = FolderPicker(names, self)
        return picker.chosen() if picker.exec() else None

    def _push_changes(self) -> None:
        _folder_id, name, _role = self.folders.current_folder()
        account_id = self.folders.current_account_id()
        if account_id is not None and name is not None:
            self.sync.sync_folder(account_id, name)

    def _show_message(self, message_id: int | None) -> None:
        if message_id is None:
            self.reader.clear()
            self.customer.show_sender(None, None)
            return
        self.customer.show_message(message_id)  # its sender or recipients, read off the GUI thread
        if self.messages.conversations:
            self.reader.show_conversation(conversation_message_ids(self.store, message_id), message_id)
        else:
            self.reader.show_message(message_id)

    def _load_snippets(self, message_ids: list) -> None:
        self.ops.view_read(snippets, self.store, message_ids).owned_by(self).success(self.messages.add_snippets).run()

    def set_two_line_rows(self, on: bool) -> None:
        self.list_view.set_two_line(on)
        self.window_actions.two_line.setChecked(on)
        self._settings().setValue("two_line_rows", on)

    def sort_messages(self, column: str | None, descending: bool | None) -> None:
        """View → Sort By: the same SQL sort as clicking a column header."""
        column = column or self.messages.sort_column
        descending = self.messages.sort_descending if descending is None else descending
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.list_view.sortByColumn(MessageListModel.COLUMNS.index(column), order)
        self._sync_sort_actions()

    def _sync_sort_actions(self) -> None:
        self.window_actions.sort_by[self.messages.sort_column].setChecked(True)
        self.window_actions.sort_descending.setChecked(self.messages.sort_descending)

    def select_next_unread(self) -> None:
        """Select the next unread message below the current one."""
        row = self.messages.next_unread_row(self.list_view.currentIndex().row())
        if row is not None:
            index = self.messages.index(row, 0)
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)
            return
        self.statusBar().showMessage(self.tr("No more unread messages in this folder."), 4000)

    def open_message(self, message_pk: int) -> None:
        """Show a message from a timeline or search: its folder, the row, the Mail tab."""
        folder_id = folder_of_message(self.store, message_pk)
        if folder_id is None:
            return
        self.sections.setCurrentIndex(0)
        self.folders.select_folder(folder_id)
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

    def _open_deal(self, deal_id: int) -> None:
        self.sections.setCurrentIndex(2)
        self.deals_view.show_deal(deal_id)

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a customer record found by search: a contact or company in Customers, a deal in Deals."""
        if kind == "deal":
            self.sections.setCurrentIndex(2)
            self.deals_view.show_deal(record_id)
        else:
            self.sections.setCurrentIndex(1)
            self.customers_view.show_record(kind, record_id)

    # -- what changed -------------------------------------------------------------------
    def _changed(self, changes: ev.ChangeSet) -> None:
        """One coalesced change set from ops and services: refresh what shows it."""
        if changes.touches(ev.RECORDS, ev.LINKS):
            self._records_changed()
        if changes.touches(ev.OUTBOX):
            self.update_outbox_count()
        if changes.touches(ev.ACCOUNTS):
            self.reload_folders()

    def _records_changed(self) -> None:
        """Customer records changed somewhere: views not in front refresh when shown."""
        self._stale_sections = {1, 2} - {self.sections.currentIndex()}

    def show_cases(self) -> None:
        self.sections.setCurrentWidget(self.cases_view)

    def open_case(self, case_uuid: str) -> None:
        """Show a case in the Cases view (from a customer's panel)."""
        self.sections.setCurrentWidget(self.cases_view)
        self.cases_view.show_case(case_uuid)

    def show_reports(self) -> None:
        self.sections.setCurrentWidget(self.reports_view)  # it reads its report when shown

    def show_rules(self) -> None:
        self.sections.setCurrentWidget(self.rules_view)  # it reads its rules when shown

    def _section_changed(self, index: int) -> None:
        if index in self._stale_sections:
            (self.customers_view if index == 1 else self.deals_view).reload()
            self._stale_sections = self._stale_sections - {index}

    # -- writing ------------------------------------------------------------------------
    def compose(self, draft=None):
        """Open a composer window (a new message, or a saved draft); in sample data it says sending is off."""
        return self.launcher.compose(draft)

    def open_draft(self, draft_uuid: str | None = None):
        return self.launcher.open_draft(draft_uuid)

    def _compose_to(self, address: str):
        return self.launcher.compose_to(address)

    def compose_reply(self, kind: str) -> None:
        """Reply, reply all or forward the current message (the composer opens when it is ready)."""
        current = self.list_view.currentIndex()
        if current.isValid():
            self.launcher.reply(current.data(Roles.MessageId), kind)

    def message_queued(self, account_id: int) -> None:
        """A composer or a mail merge put a message in the outbox: deliver it now (SMTP only)."""
        self.statusBar().showMessage(self.tr("Sending…"), 4000)
        self.update_outbox_count()
        self.sync.deliver(account_id)

    def _outbox_changed(self, _account_id: int) -> None:
        self.update_outbox_count()

    def update_outbox_count(self) -> None:
        """The status bar's outbox count, read on a reader thread (state changes call this)."""
        from app.mail.sending.outbox import waiting_count

        self.ops.read(waiting_count, self.store).owned_by(self).success(self.status_area.set_outbox_count).run()

    def show_conflicts(self):
        from app.ui.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.store, self.ops, self)
        dialog.resolved.connect(lambda _id: self.sync.team_sync())
        dialog.show()
        return dialog

    def _team_state(self, state) -> None:
        """The team sync's state in the status bar, as the services tell it."""
        import time

        from app.ui.error_presenter import error_text

        if state.state == "ok":
            detail = time.strftime("%H:%M", time.localtime(state.finished_at or time.time()))
        else:
            detail = error_text(state.error) if state.error is not None else ""
        self.status_area.set_team_state(state.state, detail, state.pending, state.conflicts)

    def import_mail(self):
        """Mail → Import Mail…: old mail into Local Folders (the dialog runs it off this thread)."""
        from app.ui.mail_import_dialog import MailImportDialog

        dialog = MailImportDialog(self.store, self.ops, self, services=self.sync.services)
        dialog.show()
        return dialog

    def show_outbox(self):
        from app.ui.outbox_view import OutboxDialog

        dialog = OutboxDialog(self.store, self, ops=self.ops)
        dialog.resend_requested.connect(lambda account_ids: [self.sync.deliver(i) for i in account_ids])
        dialog.show()
        return dialog

    def remind_if_no_reply(self, days: int | None = None) -> None:
        current = self.list_view.currentIndex()
        if not current.isValid():
            return
        if days is None:
            days, ok = QInputDialog.getInt(self, self.tr("Follow Up"),
                                           self.tr("Remind me if nobody replies within how many days?"), 3, 1, 365)
            if not ok:
                return

        def done(_task) -> None:
            self.statusBar().showMessage(self.tr("A task will appear if nobody replies within %n day(s).", "", days),
                                         8000)
        self.ops.write(remind_if_no_reply, self.store, current.data(Roles.MessageId), days).success(done).run()

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

    def show_settings(self):
        """Mail → Settings… (Ctrl+,): accounts, reading, customers, search."""
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self.ops, self.sync, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_templates(self):
        """Message → Templates…: create, edit, preview and delete mail templates."""
        from app.ui.template_editor import TemplatesDialog

        dialog = TemplatesDialog(self.store, self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menuBar(), self).exec()

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Liaison"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(self.tr("<b>Liaison %1</b>").replace("%1", __version__))
        box.setInformativeText(
            self.tr("Mail and customers side by side, for sales teams.\n\nQt %1 · Python %2\nProfile: %3")
            .replace("%1", qVersion()).replace("%2", sys.version.split()[0]).replace("%3", str(self.paths.root)))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        return box

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
        self.status_area.set_state(account_id, texts[state].replace("%1", name).replace("%2", detail))
        if state == "offline":
            self._offline_accounts.add(account_id)
        elif state in ("ok", "error", "auth"):
            self._offline_accounts.discard(account_id)
        self.status_area.set_offline(bool(self._offline_accounts))
        if state in ("ok", "error"):
            self.refresh_folder_tree()

    def _folder_progress(self, account_id: int, folder: str, done: int, total: int) -> None:
        name = self.account_names.get(account_id, "?")
        text = (self.tr("%1: indexing for search (%3 of %4 messages)") if folder == INDEXING
                else self.tr("%1: syncing %2 (%3 of %4 new messages)"))
        self.status_area.set_state(account_id, text.replace("%1", name).replace("%2", folder)
                                   .replace("%3", str(done)).replace("%4", str(total)))
        if folder == INDEXING:
            return
        if self.messages.folder_id is None:
            self.reload_folders()  # a first sync: the folders became known before the mail
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _mail_changed(self, _account_id: int) -> None:
        self._refresh_messages()

    def _refresh_messages(self, flags_changed: bool = True) -> None:
        """Refresh the list, keeping the selected message selected and the view where it was.

        Scrolled to the top, new mail shows up there; scrolled down, the same messages stay
        in view however many arrive above them.
        """
        current = self.list_view.currentIndex()
        selected = current.data(Roles.MessageId) if current.isValid() else None
        scrolled = self.list_view.verticalScrollBar().value() > 0
        top = self.list_view.indexAt(QPoint(0, 0))
        top_id = top.data(Roles.MessageId) if top.isValid() else None
        self.messages.refresh(flags_changed)
        if selected is not None and not self.list_view.currentIndex().isValid():
            row = self.messages.row_of(selected)
            if row is not None:
                self.list_view.setCurrentIndex(self.messages.index(row, 0))
        if scrolled and top_id is not None:
            row = self.messages.row_of(top_id)
            if row is not None:
                self.list_view.scrollTo(self.messages.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

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
        if str(settings.value("two_line_rows", "false")).lower() == "true":
            self.window_actions.two_line.setChecked(True)
        self._sync_sort_actions()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Open composers first, each keeping its draft (written before the store closes).
        if not self.launcher.close_all():
            event.ignore()
            return
        self.reminders.stop()
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        if not self.list_view.two_line:
            settings.setValue("columns", self.list_view.horizontalHeader().saveState())
        super().closeEvent(event)
