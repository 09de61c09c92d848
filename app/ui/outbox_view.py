"""The outbox in the window: a status-bar count, and a list with each message's state.

Waiting, unconfirmed and failed messages are shown with the reason; "Send Again" is the
user's decision for an unconfirmed message (it may already have been delivered) or one the
server refused.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.mail.sending.outbox import list_outbox, resend
from app.store.database import Store
from app.ui.error_presenter import error_text
from app.services.events import OUTBOX, ChangeSet
from app.ui.ops import OpResult, Ops

ID_ROLE = Qt.ItemDataRole.UserRole


class OutboxDialog(QDialog):
    resend_requested = Signal(list)  # ids of the accounts whose outbox should be delivered now

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.setWindowTitle(self.tr("Outbox"))
        self.resize(820, 360)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Subject"), self.tr("To"), self.tr("Why")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.again = QPushButton(self.tr("Send Again"))
        self.again.clicked.connect(lambda _checked=False: self.send_again())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.reload()

    def state_text(self, state: str) -> str:
        return {"queued": self.tr("Waiting"), "sending": self.tr("Sending"), "sent": self.tr("Sent"),
                "failed": self.tr("Refused"), "unconfirmed": self.tr("Not confirmed")}.get(state, state)

    def reload(self) -> None:
        rows = [m for m in list_outbox(self.store)][::-1][:500]
        self.table.setRowCount(len(rows))
        for r, info in enumerate(rows):
            when = datetime.fromtimestamp(info.sent_at).strftime("%Y-%m-%d %H:%M") if info.sent_at else ""
            why = error_text(info.last_error) if info.state != "sent" else when
            for c, text in enumerate((self.state_text(info.state), info.subject, ", ".join(info.recipients), why)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, (info.uuid, info.state))
                item.setToolTip(text)
                self.table.setItem(r, c, item)

    def send_again(self) -> None:
        """The user decided: the selected refused or unconfirmed messages go out again, now."""
        uuids = []
        for row in sorted({i.row() for i in self.table.selectedItems()}):
            uuid, state = self.table.item(row, 0).data(ID_ROLE)
            if state in ("unconfirmed", "failed"):
                uuids.append(uuid)
        if not uuids:
            return

        def queued(account_ids: list[int]) -> None:
            self.reload()
            self.resend_requested.emit(sorted(set(account_ids)))
        self.ops.write(resend_all, self.store, uuids).owned_by(self).success(queued).run()


def resend_all(store: Store, uuids: list[str]) -> OpResult:
    """Queue again (on the writer thread); the accounts concerned, and the outbox change."""
    return OpResult([resend(store, uuid) for uuid in uuids], ChangeSet.of(OUTBOX))
