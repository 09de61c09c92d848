"""What the person panel and the company view share: one scrolling column, the timeline
(paged as the column scrolls), the note/call/meeting/task actions, deleting timeline entries
with undo, and refreshing from the window's change events.

Every write is an op (:func:`app.ui.record_parts.record_write`) that returns a change set; the
panel refreshes when ``ops.events.changed`` says records, links or mail changed (coalesced),
never by re-reading right after its own write.  ``records_changed`` is still emitted after a
write, for views that listen to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crm import activities
from app.services.events import ACCOUNTS, LINKS, MAIL, RECORDS, SETTINGS
from app.store.database import Store
from app.ui.activity_dialog import ActivityDialog, NoteDialog, TaskDialog
from app.ui.icons import icon
from app.ui.ops import Ops
from app.ui.record_parts import SPACING, FlowLayout, SectionTitle, UndoBar, record_write
from app.ui.shared_mail_dialog import SharedMailDialog
from app.ui.timeline_view import TimelineView


def action_button(text: str, icon_name: str, tooltip: str = "") -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setIcon(icon(icon_name))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(False)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if tooltip:
        button.setToolTip(tooltip)
    return button


class RecordPanel(QWidget):
    message_requested = Signal(int)  # a timeline email was activated: show that message
    records_changed = Signal()  # this panel wrote something (compatibility; ops.events says what)
    deal_requested = Signal(int)  # a deal row was clicked: open that deal (its record id)
    compose_requested = Signal(list)  # write to these addresses ("Name <address>")

    def __init__(self, store: Store, parent: QWidget | None = None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self._stale = False
        self.scroll = QScrollArea()
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.content.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(14, 12, 14, 16)
        self.body.setSpacing(SPACING)
        self.scroll.setWidget(self.content)
        self.undo_bar = UndoBar()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.undo_bar)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._maybe_load_more())
        self.scroll.verticalScrollBar().rangeChanged.connect(lambda _a, _b: self._maybe_load_more())

        self.note_button = action_button(self.tr("Note…"), "note", self.tr("Write a note about this customer"))
        self.note_button.clicked.connect(lambda: self.add_note())
        self.call_button = action_button(self.tr("Call…"), "call", self.tr("Log a phone call"))
        self.call_button.clicked.connect(lambda: self.log_activity("call"))
        self.meeting_button = action_button(self.tr("Meeting…"), "meeting", self.tr("Log a meeting: when, how long, who took part"))
        self.meeting_button.clicked.connect(lambda: self.log_activity("meeting"))
        self.task_button = action_button(self.tr("Task…"), "task", self.tr("Add a task with a due date"))
        self.task_button.clicked.connect(lambda: self.add_task())
        self.history_button = action_button(self.tr("History…"), "reopen",
                                            self.tr("Every version of this record, from every device; restore one"))
        self.history_button.clicked.connect(lambda: self.show_history())
        self.actions_bar = QWidget()
        self.actions_layout = FlowLayout(self.actions_bar)
        for button in (self.note_button, self.call_button, self.meeting_button, self.task_button,
                       self.history_button):
            self.actions_layout.addWidget(button)

        self.timeline_title = SectionTitle(self.tr("Timeline"))
        self.timeline = TimelineView(ops=self.ops)
        self.timeline.message_requested.connect(self.message_requested)
        self.timeline.shared_mail_requested.connect(lambda entry: self._show_shared_mail(entry))
        self.timeline.entry_menu_requested.connect(self._entry_menu)
        self.ops.events.changed.connect(self._changed)

    def _show_shared_mail(self, entry) -> None:
        self.shared_mail = SharedMailDialog(entry, self)
        self.shared_mail.open()

    # -- what subclasses say -------------------------------------------------------------------
    def _targets(self) -> dict:
        """The record notes, calls and tasks belong to: ``contact_id=`` or ``company_id=``."""
        raise NotImplementedError

    def _about(self) -> str:
        """Who a new note or task is for, said in its dialog."""
        return ""

    def _people(self) -> list[str]:
        """Names offered as meeting attendees."""
        return []

    def has_subject(self) -> bool:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the shown subject again (the timeline keeps what was scrolled to)."""
        raise NotImplementedError

    # -- refreshing ----------------------------------------------------------------------------
    def _changed(self, changes) -> None:
        if changes.touches(SETTINGS, ACCOUNTS):
            self._us_cache = None
        if not changes.touches(RECORDS, LINKS, MAIL) or not self.has_subject():
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self.has_subject():
            self._stale = False
            self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < 360
        style = Qt.ToolButtonStyle.ToolButtonIconOnly if narrow else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        for button in self.actions_bar.findChildren(QToolButton):
            button.setToolButtonStyle(style)
        margin = 10 if narrow else 14
        self.body.setContentsMargins(margin, 12, margin, 16)

    def _maybe_load_more(self) -> None:
        bar = self.scroll.verticalScrollBar()
        if not self.timeline.has_more or self.timeline.isHidden():
            return
        bottom = self.timeline.mapTo(self.content, self.timeline.rect().bottomLeft()).y()
        if bottom - (bar.value() + self.scroll.viewport().height()) < 400:
            self.timeline.load_more()

    # -- writing -------------------------------------------------------------------------------
    def write(self, fn, *args, kinds: tuple[str, ...] = (RECORDS,), then=None, failed=None, **kwargs) -> None:
        """Run a write as an op; the change set refreshes every view, ``then(value)`` follows."""
        op = record_write(self.ops, fn, *args, kinds=kinds, **kwargs)

        def done(value) -> None:
            self.records_changed.emit()
            if then is not None:
                then(value)
        op.success(done)
        if failed is not None:
            op.failure(failed)
        op.owned_by(self).run()

    def add_note(self, targets: dict | None = None, about: str | None = None) -> None:
        """A note for the record shown, or for ``targets`` (a list's row: the record beside the
        list may still be on its way from a reader thread)."""
        targets = targets or self._targets()
        dialog = NoteDialog(self._about() if about is None else about, self)
        if dialog.exec() == NoteDialog.DialogCode.Accepted and dialog.note():
            self.write(activities.add_note, self.store, dialog.note(), **targets)

    def log_activity(self, kind: str) -> None:
        dialog = ActivityDialog(kind, self._about(), self._people(), self._default_attendees(), self)
        if dialog.exec() != ActivityDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.write(activities.log_activity, self.store, kind, values.subject, values.notes,
                   happened_at=values.happened_at, duration_minutes=values.duration_minutes,
                   attendees=values.attendees, **self._targets())

    def _default_attendees(self) -> list[str]:
        return []

    def add_task(self, targets: dict | None = None, about: str | None = None) -> None:
        """A task for the record shown, or for ``targets`` (see :meth:`add_note`)."""
        targets = targets or self._targets()
        dialog = TaskDialog(self._about() if about is None else about, self)
        if dialog.exec() != TaskDialog.DialogCode.Accepted:
            return
        title, due = dialog.values()
        if title:
            self.write(activities.add_task, self.store, title, due_at=due, **targets)

    def complete_task(self, task_uuid: str) -> None:
        self.write(activities.complete_task, self.store, task_uuid)

    # -- history -------------------------------------------------------------------------------
    def show_history(self) -> None:
        """The History window of the record shown (a contact, or a company): its versions from
        every device when signed in to a team, each restorable. The record is found off the GUI
        thread, the history read there too."""
        targets = self._targets()
        if not targets:
            return
        (field, record_id), = targets.items()
        record_type = "contact" if field == "contact_id" else "company"

        def opened(found) -> None:
            from app.ui.history_view import RecordHistoryDialog

            record_uuid, name = found
            self.history_dialog = RecordHistoryDialog(self.store, self.ops, record_type, record_uuid, name,
                                                      parent=self)
            self.history_dialog.show()
        self.ops.read(record_identity, self.store, record_type, record_id).owned_by(self).success(opened).run()

    # -- timeline entries ----------------------------------------------------------------------
    def _entry_menu(self, entry, position) -> None:
        menu = QMenu(self)
        if entry.kind == "email":
            menu.addAction(icon("mail"), self.tr("Open Message"),
                           lambda: self.message_requested.emit(entry.key))
        else:
            if entry.kind == "task" and not entry.done:
                menu.addAction(icon("task"), self.tr("Mark Done"), lambda: self.complete_task(entry.uuid))
            menu.addAction(icon("delete"), self.tr("Delete"), lambda: self.delete_entry(entry))
        self.entry_menu = menu  # tests reach the open menu here
        menu.popup(position)

    def delete_entry(self, entry) -> None:
        kind, uuid = entry.kind, entry.uuid
        text = {"note": self.tr("Note deleted."), "call": self.tr("Call deleted."),
                "meeting": self.tr("Meeting deleted."), "task": self.tr("Task deleted.")}[kind]

        def offer(_value) -> None:
            self.undo_bar.offer(text, lambda: self.write(activities.restore_entry, self.store, kind, uuid))
        self.write(activities.delete_entry, self.store, kind, uuid, then=offer)


def record_identity(store: Store, record_type: str, record_id: int) -> tuple[str, str]:
    """(uuid, name) of a contact or company by its local id (read on a reader thread)."""
    from app.crm.records import RECORD_TYPES

    kind = RECORD_TYPES[record_type]
    with store.read() as session:
        record = session.get(kind.model, record_id)
        return record.uuid, getattr(record, kind.label_field()) or record.uuid
