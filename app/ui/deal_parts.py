"""Pieces of the deal editor: the expected-close field, the loss-reason question, and the tabs
beside the form (the deal's notes, its linked mail, its history)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont
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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm.history import Version
from app.crm.timeline import Entry
from app.ui.icons import icon, kind_icon
from app.ui.money import format_money

NO_DATE = QDate(2000, 1, 1)  # the date edit's "no date" (shown as its special text)
MESSAGE_ROLE = Qt.ItemDataRole.UserRole
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ORDER = ("title", "stage_id", "status", "amount", "currency", "expected_close", "contact_id", "company_id",
               "owner", "custom.lost_reason")


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


def lost_reasons(owner: QWidget) -> list[str]:
    """The usual reasons a deal is lost, offered first (any other words can be typed)."""
    return [owner.tr("Price too high"), owner.tr("Went with a competitor"), owner.tr("No budget"),
            owner.tr("No decision made"), owner.tr("Timing"), owner.tr("Requirements not met"),
            owner.tr("Stopped answering")]


class LostReasonDialog(QDialog):
    """Asks why a deal was lost (a few usual reasons, or the user's own words)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as Lost"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(lost_reasons(self))
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
    """Notes (write one, read them), linked mail (open one), history (restore a version)."""

    note_written = Signal(str)
    message_requested = Signal(int)
    restore_requested = Signal(int)  # a version number

    def __init__(self, locale: QLocale | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.locale = locale
        self.currency = ""  # the deal's, for amounts in the history
        self._newest = 0
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
        self.history = QTreeWidget()
        self.history.setHeaderHidden(True)
        self.history.setIndentation(14)
        self.history.currentItemChanged.connect(lambda *_: self._version_selected())
        self.restore_button = QPushButton(icon("undo"), self.tr("Restore This Version"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        self.addTab(self._page(self.note_text, self._right(self.add_note_button), self.notes), icon("note"),
                    self.tr("Notes"))
        self.addTab(self.mail, icon("mail"), self.tr("Mail"))
        self.addTab(self._page(self.history, self._right(self.restore_button)), icon("reopen"), self.tr("History"))

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
                layout.addWidget(part, 1 if isinstance(part, (QListWidget, QTreeWidget)) else 0)
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

    # -- history ----------------------------------------------------------------------------------------
    def _field_label(self, name: str) -> str:
        return {"title": self.tr("Title"), "stage_id": self.tr("Stage"), "status": self.tr("Status"),
                "amount": self.tr("Value"), "currency": self.tr("Currency"),
                "expected_close": self.tr("Expected close"), "contact_id": self.tr("Contact"),
                "company_id": self.tr("Company"), "owner": self.tr("Owner"),
                "custom.lost_reason": self.tr("Loss reason")}.get(name, name)

    def _value_text(self, name: str, value) -> str:
        if value in (None, ""):
            return self.tr("(empty)")
        if name == "status":
            return {"open": self.tr("Open"), "won": self.tr("Won"), "lost": self.tr("Lost")}.get(value, value)
        if name == "amount" and self.currency:
            return format_money(str(value), self.currency, self.locale)
        return str(value)

    def _change_text(self, change: dict) -> str:
        if change["field"] == "*":
            event = change["new"]
            return {"created": self.tr("Deal added"), "deleted": self.tr("Deal deleted")}.get(
                event if isinstance(event, str) else "", self.tr("Deal brought back"))
        return self.tr("{field}: {old} → {new}").format(
            field=self._field_label(change["field"]), old=self._value_text(change["field"], change["old"]),
            new=self._value_text(change["field"], change["new"]))

    def show_history(self, history: list[Version]) -> None:
        """The versions, newest first, each with what changed in it."""
        self.history.clear()
        self._newest = history[0].number if history else 0
        origins = {"local": self.tr("by you"), "import": self.tr("imported"), "merge": self.tr("merged"),
                   "restore": self.tr("restored"), "erase": self.tr("erased")}
        for version in history:
            top = QTreeWidgetItem([self.tr("Version {number} · {when} · {origin}").format(
                number=version.number, when=when_text(version.at, self.locale),
                origin=origins.get(version.origin, version.origin))])
            top.setData(0, VERSION_ROLE, version.number)
            font = QFont(top.font(0))
            font.setWeight(QFont.Weight.Bold)
            top.setFont(0, font)
            changes = sorted(version.changes, key=lambda c: -1 if c["field"] == "*" else
                             FIELD_ORDER.index(c["field"]) if c["field"] in FIELD_ORDER else len(FIELD_ORDER))
            for change in changes:
                text = self._change_text(change)
                child = QTreeWidgetItem([text])
                child.setData(0, VERSION_ROLE, version.number)
                child.setToolTip(0, text)
                top.addChild(child)
            self.history.addTopLevelItem(top)
            top.setExpanded(True)
        self.restore_button.setEnabled(False)

    def _selected_version(self) -> int | None:
        item = self.history.currentItem()
        return item.data(0, VERSION_ROLE) if item is not None else None

    def _version_selected(self) -> None:
        number = self._selected_version()
        self.restore_button.setEnabled(bool(number) and number != self._newest)

    def _restore(self) -> None:
        number = self._selected_version()
        if number:
            self.restore_requested.emit(int(number))
