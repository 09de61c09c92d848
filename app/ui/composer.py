"""The composer: Markdown on the left (with a formatting bar), the message as it will look on the right.

* From is chosen per account; To/Cc/Bcc complete from contacts and mail history (loaded as a
  read op), most used first.  Cc and Bcc show when asked for or when the draft has them.
* The formatting bar (:mod:`app.ui.markdown_toolbar`) writes the Markdown; the preview is
  re-rendered a moment after typing stops (the same renderer as the sent HTML part, so what
  you see is what they get), pictures in the text included.
* Attachments by dialog or by dropping files on the window, with a warning past 20 MB.
* Templates: the chooser fills subject and text for the first recipient; Templates… opens
  the editor (:mod:`app.ui.template_editor`); the chooser follows changes (``TEMPLATES``).

**Threads.**  The composer never writes and never touches the network itself:

* the draft is saved every few seconds and on close as a write op (``DRAFTS``);
* its copy in the server's Drafts (at most every 30 s) is a job on the account's IMAP lane
  (:func:`app.services.draft_upload.upload_draft` through ``Services.run_on_account``,
  coalesced per draft); a failure is told in one sentence on the status line and the upload
  is tried again at the next autosave;
* Send reads the attachments (a read op), queues the message and drops the draft (a write
  op, ``OUTBOX``/``DRAFTS``), then asks the services to deliver it (SMTP only, never behind
  IMAP): it works offline and never blocks the window.

Keys: Ctrl+Enter sends; Esc and Ctrl+W close, asking whether to keep a draft that changed.
With only the sample account, the composer works but says that sending is off.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, QStringListModel, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.local_folders import has_server
from app.crm.address_book import completions
from app.errors import AuthError, LiaisonError, NetworkError
from app.mail.reading.attachment_files import human_size
from app.mail.sending.drafts import DraftData, inline_cid, outgoing_from_draft, referenced_cids
from app.mail.sending.markdown_html import PreviewRenderer
from app.mail.sending.outgoing import BIG_ATTACHMENTS_BYTES, parse_recipients
from app.mail.sending.templates import list_templates
from app.services import events as ev
from app.services.draft_upload import (UPLOADED, delete_server_copy, discard_local, queue_for_sending, save_local,
                                       upload_draft)
from app.store.accounts import list_accounts
from app.store.database import Store
from app.ui.error_presenter import error_text
from app.ui.icons import icon
from app.ui.mail_preview import HairLine, MailPreview
from app.ui.markdown_toolbar import MarkdownToolbar
from app.ui.ops import Ops

AUTOSAVE_MS = 5000
SERVER_DRAFT_EVERY_S = 30  # the server's Drafts copy is refreshed at most this often
PREVIEW_DELAY_MS = 120
PREVIEW_IMAGE_WIDTH = 560  # pictures in the text are shown at most this wide in the preview


class _MultiAddressCompleter(QCompleter):
    """Completes the address being typed after the last comma."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt override
        current = self.widget().text()
        head = current.rsplit(",", 1)[0] + ", " if "," in current else ""
        return head + index.data()


class _FutureRelay(QObject):
    finished = Signal(object)  # the future, on the GUI thread


def when_done(owner: QObject, future: Future, on_result: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
    """Hear about a services future on the GUI thread (dropped if ``owner`` is gone by then)."""
    relay = _FutureRelay(owner)

    def deliver(done: Future) -> None:
        relay.deleteLater()
        if done.cancelled():
            return
        error = done.exception()
        if error is None:
            on_result(done.result())
        else:
            on_error(error)

    relay.finished.connect(deliver)

    def finished(done: Future) -> None:
        try:
            relay.finished.emit(done)
        except RuntimeError:  # the owner was deleted meanwhile
            pass
    future.add_done_callback(finished)


class Composer(QWidget):
    sent = Signal(int)  # account id: a message went into the outbox
    draft_uploaded = Signal()
    draft_saved = Signal()

    def __init__(self, store: Store, draft: DraftData | None = None, parent=None, ops: Ops | None = None,
                 sync=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.sync = sync  # the window's SyncService (None when used on its own: nothing leaves the machine)
        self.setWindowTitle(self.tr("New Message"))
        self.resize(1040, 720)
        self.setAcceptDrops(True)
        everyone = list_accounts(store)
        real = [a for a in everyone if has_server(a)]  # Local Folders and the sample send nothing
        self.sending_off = not real  # only the sample account: write and keep drafts, send nothing
        self.accounts = real or everyone
        self._attached: list[Path] = []
        self._renderer = PreviewRenderer()
        self._build_widgets()
        self._build_layout()
        self._build_keys()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self._preview_timer.start)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_tick)
        self._autosave.start()
        # drafts: what was saved locally, what the user chose to keep, what the server has
        self.draft = draft or DraftData(account_id=self.accounts[0].id if self.accounts else 0)
        self._is_new = self.draft.uuid is None
        self._opened = None if self._is_new else replace(self.draft, attachments=list(self.draft.attachments))
        self._ever_saved = not self._is_new
        self._server_accounts: set[int] = set() if self._is_new else {self.draft.account_id}
        self._server_dirty = False
        self._upload_failed = False
        self._last_upload = 0.0
        self._sending = False
        self._sent = False
        self._load(self.draft)
        self.ops.read(completions, store).owned_by(self).success(self._address_model.setStringList).run()
        self.ops.events.changed.connect(self._app_changed)
        self._reload_templates()
        if self.sending_off:
            self._show_sample_mode()

    # -- building ------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.from_box = QComboBox()
        for account in self.accounts:
            label = f"{account.display_name} <{account.email}>" if account.display_name else account.email
            self.from_box.addItem(label, account.id)
        self.to, self.cc, self.bcc, self.subject = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.to.setPlaceholderText(self.tr("Names or addresses, separated by commas"))
        self.subject.setPlaceholderText(self.tr("What is it about?"))
        self._address_model = QStringListModel(self)
        for field in (self.to, self.cc, self.bcc):
            completer = _MultiAddressCompleter(self._address_model, field)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            field.setCompleter(completer)
        self.subject.textChanged.connect(self._title_from_subject)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Write your message. The buttons above format it: bold, lists, "
                                               "links, tables, pictures."))
        self.editor.setFrameShape(QFrame.Shape.NoFrame)
        self.editor.document().setDocumentMargin(12)
        font = self.editor.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.editor.setFont(font)
        self.preview = MailPreview()
        self.format_bar = MarkdownToolbar(self.editor, self, attach_image=self.attach_inline)
        self.attachments = QListWidget()
        self.attachments.setFlow(QListWidget.Flow.LeftToRight)
        self.attachments.setWrapping(True)
        self.attachments.setIconSize(QSize(16, 16))
        self.attachments.setSpacing(2)
        self.attachments.setMaximumHeight(self.fontMetrics().height() * 2 + 16)
        self.attachments.setFrameShape(QFrame.Shape.NoFrame)
        self.attachments.setStyleSheet("QListWidget { background: transparent; padding: 2px 8px; }")
        self.attachments.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.attachments.customContextMenuRequested.connect(self._attachment_menu)
        self.attachments.hide()  # shown once there is something attached
        self.size_warning = QLabel()
        self.size_warning.setWordWrap(True)
        self.size_warning.hide()
        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sample_banner = QLabel()
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_banner.setWordWrap(True)
        self.sample_banner.hide()

    def _build_layout(self) -> None:
        top = QToolBar()
        top.setObjectName("composerActions")
        top.setIconSize(QSize(18, 18))
        top.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        top.setMovable(False)
        self.send_action = QAction(icon("send", "#ffffff"), self.tr("Send"), self)
        self.send_action.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_action.triggered.connect(lambda _checked=False: self.send())
        top.addAction(self.send_action)
        self.send_button = top.widgetForAction(self.send_action)
        self.send_button.setObjectName("sendButton")
        self.attach_action = QAction(icon("attachment"), self.tr("Attach"), self)
        self.attach_action.setToolTip(self.tr("Attach files"))
        self.attach_action.triggered.connect(lambda _checked=False: self._choose_files())
        top.addAction(self.attach_action)
        self.save_action = QAction(icon("save"), self.tr("Save Draft"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(lambda _checked=False: self.save_draft(explicit=True))
        top.addAction(self.save_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(spacer)
        self.template_box = QComboBox()
        self.template_box.setPlaceholderText(self.tr("Use a template…"))
        self.template_box.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 22)
        self.template_box.setToolTip(self.tr("Fill the subject and text from a template, for the first recipient"))
        self.template_box.activated.connect(self._template_chosen)
        top.addWidget(self.template_box)
        self.templates_action = QAction(icon("template"), self.tr("Templates…"), self)
        self.templates_action.setToolTip(self.tr("Create, edit and preview templates"))
        self.templates_action.triggered.connect(lambda _checked=False: self.open_templates())
        top.addAction(self.templates_action)
        self.top_bar = top

        header = QGridLayout()
        header.setContentsMargins(12, 8, 12, 8)
        header.setHorizontalSpacing(10)
        header.setVerticalSpacing(6)
        self._header_labels = []
        for row, (text, field) in enumerate(((self.tr("From"), self.from_box), (self.tr("To"), self.to),
                                             (self.tr("Cc"), self.cc), (self.tr("Bcc"), self.bcc),
                                             (self.tr("Subject"), self.subject))):
            label = QLabel(text)
            label.setBuddy(field)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._header_labels.append(label)
            header.addWidget(label, row, 0)
            header.addWidget(field, row, 1)
        self.cc_button = self._link_button(self.tr("Cc"), self.tr("Add Cc recipients"), lambda: self.show_copy("cc"))
        self.bcc_button = self._link_button(self.tr("Bcc"), self.tr("Add Bcc recipients"),
                                            lambda: self.show_copy("bcc"))
        copies = QHBoxLayout()
        copies.setSpacing(2)
        copies.addWidget(self.cc_button)
        copies.addWidget(self.bcc_button)
        header.addLayout(copies, 1, 2)
        header.setColumnStretch(1, 1)
        for widget in (self.cc, self.bcc):
            self._set_row_visible(widget, False)

        self.preview_action = QAction(icon("preview"), self.tr("Preview"), self)
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.preview_action.setToolTip(self.tr("Show how the message will look"))
        self.preview_action.toggled.connect(self.preview.setVisible)
        bar_spacer = QWidget()
        bar_spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.format_bar.addWidget(bar_spacer)
        self.format_bar.addAction(self.preview_action)
        self.format_bar.setObjectName("formatBar")

        self.split = QSplitter()
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.editor)
        self.split.addWidget(self.preview)
        self.split.setSizes([520, 520])

        footer = QHBoxLayout()
        footer.setContentsMargins(12, 4, 12, 6)
        hint = QLabel(self.tr("Ctrl+Enter sends · Esc closes"))
        hint.setEnabled(False)  # the muted colour of the palette
        footer.addWidget(self.status, 1)
        footer.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.sample_banner)
        layout.addLayout(header)
        layout.addWidget(HairLine())
        layout.addWidget(self.format_bar)
        layout.addWidget(HairLine())
        layout.addWidget(self.split, 1)
        layout.addWidget(self.attachments)
        layout.addWidget(self.size_warning)
        layout.addWidget(HairLine())
        layout.addLayout(footer)
        self._header = header
        self._style()

    def _style(self) -> None:
        # Style sheets on the few widgets that need them (one on the window re-polishes every child).
        self.top_bar.setStyleSheet("QToolBar { border: none; padding: 6px 8px; spacing: 6px; }")
        self.send_button.setStyleSheet(
            "QToolButton { background: palette(highlight); color: palette(highlighted-text); border: none;"
            " border-radius: 4px; padding: 5px 14px; font-weight: 600; }"
            "QToolButton:disabled { background: palette(mid); color: palette(window); }")
        self.format_bar.setStyleSheet("QToolBar { border: none; padding: 2px 8px; spacing: 2px; }")
        self.sample_banner.setStyleSheet("QLabel { background: palette(alternate-base); padding: 8px 12px; }")

    def _link_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        field.setVisible(visible)
        label = next((lbl for lbl in self._header_labels if lbl.buddy() is field), None)
        if label is not None:
            label.setVisible(visible)

    def show_copy(self, which: str) -> None:
        """Show the Cc or Bcc row (and put the cursor there)."""
        field, button = (self.cc, self.cc_button) if which == "cc" else (self.bcc, self.bcc_button)
        self._set_row_visible(field, True)
        button.hide()
        field.setFocus()

    def _build_keys(self) -> None:
        self.send_key = QAction(self)
        self.send_key.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.send_key.triggered.connect(lambda _checked=False: self.send())
        self.close_key = QAction(self)
        self.close_key.setShortcuts([QKeySequence("Esc"), QKeySequence("Ctrl+W")])
        self.close_key.triggered.connect(lambda _checked=False: self.close())
        self.addActions([self.send_key, self.close_key])

    def _show_sample_mode(self) -> None:
        self.sample_banner.setText(self.tr("This is sample data, so sending is off. You can write and your draft "
                                           "is kept on this computer; add your own mail account to send."))
        self.sample_banner.show()
        why = self.tr("Sending is off in sample data: add your own mail account to send.")
        for action in (self.send_action, self.send_key):
            action.setEnabled(False)
        self.send_action.setToolTip(why)
        self.send_button.setToolTip(why)

    def _load(self, draft: DraftData) -> None:
        index = self.from_box.findData(draft.account_id)
        if index >= 0:
            self.from_box.setCurrentIndex(index)
        self.to.setText(draft.to)
        self.cc.setText(draft.cc)
        self.bcc.setText(draft.bcc)
        for which, text in (("cc", draft.cc), ("bcc", draft.bcc)):
            if text:
                self.show_copy(which)
        self.subject.setText(draft.subject)
        body = draft.body
        account = self._account()
        if self._is_new and account is not None and account.signature and "\n-- \n" not in body:
            body = f"{body}\n\n-- \n{account.signature}"
        self.editor.setPlainText(body)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        for path in draft.attachments:
            self.add_attachment(Path(path))
        self.update_preview()
        self._saved_state = self._kept_state = self._initial_state = self._state()
        (self.to if not draft.to else self.editor).setFocus()

    def _title_from_subject(self, text: str) -> None:
        self.setWindowTitle(text.strip() or self.tr("New Message"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self.format_bar.refresh_icons()
            self.attach_action.setIcon(icon("attachment"))
            self.save_action.setIcon(icon("save"))
            self.templates_action.setIcon(icon("template"))
            self.preview_action.setIcon(icon("preview"))
        super().changeEvent(event)

    # -- content ------------------------------------------------------------------------------
    def _account(self):
        account_id = self.from_box.currentData()
        return next((a for a in self.accounts if a.id == account_id), None)

    def update_preview(self) -> None:
        text = self.editor.toPlainText()
        shown = referenced_cids(text)
        if shown != getattr(self, "_shown_cids", set()):
            self._shown_cids = shown
            self._refresh_attachments()  # a picture put in or taken out of the text
        self._load_preview_images()
        self.preview.setHtml(self._renderer.render(text))

    def _load_preview_images(self) -> None:
        wanted = referenced_cids(self.editor.toPlainText())
        for path in self._attached:
            cid = inline_cid(path)
            if cid in wanted and cid not in self.preview.images:
                image = QImage(str(path))
                if not image.isNull() and image.width() > PREVIEW_IMAGE_WIDTH:
                    image = image.scaledToWidth(PREVIEW_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
                self.preview.images[cid] = image

    def add_attachment(self, path: Path) -> None:
        if not path.is_file() or path in self._attached:
            return
        self._attached.append(path)
        self._refresh_attachments()

    def attach_inline(self, path: Path) -> str:
        """Attach a picture to be shown in the text; returns its Content-ID (the toolbar writes the reference)."""
        if not path.is_file():
            return ""
        if path not in self._attached:
            self._attached.append(path)
        self._refresh_attachments()
        return inline_cid(path)

    def remove_attachment(self, path: Path) -> None:
        if path in self._attached:
            self._attached.remove(path)
            self._refresh_attachments()

    def _refresh_attachments(self) -> None:
        shown = referenced_cids(self.editor.toPlainText())
        self.attachments.clear()
        for path in self._attached:
            size = human_size(path.stat().st_size) if path.exists() else "?"
            inline = inline_cid(path) in shown
            item = QListWidgetItem(icon("format-image" if inline else "attachment"), f"{path.name}  ({size})")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(self.tr("Shown in the text") if inline else str(path))
            self.attachments.addItem(item)
        self.attachments.setVisible(bool(self._attached))
        total = sum(p.stat().st_size for p in self._attached if p.exists())
        self.size_warning.setText(self.tr("The attachments total %1; many mail servers refuse more than 20 MB.")
                                  .replace("%1", human_size(total)))
        self.size_warning.setVisible(total > BIG_ATTACHMENTS_BYTES)

    def _attachment_menu(self, position) -> None:
        item = self.attachments.itemAt(position)
        if item is None:
            return
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Remove"))
        remove.triggered.connect(lambda _checked=False, p=Path(item.data(Qt.ItemDataRole.UserRole)):
                                 self.remove_attachment(p))
        menu.popup(self.attachments.viewport().mapToGlobal(position))
        self.attachment_menu = menu  # kept for tests and so it is not collected while open

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete and self.attachments.hasFocus() and self.attachments.currentItem():
            self.remove_attachment(Path(self.attachments.currentItem().data(Qt.ItemDataRole.UserRole)))
            return
        super().keyPressEvent(event)

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

    # -- templates ------------------------------------------------------------------------------
    def _reload_templates(self) -> None:
        def names(store: Store) -> list[str]:
            return [t.name for t in list_templates(store)]
        self.ops.read(names, self.store).owned_by(self).success(self._templates_loaded).run()

    def _templates_loaded(self, names: list[str]) -> None:
        self.template_box.clear()
        self.template_box.addItems(names)
        self.template_box.setCurrentIndex(-1)
        self.template_box.setEnabled(bool(names))
        if not names:
            self.template_box.setPlaceholderText(self.tr("No templates yet"))
        else:
            self.template_box.setPlaceholderText(self.tr("Use a template…"))

    def _app_changed(self, changes: ev.ChangeSet) -> None:
        if changes.touches(ev.TEMPLATES):
            self._reload_templates()

    def _template_chosen(self, index: int) -> None:
        name = self.template_box.itemText(index)
        self.template_box.setCurrentIndex(-1)
        if name:
            self.apply_template(name)

    def open_templates(self):
        from app.ui.template_editor import TemplatesDialog

        dialog = TemplatesDialog(self.store, self.ops, self)
        dialog.show()
        self.templates_dialog = dialog
        return dialog

    def apply_template(self, name: str) -> None:
        """Fill subject and text from a template for the first recipient (their contact record)."""
        from app.ui.template_editor import fill_for_contact

        try:
            recipients = parse_recipients(self.to.text())
        except LiaisonError:
            recipients = []
        if not recipients:
            QMessageBox.information(self, self.tr("Template"), self.tr(
                "Choose the recipient first: a template is filled in from their contact record."))
            self.to.setFocus()
            return
        address = recipients[0][1]
        self.ops.read(fill_for_contact, self.store, name, address, self._account()).owned_by(self).success(
            lambda filled: self._template_filled(filled, address)).run()

    def _template_filled(self, filled, address: str) -> None:
        from app.ui.template_editor import missing_sentence

        if filled.problem:
            QMessageBox.warning(self, self.tr("Template"), missing_sentence(filled, address))
            return
        text = self.editor.toPlainText()
        signature = text[text.index("\n-- \n"):] if "\n-- \n" in text else ""
        body = filled.body.rstrip() + ("\n" + signature if signature else "")
        self.subject.setText(filled.subject)
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()  # one step for Undo
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(body)
        cursor.endEditBlock()
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.status.setText(self.tr("Filled in for %1.").replace("%1", address))

    # -- drafts -----------------------------------------------------------------------------------
    def _state(self) -> tuple:
        return (self.from_box.currentData(), self.to.text(), self.cc.text(), self.bcc.text(), self.subject.text(),
                self.editor.toPlainText(), tuple(str(p) for p in self._attached))

    def _snapshot(self, state: tuple) -> DraftData:
        account_id, to, cc, bcc, subject, body, attachments = state
        self.draft.ensure_identity()
        return replace(self.draft, account_id=account_id, to=to, cc=cc, bcc=bcc, subject=subject, body=body,
                       attachments=list(attachments))

    def has_unkept_changes(self) -> bool:
        return self._state() != self._kept_state

    def _autosave_tick(self) -> None:
        if self._state() != self._saved_state:
            self.save_draft()
        elif self._upload_failed or self._server_dirty:
            self._upload_if_due()

    def save_draft(self, explicit: bool = False) -> None:
        """Save locally when something changed (a write op), then perhaps refresh the server's copy.

        ``explicit`` (Save Draft, or Save when closing): the user chose to keep this version,
        and the server's copy is refreshed now, not at most every 30 s.
        """
        if not self.accounts or self._sending or self._sent:
            return
        state = self._state()
        if explicit:
            self._kept_state = state
        if state == self._saved_state and (self._ever_saved or not explicit):
            if explicit and (self._server_dirty or self._upload_failed):
                self._upload_if_due(force=True)
            if explicit:
                self._say_saved()
            return
        snapshot = self._snapshot(state)
        self._saved_state = state
        self._ever_saved = True
        self.ops.write(save_local, self.store, snapshot).owned_by(self).success(
            lambda _changes: self._saved_locally(explicit)).run()

    def _saved_locally(self, explicit: bool) -> None:
        self._server_dirty = True
        self._say_saved()
        self.draft_saved.emit()
        self._upload_if_due(force=explicit)

    def _say_saved(self) -> None:
        if not self._upload_failed:
            self.status.setText(self.tr("Draft saved at %1.").replace("%1", _now()))

    def _upload_if_due(self, force: bool = False) -> None:
        account = self._account()
        if self.sync is None or account is None or not has_server(account) or not self.draft.uuid:
            return
        due = force or self._upload_failed or time.monotonic() - self._last_upload >= SERVER_DRAFT_EVERY_S
        if not due:
            return
        self._last_upload = time.monotonic()
        self._server_dirty = False
        self._server_accounts.add(account.id)
        store, draft_uuid = self.store, self.draft.uuid
        future = self.sync.services.run_on_account(
            account.id, "imap", ("draft", draft_uuid),
            lambda acc, credential: upload_draft(store, acc, credential, draft_uuid))
        when_done(self, future, self._uploaded, self._upload_error)

    def _uploaded(self, outcome: str | None) -> None:
        self._upload_failed = False
        self.status.setToolTip("")
        if outcome == UPLOADED:
            self.status.setText(self.tr("Draft saved here and in the server's Drafts at %1.").replace("%1", _now()))
            self.draft_uploaded.emit()

    def _upload_error(self, error: BaseException) -> None:
        """One sentence on the status line; the next autosave tries again."""
        self._upload_failed = True
        if isinstance(error, NetworkError):
            text = self.tr("Draft saved on this computer; the server could not be reached for its Drafts copy. "
                           "Trying again shortly.")
        elif isinstance(error, AuthError):
            text = self.tr("Draft saved on this computer; the server refused the password, so its Drafts copy "
                           "waits until you sign in again.")
            self.ops.present_error(error)  # the window asks for the password (once per account)
        elif isinstance(error, LiaisonError):
            text = self.tr("Draft saved on this computer; the server did not take its Drafts copy. Trying again "
                           "shortly.")
        else:
            text = self.tr("Draft saved on this computer; copying it to the server failed. Trying again shortly.")
            self.ops.present_error(error)  # a bug: the crash report
        self.status.setText(text)
        self.status.setToolTip(error_text(error) if isinstance(error, LiaisonError) else "")

    def discard_draft(self) -> None:
        """Throw away what was written: a new message's draft goes (here and on the server); a
        reopened draft goes back to the version that was opened."""
        if not self.draft.uuid or not self._ever_saved:
            return
        draft_uuid, message_id = self.draft.uuid, self.draft.message_id
        if self._opened is not None:
            restored = replace(self._opened, attachments=list(self._opened.attachments))
            self.ops.write(save_local, self.store, restored).success(
                lambda _c: self._restore_server_copy(restored)).run()
            return
        self.ops.write(discard_local, self.store, draft_uuid, self.draft.account_id).run()
        if self.sync is None:
            return
        store = self.store
        for account_id in self._server_accounts:
            future = self.sync.services.run_on_account(
                account_id, "imap", ("draft", draft_uuid),  # replaces an upload still waiting
                lambda acc, credential: delete_server_copy(store, acc, credential, message_id))
            when_done(self.ops, future, lambda _done: None, self.ops.present_error)

    def _restore_server_copy(self, restored: DraftData) -> None:
        if self.sync is None or not self._last_upload:
            return
        store = self.store
        future = self.sync.services.run_on_account(
            restored.account_id, "imap", ("draft", restored.uuid),
            lambda acc, credential: upload_draft(store, acc, credential, restored.uuid))
        when_done(self.ops, future, lambda _done: None, self.ops.present_error)

    # -- sending --------------------------------------------------------------------------------------
    def send(self) -> bool:
        """Queue the message (off the GUI thread) and close; False when it cannot be sent now."""
        account = self._account()
        if self.sending_off or account is None or self._sending or self._sent:
            return False
        if not (self.to.text().strip() or self.cc.text().strip() or self.bcc.text().strip()):
            self.status.setText(self.tr("Add a recipient first."))
            self.to.setFocus()
            return False
        self._sending = True
        self.send_action.setEnabled(False)
        self._autosave.stop()
        self.status.setText(self.tr("Sending…"))
        snapshot = self._snapshot(self._state())
        self.ops.read(outgoing_from_draft, account, snapshot).owned_by(self).success(
            lambda message: self._queue(account, message, snapshot.uuid if self._ever_saved else None)
        ).failure(self._send_failed).run()
        return True

    def _queue(self, account, message, draft_uuid: str | None) -> None:
        self.ops.write(queue_for_sending, self.store, account, message, draft_uuid).owned_by(self).success(
            lambda _changes: self._queued(account.id)).failure(self._send_failed).run()

    def _queued(self, account_id: int) -> None:
        self._sent = True
        self._sending = False
        self._saved_state = self._kept_state = self._state()
        if self.sync is not None:
            self.sync.deliver(account_id)  # SMTP only: never waits behind a sync pass
        self.sent.emit(account_id)
        self.close()

    def _send_failed(self, error: BaseException) -> None:
        self._sending = False
        self.send_action.setEnabled(True)
        self._autosave.start()
        self.status.setText(self.tr("Not sent."))
        if self.isHidden():
            self.show()  # closed while queueing: nothing written is lost
        self.ops.present_error(error)

    # -- closing --------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._sent or self._sending or not self.accounts:
            self._autosave.stop()
            super().closeEvent(event)
            return
        if self.has_unkept_changes():
            answer = self._ask_keep()
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self._autosave.stop()
                self.discard_draft()
                self._saved_state = self._kept_state = self._state()
                super().closeEvent(event)
                return
            self.save_draft(explicit=True)
        elif self._is_new and self._ever_saved and self._state() == self._initial_state:
            self.discard_draft()  # written and then removed again: nothing to keep
        elif self._state() != self._saved_state:
            self.save_draft(explicit=True)
        self._autosave.stop()
        super().closeEvent(event)

    def keep_and_close(self) -> bool:
        """Close without asking, the draft kept (the main window is closing: nothing is lost)."""
        if not (self._sent or self._sending or not self.accounts):
            if self._state() != self._saved_state:
                self.save_draft(explicit=True)
            self._saved_state = self._kept_state = self._state()
        return self.close()

    def _ask_keep(self) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Keep this draft?"), self.tr("Keep this draft?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("A kept draft is in Drafts; open it again with Message → Open Draft…"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setObjectName("keepDraft")
        return QMessageBox.StandardButton(box.exec())


def _now() -> str:
    return QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
