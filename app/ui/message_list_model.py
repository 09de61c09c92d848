"""The message list: ids from SQL, rows loaded lazily in pages as the view asks for them.

A folder of 100,000 messages opens at once because only the ordered id list is read up front
(one indexed query); the few rows a view paints are fetched a page at a time and cached.
Sorting happens in SQL, never in a Python proxy.

Threading: when the window gives the model its :class:`~app.ui.ops.Ops`, rows the view is
about to paint are read on a reader thread (:meth:`row_for_paint` answers ``None`` meanwhile,
or the row as it was before the last change), so a paint never waits on SQLite.  ``data()``
stays synchronous for the few callers that need an answer now.  A generation number drops
pages read before the rows they hold changed.
"""

from __future__ import annotations

import json
from itertools import islice
from datetime import datetime
from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from sqlalchemy import select

from app.store.database import Store
from app.store.mail_queries import folder_message_ids
from app.store.models import Message
from app.store.threads import conversation_sizes, folder_conversation_ids
from app.ui.list_dates import full_date, list_date

PAGE_SIZE = 200
# Rows kept in memory: scrolling through 100,000 messages must not keep them all (memory,
# and garbage-collection pauses that grow with every cached row).
MAX_CACHED_ROWS = 20 * PAGE_SIZE
READ_AHEAD_ROWS = 80  # this close to a page's end, the next page is read before it is shown


class Roles(IntEnum):
    """The contract between message models and views."""

    MessageId = Qt.ItemDataRole.UserRole + 1
    Unread = Qt.ItemDataRole.UserRole + 2
    Flagged = Qt.ItemDataRole.UserRole + 3
    Who = Qt.ItemDataRole.UserRole + 4  # the sender, or the recipients in Sent, Drafts and Outbox
    Subject = Qt.ItemDataRole.UserRole + 5  # without the conversation count
    DateText = Qt.ItemDataRole.UserRole + 6
    Snippet = Qt.ItemDataRole.UserRole + 7  # the first words ("" until loaded; two-line rows only)
    Count = Qt.ItemDataRole.UserRole + 8  # messages in the conversation (conversation mode), else 1
    Attachments = Qt.ItemDataRole.UserRole + 9


class MessageListModel(QAbstractTableModel):
    """Rows of a folder.  In folders of mail you sent (Sent, Drafts, Outbox) the first column
    shows the recipients, not you.  ``snippets_wanted`` asks (once per page) for the first words
    of rows shown as two-line rows; :meth:`add_snippets` brings them in."""

    COLUMNS = ("from", "subject", "date")
    snippets_wanted = Signal(list)  # message ids whose first words a two-line row would show

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.folder_id: int | None = None
        self.outgoing = False  # Sent/Drafts/Outbox: show recipients
        self.two_line = False
        self._snippets: dict[int, str] = {}
        self._snippets_asked: set[int] = set()
        self.sort_column = "date"
        self.sort_descending = True
        # One row per conversation (its newest message in this folder), in date order.
        self.conversations = False
        self._ids: list[int] = []
        self._rows: dict[int, _ListRow] = {}
        # Rows as they were before the last flag change: painted until the re-read arrives,
        # so a change never blanks the list for a frame.
        self._stale: dict[int, _ListRow] = {}
        self._ops = None  # set by the window: pages for painting are then read off the GUI thread
        self._generation = 0
        self._pages_asked: set[int] = set()  # first message id of each page being read
        # Rows painted while their page was being read, with what was painted (a stale row or
        # None): when the page comes, only those that look different are painted again.
        self._painted: dict[int, _ListRow | None] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons: dict[str, object] = {}

    def set_folder(self, folder_id: int | None, outgoing: bool = False) -> None:
        self.beginResetModel()
        self.folder_id = folder_id
        self.outgoing = outgoing
        self._ids = self._load_ids()
        self._forget_rows(keep_stale=False)
        self.endResetModel()

    def read_pages_with(self, ops) -> None:
        """Read pages for painting on a reader thread through ``ops`` (the window does this)."""
        self._ops = ops

    def _forget_rows(self, keep_stale: bool) -> None:
        """Drop the cached rows (they changed); a page being read is outdated too."""
        self._stale = {**self._stale, **self._rows} if keep_stale else {}
        if len(self._stale) > MAX_CACHED_ROWS:
            self._stale = {}
        self._rows.clear()
        self._pages_asked.clear()
        self._painted.clear()  # every caller repaints the whole list
        self._generation += 1

    def set_conversation_mode(self, on: bool) -> None:
        if on != self.conversations:
            self.conversations = on
            self._relayout(self._load_ids())

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Re-read the id list in the requested order (called by the view's header)."""
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.COLUMNS[column], descending) == (self.sort_column, self.sort_descending):
            return  # already in this order (restoring the header's state asks again)
        self.sort_column = self.COLUMNS[column]
        self.sort_descending = descending
        self._relayout(self._load_ids())

    def refresh(self, flags_changed: bool = True) -> None:
        """Re-read the folder after a sync without disturbing the view.

        Rows appended at the end (an initial sync arrives newest first, batch by batch) are
        inserted; any other change (new mail at the top, messages gone) is a layout change
        that keeps every selected and current message selected by its id.  The model is
        never reset here, so the view keeps its selection; the window keeps the scroll
        position on the same messages.  ``flags_changed`` False (new mail arriving during a
        pass) keeps the rows already read.
        """
        ids = self._load_ids()
        old = self._ids
        if len(ids) >= len(old) and ids[:len(old)] == old:
            if len(ids) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
            if flags_changed:
                self.reload_rows()  # flags of the rows already shown may have changed too
            return
        self._relayout(ids)

    def _relayout(self, ids: list[int]) -> None:
        """Replace the id list, moving persistent indexes (selection, current) with their ids."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept_ids = [self._ids[index.row()] for index in before]
        self._ids = ids
        self._forget_rows(keep_stale=True)
        row_of = {message_id: row for row, message_id in enumerate(ids)}
        after = [self.index(row_of[message_id], index.column()) if message_id in row_of
                 else QModelIndex() for index, message_id in zip(before, kept_ids)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def set_two_line(self, on: bool) -> None:
        self.two_line = on
        self.reload_rows()

    def add_snippets(self, found: dict[int, str]) -> None:
        """First words arrived from a reader thread: repaint the rows that show them."""
        self._snippets.update(found)
        if len(self._snippets) > MAX_CACHED_ROWS:
            self._snippets = dict(list(self._snippets.items())[-MAX_CACHED_ROWS:])
        rows = [row for row in (self.row_of_loaded(i) for i in found) if row is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(self.COLUMNS) - 1),
                                  [Roles.Snippet])

    def row_of_loaded(self, message_id: int) -> int | None:
        return self.row_of(message_id) if message_id in self._rows else None

    def reload_rows(self, message_ids=None) -> None:
        """Flags changed but not the list: drop cached rows; visible ones reload as painted.

        With ``message_ids`` (opening a message marks that one read) only those rows are
        dropped and repainted: dropping every row repainted the whole list twice for each
        message opened (at once, and when its page came back), most of the window's own
        work while reading. A page being read may hold the old flags, so it is read again:
        the rows painted while waiting for it are repainted, which asks for it. A
        conversation's row stands for all its messages: conversations reload every row, and
        so does a change to more messages than a page holds (a whole selection marked)."""
        if message_ids is None or self.conversations or len(message_ids) > PAGE_SIZE:
            self._forget_rows(keep_stale=True)
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))
            return
        for message_id in message_ids:
            row = self._rows.pop(message_id, None)
            if row is not None:
                self._stale[message_id] = row
        waiting = {*message_ids, *self._painted}
        self._painted.clear()
        self._pages_asked.clear()
        self._generation += 1
        if len(waiting) <= 8:  # the usual case, one message opened: a search in C per id
            rows = sorted(r for r in map(self.row_of, waiting) if r is not None)
        else:
            rows = [n for n, message_id in enumerate(self._ids) if message_id in waiting]
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def next_unread_row(self, after: int) -> int | None:
        """The first unread row below ``after``: one query for the unread ids, no row loading."""
        if self.folder_id is None:
            return None
        with self.store.read() as session:
            unread = set(session.scalars(select(Message.id).where(
                Message.folder_id == self.folder_id, Message.seen.is_(False),
                Message.moving.is_(False))))
        return next((row for row in range(after + 1, len(self._ids)) if self._ids[row] in unread), None)

    def row_of(self, message_id: int) -> int | None:
        try:
            return self._ids.index(message_id)
        except ValueError:
            return None

    def _load_ids(self) -> list[int]:
        if self.folder_id is None:
            return []
        if self.conversations:
            return folder_conversation_ids(self.store, self.folder_id, self.sort_descending)
        return folder_message_ids(self.store, self.folder_id, self.sort_column, self.sort_descending)

    def _row(self, row: int) -> "_ListRow":
        message_id = self._ids[row]
        cached = self._rows.get(message_id)
        if cached is None:
            _start, page = self._page_of(row)
            self._store_page(page, read_page(self.store, page, self._page_texts()))
            cached = self._rows[message_id]
        return cached

    def _page_of(self, row: int) -> tuple[int, list[int]]:
        """The first row of the page holding ``row``, and the page's message ids."""
        start = row - row % PAGE_SIZE
        return start, self._ids[start:start + PAGE_SIZE]

    def _page_texts(self) -> "_PageTexts":
        """What a page read needs from the GUI thread: translated words, the mode, the locale."""
        return _PageTexts(self.tr("(no subject)"), self.tr("(no recipient)"), self.tr("To: %1"),
                          self.outgoing, self.conversations, QLocale())

    def _store_page(self, page: list[int], rows: dict[int, "_ListRow"]) -> None:
        excess = len(self._rows) + len(rows) - MAX_CACHED_ROWS
        if excess > 0:  # the rows read longest ago go (never all: those on screen would blank)
            for message_id in list(islice(self._rows, excess)):
                del self._rows[message_id]
        self._rows.update(rows)
        for message_id in rows:
            self._stale.pop(message_id, None)
        if self.two_line:
            wanted = [i for i in page if i not in self._snippets and i not in self._snippets_asked]
            if wanted:
                self._snippets_asked.update(wanted)
                self.snippets_wanted.emit(wanted)

    def _ask_page(self, row: int) -> None:
        """Read the page holding ``row`` on a reader thread; repaint its rows when it arrives."""
        start, page = self._page_of(row)
        if not page or page[0] in self._pages_asked:
            return
        self._pages_asked.add(page[0])
        generation = self._generation

        def arrived(rows: dict[int, _ListRow]) -> None:
            if generation != self._generation:
                return  # read before a change: the next paint asks again
            self._pages_asked.discard(page[0])
            self._store_page(page, rows)
            # Same generation: rows were at most appended, so the page is where it was. Only
            # rows painted while it was read, and now different, are painted again.
            if self._ids[start:start + len(page)] == page:
                changed = [start + n for n, i in enumerate(page)
                           if i in self._painted and rows.get(i) != self._painted.pop(i)]
                if changed:
                    self.dataChanged.emit(self.index(changed[0], 0),
                                          self.index(changed[-1], len(self.COLUMNS) - 1))

        self._ops.view_read(read_page, self.store, page, self._page_texts()).success(arrived).owned_by(self).run()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("To") if self.outgoing else self.tr("From"), self.tr("Subject"), self.tr("Date"))[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # Views ask for a dozen roles per cell at every paint: answer the unused ones first.
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == Roles.MessageId:
            return self._ids[index.row()]  # no row read: selecting must not wait for a page
        row = self._row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.FontRole:
            return None if row.seen else self._bold
        if role == Qt.ItemDataRole.DecorationRole:
            if column != 1 or not (row.attachments or row.flagged):
                return None
            # Line icons, not emoji: emoji fonts are missing on many Linux desktops.
            return self.mark_icon("flag" if row.flagged else "attachment")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return row.texts[0] if self.outgoing else row.from_addr
            return full_date(row.date) if column == 2 else None
        if role == Roles.Unread:
            return not row.seen
        if role == Roles.Flagged:
            return row.flagged
        if role == Roles.Who:
            return row.texts[0]
        if role == Roles.Subject:
            return row.subject
        if role == Roles.DateText:
            return row.texts[2]
        if role == Roles.Snippet:
            return self._snippets.get(row.id, "")
        if role == Roles.Count:
            return row.count
        if role == Roles.Attachments:
            return row.attachments
        return None

    def row_for_paint(self, row: int) -> "_ListRow | None":
        """Everything a view draws for a row, from memory.  Not read yet: its page is asked
        for on a reader thread and the row as it was before the last change (or ``None``)
        is painted meanwhile.  Without ops (a model on its own) the page is read now."""
        if self._ops is None:
            return self._row(row)
        message_id = self._ids[row]
        cached = self._rows.get(message_id)
        if cached is None:
            self._ask_page(row)
            cached = self._painted[message_id] = self._stale.get(message_id)
        else:
            self._read_ahead(row)
        return cached

    def _read_ahead(self, row: int) -> None:
        """Near either end of a page, read the neighbouring one before scrolling reaches it."""
        offset = row % PAGE_SIZE
        for near_end, neighbour in ((offset >= PAGE_SIZE - READ_AHEAD_ROWS, row + PAGE_SIZE - offset),
                                    (offset < READ_AHEAD_ROWS, row - offset - 1)):
            if near_end and 0 <= neighbour < len(self._ids) and self._ids[neighbour] not in self._rows:
                self._ask_page(neighbour)

    def known_unread(self, row: int) -> bool | None:
        """Whether a row is unread, if it is in memory (``None``: not read yet)."""
        cached = self._rows.get(self._ids[row]) or self._stale.get(self._ids[row])
        return None if cached is None else not cached.seen

    def snippet_of(self, message_id: int) -> str:
        return self._snippets.get(message_id, "")

    def mark_icon(self, name: str):
        cached = self._icons.get(name)
        if cached is None:
            from app.ui.icons import icon

            cached = self._icons[name] = icon(name, "#d0453a" if name == "flag" else None)
        return cached


class _ListRow(NamedTuple):
    id: int
    texts: tuple[str, str, str]  # one per column: sender (or recipients), subject (with count), date
    from_addr: str
    seen: bool
    flagged: bool
    attachments: bool
    subject: str
    count: int
    date: int


class _PageTexts(NamedTuple):
    no_subject: str
    no_recipient: str
    to_pattern: str  # "To: %1"
    outgoing: bool  # Sent, Drafts, Outbox: the recipients are shown, not the sender
    conversations: bool
    locale: QLocale


def read_page(store: Store, page: list[int], texts: _PageTexts) -> dict[int, _ListRow]:
    """The display rows of a page of message ids (runs on a reader thread or, for ``data()``,
    on the GUI thread).  Display texts are made once per row here, not at every paint."""
    sizes = conversation_sizes(store, page) if texts.conversations else {}
    now = datetime.now()
    rows: dict[int, _ListRow] = {}
    with store.read() as session:
        for r in session.execute(select(
                Message.id, Message.from_name, Message.from_addr, Message.to_list, Message.subject,
                Message.date, Message.seen, Message.flagged, Message.has_attachments)
                .where(Message.id.in_(page))):
            who = _recipients(r.to_list, texts) if texts.outgoing else (r.from_name or r.from_addr)
            count = sizes.get(r.id, 1)
            subject = r.subject or texts.no_subject
            shown_subject = subject + (f"  ({count})" if count > 1 else "")
            rows[r.id] = _ListRow(
                r.id, (who, shown_subject, list_date(r.date, now, texts.locale)),
                r.from_addr, bool(r.seen), bool(r.flagged), bool(r.has_attachments), subject, count, r.date)
    return rows


def _recipients(to_list: str, texts: _PageTexts) -> str:
    people = [name or addr for name, addr in json.loads(to_list or "[]")]
    if not people:
        return texts.no_recipient
    return texts.to_pattern.replace("%1", ", ".join(people))


_ANSWERED_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole, *Roles})
