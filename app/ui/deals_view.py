"""The Deals view: the pipeline as columns, one per stage; drag a deal to move it."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.crm.deals import add_deal, board, move_deal
from app.crm.validation import InvalidValue
from app.errors import UserFacingError
from app.store.crm_models import Deal
from app.store.database import Store
from app.ui.ops import Ops

DEAL_ROLE = Qt.ItemDataRole.UserRole


class StageColumn(QListWidget):
    """One stage's deals; accepts deals dropped from the other columns."""

    def __init__(self, stage_uuid: str, on_drop, parent=None):
        super().__init__(parent)
        self.stage_uuid = stage_uuid
        self.on_drop = on_drop
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        source = event.source()
        if isinstance(source, StageColumn) and source is not self:
            uuids = [item.data(DEAL_ROLE) for item in source.selectedItems()]
            event.setDropAction(Qt.DropAction.IgnoreAction)  # the view is rebuilt from the store
            event.accept()
            self.on_drop(uuids, self.stage_uuid)
        else:
            event.ignore()


class DealsView(QWidget):
    records_changed = Signal()

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.columns: dict[str, StageColumn] = {}
        self.add_button = QPushButton(self.tr("New Deal…"))
        self.add_button.clicked.connect(self._new_deal)
        self.board = QWidget()
        self.board_layout = QHBoxLayout(self.board)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        # Filled when first shown (the main window asks), not at start-up.

    def reload(self) -> None:
        while self.board_layout.count():
            widget = self.board_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.columns.clear()
        for stage, deals in board(self.store):
            self.board_layout.addWidget(self._column(stage, deals))

    def _column(self, stage, deals: list[dict]) -> QWidget:
        box = QWidget()
        box.setMinimumWidth(200)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(2, 2, 2, 2)
        totals: dict[str, Decimal] = {}
        for deal in deals:
            if deal["amount"]:  # amounts in different currencies are never added together
                totals[deal["currency"]] = totals.get(deal["currency"], Decimal(0)) + Decimal(deal["amount"])
        sums = " · ".join(f"{format(v.normalize(), ',f')} {c}" for c, v in sorted(totals.items()))
        title = QLabel(f"<b>{escape(stage.name)}</b><br>{len(deals)}" + (f" · {sums}" if sums else ""))
        layout.addWidget(title)
        column = StageColumn(stage.uuid, self.move)
        column.setTextElideMode(Qt.TextElideMode.ElideNone)
        for deal in deals:
            party = deal["company"] or deal["contact"] or ""
            amount = f"{deal['amount']} {deal['currency']}" if deal["amount"] else ""
            item = QListWidgetItem("\n".join(p for p in (deal["title"], party, amount) if p))
            item.setData(DEAL_ROLE, deal["uuid"])
            column.addItem(item)
        layout.addWidget(column, 1)
        self.columns[stage.uuid] = column
        return box

    def show_deal(self, deal_id: int) -> bool:
        """Select a deal on the board (in its stage's column) and scroll to it."""
        with self.store.read() as session:
            deal = session.get(Deal, deal_id)
            uuid = deal.uuid if deal is not None else None
        self.reload()
        for column in self.columns.values():
            column.clearSelection()
        for column in self.columns.values():
            for row in range(column.count()):
                if column.item(row).data(DEAL_ROLE) == uuid:
                    column.setCurrentRow(row)
                    column.scrollToItem(column.item(row))
                    column.setFocus()
                    return True
        return False

    def move(self, deal_uuids: list[str], stage_uuid: str) -> None:
        for uuid in deal_uuids:
            move_deal(self.store, uuid, stage_uuid)
        self.reload()
        self.records_changed.emit()

    def _new_deal(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("New Deal"), self.tr("Title:"))
        if not ok or not title.strip():
            return
        contact, ok = QInputDialog.getText(self, self.tr("New Deal"), self.tr("Contact's email (optional):"))
        if not ok:
            return
        amount, ok = QInputDialog.getText(self, self.tr("New Deal"), self.tr("Amount (optional):"))
        if not ok:
            return
        try:
            add_deal(self.store, title, contact_email=contact.strip(), amount=amount)
        except (InvalidValue, UserFacingError) as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.reload()
        self.records_changed.emit()
