"""New Contact and Merge With…: dialogs that write through ops and stay open on a problem.

New Contact asks for what a salesperson has at hand (name, addresses, phones, company with
completion, title); the contact is created as an op, the dialog closes when it is saved, and
a problem (an address that belongs to someone else, a phone number that is not one) is shown
by the window's error presenter with the dialog still open to fix it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.crm.customer_lists import company_names, contact_rows
from app.crm.customers import ContactInput, add_contact
from app.crm.duplicates import merge_contacts
from app.services.events import LINKS, RECORDS
from app.store.database import Store
from app.ui.avatar import avatar_pixmap
from app.ui.ops import Ops
from app.ui.record_parts import record_write, text_label

CONTACT_ROLE = Qt.ItemDataRole.UserRole


def split_list(text: str) -> list[str]:
    """Addresses or phone numbers typed in one field, separated by commas, semicolons or spaces
    between addresses ("a@x.cn, b@y.cn", "a@x.cn；b@y.cn")."""
    for mark in ("；", "，", "、", ";", "\n"):
        text = text.replace(mark, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class ContactDialog(QDialog):
    """New Contact: name, emails, phones, company (completed), title."""

    def __init__(self, store: Store, ops: Ops, company: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.created_uuid: str | None = None
        self.setObjectName("contact-dialog")
        self.setWindowTitle(self.tr("New Contact"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("张伟 or Anna Schmidt"))
        self.emails = QLineEdit()
        self.emails.setPlaceholderText(self.tr("name@company.com; several separated by commas"))
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(self.tr("+86 138 1234 5678"))
        self.company = QLineEdit(company)
        completer = QCompleter(company_names(store), self.company)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.company.setCompleter(completer)
        self.company.setPlaceholderText(self.tr("A company you have, or a new one"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Purchasing manager"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Email"), self.emails)
        form.addRow(self.tr("Phone"), self.phones)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Title"), self.title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in (self.name, self.emails):
            field.textChanged.connect(lambda _t: self._check())
        self._check()
        self.resize(460, 0)

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _check(self) -> None:
        self.save_button.setEnabled(bool(self.name.text().strip() or self.emails.text().strip()))

    def contact_input(self) -> ContactInput:
        emails = split_list(self.emails.text().replace(" ", ","))
        name = self.name.text().strip() or (emails[0].split("@")[0] if emails else "")
        return ContactInput(name=name, emails=emails, phones=split_list(self.phones.text()),
                            company=self.company.text().strip(), title=self.title.text().strip())

    def save(self) -> None:
        self.save_button.setEnabled(False)

        def saved(uuid: str) -> None:
            self.created_uuid = uuid
            self.accept()

        def failed(error: BaseException) -> None:
            self._check()
            self.ops.present_error(error)
        record_write(self.ops, add_contact, self.store, self.contact_input(), kinds=(RECORDS, LINKS)) \
            .success(saved).failure(failed).owned_by(self).run()


class MergeDialog(QDialog):
    """Merge With…: pick the other contact; everything of it moves into the one kept."""

    def __init__(self, store: Store, ops: Ops, contact_id: int, contact_uuid: str, name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.contact_id, self.contact_uuid, self.contact_name = contact_id, contact_uuid, name
        self.setObjectName("merge-dialog")
        self.setWindowTitle(self.tr("Merge Contacts"))
        about = text_label(self.tr("Choose the contact that is the same person as %1. Its addresses, phones, "
                                   "notes, calls, tasks, deals and mail move to the contact kept; nothing "
                                   "is lost.").replace("%1", name))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, address or company"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._fill())
        self.candidates = QListWidget()
        self.candidates.setIconSize(avatar_pixmap("x", 24).size())
        self.candidates.itemSelectionChanged.connect(self._check)
        self.candidates.itemDoubleClicked.connect(lambda _item: self.merge())
        self.keep_other = QCheckBox(self.tr("Keep the other contact's details where both have one"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(lambda: self.merge())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.filter)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.keep_other)
        layout.addWidget(self.buttons)
        self._fill()
        self.resize(480, 420)

    def _fill(self) -> None:
        self.candidates.clear()
        for row in contact_rows(self.store, self.filter.text(), 200):
            if row.id == self.contact_id:
                continue
            detail = " · ".join(p for p in (row.email, row.company) if p)
            item = QListWidgetItem(avatar_pixmap(row.name or row.email, 24), f"{row.name}\n{detail}".strip())
            item.setData(CONTACT_ROLE, row.id)
            self.candidates.addItem(item)
        self._check()

    def _check(self) -> None:
        self.merge_button.setEnabled(bool(self.candidates.selectedItems()))

    def choose(self, contact_id: int) -> bool:
        for row in range(self.candidates.count()):
            if self.candidates.item(row).data(CONTACT_ROLE) == contact_id:
                self.candidates.setCurrentRow(row)
                return True
        return False

    def merge(self) -> None:
        items = self.candidates.selectedItems()
        if not items:
            return
        from app.crm.customer_view import contact_view

        other = contact_view(self.store, items[0].data(CONTACT_ROLE))
        if other is None or other.contact is None:
            return
        keep, merged = self.contact_uuid, other.contact.uuid
        if self.keep_other.isChecked():
            keep, merged = merged, keep
        self.merge_button.setEnabled(False)

        def failed(error: BaseException) -> None:
            self._check()
            self.ops.present_error(error)
        record_write(self.ops, merge_contacts, self.store, keep, [merged], kinds=(RECORDS, LINKS)) \
            .success(lambda _v: self.accept()).failure(failed).owned_by(self).run()
