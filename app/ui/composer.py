"""The composer: Markdown on the left, the message as it will look on the right.

* From is chosen per account; To/Cc/Bcc complete from contacts and mail history (loaded off
  the GUI thread), most used first.
* The preview is re-rendered a moment after typing stops (the same renderer as the sent
  HTML part, so what you see is what they get).
* Attachments by dialog or by dropping files on the window, with a warning past 20 MB.
* The draft is saved locally every few seconds and on close, and to the server's Drafts in
  the background; Send puts the message in the outbox and asks the sync service to deliver
  it, so it works offline and never blocks the window.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.crm.address_book import completions
from app.errors import LiaisonError
from app.mail.reading.attachment_files import human_size
from app.mail.sending.drafts import DraftData, delete_draft, save_draft
from app.mail.sending.markdown_html import PreviewRenderer
from app.mail.sending.outbox import enqueue
from app.mail.sending.outgoing import BIG_ATTACHMENTS_BYTES, Outgoing, OutgoingAttachment, parse_recipients
from app.store.accounts import list_accounts
from app.store.database import Store
from app.ui.background import run_in_background
from app.ui.ops import Ops

AUTOSAVE_MS = 5000
SERVER_DRAFT_EVERY_S = 30  # the server's Drafts copy is refreshed at most this often
PREVIEW_DELAY_MS = 120


class _MultiAddressCompleter(QCompleter):
    """Completes the address being typed after the last comma."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt override
        current = self.widget().text()
        head = current.rsplit(",", 1)[0] + ", " if "," in current else ""
        return head + index.data()


class Composer(QWidget):
    sent = Signal(int)  # account id: a message went into the outbox
    draft_uploaded = Signal()

    def __init__(self, store: Store, draft: DraftData | None = None, parent=None, ops: Ops | None = None,
                 sync=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.sync = sync  # the window's SyncService (None when used on its own: nothing is sent)
        self.setWindowTitle(self.tr("New Message"))
        self.resize(1000, 700)
        self.setAcceptDrops(True)
        self.accounts = [a for a in list_accounts(store) if not a.is_sample]
        self.from_box = QComboBox()
        for account in self.accounts:
            label = f"{account.display_name} <{account.email}>" if account.display_name else account.email
            self.from_box.addItem(label, account.id)
        self.to, self.cc, self.bcc, self.subject = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self._address_model = QStringListModel(self)
        for field in (self.to, self.cc, self.bcc):
            completer = _MultiAddressCompleter(self._address_model, field)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            field.setCompleter(completer)
        run_in_background(self, lambda: completions(store), self._address_model.setStringList, lambda _e: None)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Write in Markdown: **bold**, - lists, | tables |, [links](https://…)"))
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self._renderer = PreviewRenderer()
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.attachments.hide()  # shown once there is something attached
        self.size_warning = QLabel()
        self.size_warning.setWordWrap(True)
        self.size_warning.hide()
        self._attached: list[Path] = []
        self._build_layout()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self._preview_timer.start)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self.draft = draft or DraftData(account_id=self.accounts[0].id if self.accounts else 0)
        self._saved_state = None
        self._last_upload = 0.0
        self._load(self.draft)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("From"), self.from_box)
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("Cc"), self.cc)
        form.addRow(self.tr("Bcc"), self.bcc)
        form.addRow(self.tr("Subject"), self.subject)
        split = QSplitter()
        split.addWidget(self.editor)
        split.addWidget(self.preview)
        buttons = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self.send)
        attach = QPushButton(self.tr("Attach…"))
        attach.clicked.connect(self._choose_files)
        save = QPushButton(self.tr("Save Draft"))
        save.clicked.connect(self.save_draft)
        template = QPushButton(self.tr("Template…"))
        template.clicked.connect(lambda: self.apply_template())
        for button in (self.send_button, attach, template, save):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.attachments)
        layout.addWidget(self.size_warning)
        layout.addLayout(buttons)

    def _load(self, draft: DraftData) -> None:
        index = self.from_box.findData(draft.account_id)
        if index >= 0:
            self.from_box.setCurrentIndex(index)
        self.to.setText(draft.to)
        self.cc.setText(draft.cc)
        self.bcc.setText(draft.bcc)
        self.subject.setText(draft.subject)
        body = draft.body
        account = self._account()
        if not draft.uuid and account is not None and account.signature and "\n-- \n" not in body:
            body = f"{body}\n\n-- \n{account.signature}"
        self.editor.setPlainText(body)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.Start)
        for path in draft.attachments:
            self.add_attachment(Path(path))
        self.update_preview()
        self._saved_state = self._state()

    # -- content ------------------------------------------------------------------------------
    def _account(self):
        account_id = self.from_box.currentData()
        return next((a for a in self.accounts if a.id == account_id), None)

    def update_preview(self) -> None:
        self.preview.setHtml(self._renderer.render(self.editor.toPlainText()))

    def add_attachment(self, path: Path) -> None:
        if not path.is_file() or path in self._attached:
            return
        self._attached.append(path)
        self.attachments.addItem(f"{path.name}  ({human_size(path.stat().st_size)})")
        self.attachments.show()
        total = sum(p.stat().st_size for p in self._attached if p.exists())
        self.size_warning.setText(self.tr("The attachments total %1; many mail servers refuse more than 20 MB.")
                                  .replace("%1", human_size(total)))
        self.size_warning.setVisible(total > BIG_ATTACHMENTS_BYTES)

    def apply_template(self, name: str | None = None) -> bool:
        """Fill subject and body from a template for the first recipient (a contact)."""
        from app.crm.mail_merge import render_for_contact
        from app.mail.sending.templates import list_templates

        names = [t.name for t in list_templates(self.store)]
        if not names:
            QMessageBox.information(self, self.tr("Templates"), self.tr(
                "No templates yet: add one with `liaison templates add`."))
            return False
        if name is None:
            from PySide6.QtWidgets import QInputDialog

            name, ok = QInputDialog.getItem(self, self.tr("Template"), self.tr("Template:"), names, 0, False)
            if not ok:
                return False
        try:
            recipients = parse_recipients(self.to.text(), self.tr("recipient"))
            if not recipients:
                raise LiaisonError(self.tr("Choose the recipient first: the template is filled in with their "
                                           "record."))
            subject, body = render_for_contact(self.store, name, recipients[0][1], self._account())
        except LiaisonError as exc:
            QMessageBox.warning(self, self.tr("Template"), str(exc))  # missing fields are named here
            return False
        self.subject.setText(subject)
        self.editor.setPlainText(body)
        return True

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach Files"), str(Path.home()))
        for path in paths:
            self.add_attachment(Path(path))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.add_attachment(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # -- drafts and sending ------------------------------------------------------------------------
    def _state(self) -> tuple:
        return (self.from_box.currentData(), self.to.text(), self.cc.text(), self.bcc.text(), self.subject.text(),
                self.editor.toPlainText(), tuple(str(p) for p in self._attached))

    def save_draft(self) -> None:
        """Save locally when something changed since the last save (cheap: one small write)."""
        state = self._state()
        if state == self._saved_state or not self.accounts:
            return
        self.draft.account_id, self.draft.to, self.draft.cc, self.draft.bcc, self.draft.subject, \
            self.draft.body, attachments = state
        self.draft.attachments = list(attachments)
        save_draft(self.store, self.draft)
        self._saved_state = state
        if time.monotonic() - self._last_upload >= SERVER_DRAFT_EVERY_S:
            self.upload_draft()

    def upload_draft(self) -> None:
        """Copy the draft to the server's Drafts folder, in the background (never blocks typing)."""
        account = self._account()
        try:
            message = self.message(lenient=True)
        except (LiaisonError, OSError):
            return  # not yet a buildable message (a half-typed address): the local copy is enough
        message.message_id = self.draft.message_id
        self._last_upload = time.monotonic()
        store = self.store

        def upload():
            from app.mail.imap.session import imap_settings
            from app.mail.sending.drafts import upload_draft
            from app.mail.imap.session import close_quietly, open_session
            from app.mail.sending.outgoing import build_message
            from app.store.accounts import account_folders
            from app.mail.accounts.credential import credential_for

            folder = next((f.name for f in account_folders(store, account.id) if f.role == "drafts"), None)
            if folder is None:
                return
            client = open_session(imap_settings(account), credential_for(account))
            try:
                upload_draft(store, client, folder, build_message(message), message.message_id)
            finally:
                close_quietly(client)

        run_in_background(self, upload, lambda _r: self.draft_uploaded.emit(), lambda _e: None)

    def message(self, lenient: bool = False) -> Outgoing:
        """The message as written; ``lenient`` (for drafts) lets it have no recipient yet."""
        account = self._account()
        to = parse_recipients(self.to.text(), self.tr("recipient"))
        if lenient and not to:
            to = [("", account.email)]  # a draft is not sent: any valid address will do
        return Outgoing(
            from_name=account.display_name, from_addr=account.email, to=to,
            cc=parse_recipients(self.cc.text(), self.tr("Cc address")),
            bcc=parse_recipients(self.bcc.text(), self.tr("Bcc address")),
            subject=self.subject.text(), body=self.editor.toPlainText(),
            attachments=[OutgoingAttachment(p.name, p.read_bytes()) for p in self._attached],
            in_reply_to=self.draft.in_reply_to,
            references=(self.draft.references or "").split())

    def send(self) -> bool:
        account = self._account()
        if account is None:
            return False
        try:
            message = self.message()
            message.message_id = self.draft.message_id  # the same id as its copies in Drafts
            enqueue(self.store, account, message)
        except (LiaisonError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Not sent"), str(exc))
            return False
        if self.draft.uuid:
            delete_draft(self.store, self.draft.uuid)
        self._saved_state = self._state()  # nothing left to save
        self._autosave.stop()
        self.sent.emit(account.id)
        self.close()
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._autosave.stop()
        changed = self._state() != self._saved_state
        self.save_draft()  # closing never loses what was written
        if changed and self.draft.uuid:
            self.upload_draft()
        super().closeEvent(event)
