"""A record's history in the window: every version (the team's, from every device, when the
team server can give them), who made it on which device and when, values that lost a
collision, and Restore This Version.

The deal editor's History tab and the History dialog of contacts and companies are this one
widget. It reads through :mod:`app.sync.history` as an ops ``call`` (a network request, so on
a plain thread, never the GUI thread), and restores the same way: the restore is a new local
change, queued and sent to the team by the team sync like any edit.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.events import LINKS, RECORDS, ChangeSet
from app.store.database import Store
from app.sync import history
from app.ui.deal_parts import when_text
from app.ui.icons import icon
from app.ui.money import format_money
from app.ui.ops import OpResult, Ops

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
LOST_COLOUR = QColor("#c0392b")  # a value that lost a collision: readable on light and dark
FIELD_ORDER = ("*", "name", "title", "first_name", "last_name", "stage_id", "status", "amount", "currency",
               "expected_close", "contact_id", "company_id", "industry", "emails", "phones", "domains", "tags",
               "owner", "custom.lost_reason")


# -- the work, on ops threads (no widget is touched here) -----------------------------------------
def read_history(store: Store, record_type: str, record_uuid: str) -> history.RecordHistory:
    return history.record_history(store, record_type, record_uuid)


def restore(store: Store, record_type: str, record_uuid: str, key: str) -> OpResult:
    changed = history.restore_version(store, record_type, record_uuid, key)
    return OpResult(changed, ChangeSet.of(RECORDS, LINKS, records={(record_type, record_uuid)}))


class RecordHistoryView(QWidget):
    """The versions of one record, newest first, and Restore This Version."""

    restore_requested = Signal(str)  # a version's key; whoever shows the view restores (or asks first)
    loaded = Signal()
    restored = Signal()

    def __init__(self, store: Store, ops: Ops, record_type: str, locale: QLocale | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.ops, self.record_type, self.locale = store, ops, record_type, locale
        self.record_uuid: str | None = None
        self.currency = ""  # a deal's, for its amounts
        self.shown: history.RecordHistory | None = None
        self.is_loaded = False
        self._newest = ""
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.currentItemChanged.connect(lambda *_: self._version_selected())
        self.restore_button = QPushButton(icon("undo"), self.tr("Restore This Version"))
        self.restore_button.setToolTip(self.tr("Bring every field back to how it was in this version; "
                                               "the team gets it at the next sync"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    # -- reading ---------------------------------------------------------------------------------
    def load(self, record_uuid: str) -> None:
        """Read the record's history (from the team server when it can say) and show it."""
        self.record_uuid = record_uuid
        self.is_loaded = False
        if self.shown is None:
            self._say(self.tr("Reading the history…"))
        self.ops.call(read_history, self.store, self.record_type, record_uuid).owned_by(self) \
            .success(self.show_history).run()

    def show_history(self, found: history.RecordHistory) -> None:
        self.shown = found
        self.tree.clear()
        self._say(self._source_text(found))
        # A history that could not come from the team is worth reading: normal text, not muted.
        fell_back = found.reason in (history.OFFLINE, history.SIGNED_OUT, history.REFUSED)
        self.note.setForegroundRole(QPalette.ColorRole.WindowText if fell_back else QPalette.ColorRole.PlaceholderText)
        versions = list(reversed(found.versions))
        self._newest = versions[0].key if versions else ""
        for version in versions:
            top = QTreeWidgetItem([self._version_text(version)])
            top.setData(0, KEY_ROLE, version.key)
            top.setToolTip(0, self._version_tip(version))
            font = QFont(top.font(0))
            font.setWeight(QFont.Weight.Bold)
            top.setFont(0, font)
            if version.source == history.TEAM:  # which device, on a line of its own under the header
                device = QTreeWidgetItem([self._device_text(version)])
                device.setData(0, KEY_ROLE, version.key)
                device.setForeground(0, self.palette().brush(QPalette.ColorRole.PlaceholderText))
                top.addChild(device)
            for change in sorted(version.changes, key=self._order):
                child = QTreeWidgetItem([self._change_text(change, found.names)])
                child.setData(0, KEY_ROLE, version.key)
                child.setToolTip(0, child.text(0))
                if change.lost:
                    child.setForeground(0, QBrush(LOST_COLOUR))
                    lost_font = QFont(child.font(0))
                    lost_font.setItalic(True)
                    child.setFont(0, lost_font)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.restore_button.setEnabled(False)
        self.is_loaded = True
        self.loaded.emit()

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _source_text(self, found: history.RecordHistory) -> str:
        if found.source == history.TEAM:
            return self.tr("Every version from every device, from the team server.")
        return {history.NOT_ON_SERVER: self.tr("Not on the team server yet: the history on this computer."),
                history.OFFLINE: self.tr("The team server cannot be reached: only the history on this computer "
                                         "is shown."),
                history.SIGNED_OUT: self.tr("The team server no longer accepts this computer: only the history "
                                            "on this computer is shown."),
                history.REFUSED: self.tr("The team server did not give this record's history ({reason}): only "
                                         "the history on this computer is shown.").format(reason=found.detail)}.get(found.reason or "", "")

    # -- words -----------------------------------------------------------------------------------
    def _version_text(self, version: history.RecordVersion) -> str:
        when = when_text(version.at, self.locale)
        if version.source == history.TEAM:
            return self.tr("Version {number} · {when} · {who}").format(
                number=version.number, when=when, who=version.user or self.tr("the server"))
        if version.source == "pending":
            return self.tr("Version {number} · {when} · not sent to the team yet").format(
                number=version.number, when=when)
        origins = {"local": self.tr("by you"), "import": self.tr("imported"), "merge": self.tr("merged"),
                   "restore": self.tr("restored"), "erase": self.tr("erased"), "sync": self.tr("from the team")}
        return self.tr("Version {number} · {when} · {origin}").format(
            number=version.number, when=when, origin=origins.get(version.origin, version.origin))

    def _device_text(self, version: history.RecordVersion) -> str:
        if version.this_device:
            return self.tr("On this computer")
        if not version.device_id:
            return self.tr("On the server")
        return self.tr("On another device ({id})").format(id=version.device_name or version.device_id[:8])

    def _version_tip(self, version: history.RecordVersion) -> str:
        if version.source != history.TEAM:
            return ""
        tip = self.tr("Revision {revision} on the team server, sent by {who} from device {device}").format(
            revision=version.revision, who=version.user or self.tr("the server"),
            device=version.device_name or version.device_id or "-")
        if version.all_lost:
            tip += "\n" + self.tr("Every value of this version lost a collision; restoring it brings them back.")
        return tip

    def _field_label(self, name: str) -> str:
        labels = {"title": self.tr("Title"), "stage_id": self.tr("Stage"), "status": self.tr("Status"),
                  "amount": self.tr("Value"), "currency": self.tr("Currency"),
                  "expected_close": self.tr("Expected close"), "contact_id": self.tr("Contact"),
                  "company_id": self.tr("Company"), "owner": self.tr("Owner"),
                  "custom.lost_reason": self.tr("Loss reason"), "name": self.tr("Name"),
                  "first_name": self.tr("First name"), "last_name": self.tr("Last name"),
                  "industry": self.tr("Industry"), "emails": self.tr("Email"), "phones": self.tr("Phone"),
                  "domains": self.tr("Domains"), "tags": self.tr("Tags"), "priority": self.tr("Priority"),
                  "assignee": self.tr("Assignee"), "due_at": self.tr("Due"), "description": self.tr("Description"),
                  "messages": self.tr("Messages"), "deal_id": self.tr("Deal")}
        if self.record_type == "contact" and name == "title":
            return self.tr("Job title")
        return labels.get(name, name)

    def _value_text(self, name: str, value, names: dict[str, str]) -> str:
        if value in (None, "", []):
            return self.tr("(empty)")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if name == "status" and self.record_type == "case":
            from app.ui.case_parts import status_text

            return status_text(value)
        if name == "priority":
            from app.ui.case_parts import priority_text

            return priority_text(value)
        if name == "due_at" and isinstance(value, int):
            return when_text(value, self.locale)
        if name == "status":
            return {"open": self.tr("Open"), "won": self.tr("Won"), "lost": self.tr("Lost")}.get(value, value)
        if name == "amount" and self.currency:
            return format_money(str(value), self.currency, self.locale)
        if isinstance(value, str):
            return names.get(value, value)
        return str(value)

    def _event_text(self, change: history.HistoryChange) -> str:
        event = change.op if change.op in ("create", "delete", "restore") else change.new
        if isinstance(event, dict):  # a local event: merged, erased, restored…
            kind = next(iter(event), "")
            if kind in ("merged", "erased"):
                return self.tr("Another contact merged into this one") if kind == "merged" else self.tr("Erased")
            event = "restore"
        event = {"created": "create", "deleted": "delete"}.get(event, event)
        words = {"deal": (self.tr("Deal added"), self.tr("Deal deleted"), self.tr("Deal brought back")),
                 "contact": (self.tr("Contact added"), self.tr("Contact deleted"), self.tr("Contact brought back")),
                 "company": (self.tr("Company added"), self.tr("Company deleted"), self.tr("Company brought back")),
                 "case": (self.tr("Case opened"), self.tr("Case deleted"), self.tr("Case brought back"))}
        added, deleted, back = words.get(self.record_type, (self.tr("Added"), self.tr("Deleted"),
                                                             self.tr("Brought back")))
        return {"create": added, "delete": deleted}.get(event, back)

    def _change_text(self, change: history.HistoryChange, names: dict[str, str]) -> str:
        if change.field == "*":
            return self._event_text(change)
        field = self._field_label(change.field)
        if change.op in ("add", "remove"):
            template = self.tr("{field}: + {value}") if change.op == "add" else self.tr("{field}: − {value}")
            text = template.format(field=field, value=self._value_text(change.field, change.new, names))
        else:
            text = self.tr("{field}: {old} → {new}").format(
                field=field, old=self._value_text(change.field, change.old, names),
                new=self._value_text(change.field, change.new, names))
        if change.lost:
            text += " " + self.tr("(lost in a collision, not applied)")
        return text

    @staticmethod
    def _order(change: history.HistoryChange) -> int:
        return FIELD_ORDER.index(change.field) if change.field in FIELD_ORDER else len(FIELD_ORDER)

    # -- restoring -------------------------------------------------------------------------------
    def selected_version(self) -> history.RecordVersion | None:
        item = self.tree.currentItem()
        if item is None or self.shown is None:
            return None
        key = item.data(0, KEY_ROLE)
        return next((v for v in self.shown.versions if v.key == key), None)

    def _version_selected(self) -> None:
        version = self.selected_version()
        self.restore_button.setEnabled(version is not None and version.restorable and version.key != self._newest)

    def _restore_clicked(self) -> None:
        version = self.selected_version()
        if version is not None and version.restorable:
            self.restore_requested.emit(version.key)

    def restore(self, key: str) -> None:
        """Bring the record back to version ``key`` (a new local change), then read the history again."""
        if self.record_uuid is None:
            return
        self.restore_button.setEnabled(False)

        def done(_changed) -> None:
            self.restored.emit()
            self.load(self.record_uuid)

        def failed(error: BaseException) -> None:
            self._version_selected()  # offline, say: the same version can be restored once back
            self.ops.present_error(error)
        self.ops.call(restore, self.store, self.record_type, self.record_uuid, key).owned_by(self) \
            .success(done).failure(failed).run()


class RecordHistoryDialog(QDialog):
    """History of a contact or a company: the view above in its own window."""

    def __init__(self, store: Store, ops: Ops, record_type: str, record_uuid: str, name: str,
                 locale: QLocale | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("record-history-dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("History: {name}").format(name=name))
        self.view = RecordHistoryView(store, ops, record_type, locale, self)
        self.view.restore_requested.connect(self.view.restore)
        # Named for whoever drives the dialog (tests, accessibility).
        self.tree, self.restore_button, self.note = self.view.tree, self.view.restore_button, self.view.note
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.record = (record_type, record_uuid)
        # A sync that brings new versions (or sends this laptop's) shows them while the window is open.
        ops.events.changed.connect(self._changed)
        self.view.load(record_uuid)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.touches(RECORDS) and (not changes.records or self.record in changes.records):
            self.view.load(self.record[1])
