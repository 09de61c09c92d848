"""Desktop notifications for tasks whose reminder time has come (follow-ups included).

Every ``CHECK_MS`` a write op asks the store for due reminders (one small indexed query, which
also marks them shown, so a reminder appears once even across restarts) and settles follow-ups
whose wait is over.  The notification goes through the system tray when the desktop has
one, and always to the window's status bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from app.crm.activities import tasks_to_notify
from app.crm.followups import check_followups
from app.services.events import RECORDS, ChangeSet
from app.store.database import Store
from app.ui.ops import Ops
from app.ui.record_parts import task_title

log = logging.getLogger("liaison.ui")
CHECK_MS = 30_000
FIRST_CHECK_MS = 2_000


class Reminders(QObject):
    reminded = Signal(str)  # the text shown, for the status bar
    tasks_changed = Signal()
    checked = Signal(list)  # the texts shown by one check (possibly none)

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

    def check(self) -> None:
        """Settle follow-ups and show every reminder that is due now (an op: it marks them shown)."""
        self.ops.write(due_reminders, self.store).owned_by(self).success(self._show).run()

    def _show(self, due: tuple[int, list[str]]) -> None:
        created, titles = due
        shown = []
        for title in titles:
            text = self.tr("Task due: %1").replace("%1", task_title(title))
            shown.append(text)
            if self.tray is not None:
                self.tray.showMessage(self.tr("Liaison"), text, QSystemTrayIcon.MessageIcon.Information, 10_000)
            self.reminded.emit(text)
        if created or shown:
            self.tasks_changed.emit()
            self.ops.events.publish(ChangeSet.of(RECORDS))
        self.checked.emit(shown)


def due_reminders(store: Store) -> tuple[int, list[str]]:
    """(follow-up tasks created, titles of tasks to remind of now), on the writer thread."""
    created = check_followups(store)
    return created, [title for _uuid, title, _due in tasks_to_notify(store)]
