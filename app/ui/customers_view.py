"""The Customers view: contacts, companies and unknown senders, filtered as you type.

Filtering happens in SQL (``LIKE`` on name, address, company), at most ``SHOW_AT_MOST`` rows
at a time; the selected contact opens in the same 360° panel as beside the reader.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.crm.customers import ContactInput, add_contact
from app.crm.unknown_senders import ignore_sender, unknown_senders
from app.crm.validation import InvalidValue
from app.errors import UserFacingError
from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.ui.customer_panel import CustomerPanel
from app.ui.ops import Ops

SHOW_AT_MOST = 500
ADDRESS_ROLE = Qt.ItemDataRole.UserRole


class CustomersView(QWidget):
    records_changed = Signal()
    merge_queued = Signal(int)  # account id

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, address or company"))
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.contacts = self._table((self.tr("Name"), self.tr("Email"), self.tr("Company"), self.tr("Title")))
        self.companies = self._table((self.tr("Company"), self.tr("Domains"), self.tr("Contacts")))
        self.unknown = self._table((self.tr("Name"), self.tr("Address"), self.tr("Messages")))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.companies, self.tr("Companies"))
        unknown_page = QWidget()
        unknown_layout = QVBoxLayout(unknown_page)
        unknown_layout.addWidget(self.unknown)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("Create Contacts"))
        self.create_button.clicked.connect(self.create_selected_unknown)
        self.ignore_button = QPushButton(self.tr("Ignore"))
        self.ignore_button.clicked.connect(self.ignore_selected_unknown)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        unknown_layout.addLayout(buttons)
        self.tabs.addTab(unknown_page, self.tr("Unknown Senders"))
        self.merge_button = QPushButton(self.tr("Mail Merge…"))
        self.merge_button.clicked.connect(lambda: self.mail_merge())
        self.count_label = QLabel()
        self.panel = CustomerPanel(store, ops=self.ops)
        self.panel.records_changed.connect(self._panel_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.merge_button)
        left_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([700, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for table in (self.contacts, self.unknown):
            table.itemSelectionChanged.connect(lambda t=table: self._selected(t))
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        # Filled when first shown (the main window asks), not at start-up.

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setShowGrid(False)
        return table

    def reload(self) -> None:
        needle = f"%{self.filter.text().strip().lower()}%"
        page = self.tabs.currentIndex()
        if page == 0:
            rows = fetch_all(self.store, (
                "SELECT c.name, (SELECT email FROM crm_contact_emails e WHERE e.contact_id = c.id ORDER BY position "
                "LIMIT 1), coalesce(co.name, ''), c.title FROM crm_contacts c LEFT JOIN crm_companies co "
                "ON co.id = c.company_id WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL AND "
                "(lower(c.name) LIKE ? OR lower(coalesce(co.name, '')) LIKE ? OR EXISTS (SELECT 1 FROM "
                "crm_contact_emails e WHERE e.contact_id = c.id AND e.email LIKE ?)) ORDER BY c.name LIMIT ?"),
                (needle, needle, needle, SHOW_AT_MOST))
            self._fill(self.contacts, rows, address_column=1)
        elif page == 1:
            rows = fetch_all(self.store, (
                "SELECT co.name, coalesce((SELECT group_concat(domain, ', ') FROM crm_company_domains d "
                "WHERE d.company_id = co.id), ''), (SELECT count(*) FROM crm_contacts c WHERE c.company_id = co.id "
                "AND c.deleted_at IS NULL) FROM crm_companies co WHERE co.deleted_at IS NULL AND "
                "(lower(co.name) LIKE ? OR EXISTS (SELECT 1 FROM crm_company_domains d WHERE d.company_id = co.id "
                "AND d.domain LIKE ?)) ORDER BY co.name LIMIT ?"), (needle, needle, SHOW_AT_MOST))
            self._fill(self.companies, rows, address_column=None)
        else:
            needle_text = needle.strip("%")
            rows = [(s.name, s.address, s.messages) for s in unknown_senders(self.store, SHOW_AT_MOST)
                    if needle_text in s.address or needle_text in s.name.lower()]
            self._fill(self.unknown, rows, address_column=1)
        self.count_label.setText(self.tr("%1 shown").replace("%1", str(len(rows))) if len(rows) < SHOW_AT_MOST
                                 else self.tr("The first %1 are shown; filter to find others.")
                                 .replace("%1", str(SHOW_AT_MOST)))

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple], address_column: int | None) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value if value is not None else ""))
                if address_column is not None:
                    item.setData(ADDRESS_ROLE, (row[0], row[address_column]))
                table.setItem(r, c, item)

    def show_record(self, kind: str, record_id: int) -> bool:
        """Select a contact or company in its list (filtered down to it) and show it."""
        if kind == "contact":
            rows = fetch_all(self.store, "SELECT c.name, (SELECT email FROM crm_contact_emails e WHERE "
                                         "e.contact_id = c.id ORDER BY position LIMIT 1) FROM crm_contacts c "
                                         "WHERE c.id = ?", (record_id,))
            page, table, key, column = 0, self.contacts, rows[0][1] if rows else None, 1
        else:
            rows = fetch_all(self.store, "SELECT name FROM crm_companies WHERE id = ?", (record_id,))
            page, table, key, column = 1, self.companies, rows[0][0] if rows else None, 0
        if not key:
            return False
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(page)
        self.tabs.blockSignals(False)
        self._filter_timer.stop()
        self.filter.blockSignals(True)
        self.filter.setText(key)
        self.filter.blockSignals(False)
        self.reload()
        for row in range(table.rowCount()):
            if table.item(row, column).text() == key:
                table.selectRow(row)
                table.scrollToItem(table.item(row, 0))
                if kind == "contact":
                    self.panel.show_sender(rows[0][0], key)
                return True
        return False

    def _selected(self, table: QTableWidget) -> None:
        items = table.selectedItems()
        if items and items[0].data(ADDRESS_ROLE):
            name, address = items[0].data(ADDRESS_ROLE)
            self.panel.show_sender(name, address)

    def mail_merge(self, template: str | None = None) -> object | None:
        """One message per selected contact from a template, queued and throttled in the outbox."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from app.crm.mail_merge import mail_merge
        from app.mail.sending.templates import list_templates
        from app.store.accounts import list_accounts

        rows = sorted({i.row() for i in self.contacts.selectedItems()})
        emails = [self.contacts.item(r, 1).text() for r in rows if self.contacts.item(r, 1).text()]
        accounts = [a for a in list_accounts(self.store) if not a.is_sample]
        if not emails or not accounts:
            self.count_label.setText(self.tr("Select the contacts to write to first."))
            return None
        if template is None:
            names = [t.name for t in list_templates(self.store)]
            template, ok = QInputDialog.getItem(self, self.tr("Mail Merge"), self.tr("Template:"), names, 0, False)
            if not ok:
                return None
        report = mail_merge(self.store, accounts[0], template, emails)
        text = self.tr("%1 messages queued (one every 2 seconds); %2 not queued.").replace(
            "%1", str(len(report.queued))).replace("%2", str(len(report.problems)))
        if report.problems:
            QMessageBox.warning(self, self.tr("Mail Merge"), text + "\n\n" + "\n".join(
                f"{email}: {problem}" for email, problem in report.problems.items()))
        self.count_label.setText(text)
        self.merge_queued.emit(accounts[0].id)
        return report

    def _selected_unknown(self) -> list[tuple[str, str]]:
        rows = sorted({i.row() for i in self.unknown.selectedItems()})
        return [self.unknown.item(r, 0).data(ADDRESS_ROLE) for r in rows]

    def create_selected_unknown(self) -> None:
        for name, address in self._selected_unknown():
            try:
                add_contact(self.store, ContactInput(name=name or address.split("@")[0], emails=[address]))
            except (InvalidValue, UserFacingError) as exc:
                self.count_label.setText(str(exc))
        self._panel_changed()

    def ignore_selected_unknown(self) -> None:
        for _name, address in self._selected_unknown():
            ignore_sender(self.store, address)
        self._panel_changed()

    def _panel_changed(self) -> None:
        self.reload()
        self.records_changed.emit()
