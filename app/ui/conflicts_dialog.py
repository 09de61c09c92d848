"""Conflicts: each same-field collision the team server reported — the value kept, the other
value, who and when — and one click to keep the other value (a new change, synced like any).

Reading and resolving run as ops (the list on a reader thread, the resolution through the
writer); the dialog only shows what they return.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from app.services.events import RECORDS, ChangeSet
from app.sync.team import Team
from app.ui.field_names import field_label
from app.ui.ops import OpResult


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value) \
        if not isinstance(value, dict) else json.dumps(value, ensure_ascii=False)


class ConflictsDialog(QDialog):
    """The open conflicts of this profile's team sync."""

    resolved = Signal(int)  # a conflict id whose other value was kept

    def __init__(self, store, ops, parent=None, team: Team | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(820, 360)
        self.ops = ops
        self.team = team or Team(store)
        self.explanation = QLabel(self.tr(
            "You and a colleague changed the same field before either of you saw the other's "
            "change. The later change was kept; nothing was lost. Keep the other value if it "
            "is the right one."))
        self.explanation.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Kept"),
                                   self.tr("Other value"), self.tr("Other value by"),
                                   self.tr("When")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr("No conflicts: every change reached the team as it was made."))
        self.empty.hide()
        self.keep_other_button = QPushButton(self.tr("Keep the Other Value"))
        self.keep_other_button.setEnabled(False)
        self.keep_other_button.clicked.connect(lambda: self.keep_other())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.ops.read(self.team.conflicts).success(self._fill).owned_by(self).run()

    def _fill(self, conflicts: list[dict]) -> None:
        self.tree.clear()
        for conflict in conflicts:
            item = QTreeWidgetItem([conflict["label"], field_label(conflict["field"], conflict["custom_label"]),
                                    _shown(conflict["kept"]),
                                    _shown(conflict["other"]), conflict["by"],
                                    conflict["at"][:16].replace("T", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, conflict["id"])
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(conflicts))
        self.empty.setVisible(not conflicts)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.keep_other_button.setEnabled(bool(self.tree.selectedItems()))

    def keep_other(self) -> None:
        items = self.tree.selectedItems()
        if not items:
            return
        conflict_id = items[0].data(0, Qt.ItemDataRole.UserRole)

        def resolve():
            self.team.keep_other(conflict_id)
            return OpResult(conflict_id, ChangeSet.of(RECORDS))
        self.keep_other_button.setEnabled(False)
        self.ops.call(resolve).success(self._resolved).owned_by(self).run()

    def _resolved(self, conflict_id: int) -> None:
        self.resolved.emit(conflict_id)
        self.reload()
