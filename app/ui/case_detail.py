"""One case in the Cases view: its fields edited in place, its customer, and its timeline.

* The title, status, priority, assignee, due date and description are edited in place and
  written together by Save (``update_case`` as an op).  A field the user emptied is passed in
  ``cleared``: the record never lets an empty value overwrite a filled one otherwise.
* Solve, Close and Reopen set the status (with any unsaved edits in the same version).
* The timeline holds the case's messages (double-click opens one in Mail) and its changes,
  oldest first, read off the GUI thread (``case_timeline``).  Remove from Case takes the
  selected message off the case; History… shows every version, restorable.
* A refresh while the user is editing keeps the edits: only the timeline and the meta line follow.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm import cases
from app.crm.cases import CaseDetail, CaseEvent
from app.store.database import Store
from app.ui.case_parts import (
    PRIORITY_WORDS,
    STATUS_COLOURS,
    STATUS_WORDS,
    DueEdit,
    case_write,
    fill_combo,
    priority_text,
    status_text,
)
from app.ui.customer_panel import LinkLabel
from app.ui.deal_parts import when_text
from app.ui.icons import icon, kind_icon
from app.ui.ops import Ops
from app.ui.record_parts import CAPTION, OVERDUE, SUBTITLE, Badge, SectionTitle, text_label

KEY_ROLE = Qt.ItemDataRole.UserRole
PK_ROLE = Qt.ItemDataRole.UserRole + 1
EDITABLE = ("title", "status", "priority", "assignee", "due_at", "description")


def read_case(store: Store, case_uuid: str) -> tuple[CaseDetail, list[CaseEvent]]:
    """The case and its timeline (on a reader thread)."""
    return cases.case_detail(store, case_uuid), cases.case_timeline(store, case_uuid)


class CaseDetailPane(QWidget):
    message_requested = Signal(int)  # a filed message was opened: show it in Mail
    record_requested = Signal(str, int)  # the customer was clicked: ("contact" | "company", id)
    loaded = Signal()  # the case (or nothing) is on screen

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None, locale: QLocale | None = None):
        super().__init__(parent)
        self.store, self.ops, self.locale = store, ops, locale
        self.case_uuid: str | None = None
        self.detail: CaseDetail | None = None
        self.events: list[CaseEvent] = []
        self._generation = 0
        self._force = False
        self._filling = False
        self._build()
        self.show_case(None)

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Case title"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * SUBTITLE * 1.15)
        font.setWeight(QFont.Weight.Bold)
        self.title.setFont(font)
        self.status_badge = Badge()
        self.customer = LinkLabel()
        self.customer.setTextFormat(Qt.TextFormat.PlainText)
        self.customer.clicked.connect(self._open_customer)
        self.customer.setStyleSheet("QLabel { color: palette(link); }")
        self.meta = text_label("", CAPTION, secondary=True)
        self.status = QComboBox()
        fill_combo(self.status, STATUS_WORDS)
        self.priority = QComboBox()
        fill_combo(self.priority, PRIORITY_WORDS)
        self.assignee = QLineEdit()
        self.assignee.setPlaceholderText(self.tr("Email address of who handles it"))
        self.due = DueEdit()
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What the customer asked, what was promised…"))
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(110)
        self.save_button = QPushButton(icon("save"), self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button = QPushButton(self.tr("Discard Changes"))
        self.discard_button.clicked.connect(lambda: self._fill_fields())
        self.solve_button = QPushButton(icon("won"), self.tr("Solve"))
        self.solve_button.setToolTip(self.tr("The customer's request is done; a reply from them opens it again"))
        self.solve_button.clicked.connect(lambda: self.save("solved"))
        self.close_button = QPushButton(icon("lost"), self.tr("Close"))
        self.close_button.setToolTip(self.tr("Nothing more to do; the next request is a new case"))
        self.close_button.clicked.connect(lambda: self.save("closed"))
        self.reopen_button = QPushButton(icon("reopen"), self.tr("Reopen"))
        self.reopen_button.clicked.connect(lambda: self.save("open"))
        for editor in (self.title, self.assignee):
            editor.textEdited.connect(lambda _text: self._edited())
        self.title.returnPressed.connect(lambda: self.save())
        for combo in (self.status, self.priority):
            combo.currentIndexChanged.connect(lambda _index: self._edited())
        self.due.changed.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.timeline_title = SectionTitle(self.tr("Timeline"))
        self.timeline = QTreeWidget()
        self.timeline.setColumnCount(3)
        self.timeline.setHeaderLabels([self.tr("What"), self.tr("Who"), self.tr("When")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setWordWrap(False)
        self.timeline.header().setStretchLastSection(False)
        self.timeline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.timeline.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.itemDoubleClicked.connect(lambda item, _column: self._open_message(item))
        self.timeline.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.open_message_button = QPushButton(icon("mail"), self.tr("Open Message"))
        self.open_message_button.clicked.connect(lambda: self._open_message(self.timeline.currentItem()))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove from Case"))
        self.remove_button.setToolTip(self.tr("The selected message is not about this case"))
        self.remove_button.clicked.connect(lambda: self.remove_message())
        self.history_button = QPushButton(icon("reopen"), self.tr("History…"))
        self.history_button.setToolTip(self.tr("Every version of this case, from every device; restore one"))
        self.history_button.clicked.connect(lambda: self.show_history())
        self.placeholder = text_label(self.tr("Select a case, or open a new one."), SUBTITLE, secondary=True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout()

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.priority, 1)
        form.addRow(self.tr("Status, priority"), row)
        form.addRow(self.tr("Assignee"), self.assignee)
        form.addRow("", self.due)
        form.addRow(self.tr("Description"), self.description)
        actions = QHBoxLayout()
        for button in (self.save_button, self.discard_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.solve_button, self.close_button, self.reopen_button):
            actions.addWidget(button)
        timeline_actions = QHBoxLayout()
        for button in (self.open_message_button, self.remove_button):
            timeline_actions.addWidget(button)
        timeline_actions.addStretch(1)
        timeline_actions.addWidget(self.history_button)
        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(head)
        body.addWidget(self.customer)
        body.addWidget(self.meta)
        body.addLayout(form)
        body.addLayout(actions)
        body.addWidget(self.timeline_title)
        body.addWidget(self.timeline, 1)
        body.addLayout(timeline_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.content, 1)

    # -- showing ------------------------------------------------------------------------------------
    def show_case(self, case_uuid: str | None) -> None:
        """Show a case (None: nothing selected); it is read off the GUI thread."""
        changed = case_uuid != self.case_uuid
        self.case_uuid = case_uuid
        if changed:
            self.detail = None
        self.refresh(force=changed)

    def refresh(self, force: bool = False) -> None:
        """Read the case again; ``force`` refills the fields even over edits (a newer read that
        overtakes this one inherits it: a save's refill is never lost to a list refresh)."""
        self._force = self._force or force
        self._generation += 1
        generation = self._generation
        if self.case_uuid is None:
            self.detail, self.events = None, []
            self.placeholder.show()
            self.content.hide()
            self.loaded.emit()
            return

        def read(found) -> None:
            if generation == self._generation:
                force_now, self._force = self._force, False
                self._show(*found, force=force_now)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            from app.errors import LiaisonError

            if isinstance(error, LiaisonError):  # deleted meanwhile (a colleague's sync)
                self.case_uuid = None
                self.refresh()
            else:
                self.ops.present_error(error)
        self.ops.read(read_case, self.store, self.case_uuid).owned_by(self).success(read).failure(failed).run()

    def _show(self, detail: CaseDetail, events: list[CaseEvent], force: bool) -> None:
        # Edits in progress on this case are kept (compared with what was shown when they began).
        editing = (not force and self.detail is not None and self.detail.case.uuid == detail.case.uuid
                   and self.dirty())
        self.detail, self.events = detail, events
        self.placeholder.hide()
        self.content.show()
        if not editing:
            self._fill_fields()
        self._fill_meta()
        self._fill_timeline()
        self.loaded.emit()

    def dirty(self) -> bool:
        return bool(self.pending_changes()[0])

    def _fill_fields(self) -> None:
        """The fields as stored (a case shown, Discard Changes)."""
        if self.detail is None:
            return
        case = self.detail.case
        self._filling = True
        try:
            self.title.setText(case.title)
            self.title.setCursorPosition(0)
            self.status.setCurrentIndex(max(0, self.status.findData(case.status)))
            self.priority.setCurrentIndex(max(0, self.priority.findData(case.priority)))
            self.assignee.setText(case.assignee)
            self.due.set_value(case.due_at)
            self.description.setPlainText(self.detail.description)
        finally:
            self._filling = False
        self._update_buttons()

    def _fill_meta(self) -> None:
        case = self.detail.case
        self.status_badge.set_badge(status_text(case.status), "case", STATUS_COLOURS.get(case.status))
        if case.contact_id or case.company_id:
            self.customer.setText(case.customer or self.tr("(customer removed)"))
            self.customer.set_active(bool(case.customer), self.tr("Show %1 in Customers").replace("%1", case.customer))
        else:
            self.customer.setText(self.tr("No customer"))
            self.customer.set_active(False)
        parts = [self.tr("Opened %1").replace("%1", when_text(case.created_at, self.locale)),
                 self.tr("last change %1").replace("%1", when_text(case.updated_at, self.locale))]
        if self.detail.deal_title:
            parts.append(self.tr("deal: %1").replace("%1", self.detail.deal_title))
        if case.overdue():
            parts.insert(0, self.tr("Overdue"))
        self.meta.setText(" · ".join(parts))
        self.meta.setStyleSheet(f"color: {OVERDUE.name()};" if case.overdue() else "")

    def _fill_timeline(self) -> None:
        selected = self.timeline.currentItem().data(0, KEY_ROLE) if self.timeline.currentItem() else None
        self.timeline.clear()
        for event in self.events:
            if event.kind == "message":
                item = self._message_item(event)
            else:
                item = self._change_item(event)
            self.timeline.addTopLevelItem(item)
            if selected is not None and item.data(0, KEY_ROLE) == selected:
                self.timeline.setCurrentItem(item)
        messages = sum(1 for e in self.events if e.kind == "message")
        self.timeline_title.set_count(messages or None)
        self._update_buttons()

    def _message_item(self, event: CaseEvent) -> QTreeWidgetItem:
        message = event.message
        if message.pk is None:
            what = self.tr("A message not on this computer ({key})").replace("{key}", message.key)
        else:
            what = message.subject or self.tr("(no subject)")
        item = QTreeWidgetItem([what, message.from_addr or "", when_text(event.at, self.locale) if event.at else ""])
        item.setIcon(0, kind_icon("mail-in"))
        item.setData(0, KEY_ROLE, message.key)
        item.setData(0, PK_ROLE, message.pk)
        item.setToolTip(0, what if message.pk is None else self.tr("Double-click to open the message"))
        return item

    def _change_item(self, event: CaseEvent) -> QTreeWidgetItem:
        who = {"local": self.tr("You"), "rule": self.tr("A rule"), "auto": self.tr("Automatically"),
               "sync": self.tr("The team"), "restore": self.tr("Restored"), "import": self.tr("Imported")}
        texts = [self._change_text(change) for change in event.changes]
        if any(change["field"] == "*" and change["new"] == "created" for change in event.changes):
            texts = [self.tr("Case opened")]
        item = QTreeWidgetItem(["; ".join(t for t in texts if t), who.get(event.origin, event.origin),
                                when_text(event.at, self.locale)])
        item.setIcon(0, icon("note"))
        item.setToolTip(0, "\n".join(texts))
        item.setForeground(0, self.palette().brush(QPalette.ColorRole.PlaceholderText))
        return item

    def _change_text(self, change: dict) -> str:
        field, old, new = change["field"], change["old"], change["new"]
        if field == "*":
            return {"deleted": self.tr("Case deleted")}.get(new, self.tr("Case brought back") if new else "")
        labels = {"title": self.tr("Title"), "status": self.tr("Status"), "priority": self.tr("Priority"),
                  "assignee": self.tr("Assignee"), "due_at": self.tr("Due"), "description": self.tr("Description"),
                  "contact_id": self.tr("Contact"), "company_id": self.tr("Company"), "deal_id": self.tr("Deal")}

        def value(v) -> str:
            if v in (None, "", []):
                return self.tr("(empty)")
            if field == "status":
                return status_text(v)
            if field == "priority":
                return priority_text(v)
            if field == "due_at":
                return when_text(int(v), self.locale)
            if field == "description":
                text = str(v).replace("\n", " ")
                return text if len(text) <= 40 else text[:39] + "…"
            return str(v)
        return self.tr("{field}: {old} → {new}").format(field=labels.get(field, field), old=value(old),
                                                       new=value(new))

    # -- editing ------------------------------------------------------------------------------------
    def pending_changes(self) -> tuple[dict, set[str]]:
        """What the fields say that the case does not: (changes, the fields the user emptied)."""
        if self.detail is None:
            return {}, set()
        case = self.detail.case
        now = {"title": self.title.text().strip(), "status": self.status.currentData(),
               "priority": self.priority.currentData(), "assignee": self.assignee.text().strip(),
               "due_at": self.due.value(), "description": self.description.toPlainText().strip()}
        stored = {"title": case.title, "status": case.status, "priority": case.priority, "assignee": case.assignee,
                  "due_at": case.due_at, "description": self.detail.description.strip()}
        changes = {name: value for name, value in now.items() if value != stored[name]
                   and not (value in (None, "") and stored[name] in (None, ""))}
        cleared = {name for name, value in changes.items() if value in (None, "")}
        return changes, cleared

    def _edited(self) -> None:
        if not self._filling:
            self._update_buttons()

    def _update_buttons(self) -> None:
        has_case = self.detail is not None
        changes, _cleared = self.pending_changes()
        status = self.detail.case.status if has_case else ""
        title_ok = bool(self.title.text().strip())
        self.save_button.setEnabled(bool(changes) and title_ok)
        self.discard_button.setEnabled(bool(changes))
        self.solve_button.setVisible(status in cases.OPEN_STATUSES)
        self.close_button.setVisible(has_case and status != "closed")
        self.reopen_button.setVisible(status in ("solved", "closed"))
        for button in (self.solve_button, self.close_button, self.reopen_button):
            button.setEnabled(title_ok)
        item = self.timeline.currentItem()
        is_message = item is not None and item.data(0, KEY_ROLE) is not None
        self.remove_button.setEnabled(is_message)
        self.open_message_button.setEnabled(is_message and item.data(0, PK_ROLE) is not None)

    def save(self, status: str | None = None) -> None:
        """Write the edited fields (and ``status`` when a button sets it) as one version."""
        if self.detail is None or not self.title.text().strip():
            return
        changes, cleared = self.pending_changes()
        if status is not None:
            changes["status"] = status
        if not changes:
            return
        uuid = self.detail.case.uuid
        self.save_button.setEnabled(False)

        def done(_applied) -> None:
            if uuid == self.case_uuid:
                self.refresh(force=True)
        case_write(self.ops, cases.update_case, self.store, uuid, changes, cleared, case_uuid=uuid) \
            .owned_by(self).success(done).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.ops.present_error(error)

    def remove_message(self) -> None:
        item = self.timeline.currentItem()
        if self.detail is None or item is None or item.data(0, KEY_ROLE) is None:
            return
        uuid = self.detail.case.uuid
        case_write(self.ops, cases.unfile_message, self.store, uuid, item.data(0, KEY_ROLE), case_uuid=uuid) \
            .owned_by(self).success(lambda _changed: self.refresh()).failure(self._failed).run()

    def _open_message(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, PK_ROLE) is not None:
            self.message_requested.emit(int(item.data(0, PK_ROLE)))

    def _open_customer(self) -> None:
        case = self.detail.case if self.detail else None
        if case is None:
            return
        if case.contact_id:
            self.record_requested.emit("contact", case.contact_id)
        elif case.company_id:
            self.record_requested.emit("company", case.company_id)

    def show_history(self):
        if self.detail is None:
            return None
        from app.ui.history_view import RecordHistoryDialog

        self.history_dialog = RecordHistoryDialog(self.store, self.ops, "case", self.detail.case.uuid,
                                                  self.detail.case.title, self.locale, self)
        self.history_dialog.show()
        return self.history_dialog
