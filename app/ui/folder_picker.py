"""A small dialog to choose the folder to move messages to: type to filter, Enter to move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)


class FolderPicker(QDialog):
    def __init__(self, folder_names: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move to Folder"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to filter folders"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        for name in folder_names:
            self.list.addItem(QListWidgetItem(name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Move"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.setCurrentRow(0)
        self.resize(320, 400)

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(needle not in item.text().casefold())
            if first is None and not item.isHidden():
                first = item
        self.list.setCurrentItem(first)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None and not item.isHidden() else None

    def keyPressEvent(self, event) -> None:
        # Up/Down in the filter field walk the list, so the mouse is never needed.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.filter.hasFocus():
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)
