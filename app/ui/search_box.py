"""The search field: results while typing, mail and customers in separate groups.

Threading: every search runs as a read op on a reader thread (:mod:`app.ui.ops`)
after a short pause in typing; answers carry a generation number and only the newest is
shown, so a slow query for "合" never overwrites the answer for "合同".  The GUI thread only
fills the list.

The results list is a child widget laid over the window (not a separate popup window), so
the field keeps the keyboard focus: Up/Down move through results, Enter opens one, Escape
closes the list.  With the field empty and focused, the list shows recent searches.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLineEdit, QStyle, QTreeWidget, QTreeWidgetItem,
                               QWidget)

from app.search import recent
from app.search.customer_search import search_customers
from app.search.mail_search import search_mail
from app.search.query import QueryError, parse
from app.store.database import Store
from app.ui.error_presenter import error_text
from app.ui.folder_tree import folder_label
from app.ui.money import format_money
from app.ui.ops import Ops
from app.ui.stage_names import stage_name

log = logging.getLogger("liaison.ui")

TYPING_PAUSE_MS = 150
MAIL_SHOWN = 25
CUSTOMERS_SHOWN = 8
KIND_ROLE = Qt.ItemDataRole.UserRole  # "message" | "record" | "recent" | None (a heading or note)
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def run_search(store: Store, text: str) -> dict:
    """Both groups for one query (runs on a background thread)."""
    try:
        query = parse(text)
    except QueryError as exc:
        return {"error": exc}
    try:
        mail = search_mail(store, query, MAIL_SHOWN)
    except QueryError as exc:
        return {"error": exc}
    return {"mail": mail, "customers": search_customers(store, query, CUSTOMERS_SHOWN),
            "free_text": query.only_free_text}


def corner_holder(field: QLineEdit) -> QWidget:
    """The field with a little room around it, for the corner of the window's tab bar."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 2, 6, 2)
    layout.addWidget(field)
    return holder


class SearchResults(QTreeWidget):
    """The list under the search field (a child of the window, raised above its contents)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.setFrameShape(QTreeWidget.Shape.Box)
        self.hide()

    def heading(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [text, ""])
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setExpanded(True)
        return item

    def note(self, parent: QTreeWidgetItem | None, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, ""])
        font = QFont(self.font())
        font.setItalic(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        (parent.addChild(item) if parent is not None else self.addTopLevelItem(item))
        return item

    def entry(self, parent: QTreeWidgetItem, texts: tuple[str, str], kind: str, value, bold: bool = False):
        item = QTreeWidgetItem(list(texts))
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, VALUE_ROLE, value)
        item.setToolTip(0, texts[0])
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(0, font)
        parent.addChild(item)
        return item

    def openable(self) -> list[QTreeWidgetItem]:
        items = []
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            if heading.data(0, KIND_ROLE):
                items.append(heading)
            items += [heading.child(i) for i in range(heading.childCount()) if heading.child(i).data(0, KIND_ROLE)]
        return items

    def step(self, delta: int) -> None:
        items = self.openable()
        if not items:
            return
        current = self.currentItem()
        position = items.index(current) + delta if current in items else (0 if delta > 0 else len(items) - 1)
        self.setCurrentItem(items[max(0, min(len(items) - 1, position))])


class SearchBox(QLineEdit):
    """Search mail and customers (Ctrl+K).  Emits what the user chose to open."""

    message_requested = Signal(int)  # a mail_messages id
    record_requested = Signal(str, int)  # contact | company | deal, its id

    def __init__(self, store: Store, overlay_parent: QWidget, ops: Ops | None = None):
        super().__init__()
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self.setPlaceholderText(self.tr("Search mail and customers (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setFixedWidth(320)
        self.results = SearchResults(overlay_parent)
        self.results.itemClicked.connect(lambda item, _column: self._open(item))
        self._generation = 0
        self.last_answer: dict | None = None  # the newest answer shown (tests and status)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._search)
        self._hide_timer = QTimer(self, singleShot=True, interval=200)
        self._hide_timer.timeout.connect(self._hide_unless_in_use)
        # textChanged, not textEdited: input methods (Chinese pinyin) commit text without key events.
        self.textChanged.connect(lambda text: self._timer.start() if text else self._show_recent())
        overlay_parent.installEventFilter(self)

    # -- searching ------------------------------------------------------------------------
    def search_now(self) -> None:
        self._timer.stop()
        self._search()

    def _search(self) -> None:
        text = self.text().strip()
        if not text:
            self._show_recent()
            return
        self._generation += 1
        generation = self._generation
        started = time.perf_counter()
        self.ops.read(run_search, self.store, text).owned_by(self).success(
            lambda answer: self._answered(generation, text, answer, started)).failure(
            lambda error: self._answered(generation, text, {"error": error}, started)).run()

    def _answered(self, generation: int, text: str, answer: dict, started: float) -> None:
        if generation != self._generation:
            return  # an older query; a newer one is on its way
        answer["seconds"] = time.perf_counter() - started
        answer["text"] = text
        self.last_answer = answer
        self._fill(answer)

    def _fill(self, answer: dict) -> None:
        results = self.results
        results.clear()
        if "error" in answer:
            results.note(None, error_text(answer["error"]))
            self._place()
            return
        mail, customers = answer["mail"], answer["customers"]
        for warning in mail.warnings:
            results.note(None, error_text(getattr(warning, "phrase", warning)))  # a Notice: translated
        count = f"{len(mail.hits)}+" if mail.more else str(len(mail.hits))
        mail_group = results.heading(self.tr("Mail (%1)").replace("%1", count))
        for hit in mail.hits:
            when = time.strftime("%Y-%m-%d", time.localtime(hit.date))
            sender = hit.from_name or hit.from_addr
            item = results.entry(mail_group, (hit.subject or self.tr("(no subject)"), f"{sender} · {when} · {folder_label(hit.folder)}"),
                                 "message", hit.id, bold=not hit.seen)
            if hit.has_attachments:
                # A style icon, as in the message list: emoji fonts are missing on many desktops.
                item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        if not mail.hits:
            results.note(mail_group, self.tr("No messages match."))
        elif mail.more:
            results.note(mail_group, self.tr("Only the newest %1 are listed; add words or operators to narrow "
                                             "the search.").replace("%1", str(len(mail.hits))))
        if answer["free_text"]:  # operators are about mail: no customer group for them
            customer_group = results.heading(self.tr("Customers (%1)").replace("%1", str(len(customers))))
            kinds = {"contact": self.tr("Contact"), "company": self.tr("Company"), "deal": self.tr("Deal"),
                     "note": self.tr("Note"), "activity": self.tr("Call or meeting"), "task": self.tr("Task")}
            for hit in customers:
                detail = " · ".join(x for x in (kinds[hit.kind], self._hit_detail(hit)) if x)
                results.entry(customer_group, (hit.title, detail), "record", (hit.target_kind, hit.target_id))
            if not customers:
                results.note(customer_group, self.tr("No customer records match."))
        self._place()

    @staticmethod
    def _hit_detail(hit) -> str:
        """A hit's second line; a deal's stage and amount written for the user's language."""
        if hit.deal is None:
            return hit.detail
        stage, amount, currency = hit.deal
        money = format_money(amount, currency) if amount else ""
        return " · ".join(x for x in (stage_name(stage), money) if x)

    def _show_recent(self) -> None:
        results = self.results
        results.clear()
        queries = recent.recent(self.store)
        if not queries or not self.hasFocus():
            results.hide()
            return
        group = results.heading(self.tr("Recent searches"))
        for query in queries:
            results.entry(group, (query, ""), "recent", query)
        self._place()

    # -- opening ----------------------------------------------------------------------------
    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        kind, value = item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE)
        if kind == "recent":
            self.setText(value)
            self.search_now()
            return
        if kind not in ("message", "record"):
            return
        # A write: off the GUI thread, which must not wait behind a sync batch's transaction.
        text = self.text()
        self.ops.write(recent.remember, self.store, text).failure(
            lambda error: log.warning("recent search not saved: %s", error)).run()
        if kind == "message":
            self.message_requested.emit(int(value))
        else:
            target_kind, target_id = value
            self.record_requested.emit(target_kind, int(target_id))
        self.results.hide()

    # -- keyboard and placement -------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
            self.results.step(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or not self.results.isVisible():
                self.search_now()
                return
            current = self.results.currentItem()
            self._open(current if current is not None and current.data(0, KIND_ROLE)
                       else next(iter(self.results.openable()), None))
            return
        if event.matches(QKeySequence.StandardKey.Cancel):
            if self.results.isVisible():
                self.results.hide()
            else:
                self.clear()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if not self.text():
            self._show_recent()
        elif self.results.topLevelItemCount():
            self._place()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        # A click on a result takes the focus first: close only if it went elsewhere.
        self._hide_timer.start()

    def _hide_unless_in_use(self) -> None:
        if not self.hasFocus() and not self.results.underMouse():
            self.results.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.results.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self.results.parentWidget()
        width = max(self.width(), min(640, parent.width() - 16))
        below = self.mapTo(parent, QPoint(self.width() - width, self.height() + 2))
        x = max(8, min(below.x(), parent.width() - width - 8))
        rows = sum(1 + self.results.topLevelItem(i).childCount() for i in range(self.results.topLevelItemCount()))
        row_height = max(self.results.sizeHintForRow(0), self.fontMetrics().height() + 6)
        height = min(parent.height() - below.y() - 8, rows * row_height + 8, 460)
        self.results.setGeometry(x, below.y(), width, max(height, row_height + 8))
        self.results.show()
        self.results.raise_()
