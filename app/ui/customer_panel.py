"""The panel beside the reader: the 360° view of the person a message is about.

Mail you received shows its sender; mail you sent (Sent, Drafts, or from one of your
addresses anywhere) shows its recipients: the first who is a customer, the others as chips
to pick.  You are never a customer, and neither are teammates (anyone at your own company's
domain): they are shown as what they are, without Create buttons.

For a known contact: details (edited in place), company, open deals, open tasks, and one
timeline of emails, notes, calls, meetings and tasks, newest first, grouped by day, loaded a
page at a time as the panel scrolls.  For someone not yet a contact: who they are, the mail
exchanged with them, and one click to create the contact (name from the header, company from
the domain unless it is free mail).  The line under the header says why the message is, or
is not, linked.

Reads are short indexed queries through ``app.crm`` (a contact with thousands of messages
opens in a few milliseconds); every write is an op on the writer thread, and the panel
refreshes from the window's change events.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crm import linking
from app.crm.cases import OPEN_STATUSES, list_cases
from app.crm.customer_lists import company_names
from app.crm.customer_view import (
    MessageParties,
    PersonView,
    contact_view,
    message_linked_to,
    message_parties,
    person_view,
)
from app.crm.customers import ContactInput, add_company, add_contact, update_contact_record
from app.crm.teammates import us
from app.crm.timeline import PAGE, mail_with, timeline
from app.crm.unknown_senders import ignore_sender
from app.errors import UserFacingError
from app.store.mail_queries import message_by_id
from app.crm.validation import display_phone
from app.services.events import LINKS, RECORDS, SETTINGS
from app.store.correspondence import count_mail_with_person
from app.store.database import Store
from app.ui.avatar import Avatar
from app.ui.case_parts import CaseList
from app.ui.icons import icon
from app.ui.sharing_button import SharingButton
from app.sync.team import Team
from app.ui.ops import Ops
from app.ui.record_panel import RecordPanel, action_button
from app.ui.record_parts import (
    CAPTION,
    GAP,
    SMALL,
    SUBTITLE,
    TITLE,
    Badge,
    Chip,
    DealList,
    FlowLayout,
    SectionTitle,
    TaskList,
    scaled,
    text_label,
)
from app.ui.stage_names import stage_name
from app.ui.timeline_view import ENTRY_ROLE, MESSAGE_ROLE  # noqa: F401  (roles of the timeline's rows)

WIDE = 360  # narrower than this (beside the reader), details start folded and actions are icons
REFRESH_AT_MOST = 500  # a refresh reloads what was scrolled to, up to this many entries


class LinkLabel(QLabel):
    """A line of text that opens something when clicked (the contact's company)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._active = False

    def set_active(self, active: bool, tooltip: str = "") -> None:
        self._active = active
        self.setCursor(Qt.CursorShape.PointingHandCursor if active else Qt.CursorShape.ArrowCursor)
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event) -> None:
        if self._active and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CustomerPanel(RecordPanel):
    record_requested = Signal(str, int)  # open a record in Customers: ("company", id)
    conflicts_requested = Signal()  # the record's conflict mark was clicked: show the Conflicts
    timeline_loaded = Signal()  # the timeline (read off the GUI thread) is on screen
    case_requested = Signal(str)  # a case row was clicked: show it in Cases (its UUID)
    new_case_requested = Signal(object, object, str)  # New Case for (contact id, company id, name)

    def __init__(self, store: Store, parent=None, ops: Ops | None = None):
        self._generation = 0  # of the subject shown: reads for an older one are dropped
        self._us_cache = None  # your addresses and teammates' domains, until settings or accounts change
        super().__init__(store, parent, ops)
        self._subject: tuple | None = None  # what to show again on refresh
        self._view: PersonView | None = None
        self._message_pk: int | None = None
        self._parties: MessageParties | None = None
        self._linked = False  # the message shown is linked to the contact shown
        self._chosen: str | None = None  # the address picked among the message's people
        self._build_header()
        self._build_details()
        self.deals_title = SectionTitle(self.tr("Open deals"))
        self.deals = DealList()
        self.deals.deal_activated.connect(self.deal_requested)
        self.tasks_title = SectionTitle(self.tr("Open tasks"))
        self.tasks = TaskList()
        self.tasks.task_done.connect(self.complete_task)
        self.cases_title = SectionTitle(self.tr("Cases"))
        self.cases = CaseList()
        self.cases.case_activated.connect(self.case_requested)
        self.case_button = action_button(self.tr("Case…"), "inbox", self.tr("Open a service case for this customer"))
        self.case_button.clicked.connect(lambda: self._new_case())
        self.actions_layout.addWidget(self.case_button)
        self.unlink_button = action_button(self.tr("Unlink Message"), "link")
        self.unlink_button.setAutoRaise(True)
        self.unlink_button.setToolTip(self.tr("This message is not about this customer: remove it from the "
                                              "timeline, for good"))
        self.unlink_button.clicked.connect(lambda: self.unlink_message())
        self.deal_link_button = action_button(self.tr("Link to Deal…"), "deal")
        self.deal_link_button.setAutoRaise(True)
        self.deal_link_button.setToolTip(self.tr("Show this message on one of the customer's deals"))
        self.deal_link_button.clicked.connect(lambda: self.link_message_to_deal())
        self.message_actions = QWidget()
        message_row = FlowLayout(self.message_actions)
        message_row.addWidget(self.unlink_button)
        message_row.addWidget(self.deal_link_button)
        self._build_layout()
        self.show_sender(None, None)

    # -- layout ---------------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.parties_caption = text_label("", SMALL, QFont.Weight.DemiBold, wrap=False, secondary=True)
        self.parties_box = QWidget()
        self.parties_layout = FlowLayout(self.parties_box)
        self.parties_group = QButtonGroup(self)
        self.parties_group.setExclusive(True)
        self.chips: list[Chip] = []
        self.avatar = Avatar(46)
        self.name = text_label("", TITLE, QFont.Weight.Bold, selectable=True)
        self.organisation = LinkLabel()
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)
        self.organisation.setWordWrap(True)
        self.organisation.setFont(text_label("", SUBTITLE).font())
        self.organisation.clicked.connect(self._open_company)
        self.address = text_label("", SMALL, secondary=True, selectable=True)
        self.badge = Badge()
        self.write_button = action_button("", "write", self.tr("Write an email"))
        self.write_button.setAutoRaise(True)
        self.write_button.clicked.connect(lambda: self._compose())
        self.link_reason = text_label("", CAPTION, secondary=True)
        self.team_line = text_label("", CAPTION, secondary=True)
        self.team_line.hide()
        # The mark on a record with an open same-field collision: a click opens the Conflicts.
        self.conflict_line = LinkLabel()
        self.conflict_line.setObjectName("conflictMark")
        self.conflict_line.setWordWrap(True)
        self.conflict_line.set_active(True, self.tr("Open the team conflicts"))
        self.conflict_line.clicked.connect(self.conflicts_requested)
        self.conflict_line.hide()
        self.sharing_button = SharingButton()
        self.sharing_button.hide()
        self.sharing_button.chosen.connect(lambda sharing: self._change_sharing(sharing))
        self.sharing_button.give_requested.connect(lambda: self._give_to_colleague())
        self.sharing_button.pool_requested.connect(lambda: self._return_to_pool())
        self.pick_up_button = QPushButton(self.tr("Pick Up"))
        self.pick_up_button.setToolTip(self.tr("Take this customer from the team's pool as your own"))
        self.pick_up_button.clicked.connect(lambda: self._pick_up())
        self.pick_up_button.hide()
        self._shared_record: str | None = None
        self._pooled_record: str | None = None
        self.create_contact_button = QPushButton(icon("contact"), self.tr("Create Contact"))
        self.create_contact_button.setDefault(True)
        self.create_contact_button.clicked.connect(lambda: self.create_contact_from_message())
        self.create_company_button = QPushButton(icon("company"), self.tr("Create Company"))
        self.create_company_button.clicked.connect(lambda: self.create_company_from_message())
        self.ignore_button = QPushButton(self.tr("Ignore Sender"))
        self.ignore_button.setToolTip(self.tr("Leave this address out of Unknown Senders"))
        self.ignore_button.clicked.connect(lambda: self._ignore_sender())

    def _build_details(self) -> None:
        self.details_toggle = QToolButton()
        self.details_toggle.setText(self.tr("Details"))
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setFont(scaled(self.details_toggle.font(), CAPTION, QFont.Weight.Bold))
        self.details_toggle.setToolTip(self.tr("Show or hide the contact's details to edit them"))
        self.details_toggle.clicked.connect(lambda: self._details_toggled(not self._details_open))
        self._details_open = False
        self._details_choice: bool | None = None  # the user's own choice, once made
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(GAP)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.edit_name, self.edit_title, self.edit_phone, self.edit_company = (QLineEdit() for _ in range(4))
        self.company_completer = QCompleter([], self.edit_company)
        self.company_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.company_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit_company.setCompleter(self.company_completer)
        self.edit_company.installEventFilter(self)  # the names are read when the field is entered
        for label, editor, field in ((self.tr("Name"), self.edit_name, "name"),
                                     (self.tr("Title"), self.edit_title, "title"),
                                     (self.tr("Phone"), self.edit_phone, "phone"),
                                     (self.tr("Company"), self.edit_company, "company")):
            editor.setProperty("field", field)
            editor.setPlaceholderText(self.tr("Add…"))
            editor.editingFinished.connect(lambda e=editor: self._field_edited(e))
            form.addRow(text_label(label, SMALL, wrap=False, secondary=True), editor)
        self.emails_label = text_label("", selectable=True)
        form.addRow(text_label(self.tr("Email"), SMALL, wrap=False, secondary=True), self.emails_label)

    def _build_layout(self) -> None:
        body = self.body
        parties = QVBoxLayout()
        parties.setSpacing(4)
        parties.addWidget(self.parties_caption)
        parties.addWidget(self.parties_box)
        self.parties_section = QWidget()
        self.parties_section.setLayout(parties)
        parties.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.parties_section)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name)
        names.addWidget(self.organisation)
        names.addWidget(self.address)
        team_row = QHBoxLayout()
        team_row.setContentsMargins(0, 0, 0, 0)
        team_row.addWidget(self.team_line, 1)
        team_row.addWidget(self.sharing_button, 0, Qt.AlignmentFlag.AlignTop)
        team_row.addWidget(self.pick_up_button, 0, Qt.AlignmentFlag.AlignTop)
        names.addLayout(team_row)
        names.addWidget(self.conflict_line)
        badge_row = QHBoxLayout()
        badge_row.setContentsMargins(0, 4, 0, 0)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        names.addLayout(badge_row)
        header.addLayout(names, 1)
        header.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(header)
        body.addWidget(self.link_reason)
        self.create_box = QWidget()
        create = FlowLayout(self.create_box)
        for button in (self.create_contact_button, self.create_company_button, self.ignore_button):
            create.addWidget(button)
        body.addWidget(self.create_box)
        body.addWidget(self.message_actions)
        body.addWidget(self.details_toggle)
        body.addWidget(self.details)
        self.timeline_empty = text_label("", SMALL, secondary=True)
        for widget in (self.deals_title, self.deals, self.cases_title, self.cases, self.tasks_title, self.tasks,
                       self.actions_bar, self.timeline_title, self.timeline, self.timeline_empty):
            body.addWidget(widget)
        body.addStretch(1)

    # -- what is shown ------------------------------------------------------------------------------
    def show_message(self, message_pk: int | None) -> None:
        """Show the person a message is about: its sender, or for mail you sent its recipients."""
        self.show_sender(None, None, message_pk)

    def show_sender(self, name: str | None, address: str | None, current_message: int | None = None) -> None:
        """Show the customer behind the selected message (None clears the panel).

        For mail you sent, or when ``address`` is yours, the recipients are shown instead.
        """
        self._subject = ("message", name or "", (address or "").lower(), current_message)
        self._chosen = None
        self._render(keep_timeline=False)

    def show_person(self, name: str, address: str) -> None:
        """Show one address, with no message around it."""
        self.show_sender(name, address)

    def show_contact(self, contact_id: int) -> None:
        """Show a contact chosen in a list (it may have no address at all)."""
        self._subject = ("contact", contact_id)
        self._chosen = None
        self._render(keep_timeline=False)

    def has_subject(self) -> bool:
        return self._subject is not None and self._subject != ("message", "", "", None)

    def refresh(self) -> None:
        self._render(keep_timeline=True)

    def _render(self, keep_timeline: bool) -> None:
        """Read what to show on a reader thread, then show it (a few queries: never on the GUI
        thread, which a sync keeps busy)."""
        self._generation += 1  # answers of reads started for what was shown before are dropped
        generation = self._generation
        at_least = min(self.timeline.count(), REFRESH_AT_MOST) if keep_timeline else 0
        if self._subject is None or self._subject == ("message", "", "", None):
            self._message_pk, self._parties, self._view, self._linked = None, None, None, False
            self._fill_parties()
            self._clear()
            return
        self.ops.view_read(read_panel_shown, self.store, self._subject, self._chosen, self._us_cache,
                           at_least).replacing(self).owned_by(self).success(
            lambda read: self._show_read(read, at_least) if generation == self._generation else None).run()

    def _show_read(self, read: "PanelRead", at_least: int) -> None:
        self._us_cache = self._we = read.we
        self._message_pk, self._parties, self._view, self._linked = read.message_pk, read.parties, read.view, read.linked
        self._fill_parties()
        if read.view is None:
            self._clear()
            return
        self._show_view(read.view, at_least, read.extras)
        self._show_cases(read.cases if read.view.kind in ("contact", "unknown") else [])
        self._show_team(read)

    def _show_team(self, read: "PanelRead") -> None:
        """Whose customer this is in the team: the owner and sharing of a shared contact, or, for
        someone who is not a contact here, a colleague's customer found by the duplicate check."""
        self.team_line.hide()
        self.sharing_button.hide()
        self.pick_up_button.hide()
        self.conflict_line.hide()
        self._shared_record = self._pooled_record = None
        if read.team is not None:
            sharing = {"private": self.tr("private"), "read": self.tr("the team can read"),
                       "edit": self.tr("the team can edit")}.get(read.team["sharing"], read.team["sharing"])
            if read.team["pooled"]:
                self.team_line.setText(self.tr("In the team's pool · team %1 · last owner %2")
                                       .replace("%1", read.team["team"]).replace("%2", read.team["owner"]))
                self._pooled_record = read.team["uuid"]
                self.pick_up_button.show()
            elif read.team["pool_requested"]:
                self.team_line.setText(self.tr("Owner: %1 · returning to the team's pool at the next sync")
                                       .replace("%1", read.team["owner"]))
            else:
                self.team_line.setText(self.tr("Owner: %1 · team %2 · %3").replace("%1", read.team["owner"])
                                       .replace("%2", read.team["team"]).replace("%3", sharing))
            self.team_line.show()
            if read.team["conflicts"]:
                self.conflict_line.setText(self.tr("⚠ %n conflict(s) with a colleague · Review…", "",
                                                   read.team["conflicts"]))
                self.conflict_line.show()
            if read.team["can_manage"]:
                self._shared_record = read.team["uuid"]
                self.sharing_button.show_sharing(read.team["sharing"],
                                                 pooled=read.team["pooled"] or read.team["pool_requested"])
                self.sharing_button.show()
        elif read.view.kind == "unknown" and read.view.address:
            address = read.view.address
            self.ops.call(Team(self.store).colleague_customer, address) \
                .success(lambda found, a=address: self._show_colleague(a, found)) \
                .failure(lambda _error: None).owned_by(self).run()

    def _change_sharing(self, sharing: str) -> None:
        if self._shared_record is not None:
            self._ask_the_server(self.sharing_button, Team(self.store).share, self._shared_record, sharing)

    def _give_to_colleague(self) -> None:
        if self._shared_record is None:
            return
        email, ok = QInputDialog.getText(self, self.tr("Give to a Colleague"),
                                         self.tr("The colleague's email address (the team server's sign-in):"))
        if ok and email.strip():
            self._ask_the_server(self.sharing_button, Team(self.store).give, self._shared_record, email)

    def _return_to_pool(self) -> None:
        if self._shared_record is not None:
            self._ask_the_server(self.sharing_button, Team(self.store).return_to_pool, self._shared_record)

    def _pick_up(self) -> None:
        if self._pooled_record is not None:
            self._ask_the_server(self.pick_up_button, Team(self.store).pick_up, self._pooled_record)

    def _ask_the_server(self, control, fn, *args) -> None:
        """A sharing or pool decision is the server's (off the GUI thread); ``control`` waits
        for its answer and the owner line follows it."""
        control.setEnabled(False)

        def done(_facts) -> None:
            control.setEnabled(True)
            self.refresh()

        def failed(error: BaseException) -> None:
            control.setEnabled(True)
            self.ops.present_error(error)
        self.ops.call(fn, *args).success(done).failure(failed).owned_by(self).run()

    def _show_colleague(self, address: str, found: dict | None) -> None:
        if found is None or self._view is None or self._view.address != address:
            return  # nobody's customer, or the panel moved on meanwhile
        self.team_line.setText(self.tr("Already a customer of %1 (team %2)").replace("%1", found["owner"])
                               .replace("%2", found["team"]))
        self.team_line.show()

    def _fill_parties(self) -> None:
        parties = self._parties.parties if self._parties else ()
        shown = self._view.address if self._view else None
        if not parties or (len(parties) == 1 and not self._parties.outgoing):
            self._set_chips(())
            self.parties_section.hide()
            return
        self.parties_caption.setText(self.tr("Recipients") if self._parties.outgoing
                                     else self.tr("People on this message"))
        self._set_chips(parties)
        for chip in self.chips:
            chip.setChecked(chip.property("address") == shown)
        self.parties_section.show()

    def _set_chips(self, parties) -> None:
        """One chip per person (rebuilt only when the people change, not when another is picked)."""
        kinds = {"contact": self.tr("customer"), "unknown": self.tr("not a contact"),
                 "teammate": self.tr("teammate")}
        wanted = [(p.address, p.label, p.kind) for p in parties]
        if wanted == [(c.property("address"), c.text(), c.property("kind")) for c in self.chips]:
            return
        for chip in self.chips:
            self.parties_group.removeButton(chip)
            self.parties_layout.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for party in parties:
            chip = Chip(party.label, f"{party.address} · {kinds[party.kind]}", self.parties_box)
            chip.setProperty("address", party.address)
            chip.setProperty("kind", party.kind)
            chip.setIcon(icon({"contact": "contact", "teammate": "company"}.get(party.kind, "mail")))
            chip.clicked.connect(lambda _checked=False, a=party.address: self._choose(a))
            self.parties_group.addButton(chip)
            self.parties_layout.addWidget(chip)
            chip.show()
            self.chips.append(chip)

    def _choose(self, address: str) -> None:
        self._chosen = address
        self._render(keep_timeline=False)

    def _clear(self) -> None:
        for label in (self.name, self.address, self.organisation, self.link_reason):
            label.clear()
        self.avatar.set_name("")
        for widget in (self.avatar, self.badge, self.write_button, self.create_box, self.details, self.details_toggle,
                       self.deals_title, self.deals, self.cases_title, self.cases, self.tasks_title, self.tasks,
                       self.actions_bar,
                       self.message_actions, self.timeline_title, self.timeline, self.link_reason,
                       self.timeline_empty, self.address, self.organisation, self.team_line, self.sharing_button,
                       self.pick_up_button,
                       self.conflict_line):
            widget.hide()
        self.timeline.show_entries(None)

    def _show_view(self, view: PersonView, at_least: int, extras: "PanelExtras") -> None:
        """Show ``view`` and ``extras`` (why the message is linked, the timeline's first page),
        read with it, in one pass, so the panel is laid out and painted once."""
        kind = view.kind
        for widget in (self.avatar, self.badge, self.link_reason):
            widget.show()
        self.avatar.set_name(view.name or view.address)
        self.name.setText(view.name or view.address)
        self.address.setText(view.address)
        self.address.setVisible(bool(view.address) and view.address != self.name.text())
        self.badge.set_badge({"contact": self.tr("Customer"), "unknown": self.tr("Not a contact yet"),
                              "teammate": self.tr("Teammate"), "self": self.tr("You")}[kind], kind)
        self._show_organisation(view)
        known = kind == "contact"
        external = kind in ("contact", "unknown")
        self.write_button.setVisible(bool(view.address) and kind != "self")
        self.create_box.setVisible(kind == "unknown")
        self.create_contact_button.setVisible(kind == "unknown")
        self.ignore_button.setVisible(kind == "unknown")
        self.create_company_button.setVisible(kind == "unknown" and view.company is None and not view.free_mail
                                              and bool(view.domain))
        self.details_toggle.setVisible(known)
        if known:
            self._show_details()
            self._fill_details(view)
        else:
            self.details.setVisible(False)
        self.deals.set_deals(view.deals if external else [])
        self.tasks.set_tasks(view.tasks if external else [])
        self.deals_title.set_count(len(view.deals) if external else 0)
        self.tasks_title.set_count(len(view.tasks) if external else 0)
        for title, widget in ((self.deals_title, self.deals), (self.tasks_title, self.tasks)):
            title.setVisible(widget.count() > 0)
            widget.setVisible(widget.count() > 0)
        has_record = shows_record(view)
        self.actions_bar.setVisible(has_record)
        on_message = self._message_pk is not None
        linked = known and on_message and self._linked
        self.unlink_button.setVisible(bool(linked))
        self.deal_link_button.setVisible(has_record and on_message and self.deals.count() > 0)
        self.message_actions.setVisible(not self.unlink_button.isHidden() or not self.deal_link_button.isHidden())
        self._show_link_reason(view, extras.reasons)
        self._show_timeline(view, at_least, extras)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit_company and event.type() == QEvent.Type.FocusIn:
            self.company_completer.model().setStringList(company_names(self.store))
        return super().eventFilter(watched, event)

    def _details_toggled(self, on: bool) -> None:
        self._details_choice = on
        self._show_details()

    def _show_details(self) -> None:
        """Open beside the reader only when there is room (or the user opened them)."""
        wanted = self._details_choice if self._details_choice is not None else self.width() >= WIDE
        self._details_open = wanted
        self.details_toggle.setArrowType(Qt.ArrowType.DownArrow if wanted else Qt.ArrowType.RightArrow)
        self.details.setVisible(wanted and self._view is not None and self._view.kind == "contact")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._view is not None and self._view.kind == "contact" and self._details_choice is None:
            self._show_details()

    def _show_organisation(self, view: PersonView) -> None:
        company = view.company
        if view.kind == "self":
            text = self.tr("One of your accounts")
        elif view.kind == "teammate":
            text = self.tr("Colleague at %1").replace("%1", view.domain)
        elif view.kind == "contact":
            parts = [p for p in (view.contact.title, company.name if company else "") if p]
            text = " · ".join(parts)
        elif company is not None:
            text = self.tr("Company: %1").replace("%1", company.name)
        elif view.free_mail:
            text = self.tr("Personal address (%1)").replace("%1", view.domain)
        else:
            text = self.tr("Organisation: %1").replace("%1", view.domain)
        self.organisation.setText(text)
        self.organisation.setVisible(bool(text))
        self.organisation.set_active(company is not None and view.kind in ("contact", "unknown"),
                                     self.tr("Open %1").replace("%1", company.name) if company else "")

    def _fill_details(self, view: PersonView) -> None:
        contact = view.contact
        for editor, value in ((self.edit_name, contact.name), (self.edit_title, contact.title),
                              (self.edit_phone, ", ".join(display_phone(p) for p in contact.phones)),
                              (self.edit_company, contact.company_name)):
            editor.setProperty("shown", value)
            if editor.hasFocus() and editor.isModified():
                continue  # being typed in: a refresh from elsewhere must not take it away
            editor.blockSignals(True)
            editor.setText(value)
            editor.setCursorPosition(0)
            editor.blockSignals(False)
        self.emails_label.setText(", ".join(contact.emails) or "—")

    def _show_link_reason(self, view: PersonView, reasons: list | None) -> None:
        if reasons is None:  # no message, or nobody a message links to (read_panel_shown)
            self.link_reason.clear()
            self.link_reason.hide()
            return
        texts = {"from": self.tr("linked: %1 is the sender"), "to": self.tr("linked: %1 is a recipient"),
                 "cc": self.tr("linked: %1 is in Cc"), "domain": self.tr("linked: %1 is the company's domain"),
                 "contact": self.tr("linked through the contact's company"),
                 "manual": self.tr("linked by hand"), "unlinked": self.tr("unlinked by hand (%1)"),
                 "free-mail": self.tr("%1 is free mail: it says nothing about a company"),
                 "automatic": self.tr("automatic mail (%1): never creates anything")}
        relevant = {r.uuid for r in (view.contact, view.company) if r is not None}
        lines = []
        for reason in reasons:
            if reason.why not in texts:
                continue
            if reason.why == "free-mail":
                if reason.detail != view.domain:
                    continue
            elif reason.why != "automatic" and reason.record_uuid not in relevant:
                continue
            lines.append(texts[reason.why].replace("%1", reason.detail or reason.record_name))
        self.link_reason.setText("\n".join(dict.fromkeys(lines)))
        self.link_reason.setVisible(bool(lines))

    def _show_timeline(self, view: PersonView, at_least: int, extras: "PanelExtras") -> None:
        """The record's timeline (its first page read with the panel, later pages as the list
        is scrolled), or the mail with someone who is no record."""
        self.timeline_title.show()
        self.timeline.show()
        if extras.first_page is not None:
            target = timeline_target(view, self._we)
            self.timeline_title.label.setText(self.tr("Timeline"))
            self.timeline_title.set_count(None)
            fetch = lambda before, limit: timeline(self.store, before=before, limit=limit, **target)  # noqa: E731
            self.timeline_empty.setText(self.tr("Nothing yet: mail, notes, calls, meetings and tasks with this "
                                                "customer appear here."))
            self.timeline.show_entries(fetch, PAGE, at_least, first=extras.first_page)
            self.timeline_empty.setVisible(self.timeline.count() == 0)
            self.timeline_loaded.emit()
            return
        if extras.mail_with is None:  # yourself, or nobody with an address
            self.timeline.show_entries(None)
            for widget in (self.timeline_title, self.timeline, self.timeline_empty):
                widget.hide()
            return
        self._show_mail_with(view, at_least, extras)

    def _show_mail_with(self, view: PersonView, at_least: int, extras: "PanelExtras") -> None:
        """The mail with an address that is no record: its first page read with the panel, the
        rest as the list is scrolled (a colleague's address can have years of mail)."""
        if view.kind == "teammate":
            title = self.tr("Recent mail with %1").replace("%1", view.name)
        elif self._message_pk is not None:
            title = self.tr("Other mail with this person")
        else:
            title = self.tr("Mail with this person")
        self.timeline_title.label.setText(title)
        self.timeline_title.set_count(extras.mail_with_count)
        entries = extras.mail_with
        shown_keys = {entry.message_id for entry in entries if entry.message_id}
        address, message_pk, own = view.address, self._message_pk, self._we.addresses
        fetch = lambda before, limit: mail_with(self.store, address, limit, leave_out=message_pk,  # noqa: E731
                                                own=own, before=before, seen_keys=shown_keys)
        self.timeline.show_entries(fetch, PAGE, at_least, first=entries)
        self.timeline_empty.setText(self.tr("No other mail with this address yet."))
        self.timeline_empty.setVisible(not entries)
        self.timeline_loaded.emit()

    # -- what the panel is about -----------------------------------------------------------------
    def _targets(self) -> dict:
        view = self._view
        if view is not None and view.contact is not None:
            return {"contact_id": view.contact.id}
        if view is not None and view.company is not None:
            return {"company_id": view.company.id}
        return {}

    def _about(self) -> str:
        view = self._view
        if view is None:
            return ""
        if view.contact is None and view.company is not None:
            return self.tr("For %1").replace("%1", view.company.name)
        return self.tr("For %1").replace("%1", view.name)

    def _people(self) -> list[str]:
        view = self._view
        return [view.name] if view is not None and view.kind == "contact" else []

    def _default_attendees(self) -> list[str]:
        return self._people()

    def _show_cases(self, found: list) -> None:
        """The customer's cases, open ones first (the core's order)."""
        self.cases.set_cases(found)
        self.cases_title.set_count(sum(1 for c in found if c.status in OPEN_STATUSES))
        self.cases_title.setVisible(bool(found))
        self.cases.setVisible(bool(found))

    def _new_case(self) -> None:
        view = self._view
        if view is None:
            return
        if view.contact is not None:
            self.new_case_requested.emit(view.contact.id, None, view.name)
        elif view.company is not None:
            self.new_case_requested.emit(None, view.company.id, view.company.name)

    def _open_company(self) -> None:
        if self._view is not None and self._view.company is not None:
            self.record_requested.emit("company", self._view.company.id)

    def _compose(self) -> None:
        view = self._view
        if view is not None and view.address:
            self.compose_requested.emit([f"{view.name} <{view.address}>" if view.name != view.address
                                         else view.address])

    # -- actions ------------------------------------------------------------------------------------
    def create_contact_from_message(self) -> None:
        """A contact from the header; its company from the domain unless it is free mail."""
        view = self._view
        if view is None or view.kind != "unknown":
            return
        company = ""
        if view.company is not None:
            company = view.company.name
        elif not view.free_mail and view.domain:
            company = view.domain
        name = view.name if view.name != view.address else view.address.split("@")[0]
        self.write(add_contact, self.store, ContactInput(name=name, emails=[view.address], company=company),
                   kinds=(RECORDS, LINKS))

    def create_company_from_message(self) -> None:
        view = self._view
        if view is None or view.kind != "unknown" or not view.domain:
            return
        name, ok = QInputDialog.getText(self, self.tr("Create Company"), self.tr("Company name:"),
                                        text=view.domain)
        if ok and name.strip():
            self.write(add_company, self.store, name.strip(), [view.domain], kinds=(RECORDS, LINKS))

    def _ignore_sender(self) -> None:
        if self._view is not None and self._view.kind == "unknown":
            self.write(ignore_sender, self.store, self._view.address, kinds=(RECORDS, SETTINGS))

    def _field_edited(self, editor: QLineEdit) -> None:
        view = self._view
        if view is None or view.contact is None or editor.text() == editor.property("shown"):
            return
        field, value = editor.property("field"), editor.text().strip()
        data = ContactInput()
        if field == "phone":
            data.phones = [p for p in value.replace("，", ",").split(",") if p.strip()]
        else:
            setattr(data, field, value)
        cleared = {"phones" if field == "phone" else field} if not value else set()
        shown = editor.property("shown")

        def failed(error: BaseException) -> None:
            editor.setText(shown)
            self.ops.present_error(error)
        editor.setModified(False)
        self.write(update_contact_record, self.store, view.contact.uuid, data, cleared,
                   kinds=(RECORDS, LINKS), failed=failed)

    def unlink_message(self) -> None:
        """The shown message is not about this contact: unlink it, for good (kept by Message-ID)."""
        view = self._view
        if view is None or view.contact is None or self._message_pk is None:
            return
        self.write(linking.set_override, self.store, self._message_pk, "contact", view.contact.uuid, "unlink",
                   kinds=(LINKS,))

    def link_message_to_deal(self) -> None:
        view = self._view
        if view is None or self._message_pk is None or not view.deals:
            return
        titles = [deal.title if [d.title for d in view.deals].count(deal.title) == 1
                  else f"{deal.title} · {stage_name(deal.stage)}" for deal in view.deals]
        chosen, ok = QInputDialog.getItem(self, self.tr("Link to Deal"), self.tr("Deal:"), titles, 0, False)
        if not ok or chosen not in titles:
            return
        deal = view.deals[titles.index(chosen)]
        self.write(linking.set_override, self.store, self._message_pk, "deal", deal.uuid, "link", kinds=(LINKS,))


class PanelRead(NamedTuple):
    """What the panel shows for a subject, read on a reader thread by :func:`read_panel`."""

    we: object  # your addresses and teammates' domains (app.crm.teammates.us)
    message_pk: int | None
    parties: MessageParties | None
    view: PersonView | None
    linked: bool
    team: dict | None = None  # the contact's owner, team and sharing on the team server
    cases: list = ()  # the customer's cases (app.crm.cases.CaseSummary), open ones first
    extras: "PanelExtras | None" = None  # read with it by read_panel_shown


class PanelExtras(NamedTuple):
    """What the panel shows below a person, read in the same op (one layout, one paint)."""

    reasons: list | None = None  # why the message is linked (app.crm.linking.explain)
    first_page: list | None = None  # the record's timeline, first page
    mail_with: list | None = None  # mail with someone who is no record: its first page
    mail_with_count: int = 0  # and how much of it there is


def timeline_target(view: PersonView, we) -> dict:
    """The timeline query's arguments for a contact (or a company, for someone not a contact)."""
    target = {"contact_id": view.contact.id} if view.contact else {"company_id": view.company.id}
    target["own"] = we.addresses
    return target


def shows_record(view: PersonView) -> bool:
    """A contact, or someone not a contact yet whose company is known: the panel shows that
    record's actions and timeline (else the mail with the address)."""
    return view.kind == "contact" or (view.kind == "unknown" and view.company is not None)


def read_panel_shown(store: Store, subject: tuple, chosen: str | None, we, at_least: int) -> PanelRead:
    """:func:`read_panel` and what is shown below the person: why the message is linked (for a
    message about a contact or an unknown sender), and the record's first timeline page or the
    mail with the address (none for yourself or someone without an address)."""
    read = read_panel(store, subject, chosen, we)
    view = read.view
    if view is None:
        return read
    reasons = (linking.explain(store, read.message_pk)
               if read.message_pk is not None and view.kind in ("contact", "unknown") else None)
    if shows_record(view):
        first = timeline(store, before=None, limit=max(PAGE, at_least), **timeline_target(view, read.we))
        return read._replace(extras=PanelExtras(reasons, first_page=first))
    if view.kind == "self" or not view.address:
        return read._replace(extras=PanelExtras(reasons))
    entries = mail_with(store, view.address, max(PAGE, at_least), leave_out=read.message_pk, own=read.we.addresses)
    count = count_mail_with_person(store, view.address, leave_out=read.message_pk)
    return read._replace(extras=PanelExtras(reasons, mail_with=entries, mail_with_count=count))


def read_panel(store: Store, subject: tuple, chosen: str | None, we) -> PanelRead:
    """The person (or contact) to show for ``subject`` and the people of its message.

    For mail you sent, or an address of yours, the recipient chosen (or the first) is shown."""
    we = we if we is not None else us(store)
    message_pk, parties, view = None, None, None
    if subject[0] == "contact":
        view = contact_view(store, subject[1])
    else:
        _kind, name, address, message_pk = subject
        if message_pk is not None and not address:
            try:
                sender = message_by_id(store, message_pk)
                name, address = sender.from_name, (sender.from_addr or "").lower()
            except UserFacingError:
                pass  # removed on the server meanwhile: the panel shows what the message's people give
        if message_pk is not None:
            parties = message_parties(store, message_pk, we)
            party = _pick_party(parties, chosen, address, we)
            if party is not None:
                name, address = party.name, party.address
            elif we.is_own(address) or not address:
                address = address if we.is_own(address) else ""
        if address:
            view = person_view(store, name, address, we)
    linked = bool(view is not None and view.kind == "contact" and message_pk is not None
                  and message_linked_to(store, message_pk, view.contact.id))
    team = Team(store).record_facts(view.contact.uuid) if view is not None and view.contact else None
    return PanelRead(we, message_pk, parties, view, linked, team, customer_cases(store, view))


CASES_SHOWN = 10


def customer_cases(store: Store, view: PersonView | None) -> list:
    """A contact's cases and its company's (or a company's, for someone not a contact yet)."""
    if view is None or view.kind not in ("contact", "unknown"):
        return []
    contact_id = view.contact.id if view.contact else None
    company_id = view.company.id if view.company else None
    if contact_id is None and company_id is None:
        return []
    return list_cases(store, contact_id=contact_id, company_id=company_id)[:CASES_SHOWN]


def _pick_party(found: MessageParties | None, chosen: str | None, address: str, we):
    parties = found.parties if found else ()
    if not parties:
        return None
    wanted = chosen
    if wanted is None and address and not found.outgoing and not we.is_us(address):
        wanted = address
    for party in parties:
        if party.address == wanted:
            return party
    return parties[found.primary or 0]
