"""Mail → Import Mail…: old mail from an mbox file, a folder of .eml files or a Thunderbird
profile into Local Folders, or uploaded to an account's server, with a progress bar (the
window's face of ``import-mail``).

**Threads.**  The import (:func:`app.services.mail_import.import_local`) runs as a call op on
a thread of its own: it reads and parses for minutes on a big file, and its writes go to the
writer thread batch by batch.  An upload (:func:`app.services.mail_import.upload`) runs on the
account's ``imap`` lane, and the call op's thread waits for it and for the sync after it.
Progress callbacks run on those threads and only emit a signal, which Qt queues to the GUI
thread.  Closing the dialog asks the import to stop after the batch under way (nothing stored
is lost; importing again continues).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import Cancelled
from app.mail.importing.importer import DELETED, DUPLICATE, ImportProgress
from app.services.events import ACCOUNTS, FOLDERS, LINKS, MAIL, ChangeSet
from app.store.accounts import list_accounts
from app.store.database import Store
from app.store.local_folders import has_server
from app.store.models import Account
from app.ui.icons import icon
from app.ui.ops import OpResult, Ops
from app.ui.record_parts import text_label


class _ProgressRelay(QObject):
    progressed = Signal(object)  # ImportProgress, emitted on the import's thread


def _import(store: Store, path: str, base: str | None, progress, should_stop, services=None,
            account: Account | None = None) -> OpResult:
    """The import (or with ``account`` the upload), on the op's thread.  Stopped, it still
    reports a change: what was stored before the stop is there, and the window shows it (the
    value is None then)."""
    from app.services.mail_import import import_local, upload

    try:
        if account is None:
            outcome = import_local(store, path, base, progress, should_stop)
        else:
            outcome, _summaries = upload(services, account, path, base, progress, should_stop)
    except Cancelled:
        outcome = None
    return OpResult(outcome, ChangeSet.of(MAIL, FOLDERS, ACCOUNTS, LINKS))


class MailImportDialog(QDialog):
    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None, services=None):
        super().__init__(parent)
        self.store, self.ops, self.services = store, ops, services
        self.setObjectName("mail-import-dialog")
        self.setWindowTitle(self.tr("Import Mail"))
        self.outcome = None
        self._account: Account | None = None  # the account uploaded to, None for Local Folders
        self._stop = threading.Event()
        self._running = False
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)
        intro = text_label(self.tr("Mail from Thunderbird, Apple Mail, Outlook or Foxmail: an mbox file, a folder "
                                   "of .eml files, or a Thunderbird profile. It goes into Local Folders, kept on "
                                   "this computer only, or up to an account's server, keeping dates and read "
                                   "state. Importing the same mail again adds only what is missing."),
                           secondary=True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("Nothing chosen"))
        self.file_button = QPushButton(icon("import"), self.tr("Choose File…"))
        self.file_button.clicked.connect(lambda: self.choose_file())
        self.folder_button = QPushButton(self.tr("Choose Folder…"))
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.file_button)
        path_row.addWidget(self.folder_button)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("Named after the file or folder"))
        self.destination = QComboBox()
        self.destination.addItem(self.tr("Local Folders (this computer only)"), None)
        # Uploading needs the window's services (the account's lane); on its own, Local Folders only.
        for account in (list_accounts(store) if services is not None else []):
            if has_server(account):
                self.destination.addItem(self.tr("%1 (upload to the server)").replace("%1", account.name), account.id)
        form = QFormLayout()
        form.addRow(self.tr("Where:"), self.destination)
        form.addRow(self.tr("Folder:"), self.folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = text_label("")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(path_row)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, 300)

    # -- choosing -----------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import Mail"), "",
                                                    self.tr("Mail (*.mbox *.mbx *.eml);;All files (*)"))
        if path:
            self.set_path(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import Mail"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self.import_button.setEnabled(not self._running)
        self.status.clear()

    # -- importing ----------------------------------------------------------------------
    def start(self) -> None:
        if self._running or not self.path.text():
            return
        self._running = True
        self._stop.clear()
        for widget in (self.import_button, self.file_button, self.folder_button, self.folder, self.destination):
            widget.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Reading…"))
        base = self.folder.text().strip() or None
        account_id = self.destination.currentData()
        self._account = next((a for a in list_accounts(self.store) if a.id == account_id), None) \
            if account_id is not None else None
        self.ops.call(_import, self.store, self.path.text(), base, self._relay.progressed.emit, self._stop.is_set,
                      self.services, self._account).success(self._finished).failure(self._failed) \
            .owned_by(self).run()

    def _progressed(self, p: ImportProgress) -> None:
        if p.bytes_total:
            self.progress.setValue(int(1000 * p.bytes_done / p.bytes_total))
        locale = QLocale()
        self.status.setText(self.tr("%1: %2 read, %3 imported").replace("%1", p.folder)
                            .replace("%2", locale.toString(p.messages)).replace("%3", locale.toString(p.imported)))

    def _finished(self, outcome) -> None:
        self._done()
        if outcome is None:
            self.progress.hide()
            self.status.setText(self.tr("Stopped. What was imported is kept; import again to continue."))
            return
        self.outcome = outcome
        report = outcome.report
        self.progress.setValue(1000)
        if self._account is None:
            text = self.tr("%n message(s) imported into Local Folders.", "", report.imported)
        else:
            text = self.tr("%n message(s) uploaded to %1.", "", report.imported).replace("%1", self._account.name)
        skipped = report.skipped
        known = skipped.get(DUPLICATE, 0)
        deleted = skipped.get(DELETED, 0)
        problems = sum(count for reason, count in skipped.items() if reason not in (DUPLICATE, DELETED))
        if known:
            text += " " + self.tr("%n (was/were) there already.", "", known)
        if deleted:
            text += " " + self.tr("%n deleted in the other program (was/were) left out.", "", deleted)
        if problems:
            text += " " + self.tr("%n could not be read (cut off, or not mail).", "", problems)
        self.status.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._done()
        self.progress.hide()
        self.status.setText(self.tr("Nothing more was imported."))
        self.ops.present_error(error)

    def _done(self) -> None:
        self._running = False
        for widget in (self.file_button, self.folder_button, self.folder, self.destination):
            widget.setEnabled(True)
        self.import_button.setEnabled(bool(self.path.text()))

    def reject(self) -> None:
        """Close (or Escape) while importing stops the import after the batch under way."""
        self._stop.set()
        super().reject()
