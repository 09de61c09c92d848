"""The rule editor: a name, a trigger, conditions, actions, the rule in words as it is made,
a Test against what is stored, and Save.

It builds the rule's JSON object (:mod:`app.automation.rule_format`) from its fields; the
sentence under them (:mod:`app.ui.rule_sentences`) follows every keystroke.  Save checks the
rule with ``check_rule`` (pure, no database) and shows what is wrong in one sentence inside
the dialog; the rule is written by an op on the writer thread.  Test runs ``try_rule`` on a
reader thread and lists what the rule would have matched; double-clicking a message opens it
in the main window (``message_requested``).

A rule imported with nested conditions (a group inside a group, or "not") keeps them as
they are: they are shown in words and saved unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.automation.rule_book import try_rule
from app.automation.rule_format import EVENTS, InvalidRule, check_rule
from app.errors import LiaisonError
from app.store.database import Store
from app.ui import rule_ops
from app.ui.error_presenter import error_text
from app.ui.ops import Ops
from app.ui.rule_params import EVENT_PARAMS, ParamForm, set_combo
from app.ui.rule_rows import ActionRow, ConditionRow
from app.ui.rule_sentences import EVENT_LABELS, describe, label
from app.ui.rule_sentences import condition as condition_words

TRIAL_LIMIT = 200
# Messages, records or changes: what a trial looks at, per event.
_EXAMINED = {"message_received": "message", "message_sent": "message", "no_reply": "message",
             "record_created": "record", "overdue": "record", "no_activity": "record",
             "field_changed": "change", "schedule": "slot"}


class RuleEditor(QDialog):
    """New Rule… / Edit…: ``saved(name)`` once the rule is written."""

    saved = Signal(str)
    message_requested = Signal(int)

    def __init__(self, store: Store, ops: Ops, rule: dict | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.original = rule.get("name") if rule else None
        self.lists: dict[str, list[str]] = {}
        self.trial = None
        self._generation = 0
        self._fixed_condition: dict | None = None
        self.setWindowTitle(self.tr("Edit Rule") if rule else self.tr("New Rule"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Complaints become cases"))
        self.enabled = QCheckBox(self.tr("Enabled"))
        self.enabled.setChecked(True)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Just me"), "me")
        self.scope.addItem(self.tr("The whole team"), "team")
        self.event = QComboBox()
        for name in EVENTS:
            self.event.addItem(label(EVENT_LABELS, name), name)
        self.trigger_form = ParamForm(EVENT_PARAMS[EVENTS[0]])
        self.join = QComboBox()
        self.join.addItem(self.tr("all of these conditions hold"), "all")
        self.join.addItem(self.tr("any of these conditions holds"), "any")
        self.fixed_label = QLabel()
        self.fixed_label.setWordWrap(True)
        self.fixed_label.hide()
        self.condition_rows: list[ConditionRow] = []
        self.conditions_box = QVBoxLayout()
        self.add_condition = QPushButton(self.tr("Add Condition"))
        self.action_rows: list[ActionRow] = []
        self.actions_box = QVBoxLayout()
        self.add_action = QPushButton(self.tr("Add Action"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setObjectName("rule-preview")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #c0392b; }")
        self.error.hide()
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setToolTip(self.tr("What would this rule have matched among what is stored? Nothing is done."))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.hits = QListWidget()
        self.hits.setToolTip(self.tr("Double-click a message to open it"))
        self.hits.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self._layout()
        self.name.textChanged.connect(lambda _t: self._refresh())
        self.enabled.toggled.connect(lambda _on: self._refresh())
        self.event.currentIndexChanged.connect(lambda _i: self._event_changed())
        self.join.currentIndexChanged.connect(lambda _i: self._refresh())
        self.add_condition.clicked.connect(lambda: self._add_condition_row())
        self.add_action.clicked.connect(lambda: self._add_action_row())
        self.test_button.clicked.connect(lambda: self.test())
        self.hits.itemDoubleClicked.connect(self._hit_opened)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if rule:
            self.set_rule(rule)
        else:
            self._add_condition_row()
            self._add_action_row()
            self._refresh()
        self.resize(780, 760)
        self.ops.read(rule_ops.editor_choices, store).owned_by(self).success(self._choices_read).run()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Name:")))
        top.addWidget(self.name, 1)
        top.addWidget(QLabel(self.tr("For:")))
        top.addWidget(self.scope)
        top.addWidget(self.enabled)
        when = QGroupBox(self.tr("When"))
        self.when_layout = QVBoxLayout(when)
        self.when_layout.addWidget(self.event)
        self.when_layout.addWidget(self.trigger_form)
        conditions = QGroupBox(self.tr("If"))
        condition_layout = QVBoxLayout(conditions)
        join_row = QHBoxLayout()
        join_row.addWidget(QLabel(self.tr("Act when")))
        join_row.addWidget(self.join)
        join_row.addStretch(1)
        condition_layout.addLayout(join_row)
        condition_layout.addWidget(self.fixed_label)
        condition_layout.addLayout(self.conditions_box)
        condition_layout.addWidget(self.add_condition, 0, Qt.AlignmentFlag.AlignLeft)
        actions = QGroupBox(self.tr("Then"))
        action_layout = QVBoxLayout(actions)
        action_layout.addLayout(self.actions_box)
        action_layout.addWidget(self.add_action, 0, Qt.AlignmentFlag.AlignLeft)
        inner = QWidget()
        parts = QVBoxLayout(inner)
        for box in (when, conditions, actions):
            parts.addWidget(box)
        parts.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        words = QGroupBox(self.tr("In words"))
        words_layout = QVBoxLayout(words)
        words_layout.addWidget(self.preview)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 3)
        layout.addWidget(words)
        layout.addWidget(self.error)
        layout.addLayout(test_row)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.buttons)

    # -- rows ----------------------------------------------------------------------------------------
    def _add_condition_row(self, node: dict | None = None) -> ConditionRow:
        row = ConditionRow()
        if node:
            row.set_condition(node)
        row.changed.connect(self._refresh)
        row.remove_requested.connect(self._remove_condition)
        self.condition_rows.append(row)
        self.conditions_box.addWidget(row)
        self._refresh()
        return row

    def _remove_condition(self, row: ConditionRow) -> None:
        self.condition_rows.remove(row)
        row.hide()
        row.deleteLater()
        self._refresh()

    def _add_action_row(self, item: dict | None = None) -> ActionRow:
        row = ActionRow(self.lists)
        if item:
            row.set_action(item)
        row.changed.connect(self._refresh)
        row.remove_requested.connect(self._remove_action)
        self.action_rows.append(row)
        self.actions_box.addWidget(row)
        self._refresh()
        return row

    def _remove_action(self, row: ActionRow) -> None:
        self.action_rows.remove(row)
        row.hide()
        row.deleteLater()
        self._refresh()

    def _event_changed(self, values: dict | None = None) -> None:
        self.when_layout.removeWidget(self.trigger_form)
        self.trigger_form.hide()
        self.trigger_form.deleteLater()
        self.trigger_form = ParamForm(EVENT_PARAMS[self.event.currentData()], self.lists)
        if values:
            self.trigger_form.set_values(values)
        self.trigger_form.changed.connect(self._refresh)
        self.when_layout.addWidget(self.trigger_form)
        self._refresh()

    def _choices_read(self, choices: rule_ops.EditorChoices) -> None:
        self.lists.update(folders=choices.folders, templates=choices.templates, accounts=choices.accounts)
        for form in [self.trigger_form, *(row.form for row in self.action_rows)]:
            for name, values in self.lists.items():
                form.set_list(name, values)
        self._refresh()

    # -- the rule ------------------------------------------------------------------------------------
    def set_rule(self, rule: dict) -> None:
        self.name.setText(rule.get("name", ""))
        self.enabled.setChecked(rule.get("enabled", True))
        set_combo(self.scope, rule.get("scope", "me"))
        when = dict(rule.get("when") or {})
        if when.get("every") in ("daily", "weekly"):
            when["every"] = {"daily": "day", "weekly": "week"}[when["every"]]
        if "hours" in when:
            when["after"] = f"{when.pop('hours')}h"
        elif when.get("event") == "no_reply" and "days" in when:
            when["after"] = f"{when.pop('days')}d"
        self.event.blockSignals(True)
        set_combo(self.event, when.get("event", EVENTS[0]))
        self.event.blockSignals(False)
        self._event_changed({key: value for key, value in when.items() if key != "event"})
        condition = rule.get("if")
        leaves = self._flat(condition)
        if leaves is None:
            self._fixed_condition = condition
            self.fixed_label.setText(self.tr("This rule's conditions are nested; they are kept as they are: %1")
                                     .replace("%1", condition_words(condition)))
            self.fixed_label.show()
            self.join.setEnabled(False)
            self.add_condition.hide()
        else:
            set_combo(self.join, "any" if condition and "any" in condition else "all")
            for leaf in leaves:
                self._add_condition_row(leaf)
        for item in rule.get("then") or []:
            self._add_action_row(item)
        self._refresh()

    @staticmethod
    def _flat(condition) -> list[dict] | None:
        """The conditions as rows, or None when they nest (kept as written)."""
        if not condition:
            return []
        if "field" in condition:
            return [condition]
        group = condition.get("all", condition.get("any"))
        if isinstance(group, list) and all(isinstance(c, dict) and "field" in c for c in group):
            return group
        return None

    def rule(self) -> dict:
        """The rule's JSON object as the fields say now."""
        when = {"event": self.event.currentData(), **self.trigger_form.values()}
        if when["event"] == "schedule" and when.get("every") != "week":
            when.pop("day", None)
        rule = {"name": self.name.text().strip(), "enabled": self.enabled.isChecked(),
                "scope": self.scope.currentData(), "when": when}
        if self._fixed_condition is not None:
            rule["if"] = self._fixed_condition
        else:
            leaves = [c for c in (row.condition() for row in self.condition_rows) if c is not None]
            if len(leaves) == 1 and self.join.currentData() == "all":
                rule["if"] = leaves[0]
            elif leaves:
                rule["if"] = {self.join.currentData(): leaves}
        rule["then"] = [row.action() for row in self.action_rows]
        return rule

    def _refresh(self) -> None:
        self.preview.setText(describe(self.rule()))
        self.error.hide()

    def _show_problem(self, error: BaseException) -> None:
        self.error.setText(error_text(error))
        self.error.show()

    def _checked(self):
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the rule a name."))
            self.error.show()
            self.name.setFocus()
            return None
        try:
            return check_rule(self.rule())
        except InvalidRule as problem:
            self._show_problem(problem)
            return None

    # -- test and save --------------------------------------------------------------------------------
    def test(self) -> None:
        spec = self._checked()
        if spec is None:
            return
        self._generation += 1
        generation = self._generation
        self.test_result.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)
        self.ops.read(try_rule, self.store, spec, TRIAL_LIMIT).owned_by(self) \
            .success(lambda trial: self._tested(trial, generation)) \
            .failure(lambda error: self._test_failed(error, generation)).run()

    def _test_failed(self, error: BaseException, generation: int) -> None:
        self.test_button.setEnabled(True)
        if generation != self._generation:
            return
        self.test_result.setText("")
        if isinstance(error, LiaisonError):
            self._show_problem(error)
        else:
            self.ops.present_error(error)

    def _tested(self, trial, generation: int) -> None:
        self.test_button.setEnabled(True)
        if generation != self._generation:
            return
        self.trial = trial
        locale = QLocale()
        kind = _EXAMINED.get(self.event.currentData(), "message")
        texts = {"message": self.tr("Would have matched %1 of %2 message(s)", "", trial.examined),
                 "record": self.tr("Would have matched %1 of %2 record(s)", "", trial.examined),
                 "change": self.tr("Would have matched %1 of %2 change(s)", "", trial.examined),
                 "slot": self.tr("Would have matched %1 of %2 scheduled time(s)", "", trial.examined)}
        text = texts[kind].replace("%1", locale.toString(trial.matched)).replace("%2", locale.toString(trial.examined))
        if trial.matched > len(trial.hits):
            text += " " + self.tr("(the first %n are listed)", "", len(trial.hits))
        self.test_result.setText(text)
        self.hits.clear()
        for hit in trial.hits:
            when = QDateTime.fromSecsSinceEpoch(int(hit.at or 0)).toString("yyyy-MM-dd HH:mm")
            item = QListWidgetItem(f"{when}   {hit.label or self.tr('(no subject)')}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.key))
            if hit.kind == "message":
                item.setToolTip(self.tr("Double-click to open this message"))
            self.hits.addItem(item)
        if trial.hits:  # as tall as its rows (up to eight): the rule's fields keep their room
            rows = min(len(trial.hits), 8) * max(self.hits.sizeHintForRow(0), 1)
            self.hits.setMaximumHeight(rows + 2 * self.hits.frameWidth() + 4)
        self.hits.setVisible(bool(trial.hits))

    def _hit_opened(self, item: QListWidgetItem) -> None:
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if kind == "message":
            self.message_requested.emit(int(key))

    def save(self) -> None:
        spec = self._checked()
        if spec is None:
            return
        self.buttons.setEnabled(False)
        self.ops.call(rule_ops.save, self.store, spec, self.original).owned_by(self) \
            .success(lambda _uuid: self._saved(spec.name)).failure(self._save_failed).run()

    def _saved(self, name: str) -> None:
        self.saved.emit(name)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, LiaisonError):
            self._show_problem(error)
        else:
            self.ops.present_error(error)
