"""The message list view: one-line columns or two-line rows, a placeholder, a context menu.

Two-line rows (View → Two-Line Rows, as Foxmail and Thunderbird offer) draw, in one column,
the sender (or recipients) and the date on the first line and the subject and the first
words of the message on the second, with the conversation's size and flag/attachment marks.
Sorting then comes from View → Sort By, since the column headers are hidden.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCursor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from app.ui.message_list_model import MessageListModel, Roles
from app.ui.row_pixmaps import RowPixmapCache

PADDING = 6


def _paint_background(option: QStyleOptionViewItem, painter: QPainter) -> bool:
    """The selection and hover background of a cell; returns whether it is selected."""
    widget = option.widget
    style = widget.style() if widget is not None else None
    if style is not None:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
    return bool(option.state & QStyle.StateFlag.State_Selected)


def _colours(option: QStyleOptionViewItem, selected: bool):
    palette = option.palette
    text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    muted = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
    return palette, text, muted


class _Fonts(NamedTuple):
    """A font in its regular and bold weights, with their metrics."""

    regular: QFont
    bold: QFont
    regular_metrics: QFontMetrics
    bold_metrics: QFontMetrics


class _RowDelegate(QStyledItemDelegate):
    """Paints a cell from the row the model read once.

    The view paints every visible cell in one Python call (see
    :meth:`MessageListView.paintEvent`): each call from Qt into Python must take the GIL, and
    while a sync thread is busy in Python every hand-over waits, so a repaint that called a
    delegate per cell (or the model per role) took hundreds of milliseconds.

    Drawing a row's text is nearly all it costs (shaping, about a microsecond a glyph, twice:
    to elide and to draw), so the fonts and their metrics are made once per font, a text is
    drawn at its baseline (a rectangle with alignment lays it out once more), and elided texts
    are kept: a sender's name or a date recurs on many rows."""

    ELIDED_KEPT = 4096

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fonts: _Fonts | None = None
        self._elided: dict[tuple, str] = {}

    def fonts(self, font: QFont) -> _Fonts:
        """The row fonts for the view's ``font`` (one font at a time: the view's)."""
        kept = self._fonts
        if kept is None or kept.regular != font:
            bold = QFont(font)
            bold.setBold(True)
            kept = self._fonts = _Fonts(QFont(font), bold, QFontMetrics(font), QFontMetrics(bold))
            self._elided.clear()
        return kept

    def _elide(self, metrics: QFontMetrics, bold: bool, text: str, width: int) -> str:
        key = (text, width, bold)
        shown = self._elided.get(key)
        if shown is None:
            if len(self._elided) >= self.ELIDED_KEPT:
                self._elided.clear()
            shown = self._elided[key] = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return shown

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        row = index.model().row_for_paint(index.row())
        self.paint_cell(painter, option, row, index.column(), index.model())

    def paint_cell(self, painter: QPainter, option: QStyleOptionViewItem, row, column: int, model) -> None:
        selected = _paint_background(option, painter)
        if row is not None:  # None: its page is being read, painted when it arrives
            self._paint_row(painter, option, row, column, model, selected)

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, row, column: int, model,
                   selected: bool) -> None:
        raise NotImplementedError


class OneLineDelegate(_RowDelegate):
    """One column of the one-line list: its text, bold while unread, a flag or paper clip."""

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, row, column: int, model,
                   selected: bool) -> None:
        _palette, text_colour, _muted = _colours(option, selected)
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        fonts = self.fonts(option.font)
        bold = not row.seen
        metrics = fonts.bold_metrics if bold else fonts.regular_metrics
        painter.save()
        painter.setFont(fonts.bold if bold else fonts.regular)
        if column == 1 and (row.flagged or row.attachments):
            size = min(rect.height() - 4, metrics.height())
            model.mark_icon("flag" if row.flagged else "attachment").paint(
                painter, QRect(rect.left(), rect.top() + (rect.height() - size) // 2, size, size))
            rect.setLeft(rect.left() + size + 4)
        painter.setPen(text_colour)
        baseline = rect.top() + (rect.height() - metrics.height()) // 2 + metrics.ascent()
        painter.drawText(QPoint(rect.left(), baseline), self._elide(metrics, bold, row.texts[column], rect.width()))
        painter.restore()


class TwoLineDelegate(_RowDelegate):
    """Paints a whole message in one cell on two lines."""

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, row, _column: int, model,
                   selected: bool) -> None:
        palette, text_colour, muted = _colours(option, selected)
        unread = not row.seen
        fonts = self.fonts(option.font)
        base, base_metrics = fonts.regular, fonts.regular_metrics
        first_font = fonts.bold if unread else fonts.regular
        metrics = fonts.bold_metrics if unread else fonts.regular_metrics
        rect = option.rect.adjusted(PADDING + 4, PADDING - 2, -PADDING, -PADDING + 2)
        line_height = metrics.height()
        painter.save()
        if unread:  # a dot in the margin, as mail clients mark unread mail
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight) if not selected else muted)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPoint(option.rect.left() + 6, rect.top() + line_height // 2), 3, 3)
        date = row.texts[2]
        painter.setFont(base)
        date_width = base_metrics.horizontalAdvance(date)
        painter.setPen(muted)
        painter.drawText(QRect(rect.right() - date_width, rect.top(), date_width, line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, date)
        who, count = row.texts[0], row.count
        painter.setFont(first_font)
        painter.setPen(text_colour)
        who_room = rect.width() - date_width - 12 - (metrics.horizontalAdvance(f" {count} ") + 8 if count > 1 else 0)
        shown_who = self._elide(metrics, unread, who, max(who_room, 10))
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
        icons = ([model.mark_icon("flag")] if row.flagged else []) + \
                ([model.mark_icon("attachment")] if row.attachments else [])
        size = line_height - 2
        for n, icon in enumerate(icons):
            icon.paint(painter, QRect(second.right() - (n + 1) * (size + 4) + 4, second.top() + 1, size, size))
        text_width = second.width() - len(icons) * (size + 4)
        snippet = model.snippet_of(row.id)
        body_metrics = base_metrics
        painter.setFont(base)
        painter.setPen(text_colour)
        shown_subject = self._elide(body_metrics, False, row.subject, text_width)
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
        self._one_line_delegate = OneLineDelegate(self)
        self._two_line_delegate = TwoLineDelegate(self)
        self.setItemDelegate(self._one_line_delegate)
        self.two_line = False
        self._row_pixmaps = RowPixmapCache()
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
        self.setItemDelegateForColumn(0, self._two_line_delegate if on else self._one_line_delegate)
        self._apply_row_height()

    def _apply_row_height(self) -> None:
        line = self.fontMetrics().height()
        self.verticalHeader().setDefaultSectionSize(2 * line + 2 * PADDING + 2 if self.two_line else line + 8)

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Every visible cell in this one call from Qt into Python (see :class:`OneLineDelegate`)."""
        model = self.model()
        painter = QPainter(self.viewport())
        if model is None or model.rowCount() == 0:
            if self.placeholder:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()
            return
        # The rows under the region to repaint, not under its bounding rectangle: selecting
        # another message repaints two rows that may be a screen apart, and painting every row
        # between them (text layout is most of a cell's cost) was most of the list's paint time.
        area = event.region()
        rows: set[int] = set()
        for rect in area:
            first = self.rowAt(rect.top())
            if first < 0:
                continue
            last = self.rowAt(rect.bottom())
            rows.update(range(first, (last if last >= 0 else model.rowCount() - 1) + 1))
        if not rows:
            painter.end()
            return
        columns = [c for c in range(model.columnCount()) if not self.isColumnHidden(c)]
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base_state = option.state
        selection = self.selectionModel()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        hovered = self.indexAt(self.viewport().mapFromGlobal(QCursor.pos())).row() \
            if self.underMouse() else -1
        focused = self.hasFocus()
        delegates = {c: self.itemDelegateForColumn(c) or self.itemDelegate() for c in columns}
        left = min(self.columnViewportPosition(c) for c in columns)
        cells = [(c, self.columnViewportPosition(c) - left, self.columnWidth(c)) for c in columns]
        width = max(x + w for _c, x, w in cells)
        ratio = self.viewport().devicePixelRatioF()
        background = option.palette.color(QPalette.ColorRole.Base)
        layout = (tuple(cells), ratio, option.palette.cacheKey(), option.font.key(), self.two_line,
                  base_state.value)
        for row_number in sorted(rows):
            row = model.row_for_paint(row_number)
            top = self.rowViewportPosition(row_number)
            height = self.rowHeight(row_number)
            state = base_state
            if selection is not None and selection.isRowSelected(row_number, QModelIndex()):
                state |= QStyle.StateFlag.State_Selected
            if row_number == hovered:
                state |= QStyle.StateFlag.State_MouseOver
            if row_number == current and focused:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            if row is None:  # its page is being read: the background now, the row when it arrives
                for column, x, w in cells:
                    option.rect = QRect(left + x, top, w, height)
                    delegates[column].paint_cell(painter, option, None, column, model)
                continue

            def paint_row(target: QPainter, row=row) -> None:
                for column, x, w in cells:
                    option.rect = QRect(x, 0, w, height)
                    delegates[column].paint_cell(target, option, row, column, model)

            snippet = model.snippet_of(row.id) if self.two_line else None
            key = (row, snippet, state.value, height, layout)
            painter.drawPixmap(left, top, self._row_pixmaps.pixmap(key, width, height, ratio, background, paint_row))
        painter.end()
