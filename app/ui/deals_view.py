"""The Deals view: the pipeline as a board of stage columns holding deal cards.

* Each column has a header (stage, number of deals, their value per currency) and its
  cards (``app.ui.deal_card``); the board scrolls sideways when the stages do not fit.
* Drag a card to another column to move the deal; dropping it on a lost stage asks why.
* Double-click a card (or Enter) to open the deal's editor; right-click for Open, Move to
  Stage, Mark Won, Mark Lost…, Reopen and Delete (with Undo).
* Nothing here reads SQL or writes: the board is read with ``ops.read(board, store)``, and
  every change is an ``ops.write`` whose change set refreshes the board (keeping the
  scroll positions and the selected card) and every other panel that shows deals.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QLocale, QMimeData, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crm import deals
from app.crm.deals import BoardColumn, DealCard, StageRow
from app.services.events import RECORDS
from app.store.database import Store
from app.ui import deal_ops
from app.ui.deal_card import CARD_ROLE, TEXT_ROLE, CardDelegate, CardText, column_colour, is_dark, muted, status_colour
from app.ui.deal_dialog import DealDialog, LostReasonDialog
from app.ui.icons import icon
from app.ui.ops import Ops
from app.ui.stage_names import stage_name

DEAL_ROLE = Qt.ItemDataRole.UserRole
MIME_DEALS = "application/x-liaison-deals"
COLUMN_MIN, COLUMN_MAX = 196, 340
UNDO_SECONDS = 12
PAGE = 100  # cards added to a column at a time, as it is scrolled down


class StageColumn(QListWidget):
    """One stage's cards; cards are dragged out of it and dropped into it."""

    open_requested = Signal(str)
    delete_requested = Signal(str)
    dropped = Signal(list, str)  # deal uuids, this stage's uuid

    def __init__(self, stage: StageRow, locale: QLocale | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.stage_uuid = stage.uuid
        self._drop_target = False
        self.setItemDelegate(CardDelegate(self, locale))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QListWidget { background: transparent; border: none; }")
        self.itemDoubleClicked.connect(lambda item: self.open_requested.emit(item.data(DEAL_ROLE)))
        self._cards: list[DealCard] = []
        self._texts: dict[str, CardText] = {}
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- cards, a page at a time ---------------------------------------------------------------------
    def set_cards(self, cards: list[DealCard], texts: dict[str, CardText]) -> None:
        """Show these cards: the first page now, the next ones as the column is scrolled down."""
        self._cards, self._texts = cards, texts
        self.blockSignals(True)
        self.clear()
        self.itemDelegate().forget()
        self._show_more(PAGE)
        self.blockSignals(False)

    def _show_more(self, how_many: int) -> None:
        for card in self._cards[self.count():self.count() + how_many]:
            text = self._texts[card.uuid]
            item = QListWidgetItem("\n".join(p for p in (card.title, card.company or card.contact, text.money) if p))
            item.setData(DEAL_ROLE, card.uuid)
            item.setData(CARD_ROLE, card)
            item.setData(TEXT_ROLE, text)
            item.setToolTip(text.tooltip)
            self.addItem(item)

    def _scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if self.count() < len(self._cards) and value >= bar.maximum() - self.viewport().height():
            self._show_more(PAGE)

    def uuids(self) -> list[str]:
        """Every card of the column, shown yet or not."""
        return [card.uuid for card in self._cards]

    def current_uuid(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(DEAL_ROLE) if items else None

    def select_uuid(self, uuid: str, scroll: bool = True) -> bool:
        wanted = self.uuids().index(uuid) if uuid in self.uuids() else -1
        if wanted >= self.count():
            self._show_more(wanted - self.count() + 1)
        for row in range(self.count()):
            if self.item(row).data(DEAL_ROLE) == uuid:
                self.setCurrentRow(row)
                if scroll:
                    self.scrollToItem(self.item(row), QAbstractItemView.ScrollHint.EnsureVisible)
                return True
        return False

    # -- drag and drop -----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [MIME_DEALS]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt override
        data = QMimeData()
        data.setData(MIME_DEALS, json.dumps([item.data(DEAL_ROLE) for item in items]).encode())
        return data

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def startDrag(self, _actions) -> None:  # noqa: N802 - Qt override
        items = self.selectedItems()
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        rect = self.visualItemRect(items[0])
        pixmap = self.viewport().grab(rect)
        drag.setPixmap(pixmap)
        cursor = self.viewport().mapFromGlobal(self.cursor().pos())
        drag.setHotSpot(QPoint(max(0, cursor.x() - rect.x()), max(0, cursor.y() - rect.y())))
        # The board is rebuilt from the store once the move is written: nothing is removed here.
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def _accepts(self, event) -> bool:
        return event.mimeData().hasFormat(MIME_DEALS)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._accepts(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._set_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._accepts(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._set_drop_target(False)
        event.accept()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._set_drop_target(False)
        if not self._accepts(event):
            event.ignore()
            return
        try:
            uuids = [str(u) for u in json.loads(bytes(event.mimeData().data(MIME_DEALS)).decode())]
        except ValueError:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        moving = [u for u in uuids if u not in self.uuids()]
        if moving:
            # After the drag has finished: a lost stage asks why, in a dialog of its own.
            QTimer.singleShot(0, lambda: self.dropped.emit(moving, self.stage_uuid))

    def _set_drop_target(self, on: bool) -> None:
        if self._drop_target != on:
            self._drop_target = on
            self.viewport().update()

    # -- keys and painting --------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        uuid = self.current_uuid()
        if uuid and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(uuid)
            return
        if uuid and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(uuid)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.count() and not self._drop_target:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if self._drop_target:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(self.viewport().rect().adjusted(4, 2, -4, -4), 8, 8)
        if not self.count():
            painter.setPen(muted(palette))
            area = QRect(0, 12, self.viewport().width(), 48)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.tr("Drop deals here") if self._drop_target else self.tr("No deals"))
        painter.end()


class StageHeader(QWidget):
    """A column's title: the stage's name, how many deals, their value per currency."""

    def __init__(self, stage: StageRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.name = QLabel(stage_name(stage.name))
        font = QFont(self.name.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.name.setFont(font)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel("0")
        self.count.setObjectName("stageCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.total.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top = QHBoxLayout()
        top.setSpacing(6)
        if stage.outcome != "open":
            mark = QLabel()
            mark.setPixmap(icon(stage.outcome, status_colour(stage.outcome, self.palette()).name()).pixmap(16, 16))
            top.addWidget(mark)
        top.addWidget(self.name, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.total)
        self._style_count()

    def _style_count(self) -> None:
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        background = background.lighter(150) if is_dark(palette) else background.darker(112)
        self.count.setStyleSheet(f"QLabel#stageCount {{ background: {background.name()}; border-radius: 8px; "
                                 f"padding: 1px 7px; min-width: 8px; }}")

    def show_deals(self, column: BoardColumn, total: str) -> None:
        self.count.setText(str(len(column.deals)))
        self.total.setText(total or self.tr("No value"))
        tip = total
        if column.older:
            tip = self.tr("{total}\nClosed more than {days} days ago and not shown: %n deal(s). Search finds "
                          "them.", "", column.older).format(total=total, days=deal_ops.CLOSED_DAYS)
            self.total.setText(self.tr("{total} · %n older", "", column.older).format(
                total=total or self.tr("No value")))
        self.total.setToolTip(tip.strip())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = status_colour(self.stage.outcome, self.palette())
        if self.stage.outcome == "open":
            colour.setAlpha(150)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRect(8, 0, self.width() - 16, 3), 1.5, 1.5)
        painter.end()


class StagePane(QFrame):
    """A header and its column, on a rounded background."""

    def __init__(self, stage: StageRow, locale: QLocale | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = StageHeader(stage)
        self.column = StageColumn(stage, locale)
        self.setMinimumWidth(COLUMN_MIN)
        self.setMaximumWidth(COLUMN_MAX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.column, 1)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(column_colour(self.palette()))
        painter.drawRoundedRect(self.rect(), 10, 10)
        painter.end()


class UndoBar(QFrame):
    """"Deal deleted. Undo" for a few seconds after a delete."""

    undo_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("undoBar")
        self._uuid = ""
        self.label = QLabel()
        self.undo_button = QPushButton(icon("undo"), self.tr("Undo"))
        self.undo_button.clicked.connect(self._undo)
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("lost"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        self.setStyleSheet(f"QFrame#undoBar {{ border: 1px solid {highlight.name()}; border-radius: 6px; }}")
        self.hide()

    def offer(self, uuid: str, title: str) -> None:
        self._uuid = uuid
        self.label.setText(self.tr("“{title}” was deleted.").format(title=title))
        self.show()
        self._timer.start(UNDO_SECONDS * 1000)

    def _undo(self) -> None:
        self.hide()
        if self._uuid:
            self.undo_requested.emit(self._uuid)


class DealsView(QWidget):
    """The board; ``show_deal`` (search) selects and opens a deal, ``new_deal`` opens New Deal."""

    records_changed = Signal()  # a deal was made, changed, moved or deleted here
    message_requested = Signal(int)  # a deal editor opened one of its linked messages
    board_loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None, ops: Ops | None = None,
                 locale: QLocale | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.locale = locale
        self.columns: dict[str, StageColumn] = {}
        self.panes: dict[str, StagePane] = {}
        self.cards: dict[str, DealCard] = {}
        self.editors: dict[str, DealDialog] = {}
        self._stages: list[StageRow] = []
        self._selected: str | None = None
        self._loading = False
        self._again = False
        self._stale = True
        self._made_pipeline = False
        self._pending_show: int | None = None
        self._pending_select: str | None = None
        # A card made or moved by a write is selected by the first load that started after
        # it: a load already under way may have read the board just before the write.
        self._loads_started = 0
        self._pending_from_load = 0
        self.loaded = False

        self.add_button = QPushButton(icon("add"), self.tr("New Deal…"))
        self.add_button.clicked.connect(lambda: self.new_deal())
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.undo_bar = UndoBar()
        self.undo_bar.undo_requested.connect(self._undelete)
        self.board = QWidget()
        self.board_layout = QHBoxLayout(self.board)
        self.board_layout.setContentsMargins(10, 4, 10, 10)
        self.board_layout.setSpacing(8)
        self.board_layout.addStretch(0)  # takes the room only when every column is at its widest
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.board)
        top = QHBoxLayout()
        top.setContentsMargins(12, 10, 12, 4)
        top.setSpacing(12)
        top.addWidget(self.add_button)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        undo_row = QHBoxLayout()
        undo_row.setContentsMargins(12, 0, 12, 0)
        undo_row.addWidget(self.undo_bar)
        layout.addLayout(undo_row)
        layout.addWidget(self.scroll, 1)
        self.ops.events.changed.connect(self._changed)
        # Filled when first shown, not at start-up.

    # -- loading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the board again (an op); the scroll positions and the selected card stay."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._stale = False
        self._loads_started += 1
        number = self._loads_started
        self.ops.read(deal_ops.read_board, self.store, self.locale).owned_by(self) \
            .success(lambda data: self._loaded(data, number)).failure(self._load_failed).run()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.ops.present_error(error)

    def _loaded(self, data: deal_ops.BoardData, number: int) -> None:
        self._loading = False
        if not data.columns and not self._made_pipeline:
            # Nobody used deals yet: the pipeline is made once, by a write of its own.
            self._made_pipeline = True
            self.ops.write(deal_ops.ensure_pipeline, self.store).owned_by(self) \
                .success(lambda _changes: self.reload()).run()
            return
        self._fill(data, number)
        self.loaded = True
        if self._again:
            self._again = False
            self.reload()
            return
        self.board_loaded.emit()

    def _changed(self, changes) -> None:
        if not changes.touches(RECORDS):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill(self, board: deal_ops.BoardData, number: int) -> None:
        columns = board.columns
        stages = [c.stage for c in columns]
        scrolls = {uuid: column.verticalScrollBar().value() for uuid, column in self.columns.items()}
        if stages != self._stages:
            self._rebuild(stages)
        self.cards = {}
        for data in columns:
            column = self.columns[data.stage.uuid]
            shown = max(PAGE, column.count())  # as far down as the user had scrolled
            self.cards.update((card.uuid, card) for card in data.deals)
            column.set_cards(data.deals, board.texts)
            if shown > column.count():
                column._show_more(shown - column.count())
            self.panes[data.stage.uuid].header.show_deals(data, board.totals[data.stage.uuid])
        self.board_layout.activate()  # columns get their size now: cards are laid out once, at that width
        for column in self.columns.values():
            column.doItemsLayout()
        self._show_summary(board)
        # The selected card stays selected and every column where it was; a card just made or
        # moved here is brought into view.
        wanted, brought = self._pending_select or self._selected, self._pending_select
        if brought is None or brought in self.cards or number >= self._pending_from_load:
            self._pending_select = None  # else a load started before the write: the next one selects it
        if wanted in self.cards:
            self._select(wanted, scroll=False)
        else:
            self._selected = None
        for uuid, column in self.columns.items():
            if uuid in scrolls:
                column.verticalScrollBar().setValue(scrolls[uuid])
        if brought in self.cards:
            self._select(brought, scroll=True)
        if self._pending_show is not None:
            deal_id, self._pending_show = self._pending_show, None
            if not self._show_by_id(deal_id):  # closed long ago (not on the board): its editor still opens
                self.ops.read(deals.deal_uuid_of, self.store, deal_id).owned_by(self) \
                    .success(lambda uuid: uuid and self.open_deal(uuid)).run()

    def _rebuild(self, stages: list[StageRow]) -> None:
        for pane in self.panes.values():
            self.board_layout.removeWidget(pane)
            pane.deleteLater()
        self.panes.clear()
        self.columns.clear()
        for index, stage in enumerate(stages):
            pane = StagePane(stage, self.locale)
            column = pane.column
            column.open_requested.connect(self.open_deal)
            column.delete_requested.connect(self.delete_deal)
            column.dropped.connect(self.move)
            column.itemSelectionChanged.connect(lambda c=column: self._selection_changed(c))
            column.customContextMenuRequested.connect(lambda pos, c=column: self._context_menu(c, pos))
            self.board_layout.insertWidget(index, pane, 1)
            pane.show()  # now, not at the next event loop turn: the board is measured right away
            self.panes[stage.uuid] = pane
            self.columns[stage.uuid] = column
        self._stages = stages

    def _show_summary(self, board: deal_ops.BoardData) -> None:
        if not self.cards and not any(c.older for c in board.columns):
            self.summary.setText(self.tr("No deals yet. New Deal… adds one; you can also start one from a "
                                         "contact or a company."))
            return
        text = self.tr("%n open deal(s)", "", board.open_count)
        if board.open_totals:
            text = self.tr("{deals} · {value}").format(deals=text, value=board.open_totals)
        self.summary.setText(text)

    # -- selection ----------------------------------------------------------------------------------------
    def _selection_changed(self, column: StageColumn) -> None:
        uuid = column.current_uuid()
        if uuid is None:
            return
        self._selected = uuid
        for other in self.columns.values():
            if other is not column and other.selectedItems():
                other.blockSignals(True)
                other.clearSelection()
                other.blockSignals(False)
                other.viewport().update()

    def _select(self, uuid: str, scroll: bool = False) -> StageColumn | None:
        card = self.cards.get(uuid)
        column = self.columns.get(card.stage_uuid) if card else None
        if column is None:
            return None
        for other in self.columns.values():
            if other is not column:
                other.blockSignals(True)
                other.clearSelection()
                other.blockSignals(False)
        column.setAutoScroll(scroll)
        column.select_uuid(uuid, scroll)
        column.setAutoScroll(True)
        self._selected = uuid
        if scroll:
            pane = self.panes[card.stage_uuid]
            self.scroll.ensureWidgetVisible(pane, 16, 0)
        return column

    def selected_uuid(self) -> str | None:
        return self._selected

    def show_deal(self, deal_id: int) -> bool:
        """Select a deal (search found it), scroll to it and open it; True if it is on the board now.

        When the board is not read yet, or is older than the deal, it is read first and the
        deal selected then.
        """
        if self._show_by_id(deal_id):
            return True
        self._pending_show = deal_id
        self.reload()
        return False

    def _show_by_id(self, deal_id: int) -> bool:
        card = next((c for c in self.cards.values() if c.id == deal_id), None)
        if card is None:
            return False
        column = self._select(card.uuid, scroll=True)
        if column is not None:
            column.setFocus()
        self.open_deal(card.uuid)
        return True

    # -- opening and making deals -----------------------------------------------------------------------------
    def open_deal(self, uuid: str) -> DealDialog:
        """The deal's editor (one per deal: opening it again brings it to the front)."""
        editor = self.editors.get(uuid)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return editor
        editor = DealDialog.edit(self.store, self.ops, uuid, self, self.locale)
        self.editors[uuid] = editor
        editor.saved.connect(self._written)
        editor.message_requested.connect(self.message_requested)
        editor.destroyed.connect(lambda _obj=None, u=uuid: self.editors.pop(u, None))
        return editor

    def new_deal(self, contact_email: str = "", company_name: str = "") -> DealDialog:
        """The New Deal dialog (pre-filled from a contact or a company when given)."""
        dialog = DealDialog.new_for(self.store, self.ops, self, contact_email=contact_email,
                                    company_name=company_name, locale=self.locale)
        dialog.saved.connect(self._created)
        return dialog

    def new_deal_for(self, kind: str, record_id: int) -> DealDialog:
        """New Deal for a contact or a company by its local id (the Customers view's
        ``new_deal_requested(kind, id)`` connects here)."""
        dialog = DealDialog.new_for(self.store, self.ops, self, locale=self.locale,
                                    contact_id=record_id if kind == "contact" else None,
                                    company_id=record_id if kind == "company" else None)
        dialog.saved.connect(self._created)
        return dialog

    def _select_when_loaded(self, uuid: str) -> None:
        """Select ``uuid`` (a card just made or moved) once a load shows it."""
        self._pending_select = uuid
        self._pending_from_load = self._loads_started + 1

    def _created(self, uuid: str) -> None:
        self._select_when_loaded(uuid)
        self._written()

    def _written(self, *_args) -> None:
        self.records_changed.emit()

    # -- changing deals ---------------------------------------------------------------------------------------
    def _stage(self, stage_uuid: str) -> StageRow | None:
        return next((s for s in self._stages if s.uuid == stage_uuid), None)

    def move(self, deal_uuids: list[str], stage_uuid: str) -> None:
        """Move deals to a stage (a lost stage asks why first)."""
        stage = self._stage(stage_uuid)
        if stage is None or not deal_uuids:
            return
        reason = ""
        if stage.outcome == "lost":
            title = self.cards[deal_uuids[0]].title if deal_uuids[0] in self.cards else ""
            reason = LostReasonDialog.ask(title, self)
            if reason is None:
                return
        self._select_when_loaded(deal_uuids[0])
        self.ops.write(deal_ops.move_deals, self.store, list(deal_uuids), stage_uuid, reason).owned_by(self) \
            .success(self._written).run()

    def mark(self, uuid: str, status: str) -> None:
        """Mark a deal won, lost (asking why) or open again."""
        reason = ""
        if status == "lost":
            reason = LostReasonDialog.ask(self.cards[uuid].title if uuid in self.cards else "", self)
            if reason is None:
                return
        self._select_when_loaded(uuid)
        self.ops.write(deal_ops.mark_deal, self.store, uuid, status, reason).owned_by(self) \
            .success(self._written).run()

    def delete_deal(self, uuid: str) -> None:
        """Delete a deal; Undo brings it back for a few seconds."""
        title = self.cards[uuid].title if uuid in self.cards else ""

        def deleted(_changes) -> None:
            self.undo_bar.offer(uuid, title)
            self._written()

        self.ops.write(deal_ops.delete_deal, self.store, uuid).owned_by(self).success(deleted).run()

    def _undelete(self, uuid: str) -> None:
        self._select_when_loaded(uuid)
        self.ops.write(deal_ops.undelete_deal, self.store, uuid).owned_by(self).success(self._written).run()

    # -- the card's menu ----------------------------------------------------------------------------------------
    def card_menu(self, uuid: str, parent: QWidget | None = None) -> QMenu:
        card = self.cards[uuid]
        menu = QMenu(parent or self)
        menu.addAction(icon("open"), self.tr("Open"), lambda: self.open_deal(uuid))
        moves = menu.addMenu(icon("move"), self.tr("Move to Stage"))
        for stage in self._stages:
            action = moves.addAction(stage_name(stage.name), lambda s=stage.uuid: self.move([uuid], s))
            action.setCheckable(True)
            action.setChecked(stage.uuid == card.stage_uuid)
            action.setEnabled(stage.uuid != card.stage_uuid)
        menu.addSeparator()
        if card.status != "won":
            menu.addAction(icon("won", status_colour("won", self.palette()).name()), self.tr("Mark Won"),
                           lambda: self.mark(uuid, "won"))
        if card.status != "lost":
            menu.addAction(icon("lost", status_colour("lost", self.palette()).name()), self.tr("Mark Lost…"),
                           lambda: self.mark(uuid, "lost"))
        if card.status != "open":
            menu.addAction(icon("reopen"), self.tr("Reopen"), lambda: self.mark(uuid, "open"))
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Delete"), lambda: self.delete_deal(uuid))
        return menu

    def _context_menu(self, column: StageColumn, pos: QPoint) -> None:
        item = column.itemAt(pos)
        if item is None:
            return
        uuid = item.data(DEAL_ROLE)
        self._select(uuid)
        menu = self.card_menu(uuid, column)
        menu.exec(column.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(1100, 700)

