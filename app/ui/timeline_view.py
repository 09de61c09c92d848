"""A customer's timeline: entries grouped by day, newest first, each with its kind's icon.

Rows are day headers ("Today", "Yesterday", "Monday", "2 Oct 2026" as the locale writes
them) and entries drawn by :class:`TimelineDelegate`: an icon on a tinted disc (mail in,
mail out, call, meeting, note, task), a title, a second line saying who, where or how long,
and the time.  The view is as tall as its rows (it sits in the panel's scroll area, which
scrolls the whole record); :meth:`TimelineView.load_more` reads the next page on the view
reader thread when the panel scrolls near its end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QLocale, QModelIndex, QRect, QRectF, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.crm.timeline import Entry
from app.ui.folder_tree import folder_label
from app.ui.icons import kind_icon
from app.ui.record_parts import SMALL, day_text, kind_colour, scaled, task_title
from app.ui.row_pixmaps import RowPixmapCache

ENTRY_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2
THREAD_ROLE = Qt.ItemDataRole.UserRole + 3  # (messages in the conversation, you replied)

Fetch = Callable[[tuple | None, int], list[Entry]]


# Written out as translate("Context", "text") at every call: pyside6-lupdate finds only that
# spelling, so a helper such as translate("TimelineView", "text") would hide its strings from the translation.
translate = QCoreApplication.translate


def icon_kind(entry: Entry) -> str:
    if entry.kind in ("email", "team_email"):
        return "mail-out" if entry.outgoing else "mail-in"
    return entry.kind


def entry_title(entry: Entry) -> str:
    if entry.title.strip():
        title = " ".join(entry.title.split())
        return task_title(title) if entry.kind == "task" else title
    return {"email": translate("TimelineView", "(no subject)"), "team_email": translate("TimelineView", "(no subject)"), "note": translate("TimelineView", "Note"), "call": translate("TimelineView", "Call"), "meeting": translate("TimelineView", "Meeting"),
            "task": translate("TimelineView", "Task")}.get(entry.kind, "")


def entry_detail(entry: Entry) -> str:
    """The second line: who and where for mail, kind and length for calls and meetings…"""
    parts: list[str] = []
    if entry.kind == "email":
        if entry.outgoing:
            parts.append(translate("TimelineView", "To %1").replace("%1", entry.who) if entry.who else translate("TimelineView", "Sent"))
        else:
            parts.append(translate("TimelineView", "From %1").replace("%1", entry.who) if entry.who else translate("TimelineView", "Received"))
        if entry.folder:
            parts.append(folder_label(entry.folder))
        if entry.auto_kind:
            automatic = {"bounce": translate("TimelineView", "bounce"),
                         "bulk": translate("TimelineView", "bulk mail")}
            parts.append(automatic.get(entry.auto_kind) or translate("TimelineView", "automatic reply"))
    elif entry.kind == "team_email":
        if entry.outgoing:
            parts.append(translate("TimelineView", "To %1").replace("%1", entry.who) if entry.who else translate("TimelineView", "Sent"))
        else:
            parts.append(translate("TimelineView", "From %1").replace("%1", entry.who) if entry.who else translate("TimelineView", "Received"))
        parts.append(translate("TimelineView", "shared by %1").replace("%1", entry.shared_by))
    elif entry.kind == "note":
        rest = entry.detail.split("\n", 1)[1].strip() if "\n" in entry.detail else ""
        parts.append(" ".join(rest.split()) if rest else translate("TimelineView", "Note"))
    elif entry.kind in ("call", "meeting"):
        parts.append(translate("TimelineView", "Call") if entry.kind == "call" else translate("TimelineView", "Meeting"))
        if entry.duration_minutes:
            minutes = entry.duration_minutes  # a plain name: lupdate skips a call with an expression there
            parts.append(translate("TimelineView", "%n min", "duration", minutes))
        if entry.attendees:
            parts.append(translate("TimelineView", "with %1").replace("%1", ", ".join(entry.attendees)))
        if entry.detail.strip():
            parts.append(" ".join(entry.detail.split()))
    elif entry.kind == "task":
        if entry.done:
            parts.append(translate("TimelineView", "Task done"))
        elif entry.due_at:
            parts.append(translate("TimelineView", "Task due %1").replace("%1", day_text(datetime.fromtimestamp(entry.due_at))))
        else:
            parts.append(translate("TimelineView", "Task"))
    return " · ".join(p for p in parts if p)


def time_text(at: int) -> str:
    moment = datetime.fromtimestamp(at)
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def day_header(at: int) -> str:
    moment = datetime.fromtimestamp(at)
    today = datetime.now()
    if -6 <= (moment.date() - today.date()).days <= 1:  # a weekday name only for the past week
        return day_text(moment, today)
    locale = QLocale()
    return locale.toString(moment.date(), QLocale.FormatType.LongFormat)


@dataclass
class _Row:
    header: str | None  # a day header's text, or None for an entry
    entry: Entry | None = None
    # An email row stands for its whole conversation on this timeline: the newest message,
    # then the older ones of the same thread (yours and theirs), as a mail client threads them.
    earlier: list[Entry] = field(default_factory=list)

    @property
    def thread_size(self) -> int:
        return 1 + len(self.earlier)

    @property
    def you_replied(self) -> bool:
        return any(e.outgoing for e in self.earlier) and not self.entry.outgoing


class TimelineModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[_Row] = []
        self._entries = 0
        self._last_day = None
        self._message_keys: set[str] = set()
        self._threads: dict[int, int] = {}  # thread id → the row number that shows the conversation

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == HEADER_ROLE:
            return row.header is not None
        if row.header is not None:
            return row.header if role == Qt.ItemDataRole.DisplayRole else None
        entry = row.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry_title(entry)}\n{entry_detail(entry)}"
        if role == ENTRY_ROLE:
            return entry
        if role == THREAD_ROLE:
            return (row.thread_size, row.you_replied)
        if role == MESSAGE_ROLE:
            return entry.key if entry.kind == "email" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            when = QLocale().toString(datetime.fromtimestamp(entry.at), QLocale.FormatType.LongFormat)
            body = entry.detail if entry.kind in ("note", "call", "meeting") else entry_detail(entry)
            if entry.kind == "team_email" and entry.detail:
                body += "\n" + entry.detail  # its first words: the mail itself stays with its owner
            if row.thread_size > 1:
                size = row.thread_size  # a plain name: lupdate skips a call with an expression there
                body += "\n" + translate("TimelineView", "%n message(s) in this conversation", "", size)
            return f"{entry_title(entry)}\n{body}\n{when}".strip()
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self.rows[index.row()].header is not None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def clear(self) -> None:
        self.beginResetModel()
        self.rows, self._entries, self._last_day, self._message_keys = [], 0, None, set()
        self._threads = {}
        self.endResetModel()

    def append(self, entries: list[Entry]) -> None:
        new: list[_Row] = []
        grown: set[int] = set()  # rows shown already whose conversation got older messages
        day = self._last_day
        for entry in entries:
            if entry.kind in ("email", "team_email") and entry.message_id:
                if entry.message_id in self._message_keys:
                    continue  # the same message found again on the next page
                self._message_keys.add(entry.message_id)
            thread = entry.thread_id if entry.kind == "email" else None
            if thread and thread in self._threads:  # an older message of a conversation already shown
                number = self._threads[thread]
                shown = number < len(self.rows)
                (self.rows[number] if shown else new[number - len(self.rows)]).earlier.append(entry)
                if shown:
                    grown.add(number)
                continue
            entry_day = datetime.fromtimestamp(entry.at).date()
            if entry_day != day:
                new.append(_Row(day_header(entry.at)))
                day = entry_day
            if thread:
                self._threads[thread] = len(self.rows) + len(new)
            new.append(_Row(None, entry))
        for number in grown:
            self.dataChanged.emit(self.index(number, 0), self.index(number, 0))
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
        self.rows += new
        self._entries += sum(1 for r in new if r.header is None)
        self._last_day = day
        self.endInsertRows()

    @property
    def entry_count(self) -> int:
        return self._entries

    def entries(self) -> list[Entry]:
        return [r.entry for r in self.rows if r.entry is not None]


class TimelineDelegate(QStyledItemDelegate):
    ICON = 30
    PAD = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fonts: dict[str, tuple] = {}
        self._discs: dict[tuple, QPixmap] = {}
        # The panel paints its timeline two or three times for each message selected (the
        # panel's layout settles), each time the same entries: painted once, then copied.
        self._painted = RowPixmapCache(budget_bytes=4 * 1024 * 1024)

    def _measured(self, option) -> tuple:
        key = option.font.key()
        if key not in self._fonts:
            self._fonts[key] = self._measure(option)
        return self._fonts[key]

    def _metrics(self, option) -> tuple[QFont, QFont, QFont, int, int]:
        title, small, header, line1, line2, _heights = self._measured(option)
        return QFont(title), small, header, line1, line2

    def _disc(self, kind: str, ratio: float) -> QPixmap:
        """The kind's icon on its tinted disc, drawn once (an antialiased ellipse is not cheap)."""
        key = (kind, ratio)
        pixmap = self._discs.get(key)
        if pixmap is None:
            size = round(self.ICON * ratio)
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            tint = kind_colour(kind)
            tint.setAlphaF(0.16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawEllipse(QRectF(0, 0, size, size))
            inset = round(7 * ratio)
            kind_icon(kind).paint(painter, QRect(inset, inset, size - 2 * inset, size - 2 * inset))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            self._discs[key] = pixmap
        return pixmap

    @classmethod
    def _measure(cls, option) -> tuple:
        title = scaled(option.font, 1.0, QFont.Weight.DemiBold)
        small = scaled(option.font, SMALL)
        header = scaled(option.font, SMALL, QFont.Weight.Bold)
        # CJK glyphs come from a fallback font with taller ascent: leave room, never clip them.
        line1 = max(QFontMetrics(title).height(), QFontMetrics(title).boundingRect("华Ág").height()) + 2
        line2 = max(QFontMetrics(small).height(), QFontMetrics(small).boundingRect("华Ág").height()) + 2
        # Row heights, asked for every entry each time the list lays out: a day header's, an entry's.
        heights = (QFontMetrics(header).height() + 16, max(cls.ICON, line1 + line2) + 2 * cls.PAD)
        return title, small, header, line1, line2, heights

    def sizeHint(self, option, index) -> QSize:
        header_height, entry_height = self._measured(option)[5]
        return QSize(200, header_height if index.data(HEADER_ROLE) else entry_height)

    def paint(self, painter: QPainter, option, index) -> None:
        """The entry (or day header) from its pixmap, painted into it the first time: its
        key is everything the entry's pixels depend on."""
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        # Active and enabled choose the palette's colour group (an inactive window's selection).
        state = option.state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
                                | QStyle.StateFlag.State_Active | QStyle.StateFlag.State_Enabled)
        size = option.rect.size()
        key = (index.data(HEADER_ROLE), index.data(ENTRY_ROLE), index.data(THREAD_ROLE), state.value,
               size.width(), size.height(), ratio, option.palette.cacheKey(), option.font.key())

        def paint_at_origin(target: QPainter) -> None:  # only for an entry not painted yet
            at_origin = QStyleOptionViewItem(option)
            at_origin.rect = QRect(0, 0, size.width(), size.height())
            self._paint(target, at_origin, index)

        painter.drawPixmap(option.rect.topLeft(), self._painted.pixmap(
            key, size.width(), size.height(), ratio, QColor(Qt.GlobalColor.transparent), paint_at_origin))

    def _paint(self, painter: QPainter, option, index) -> None:
        title_font, small_font, header_font, line1, line2 = self._metrics(option)
        palette = option.palette
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        secondary = palette.color(QPalette.ColorRole.PlaceholderText)
        if index.data(HEADER_ROLE):
            painter.setFont(header_font)
            painter.setPen(secondary)
            text_rect = rect.adjusted(4, 8, -4, 0)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             index.data(Qt.ItemDataRole.DisplayRole))
            painter.restore()
            return
        entry: Entry = index.data(ENTRY_ROLE)
        if option.state & QStyle.StateFlag.State_Selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlphaF(0.22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(rect.adjusted(1, 1, -1, -1)), 6, 6)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            fill = QColor(palette.color(QPalette.ColorRole.Text))
            fill.setAlphaF(0.05)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(rect.adjusted(1, 1, -1, -1)), 6, 6)
        kind = icon_kind(entry)
        disc = QRectF(rect.left() + 6, rect.top() + self.PAD, self.ICON, self.ICON)
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(disc.topLeft(), self._disc(kind, ratio))
        left = int(disc.right()) + 10
        top = rect.top() + self.PAD
        when = time_text(entry.at)
        painter.setFont(small_font)
        when_width = QFontMetrics(small_font).horizontalAdvance(when) + 4
        painter.setPen(secondary)
        painter.drawText(QRect(rect.right() - when_width - 6, top, when_width, line1),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        text_colour = palette.color(QPalette.ColorRole.Text)
        title = entry_title(entry)
        if entry.kind == "task" and entry.done:
            title_font.setStrikeOut(True)
            text_colour = secondary
        painter.setFont(title_font)
        painter.setPen(text_colour)
        width = rect.right() - when_width - 12 - left
        painter.drawText(QRect(left, top, width, line1), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(title_font).elidedText(title, Qt.TextElideMode.ElideRight, width))
        painter.setFont(small_font)
        painter.setPen(secondary)
        width = rect.right() - 8 - left
        detail = entry_detail(entry)
        size, you_replied = index.data(THREAD_ROLE) or (1, False)
        if size > 1:
            detail = " · ".join([detail, translate("TimelineView", "%n message(s)", "conversation", size)]
                                + ([translate("TimelineView", "you replied")] if you_replied else []))
        painter.drawText(QRect(left, top + line1, width, line2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(small_font).elidedText(detail, Qt.TextElideMode.ElideRight, width))
        painter.restore()


class TimelineView(QListView):
    """The entries of one record (or of one person's mail), a page at a time."""

    message_requested = Signal(int)
    shared_mail_requested = Signal(object)  # a colleague's shared message (an Entry) was activated
    entry_menu_requested = Signal(object, object)  # Entry, global QPoint

    def __init__(self, parent=None, ops=None):
        super().__init__(parent)
        self._ops = ops  # app.ui.ops.Ops: later pages are view reads (without, read at once: tests)
        self._generation = 0  # show_entries/show_list: a page asked for what was shown before is dropped
        self._loading = False  # a later page is being read
        self.model_ = TimelineModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(TimelineDelegate(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setUniformItemSizes(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.activated.connect(self._activated)
        self._fetch: Fetch | None = None
        self._page = 50
        self._cursor = None
        self.has_more = False
        self._fit()

    # -- contents ------------------------------------------------------------------------------
    def show_entries(self, fetch: Fetch | None, page: int = 50, at_least: int = 0, first: list | None = None) -> None:
        """Show what ``fetch(before, limit)`` gives, page by page (``at_least`` entries at first:
        a refresh keeps what was already scrolled to).  ``first`` is the first page when it was
        already read (off the GUI thread)."""
        self._fetch, self._page, self._cursor = fetch, page, None
        self._generation += 1
        self._loading = False
        self.model_.clear()
        self.has_more = False
        if fetch is not None:
            limit = max(page, at_least)
            self._append(limit, first if first is not None else fetch(None, limit))
        self._fit()

    def show_list(self, entries: list[Entry]) -> None:
        """Show a fixed list of entries, without paging."""
        self._fetch, self._cursor, self.has_more = None, None, False
        self._generation += 1
        self._loading = False
        self.model_.clear()
        self.model_.append(entries)
        self._fit()

    def load_more(self) -> bool:
        """Ask for the next page: a view read (``fetch`` runs on the view reader thread, the
        GUI thread only shows the page). False when there is none, or one is on its way."""
        if not self.has_more or self._fetch is None or self._loading:
            return False
        limit = self._page
        if self._ops is None:
            self._append(limit, self._fetch(self._cursor, limit))
            self._fit()
            return True
        self._loading = True
        generation = self._generation

        def arrived(page: list) -> None:
            if generation != self._generation:
                return  # the view shows something else by now
            self._loading = False
            self._append(limit, page)
            self._fit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._loading = False  # scrolling asks again
            self._ops.present_error(error)
        self._ops.view_read(self._fetch, self._cursor, limit).owned_by(self).success(arrived).failure(failed).run()
        return True

    def _append(self, limit: int, page: list) -> None:
        self.model_.append(page)
        if page:
            self._cursor = page[-1].cursor
        self.has_more = len(page) == limit

    def count(self) -> int:
        """Entries shown (day headers not counted)."""
        return self.model_.entry_count

    def entries(self) -> list[Entry]:
        return self.model_.entries()

    def row_of(self, predicate: Callable[[Entry], bool]) -> QModelIndex:
        for row, item in enumerate(self.model_.rows):
            if item.entry is not None and predicate(item.entry):
                return self.model_.index(row, 0)
        return QModelIndex()

    # -- size ----------------------------------------------------------------------------------
    def _fit(self) -> None:
        height = 0
        header_height = entry_height = None
        for row, item in enumerate(self.model_.rows):
            if item.header is not None:
                if header_height is None:
                    header_height = self.sizeHintForRow(row)
                height += header_height
            else:
                if entry_height is None:
                    entry_height = self.sizeHintForRow(row)
                height += entry_height
        self.setFixedHeight(max(height, 0) + 2 * self.frameWidth() + 2)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """The view is as tall as its rows: the panel's scroll area brings the row into sight."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is None or not index.isValid():
            return
        rect = self.visualRect(index)
        point = self.mapTo(area.widget(), rect.center())
        area.ensureVisible(point.x(), point.y(), 0, rect.height() // 2 + 4)

    # -- interaction ---------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        message = index.data(MESSAGE_ROLE)
        if message is not None:
            self.message_requested.emit(message)
            return
        entry = index.data(ENTRY_ROLE)
        if entry is not None and entry.kind == "team_email":
            self.shared_mail_requested.emit(entry)

    def _menu(self, position) -> None:
        index = self.indexAt(position)
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        if entry is not None:
            self.setCurrentIndex(index)
            self.entry_menu_requested.emit(entry, self.viewport().mapToGlobal(position))
