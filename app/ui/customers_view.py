"""The Customers view: contacts, companies and unknown senders, filtered as you type.

Lists come from ``app.crm.customer_lists`` and ``app.crm.unknown_senders`` (filtered in SQL, at
most ``SHOW_AT_MOST`` rows), read off the GUI thread while typing.  The selected contact opens
in the same 360° panel as beside the reader, a company in the company view.  New Contact…,
Import…, Mail Merge… and right-click menus on every row; deletes can be undone.  Every write
is an op; the lists refresh from the window's change events.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.store.local_folders import has_server
from app.crm.customer_lists import SHOW_AT_MOST, company_row, company_rows, contact_row, contact_rows
from app.crm.customers import ContactInput, add_contact, delete_record, restore_record
from app.crm.unknown_senders import ignore_senders, unknown_senders
from app.services.events import LINKS, MAIL, OUTBOX, RECORDS, SETTINGS, ChangeSet
from app.store.database import Store
from app.ui.avatar import avatar_pixmap
from app.ui.company_view import CompanyPanel
from app.ui.contact_dialog import ContactDialog, MergeDialog
from app.ui.customer_panel import CustomerPanel
from app.ui.icons import icon
from app.ui.import_dialog import ImportDialog
from app.ui.ops import OpResult, Ops
from app.ui.record_parts import UndoBar, record_write, text_label

ADDRESS_ROLE = Qt.ItemDataRole.UserRole  # (name, address) of the row
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's id (contacts, companies)
UUID_ROLE = Qt.ItemDataRole.UserRole + 2
CONTACTS, COMPANIES, UNKNOWN = 0, 1, 2
AVATAR = 22
NOTICE_SECONDS = 8


def _read_lists(store: Store, page: int, text: str) -> list:
    if page == CONTACTS:
        return contact_rows(store, text, SHOW_AT_MOST)
    if page == COMPANIES:
        return company_rows(store, text, SHOW_AT_MOST)
    return unknown_senders(store, SHOW_AT_MOST, text)


def _queue_merge(store: Store, account, template: str, emails: list[str]) -> OpResult:
    from app.crm.mail_merge import mail_merge

    report = mail_merge(store, account, template, emails)
    return OpResult(report, ChangeSet.of(OUTBOX) if report.queued else None)


def _create_contacts(store: Store, people: list[tuple[str, str]]) -> int:
    for name, address in people:
        add_contact(store, ContactInput(name=name or address.split("@")[0], emails=[address]))
    return len(people)


class CustomersView(QWidget):
    records_changed = Signal()
    merge_queued = Signal(int)  # account id
    compose_requested = Signal(list)  # write to these addresses ("Name <address>")
    new_deal_requested = Signal(str, int)  # ("contact" | "company", record id): open the deal editor
    deal_requested = Signal(int)  # open this deal (record id)

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self._generation = 0
        self._stale = False
        self._notice_until = 0.0
        self._record_filter = ""  # the filter show_record set to find its row
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, address or company"))
        self.filter.setClearButtonEnabled(True)
        self.filter.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.new_button = QPushButton(icon("add"), self.tr("New Contact…"))
        self.new_button.clicked.connect(lambda: self.new_contact())
        self.import_button = QPushButton(icon("import"), self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Import contacts from a CSV or vCard file"))
        self.import_button.clicked.connect(lambda: self.import_contacts())
        self.merge_button = QPushButton(icon("template"), self.tr("Mail Merge…"))
        self.merge_button.setToolTip(self.tr("Write to the selected contacts from a template"))
        self.merge_button.clicked.connect(lambda: self.mail_merge())
        self.contacts = self._table((self.tr("Name"), self.tr("Email"), self.tr("Company"), self.tr("Title")))
        self.companies = self._table((self.tr("Company"), self.tr("Domains"), self.tr("People")))
        self.unknown = self._table((self.tr("Name"), self.tr("Address"), self.tr("Messages")))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.contacts, icon("contact"), self.tr("Contacts"))
        self.tabs.addTab(self.companies, icon("company"), self.tr("Companies"))
        unknown_page = QWidget()
        unknown_layout = QVBoxLayout(unknown_page)
        unknown_layout.setContentsMargins(0, 6, 0, 0)
        unknown_layout.addWidget(self.unknown)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(icon("contact"), self.tr("Create Contacts"))
        self.create_button.setToolTip(self.tr("Make contacts of the selected senders"))
        self.create_button.clicked.connect(lambda: self.create_selected_unknown())
        self.ignore_button = QPushButton(self.tr("Ignore"))
        self.ignore_button.setToolTip(self.tr("Leave the selected senders out of this list"))
        self.ignore_button.clicked.connect(lambda: self.ignore_selected_unknown())
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        unknown_layout.addLayout(buttons)
        self.tabs.addTab(unknown_page, icon("mail"), self.tr("Unknown Senders"))
        self.count_label = text_label("", wrap=False, secondary=True)
        self.undo_bar = UndoBar()
        self.panel = CustomerPanel(store, ops=self.ops)
        self.company = CompanyPanel(store, ops=self.ops)
        self.placeholder = QLabel(self.tr("Select a contact or a company"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.record = QStackedWidget()
        for page in (self.placeholder, self.panel, self.company):
            self.record.addWidget(page)
        self._build_layout()
        self._wire()
        # Filled when first shown (the main window asks), not at start-up.

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.tabs, 1)
        left_layout.addWidget(self.undo_bar)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.merge_button)
        left_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.record)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _wire(self) -> None:
        for table in (self.contacts, self.companies, self.unknown):
            table.itemSelectionChanged.connect(lambda t=table: self._selected(t))
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(lambda position, t=table: self._menu(t, position))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.tabs.currentChanged.connect(lambda index: self.merge_button.setVisible(index == CONTACTS))
        for panel in (self.panel, self.company):
            panel.records_changed.connect(self.records_changed)
            panel.deal_requested.connect(self.deal_requested)
            panel.compose_requested.connect(self.compose_requested)
        # The window connects panel.message_requested: the company view's timeline goes there too.
        self.company.message_requested.connect(self.panel.message_requested)
        self.panel.record_requested.connect(self.show_record)
        self.company.contact_requested.connect(lambda contact_id: self.show_record("contact", contact_id))
        self.company.new_deal_requested.connect(self.new_deal_requested)
        self.ops.events.changed.connect(self._changed)

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(max(AVATAR + 10, table.fontMetrics().height() + 12))
        table.setIconSize(QSize(AVATAR, AVATAR))
        table.setShowGrid(False)
        table.setAlternatingRowColors(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if len(headers) == 3:  # a count in the last column: as wide as its numbers
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        return table

    # -- lists ------------------------------------------------------------------------------------
    def _tab_changed(self) -> None:
        if self._record_filter and self.filter.text() == self._record_filter:
            self.filter.blockSignals(True)  # it only found the record opened: not a filter for the others
            self.filter.clear()
            self.filter.blockSignals(False)
        self._record_filter = ""
        self.reload()

    def reload(self) -> None:
        """Read the current list again (off the GUI thread); the selection is kept."""
        self._generation += 1
        generation, page, text = self._generation, self.tabs.currentIndex(), self.filter.text()
        self._stale = False
        self.ops.read(_read_lists, self.store, page, text) \
            .success(lambda rows: self._loaded(generation, page, rows)).owned_by(self).run()

    def _loaded(self, generation: int, page: int, rows: list) -> None:
        if generation != self._generation:
            return  # an older answer: the filter or the tab changed meanwhile
        self._fill(page, rows)

    def _fill(self, page: int, rows: list) -> None:
        table = (self.contacts, self.companies, self.unknown)[page]
        selected = {table.item(i.row(), 0).data(ADDRESS_ROLE if page == UNKNOWN else ID_ROLE)
                    for i in table.selectionModel().selectedRows() if table.item(i.row(), 0)}
        table.blockSignals(True)
        table.setRowCount(len(rows))
        locale = QLocale()
        for r, row in enumerate(rows):
            if page == CONTACTS:
                values, key, uuid = (row.name, row.email, row.company, row.title), row.id, row.uuid
                address = (row.name, row.email)
                face = avatar_pixmap(row.name or row.email, AVATAR)
            elif page == COMPANIES:
                values, key, uuid = (row.name, row.domains, locale.toString(row.people)), row.id, row.uuid
                address = None
                face = avatar_pixmap(row.name, AVATAR, company=True)
            else:
                values, key, uuid = (row.name, row.address, locale.toString(row.messages)), None, None
                address = (row.name, row.address)
                face = avatar_pixmap(row.name or row.address, AVATAR)
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value if value is not None else ""))
                item.setData(ADDRESS_ROLE, address)
                item.setData(ID_ROLE, key)
                item.setData(UUID_ROLE, uuid)
                if c == 0:
                    item.setIcon(face)
                if c == len(values) - 1 and page != CONTACTS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        table.clearSelection()
        for r in range(len(rows)):
            item = table.item(r, 0)
            if item.data(ADDRESS_ROLE if page == UNKNOWN else ID_ROLE) in selected:
                table.selectRow(r)
        table.blockSignals(False)
        self._show_count(page, len(rows))

    def notify(self, text: str) -> None:
        """A short message where the count is, kept for a few seconds whatever reloads."""
        self.count_label.setText(text)
        self._notice_until = time.monotonic() + NOTICE_SECONDS

    def _show_count(self, page: int, shown: int) -> None:
        if time.monotonic() < self._notice_until:
            return
        if shown >= SHOW_AT_MOST:
            text = self.tr("The first %n are shown; filter to find others.", "", SHOW_AT_MOST)
        elif page == CONTACTS:
            text = self.tr("%n contact(s)", "", shown)
        elif page == COMPANIES:
            text = self.tr("%n compan(y/ies)", "", shown)
        else:
            text = self.tr("%n unknown sender(s)", "", shown)
        self.count_label.setText(text)

    def _changed(self, changes) -> None:
        page = self.tabs.currentIndex()
        if not (changes.touches(RECORDS, LINKS, SETTINGS) or (page == UNKNOWN and changes.touches(MAIL))):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- selecting --------------------------------------------------------------------------------
    def show_record(self, kind: str, record_id: int) -> bool:
        """Select a contact or company in its list (filtered down to it) and show it."""
        row = contact_row(self.store, record_id) if kind == "contact" else company_row(self.store, record_id)
        if row is None:
            return False
        page = CONTACTS if kind == "contact" else COMPANIES
        key = (row.email or row.name) if kind == "contact" else row.name
        self._generation += 1  # answers of reads already running are stale now
        self._filter_timer.stop()
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(page)
        self.tabs.blockSignals(False)
        self.filter.blockSignals(True)
        self.filter.setText(key)
        self.filter.blockSignals(False)
        self._record_filter = key
        rows = _read_lists(self.store, page, key)
        if not any(r.id == record_id for r in rows):
            rows = [row] + rows
        self._fill(page, rows)
        table = self.contacts if kind == "contact" else self.companies
        for r in range(table.rowCount()):
            if table.item(r, 0).data(ID_ROLE) == record_id:
                table.clearSelection()
                table.selectRow(r)  # shows it through the selection signal
                table.scrollToItem(table.item(r, 0))
                return True
        return False

    def _selected(self, table: QTableWidget) -> None:
        items = table.selectedItems()
        if not items:
            return
        item = table.item(items[0].row(), 0)
        if table is self.contacts:
            self.panel.show_contact(item.data(ID_ROLE))
            self.record.setCurrentWidget(self.panel)
        elif table is self.companies:
            self.company.show_company(item.data(ID_ROLE))
            self.record.setCurrentWidget(self.company)
        else:
            name, address = item.data(ADDRESS_ROLE)
            self.panel.show_person(name, address)
            self.record.setCurrentWidget(self.panel)

    def _rows(self, table: QTableWidget) -> list[QTableWidgetItem]:
        return [table.item(r, 0) for r in sorted({i.row() for i in table.selectedItems()})]

    # -- menus ------------------------------------------------------------------------------------
    def _menu(self, table: QTableWidget, position) -> None:
        clicked = table.itemAt(position)
        if clicked is None:
            return
        if not table.item(clicked.row(), 0).isSelected():
            table.clearSelection()
            table.selectRow(clicked.row())
        item = table.item(clicked.row(), 0)
        menu = QMenu(self)
        if table is self.contacts:
            self._contact_menu(menu, item)
        elif table is self.companies:
            self._company_menu(menu, item)
        else:
            people = self._selected_unknown()
            menu.addAction(icon("contact"), self.tr("Create Contact"),
                           lambda: self._write(_create_contacts, self.store, people))
            menu.addAction(icon("write"), self.tr("Write Email"), lambda: self._compose(people))
            menu.addSeparator()
            menu.addAction(self.tr("Ignore"), lambda: self._write(
                ignore_senders, self.store, [address for _name, address in people], kinds=(RECORDS, SETTINGS)))
        self.context_menu = menu  # tests reach the open menu here
        menu.popup(table.viewport().mapToGlobal(position))

    def _contact_menu(self, menu: QMenu, item: QTableWidgetItem) -> None:
        # Values, not items: the list may be read again while the menu is open.
        contact_id, uuid, name = item.data(ID_ROLE), item.data(UUID_ROLE), item.text()
        people = [i.data(ADDRESS_ROLE) for i in self._rows(self.contacts)]
        menu.addAction(icon("contact"), self.tr("Open"), lambda: self.show_record("contact", contact_id))
        write = menu.addAction(icon("write"), self.tr("Write Email"), lambda: self._compose(people))
        write.setEnabled(any(address for _name, address in people))
        menu.addSeparator()
        menu.addAction(icon("task"), self.tr("New Task…"), lambda: self._on_contact(contact_id, name, "task"))
        menu.addAction(icon("note"), self.tr("New Note…"), lambda: self._on_contact(contact_id, name, "note"))
        menu.addAction(icon("deal"), self.tr("New Deal…"),
                       lambda: self.new_deal_requested.emit("contact", contact_id))
        menu.addAction(self.tr("Merge With…"), lambda: self.merge_with(contact_id, uuid, name))
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Delete"), lambda: self.delete("contact", uuid, name))

    def _company_menu(self, menu: QMenu, item: QTableWidgetItem) -> None:
        company_id, uuid, name = item.data(ID_ROLE), item.data(UUID_ROLE), item.text()
        menu.addAction(icon("company"), self.tr("Open"), lambda: self.show_record("company", company_id))
        menu.addAction(icon("contact"), self.tr("New Contact at This Company…"), lambda: self.new_contact(name))
        menu.addAction(icon("deal"), self.tr("New Deal…"), lambda: self.new_deal_requested.emit("company", company_id))
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Delete"), lambda: self.delete("company", uuid, name))

    def _on_contact(self, contact_id: int, name: str, what: str) -> None:
        self.show_record("contact", contact_id)
        # For the row's contact itself: the record beside the list is read off the GUI thread.
        target, about = {"contact_id": contact_id}, self.tr("For %1").replace("%1", name)
        self.panel.add_task(target, about) if what == "task" else self.panel.add_note(target, about)

    def _write_to(self, table: QTableWidget) -> None:
        self._compose([i.data(ADDRESS_ROLE) for i in self._rows(table)])

    def _compose(self, people: list[tuple[str, str]]) -> None:
        addresses = [f"{name} <{address}>" if name and name != address else address for name, address in people
                     if address]
        if addresses:
            self.compose_requested.emit(addresses)

    # -- actions ----------------------------------------------------------------------------------
    def new_contact(self, company: str = "") -> None:
        dialog = ContactDialog(self.store, self.ops, company, self)
        if dialog.exec() == ContactDialog.DialogCode.Accepted:
            self.records_changed.emit()

    def import_contacts(self, path: str | None = None) -> None:
        dialog = ImportDialog(self.store, self.ops, path, self)
        if dialog.exec() == ImportDialog.DialogCode.Accepted and dialog.result_report is not None:
            report = dialog.result_report
            self.notify(self.tr("%n contact(s) imported.", "", report.created + report.updated))
            self.records_changed.emit()

    def merge_with(self, contact_id: int, contact_uuid: str, name: str) -> None:
        dialog = MergeDialog(self.store, self.ops, contact_id, contact_uuid, name, self)
        if dialog.exec() == MergeDialog.DialogCode.Accepted:
            self.records_changed.emit()

    def delete(self, kind: str, record_uuid: str, name: str) -> None:
        text = (self.tr("Contact %1 deleted.") if kind == "contact" else self.tr("Company %1 deleted.")) \
            .replace("%1", name)

        def deleted(_value) -> None:
            self.records_changed.emit()
            self.record.setCurrentWidget(self.placeholder)
            self.undo_bar.offer(text, lambda: self._write(restore_record, self.store, kind, record_uuid))
        record_write(self.ops, delete_record, self.store, kind, record_uuid, kinds=(RECORDS, LINKS)) \
            .success(deleted).owned_by(self).run()

    def _write(self, fn, *args, kinds=(RECORDS, LINKS)) -> None:
        record_write(self.ops, fn, *args, kinds=kinds).success(lambda _v: self.records_changed.emit()) \
            .owned_by(self).run()

    def mail_merge(self) -> None:
        """One message per selected contact from a template, queued and throttled in the outbox."""
        from PySide6.QtWidgets import QInputDialog

        from app.mail.sending.templates import list_templates
        from app.store.accounts import list_accounts

        emails = [i.data(ADDRESS_ROLE)[1] for i in self._rows(self.contacts) if i.data(ADDRESS_ROLE)[1]]
        accounts = [a for a in list_accounts(self.store) if has_server(a)]
        if not emails or not accounts:
            self.notify(self.tr("Select the contacts to write to first.") if accounts
                        else self.tr("Add an account first: mail merge sends from it."))
            return
        names = [t.name for t in list_templates(self.store)]
        if not names:
            self.notify(self.tr("Make a template first (Message → Templates)."))
            return
        template, ok = QInputDialog.getItem(self, self.tr("Mail Merge"), self.tr("Template:"), names, 0, False)
        if not ok:
            return
        account = accounts[0]
        self.ops.call(_queue_merge, self.store, account, template, emails) \
            .success(lambda report: self._merged(report, account.id)).owned_by(self).run()

    def _merged(self, report, account_id: int) -> None:
        text = self.tr("%n message(s) queued, one every 2 seconds.", "", len(report.queued))
        if report.problems:
            details = "\n".join(f"{email}: {problem}" for email, problem in report.problems.items())
            QMessageBox.warning(self, self.tr("Mail Merge"),
                                self.tr("%n contact(s) (was/were) not written to:", "", len(report.problems))
                                + "\n\n" + details)
        self.notify(text)
        self.last_merge = report
        self.merge_queued.emit(account_id)

    def _selected_unknown(self) -> list[tuple[str, str]]:
        return [item.data(ADDRESS_ROLE) for item in self._rows(self.unknown)]

    def create_selected_unknown(self) -> None:
        people = self._selected_unknown()
        if people:
            self._write(_create_contacts, self.store, people)

    def ignore_selected_unknown(self) -> None:
        people = self._selected_unknown()
        if people:
            self._write(ignore_senders, self.store, [address for _name, address in people],
                        kinds=(RECORDS, SETTINGS))
