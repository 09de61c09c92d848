"""The Rules view: the profile's automation rules in the order they run, each in words, and
the log of what they did.

The list shows each rule with its enabled box (ticking it is an op); New, Edit, Move Up/Down,
Delete (asked first), Import… and Export… (JSON files, ``liaison rules import/export``'s
format) act on it.  The selected rule is told as a sentence (:mod:`app.ui.rule_sentences`).
The run log below lists the latest runs — when, which rule, its trigger, what it matched,
done/skipped/failed/retrying and why — with each run's steps under it.

Everything is read off the GUI thread (``ops.read``) when the tab is shown and again when a
change set with ``RULES`` arrives (an edit here, a run of the rules job); a hidden tab only
notes that it is stale.  Writes are ops on the writer thread (:mod:`app.ui.rule_ops`).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import events as ev
from app.store.database import Store
from app.ui import rule_ops
from app.ui.error_presenter import error_text
from app.ui.icons import icon
from app.ui.ops import Ops
from app.ui.rule_editor import RuleEditor
from app.ui.rule_sentences import ACTION_LABELS, EVENT_LABELS, STATUS_LABELS, describe, label

STATUS_COLOURS = {"failed": "#c0392b", "retrying": "#b9770e", "skipped": "#7f8c8d"}


class RulesView(QWidget):
    message_requested = Signal(int)  # a message pk, from a rule test's list
    rules_loaded = Signal()

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.specs = []
        self.runs: list[dict] = []
        self.loaded = False
        self.editor: RuleEditor | None = None
        self._stale = True
        self._generation = 0
        self._filling = False
        self._pending_select: str | None = None
        self._log_rule: str | None = None  # the rule the log shows alone, if any
        self.new_button = QPushButton(icon("add"), self.tr("New Rule…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.up_button = QPushButton(self.tr("Move Up"))
        self.up_button.setToolTip(self.tr("Run this rule earlier"))
        self.down_button = QPushButton(self.tr("Move Down"))
        self.down_button.setToolTip(self.tr("Run this rule later"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Add rules from a JSON file (a rule of the same name is replaced)"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save every rule to a JSON file"))
        self.list = QListWidget()
        self.list.setToolTip(self.tr("Rules run from top to bottom; tick a rule to enable it"))
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.state = QLabel()
        self.only_selected = QCheckBox(self.tr("Only the selected rule"))
        self.refresh_button = QPushButton(icon("sync"), self.tr("Refresh"))
        self.log = QTreeWidget()
        self.log.setHeaderLabels([self.tr("Time"), self.tr("Rule"), self.tr("Trigger"), self.tr("What matched"),
                                  self.tr("Status"), self.tr("Why / what happened")])
        self.log.setRootIsDecorated(True)
        # Double-clicking a run about a message opens that message in Mail.
        self.log.itemDoubleClicked.connect(self._open_run_message)
        self.log.setUniformRowHeights(True)
        header = self.log.header()
        header.setStretchLastSection(True)
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.log.setColumnWidth(3, 260)
        self.log_status = QLabel()
        self.notice = QLabel()  # what an import or export did
        self._layout()
        self.new_button.clicked.connect(lambda: self.new_rule())
        self.edit_button.clicked.connect(lambda: self.edit_rule())
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_button.clicked.connect(lambda: self.delete_rule())
        self.import_button.clicked.connect(lambda: self.import_rules())
        self.export_button.clicked.connect(lambda: self.export_rules())
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.only_selected.toggled.connect(lambda _on: self.reload())
        self.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_rule())
        self.ops.events.changed.connect(self._changed)
        self._update_buttons()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.notice)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        described = QGroupBox(self.tr("The selected rule"))
        described_layout = QVBoxLayout(described)
        described_layout.addWidget(self.sentence)
        described_layout.addWidget(self.state)
        described_layout.addStretch(1)
        rules = QSplitter(Qt.Orientation.Horizontal)
        rules.setChildrenCollapsible(False)
        rules.addWidget(self.list)
        rules.addWidget(described)
        rules.setSizes([320, 640])
        rules.setStretchFactor(1, 1)
        log_top = QHBoxLayout()
        log_top.addWidget(QLabel(self.tr("<b>Recent runs</b>")))
        log_top.addStretch(1)
        log_top.addWidget(self.only_selected)
        log_top.addWidget(self.refresh_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(log_top)
        lower_layout.addWidget(self.log, 1)
        lower_layout.addWidget(self.log_status)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(rules, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([250, 410])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(split, 1)

    # -- reading -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _changed(self, changes: ev.ChangeSet) -> None:
        if not changes.touches(ev.RULES):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        """Read the rules and the run log (newest request's answer wins)."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        only = self.current_name() if self.only_selected.isChecked() else None
        self._log_rule = only
        self.ops.read(rule_ops.read_page, self.store, rule_ops.RUN_LOG_LIMIT, only).owned_by(self) \
            .success(lambda page: self._show(page) if generation == self._generation else None).run()

    def _show(self, page: rule_ops.RulesPage) -> None:
        keep, self._pending_select = self._pending_select or self.current_name(), None
        self.specs = page.rules
        self.runs = page.runs
        self._filling = True
        self.list.clear()
        for spec in page.rules:
            item = QListWidgetItem(spec.name)
            item.setData(Qt.ItemDataRole.UserRole, spec.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if spec.enabled else Qt.CheckState.Unchecked)
            item.setToolTip(describe(spec.as_json()))
            self.list.addItem(item)
        names = [spec.name for spec in page.rules]
        self.list.setCurrentRow(names.index(keep) if keep in names else (0 if names else -1))
        self._filling = False
        self._fill_log(page.runs)
        self._selection_changed()
        self.loaded = True
        self.rules_loaded.emit()

    def _fill_log(self, runs: list[dict]) -> None:
        self.log.clear()
        for run in runs:
            when = QDateTime.fromSecsSinceEpoch(int(run["at"])).toString("yyyy-MM-dd HH:mm")
            notes = [error_text(step.get("note") or "") for step in run["steps"]]
            why = error_text(run["skipped"] or run.get("waiting") or "") or "; ".join(
                note for note, step in zip(notes, run["steps"]) if step["status"] == "failed")
            status = label(STATUS_LABELS, run["status"])
            if run["attempts"] > 1:
                status = self.tr("%1 (attempt %2)").replace("%1", status).replace("%2", str(run["attempts"]))
            item = QTreeWidgetItem([when, run["rule"], label(EVENT_LABELS, run["event"]), run["matched"], status,
                                    why])
            item.setToolTip(3, run["matched"])
            if run.get("message"):
                item.setData(0, Qt.ItemDataRole.UserRole, run["message"])
            item.setToolTip(5, why)
            colour = STATUS_COLOURS.get(run["status"])
            if colour:
                item.setForeground(4, QBrush(QColor(colour)))
            for step, note in zip(run["steps"], notes):
                child = QTreeWidgetItem(["", "", label(ACTION_LABELS, step["action"]), "",
                                         label(STATUS_LABELS, step["status"]), note])
                child.setToolTip(5, note)
                item.addChild(child)
            self.log.addTopLevelItem(item)
        self.log_status.setText(self.tr("%n run(s) shown", "", len(runs)) if runs
                                else self.tr("No rule has run yet."))

    def _open_run_message(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        top = item.parent() or item
        message_pk = top.data(0, Qt.ItemDataRole.UserRole)
        if message_pk:
            self.message_requested.emit(int(message_pk))

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_spec(self):
        name = self.current_name()
        return next((spec for spec in self.specs if spec.name == name), None)

    def _selection_changed(self) -> None:
        spec = self.current_spec()
        if spec is None:
            self.sentence.setText(self.tr("No rules yet. A rule does the next step for you: for example, "
                                          "when a customer's message contains “complaint”, open a case. "
                                          "Click New Rule… or import a rules file.") if not self.specs else "")
            self.state.setText("")
        else:
            self.sentence.setText(describe(spec.as_json()))
            self.state.setText(self.tr("Enabled: it acts on what happens from now on.") if spec.enabled
                               else self.tr("Off: it does nothing until it is ticked."))
        self._update_buttons()
        if self.only_selected.isChecked() and not self._filling and self.current_name() != self._log_rule:
            self.reload()  # the log follows the selection

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)
        self.export_button.setEnabled(self.list.count() > 0)

    # -- acting --------------------------------------------------------------------------------------
    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        self.ops.call(rule_ops.set_enabled, self.store, name, on).owned_by(self).run()

    def _move(self, offset: int) -> None:
        name = self.current_name()
        if name is not None:
            self.ops.write(rule_ops.move, self.store, name, offset).owned_by(self).run()

    def new_rule(self) -> RuleEditor:
        return self._open_editor(None)

    def edit_rule(self) -> RuleEditor | None:
        spec = self.current_spec()
        return self._open_editor(spec.as_json()) if spec is not None else None

    def _open_editor(self, rule: dict | None) -> RuleEditor:
        editor = RuleEditor(self.store, self.ops, rule, self)
        editor.setWindowFlag(Qt.WindowType.Window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.message_requested.connect(self.message_requested)
        editor.saved.connect(self._select_later)
        self.editor = editor
        editor.show()
        return editor

    def _select_later(self, name: str) -> None:
        """After a save, the saved rule is the selected one once the list is read again."""
        self._pending_select = name

    def delete_rule(self) -> None:
        name = self.current_name()
        if name is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete Rule"),
                                      self.tr("Delete the rule “%1”? Its run log is kept.").replace("%1", name),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.call(rule_ops.delete, self.store, name).owned_by(self).run()

    def import_rules(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Rules"), "", self.tr("Rules (*.json)"))
        if not path:
            return
        self.ops.call(rule_ops.import_file, self.store, path).owned_by(self).success(self._imported).run()

    def _imported(self, names: list[str]) -> None:
        self.notice.setText(self.tr("Imported %n rule(s).", "", len(names)))

    def export_rules(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Rules"), "rules.json", self.tr("Rules (*.json)"))
        if not path:
            return
        self.ops.call(rule_ops.export_file, self.store, path).owned_by(self).success(
            lambda count: self.notice.setText(self.tr("Saved %n rule(s) to %1", "", count).replace("%1", path))
        ).run()
