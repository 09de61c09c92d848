"""Help → Keyboard Shortcuts: generated from the window's menus, so it is never out of date."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout


def shortcut_rows(menu_bar) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every visible action that has a shortcut."""
    rows = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is None or not menu_action.isVisible():
            continue
        for action in menu.actions():
            keys = action.shortcut()
            if action.isVisible() and not keys.isEmpty():
                rows.append((menu_action.text().replace("&", ""), action.text().replace("&", ""),
                             keys.toString(QKeySequence.SequenceFormat.NativeText)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.table.setRootIsDecorated(False)
        current_menu = None
        for menu, action, keys in shortcut_rows(menu_bar):
            if menu != current_menu:
                heading = QTreeWidgetItem([menu, ""])
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                self.table.addTopLevelItem(heading)
                current_menu = menu
            self.table.addTopLevelItem(QTreeWidgetItem(["    " + action, keys]))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(440, 480)
