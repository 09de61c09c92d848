"""The Reports view: pick a report, a period, an owner, a team, a tag; a bar chart above its
table; export.

The report is computed off the GUI thread (``ops.read``) from the same core as ``liaison
report`` (:mod:`app.reports`), so the window and the command line show the same numbers.
Clicking a bar selects its row in the table. Export writes CSV (UTF-8 with BOM) or .xlsx on
a worker thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QScrollArea,
)

from app.reports import export
from app.reports.behind import MAIL_REPORTS, opened, shared_message
from app.reports.catalogue import REPORTS
from app.reports.mail_reports import BEHIND_SHOWN
from app.reports.table import COUNT, MONEY, PERCENT, SECONDS, Filters, Report
from app.settings.guards import export_allowed
from app.store.database import Store
from app.ui.bar_chart import BarChart
from app.ui.ops import Ops
from app.ui.shared_mail_dialog import SharedMailDialog
from app.ui.stage_names import stage_name

TITLES = {
    "pipeline": QT_TRANSLATE_NOOP("ReportsView", "Pipeline by stage"),
    "funnel": QT_TRANSLATE_NOOP("ReportsView", "Funnel"),
    "forecast": QT_TRANSLATE_NOOP("ReportsView", "Forecast by close month"),
    "won-lost": QT_TRANSLATE_NOOP("ReportsView", "Won and lost"),
    "stuck-deals": QT_TRANSLATE_NOOP("ReportsView", "Stuck deals"),
    "response-time": QT_TRANSLATE_NOOP("ReportsView", "Response time"),
    "stale-customers": QT_TRANSLATE_NOOP("ReportsView", "Customers not contacted"),
    "activity": QT_TRANSLATE_NOOP("ReportsView", "Activity per week"),
}
# What each report's bars show: the columns that name a bar, and the column of its length.
CHARTS = {
    "pipeline": (("stage", "currency"), "amount"), "funnel": (("stage",), "deals"),
    "forecast": (("month", "currency"), "amount"), "won-lost": (("month", "currency"), "won_amount"),
    "stuck-deals": (("deal",), "days"), "response-time": (("group", "who"), "median"),
    "stale-customers": (("name",), "days"), "activity": (("week", "person"), "sent"),
}
# The response-time report's "group" column holds a word for the program; these are its names.
GROUPS = {"person": QT_TRANSLATE_NOOP("ReportsView", "Colleague"),
          "customer": QT_TRANSLATE_NOOP("ReportsView", "Customer"),
          "waiting": QT_TRANSLATE_NOOP("ReportsView", "Waiting for a reply")}
PERIODS = (("all", QT_TRANSLATE_NOOP("ReportsView", "All time")),
           ("month", QT_TRANSLATE_NOOP("ReportsView", "This month")),
           ("30", QT_TRANSLATE_NOOP("ReportsView", "Last 30 days")),
           ("quarter", QT_TRANSLATE_NOOP("ReportsView", "This quarter")),
           ("year", QT_TRANSLATE_NOOP("ReportsView", "This year")))


# Written out as translate("Context", "text") at every call: pyside6-lupdate finds only that
# spelling, so a helper such as _t("text") would hide its strings from the translation.
translate = QCoreApplication.translate


def read_report(compute, store: Store, filters: Filters) -> tuple[Report, bool]:
    """A report, and whether this computer may export it (IT's policy), read together off the
    GUI thread."""
    return compute(store, filters), export_allowed()


def period_bounds(period: str, today: date) -> tuple[date | None, date | None]:
    if period == "month":
        return today.replace(day=1), today
    if period == "30":
        return today - timedelta(days=29), today
    if period == "quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if period == "year":
        return date(today.year, 1, 1), today
    return None, None


def cell_text(row: dict, column, locale: QLocale) -> str:
    """One cell's text (``column``: a report column, or a column's key)."""
    key = column if isinstance(column, str) else column.key
    value = row.get(key)
    if key == "group" and value in GROUPS:
        return translate("ReportsView", GROUPS[value])
    if key == "stage" and value:
        return stage_name(value)
    if isinstance(column, str):
        return str(value or "")
    return shown(value, column.kind, locale)


def report_bars(report: Report, locale: QLocale) -> list[tuple[str, float, str]]:
    """The report's bars: (label, length, value as text), one per row."""
    labels, value_key = CHARTS[report.name]
    kind = next(c.kind for c in report.columns if c.key == value_key)
    bars = []
    for row in report.rows:
        value = row.get(value_key) if row.get(value_key) is not None else row.get("waiting")
        number = float(value) if isinstance(value, (int, float, Decimal)) else 0.0
        bars.append((" · ".join(cell_text(row, k, locale) for k in labels if row.get(k)), number,
                     shown(value, kind, locale)))
    return bars


def shown(value, kind: str, locale: QLocale) -> str:
    if value is None:
        return "–"
    if kind == MONEY:
        return locale.toString(float(value), "f", 2)
    if kind == SECONDS:
        return translate("ReportsView", "%1 h").replace("%1", locale.toString(value / 3600, "f", 1))
    if kind == PERCENT:
        return f"{locale.toString(float(value), 'f', 1 if isinstance(value, float) else 0)} %"
    if kind == COUNT:
        return locale.toString(int(value))
    return str(value)


KIND_LABELS = {"deal": QT_TRANSLATE_NOOP("ReportsView", "Deal"), "contact": QT_TRANSLATE_NOOP("ReportsView", "Contact"),
               "company": QT_TRANSLATE_NOOP("ReportsView", "Company"),
               "message": QT_TRANSLATE_NOOP("ReportsView", "Message"),
               "shared": QT_TRANSLATE_NOOP("ReportsView", "Colleague's message")}


class ReportsView(QWidget):
    # What is behind a row, opened: a deal or a customer by its local id (kind, id).
    record_requested = Signal(str, int)
    # A message of this profile behind a row, opened: the window shows it in the reader.
    message_requested = Signal(int)

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.locale = QLocale()
        self.report: Report | None = None
        self.report_filters = Filters()  # what the report shown was read with
        self.shared_mail: SharedMailDialog | None = None  # a colleague's message behind a row, open
        self._generation = 0
        self._behind_generation = 0
        self.picker = QListWidget()
        for name in REPORTS:
            item = QListWidgetItem(translate("ReportsView", TITLES[name]))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.picker.addItem(item)
        self.picker.setMaximumWidth(220)
        self.picker.currentRowChanged.connect(lambda _row: self.reload())
        self.period = QComboBox()
        for key, text in PERIODS:
            self.period.addItem(translate("ReportsView", text), key)
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(self.tr("Every owner"))
        self.owner.editingFinished.connect(self.reload)
        self.team = QLineEdit()
        self.team.setPlaceholderText(self.tr("Every team"))
        self.team.editingFinished.connect(self.reload)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText(self.tr("Any tag"))
        self.tag.setToolTip(self.tr("Only customers with this tag, and their deals"))
        self.tag.editingFinished.connect(self.reload)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setToolTip(self.tr("Stuck deals and customers not contacted: longer than this"))
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.export_csv = QPushButton(self.tr("Export CSV…"))
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_xlsx = QPushButton(self.tr("Export Excel…"))
        self.export_xlsx.clicked.connect(lambda: self._export("xlsx"))
        self.export_pdf = QPushButton(self.tr("Dashboard PDF…"))
        self.export_pdf.setToolTip(self.tr("Every report with these filters, a page each, as one PDF"))
        self.export_pdf.clicked.connect(self._export_dashboard)
        self.status = QLabel()
        self.chart = BarChart()
        self.chart.bar_clicked.connect(self._bar_clicked)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._row_selected)
        # The deals or customers the selected row (or the clicked bar) counts; double-click opens one.
        self.behind_label = QLabel(self.tr("Select a row to see what it counts."))
        self.behind = QListWidget()
        self.behind.itemActivated.connect(self._open_behind)
        self._layout()
        self.picker.blockSignals(True)  # read when shown, not when the window starts
        self.picker.setCurrentRow(0)
        self.picker.blockSignals(False)

    def showEvent(self, event) -> None:
        """Each time the tab is shown, the report is read again: the data may have changed."""
        super().showEvent(event)
        self.reload()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Period:"), self.period), (self.tr("Owner:"), self.owner),
                              (self.tr("Team:"), self.team), (self.tr("Tag:"), self.tag),
                              (self.tr("Waiting longer than:"), self.days)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_csv)
        filters.addWidget(self.export_xlsx)
        filters.addWidget(self.export_pdf)
        chart_area = QScrollArea()
        chart_area.setWidgetResizable(True)
        chart_area.setWidget(self.chart)
        results = QSplitter(Qt.Orientation.Vertical)
        results.addWidget(chart_area)
        results.addWidget(self.table)
        behind = QWidget()
        behind_layout = QVBoxLayout(behind)
        behind_layout.setContentsMargins(0, 0, 0, 0)
        behind_layout.addWidget(self.behind_label)
        behind_layout.addWidget(self.behind)
        results.addWidget(behind)
        right = QVBoxLayout()
        right.addLayout(filters)
        right.addWidget(results, 1)
        right.addWidget(self.status)
        holder = QWidget()
        holder.setLayout(right)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(holder, 1)

    def name(self) -> str:
        item = self.picker.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "pipeline"

    def filters(self) -> Filters:
        start, end = period_bounds(self.period.currentData(), date.today())
        return Filters(start=start, end=end, owner=self.owner.text().strip() or None,
                       team=self.team.text().strip() or None, tag=self.tag.text().strip() or None,
                       days=self.days.value())

    def reload(self) -> None:
        if not self.isVisible():
            return  # a hidden tab reads nothing (the window starts without reading a report)
        # Reads run on a pool and may finish out of order (typing "45" asks for 4, then 45
        # days): only the newest request's answer is shown.
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Reading…"))
        filters = self.filters()

        def answered(answer) -> None:
            if generation == self._generation:
                self.report_filters = filters
                self._show(*answer)
        self.ops.read(read_report, REPORTS[self.name()], self.store, filters).success(answered).owned_by(self).run()

    def _show(self, report: Report, exports_allowed: bool = True) -> None:
        self.report = report
        self.table.clear()
        self.table.setColumnCount(len(report.columns))
        self.table.setRowCount(len(report.rows))
        self.table.setHorizontalHeaderLabels([translate("ReportsView", c.title) for c in report.columns])
        for r, row in enumerate(report.rows):
            for c, column in enumerate(report.columns):
                item = QTableWidgetItem(self._cell(row, column))
                if column.kind != "text":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.chart.set_bars(report_bars(report, self.locale))
        self.status.setText(self.tr("%n row(s)", "", len(report.rows)))
        for button in (self.export_csv, self.export_xlsx):
            button.setEnabled(bool(report.rows) and exports_allowed)
        # Refused by the core anyway (app.settings.guards); disabled here so nobody tries.
        self.export_pdf.setEnabled(exports_allowed)
        refused = self.tr("Set by your organisation: reports cannot be exported on this computer.")
        self.export_csv.setToolTip("" if exports_allowed else refused)
        self.export_xlsx.setToolTip("" if exports_allowed else refused)
        self.export_pdf.setToolTip(self.tr("Every report with these filters, a page each, as one PDF")
                                   if exports_allowed else refused)

    def _cell(self, row: dict, column) -> str:
        return cell_text(row, column, self.locale)

    def _bar_clicked(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, 0))

    def _row_selected(self) -> None:
        self.behind.clear()
        self._behind_generation += 1
        rows = {index.row() for index in self.table.selectionModel().selectedRows()} if self.table.selectionModel() \
            else set()
        if self.report is not None and rows and self.report.name in MAIL_REPORTS:
            # A mail row's messages are read when it is opened (their subjects and dates), off
            # the GUI thread; a newer selection's answer replaces an older one's.
            generation = self._behind_generation
            self.behind_label.setText(self.tr("Reading…"))
            self.ops.read(opened, self.store, self.report, min(rows), self.report_filters).success(
                lambda items: self._list_behind(items, True) if generation == self._behind_generation else None
            ).owned_by(self).run()
            return
        self._list_behind(self.report.behind(min(rows)) if self.report is not None and rows else [], bool(rows))

    def _list_behind(self, items: list, selected: bool) -> None:
        self.behind.clear()
        for kind, record_id, label in items:
            item = QListWidgetItem(f"{translate('ReportsView', KIND_LABELS.get(kind, kind))}: {label}")
            item.setData(Qt.ItemDataRole.UserRole, (kind, record_id))
            self.behind.addItem(item)
        messages = sum(kind in ("message", "shared") for kind, _id, _label in items)
        if not selected:
            self.behind_label.setText(self.tr("Select a row to see what it counts."))
        elif messages >= BEHIND_SHOWN:
            self.behind_label.setText(self.tr("Behind this row, the first %n messages (double-click to open)", "",
                                              messages))
        elif items:
            self.behind_label.setText(self.tr("Behind this row: %n (double-click to open)", "", len(items)))
        else:
            self.behind_label.setText(self.tr("Nothing behind this row to open."))

    def _open_behind(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(Qt.ItemDataRole.UserRole)
        if kind == "message":
            self.message_requested.emit(int(record_id))
        elif kind == "shared":
            self.ops.read(shared_message, self.store, int(record_id)).success(self._show_shared_mail).owned_by(self).run()
        else:
            self.record_requested.emit(kind, int(record_id))

    def _show_shared_mail(self, entry) -> None:
        """A colleague's message, read-only, as the customer's timeline shows it."""
        if entry is None:  # withdrawn since the report was read
            self.behind_label.setText(self.tr("That message is no longer shared with you."))
            return
        self.shared_mail = SharedMailDialog(entry, self)
        self.shared_mail.open()

    def _export_dashboard(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Dashboard"), "dashboard.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        from app.ui.dashboard_pdf import compute_reports, render_dashboard

        filters = self.filters()
        self.status.setText(self.tr("Reading…"))

        def draw(reports) -> None:  # drawing is GUI-thread work; reading every report was not
            render_dashboard(reports, filters, path, self.locale)
            self.status.setText(self.tr("Saved %1").replace("%1", path))
        self.ops.read(compute_reports, self.store, filters).success(draw).owned_by(self).run()

    def _export(self, kind: str) -> None:
        if self.report is None:
            return
        suffix = {"csv": self.tr("CSV (*.csv)"), "xlsx": self.tr("Excel workbook (*.xlsx)")}[kind]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Report"), f"{self.report.name}.{kind}", suffix)
        if not path:
            return
        write = export.write_csv if kind == "csv" else export.write_xlsx
        report = self.report
        self.ops.call(write, report, path).success(
            lambda _none: self.status.setText(self.tr("Saved %1").replace("%1", path))).owned_by(self).run()
