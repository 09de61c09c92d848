"""Pieces of the deal editor: the expected-close field, the loss-reason question, and the tabs
beside the form (the deal's notes, its linked mail, its history)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.crm.timeline import Entry
from app.ui.icons import icon, kind_icon

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
NO_DATE = QDate(2000, 1, 1)  # the date edit's "no date" (shown as its special text)
MESSAGE_ROLE = Qt.ItemDataRole.UserRole


def readable_locale(locale: QLocale | None) -> QLocale:
    locale = locale if locale is not None else QLocale()
    return QLocale("en_US") if locale.language() == QLocale.Language.C else locale


def when_text(stamp: int, locale: QLocale | None, with_time: bool = True) -> str:
    """A moment as the locale writes it, short (``11/30/26, 10:32 AM``, ``2026/11/30 10:32``)."""
    locale = readable_locale(locale)
    moment = QDateTime.fromSecsSinceEpoch(int(stamp))
    if not with_time:
        return locale.toString(moment.date(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


class CloseDateEdit(QDateEdit):
    """A date that may be empty ("No date"); clicking an empty one starts at today."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setDate(NO_DATE)
        self.setDisplayFormat("yyyy-MM-dd")

    def iso(self) -> str:
        return "" if self.date() == NO_DATE else self.date().toString("yyyy-MM-dd")

    def set_iso(self, text: str) -> None:
        date = QDate.fromString(text, "yyyy-MM-dd") if text else NO_DATE
        self.setDate(date if date.isValid() else NO_DATE)

    def clear_date(self) -> None:
        self.setDate(NO_DATE)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.date() == NO_DATE:
            self.setDate(QDate.currentDate())
        super().mousePressEvent(event)


def lost_reasons() -> list[str]:
    """The usual reasons a deal is lost, offered first (any other words can be typed).

    One context for both dialogs that offer them; ``widget.tr()`` would be looked up under the
    widget's class while lupdate files it under the variable's name, so it was never found."""
    return [translate("LostReasons", "Price too high"), translate("LostReasons", "Went with a competitor"),
            translate("LostReasons", "No budget"), translate("LostReasons", "No decision made"),
            translate("LostReasons", "Timing"), translate("LostReasons", "Requirements not met"),
            translate("LostReasons", "Stopped answering")]


class LostReasonDialog(QDialog):
    """Asks why a deal was lost (a few usual reasons, or the user's own words)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as Lost"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(lost_reasons())
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText(self.tr("Why was it lost?"))
        question = QLabel(self.tr("Why was “{title}” lost?").format(title=title))
        question.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Mark as Lost"))
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.currentTextChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def text(self) -> str:
        return self.reason.currentText().strip()

    @classmethod
    def ask(cls, title: str, parent: QWidget | None = None) -> str | None:
        """The reason given, or None when the user cancelled."""
        dialog = cls(title, parent)
        try:
            return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class DealTabs(QTabWidget):
    """Notes (write one, read them), linked mail (open one), history (the team's versions when
    signed in, restore one: :class:`app.ui.history_view.RecordHistoryView`)."""

    note_written = Signal(str)
    message_requested = Signal(int)

    def __init__(self, history_view: QWidget, locale: QLocale | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.locale = locale
        self.setDocumentMode(True)
        self.note_text = QPlainTextEdit()
        self.note_text.setPlaceholderText(self.tr("Write a note about this deal…"))
        self.note_text.setFixedHeight(70)
        self.add_note_button = QPushButton(icon("note"), self.tr("Add Note"))
        self.add_note_button.setEnabled(False)
        self.note_text.textChanged.connect(
            lambda: self.add_note_button.setEnabled(bool(self.note_text.toPlainText().strip())))
        self.add_note_button.clicked.connect(self._write_note)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setSpacing(2)
        self.mail = QListWidget()
        self.mail.setWordWrap(True)
        self.mail.setSpacing(2)
        self.mail.itemDoubleClicked.connect(self._open_message)
        self.mail.itemActivated.connect(self._open_message)
        self.history_view = history_view
        self.addTab(self._page(self.note_text, self._right(self.add_note_button), self.notes), icon("note"),
                    self.tr("Notes"))
        self.addTab(self.mail, icon("mail"), self.tr("Mail"))
        self.addTab(history_view, icon("reopen"), self.tr("History"))

    @staticmethod
    def _right(button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        return row

    @staticmethod
    def _page(*parts) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        for part in parts:
            if isinstance(part, QHBoxLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part, 1 if isinstance(part, QListWidget) else 0)
        return page

    # -- notes and mail --------------------------------------------------------------------------------
    def show_entries(self, entries: list[Entry]) -> None:
        self.notes.clear()
        self.mail.clear()
        for entry in entries:
            when = when_text(entry.at, self.locale)
            if entry.kind == "email":
                item = QListWidgetItem(kind_icon("mail-in"), f"{entry.title}\n{entry.detail} · {when}")
                item.setData(MESSAGE_ROLE, entry.key)
                item.setToolTip(self.tr("Double-click to open the message"))
                self.mail.addItem(item)
            else:
                text = entry.detail if entry.kind == "note" else entry.title
                self.notes.addItem(QListWidgetItem(kind_icon(entry.kind), f"{text}\n{when}"))
        if not self.notes.count():
            placeholder = QListWidgetItem(self.tr("No notes yet. What was agreed, what the customer asked for: "
                                                  "write it above."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addItem(placeholder)
        count = len([e for e in entries if e.kind == "email"])
        if not count:
            placeholder = QListWidgetItem(self.tr("No mail is linked to this deal yet. Link a message from the "
                                                  "customer panel beside the reader."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.mail.addItem(placeholder)
        self.setTabText(1, self.tr("Mail ({count})").format(count=count))

    def note_saved(self) -> None:
        self.note_text.clear()

    def _write_note(self) -> None:
        body = self.note_text.toPlainText().strip()
        if body:
            self.add_note_button.setEnabled(False)
            self.note_written.emit(body)

    def _open_message(self, item: QListWidgetItem) -> None:
        message = item.data(MESSAGE_ROLE)
        if message is not None:
            self.message_requested.emit(int(message))
