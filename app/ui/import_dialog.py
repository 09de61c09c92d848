"""Import… contacts from a CSV, vCard or LDIF file: a dry run first, then all or nothing.

The file is read and checked off the GUI thread (``app.crm.csv_import.import_file`` with
``dry_run``); the dialog shows what would happen (new, updated, the columns it recognised)
and every problem per row.  Import is enabled only for a file without problems, and writes
every row in one transaction, exactly as ``contacts import`` does on the command line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm.csv_import import ImportReport, import_file
from app.services.events import LINKS, RECORDS, ChangeSet
from app.store.database import Store
from app.ui.error_presenter import error_text
from app.ui.icons import icon
from app.ui.ops import OpResult, Ops
from app.ui.record_parts import SMALL, text_label


def _read_and_check(store: Store, path: str) -> tuple[bytes, ImportReport]:
    data = Path(path).read_bytes()
    return data, import_file(store, data, path, dry_run=True)


def _import(store: Store, data: bytes, path: str) -> OpResult:
    report = import_file(store, data, path)
    return OpResult(report, ChangeSet.of(RECORDS, LINKS) if report.written else None)


class ImportDialog(QDialog):
    def __init__(self, store: Store, ops: Ops, path: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.setObjectName("import-dialog")
        self.setWindowTitle(self.tr("Import Contacts"))
        self.data: bytes | None = None
        self.report: ImportReport | None = None
        self.result_report: ImportReport | None = None
        intro = text_label(self.tr("A CSV file (from Excel, Outlook, Gmail, Thunderbird, Foxmail or another "
                                   "CRM), a vCard file (.vcf, from a phone) or an LDIF file (Thunderbird's "
                                   "address book). Every row is checked first; nothing is written "
                                   "until you press Import, and a file with any problem imports nothing."),
                           secondary=True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(icon("import"), self.tr("Choose File…"))
        self.choose_button.clicked.connect(lambda: self.choose())
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose_button)
        self.summary = text_label("")
        self.columns = text_label("", SMALL, secondary=True)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Field"), self.tr("Problem")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(lambda: self.run_import())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.columns)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        if path:
            self.check(path)

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import Contacts"), "",
                                                    self.tr("Contacts (*.csv *.vcf *.ldif *.txt);;All files (*)"))
        if path:
            self.check(path)

    def check(self, path: str) -> None:
        """Read and check ``path`` off the GUI thread; the preview follows."""
        self.path.setText(path)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the file…"))
        self.columns.clear()
        self.problems.hide()

        def failed(error: BaseException) -> None:
            self.summary.setText(self.tr("The file could not be read."))
            self.ops.present_error(error)
        self.ops.read(_read_and_check, self.store, path).success(self._checked).failure(failed) \
            .owned_by(self).run()

    def _checked(self, answer: tuple[bytes, ImportReport]) -> None:
        self.data, report = answer
        self.report = report
        total = report.created + report.updated
        if report.problems:
            self.summary.setText(self.tr("%n problem(s) found: fix them in the file and choose it again. "
                                         "Nothing was imported.", "", len(report.problems)))
        elif total == 0:
            self.summary.setText(self.tr("The file has no contacts."))
        else:
            self.summary.setText(self.tr("%n contact(s) ready to import. New: %1 · Updated: %2", "", total)
                                 .replace("%1", QLocale().toString(report.created))
                                 .replace("%2", QLocale().toString(report.updated)))
        labels = {"name": self.tr("Name"), "first_name": self.tr("First name"), "last_name": self.tr("Last name"),
                  "email": self.tr("Email"), "phone": self.tr("Phone"), "company": self.tr("Company"),
                  "title": self.tr("Title"), "tags": self.tr("Tags"), "owner": self.tr("Owner"),
                  "note": self.tr("Note")}
        if report.mapping:
            pairs = [f"{column} → {labels.get(field, field)}" for column, field in report.mapping.items()]
            self.columns.setText(self.tr("Columns: %1").replace("%1", ", ".join(pairs)))
        self.problems.setRowCount(len(report.problems))
        for row, problem in enumerate(report.problems):
            for column, value in enumerate((str(problem.row), labels.get(problem.field, problem.field),
                                            error_text(getattr(problem.problem, "phrase", problem.problem)))):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.problems.setItem(row, column, item)
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(report.problems))
        self.import_button.setEnabled(not report.problems and total > 0)

    def run_import(self) -> None:
        if self.data is None or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))

        def done(report: ImportReport) -> None:
            self.result_report = report
            if report.written:
                self.accept()
            else:
                self._checked((self.data, report))
                self.choose_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            self.choose_button.setEnabled(True)
            self._checked((self.data, self.report))
            self.ops.present_error(error)
        # A plain thread: the checking (CPU) happens there, the one write transaction on the writer.
        self.ops.call(_import, self.store, self.data, self.path.text()).success(done).failure(failed) \
            .owned_by(self).run()
