"""What the Cases view, the customer panel and the message actions share about service cases:
the words for statuses and priorities, their colours, writing a case as an op, the New Case
dialog, the dialog that picks an open case for a message, and the customer panel's case rows.

Nothing here runs SQL: lists are read with ``ops.read`` and every change is an ``ops.write``
whose change set (records, with the case's kind and UUID) refreshes every view that shows it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.crm import cases
from app.crm.cases import CaseSummary
from app.crm.customer_lists import company_rows, contact_rows
from app.crm.customers import contact_by_email
from app.services.events import RECORDS, ChangeSet
from app.store.database import Store
from app.ui.deal_parts import readable_locale, when_text
from app.ui.icons import icon
from app.ui.ops import Op, OpResult, Ops
from app.ui.record_parts import BODY, GAP, OVERDUE, SMALL, Badge, _ClickableRow, text_label

UUID_ROLE = Qt.ItemDataRole.UserRole
STATUS_WORDS = {"new": QT_TRANSLATE_NOOP("Cases", "New"), "open": QT_TRANSLATE_NOOP("Cases", "Open"),
                "waiting": QT_TRANSLATE_NOOP("Cases", "Waiting"), "solved": QT_TRANSLATE_NOOP("Cases", "Solved"),
                "closed": QT_TRANSLATE_NOOP("Cases", "Closed")}
PRIORITY_WORDS = {"low": QT_TRANSLATE_NOOP("Cases", "Low"), "normal": QT_TRANSLATE_NOOP("Cases", "Normal"),
                  "high": QT_TRANSLATE_NOOP("Cases", "High"), "urgent": QT_TRANSLATE_NOOP("Cases", "Urgent")}
# Colours that read on light and dark backgrounds; normal and low are drawn in the text colour.
PRIORITY_COLOURS = {"urgent": QColor("#d0453a"), "high": QColor("#c77d12")}
STATUS_COLOURS = {"new": QColor("#2f7bd9"), "open": QColor("#1f8a8a"), "waiting": QColor("#c77d12"),
                  "solved": QColor("#2a9d6f"), "closed": QColor("#8c8c8c")}


# Written out as translate("Cases", "text") at every call: pyside6-lupdate files a bare tr("text")
# under no context, where the window never looks.  tr() is for the words marked above.
translate = QCoreApplication.translate


def tr(text: str) -> str:
    return QCoreApplication.translate("Cases", text)


def status_text(status: str) -> str:
    return tr(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def priority_text(priority: str) -> str:
    return tr(PRIORITY_WORDS[priority]) if priority in PRIORITY_WORDS else priority


def short_when(stamp: int, locale: QLocale | None = None) -> str:
    """A moment in a list: the time today, else the date (with the time when it is a due moment)."""
    moment = QDateTime.fromSecsSinceEpoch(int(stamp))
    if moment.date() == QDateTime.currentDateTime().date():
        return readable_locale(locale).toString(moment.time(), QLocale.FormatType.ShortFormat)
    return when_text(stamp, locale, with_time=False)


def due_text(case: CaseSummary, locale: QLocale | None = None, long: bool = False) -> str:
    """When the case is due ("" without a date); ``long`` says so when it is overdue."""
    if case.due_at is None:
        return ""
    text = when_text(case.due_at, locale) if long else short_when(case.due_at, locale)
    return translate("Cases", "{when} (overdue)").format(when=text) if long and case.overdue() else text


def case_line(case: CaseSummary) -> str:
    """A case in one line, for pickers: title · customer · status."""
    return " · ".join(p for p in (case.title, case.customer, status_text(case.status)) if p)


# -- writing ------------------------------------------------------------------------------------------
def case_write(ops: Ops, fn, *args, case_uuid: str | None = None, **kwargs) -> Op:
    """``fn`` on the writer thread, answered with a change set naming the case (records)."""

    def run():
        value = fn(*args, **kwargs)
        uuid = case_uuid or (value if isinstance(value, str) else None)
        return OpResult(value, ChangeSet.of(RECORDS, records={("case", uuid)} if uuid else ()))
    run.__qualname__ = getattr(fn, "__qualname__", "case_write")
    return ops.write(run)


# -- reading for the dialogs (reader threads) ----------------------------------------------------------
@dataclass(frozen=True)
class CustomerChoice:
    label: str
    contact_id: int | None
    company_id: int | None


def customer_choices(store: Store) -> list[CustomerChoice]:
    """Contacts (with their company) and companies a new case can be for."""
    found = [CustomerChoice(" · ".join(p for p in (row.name or row.email, row.company, row.email) if p), row.id, None)
             for row in contact_rows(store)]
    found += [CustomerChoice(row.name, None, row.id) for row in company_rows(store)]
    return found


@dataclass
class Filing:
    """What File on Case needs about a message: its Message-ID, subject, customer, and the open
    cases it could go on (its customer's first)."""

    key: str
    subject: str
    contact_id: int | None
    company_id: int | None
    customer: str
    open_cases: list[CaseSummary]


def filing_choices(store: Store, message_pk: int) -> Filing:
    from app.store.crm_models import Company, Contact
    from app.store.models import Message

    open_cases = cases.list_cases(store, open_only=True)
    with store.read() as session:
        message = session.get(Message, message_pk)
        customer = cases.customer_of_message(session, message_pk)
        if message is not None and customer["contact_id"] is None and customer["company_id"] is None:
            sender = contact_by_email(session, (message.from_addr or "").lower())  # not linked yet
            if sender is not None:
                customer.update(contact_id=sender.id, company_id=sender.company_id)
        record = (session.get(Contact, customer["contact_id"]) if customer["contact_id"]
                  else session.get(Company, customer["company_id"]) if customer["company_id"] else None)
        name = record.name if record is not None else ""
        key, subject = (message.message_id or "", message.subject or "") if message is not None else ("", "")
    mine = [c for c in open_cases if (customer["contact_id"] and c.contact_id == customer["contact_id"])
            or (customer["company_id"] and c.company_id == customer["company_id"])]
    return Filing(key, subject, customer["contact_id"], customer["company_id"], name,
                  mine + [c for c in open_cases if c not in mine])


def file_messages(store: Store, case_uuid: str, message_pks: list[int]) -> int:
    """File these messages on the case (on the writer thread); how many were added."""
    added = 0
    for pk in message_pks:
        key = cases.message_key(store, pk)
        if key and cases.file_message(store, case_uuid, key):
            added += 1
    return added


# -- dialogs ------------------------------------------------------------------------------------------
class DueEdit(QWidget):
    """A due moment that may be absent: a check box and a date and time."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(self.tr("Due"))
        self.check.setToolTip(self.tr("Whether the case has a due date"))
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(readable_locale(None).dateTimeFormat(QLocale.FormatType.ShortFormat))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateTimeChanged.connect(lambda _when: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.set_value(None)

    def set_value(self, stamp: int | None) -> None:
        for widget in (self.check, self.edit):
            widget.blockSignals(True)
        self.check.setChecked(stamp is not None)
        self.edit.setEnabled(stamp is not None)
        default = QDateTime.currentDateTime().addDays(1)
        default.setTime(default.time().fromString("17:00", "HH:mm"))
        self.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(stamp)) if stamp is not None else default)
        for widget in (self.check, self.edit):
            widget.blockSignals(False)

    def value(self) -> int | None:
        return int(self.edit.dateTime().toSecsSinceEpoch()) if self.check.isChecked() else None


def fill_combo(combo: QComboBox, words: dict[str, str]) -> None:
    for key, text in words.items():
        combo.addItem(tr(text), key)


class NewCaseDialog(QDialog):
    """New Case: a title, the customer (pre-filled from a contact, a company or a message), the
    priority, who handles it, when it is due and what it is about.  ``created(uuid)`` once written."""

    created = Signal(str)

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None, *, contact_id: int | None = None,
                 company_id: int | None = None, customer: str = "", title: str = "", messages: list[str] = ()):
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.setWindowTitle(self.tr("New Case"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._messages = list(messages)
        self._prefilled = CustomerChoice(customer, contact_id, company_id) if (contact_id or company_id) else None
        self.title = QLineEdit(title)
        self.title.setPlaceholderText(self.tr("What the customer needs"))
        self.customer = QComboBox()
        self.customer.setEditable(True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.customer.lineEdit().setPlaceholderText(self.tr("No customer"))
        completer = self.customer.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.customer.addItem("", None)
        if self._prefilled is not None:
            self.customer.addItem(customer, self._prefilled)
            self.customer.setCurrentIndex(1)
        self.priority = QComboBox()
        fill_combo(self.priority, PRIORITY_WORDS)
        self.priority.setCurrentIndex(list(PRIORITY_WORDS).index("normal"))
        self.assignee = QLineEdit()
        self.assignee.setPlaceholderText(self.tr("Email address of who handles it"))
        self.due = DueEdit()
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What happened, what was promised…"))
        self.description.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Assignee"), self.assignee)
        form.addRow("", self.due)
        form.addRow(self.tr("Description"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Open Case"))
        self.save_button.clicked.connect(lambda: self._save())
        buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        self.save_button.setEnabled(bool(title.strip()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self._messages:
            note = text_label(self.tr("The message is filed on the new case."), SMALL, secondary=True)
            layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(480, 420)
        if self._prefilled is None:
            self.ops.read(customer_choices, store).owned_by(self).success(self._choices).run()

    def _choices(self, choices: list[CustomerChoice]) -> None:
        typed = self.customer.currentText()
        for choice in choices:
            self.customer.addItem(icon("contact" if choice.contact_id else "company"), choice.label, choice)
        self.customer.setEditText(typed)

    def chosen_customer(self) -> CustomerChoice | None:
        text = self.customer.currentText().strip()
        if not text:
            return None
        index = self.customer.findText(text, Qt.MatchFlag.MatchExactly)
        return self.customer.itemData(index) if index > 0 else None

    def _save(self) -> None:
        title = self.title.text().strip()
        if not title:
            return
        customer = self.chosen_customer()
        if self.customer.currentText().strip() and customer is None:
            self.customer.setFocus()
            self.customer.lineEdit().selectAll()
            self.customer.setToolTip(self.tr("Pick a contact or a company from the list, or leave it empty"))
            return
        self.save_button.setEnabled(False)

        def done(uuid: str) -> None:
            self.created.emit(uuid)
            self.accept()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.ops.present_error(error)
        case_write(self.ops, cases.open_case, self.store, title, priority=self.priority.currentData(),
                   assignee=self.assignee.text().strip(), due_at=self.due.value(),
                   description=self.description.toPlainText().strip(),
                   contact_id=customer.contact_id if customer else None,
                   company_id=customer.company_id if customer else None,
                   messages=self._messages).owned_by(self).success(done).failure(failed).run()


class CasePicker(QDialog):
    """File on Case: which open case the message is about (or a new case for it)."""

    NEW_CASE = 2  # the dialog's result when New Case… was clicked

    def __init__(self, open_cases: list[CaseSummary], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("File on Case"))
        self.list = QListWidget()
        for case in open_cases:
            item = QListWidgetItem(case_line(case))
            item.setData(UUID_ROLE, case.uuid)
            item.setToolTip(case.title)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.empty = text_label(self.tr("No open cases: open a new one for this message."), SMALL, secondary=True)
        self.empty.setVisible(not open_cases)
        self.list.setVisible(bool(open_cases))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("File"))
        self.new_button = buttons.addButton(self.tr("New Case…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.clicked.connect(lambda: self.done(self.NEW_CASE))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.ok_button.setEnabled(row >= 0))
        self.ok_button.setEnabled(False)
        if open_cases:
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(self.tr("File the message on which case?")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(460, 340)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(UUID_ROLE) if item is not None else None


# -- the customer panel's rows -------------------------------------------------------------------------
class CaseRowWidget(_ClickableRow):
    """A case at a glance: title, then status · priority · due; overdue in red."""

    def __init__(self, case: CaseSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.case = case
        self.setToolTip(translate("Cases", "Open the case"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        mark = QLabel()
        mark.setPixmap(icon("inbox", STATUS_COLOURS.get(case.status, QColor("#6b7a8c")).name()).pixmap(18, 18))
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = text_label(case.title, BODY, QFont.Weight.DemiBold)
        parts = [priority_text(case.priority)]
        if case.due_at is not None and case.status in cases.OPEN_STATUSES:
            parts.append(translate("Cases", "due {when}").format(when=due_text(case, long=True)))
        self.meta = text_label(" · ".join(parts), SMALL, secondary=not case.overdue())
        if case.overdue():
            self.meta.setStyleSheet(f"color: {OVERDUE.name()};")
        text.addWidget(self.title)
        text.addWidget(self.meta)
        layout.addWidget(mark)
        layout.addLayout(text, 1)
        self.badge = Badge()
        self.badge.set_badge(status_text(case.status), "case", STATUS_COLOURS.get(case.status))
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)


class CaseList(QWidget):
    case_activated = Signal(str)  # the case's UUID

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[CaseRowWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(GAP)

    def set_cases(self, found: list[CaseSummary]) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
            self._layout.removeWidget(row)
        self.rows = []
        for case in found:
            row = CaseRowWidget(case, self)
            row.clicked.connect(lambda u=case.uuid: self.case_activated.emit(u))
            self._layout.addWidget(row)
            row.show()
            self.rows.append(row)

    def count(self) -> int:
        return len(self.rows)


def now() -> int:
    return int(time.time())
