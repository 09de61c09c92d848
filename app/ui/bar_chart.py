"""A horizontal bar chart drawn with QPainter (QtCharts is not part of the Qt we ship).

One bar per row, its label on the left and its value at the bar's end, in the palette's
colours so it reads in light and dark themes; Chinese labels are drawn with the widget's own
font. Clicking a bar emits its row, so the view can show what is behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT, GAP, LABEL_SHARE = 22, 8, 0.34


class BarChart(QWidget):
    bar_clicked = Signal(int)  # the row

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.bars: list[tuple[str, float, str]] = []  # (label, value, value as text)
        self.selected: int | None = None

    def set_bars(self, bars: list[tuple[str, float, str]]) -> None:
        self.bars, self.selected = bars, None
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, max(1, len(self.bars)) * (BAR_HEIGHT + GAP) + GAP)

    def bar_rect(self, row: int) -> QRectF:
        """Where row ``row``'s bar is drawn (tests click it there)."""
        left = self.width() * LABEL_SHARE
        top = GAP + row * (BAR_HEIGHT + GAP)
        biggest = max((abs(v) for _l, v, _t in self.bars), default=0) or 1
        room = max(1.0, self.width() - left - 90)
        return QRectF(left, top, max(2.0, room * abs(self.bars[row][1]) / biggest), BAR_HEIGHT)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        for row, (label, _value, shown) in enumerate(self.bars):
            bar = self.bar_rect(row)
            label_box = QRectF(0, bar.top(), bar.left() - 8, BAR_HEIGHT)
            painter.setPen(text)
            painter.drawText(label_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle,
                                                              int(label_box.width())))
            colour = QColor(accent)
            if self.selected is not None and row != self.selected:
                colour.setAlpha(110)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 3, 3)
            painter.setPen(text)
            painter.drawText(QRectF(bar.right() + 6, bar.top(), 84, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)

    def mouseReleaseEvent(self, event) -> None:
        for row in range(len(self.bars)):
            bar = self.bar_rect(row)
            if bar.top() <= event.position().y() <= bar.bottom():
                self.selected = row
                self.update()
                self.bar_clicked.emit(row)
                return
        super().mouseReleaseEvent(event)
