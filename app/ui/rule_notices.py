"""A rule's "notify me" as a desktop notification.

Where the desktop has a system tray, the message is shown there
(``QSystemTrayIcon.showMessage``); otherwise it appears in the window's status bar for a
while.  Either way the latest notices are kept in :attr:`RuleNotifier.shown` (newest last)
for the window and its tests.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from app.ui.rule_sentences import fill

STATUS_SECONDS = 15
KEPT = 20


class RuleNotifier(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str]] = []

    def show(self, title: str, body: str) -> None:
        self.shown = [*self.shown[-(KEPT - 1):], (title, body)]
        tray_icon = self.window.windowIcon()
        if not tray_icon.isNull() and QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(tray_icon, self)
                self.tray.setToolTip(self.tr("Liaison"))
                self.tray.messageClicked.connect(self._bring_window_up)
                self.tray.show()
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, STATUS_SECONDS * 1000)
            return
        text = fill(self.tr("%1 — %2"), title, body) if body else title
        self.window.statusBar().showMessage(text, STATUS_SECONDS * 1000)

    def _bring_window_up(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
