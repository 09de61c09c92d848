"""The message list view: one-line columns or two-line rows, a placeholder, a context menu.

Two-line rows (View → Two-Line Rows, as Foxmail and Thunderbird offer) draw, in one column,
the sender (or recipients) and the date on the first line and the subject and the first
words of the message on the second, with the conversation's size and flag/attachment marks.
Sorting then comes from View → Sort By, since the column headers are hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from app.ui.message_list_model import MessageListModel, Roles

PADDING = 6


class TwoLineDelegate(QStyledItemDelegate):
    """Paints a whole message in one cell on two lines."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        option.icon = type(option.icon)()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        unread = bool(index.data(Roles.Unread))
        base = QFont(option.font)
        first_font = QFont(base)
        first_font.setBold(unread)
        metrics = QFontMetrics(first_font)
        rect = option.rect.adjusted(PADDING + 4, PADDING - 2, -PADDING, -PADDING + 2)
        line_height = metrics.height()
        painter.save()
        if unread:  # a dot in the margin, as mail clients mark unread mail
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight) if not selected else muted)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPoint(option.rect.left() + 6, rect.top() + line_height // 2), 3, 3)
        date = index.data(Roles.DateText) or ""
        painter.setFont(base)
        date_width = QFontMetrics(base).horizontalAdvance(date)
        painter.setPen(muted)
        painter.drawText(QRect(rect.right() - date_width, rect.top(), date_width, line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, date)
        who = index.data(Roles.Who) or ""
        count = index.data(Roles.Count) or 1
        painter.setFont(first_font)
        painter.setPen(palette.color(text_role))
        who_room = rect.width() - date_width - 12 - (metrics.horizontalAdvance(f" {count} ") + 8 if count > 1 else 0)
        shown_who = metrics.elidedText(who, Qt.TextElideMode.ElideRight, max(who_room, 10))
        painter.drawText(QRect(rect.left(), rect.top(), who_room, line_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown_who)
        if count > 1:  # the conversation's size, as a small pill after the name
            pill_text = str(count)
            pill = QRect(rect.left() + metrics.horizontalAdvance(shown_who) + 6, rect.top() + 2,
                         metrics.horizontalAdvance(pill_text) + 10, line_height - 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(muted)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(palette.color(QPalette.ColorRole.Base))
            painter.setFont(base)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, pill_text)
        second = QRect(rect.left(), rect.top() + line_height + 2, rect.width(), line_height)
        icons = []
        if index.data(Roles.Flagged):
            icons.append(index.model().mark_icon("flag"))
        if index.data(Roles.Attachments):
            icons.append(index.model().mark_icon("attachment"))
        size = line_height - 2
        for n, icon in enumerate(icons):
            icon.paint(painter, QRect(second.right() - (n + 1) * (size + 4) + 4, second.top() + 1, size, size))
        text_width = second.width() - len(icons) * (size + 4)
        subject = index.data(Roles.Subject) or ""
        snippet = index.data(Roles.Snippet) or ""
        body_metrics = QFontMetrics(base)
        painter.setFont(base)
        painter.setPen(palette.color(text_role))
        shown_subject = body_metrics.elidedText(subject, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(QRect(second.left(), second.top(), text_width, line_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown_subject)
        used = body_metrics.horizontalAdvance(shown_subject)
        if snippet and used < text_width - 40:
            painter.setPen(muted)
            rest = body_metrics.elidedText("  " + snippet, Qt.TextElideMode.ElideRight, text_width - used)
            painter.drawText(QRect(second.left() + used, second.top(), text_width - used, line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, rest)
        painter.restore()


class MessageListView(QTableView):
    """The list of messages of the selected folder."""

    context_menu_requested = Signal(QPoint)  # global position; the selection is what it acts on

    def __init__(self, model: MessageListModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.setHighlightSections(False)
        columns.resizeSection(0, 150)
        columns.resizeSection(2, self.fontMetrics().horizontalAdvance("2026/12/31") + 32)
        columns.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # newest first, sorted in SQL
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda position: self.context_menu_requested.emit(self.viewport().mapToGlobal(position)))
        self.placeholder = ""
        self._one_line_delegate = self.itemDelegate()
        self._two_line_delegate = TwoLineDelegate(self)
        self.two_line = False
        self._apply_row_height()

    def set_two_line(self, on: bool) -> None:
        """Two-line rows: one painted column; the header's sorting moves to View → Sort By."""
        self.two_line = on
        self.model().set_two_line(on)
        for column in (1, 2):
            self.setColumnHidden(column, on)
        self.horizontalHeader().setVisible(not on)
        self.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch if on else QHeaderView.ResizeMode.Interactive)
        if not on:
            self.horizontalHeader().resizeSection(0, 150)
        self.setItemDelegateForColumn(0, self._two_line_delegate if on else None)
        self._apply_row_height()

    def _apply_row_height(self) -> None:
        line = self.fontMetrics().height()
        self.verticalHeader().setDefaultSectionSize(2 * line + 2 * PADDING + 2 if self.two_line else line + 8)

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()
