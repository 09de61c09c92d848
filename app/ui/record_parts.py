"""Pieces the 360° views share: type scale, section titles, badges, deal and task rows, the
undo bar, a flow layout for chips, and running a record write as an op with its change set.

Everything here uses palette roles (and a few fixed accent colours that read on light and
dark), so the views follow the theme.
"""

from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crm.followups import FOLLOW_UP_TITLE
from app.crm.customer_view import DealRow, TaskRow
from app.errors import format_template
from app.services.events import LINKS, RECORDS, ChangeSet
from app.ui.icons import KIND_COLOURS, icon, kind_icon
from app.ui.ops import Op, OpResult, Ops
from app.ui.stage_names import stage_name

# -- type scale ------------------------------------------------------------------------------------
TITLE, SUBTITLE, BODY, SMALL, CAPTION = 1.45, 1.1, 1.0, 0.92, 0.82
SPACING = 12  # between blocks
GAP = 6  # inside a block
OVERDUE = QColor("#d0453a")
WON, LOST = QColor("#2a9d6f"), QColor("#8c8c8c")


# Written out as translate("Context", "text") at every call: pyside6-lupdate finds only that
# spelling, so a helper such as translate("RecordParts", "text") would hide its strings from the translation.
translate = QCoreApplication.translate


def task_title(title: str) -> str:
    """A task's title as shown: the title a follow-up was given (stored in English, made in the
    background) in the user's language, any other title as it was written."""
    prefix = FOLLOW_UP_TITLE.split("{subject}")[0]
    if not title.startswith(prefix):
        return title
    return format_template(translate("FollowUps", FOLLOW_UP_TITLE), {"subject": title[len(prefix):]})


def scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    else:
        result.setPixelSize(round(result.pixelSize() * factor))
    if weight is not None:
        result.setWeight(weight)
    return result


def muted(widget: QWidget) -> QWidget:
    """Secondary text: the palette's placeholder colour (readable in light and dark)."""
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return widget


def text_label(text: str = "", factor: float = BODY, weight: QFont.Weight | None = None, wrap: bool = True,
               secondary: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setFont(scaled(label.font(), factor, weight))
    if secondary:
        muted(label)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SectionTitle(QWidget):
    """A section's small bold title with an optional count ("OPEN DEALS  2")."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, GAP, 0, 0)
        layout.setSpacing(GAP)
        self.label = text_label(text, CAPTION, QFont.Weight.Bold, wrap=False, secondary=True)
        font = self.label.font()
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        self.label.setFont(font)
        self.count = text_label("", CAPTION, wrap=False, secondary=True)
        layout.addWidget(self.label)
        layout.addWidget(self.count)
        layout.addStretch(1)

    def text(self) -> str:
        return self.label.text()

    def set_count(self, n: int | None) -> None:
        self.count.setText("" if not n else QLocale().toString(n))


BADGE_COLOURS = {"contact": "#2a9d6f", "unknown": "#c77d12", "teammate": "#2f7bd9", "self": "#6b7a8c",
                 "company": "#1f8a8a", "won": "#2a9d6f", "lost": "#8c8c8c", "open": "#2f7bd9"}


class Badge(QLabel):
    """A small pill ("Customer", "Teammate"): tinted background, text in the accent colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._colour = QColor(BADGE_COLOURS["contact"])
        self.setFont(scaled(self.font(), CAPTION, QFont.Weight.DemiBold))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_badge(self, text: str, kind: str, colour: QColor | None = None) -> None:
        self._colour = QColor(colour) if colour is not None else QColor(BADGE_COLOURS.get(kind, BADGE_COLOURS["self"]))
        self.setText(text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 16, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(self._colour)
        fill.setAlphaF(0.16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        rect = self.rect().adjusted(0, 0, -1, -1)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        text = QColor(self._colour)
        if self.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            text = text.lighter(145)
        painter.setPen(text)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


# -- money and dates ---------------------------------------------------------------------------
_SYMBOLS = {"CNY": "¥", "RMB": "¥", "EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "KRW": "₩", "INR": "₹"}


def money(amount: str, currency: str, locale: QLocale | None = None) -> str:
    """An amount as the locale writes it ("¥772,000", "€24,900.50"); "" when unknown."""
    if not amount:
        return ""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return f"{amount} {currency}".strip()
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:  # no locale configured: write it as English does
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    decimals = 0 if value == value.to_integral_value() else 2
    code = (currency or "").upper()
    symbol = _SYMBOLS.get(code)
    number = locale.toString(float(value), "f", decimals)
    return locale.toCurrencyString(float(value), symbol, decimals) if symbol else f"{number} {code}".strip()


def day_text(moment: datetime, today: datetime | None = None, locale: QLocale | None = None) -> str:
    """"Today", "Tomorrow", "Yesterday", a weekday within the week, else the locale's date."""
    locale = locale or QLocale()
    day = moment.date()
    now = (today or datetime.now()).date()
    delta = (day - now).days
    if delta == 0:
        return translate("RecordParts", "Today")
    if delta == 1:
        return translate("RecordParts", "Tomorrow")
    if delta == -1:
        return translate("RecordParts", "Yesterday")
    qdate = QDate(day.year, day.month, day.day)
    if -6 <= delta < 0 or 0 < delta <= 6:
        return locale.dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
    if day.year == now.year:
        if locale.language() in (QLocale.Language.Chinese, QLocale.Language.Japanese):
            return locale.toString(qdate, "M月d日")
        pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
        return locale.toString(qdate, "MMM d" if pattern.find("M") < pattern.find("d") else "d MMM")
    return locale.toString(qdate, QLocale.FormatType.ShortFormat)


# -- deal and task rows --------------------------------------------------------------------------
class _ClickableRow(QFrame):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoFillBackground(False)
        self._hover = False

    def enterEvent(self, event) -> None:
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.palette().color(QPalette.ColorRole.Base)
        border = self.palette().color(QPalette.ColorRole.Mid)
        border.setAlphaF(0.45)
        fill = self.palette().color(QPalette.ColorRole.AlternateBase) if self._hover else base
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 6, 6)
        painter.end()
        super().paintEvent(event)


class DealRowWidget(_ClickableRow):
    """A deal that reads at a glance: title, then stage · amount · close date."""

    def __init__(self, deal: DealRow, show_people: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.deal = deal
        self.setToolTip(translate("RecordParts", "Open the deal"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        mark = QLabel()
        mark.setPixmap(kind_icon("deal").pixmap(18, 18))
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = text_label(deal.title, BODY, QFont.Weight.DemiBold)
        parts = [stage_name(deal.stage)] if deal.stage else []
        amount = money(deal.amount, deal.currency)
        if amount:
            parts.append(amount)
        if deal.expected_close and deal.status == "open":
            try:
                close = datetime.fromisoformat(deal.expected_close)
                parts.append(translate("RecordParts", "closes %1").replace("%1", day_text(close)))
            except ValueError:
                pass
        if show_people and deal.contact:
            parts.append(deal.contact)
        self.meta = text_label(" · ".join(parts), SMALL, secondary=True)
        text.addWidget(self.title)
        text.addWidget(self.meta)
        layout.addWidget(mark)
        layout.addLayout(text, 1)
        if deal.status != "open":
            badge = Badge()
            badge.set_badge(translate("RecordParts", "Won") if deal.status == "won" else translate("RecordParts", "Lost"), deal.status)
            layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)


class DealList(QWidget):
    deal_activated = Signal(int)  # the deal's record id

    def __init__(self, show_people: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_people = show_people
        self.rows: list[DealRowWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(GAP)

    def set_deals(self, deals: list[DealRow]) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
            self._layout.removeWidget(row)
        self.rows = []
        for deal in deals:
            row = DealRowWidget(deal, self.show_people, self)
            row.clicked.connect(lambda d=deal.id: self.deal_activated.emit(d))
            self._layout.addWidget(row)
            row.show()  # at once, not at the next event loop turn
            self.rows.append(row)

    def count(self) -> int:
        return len(self.rows)


class TaskRowWidget(QWidget):
    done = Signal(str)

    def __init__(self, task: TaskRow, show_people: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.task = task
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(8)
        self.check = QCheckBox()
        self.check.setToolTip(translate("RecordParts", "Mark as done"))
        self.check.toggled.connect(lambda on: on and self.done.emit(task.uuid))
        title = task_title(task.title) + (f" · {task.who}" if show_people and task.who else "")
        self.title = text_label(title, BODY)
        self.due = text_label("", SMALL, wrap=False, secondary=True)
        if task.due_at:
            moment = datetime.fromtimestamp(task.due_at)
            self.due.setText(day_text(moment))
            self.due.setToolTip(QLocale().toString(moment, QLocale.FormatType.LongFormat))
            if task.due_at < time.time() and moment.date() < datetime.now().date():
                self.due.setForegroundRole(QPalette.ColorRole.NoRole)
                palette = self.due.palette()
                palette.setColor(QPalette.ColorRole.WindowText, OVERDUE)
                self.due.setPalette(palette)
                self.due.setFont(scaled(self.due.font(), 1.0, QFont.Weight.DemiBold))
                self.overdue = True
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.due, 0, Qt.AlignmentFlag.AlignTop)

    overdue = False


class TaskList(QWidget):
    task_done = Signal(str)  # uuid

    def __init__(self, show_people: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_people = show_people
        self.rows: list[TaskRowWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def set_tasks(self, tasks: list[TaskRow]) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
            self._layout.removeWidget(row)
        self.rows = []
        for task in tasks:
            row = TaskRowWidget(task, self.show_people, self)
            row.done.connect(self.task_done)
            self._layout.addWidget(row)
            row.show()
            self.rows.append(row)

    def count(self) -> int:
        return len(self.rows)


# -- undo --------------------------------------------------------------------------------------
class UndoBar(QFrame):
    """"Note deleted. Undo" for a few seconds after a delete."""

    SECONDS = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.label = text_label("", SMALL)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.undo_button = QPushButton(translate("RecordParts", "Undo"))
        self.undo_button.setIcon(icon("undo"))
        self.undo_button.clicked.connect(lambda: self._undo())
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("RecordParts", "Close"))
        self.close_button.clicked.connect(lambda: self.hide())
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        self.label.setText(text)
        self._callback = undo
        self.show()
        self._timer.start(self.SECONDS * 1000)

    def _undo(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()


# -- chips -------------------------------------------------------------------------------------
class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to the next line (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = GAP):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class Chip(QToolButton):
    """A selectable person on a message: avatar colour dot, name, and what they are."""

    def __init__(self, text: str, tooltip: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setText(text)
        self.setToolTip(tooltip)
        self.setCheckable(True)
        self.setAutoRaise(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


# -- writes as ops -------------------------------------------------------------------------------
def record_write(ops: Ops, fn: Callable, *args, kinds: tuple[str, ...] = (RECORDS,), **kwargs) -> Op:
    """``fn`` on the writer thread, answered with a change set of ``kinds`` (RECORDS by default)."""

    def run():
        value = fn(*args, **kwargs)
        return OpResult(value, ChangeSet.of(*kinds))
    run.__qualname__ = getattr(fn, "__qualname__", "record_write")
    return ops.write(run)


def linking_write(ops: Ops, fn: Callable, *args, **kwargs) -> Op:
    """A write that changes records and which mail is linked to them."""
    return record_write(ops, fn, *args, kinds=(RECORDS, LINKS), **kwargs)


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, "#6b7a8c"))
