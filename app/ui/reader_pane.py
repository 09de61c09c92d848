"""The reader: headers, the remote-content bar, attachments and the body of one message or
of a whole conversation.

Privacy and safety rules live here and in :class:`MailBrowser`:

* HTML is sanitised (:mod:`app.mail.reading.html_sanitise`) before it reaches the widget;
* remote images and CSS load only after "Load for this message" or for a sender the user
  trusts ("Always for this sender"); the fetch runs in the background and the body is
  rendered again when it arrives;
* a link whose text names another site than its target asks before opening; a hovered link
  shows its real target in the status bar;
* attachments are listed, never opened by themselves.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocumentFragment
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.mail.reading.html_sanitise import sanitise_html
from app.mail.reading.link_check import deceptive_target, link_host, link_texts
from app.mail.reading.message_view import MessageView, build_view
from app.mail.reading.reader_html import plain_to_html
from app.mail.reading.remote_fetch import fetch_remote
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.mail_queries import message_by_id
from app.store.remote_content import allow_sender, sender_allowed
from app.ui.attachment_list import AttachmentList
from app.ui.background import run_in_background
from app.ui.mail_browser import MailBrowser
from app.ui.ops import Ops

MAX_CACHED_REMOTE_MESSAGES = 20


def source_text(raw: bytes) -> str:
    """Raw bytes for display: UTF-8 lines as text, any other line byte for byte (\\xNN)."""
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("ascii", "backslashreplace"))
    return "\n".join(lines)


class ReaderPane(QWidget):
    status_message = Signal(str)
    compose_requested = Signal(str)  # a mailto: link was clicked: write to this address

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.remote_bar = self._build_remote_bar()
        self.attachments = AttachmentList()
        self.browser = MailBrowser()
        self.browser.link_clicked.connect(self._link_clicked)
        self.browser.link_hovered.connect(self.status_message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header_label)
        layout.addWidget(self.remote_bar)
        layout.addWidget(self.attachments)
        layout.addWidget(self.browser, 1)
        self._message_pk: int | None = None
        self._conversation: list[int] = []
        self._view: MessageView | None = None
        self._raw: bytes | None = None
        self._remote: tuple[str, ...] = ()
        self._links: dict[str, list[str]] = {}
        self._expanded: set[str] = set()
        self._allowed_messages: set[int] = set()
        self._remote_cache: dict[int, dict[str, bytes]] = {}

    def _build_remote_bar(self) -> QFrame:
        bar = QFrame()
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(bar)
        layout.setContentsMargins(6, 2, 6, 2)
        self.remote_label = QLabel()
        self.remote_label.setWordWrap(True)  # never widens the reader at the other panes' cost
        self.load_remote_button = QPushButton(self.tr("Load for this message"))
        self.load_remote_button.clicked.connect(self.load_remote_for_message)
        self.trust_sender_button = QPushButton()
        self.trust_sender_button.clicked.connect(self.load_remote_always_for_sender)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.load_remote_button)
        buttons.addWidget(self.trust_sender_button)
        layout.addWidget(self.remote_label)
        layout.addLayout(buttons)
        bar.hide()
        return bar

    # -- what is shown ----------------------------------------------------------------------
    def header_text(self) -> str:
        """The header block as the user reads it (the label holds rich text)."""
        return QTextDocumentFragment.fromHtml(self.header_label.text()).toPlainText()

    def clear(self) -> None:
        self._message_pk, self._conversation, self._view, self._raw = None, [], None, None
        self.header_label.clear()
        self.browser.set_content("")
        self.attachments.show_attachments([])
        self.remote_bar.hide()

    def show_message(self, message_pk: int | None) -> None:
        if message_pk is None:
            self.clear()
            return
        if message_pk != self._message_pk or self._conversation:
            self._expanded = set()
        self._message_pk, self._conversation = message_pk, []
        row = message_by_id(self.store, message_pk)
        self._raw = raw_message(self.store, message_pk)
        self._view = build_view(self._raw, row.date) if self._raw else None
        self._set_header(row.from_name, row.from_addr, row.to, row.cc, row.date_iso, row.subject)
        self.attachments.show_attachments(self._view.attachments if self._view else [])
        self._render()

    def show_conversation(self, message_pks: list[int], selected_pk: int) -> None:
        """Every message of a conversation, oldest first, quoted text collapsed."""
        if len(message_pks) <= 1:
            self.show_message(selected_pk)
            return
        if self._conversation != message_pks:
            self._expanded = set()
        self._message_pk, self._conversation = selected_pk, message_pks
        selected = message_by_id(self.store, selected_pk)
        raw = raw_message(self.store, selected_pk)
        self._raw, self._view = raw, build_view(raw, selected.date) if raw else None
        self.header_label.setText(self.tr("<b>%1</b><br>%2 messages in this conversation")
                                  .replace("%1", escape(selected.subject)).replace("%2", str(len(message_pks))))
        self.attachments.show_attachments(self._view.attachments if self._view else [])
        self.remote_bar.hide()
        self._render()

    def _set_header(self, from_name, from_addr, to, cc, date_iso, subject) -> None:
        def people(pairs):
            return ", ".join(escape(f"{n} <{a}>" if n else a) for n, a in pairs)

        sender = escape(f"{from_name} <{from_addr}>" if from_name else from_addr)
        lines = [self.tr("From: %1").replace("%1", sender), self.tr("To: %1").replace("%1", people(to))]
        if cc:
            lines.append(self.tr("Cc: %1").replace("%1", people(cc)))
        lines += [self.tr("Date: %1").replace("%1", date_iso[:16].replace("T", " ")),
                  self.tr("Subject: %1").replace("%1", "<b>" + escape(subject) + "</b>")]
        self.header_label.setText("<br>".join(lines))

    def _render(self) -> None:
        scroll = self.browser.verticalScrollBar().value()
        if self._conversation:
            html, css, remote = self._conversation_html(), "", ()
        else:
            html, css, remote = self._message_html()
        self._remote = remote
        self._links = link_texts(html)
        allowed = bool(remote) and self._remote_allowed()
        cache = self._remote_cache.get(self._message_pk or -1, {}) if allowed else {}
        view = self._view
        self.browser.set_content(html, (lambda cid: self._cid_data(view, cid)), cache, css)
        self.browser.verticalScrollBar().setValue(scroll)
        self._update_remote_bar(remote, allowed)
        if allowed and self._message_pk not in self._remote_cache:
            self._fetch_remote(self._message_pk, list(remote))

    def _message_html(self) -> tuple[str, str, tuple[str, ...]]:
        """(body HTML, style sheet, remote references) of the shown message."""
        view = self._view
        if view is None:
            return "<p><i>" + escape(self.tr("The body of this message is not stored yet.")) + "</i></p>", "", ()
        if not view.has_html:
            return plain_to_html(view.text, frozenset(self._expanded)), "", ()
        parts, styles, remote = [], [], []
        for segment in view.segments:
            if segment.html is not None:
                safe = sanitise_html(segment.html)
                parts.append(safe.html)
                styles.append(safe.css)
                remote += [url for url in safe.remote if url not in remote]
            else:
                parts.append(plain_to_html(segment.plain or "", frozenset(self._expanded)))
        return "".join(parts), "\n".join(styles), tuple(remote)

    def _conversation_html(self) -> str:
        blocks = []
        for pk in self._conversation:
            row = message_by_id(self.store, pk)
            raw = raw_message(self.store, pk)
            text = build_view(raw, row.date).text if raw else ""
            sender = escape(row.from_name or row.from_addr)
            marker = "▶ " if pk == self._message_pk else ""
            blocks.append(f"<div><p>{marker}<b>{sender}</b> &nbsp; {escape(row.date_iso[:16].replace('T', ' '))}"
                          f"</p>{plain_to_html(text, frozenset(self._expanded), prefix=f'm{pk}-')}</div>")
        return "<hr>".join(blocks)

    @staticmethod
    def _cid_data(view: MessageView | None, content_id: str) -> bytes | None:
        found = view.resource(content_id) if view is not None else None
        return found.data() if found is not None else None

    def view_attachments(self) -> list:
        """The attachments listed for the shown message (what the attachment bar offers)."""
        return list(self.attachments.listed)

    # -- remote content ---------------------------------------------------------------------
    def _sender(self) -> str:
        return self._view.envelope.from_addr if self._view is not None else ""

    def _remote_allowed(self) -> bool:
        return self._message_pk in self._allowed_messages or sender_allowed(self.store, self._sender())

    def _update_remote_bar(self, remote: tuple[str, ...], allowed: bool) -> None:
        if not remote or allowed:
            self.remote_bar.hide()
            return
        self.remote_label.setText(self.tr("To protect your privacy, %1 remote images and styles were not loaded.")
                                  .replace("%1", str(len(remote))))
        sender = self._sender()
        self.trust_sender_button.setText(self.tr("Always for this sender"))
        self.trust_sender_button.setToolTip(self.tr("Always load remote content in mail from %1").replace("%1", sender))
        self.trust_sender_button.setVisible(bool(sender))
        self.remote_bar.show()

    def load_remote_for_message(self) -> None:
        if self._message_pk is not None:
            self._allowed_messages.add(self._message_pk)
            self._render()

    def load_remote_always_for_sender(self) -> None:
        if self._sender():
            allow_sender(self.store, self._sender())
            self._render()

    def _fetch_remote(self, message_pk: int, urls: list[str]) -> None:
        def done(fetched: dict[str, bytes]) -> None:
            self._remote_cache[message_pk] = fetched
            while len(self._remote_cache) > MAX_CACHED_REMOTE_MESSAGES:
                self._remote_cache.pop(next(iter(self._remote_cache)))
            if self._message_pk == message_pk and not self._conversation:
                self._render()

        self._remote_cache.pop(message_pk, None)
        run_in_background(self, lambda: fetch_remote(urls), done, lambda _exc: None)

    # -- links ------------------------------------------------------------------------------
    def _link_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == "liaison" and text.startswith("liaison:quote/"):
            self._expanded ^= {text.split("/", 1)[1]}
            self._render()
            return
        if url.scheme() == "mailto":
            self.compose_requested.emit(url.path())
            return
        if link_host(text) is None:
            return  # only web links leave the reader
        for shown in self._links.get(text, []):
            pretended = deceptive_target(shown, text)
            if pretended is not None and not self.confirm_deceptive_link(pretended, text):
                return
        QDesktopServices.openUrl(url)

    def confirm_deceptive_link(self, shown: str, target: str) -> bool:
        answer = QMessageBox.warning(
            self, self.tr("Suspicious link"),
            self.tr("The link text shows %1, but the link goes to:\n\n%2\n\nOpen it anyway?")
            .replace("%1", shown).replace("%2", target),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    # -- source -----------------------------------------------------------------------------
    def source_dialog(self) -> QDialog | None:
        """The original bytes, unchanged (undecodable bytes shown as \\xNN escapes)."""
        if self._raw is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Message Source"))
        text = QPlainTextEdit(dialog)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setPlainText(source_text(self._raw))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(800, 600)
        return dialog
