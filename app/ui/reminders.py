"""Desktop notifications for tasks whose reminder time has come (follow-ups included).

Every ``CHECK_MS`` the store is asked for due reminders (one small indexed query, which also
marks them shown, so a reminder appears once even across restarts) and follow-ups whose wait
is over are settled.  The notification goes through the system tray when the desktop has
one, and always to the window's status bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from app.crm.activities import tasks_to_notify
from app.crm.followups import check_followups
from app.store.database import Store
from app.ui.ops import Ops

log = logging.getLogger("liaison.ui")
CHECK_MS = 30_000
FIRST_CHECK_MS = 2_000


class Reminders(QObject):
    reminded = Signal(str)  # the text shown, for the status bar
    tasks_changed = Signal()

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)  # after start-up, not in its way

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> list[str]:
        """Show every reminder that is due now; returns their texts."""
        created = check_followups(self.store)
        shown = []
        for _uuid, title, _due in tasks_to_notify(self.store):
            text = self.tr("Task due: %1").replace("%1", title)
            shown.append(text)
            if self.tray is not None:
                self.tray.showMessage(self.tr("Liaison"), text, QSystemTrayIcon.MessageIcon.Information, 10_000)
            self.reminded.emit(text)
        if created or shown:
            self.tasks_changed.emit()
        return shown
