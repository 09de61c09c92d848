"""Who in the team sees a record: a small menu button beside the owner line (private, the
team can read, the team can edit; give it to a colleague, or return it to the team's pool),
shown only to those the server lets change it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton


class SharingButton(QToolButton):
    chosen = Signal(str)  # private | read | edit
    give_requested = Signal()  # "Give to a Colleague…"
    pool_requested = Signal()  # "Return to the Team's Pool"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setText(self.tr("Sharing"))
        self.setToolTip(self.tr("Who in the team sees this customer"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        menu = QMenu(self)
        group = QActionGroup(self)
        self.choices: dict[str, QAction] = {}
        for sharing, text in (("private", self.tr("Private (Only Me and My Manager)")),
                              ("read", self.tr("The Team Can Read")),
                              ("edit", self.tr("The Team Can Edit"))):
            action = QAction(text, self, checkable=True)
            action.triggered.connect(lambda _on=False, s=sharing: self._choose(s))
            group.addAction(action)
            menu.addAction(action)
            self.choices[sharing] = action
        menu.addSeparator()
        self.give = QAction(self.tr("Give to a Colleague…"), self)
        self.give.triggered.connect(self.give_requested)
        menu.addAction(self.give)
        # 公海: every member of the team sees it and one of them picks it up.
        self.pool = QAction(self.tr("Return to the Team's Pool"), self)
        self.pool.setToolTip(self.tr("Everyone in the team sees this customer and one of them can pick it up"))
        self.pool.triggered.connect(self.pool_requested)
        menu.addAction(self.pool)
        self.setMenu(menu)
        self._current = ""

    def show_sharing(self, sharing: str, pooled: bool = False) -> None:
        self._current = sharing
        self.pool.setEnabled(not pooled)
        for name, action in self.choices.items():
            action.setChecked(name == sharing)

    def _choose(self, sharing: str) -> None:
        if sharing != self._current:
            self.chosen.emit(sharing)
