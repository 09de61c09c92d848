"""The Cases view: customers' requests followed until they are solved.

* A list of cases (title, customer, status, priority, assignee, due, last change), open ones
  first and the most urgent first (the core's order), overdue ones marked in red; a filter
  (Open, All, or one status) and a search box above it.
* Beside it the selected case (``app.ui.case_detail``): its fields edited in place, its
  customer, the timeline of its messages and changes.
* New Case… opens a case (from here, File → New Case…, the customer panel, or a message).
* The list is read with ``ops.read(list_cases, …)``; changes come back as change sets: the view
  reloads when records or rules changed (rules open cases in the background), at once when it
  is on screen, else when it is shown next.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm import cases
from app.crm.cases import CaseSummary
from app.services.events import LINKS, RECORDS, RULES
from app.store.database import Store
from app.ui.case_detail import CaseDetailPane
from app.ui.case_parts import (
    PRIORITY_COLOURS,
    STATUS_WORDS,
    UUID_ROLE,
    NewCaseDialog,
    due_text,
    priority_text,
    short_when,
    status_text,
    tr,
)
from app.ui.deal_parts import when_text
from app.ui.icons import icon
from app.ui.ops import Ops
from app.ui.record_parts import OVERDUE

SEARCH_DELAY_MS = 250
COLUMNS = ("title", "customer", "status", "priority", "assignee", "due", "updated")


class CasesView(QWidget):
    message_requested = Signal(int)  # a case's message was opened: show it in Mail
    record_requested = Signal(str, int)  # a case's customer was clicked: show it in Customers
    list_loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None, ops: Ops | None = None,
                 locale: QLocale | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.locale = locale
        self.shown: list[CaseSummary] = []
        self.loaded = False
        self._stale = True
        self._generation = 0
        self._pending_select: str | None = None
        self.new_button = QPushButton(icon("add"), self.tr("New Case…"))
        self.new_button.clicked.connect(lambda: self.new_case())
        self.filter = QComboBox()
        self.filter.addItem(self.tr("Open cases"), "open")
        self.filter.addItem(self.tr("All cases"), "all")
        for status, word in STATUS_WORDS.items():
            self.filter.addItem(tr(word), status)
        self.filter.setToolTip(self.tr("Which cases to list"))
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, customer, assignee"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.table = self._table()
        self.detail = CaseDetailPane(store, self.ops, locale=locale)
        self.detail.message_requested.connect(self.message_requested)
        self.detail.record_requested.connect(self.record_requested)
        self._layout()
        self.ops.events.changed.connect(self._changed)
        # Filled when first shown, not at start-up.

    def _table(self) -> QTableWidget:
        headers = (self.tr("Title"), self.tr("Customer"), self.tr("Status"), self.tr("Priority"),
                   self.tr("Assignee"), self.tr("Due"), self.tr("Last change"))
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        table.itemSelectionChanged.connect(self._selection_changed)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 520])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list again (off the GUI thread); the selected case stays selected."""
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        self._stale = False
        wanted = self.filter.currentData()
        status = None if wanted in ("open", "all") else wanted
        self.ops.read(cases.list_cases, self.store, status, open_only=wanted == "open",
                      search=self.search.text()).owned_by(self) \
            .success(lambda found: self._loaded(generation, found)).run()

    def _loaded(self, generation: int, found: list[CaseSummary]) -> None:
        if generation != self._generation:
            return  # an older answer: the filter or the search changed meanwhile
        pending = self._pending_select
        if pending and not any(c.uuid == pending for c in found) and (
                self.filter.currentData() != "all" or self.search.text()):
            self._show_everything()  # the case asked for is hidden by the filter: lift it
            self.reload()
            return
        # The case beside the list stays there when the list no longer holds it (just solved
        # under "Open cases", say).
        selected = pending or self.selected_uuid() or self.detail.case_uuid
        self._pending_select = None
        self.shown = found
        self._fill(found)
        self.loaded = True
        row = next((r for r, case in enumerate(found) if case.uuid == selected), None)
        self.table.blockSignals(True)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 0))
        self.table.blockSignals(False)
        self.detail.show_case(selected)
        self._show_summary(found)
        self.list_loaded.emit()

    def _show_everything(self) -> None:
        for widget in (self.search, self.filter):
            widget.blockSignals(True)
        self.search.clear()
        self.filter.setCurrentIndex(self.filter.findData("all"))
        for widget in (self.search, self.filter):
            widget.blockSignals(False)

    def _fill(self, found: list[CaseSummary]) -> None:
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(found))
        muted = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        for r, case in enumerate(found):
            values = (case.title, case.customer, status_text(case.status), priority_text(case.priority),
                      case.assignee, due_text(case, self.locale), short_when(case.updated_at, self.locale))
            done = case.status not in cases.OPEN_STATUSES
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(UUID_ROLE, case.uuid)
                if done:
                    item.setForeground(muted)
                self.table.setItem(r, c, item)
            title = self.table.item(r, 0)
            title.setToolTip(case.title)
            self.table.item(r, COLUMNS.index("due")).setToolTip(due_text(case, self.locale, long=True))
            self.table.item(r, COLUMNS.index("updated")).setToolTip(when_text(case.updated_at, self.locale))
            if case.overdue():
                title.setIcon(icon("reminder", OVERDUE.name()))
                title.setToolTip(self.tr("{title}\nOverdue").format(title=case.title))
                due = self.table.item(r, COLUMNS.index("due"))
                due.setForeground(QBrush(OVERDUE))
            if case.priority in PRIORITY_COLOURS and not done:
                priority = self.table.item(r, COLUMNS.index("priority"))
                priority.setForeground(QBrush(PRIORITY_COLOURS[case.priority]))
                font = QFont(priority.font())
                font.setWeight(QFont.Weight.DemiBold)
                priority.setFont(font)
        self.table.blockSignals(False)

    def _show_summary(self, found: list[CaseSummary]) -> None:
        open_count = sum(1 for c in found if c.status in cases.OPEN_STATUSES)
        overdue = sum(1 for c in found if c.overdue())
        if not found:
            text = (self.tr("No cases match.") if self.search.text().strip() or self.filter.currentIndex() > 1
                    else self.tr("No open cases. New Case… opens one; File on Case… files a message on one."))
        else:
            text = self.tr("%n case(s)", "", len(found))
            if self.filter.currentData() == "all":
                text = self.tr("{cases}, {open} open").format(cases=text, open=open_count)
            if overdue:
                text = self.tr("{cases} · {overdue} overdue").format(cases=text, overdue=overdue)
        self.summary.setText(text)

    def _changed(self, changes) -> None:
        if not changes.touches(RECORDS, RULES, LINKS):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- selection -------------------------------------------------------------------------------
    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(UUID_ROLE) if rows else None

    def _selection_changed(self) -> None:
        uuid = self.selected_uuid()
        if uuid is not None:
            self.detail.show_case(uuid)

    def show_case(self, case_uuid: str) -> None:
        """Select a case (the customer panel or a new case asked); a filter hiding it is lifted."""
        self._pending_select = case_uuid
        self.detail.show_case(case_uuid)
        self.reload()

    # -- new cases -------------------------------------------------------------------------------
    def new_case(self, contact_id: int | None = None, company_id: int | None = None, customer: str = "",
                 title: str = "", messages: list[str] = ()) -> NewCaseDialog:
        """The New Case dialog (pre-filled with a customer, or a message's subject and customer)."""
        dialog = NewCaseDialog(self.store, self.ops, self.window(), contact_id=contact_id, company_id=company_id,
                               customer=customer, title=title, messages=list(messages))
        dialog.created.connect(self._created)
        dialog.show()
        return dialog

    def _created(self, uuid: str) -> None:
        self.show_case(uuid)
