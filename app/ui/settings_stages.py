"""The pipeline's stages in the Settings window: add, rename, reorder, outcome, remove.

Edits change a copy of the list (:meth:`StageEditor.plan`); the dialog hands it to
:func:`app.crm.pipeline_settings.apply_plan` when the user clicks Apply or OK.  A name that is
empty or taken, and removing a stage that still holds deals, are refused at once with one
sentence under the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm.pipeline_settings import OUTCOME_LABELS, OUTCOMES, StageInfo, check_name, check_removal
from app.settings import InvalidSetting
from app.ui.icons import icon
from app.ui.settings_fields import EnterLineEdit, ErrorLabel, HintLabel, error_sentence, tr_settings
from app.ui.stage_names import stage_name


class StageEditor(QWidget):
    """The stages as a list with buttons beside it and the selected stage's name and outcome below."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stages: list[StageInfo] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Stage"), self.tr("Outcome"), self.tr("Deals")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setFixedHeight(self.fontMetrics().height() * 8 + 30)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())

        self.up_button = QPushButton(self.tr("Move Up"))
        self.down_button = QPushButton(self.tr("Move Down"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.up_button.clicked.connect(lambda _checked=False: self.move_selected(-1))
        self.down_button.clicked.connect(lambda _checked=False: self.move_selected(1))
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_selected())
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        for button in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)

        self.name_edit = EnterLineEdit()
        self.name_edit.returnPressed.connect(self.rename_selected)
        self.name_edit.editingFinished.connect(self.rename_selected)
        self.outcome = QComboBox()
        for value in OUTCOMES:
            self.outcome.addItem(tr_settings(OUTCOME_LABELS[value]), value)
        self.outcome.currentIndexChanged.connect(lambda _i: self._outcome_chosen())
        self.outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        selected = QHBoxLayout()
        selected.setContentsMargins(0, 0, 0, 0)
        name_label = QLabel(self.tr("Name:"))
        name_label.setBuddy(self.name_edit)
        outcome_label = QLabel(self.tr("Outcome:"))
        outcome_label.setBuddy(self.outcome)
        selected.addWidget(name_label)
        selected.addWidget(self.name_edit, 1)
        selected.addSpacing(8)
        selected.addWidget(outcome_label)
        selected.addWidget(self.outcome)

        self.new_name = EnterLineEdit()
        self.new_name.setPlaceholderText(self.tr("New stage, e.g. Samples sent"))
        self.add_button = QPushButton(icon("add"), self.tr("Add Stage"))
        self.add_button.clicked.connect(lambda _checked=False: self.add_typed())
        self.new_name.returnPressed.connect(self.add_typed)
        adding = QHBoxLayout()
        adding.setContentsMargins(0, 0, 0, 0)
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)

        self.error = ErrorLabel()
        self.title = QLabel(self.tr("Pipeline stages"))
        font = self.title.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.help = HintLabel(self.tr("The columns of the Deals board, in order. Moving a deal to a Won or Lost "
                                      "stage closes it that way."))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.tree, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(top)
        layout.addLayout(selected)
        layout.addLayout(adding)
        layout.addWidget(self.error)
        self._selection_changed()

    # -- the list ----------------------------------------------------------------------------
    def set_stages(self, stages: list[StageInfo]) -> None:
        self._stages = list(stages)
        self._fill(0 if stages else -1)
        self.error.say("")

    def plan(self) -> list[StageInfo]:
        return list(self._stages)

    def _fill(self, current: int) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        for stage in self._stages:
            item = QTreeWidgetItem([stage_name(stage.name), tr_settings(OUTCOME_LABELS[stage.outcome]),
                                    str(stage.deals) if stage.uuid else ""])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        if 0 <= current < len(self._stages):
            self.tree.setCurrentItem(self.tree.topLevelItem(current))
        self._selection_changed()

    def selected_row(self) -> int:
        item = self.tree.currentItem()
        return self.tree.indexOfTopLevelItem(item) if item is not None else -1

    def _selection_changed(self) -> None:
        row = self.selected_row()
        has = row >= 0
        for widget in (self.name_edit, self.outcome, self.remove_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(has and row < len(self._stages) - 1)
        blocked = self.outcome.blockSignals(True)
        self.name_edit.setText(stage_name(self._stages[row].name) if has else "")
        self.outcome.setCurrentIndex(self.outcome.findData(self._stages[row].outcome) if has else -1)
        self.outcome.blockSignals(blocked)

    # -- edits -------------------------------------------------------------------------------
    def _refuse(self, refused: InvalidSetting) -> None:
        if refused.code == "settings.stage_has_deals":
            count = int(refused.params.get("count") or 0)
            self.error.say(self.tr("Stage “%1” still holds %n deal(s): move them to another stage first.", "", count)
                           .replace("%1", str(refused.params.get("name"))))
        else:
            self.error.say(error_sentence(refused))

    def add_typed(self) -> None:
        try:
            name = check_name(self.new_name.text(), [s.name for s in self._stages])
        except InvalidSetting as refused:
            self._refuse(refused)
            return
        self.error.say("")
        self._stages.append(StageInfo(None, name, "open", 0))
        self.new_name.clear()
        self._fill(len(self._stages) - 1)
        self.changed.emit()

    def rename_selected(self) -> None:
        row = self.selected_row()
        if row < 0 or self.name_edit.text() in (self._stages[row].name, stage_name(self._stages[row].name)):
            return
        try:
            name = check_name(self.name_edit.text(), [s.name for i, s in enumerate(self._stages) if i != row])
        except InvalidSetting as refused:
            self._refuse(refused)
            return
        self.error.say("")
        self._stages[row] = self._stages[row]._replace(name=name)
        self._fill(row)
        self.changed.emit()

    def _outcome_chosen(self) -> None:
        row = self.selected_row()
        value = self.outcome.currentData()
        if row < 0 or value is None or value == self._stages[row].outcome:
            return
        self._stages[row] = self._stages[row]._replace(outcome=value)
        self._fill(row)
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        target = row + step
        if row < 0 or not 0 <= target < len(self._stages):
            return
        self._stages[row], self._stages[target] = self._stages[target], self._stages[row]
        self._fill(target)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        try:
            check_removal(self._stages[row], len(self._stages) - 1)
        except InvalidSetting as refused:
            self._refuse(refused)
            return
        self.error.say("")
        del self._stages[row]
        self._fill(min(row, len(self._stages) - 1))
        self.changed.emit()
