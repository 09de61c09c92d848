"""A company's 360° view: details edited in place, its people, deals, open tasks, and one
timeline of all mail with its domains and its people, with the notes, calls, meetings and
tasks of the company and of its people, newest first, grouped by day, a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.crm.cases import OPEN_STATUSES, list_cases
from app.crm.customer_view import CompanyView, PersonRow, company_view
from app.crm.customers import update_company
from app.crm.teammates import own_addresses
from app.crm.timeline import PAGE, timeline
from app.services.events import LINKS, RECORDS
from app.store.database import Store
from app.ui.avatar import Avatar
from app.ui.case_parts import CaseList
from app.ui.contact_dialog import ContactDialog, split_list
from app.ui.customer_panel import CASES_SHOWN
from app.ui.ops import Ops
from app.ui.record_panel import RecordPanel, action_button
from app.ui.record_parts import (
    GAP,
    SMALL,
    SUBTITLE,
    TITLE,
    Badge,
    DealList,
    SectionTitle,
    TaskList,
    _ClickableRow,
    text_label,
)

REFRESH_AT_MOST = 500


@dataclass
class CompanyRead:
    """What the company panel shows at first, read together on the view reader thread."""

    view: CompanyView | None
    own: frozenset[str]  # the accounts' addresses: mail from them is "sent" on the timeline
    first_page: list


def read_company_shown(store: Store, company_id: int, at_least: int) -> CompanyRead:
    """The company's view and the first page of its timeline (``at_least`` entries: a refresh
    keeps what was scrolled to); no view when the company is gone."""
    view = company_view(store, company_id)
    if view is None:
        return CompanyRead(None, frozenset(), [])
    own = own_addresses(store)
    return CompanyRead(view, own, timeline(store, company_id=company_id, limit=max(PAGE, at_least), own=own))


class PersonRowWidget(_ClickableRow):
    """One of the company's people: avatar, name, title and address; click to open."""

    def __init__(self, person: PersonRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.person = person
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(10)
        avatar = Avatar(30)
        avatar.set_name(person.name or person.email)
        text = QVBoxLayout()
        text.setSpacing(1)
        self.name = text_label(person.name or person.email, weight=QFont.Weight.DemiBold)
        detail = " · ".join(p for p in (person.title, person.email) if p)
        text.addWidget(self.name)
        if detail:
            text.addWidget(text_label(detail, SMALL, secondary=True))
        layout.addWidget(avatar, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self.setToolTip(self.tr("Open %1").replace("%1", person.name or person.email))


class CompanyPanel(RecordPanel):
    contact_requested = Signal(int)  # one of its people was clicked
    new_deal_requested = Signal(str, int)  # ("company", id): the deal editor opens for it
    case_requested = Signal(str)  # a case row was clicked: show it in Cases (its UUID)
    new_case_requested = Signal(object, object, str)  # New Case for (None, company id, name)
    company_shown = Signal()  # the company asked for is on screen (its read arrived)

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        super().__init__(store, parent, ops)
        self._company_id: int | None = None
        self._view: CompanyView | None = None
        self._generation = 0  # answers of reads started for what was shown before are dropped
        self.avatar = Avatar(52)
        self.name = text_label("", TITLE, QFont.Weight.Bold, selectable=True)
        self.summary = text_label("", SUBTITLE, secondary=True)
        self.badge = Badge()
        self.badge.set_badge(self.tr("Company"), "company")
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(GAP)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edit_name, self.edit_industry, self.edit_domains = QLineEdit(), QLineEdit(), QLineEdit()
        self.edit_domains.setToolTip(self.tr("Mail with these domains lands on the company's timeline "
                                             "(separate several with commas)"))
        for label, editor, field in ((self.tr("Name"), self.edit_name, "name"),
                                     (self.tr("Industry"), self.edit_industry, "industry"),
                                     (self.tr("Domains"), self.edit_domains, "domains")):
            editor.setProperty("field", field)
            editor.setPlaceholderText(self.tr("Add…"))
            editor.editingFinished.connect(lambda e=editor: self._field_edited(e))
            form.addRow(text_label(label, SMALL, wrap=False, secondary=True), editor)
        self.people_title = SectionTitle(self.tr("People"))
        self.people = QWidget()
        self.people_layout = QVBoxLayout(self.people)
        self.people_layout.setContentsMargins(0, 0, 0, 0)
        self.people_layout.setSpacing(4)
        self.people_rows: list[PersonRowWidget] = []
        self.deals_title = SectionTitle(self.tr("Deals"))
        self.deals = DealList(show_people=True)
        self.deals.deal_activated.connect(self.deal_requested)
        self.tasks_title = SectionTitle(self.tr("Open tasks"))
        self.tasks = TaskList(show_people=True)
        self.tasks.task_done.connect(self.complete_task)
        self.cases_title = SectionTitle(self.tr("Cases"))
        self.cases = CaseList()
        self.cases.case_activated.connect(self.case_requested)
        self.case_button = action_button(self.tr("Case…"), "inbox", self.tr("Open a service case for this company"))
        self.case_button.clicked.connect(lambda: self._new_case())
        self.contact_button = action_button(self.tr("New Contact…"), "contact",
                                            self.tr("A new person at this company"))
        self.contact_button.clicked.connect(lambda: self.new_contact())
        self.deal_button = action_button(self.tr("New Deal…"), "deal", self.tr("A new deal with this company"))
        self.deal_button.clicked.connect(lambda: self._new_deal())
        for button in (self.contact_button, self.deal_button, self.case_button):
            self.actions_layout.addWidget(button)
        self.timeline_empty = text_label(self.tr("Nothing yet: mail with the company's domains, and notes, "
                                                 "calls and tasks, appear here."), SMALL, secondary=True)
        self._build_layout()
        self.show_company(None)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name)
        names.addWidget(self.summary)
        badge_row = QHBoxLayout()
        badge_row.setContentsMargins(0, 4, 0, 0)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        names.addLayout(badge_row)
        header.addLayout(names, 1)
        self.body.addLayout(header)
        for widget in (self.details, self.actions_bar, self.people_title, self.people, self.deals_title,
                       self.deals, self.cases_title, self.cases, self.tasks_title, self.tasks, self.timeline_title,
                       self.timeline, self.timeline_empty):
            self.body.addWidget(widget)
        self.body.addStretch(1)

    # -- showing ------------------------------------------------------------------------------
    def show_company(self, company_id: int | None) -> None:
        if company_id != self._company_id:
            self._view = None  # the actions wait for the new company's view
        self._company_id = company_id
        self._render(0)

    def has_subject(self) -> bool:
        return self._company_id is not None

    def refresh(self) -> None:
        self._render(min(self.timeline.count(), REFRESH_AT_MOST))

    def _render(self, at_least: int) -> None:
        """Read what to show on the view reader thread, then show it (a company's view and its
        timeline's first page are a dozen queries: never on the GUI thread, which a sync keeps
        busy)."""
        self._generation += 1
        generation, company_id = self._generation, self._company_id
        if company_id is None:
            self._show_read(CompanyRead(None, frozenset(), []), 0)
            return
        self.ops.view_read(read_company_shown, self.store, company_id, at_least).replacing(self).owned_by(
            self).success(lambda read: self._show_read(read, at_least) if generation == self._generation else None
                          ).run()

    def _show_read(self, read: CompanyRead, at_least: int) -> None:
        view = self._view = read.view
        self.content.setVisible(view is not None)
        if view is None:
            self.timeline.show_entries(None)
            self.company_shown.emit()
            return
        card = view.card
        self.avatar.set_name(card.name, company=True)
        self.name.setText(card.name)
        open_deals = sum(1 for d in view.deals if d.status == "open")
        parts = [card.industry] if card.industry else []
        parts.append(self.tr("%n (person/people)", "", len(view.people)))
        parts.append(self.tr("%n open deal(s)", "", open_deals))
        self.summary.setText(" · ".join(parts))
        for editor, value in ((self.edit_name, card.name), (self.edit_industry, card.industry),
                              (self.edit_domains, ", ".join(card.domains))):
            editor.setProperty("shown", value)
            if editor.hasFocus() and editor.isModified():
                continue
            editor.blockSignals(True)
            editor.setText(value)
            editor.setCursorPosition(0)
            editor.blockSignals(False)
        self._fill_people(view.people)
        self._load_cases(card.id)
        self.deals.set_deals(view.deals)
        self.tasks.set_tasks(view.tasks)
        for title, widget, count in ((self.people_title, self.people, len(view.people)),
                                     (self.deals_title, self.deals, len(view.deals)),
                                     (self.tasks_title, self.tasks, len(view.tasks))):
            title.set_count(count)
            title.setVisible(count > 0)
            widget.setVisible(count > 0)
        company_id, own = card.id, read.own
        self.timeline.show_entries(lambda before, limit: timeline(self.store, company_id=company_id, before=before,
                                                                  limit=limit, own=own), PAGE, at_least,
                                   first=read.first_page)
        self.timeline_empty.setVisible(self.timeline.count() == 0)
        self.company_shown.emit()

    def _load_cases(self, company_id: int) -> None:
        """The company's cases (its people's included: a contact's case is its company's), read
        off the GUI thread, open ones first."""
        def show(found: list) -> None:
            if company_id != self._company_id:
                return  # another company is shown by now
            found = found[:CASES_SHOWN]
            self.cases.set_cases(found)
            self.cases_title.set_count(sum(1 for c in found if c.status in OPEN_STATUSES))
            self.cases_title.setVisible(bool(found))
            self.cases.setVisible(bool(found))
        self.ops.read(list_cases, self.store, company_id=company_id).owned_by(self).success(show).run()

    def _new_case(self) -> None:
        if self._view is not None:
            self.new_case_requested.emit(None, self._view.card.id, self._view.card.name)

    def _fill_people(self, people: list[PersonRow]) -> None:
        for row in self.people_rows:
            self.people_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.people_rows = []
        for person in people:
            row = PersonRowWidget(person, self.people)
            row.clicked.connect(lambda p=person.id: self.contact_requested.emit(p))
            self.people_layout.addWidget(row)
            row.show()
            self.people_rows.append(row)

    # -- what the panel is about ----------------------------------------------------------------
    def _targets(self) -> dict:
        return {"company_id": self._company_id} if self._company_id is not None else {}

    def _about(self) -> str:
        return self.tr("For %1").replace("%1", self._view.card.name) if self._view else ""

    def _people(self) -> list[str]:
        return [p.name for p in self._view.people if p.name] if self._view else []

    # -- actions -------------------------------------------------------------------------------
    def _field_edited(self, editor: QLineEdit) -> None:
        if self._view is None or editor.text() == editor.property("shown"):
            return
        field, value = editor.property("field"), editor.text().strip()
        shown = editor.property("shown")
        changes = {field: split_list(value.replace(" ", ",")) if field == "domains" else value}
        cleared = {field} if not value and field != "name" else set()

        def failed(error: BaseException) -> None:
            editor.setText(shown)
            self.ops.present_error(error)
        editor.setModified(False)
        self.write(update_company, self.store, self._view.card.uuid, cleared=cleared, kinds=(RECORDS, LINKS),
                   failed=failed, **changes)

    def new_contact(self) -> None:
        if self._view is None:
            return
        dialog = ContactDialog(self.store, self.ops, self._view.card.name, self)
        if dialog.exec() == ContactDialog.DialogCode.Accepted:
            self.records_changed.emit()

    def _new_deal(self) -> None:
        if self._company_id is not None:
            self.new_deal_requested.emit("company", self._company_id)
