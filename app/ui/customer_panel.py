"""The panel beside the reader: the 360° view of the selected message's customer.

For a known contact: their details (edited in place), company, open deals, open tasks and
one timeline of emails, notes, calls, meetings and tasks, newest first, loaded a page at a
time as the list scrolls.  For an unknown sender: who they are, the mail exchanged with
them, and one click to create the contact (name from the From header, company from the
domain unless it is free mail).  "Why?" says why the message is, or is not, linked.

Reads are short indexed queries (a contact with thousands of messages opens in a few
milliseconds); writes are single small transactions.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.crm import activities, linking
from app.crm.customers import (
    ContactInput,
    add_company,
    add_contact,
    company_by_domain,
    contact_by_email,
    update_contact,
)
from app.crm.deals import deal_json
from app.crm.settings import free_mail_domains
from app.crm.timeline import PAGE, timeline
from app.crm.unknown_senders import ignore_sender
from app.crm.validation import InvalidValue, display_phone
from app.errors import UserFacingError
from app.store.correspondence import correspondent, mail_with_person
from app.store.crm_models import Company, Deal, Task
from app.store.database import Store
from app.ui.ops import Ops

ENTRY_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
HISTORY_LIMIT = 200
_KIND_MARK = {"email": "✉", "note": "✎", "call": "☎", "meeting": "◉", "task": "☐"}


class CustomerPanel(QWidget):
    message_requested = Signal(int)  # a timeline email was activated: show that message
    records_changed = Signal()  # something was created or edited (other views refresh)

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops.standalone(store, self)
        self._address: str | None = None
        self._name = ""
        self._message_pk: int | None = None
        self._contact_id: int | None = None
        self._company_id: int | None = None
        self._cursor = None
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.address = QLabel()
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.organisation = QLabel()
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)
        self.organisation.setWordWrap(True)
        self.link_reason = QLabel()
        self.link_reason.setWordWrap(True)
        self.link_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.link_reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = self.link_reason.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.link_reason.setFont(small)
        self.create_contact_button = QPushButton(self.tr("Create Contact"))
        self.create_contact_button.clicked.connect(self.create_contact_from_message)
        self.create_company_button = QPushButton(self.tr("Create Company"))
        self.create_company_button.clicked.connect(self.create_company_from_message)
        self.ignore_button = QPushButton(self.tr("Ignore Sender"))
        self.ignore_button.clicked.connect(self._ignore_sender)
        self.details = self._build_details()
        self.deals = QListWidget()
        self.deals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.deals.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.deals.setMaximumHeight(self.fontMetrics().height() * 4 + 10)
        self.tasks = QListWidget()
        self.tasks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tasks.setMaximumHeight(self.fontMetrics().height() * 4 + 10)
        self.tasks.itemChanged.connect(self._task_toggled)
        self.note_button = QPushButton(self.tr("Note…"))
        self.note_button.clicked.connect(self.add_note)
        self.call_button = QPushButton(self.tr("Log Call…"))
        self.call_button.clicked.connect(lambda: self.log_activity("call"))
        self.task_button = QPushButton(self.tr("Task…"))
        self.task_button.clicked.connect(self.add_task)
        self.meeting_button = QPushButton(self.tr("Log Meeting…"))
        self.meeting_button.clicked.connect(lambda: self.log_activity("meeting"))
        self.unlink_button = QPushButton(self.tr("Unlink Message"))
        self.unlink_button.setToolTip(self.tr("This message is not about this customer: remove it from the "
                                              "timeline, for good"))
        self.unlink_button.clicked.connect(self.unlink_message)
        self.deal_link_button = QPushButton(self.tr("Link to Deal…"))
        self.deal_link_button.clicked.connect(self.link_message_to_deal)
        self.timeline_title = QLabel()
        self.timeline = QListWidget()
        self.timeline.setWordWrap(False)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.verticalScrollBar().valueChanged.connect(self._maybe_load_more)
        self.timeline.itemActivated.connect(self._entry_activated)
        self._build_layout()
        self.show_sender(None, None)

    # -- layout ---------------------------------------------------------------------------------
    def _build_details(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.edit_name, self.edit_title, self.edit_phone, self.edit_company = (QLineEdit() for _ in range(4))
        for label, editor, field in ((self.tr("Name"), self.edit_name, "name"),
                                     (self.tr("Title"), self.edit_title, "title"),
                                     (self.tr("Phone"), self.edit_phone, "phone"),
                                     (self.tr("Company"), self.edit_company, "company")):
            editor.setProperty("field", field)
            editor.editingFinished.connect(lambda e=editor: self._field_edited(e))
            form.addRow(label, editor)
        self.emails_label = QLabel()
        self.emails_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.emails_label.setWordWrap(True)
        form.addRow(self.tr("Email"), self.emails_label)
        return box

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        for widget in (self.name, self.address, self.organisation, self.link_reason):
            layout.addWidget(widget)
        create = QHBoxLayout()
        for button in (self.create_contact_button, self.create_company_button, self.ignore_button):
            create.addWidget(button)
        create.addStretch(1)
        layout.addLayout(create)
        layout.addWidget(self.details)
        self.deals_title = QLabel(self.tr("Open deals"))
        self.tasks_title = QLabel(self.tr("Open tasks"))
        for widget in (self.deals_title, self.deals, self.tasks_title, self.tasks):
            layout.addWidget(widget)
        actions = QHBoxLayout()
        for button in (self.note_button, self.call_button, self.meeting_button, self.task_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        message_actions = QHBoxLayout()
        for button in (self.unlink_button, self.deal_link_button):
            message_actions.addWidget(button)
        message_actions.addStretch(1)
        layout.addLayout(message_actions)
        layout.addWidget(self.timeline_title)
        layout.addWidget(self.timeline, 1)

    # -- what is shown ------------------------------------------------------------------------------
    def show_sender(self, name: str | None, address: str | None, current_message: int | None = None) -> None:
        """Show the customer behind the selected message (None clears the panel)."""
        self._name, self._address, self._message_pk = name or "", address, current_message
        self._contact_id = self._company_id = None
        self.timeline.clear()
        self._cursor = None
        if not address:
            for label in (self.name, self.address, self.organisation, self.link_reason, self.timeline_title):
                label.clear()
            for widget in (self.create_contact_button, self.create_company_button, self.ignore_button, self.details,
                           self.deals_title, self.deals, self.tasks_title, self.tasks, self.note_button,
                           self.call_button, self.meeting_button, self.task_button, self.unlink_button,
                           self.deal_link_button):
                widget.hide()
            return
        who = correspondent(name or "", address)
        with self.store.read() as session:
            contact = contact_by_email(session, who.address)
            free = free_mail_domains(self.store)
            company = session.get(Company, contact.company_id) if contact and contact.company_id else None
            if company is None and who.domain not in free:
                company = company_by_domain(session, who.domain)
            self._contact_id = contact.id if contact else None
            self._company_id = company.id if company else None
            self.name.setText(contact.name if contact and contact.name else (who.name or who.address))
            self.address.setText(who.address)
            if company is not None:
                self.organisation.setText(self.tr("Company: %1").replace("%1", company.name))
            elif who.domain in free:
                self.organisation.setText(self.tr("Personal address (%1)").replace("%1", who.domain))
            else:
                self.organisation.setText(self.tr("Organisation: %1").replace("%1", who.domain))
            if contact is not None:
                self._fill_details(session, contact, company)
            self._fill_deals_and_tasks(session)
        known = self._contact_id is not None
        self.details.setVisible(known)
        self.create_contact_button.setVisible(not known)
        self.ignore_button.setVisible(not known)
        self.create_company_button.setVisible(self._company_id is None and who.domain not in free)
        has_record = known or self._company_id is not None
        for widget in (self.note_button, self.call_button, self.meeting_button, self.task_button):
            widget.setVisible(has_record)
        on_message = self._message_pk is not None
        self.unlink_button.setVisible(known and on_message and self._message_linked())
        self.deal_link_button.setVisible(has_record and on_message and self.deals.count() > 0)
        self._show_link_reason()
        self._load_timeline()

    def _fill_details(self, session, contact, company) -> None:
        from app.crm.records import RECORD_TYPES, read_state

        state = read_state(session, RECORD_TYPES["contact"], contact)
        for editor, value in ((self.edit_name, contact.name), (self.edit_title, contact.title),
                              (self.edit_phone, ", ".join(display_phone(p) for p in state["phones"])),
                              (self.edit_company, company.name if company else "")):
            editor.blockSignals(True)
            editor.setText(value)
            editor.setProperty("shown", value)
            editor.blockSignals(False)
        self.emails_label.setText(", ".join(state["emails"]))

    def _fill_deals_and_tasks(self, session) -> None:
        from sqlalchemy import or_, select

        self.deals.clear()
        self.tasks.blockSignals(True)
        self.tasks.clear()
        conditions = []
        if self._contact_id:
            conditions.append(Deal.contact_id == self._contact_id)
        if self._company_id:
            conditions.append(Deal.company_id == self._company_id)
        if conditions:
            for deal in session.scalars(select(Deal).where(or_(*conditions), Deal.status == "open",
                                                           Deal.deleted_at.is_(None))):
                info = deal_json(session, deal)
                amount = f" · {info['amount']} {info['currency']}" if info["amount"] else ""
                self.deals.addItem(f"{info['title']} · {info['stage']}{amount}")
            task_conditions = [Task.contact_id == self._contact_id] if self._contact_id else []
            if self._company_id:
                task_conditions.append(Task.company_id == self._company_id)
            for task in session.scalars(select(Task).where(or_(*task_conditions), Task.done_at.is_(None),
                                                           Task.deleted_at.is_(None)).order_by(Task.due_at)):
                due = datetime.fromtimestamp(task.due_at).strftime("%Y-%m-%d") if task.due_at else ""
                item = QListWidgetItem(f"{task.title}  {due}".strip())
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(ENTRY_ROLE, task.uuid)
                self.tasks.addItem(item)
        self.tasks.blockSignals(False)
        for title, widget in ((self.deals_title, self.deals), (self.tasks_title, self.tasks)):
            title.setVisible(widget.count() > 0)
            widget.setVisible(widget.count() > 0)

    def _message_linked(self) -> bool:
        from sqlalchemy import select

        from app.store.crm_models import MessageLink

        with self.store.read() as session:
            return session.scalar(select(MessageLink.id).where(MessageLink.message_id == self._message_pk,
                                                               MessageLink.contact_id == self._contact_id)
                                  .limit(1)) is not None

    def _show_link_reason(self) -> None:
        if self._message_pk is None:
            self.link_reason.clear()
            return
        texts = {"from": self.tr("linked: %1 is the sender"), "to": self.tr("linked: %1 is a recipient"),
                 "cc": self.tr("linked: %1 is in Cc"), "domain": self.tr("linked: %1 is the company's domain"),
                 "contact": self.tr("linked through the contact's company"),
                 "manual": self.tr("linked by hand"), "unlinked": self.tr("unlinked by hand (%1)"),
                 "free-mail": self.tr("%1 is free mail: it says nothing about a company"),
                 "automatic": self.tr("automatic mail (%1): never creates anything")}
        lines = []
        for reason in linking.explain(self.store, self._message_pk):
            if reason.why in texts and reason.why != "no-record":
                lines.append(texts[reason.why].replace("%1", reason.detail or reason.record_name))
        self.link_reason.setText("\n".join(dict.fromkeys(lines)))

    def _load_timeline(self) -> None:
        if self._contact_id is None and self._company_id is None:
            exchanges = [e for e in mail_with_person(self.store, self._address or "", HISTORY_LIMIT + 1)
                         if e.message_id != self._message_pk][:HISTORY_LIMIT]
            self.timeline_title.setText(self.tr("Other mail with this person: %1").replace("%1", str(len(exchanges))))
            for exchange in exchanges:
                when = datetime.fromtimestamp(exchange.date).strftime("%Y-%m-%d")
                item = QListWidgetItem(f"✉ {when}  {exchange.subject}\n{exchange.from_name or exchange.from_addr}"
                                       f" · {exchange.folder}")
                item.setData(MESSAGE_ROLE, exchange.message_id)
                self.timeline.addItem(item)
            return
        self.timeline_title.setText(self.tr("Timeline"))
        self._load_more()

    def _load_more(self) -> None:
        target = {"contact_id": self._contact_id} if self._contact_id else {"company_id": self._company_id}
        page = timeline(self.store, before=self._cursor, limit=PAGE, **target)
        for entry in page:
            when = datetime.fromtimestamp(entry.at).strftime("%Y-%m-%d")
            detail = entry.detail.split("\n", 1)[0] if entry.kind != "email" else entry.detail
            item = QListWidgetItem(f"{_KIND_MARK.get(entry.kind, '•')} {when}  {entry.title}\n{detail}")
            if entry.kind == "email":
                item.setData(MESSAGE_ROLE, entry.key)
            self.timeline.addItem(item)
        if page:
            self._cursor = page[-1].cursor
        self._more = len(page) == PAGE

    def _maybe_load_more(self, value: int) -> None:
        bar = self.timeline.verticalScrollBar()
        if getattr(self, "_more", False) and value >= bar.maximum() - 2:
            self._more = False
            self._load_more()

    def _entry_activated(self, item: QListWidgetItem) -> None:
        message_pk = item.data(MESSAGE_ROLE)
        if message_pk is not None:
            self.message_requested.emit(message_pk)

    # -- actions ------------------------------------------------------------------------------------
    def _report(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), str(error))

    def _refresh(self) -> None:
        self.show_sender(self._name, self._address, self._message_pk)
        self.records_changed.emit()

    def create_contact_from_message(self) -> None:
        """A contact from the From header; its company from the domain unless it is free mail."""
        if not self._address:
            return
        who = correspondent(self._name, self._address)
        company = ""
        if who.domain not in free_mail_domains(self.store):
            with self.store.read() as session:
                existing = company_by_domain(session, who.domain)
            company = existing.name if existing else who.domain
        try:
            add_contact(self.store, ContactInput(name=who.name or who.address.split("@")[0], emails=[who.address],
                                                 company=company))
        except (InvalidValue, UserFacingError) as exc:
            self._report(exc)
            return
        self._refresh()

    def create_company_from_message(self) -> None:
        if not self._address:
            return
        domain = self._address.rpartition("@")[2]
        name, ok = QInputDialog.getText(self, self.tr("Create Company"), self.tr("Company name:"), text=domain)
        if not ok or not name.strip():
            return
        try:
            add_company(self.store, name, [domain])
        except (InvalidValue, UserFacingError) as exc:
            self._report(exc)
            return
        self._refresh()

    def _ignore_sender(self) -> None:
        if self._address:
            ignore_sender(self.store, self._address)
            self.records_changed.emit()

    def _field_edited(self, editor: QLineEdit) -> None:
        if self._contact_id is None or editor.text() == editor.property("shown"):
            return
        field, value = editor.property("field"), editor.text().strip()
        data = ContactInput()
        if field == "phone":
            data.phones = [p for p in value.replace("，", ",").split(",") if p.strip()]
        else:
            setattr(data, field, value)
        cleared = {"phones" if field == "phone" else field} if not value else set()
        try:
            update_contact(self.store, self.address.text(), data, cleared)
        except (InvalidValue, UserFacingError) as exc:
            self._report(exc)
            editor.setText(editor.property("shown"))
            return
        self._refresh()

    def _targets(self) -> dict:
        return {"contact_id": self._contact_id, "company_id": self._company_id if not self._contact_id else None}

    def add_note(self, text: str | None = None) -> None:
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Note"), self.tr("Note:"))
            if not ok:
                return
        if text.strip():
            activities.add_note(self.store, text, **self._targets())
            self._refresh()

    def log_activity(self, kind: str, subject: str | None = None) -> None:
        if subject is None:
            subject, ok = QInputDialog.getText(self, self.tr("Log Call"), self.tr("What was discussed?"))
            if not ok:
                return
        activities.log_activity(self.store, kind, subject, **self._targets())
        self._refresh()

    def add_task(self, title: str | None = None, days: int | None = None) -> None:
        if title is None:
            title, ok = QInputDialog.getText(self, self.tr("Task"), self.tr("Task:"))
            if not ok or not title.strip():
                return
            days, ok = QInputDialog.getInt(self, self.tr("Task"), self.tr("Due in how many days?"), 1, 0, 365)
            if not ok:
                return
        due = int(time.time()) + (days or 0) * 86400
        activities.add_task(self.store, title, due_at=due, **self._targets())
        self._refresh()

    def unlink_message(self) -> None:
        """The shown message is not about this contact: unlink it, for good (kept by Message-ID)."""
        from app.store.crm_models import Contact

        with self.store.read() as session:
            contact_uuid = session.get(Contact, self._contact_id).uuid
        try:
            linking.set_override(self.store, self._message_pk, "contact", contact_uuid, "unlink")
        except UserFacingError as exc:
            self._report(exc)
            return
        self._refresh()

    def link_message_to_deal(self, deal_title: str | None = None) -> None:
        from sqlalchemy import or_, select

        with self.store.read() as session:
            conditions = [Deal.contact_id == self._contact_id] if self._contact_id else []
            if self._company_id:
                conditions.append(Deal.company_id == self._company_id)
            open_deals = {d.title: d.uuid for d in session.scalars(select(Deal).where(
                or_(*conditions), Deal.status == "open", Deal.deleted_at.is_(None)))}
        if not open_deals:
            return
        if deal_title is None:
            deal_title, ok = QInputDialog.getItem(self, self.tr("Link to Deal"), self.tr("Deal:"),
                                                  list(open_deals), 0, False)
            if not ok:
                return
        try:
            linking.set_override(self.store, self._message_pk, "deal", open_deals[deal_title], "link")
        except UserFacingError as exc:
            self._report(exc)
            return
        self._refresh()

    def _task_toggled(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked:
            activities.complete_task(self.store, item.data(ENTRY_ROLE))
            self._refresh()
