"""The status bar's permanent part: each account's sync state, Offline, and the outbox count.

It takes only the room it needs (the account states are elided, their whole text is in the
tooltip), so the status bar's own messages ("Sending…", reminders, hints) stay visible on
the left.  States are shown truthfully: syncing with progress, up to date with the time of
the last complete pass, offline, or failed with the reason — never "up to date" when a pass
did not complete.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.ui.icons import icon

MAX_STATE_WIDTH = 420


class ElidedLabel(QLabel):
    """A label that shows as much of its text as fits and the rest in its tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:  # the whole text, not what fits on screen
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        super().setText(QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideRight, width))

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setWidth(min(QFontMetrics(self.font()).horizontalAdvance(self._full) + 8, MAX_STATE_WIDTH))
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        hint.setWidth(60)
        return hint


class StatusArea(QWidget):
    outbox_clicked = Signal()
    team_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: dict[int, str] = {}
        self.state_label = ElidedLabel()
        self.offline_label = QLabel(self.tr("Offline"))
        self.offline_label.setToolTip(self.tr("A server cannot be reached. What you do is kept and "
                                              "sent when the connection returns."))
        self.offline_label.setStyleSheet("QLabel { color: #c0392b; font-weight: bold; }")
        self.offline_label.hide()
        self.outbox_button = QPushButton()
        self.outbox_button.setFlat(True)
        self.outbox_button.setIcon(icon("outbox"))
        self.outbox_button.clicked.connect(lambda: self.outbox_clicked.emit())
        self.outbox_button.hide()
        # The team server's state: hidden until this profile is signed in to a team.
        self.team_button = QPushButton()
        self.team_button.setFlat(True)
        self.team_button.setIcon(icon("sync"))
        self.team_button.clicked.connect(lambda: self.team_clicked.emit())
        self.team_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(10)
        layout.addWidget(self.state_label)
        layout.addWidget(self.offline_label)
        layout.addWidget(self.team_button)
        layout.addWidget(self.outbox_button)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_state(self, account_id: int, text: str) -> None:
        self.states[account_id] = text
        self._show()

    def forget(self, account_id: int) -> None:
        self.states.pop(account_id, None)
        self._show()

    def _show(self) -> None:
        self.state_label.set_full_text("   ".join(self.states.values()))
        self.state_label.updateGeometry()

    def text(self) -> str:
        return self.state_label.full_text()

    def set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)

    def set_outbox_count(self, count: int) -> None:
        self.outbox_button.setText(self.tr("Outbox: %1").replace("%1", str(count)))
        self.outbox_button.setVisible(count > 0)

    def set_team_state(self, state: str, detail: str, pending: int, conflicts: int) -> None:
        """Show the team sync as it is: never "synced" when the last round did not finish."""
        texts = {"syncing": self.tr("Team: syncing…"),
                 "ok": self.tr("Team: synced %1"),
                 "offline": self.tr("Team: offline"),
                 "signed_out": self.tr("Team: signed out"),
                 "error": self.tr("Team: not synced")}
        if state not in texts:
            self.team_button.hide()
            return
        parts = [texts[state].replace("%1", detail)]
        if pending:
            parts.append(self.tr("%n change(s) waiting", "", pending))
        if conflicts:
            parts.append(self.tr("%n conflict(s)", "", conflicts))
        self.team_button.setText(" · ".join(parts))
        self.team_button.setToolTip(detail if state in ("offline", "signed_out", "error") else "")
        self.team_button.setVisible(True)
