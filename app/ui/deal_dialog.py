"""The deal editor: one dialog to see and change a deal, and to make a new one.

Open a deal (``DealDialog.edit``) and it shows the deal's title, stage, value and currency,
expected close, contact, company and owner, won/lost with the loss reason, and beside them
its notes, its linked mail and its history (every version, restorable).  ``Save`` sends
only what changed, through :func:`app.crm.deals.update_deal` as a write op.

``DealDialog.new_for(store, ops, contact_email=..., company_name=...)`` is the New Deal
dialog, pre-filled when opened from a contact or a company.  Its currency comes from the
company's or contact's country (domain, phone) or the currency used last, never from a
silent default; with nothing to go on the field stays empty and must be chosen.

Data is loaded with read ops and written with write ops; the dialog never waits.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.crm.currencies import COMMON, normalise_currency
from app.crm.deals import StageRow, normalise_amount
from app.errors import InvalidValue
from app.store.database import Store
from app.ui import deal_ops
from app.ui.deal_card import status_colour
from app.ui.deal_parts import CloseDateEdit, DealTabs, LostReasonDialog, lost_reasons, when_text
from app.ui.history_view import RecordHistoryView
from app.ui.icons import icon
from app.ui.money import format_money
from app.ui.ops import Ops
from app.ui.stage_names import stage_name

OPEN_GREY = "#6b7a8c"  # an open deal's status badge: neutral on light and dark
__all__ = ["DealDialog", "LostReasonDialog"]


class DealDialog(QDialog):
    """View and edit one deal (``edit``), or make a new one (``new_for``)."""

    saved = Signal(str)  # the uuid of the deal made or changed
    message_requested = Signal(int)  # a linked message was opened
    loaded = Signal()

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None, deal_uuid: str | None = None,
                 locale: QLocale | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.deal_uuid = deal_uuid
        self.locale = locale
        self.detail = None
        self.stages: list[StageRow] = []
        self._contacts: dict[str, tuple[str, str, str]] = {}  # label → (name, email, company)
        self._companies: set[str] = set()
        self._status = "open"
        self._currency_touched = False
        self._last_contact = ""
        self._saving = False
        self.is_loaded = False
        self.setWindowTitle(self.tr("Deal") if deal_uuid else self.tr("New Deal"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build()

    # -- making one ------------------------------------------------------------------------------------
    @classmethod
    def edit(cls, store: Store, ops: Ops, deal_uuid: str, parent: QWidget | None = None,
             locale: QLocale | None = None, show: bool = True) -> "DealDialog":
        """The editor for one deal; it fills itself as soon as the deal is read."""
        dialog = cls(store, ops, parent, deal_uuid, locale)
        dialog.reload()
        if show:
            dialog.show()
        return dialog

    @classmethod
    def new_for(cls, store: Store, ops: Ops, parent: QWidget | None = None, contact_email: str = "",
                company_name: str = "", locale: QLocale | None = None, show: bool = True,
                contact_id: int | None = None, company_id: int | None = None) -> "DealDialog":
        """The New Deal dialog, with the contact and/or company filled in when given (by address and
        name, or by their local ids as the Customers view has them)."""
        dialog = cls(store, ops, parent, None, locale)
        dialog.company.setText(company_name)
        dialog._prefill_contact = contact_email.strip().lower()
        dialog._prefill_ids = (contact_id, company_id)
        dialog._load_new(first=True)
        if show:
            dialog.show()
        return dialog

    # -- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        editing = self.deal_uuid is not None
        self._prefill_contact = ""
        self._prefill_ids: tuple[int | None, int | None] = (None, None)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Deal title"))
        if editing:  # the deal's name as the dialog's heading, edited in place
            font = QFont(self.title.font())
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setWeight(QFont.Weight.Bold)
            self.title.setFont(font)
            self.title.setStyleSheet("QLineEdit { background: transparent; border: 1px solid transparent; "
                                     "border-radius: 4px; padding: 2px 4px; }"
                                     "QLineEdit:hover { border-color: palette(mid); }"
                                     "QLineEdit:focus { background: palette(base); border-color: palette(highlight); }")
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        self.meta = QLabel()
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.won_button = QPushButton(icon("won", "#ffffff"), self.tr("Won"))
        self.lost_button = QPushButton(icon("lost", "#ffffff"), self.tr("Lost"))
        self.reopen_button = QPushButton(icon("reopen"), self.tr("Reopen"))
        for button, status in ((self.won_button, "won"), (self.lost_button, "lost")):
            colour = status_colour(status, self.palette()).name()
            button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; border: none; "
                                 f"border-radius: 5px; padding: 6px 16px; font-weight: 600; }}"
                                 f"QPushButton:disabled {{ background: palette(mid); }}")
        self.won_button.clicked.connect(lambda: self.set_status("won"))
        self.lost_button.clicked.connect(lambda: self.set_status("lost"))
        self.reopen_button.clicked.connect(lambda: self.set_status("open"))

        self.stage = QComboBox()
        self.stage.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.stage.currentIndexChanged.connect(self._stage_chosen)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("0"))
        self.amount.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9.,，  ¥￥$€£]*"), self))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(COMMON)
        self.currency.setCurrentIndex(-1)
        self.currency.lineEdit().setPlaceholderText(self.tr("Currency"))
        self.currency.lineEdit().setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z]{0,3}"), self))
        self.currency.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.currency.setMinimumContentsLength(4)
        self.currency.lineEdit().textEdited.connect(self._currency_edited)
        self.currency.activated.connect(lambda _index: self._currency_edited(self.currency.currentText()))
        self.amount_preview = QLabel()
        self.amount_preview.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.amount.textChanged.connect(self._update_preview)
        self.currency.currentTextChanged.connect(self._update_preview)
        self.close_date = CloseDateEdit()
        self.close_date.setSpecialValueText(self.tr("No date"))
        self.clear_date_button = QToolButton()
        self.clear_date_button.setIcon(icon("lost"))
        self.clear_date_button.setToolTip(self.tr("No expected close date"))
        self.clear_date_button.setAutoRaise(True)
        self.clear_date_button.clicked.connect(self.close_date.clear_date)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("Name or email address"))
        self.contact.setClearButtonEnabled(True)
        self.company = QLineEdit()
        self.company.setPlaceholderText(self.tr("Company name"))
        self.company.setClearButtonEnabled(True)
        self.company_hint = QLabel()
        self.company_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.company_hint.hide()
        self.company.textChanged.connect(self._company_typed)
        self.company.editingFinished.connect(self._suggest_currency)
        self.contact.editingFinished.connect(self._contact_chosen)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(self.tr("Who looks after it"))
        self.lost_reason = QComboBox()
        self.lost_reason.setEditable(True)
        self.lost_reason.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lost_reason.addItems(lost_reasons())
        self.lost_reason.setCurrentIndex(-1)
        self.lost_reason.lineEdit().setPlaceholderText(self.tr("Why was it lost?"))
        self._completers()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        if not editing:
            form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Stage"), self.stage)
        value_row = QHBoxLayout()
        value_row.setSpacing(6)
        value_row.addWidget(self.amount, 1)
        value_row.addWidget(self.currency)
        form.addRow(self.tr("Value"), value_row)
        form.addRow("", self.amount_preview)
        date_row = QHBoxLayout()
        date_row.setSpacing(2)
        date_row.addWidget(self.close_date, 1)
        date_row.addWidget(self.clear_date_button)
        form.addRow(self.tr("Expected close"), date_row)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Company"), self.company)
        form.addRow("", self.company_hint)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Loss reason"), self.lost_reason)
        self.form = form

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {status_colour('lost', self.palette()).name()};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not editing:
            self.save_button.setText(self.tr("Add Deal"))
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        if editing:
            layout.addLayout(self._header())
            line = QFrame()
            line.setFixedHeight(1)
            text = self.palette().color(QPalette.ColorRole.WindowText)
            line.setStyleSheet(f"background: rgba({text.red()}, {text.green()}, {text.blue()}, 40);")
            layout.addWidget(line)
            body = QHBoxLayout()
            body.setSpacing(20)
            details = QWidget()
            details.setLayout(form)
            details.setMinimumWidth(380)
            body.addWidget(details, 0)
            self.history_view = RecordHistoryView(self.store, self.ops, "deal", self.locale)
            self.history_view.restore_requested.connect(self.restore_version)
            self.history_view.restored.connect(self._restored)
            self.tabs = DealTabs(self.history_view, self.locale)
            self.tabs.note_written.connect(self.add_note)
            self.tabs.message_requested.connect(self.message_requested)
            # The tabs' parts, named for whoever drives the dialog (tests, accessibility).
            self.notes, self.note_text, self.add_note_button = (self.tabs.notes, self.tabs.note_text,
                                                                self.tabs.add_note_button)
            self.mail, self.history, self.restore_button = (self.tabs.mail, self.history_view.tree,
                                                            self.history_view.restore_button)
            body.addWidget(self.tabs, 1)
            layout.addLayout(body, 1)
            self.resize(900, 580)
        else:
            layout.addLayout(form)
            self.resize(480, 420)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        self._show_status()

    def _header(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.setSpacing(10)
        badge = QLabel()
        badge.setPixmap(icon("deal").pixmap(28, 28))
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.title)
        status_row = QHBoxLayout()
        status_row.setSpacing(8)
        status_row.addWidget(self.status_pill)
        status_row.addWidget(self.meta, 1)
        titles.addLayout(status_row)
        top.addLayout(titles, 1)
        top.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.won_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.lost_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _completers(self) -> None:
        self._contact_model = QStringListModel(self)
        self._company_model = QStringListModel(self)
        self._owner_model = QStringListModel(self)
        for edit, model in ((self.contact, self._contact_model), (self.company, self._company_model),
                            (self.owner, self._owner_model)):
            completer = QCompleter(model, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            edit.setCompleter(completer)
        self.contact.completer().activated.connect(lambda _text: self._contact_chosen())
        self.company.completer().activated.connect(lambda _text: self._suggest_currency())

    # -- loading ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the deal again (after a save, a note, a restore) and show it."""
        self.ops.read(deal_ops.load_editor, self.store, self.deal_uuid).owned_by(self).success(self._fill).run()

    def _load_new(self, first: bool = False) -> None:
        contact_id, company_id = self._prefill_ids
        self.ops.read(deal_ops.load_new_deal, self.store, self._prefill_contact, self.company.text().strip(),
                      contact_id, company_id).owned_by(self).success(lambda data: self._fill_new(data, first)).run()

    def _set_parties(self, parties) -> None:
        self._contacts = {}
        for name, email, company in parties.contacts:
            label = f"{name} <{email}>" if name else email
            self._contacts[label] = (name, email, company)
        self._companies = set(parties.companies)
        self._contact_model.setStringList(list(self._contacts))
        self._company_model.setStringList(parties.companies)
        self._owner_model.setStringList(parties.owners)

    def _set_stages(self, stages: list[StageRow], current: str) -> None:
        self.stages = stages
        self.stage.blockSignals(True)
        self.stage.clear()
        for stage in stages:
            if stage.outcome == "open":
                self.stage.addItem(stage_name(stage.name), stage.uuid)
            else:
                tint = status_colour(stage.outcome, self.palette()).name()
                self.stage.addItem(icon(stage.outcome, tint), stage_name(stage.name), stage.uuid)
        index = max(0, self.stage.findData(current)) if stages else -1
        self.stage.setCurrentIndex(index)
        self.stage.blockSignals(False)

    def _fill_new(self, data: deal_ops.NewDealData, first: bool) -> None:
        if not data.stages and first:  # an empty profile: the pipeline is made first
            self.ops.write(deal_ops.ensure_pipeline, self.store).owned_by(self) \
                .success(lambda _changes: self._load_new()).run()
            return
        self._set_parties(data.parties)
        self._set_stages(data.stages, data.stages[0].uuid if data.stages else "")
        self._prefill_contact = data.contact_email or self._prefill_contact
        if data.company and not self.company.text().strip():
            self.company.setText(data.company)
        if self._prefill_contact:
            label = next((label for label, (_n, email, _c) in self._contacts.items()
                          if email == self._prefill_contact), self._prefill_contact)
            self.contact.setText(label)
            self._last_contact = label
            self.contact.setCursorPosition(0)
            if not self.company.text().strip():
                self.company.setText(self._contacts.get(label, ("", "", ""))[2])
        self._apply_currency(data.currency)  # nothing known: left empty, to be chosen
        self._set_enabled(True)
        self._show_status()
        self.title.setFocus()
        self.is_loaded = True
        self.loaded.emit()

    def _fill(self, data: deal_ops.EditorData) -> None:
        detail = self.detail = data.detail
        self._set_parties(data.parties)
        self._set_stages(detail.stages, detail.stage_uuid)
        self.title.setText(detail.title)
        self.setWindowTitle(self.tr("Deal: {title}").format(title=detail.title))
        self.amount.setText(detail.amount)
        self.currency.setEditText(detail.currency)
        self._currency_touched = True
        self.close_date.set_iso(detail.expected_close)
        contact_label = next((label for label, (_n, email, _c) in self._contacts.items()
                              if email == detail.contact_email), detail.contact_email)
        self.contact.setText(contact_label)
        self._last_contact = contact_label
        self.company.setText(detail.company)
        self.owner.setText(detail.owner)
        for edit in (self.title, self.contact, self.company, self.owner):
            edit.setCursorPosition(0)
        self.lost_reason.setEditText(detail.lost_reason)
        self._status = detail.status
        self.history_view.currency = detail.currency
        self.tabs.show_entries(data.entries)
        self.history_view.load(self.deal_uuid)  # the team's versions when signed in: a network call
        created = when_text(detail.created_at, self.locale, with_time=False)
        changed = when_text(detail.updated_at, self.locale)
        self.meta.setText(self.tr("Added {created} · changed {changed}").format(created=created, changed=changed))
        self._set_enabled(True)
        self._show_status()
        self.is_loaded = True
        self.loaded.emit()

    # -- reacting to edits ------------------------------------------------------------------------------
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.title, self.stage, self.amount, self.currency, self.close_date, self.clear_date_button,
                       self.contact, self.company, self.owner, self.lost_reason, self.save_button,
                       self.won_button, self.lost_button, self.reopen_button):
            widget.setEnabled(enabled)

    def _stage_chosen(self, _index: int) -> None:
        stage = self._current_stage()
        if stage is not None:
            self._status = stage.outcome
        self._show_status()
        if self._status == "lost" and not self.lost_reason.currentText().strip():
            QTimer.singleShot(0, self.lost_reason.setFocus)

    def _current_stage(self) -> StageRow | None:
        uuid = self.stage.currentData()
        return next((s for s in self.stages if s.uuid == uuid), None)

    def set_status(self, status: str) -> None:
        """Won, Lost or Reopen: the deal goes to the stage of that outcome (the one it was in, reopened)."""
        target = None
        if status in ("won", "lost"):
            target = next((s for s in self.stages if s.outcome == status), None)
        else:
            target = self._stage_before_closing()
        if target is not None:
            self.stage.setCurrentIndex(self.stage.findData(target.uuid))
        self._status = status
        self._show_status()
        if status == "lost":
            self.lost_reason.setFocus()

    def _stage_before_closing(self) -> StageRow | None:
        open_stages = [s for s in self.stages if s.outcome == "open"]
        by_name = {s.name: s for s in open_stages}
        for version in (self.detail.history if self.detail else []):
            for change in version.changes:
                if change["field"] == "stage_id" and change["old"] in by_name:
                    return by_name[change["old"]]
        return open_stages[-1] if open_stages else None

    def _show_status(self) -> None:
        status = self._status
        text = {"open": self.tr("Open"), "won": self.tr("Won"), "lost": self.tr("Lost")}[status]
        colour = status_colour(status, self.palette()) if status != "open" else QColor(OPEN_GREY)
        self.status_pill.setText(text)
        self.status_pill.setStyleSheet(f"QLabel#statusPill {{ background: {colour.name()}; color: white; "
                                       f"border-radius: 9px; padding: 2px 10px; font-weight: 600; }}")
        self.won_button.setVisible(status == "open")
        self.lost_button.setVisible(status == "open")
        self.reopen_button.setVisible(status != "open" and self.deal_uuid is not None)
        lost = status == "lost"
        self.form.setRowVisible(self.lost_reason, lost)

    def _currency_edited(self, text: str) -> None:
        self._currency_touched = True
        upper = text.upper()
        if upper != text:
            self.currency.lineEdit().setText(upper)

    def _apply_currency(self, code: str) -> None:
        if code and not self._currency_touched:
            self.currency.setEditText(code)

    def _update_preview(self, *_args) -> None:
        try:
            amount = normalise_amount(self.amount.text())
            currency = normalise_currency(self.currency.currentText())
        except InvalidValue:
            amount, currency = "", ""
        self.amount_preview.setText(format_money(amount, currency, self.locale) if amount else "")
        self.form.setRowVisible(self.amount_preview, bool(amount))

    def _company_typed(self, text: str) -> None:
        name = text.strip()
        known = {c.lower() for c in self._companies}
        unknown = bool(name) and name.lower() not in known and self.is_loaded
        if self.detail is not None and name == self.detail.company:
            unknown = False
        self.company_hint.setText(self.tr("A new company “{name}” will be added.").format(name=name))
        self.company_hint.setVisible(unknown)

    def _contact_chosen(self) -> None:
        """A contact was picked (or typed and left): an empty company becomes theirs."""
        text = self.contact.text().strip()
        if text == self._last_contact:
            return  # only leaving the field: nothing changed
        self._last_contact = text
        picked = self._contacts.get(text)
        if picked is not None and picked[2] and not self.company.text().strip():
            self.company.setText(picked[2])
        self._suggest_currency()

    def _suggest_currency(self) -> None:
        if self._currency_touched or not self.is_loaded:
            return
        try:
            email = self._contact_email()
        except InvalidValue:
            email = ""
        self.ops.read(deal_ops.deals.suggest_currency, self.store, self.company.text().strip(), email) \
            .owned_by(self).success(self._apply_currency).run()

    def _contact_email(self) -> str:
        """The address of the contact typed or chosen ("" for none); InvalidValue if unknown."""
        text = self.contact.text().strip()
        if not text:
            return ""
        if text in self._contacts:
            return self._contacts[text][1]
        if "<" in text and text.endswith(">"):
            return text.rpartition("<")[2][:-1].strip().lower()
        if "@" in text:
            return text.lower()
        named = [email for (name, email, _c) in self._contacts.values() if name.lower() == text.lower()]
        if len(set(named)) == 1:
            return named[0]
        raise InvalidValue(self.tr("No contact is called “{name}”: choose one from the list or type an "
                                   "address.").format(name=text))

    # -- saving ------------------------------------------------------------------------------------------
    def _problem(self, text: str, widget: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.show()
        if widget is not None:
            widget.setFocus()

    def _values(self) -> dict[str, str] | None:
        """What the form says, checked; None (and the problem shown) when something is wrong."""
        title = self.title.text().strip()
        if not title:
            self._problem(self.tr("A deal needs a title."), self.title)
            return None
        try:
            amount = normalise_amount(self.amount.text())
        except InvalidValue:
            self._problem(self.tr("“{text}” is not an amount: use digits, like 12000 or 12,000.50.").format(
                text=self.amount.text()), self.amount)
            return None
        try:
            currency = normalise_currency(self.currency.currentText())
        except InvalidValue:
            self._problem(self.tr("“{text}” is not a currency code: use three letters, like CNY, USD or EUR.")
                          .format(text=self.currency.currentText()), self.currency)
            return None
        if amount and not currency:
            self._problem(self.tr("Choose the currency of the amount."), self.currency)
            return None
        try:
            contact = self._contact_email()
        except InvalidValue as exc:
            self._problem(exc.message, self.contact)
            return None
        if contact and contact not in {email for (_n, email, _c) in self._contacts.values()}:
            self._problem(self.tr("No contact has the address {address}: add the contact first.").format(
                address=contact), self.contact)
            return None
        reason = self.lost_reason.currentText().strip()
        if self._status == "lost" and not reason:
            self._problem(self.tr("Say why the deal was lost."), self.lost_reason)
            return None
        stage = self._current_stage()
        return {"title": title, "stage": stage.uuid if stage else "", "status": self._status, "amount": amount,
                "currency": currency, "expected_close": self.close_date.iso(), "contact": contact,
                "company": self.company.text().strip(), "owner": self.owner.text().strip(),
                "lost_reason": reason if self._status == "lost" else ""}

    def changes(self) -> tuple[dict[str, str], set[str]] | None:
        """The fields that differ from the stored deal, and those the user emptied."""
        values = self._values()
        if values is None or self.detail is None:
            return None
        detail = self.detail
        stored = {"title": detail.title, "stage": detail.stage_uuid, "status": detail.status,
                  "amount": detail.amount, "currency": detail.currency, "expected_close": detail.expected_close,
                  "contact": detail.contact_email, "company": detail.company, "owner": detail.owner,
                  "lost_reason": detail.lost_reason}
        changed = {k: v for k, v in values.items() if v != stored[k]}
        if changed.get("status") and "stage" in changed:
            stage = self._current_stage()
            if stage is not None and stage.outcome == changed["status"]:
                del changed["status"]  # the stage says it
        if "lost_reason" in changed and values["status"] != "lost":
            del changed["lost_reason"]  # reopening or winning drops the reason by itself
        cleared = {k for k, v in changed.items() if v == "" and stored[k]}
        return changed, cleared

    def save(self) -> None:
        if self._saving or not self.is_loaded:
            return
        self.error.hide()
        if self.deal_uuid is None:
            values = self._values()
            if values is None:
                return
            status = values.pop("status")
            stage = self._current_stage()
            values = {k: v for k, v in values.items() if v}
            if stage is None or stage.outcome != status:
                values["status"] = status
            self._write(deal_ops.create_deal, values)
            return
        found = self.changes()
        if found is None:
            return
        changed, cleared = found
        if not changed:
            self.accept()
            return
        self._write(deal_ops.save_deal, self.deal_uuid, changed, cleared)

    def _write(self, fn, *args) -> None:
        self._saving = True
        self.save_button.setEnabled(False)
        self.ops.write(fn, self.store, *args).owned_by(self).success(self._saved).failure(self._failed).run()

    def _saved(self, value) -> None:
        self._saving = False
        self.saved.emit(value if isinstance(value, str) else self.deal_uuid)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.ops.present_error(error)

    # -- notes, mail, history -----------------------------------------------------------------------------
    def add_note(self, body: str) -> None:
        if self.detail is None:
            return

        def added(_changes) -> None:
            self.tabs.note_saved()
            self._refresh_side()

        self.ops.write(deal_ops.add_note, self.store, self.deal_uuid, self.detail.id, body).owned_by(self) \
            .success(added).run()

    def _refresh_side(self) -> None:
        """Notes, mail and history again, the fields as the user left them."""
        def refreshed(data: deal_ops.EditorData) -> None:
            self.detail.history = data.detail.history
            self.tabs.show_entries(data.entries)
            self.history_view.load(self.deal_uuid)

        self.ops.read(deal_ops.load_editor, self.store, self.deal_uuid).owned_by(self).success(refreshed).run()

    def restore_version(self, key: str) -> None:
        """Bring the deal back to the version ``key`` (itself a new version, sent to the team like
        any edit); unsaved edits are asked about."""
        if self.detail is None:
            return
        found = self.changes()
        if found and found[0]:
            version = next((v for v in (self.history_view.shown.versions if self.history_view.shown else [])
                            if v.key == key), None)
            answer = QMessageBox.question(self, self.tr("Restore Version"),
                                          self.tr("Restoring version {number} discards the changes you have not "
                                                  "saved.").format(number=version.number if version else key),
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.error.hide()
        self.history_view.restore(key)

    def _restored(self) -> None:
        self.saved.emit(self.deal_uuid)
        self.reload()
