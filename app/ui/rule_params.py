"""The parameters of a trigger or an action, as a small form of labelled fields.

Each event and each action declares its parameters once (:data:`EVENT_PARAMS`,
:data:`ACTION_PARAMS`): the JSON key, the label, the kind of field (free text, a fixed choice,
a choice that also takes free text, a number, a check box, a time of day) and its default.
:class:`ParamForm` builds the fields and gives back the rule's JSON values: a field left
empty is left out, so the core's defaults apply and its check names what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.automation.rule_format import PRIORITIES, RECORDS, WEEKDAYS
from app.ui import rule_sentences
from app.ui.rule_sentences import PRIORITY_NAMES, RECORD_NAMES, WEEKDAY_NAMES

CONTEXT = "RuleEditor"


@dataclass(frozen=True)
class Param:
    """``kind``: text | choice (fixed) | editable (a choice or free text) | number | check | time.
    ``choices`` are (value, untranslated label) pairs; ``listed`` names a list read from the
    profile and offered after them ("folders", "templates", "accounts")."""

    key: str
    label: str
    kind: str = "text"
    choices: tuple = ()
    default: object = ""
    placeholder: str = ""
    listed: str = ""


def _records(*kinds: str, blank: str | None = None) -> tuple:
    pairs = tuple((kind, RECORD_NAMES[kind]) for kind in kinds)
    return ((("", blank),) + pairs) if blank else pairs


ME = (("me", QT_TRANSLATE_NOOP("RuleEditor", "me")),)
RECORD_FIELDS = tuple((name, name) for name in ("name", "owner", "status", "stage", "amount", "tags", "priority",
                                                "assignee", "title", "industry", "expected_close"))
_ANY_RECORD = _records(*RECORDS, blank=QT_TRANSLATE_NOOP("RuleEditor", "the event's record or customer"))

EVENT_PARAMS: dict[str, list[Param]] = {
    "message_received": [
        Param("folder", QT_TRANSLATE_NOOP("RuleEditor", "In folder"), "editable",
              (("inbox", QT_TRANSLATE_NOOP("RuleEditor", "Inbox")),
               ("any", QT_TRANSLATE_NOOP("RuleEditor", "any folder"))), "inbox", listed="folders"),
        Param("account", QT_TRANSLATE_NOOP("RuleEditor", "Of account"), "editable", (), "",
              QT_TRANSLATE_NOOP("RuleEditor", "any account"), "accounts")],
    "message_sent": [Param("account", QT_TRANSLATE_NOOP("RuleEditor", "From account"), "editable", (), "",
                           QT_TRANSLATE_NOOP("RuleEditor", "any account"), "accounts")],
    "record_created": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _records(*RECORDS),
                             "contact")],
    "field_changed": [
        Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _records(*RECORDS), "deal"),
        Param("field", QT_TRANSLATE_NOOP("RuleEditor", "Field"), "editable", RECORD_FIELDS, "stage"),
        Param("from", QT_TRANSLATE_NOOP("RuleEditor", "Old value"),
              placeholder=QT_TRANSLATE_NOOP("RuleEditor", "any value")),
        Param("to", QT_TRANSLATE_NOOP("RuleEditor", "New value"),
              placeholder=QT_TRANSLATE_NOOP("RuleEditor", "any value"))],
    "overdue": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _records("task", "case"), "task")],
    "no_reply": [Param("after", QT_TRANSLATE_NOOP("RuleEditor", "After"), default="2d",
                       placeholder=QT_TRANSLATE_NOOP("RuleEditor", "e.g. 2d, 48h"))],
    "no_activity": [Param("days", QT_TRANSLATE_NOOP("RuleEditor", "Days"), "number", (), 30),
                    Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice",
                          _records("contact", "company"), "contact")],
    "schedule": [
        Param("every", QT_TRANSLATE_NOOP("RuleEditor", "Every"), "choice",
              (("day", QT_TRANSLATE_NOOP("RuleEditor", "day")), ("week", QT_TRANSLATE_NOOP("RuleEditor", "week"))),
              "day"),
        Param("at", QT_TRANSLATE_NOOP("RuleEditor", "At"), "time", (), "09:00"),
        Param("day", QT_TRANSLATE_NOOP("RuleEditor", "On"), "choice", tuple((d, WEEKDAY_NAMES[d]) for d in WEEKDAYS),
              "monday")],
}

ACTION_PARAMS: dict[str, list[Param]] = {
    "create_case": [
        Param("title", QT_TRANSLATE_NOOP("RuleEditor", "Title"), placeholder="{subject}"),
        Param("priority", QT_TRANSLATE_NOOP("RuleEditor", "Priority"), "choice",
              tuple((p, PRIORITY_NAMES[p]) for p in PRIORITIES), "normal"),
        Param("assignee", QT_TRANSLATE_NOOP("RuleEditor", "Assigned to"), "editable", ME, "me"),
        Param("due_in", QT_TRANSLATE_NOOP("RuleEditor", "Due in"),
              placeholder=QT_TRANSLATE_NOOP("RuleEditor", "e.g. 2d, 4h")),
        Param("description", QT_TRANSLATE_NOOP("RuleEditor", "Description"))],
    "create_task": [Param("title", QT_TRANSLATE_NOOP("RuleEditor", "Title"), placeholder="{subject}"),
                    Param("due_in", QT_TRANSLATE_NOOP("RuleEditor", "Due in"),
                          placeholder=QT_TRANSLATE_NOOP("RuleEditor", "e.g. 2d, 4h")),
                    Param("notes", QT_TRANSLATE_NOOP("RuleEditor", "Notes"))],
    "set_field": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _ANY_RECORD),
                  Param("field", QT_TRANSLATE_NOOP("RuleEditor", "Field"), "editable", RECORD_FIELDS, ""),
                  Param("value", QT_TRANSLATE_NOOP("RuleEditor", "Value"))],
    "add_tag": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _ANY_RECORD),
                Param("tag", QT_TRANSLATE_NOOP("RuleEditor", "Tag"))],
    "assign_owner": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _ANY_RECORD),
                     Param("owner", QT_TRANSLATE_NOOP("RuleEditor", "Owner"), "editable", ME, "me")],
    "return_to_pool": [Param("record", QT_TRANSLATE_NOOP("RuleEditor", "Record"), "choice", _ANY_RECORD)],
    "move_message": [Param("folder", QT_TRANSLATE_NOOP("RuleEditor", "To folder"), "editable", listed="folders")],
    "flag_message": [Param("flagged", QT_TRANSLATE_NOOP("RuleEditor", "Flagged"), "check", (), True)],
    "mark_read": [Param("read", QT_TRANSLATE_NOOP("RuleEditor", "Read"), "check", (), True)],
    "link_customer": [
        Param("contact", QT_TRANSLATE_NOOP("RuleEditor", "Contact"),
              placeholder=QT_TRANSLATE_NOOP("RuleEditor", "email address")),
        Param("company", QT_TRANSLATE_NOOP("RuleEditor", "Company"),
              placeholder=QT_TRANSLATE_NOOP("RuleEditor", "name")),
        Param("deal", QT_TRANSLATE_NOOP("RuleEditor", "Deal"), placeholder=QT_TRANSLATE_NOOP("RuleEditor", "title"))],
    "send_template": [
        Param("template", QT_TRANSLATE_NOOP("RuleEditor", "Template"), "editable", listed="templates"),
        Param("to", QT_TRANSLATE_NOOP("RuleEditor", "To"), "editable",
              (("sender", QT_TRANSLATE_NOOP("RuleEditor", "the sender")),
               ("contact", QT_TRANSLATE_NOOP("RuleEditor", "the contact")),
               ("deal.contact", QT_TRANSLATE_NOOP("RuleEditor", "the deal's contact"))), "sender",
              QT_TRANSLATE_NOOP("RuleEditor", "or an address")),
        Param("account", QT_TRANSLATE_NOOP("RuleEditor", "From account"), "editable", (), "",
              QT_TRANSLATE_NOOP("RuleEditor", "the event's account"), "accounts")],
    "notify": [Param("title", QT_TRANSLATE_NOOP("RuleEditor", "Title")),
               Param("body", QT_TRANSLATE_NOOP("RuleEditor", "Text"))],
}


class ParamForm(QWidget):
    """The fields of one trigger's or action's parameters, two to a line."""

    changed = Signal()

    def __init__(self, params: list[Param], lists: dict[str, list[str]] | None = None, parent=None):
        super().__init__(parent)
        self.params = params
        self.fields: dict[str, QWidget] = {}
        self._types: dict[str, type] = {}  # what kind of value a loaded rule had in a text field
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for index, param in enumerate(params):
            widget = self._field(param, (lists or {}).get(param.listed, []) if param.listed else [])
            widget.setObjectName(f"param-{param.key}")
            self.fields[param.key] = widget
            row, column = divmod(index, 2)
            label = QLabel(QCoreApplication.translate(CONTEXT, param.label))
            label.setBuddy(widget)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        for column in (1, 3):
            grid.setColumnStretch(column, 1)

    def _field(self, param: Param, listed: list[str]) -> QWidget:
        if param.kind == "check":
            box = QCheckBox()
            box.setChecked(bool(param.default))
            box.toggled.connect(lambda _on: self.changed.emit())
            return box
        if param.kind == "number":
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setValue(int(param.default or 1))
            spin.valueChanged.connect(lambda _v: self.changed.emit())
            return spin
        if param.kind == "time":
            time = QTimeEdit(QTime.fromString(str(param.default), "HH:mm"))
            time.setDisplayFormat("HH:mm")
            time.timeChanged.connect(lambda _t: self.changed.emit())
            return time
        if param.kind in ("choice", "editable"):
            combo = QComboBox()
            combo.setEditable(param.kind == "editable")
            self._fill_combo(combo, param, listed)
            if combo.isEditable():
                combo.lineEdit().setPlaceholderText(
                    QCoreApplication.translate(CONTEXT, param.placeholder) if param.placeholder else "")
                combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                combo.editTextChanged.connect(lambda _t: self.changed.emit())
            else:
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            set_combo(combo, param.default)
            return combo
        edit = QLineEdit(str(param.default or ""))
        edit.setPlaceholderText(QCoreApplication.translate(CONTEXT, param.placeholder) if param.placeholder else "")
        edit.textChanged.connect(lambda _t: self.changed.emit())
        return edit

    def set_list(self, name: str, values: list[str]) -> None:
        """Offer the profile's folders, templates or accounts (what is typed stays)."""
        for param in self.params:
            if param.listed != name:
                continue
            combo = self.fields[param.key]
            kept = combo_value(combo)
            combo.blockSignals(True)
            combo.clear()
            self._fill_combo(combo, param, values)
            set_combo(combo, kept)
            combo.blockSignals(False)

    @staticmethod
    def _fill_combo(combo: QComboBox, param: Param, listed: list[str]) -> None:
        for value, text in param.choices:
            # The editor's own labels, or a record, priority or weekday named in RuleSentences.
            shown = QCoreApplication.translate(CONTEXT, text) if text else ""
            if shown == text:
                shown = QCoreApplication.translate(rule_sentences.CONTEXT, text)
            combo.addItem(shown, value)
        for value in listed:
            if combo.findData(value) < 0 and combo.findData(value.lower()) < 0:
                combo.addItem(value, value)

    def values(self) -> dict:
        found = {}
        for param in self.params:
            widget = self.fields[param.key]
            if isinstance(widget, QCheckBox):
                found[param.key] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                found[param.key] = widget.value()
            elif isinstance(widget, QTimeEdit):
                found[param.key] = widget.time().toString("HH:mm")
            elif isinstance(widget, QComboBox):
                value = combo_value(widget)
                if value:
                    found[param.key] = value
            elif widget.text().strip():
                found[param.key] = typed_like(widget.text().strip(), self._types.get(param.key))
        return found

    def set_values(self, values: dict) -> None:
        for key, value in values.items():
            widget = self.fields.get(key)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value) if str(value).isdigit() else widget.value())
            elif isinstance(widget, QTimeEdit):
                widget.setTime(QTime.fromString(str(value), "HH:mm"))
            elif isinstance(widget, QComboBox):
                set_combo(widget, value)
            elif isinstance(widget, QLineEdit):
                self._types[key] = type(value)
                widget.setText(shown_value(value))


def typed_like(text: str, original: type | None):
    """Text typed in a field, given back as the kind of value the rule had there (a number
    stays a number, true/false a boolean), so opening and saving a rule does not change it."""
    try:
        if original is bool and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if original is int:
            return int(text)
        if original is float:
            return float(text)
    except ValueError:
        pass
    return text


def shown_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def combo_value(combo: QComboBox) -> str:
    """The chosen item's value, or in an editable combo the text typed (an item's label → its value)."""
    if not combo.isEditable():
        return combo.currentData() or ""
    text = combo.currentText().strip()
    index = combo.findText(text)
    return combo.itemData(index) if index >= 0 and combo.itemData(index) is not None else text


def set_combo(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index < 0 and isinstance(value, str):
        index = combo.findData(value.lower())  # "Inbox" typed in a file is the Inbox item
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable():
        combo.setEditText("" if value is None else str(value))
