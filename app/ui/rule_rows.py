"""The rows of the rule editor: a condition (field, operator, value) and an action (its kind
and the fields of its parameters).

A row gives back its part of the rule's JSON (:meth:`ConditionRow.condition`,
:meth:`ActionRow.action`); values keep the kind the loaded rule had (a number stays a number).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.automation.rule_format import ACTION_KEYS, OPS
from app.ui.rule_params import ACTION_PARAMS, ParamForm, combo_value, set_combo, shown_value, typed_like
from app.ui.rule_sentences import ACTION_LABELS, OP_LABELS, label

# Fields a condition can ask about (app.automation.facts); any other text is a custom field.
KNOWN_FIELDS = (
    ("from", QT_TRANSLATE_NOOP("RuleEditor", "Sender address")),
    ("from_name", QT_TRANSLATE_NOOP("RuleEditor", "Sender name")),
    ("domain", QT_TRANSLATE_NOOP("RuleEditor", "Sender's domain")),
    ("to", QT_TRANSLATE_NOOP("RuleEditor", "To")),
    ("cc", QT_TRANSLATE_NOOP("RuleEditor", "Cc")),
    ("recipient", QT_TRANSLATE_NOOP("RuleEditor", "Any recipient")),
    ("subject", QT_TRANSLATE_NOOP("RuleEditor", "Subject")),
    ("body", QT_TRANSLATE_NOOP("RuleEditor", "Text")),
    ("has_attachment", QT_TRANSLATE_NOOP("RuleEditor", "Has an attachment")),
    ("folder", QT_TRANSLATE_NOOP("RuleEditor", "Folder")),
    ("account", QT_TRANSLATE_NOOP("RuleEditor", "Account")),
    ("customer.name", QT_TRANSLATE_NOOP("RuleEditor", "Customer: name")),
    ("customer.tags", QT_TRANSLATE_NOOP("RuleEditor", "Customer: tags")),
    ("customer.owner", QT_TRANSLATE_NOOP("RuleEditor", "Customer: owner")),
    ("contact.email", QT_TRANSLATE_NOOP("RuleEditor", "Contact: email address")),
    ("contact.title", QT_TRANSLATE_NOOP("RuleEditor", "Contact: job title")),
    ("company.name", QT_TRANSLATE_NOOP("RuleEditor", "Company: name")),
    ("company.industry", QT_TRANSLATE_NOOP("RuleEditor", "Company: industry")),
    ("company.tags", QT_TRANSLATE_NOOP("RuleEditor", "Company: tags")),
    ("deal.title", QT_TRANSLATE_NOOP("RuleEditor", "Deal: title")),
    ("deal.stage", QT_TRANSLATE_NOOP("RuleEditor", "Deal: stage")),
    ("deal.amount", QT_TRANSLATE_NOOP("RuleEditor", "Deal: amount")),
    ("deal.status", QT_TRANSLATE_NOOP("RuleEditor", "Deal: status")),
    ("deal.owner", QT_TRANSLATE_NOOP("RuleEditor", "Deal: owner")),
    ("case.status", QT_TRANSLATE_NOOP("RuleEditor", "Case: status")),
    ("case.priority", QT_TRANSLATE_NOOP("RuleEditor", "Case: priority")),
    ("task.title", QT_TRANSLATE_NOOP("RuleEditor", "Task: title")),
    ("record.name", QT_TRANSLATE_NOOP("RuleEditor", "The record: name")),
    ("record.status", QT_TRANSLATE_NOOP("RuleEditor", "The record: status")),
    ("field", QT_TRANSLATE_NOOP("RuleEditor", "The changed field")),
    ("old", QT_TRANSLATE_NOOP("RuleEditor", "Old value")),
    ("new", QT_TRANSLATE_NOOP("RuleEditor", "New value")),
)

class ConditionRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.field = QComboBox()
        self.field.setEditable(True)
        self.field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.field.setToolTip(self.tr("A field the rule looks at; type a custom field's key (e.g. tier)"))
        for key, text in KNOWN_FIELDS:
            self.field.addItem(QCoreApplication.translate("RuleEditor", text), key)
        set_combo(self.field, "subject")
        self.op = QComboBox()
        for op in OPS:
            self.op.addItem(label(OP_LABELS, op), op)
        self._types: type | list | None = None  # the kind of value a loaded rule had
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("value (for “is one of”: a, b, c)"))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove this condition"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 3)
        layout.addWidget(self.op, 2)
        layout.addWidget(self.value, 4)
        layout.addWidget(self.remove)
        self.field.editTextChanged.connect(lambda _t: self.changed.emit())
        self.op.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.value.textChanged.connect(lambda _t: self.changed.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_condition(self, node: dict) -> None:
        set_combo(self.field, node.get("field", ""))
        set_combo(self.op, node.get("op", "contains"))
        value = node.get("value", "")
        self._types = [type(v) for v in value] if isinstance(value, list) else type(value)
        self.value.setText(", ".join(shown_value(v) for v in value) if isinstance(value, list) else shown_value(value))

    def condition(self) -> dict | None:
        field = combo_value(self.field)
        text = self.value.text().strip()
        if not text:
            return None  # a row without a value is no condition (yet)
        op = self.op.currentData()
        if op == "in":
            parts = [part.strip() for part in text.split(",") if part.strip()]
            kinds = self._types if isinstance(self._types, list) else []
            value = [typed_like(part, kinds[i] if i < len(kinds) else None) for i, part in enumerate(parts)]
        else:
            value = typed_like(text, self._types if isinstance(self._types, type) else None)
        return {"field": field, "op": op, "value": value}


class ActionRow(QFrame):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, lists: dict[str, list[str]], parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lists = lists
        self.kind = QComboBox()
        for name in ACTION_KEYS:
            self.kind.addItem(label(ACTION_LABELS, name), name)
        set_combo(self.kind, "create_case")  # the most common first step
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove this action"))
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.remove)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.layout_.addLayout(top)
        self.form = ParamForm(ACTION_PARAMS[self.kind.currentData()], lists)
        self.form.changed.connect(self.changed)
        self.layout_.addWidget(self.form)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def _kind_changed(self) -> None:
        kept = self.form.values()
        self.layout_.removeWidget(self.form)
        self.form.hide()  # gone from sight now; deleted when the event loop gets to it
        self.form.deleteLater()
        self.form = ParamForm(ACTION_PARAMS[self.kind.currentData()], self.lists)
        self.form.set_values({key: value for key, value in kept.items() if key in self.form.fields})
        self.form.changed.connect(self.changed)
        self.layout_.addWidget(self.form)
        self.changed.emit()

    def set_action(self, item: dict) -> None:
        set_combo(self.kind, item.get("action"))
        self.form.set_values({key: value for key, value in item.items() if key != "action"})

    def action(self) -> dict:
        return {"action": self.kind.currentData(), **self.form.values()}
