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

from PySide6.QtCore import QDateTime, QLocale, QUrl, Signal
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

from app.mail.reading.display import PreparedMessage, prepare_conversation, prepare_message
from app.mail.reading.link_check import deceptive_target, link_host, link_texts
from app.mail.reading.message_view import MessageView
from app.mail.reading.reader_html import plain_to_html
from app.mail.reading.remote_fetch import fetch_remote
from app.store.database import Store
from app.store.remote_content import allow_sender
from app.ui.attachment_list import AttachmentList
from app.ui.header_box import HeaderBox
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
    message_shown = Signal(int)  # a message (or the selected one of a conversation) is on screen

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
        self.header_box = HeaderBox(self.header_label)  # a new header lays out the box, not the window
        layout.addWidget(self.header_box)
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
        self._generation = 0
        self._prepared: PreparedMessage | None = None
        self._entries: list = []
        self.shown_pk: int | None = None
        self.clear()

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
        self._generation += 1  # an answer still on its way is for a message no longer wanted
        self._message_pk, self._conversation, self._view, self._raw = None, [], None, None
        self._prepared = None
        self._entries = []
        self.header_label.clear()
        self.header_label.hide()
        self.browser.set_content(self._placeholder_html())
        self.attachments.show_attachments([])
        self.remote_bar.hide()
        self.shown_pk = None

    def _placeholder_html(self) -> str:
        return ("<table width='100%' height='100%'><tr><td align='center' valign='middle' style='color:gray'>"
                + escape(self.tr("Select a message to read it here.")) + "</td></tr></table>")

    def show_message(self, message_pk: int | None) -> None:
        """Show a message: read and prepared on a reader thread, laid out when it arrives."""
        if message_pk is None:
            self.clear()
            return
        if message_pk != self._message_pk or self._conversation:
            self._expanded = set()
        self._generation += 1
        generation = self._generation
        self._message_pk, self._conversation = message_pk, []
        self.ops.view_read(prepare_message, self.store, message_pk).urgent().replacing(self).owned_by(self).success(
            lambda prepared: self._show_prepared(generation, prepared, [])).run()

    def show_conversation(self, message_pks: list[int], selected_pk: int) -> None:
        """Every message of a conversation, oldest first, quoted text collapsed."""
        if len(message_pks) <= 1:
            self.show_message(selected_pk)
            return
        if self._conversation != message_pks:
            self._expanded = set()
        self._generation += 1
        generation = self._generation
        self._message_pk, self._conversation = selected_pk, message_pks
        self.ops.view_read(prepare_conversation, self.store, message_pks, selected_pk).urgent().replacing(
            self).owned_by(self).success(
            lambda prepared: self._show_prepared(generation, prepared.selected, prepared.entries)).run()

    def _show_prepared(self, generation: int, prepared: PreparedMessage, entries: list) -> None:
        if generation != self._generation:
            return  # the user has moved on to another message
        self._prepared, self._entries = prepared, entries
        self._raw, self._view = prepared.raw, prepared.view
        row = prepared.row
        if entries:
            self.header_label.setText(
                "<div style='font-size:large'><b>" + escape(row.subject or self.tr("(no subject)")) + "</b></div>"
                + escape(self.tr("%n message(s) in this conversation", "", len(entries))))
        else:
            self._set_header(row.from_name, row.from_addr, row.to, row.cc, row.date, row.subject)
        self.header_label.show()
        self.attachments.show_attachments(self._view.attachments if self._view else [])
        self._render()
        self.shown_pk = row.id
        self.message_shown.emit(row.id)

    def _set_header(self, from_name, from_addr, to, cc, date, subject) -> None:
        """Thunderbird's layout: the subject large, the sender in bold with the date on the
        right, then To and Cc in smaller type."""
        def people(pairs):
            return ", ".join(escape(f"{n} <{a}>" if n else a) for n, a in pairs)

        when = QDateTime.fromSecsSinceEpoch(int(date)).toLocalTime()
        locale = QLocale()
        # The "C" locale (LANG=C) formats dates oddly ("27 11 2026"): ISO reads better there.
        date_text = (when.toString("yyyy-MM-dd HH:mm") if locale.language() == QLocale.Language.C
                     else locale.toString(when, QLocale.FormatType.ShortFormat))
        sender = (f"<b>{escape(from_name)}</b> &lt;{escape(from_addr)}&gt;" if from_name
                  else f"<b>{escape(from_addr)}</b>")
        rows = [f"<tr><td>{sender}</td><td align='right' style='color:gray'>{escape(date_text)}</td></tr>"]
        small = "<tr><td colspan='2' style='color:gray'>{}</td></tr>"
        rows.append(small.format(escape(self.tr("To: %1")).replace("%1", people(to) or "—")))
        if cc:
            rows.append(small.format(escape(self.tr("Cc: %1")).replace("%1", people(cc))))
        self.header_label.setText(
            "<div style='font-size:large'><b>" + escape(subject or self.tr("(no subject)")) + "</b></div>"
            "<table width='100%' cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")

    def _render(self) -> None:
        prepared = self._prepared
        if prepared is None:
            return
        scroll = self.browser.verticalScrollBar().value()
        if self._entries:
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
        prepared = self._prepared
        if prepared.view is None:
            return "<p><i>" + escape(self.tr("The body of this message is not stored yet.")) + "</i></p>", "", ()
        expanded = frozenset(self._expanded)
        html = "".join(part.html if part.html is not None else plain_to_html(part.text or "", expanded)
                       for part in prepared.parts)
        return html, prepared.css, prepared.remote

    def _conversation_html(self) -> str:
        blocks = []
        for entry in self._entries:
            marker = "▶ " if entry.message_pk == self._message_pk else ""
            blocks.append(f"<div><p>{marker}<b>{escape(entry.sender)}</b> &nbsp; "
                          f"{escape(entry.date_iso[:16].replace('T', ' '))}</p>"
                          f"{plain_to_html(entry.text, frozenset(self._expanded), prefix=f'm{entry.message_pk}-')}</div>")
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
        trusted = self._prepared is not None and self._prepared.sender_trusted
        return self._message_pk in self._allowed_messages or trusted

    def _update_remote_bar(self, remote: tuple[str, ...], allowed: bool) -> None:
        if not remote or allowed:
            self.remote_bar.hide()
            return
        self.remote_label.setText(self.tr("To protect your privacy, %n remote image(s) or style(s) were not "
                                          "loaded.", "", len(remote)))
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
        sender, prepared = self._sender(), self._prepared
        if not sender or prepared is None:
            return

        def allowed(_none) -> None:
            prepared.sender_trusted = True
            if self._prepared is prepared:
                self._render()
        self.ops.write(allow_sender, self.store, sender).owned_by(self).success(allowed).run()

    def _fetch_remote(self, message_pk: int, urls: list[str]) -> None:
        def done(fetched: dict[str, bytes]) -> None:
            self._remote_cache[message_pk] = fetched
            while len(self._remote_cache) > MAX_CACHED_REMOTE_MESSAGES:
                self._remote_cache.pop(next(iter(self._remote_cache)))
            if self._message_pk == message_pk and not self._entries:
                self._render()

        self._remote_cache.pop(message_pk, None)
        self.ops.call(fetch_remote, urls).owned_by(self).success(done).failure(lambda _exc: None).run()

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
