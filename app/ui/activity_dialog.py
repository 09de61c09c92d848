"""Small dialogs for what a salesperson logs: a note, a task, a call, a meeting.

A call and a meeting share one dialog with the fields each needs: what it was about, when,
how long, notes; a meeting also lists who took part (completed from the contacts).  The
dialogs only collect values; the panel writes them as ops.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time as day_time

from PySide6.QtCore import QDate, QDateTime, QTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.record_parts import text_label


@dataclass
class ActivityValues:
    subject: str
    happened_at: int
    duration_minutes: int
    notes: str
    attendees: list[str] = field(default_factory=list)


class _Dialog(QDialog):
    def __init__(self, title: str, about: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(10)
        if about:
            self.layout_.addWidget(text_label(about, secondary=True))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)
        self._check()

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _check(self) -> None:
        self.save_button.setEnabled(self.ready())

    def ready(self) -> bool:
        return True


class NoteDialog(_Dialog):
    def __init__(self, about: str = "", parent: QWidget | None = None):
        super().__init__(self.tr("New Note"), about, parent)
        self.setObjectName("note-dialog")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What should you remember about this customer?"))
        self.text.textChanged.connect(self._check)
        self.layout_.addWidget(self.text, 1)
        self.resize(440, 260)
        self.finish()

    def ready(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def note(self) -> str:
        return self.text.toPlainText().strip()


def _at_nine(day: QDate) -> int:
    moment = datetime.combine(day.toPython(), day_time(9, 0))
    return int(moment.timestamp())


class TaskDialog(_Dialog):
    def __init__(self, about: str = "", parent: QWidget | None = None):
        super().__init__(self.tr("New Task"), about, parent)
        self.setObjectName("task-dialog")
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Send the signed contract"))
        self.title.textChanged.connect(self._check)
        self.due = QDateEdit(QDate.currentDate().addDays(1))
        self.due.setCalendarPopup(True)
        self.no_due = QCheckBox(self.tr("No due date"))
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.no_due)
        self.form.addRow(self.tr("Task"), self.title)
        self.form.addRow(self.tr("Due"), due_row)
        self.resize(420, 0)
        self.finish()

    def ready(self) -> bool:
        return bool(self.title.text().strip())

    def values(self) -> tuple[str, int | None]:
        """(title, due time: 09:00 on the chosen day, or None)."""
        return self.title.text().strip(), None if self.no_due.isChecked() else _at_nine(self.due.date())


class ActivityDialog(_Dialog):
    """Log a call (subject, when, duration, notes) or a meeting (the same, and who took part)."""

    def __init__(self, kind: str, about: str = "", people: list[str] = (), attendees: list[str] = (),
                 parent: QWidget | None = None):
        title = self.tr("Log Call") if kind == "call" else self.tr("Log Meeting")
        super().__init__(title, about, parent)
        self.kind = kind
        self.setObjectName(f"{kind}-dialog")
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("Confirmed the delivery date") if kind == "call"
                                        else self.tr("Visit to see the samples"))
        self.subject.textChanged.connect(self._check)
        now = QDateTime.currentDateTime()
        if kind == "meeting":  # a meeting is usually logged after it, on the hour
            now = QDateTime(now.date(), QTime(now.time().hour(), 0))
        self.when = QDateTimeEdit(now)
        self.when.setCalendarPopup(True)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(5 if kind == "call" else 15)
        self.duration.setValue(10 if kind == "call" else 60)
        self.duration.setSuffix(self.tr(" min"))
        self.form.addRow(self.tr("About"), self.subject)
        self.form.addRow(self.tr("When"), self.when)
        self.form.addRow(self.tr("Duration"), self.duration)
        self.attendees = None
        if kind == "meeting":
            self.attendees = QLineEdit(", ".join(attendees))
            self.attendees.setPlaceholderText(self.tr("Names, separated by commas"))
            if people:
                completer = QCompleter(list(people), self.attendees)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                self.attendees.setCompleter(completer)
            self.form.addRow(self.tr("Attendees"), self.attendees)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes (optional)"))
        self.notes.setMinimumHeight(80)
        self.form.addRow(self.tr("Notes"), self.notes)
        self.resize(460, 0)
        self.finish()

    def ready(self) -> bool:
        return bool(self.subject.text().strip())

    def values(self) -> ActivityValues:
        names = []
        if self.attendees is not None:
            text = self.attendees.text().replace("，", ",").replace("、", ",").replace(";", ",")
            names = [n.strip() for n in text.split(",") if n.strip()]
        happened = self.when.dateTime().toSecsSinceEpoch()
        return ActivityValues(self.subject.text().strip(), int(happened), self.duration.value(),
                              self.notes.toPlainText().strip(), names)
