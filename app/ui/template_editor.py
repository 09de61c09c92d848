"""Templates in the window: a list to create, edit, delete and preview them for a contact.

``TemplatesDialog(store, ops, parent)`` lists the templates.  New and Edit open
:class:`TemplateEditor` (name, subject, the Markdown text with the composer's formatting bar,
an Insert Field menu with every merge field, and a live preview).  Preview for a contact
fills the fields from that contact's record (:func:`fill_for_contact`, the mail merge's own
filling) and names a field it has no value for in one sentence.

Every write is an op on the writer thread returning ``TEMPLATES``; the dialog, the
composer's template chooser and anything else listening refresh from that change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from types import SimpleNamespace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, QStringListModel, Qt
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
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.local_folders import has_server
from app.crm.address_book import completions
from app.errors import UserFacingError
from app.mail.sending.markdown_html import PreviewRenderer
from app.mail.sending.outgoing import parse_recipients
from app.mail.sending.templates import (FIELDS, TemplateNameTaken, UnknownFields, delete_template, field_token,
                                        get_template, list_templates, render, save_template)
from app.services import events as ev
from app.store.accounts import list_accounts
from app.store.database import Store
from app.ui.icons import icon
from app.ui.mail_preview import HairLine, MailPreview
from app.ui.markdown_toolbar import MarkdownToolbar
from app.ui.ops import OpResult, Ops

# What the Insert Field menu calls each field (the token itself is shown beside it).
_GROUP_LABELS = {
    "contact": QT_TRANSLATE_NOOP("Templates", "Contact"),
    "company": QT_TRANSLATE_NOOP("Templates", "Company"),
    "deal": QT_TRANSLATE_NOOP("Templates", "Deal"),
    "sender": QT_TRANSLATE_NOOP("Templates", "You (the sender)"),
}
_FIELD_LABELS = {
    ("contact", "name"): QT_TRANSLATE_NOOP("Templates", "Full name"),
    ("contact", "first_name"): QT_TRANSLATE_NOOP("Templates", "First name"),
    ("contact", "last_name"): QT_TRANSLATE_NOOP("Templates", "Last name"),
    ("contact", "title"): QT_TRANSLATE_NOOP("Templates", "Job title"),
    ("contact", "email"): QT_TRANSLATE_NOOP("Templates", "E-mail address"),
    ("contact", "phone"): QT_TRANSLATE_NOOP("Templates", "Phone"),
    ("company", "name"): QT_TRANSLATE_NOOP("Templates", "Name"),
    ("company", "industry"): QT_TRANSLATE_NOOP("Templates", "Industry"),
    ("deal", "title"): QT_TRANSLATE_NOOP("Templates", "Title"),
    ("deal", "amount"): QT_TRANSLATE_NOOP("Templates", "Amount"),
    ("deal", "currency"): QT_TRANSLATE_NOOP("Templates", "Currency"),
    ("deal", "stage"): QT_TRANSLATE_NOOP("Templates", "Stage"),
    ("deal", "expected_close"): QT_TRANSLATE_NOOP("Templates", "Expected close date"),
    ("sender", "name"): QT_TRANSLATE_NOOP("Templates", "Name"),
    ("sender", "email"): QT_TRANSLATE_NOOP("Templates", "E-mail address"),
}


# Written out as translate("Context", "text") at every call: pyside6-lupdate finds only that
# spelling, so a helper such as _t("text") would hide its strings from the translation.
translate = QCoreApplication.translate


def field_label(group: str, name: str) -> str:
    """A field's name for people ("First name"), shown under its group's heading."""
    return translate("Templates", _FIELD_LABELS.get((group, name), name))


@dataclass
class Filled:
    """A template filled in for one contact."""

    subject: str
    body: str
    missing: list[str] = field(default_factory=list)  # "contact.first_name", …
    contact_name: str = ""
    problem: str = ""  # "", "missing", "not-a-contact", "no-template"


def fill_for_contact(store: Store, template_name: str, email: str, account) -> Filled:
    """The template with the contact's values in it (a read: run it as a read op).

    The same filling as a mail merge (:func:`app.crm.mail_merge.context_for_contact` and
    :func:`app.mail.sending.templates.render`); fields without a value stay as written and
    are listed in ``missing``.
    """
    from app.crm.mail_merge import context_for_contact

    try:
        template = get_template(store, template_name)
    except UserFacingError:
        return Filled("", "", problem="no-template")
    sender = account or SimpleNamespace(display_name="", email="")
    try:
        context = context_for_contact(store, email, sender)
    except UserFacingError:
        return Filled(template.subject, template.body, problem="not-a-contact")
    rendered = render(template.subject, template.body, context)
    return Filled(rendered.subject, rendered.body, rendered.missing, context["contact"]["name"] or email,
                  "missing" if rendered.missing else "")


def missing_sentence(filled: Filled, address: str) -> str:
    """Why a template cannot be used for this recipient, in one sentence ("" when it can)."""
    if filled.problem == "not-a-contact":
        return translate("Templates", "%1 is not one of your contacts; a template is filled in from a contact's record.").replace(
            "%1", address)
    if filled.problem == "no-template":
        return translate("Templates", "That template no longer exists.")
    if filled.problem == "missing":
        fields = ", ".join(field_token(name) for name in filled.missing)
        return translate("Templates", "%1 has no value for %2: fill it in on their record first, or change the template.").replace(
            "%1", filled.contact_name or address).replace("%2", fields)
    return ""


_TOKEN = re.compile(r"\{\{\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*\}\}")


def _mark_fields(html: str) -> str:
    """Fields in rendered HTML shown as marked names ("First name"), as the preview shows them."""
    def mark(match: re.Match) -> str:
        group, name = match.group(1), match.group(2)
        if name not in FIELDS.get(group, ()):
            return match.group(0)
        label = escape(translate("Templates", _GROUP_LABELS[group]) + ": " + field_label(group, name))
        return f"<span style='background:#e3ecfa;color:#1a4f9c'>&nbsp;{label}&nbsp;</span>"
    return _TOKEN.sub(mark, html)


def template_rows(store: Store) -> list[SimpleNamespace]:
    """The templates as plain values (safe to hand from a reader thread to the GUI)."""
    return [SimpleNamespace(uuid=t.uuid, name=t.name, subject=t.subject, body=t.body) for t in list_templates(store)]


def field_menu(parent: QWidget, insert) -> QMenu:
    """Every merge field, grouped, each inserting its ``{{ token }}`` through ``insert(token)``."""
    menu = QMenu(parent)
    for group, names in FIELDS.items():
        menu.addSection(translate("Templates", _GROUP_LABELS[group]))
        for name in names:
            token = field_token(f"{group}.{name}")
            action = menu.addAction(f"{field_label(group, name)}\t{token}")
            action.setData(token)
            action.triggered.connect(lambda _checked=False, t=token: insert(t))
    return menu


class TemplateEditor(QDialog):
    """One template: name, subject, Markdown text with the formatting bar, live preview."""

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None, template=None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.uuid = template.uuid if template is not None else None
        self.setWindowTitle(self.tr("Edit Template") if template is not None else self.tr("New Template"))
        self.resize(980, 640)
        self.name = QLineEdit(template.name if template is not None else "")
        self.name.setPlaceholderText(self.tr("e.g. Quotation follow-up"))
        self.subject = QLineEdit(template.subject if template is not None else "")
        self.subject.setPlaceholderText(self.tr("Subject; fields such as {{ company.name }} are filled in"))
        self.body = QPlainTextEdit()
        self.body.setPlainText(template.body if template is not None else "")
        self.body.setPlaceholderText(self.tr("Dear {{ contact.first_name }}, …"))
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.document().setDocumentMargin(12)
        font = self.body.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.body.setFont(font)
        self.preview = MailPreview()
        self._renderer = PreviewRenderer()
        self.format_bar = MarkdownToolbar(self.body, self)
        self.field_button = QToolButton()
        self.field_button.setText(self.tr("Insert Field"))
        self.field_button.setToolTip(self.tr("Put a field that is filled in for each recipient at the cursor"))
        self.field_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.field_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.fields_menu = field_menu(self, self.insert_field)
        self.field_button.setMenu(self.fields_menu)
        self.format_bar.addSeparator()
        self.format_bar.addWidget(self.field_button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("templateError")
        self.error.hide()
        self._last_text_field: QWidget = self.body
        self.subject.installEventFilter(self)
        self.body.installEventFilter(self)
        self.body.textChanged.connect(self.update_preview)
        self.subject.textChanged.connect(self.update_preview)

        form = QFormLayout()
        form.setContentsMargins(12, 12, 12, 6)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Subject"), self.subject)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(self.body)
        split.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addLayout(form)
        layout.addWidget(HairLine())
        layout.addWidget(self.format_bar)
        layout.addWidget(HairLine())
        layout.addWidget(split, 1)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(12, 6, 12, 0)
        bottom.addWidget(self.error)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.update_preview()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_text_field = watched
        return super().eventFilter(watched, event)

    def insert_field(self, token: str) -> None:
        """Put ``{{ group.field }}`` where the cursor was last (subject or text)."""
        target = self._last_text_field
        if target is self.subject:
            self.subject.insert(token)
        else:
            self.body.textCursor().insertText(token)
        target.setFocus()

    def update_preview(self) -> None:
        """The text as it will look, each field marked where a recipient's value goes."""
        subject = _mark_fields(escape(self.subject.text()))
        html = _mark_fields(self._renderer.render(self.body.toPlainText()))
        self.preview.setHtml(f"<p style='font-size:15px;font-weight:600'>{subject}</p>{html}")

    def save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self._show_error(self.tr("Give the template a name."))
            self.name.setFocus()
            return
        store, subject, body, uuid = self.store, self.subject.text(), self.body.toPlainText(), self.uuid

        def write() -> OpResult:
            saved = save_template(store, name, subject, body, uuid=uuid, replace=False)
            return OpResult(saved, ev.ChangeSet.of(ev.TEMPLATES))
        self.buttons.setEnabled(False)
        self.ops.write(write).owned_by(self).success(self._saved).failure(self._failed).run()

    def _saved(self, uuid: str) -> None:
        self.uuid = uuid
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, UnknownFields):
            self._show_error(self.tr("There is no field %1; use Insert Field to choose one that exists.").replace(
                "%1", ", ".join(field_token(f) for f in error.fields)))
        elif isinstance(error, TemplateNameTaken):
            self._show_error(self.tr("There is already a template called %1; choose another name.").replace(
                "%1", error.name))
            self.name.setFocus()
        else:
            self.ops.present_error(error)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class TemplatesDialog(QDialog):
    """The list of templates, with New, Edit, Delete and a preview for a chosen contact."""

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops
        self.setWindowTitle(self.tr("Templates"))
        self.resize(900, 560)
        self._templates: dict[str, object] = {}  # uuid → template row
        self.list = QListWidget()
        self.list.setMinimumWidth(220)
        self.list.setIconSize(QSize(18, 18))
        self.list.setSpacing(1)
        self.list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_template())
        self.new_button = QPushButton(icon("add"), self.tr("New…"))
        self.edit_button = QPushButton(icon("write"), self.tr("Edit…"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.new_button.clicked.connect(lambda _checked=False: self.new_template())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_template())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_template())
        self.contact = QComboBox()
        self.contact.setEditable(True)
        self.contact.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.contact.lineEdit().setPlaceholderText(self.tr("Choose a contact to see it filled in"))
        self._contacts = QStringListModel(self)
        completer = QCompleter(self._contacts, self.contact)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.contact.setCompleter(completer)
        self.contact.setModel(self._contacts)
        self.contact.setCurrentIndex(-1)
        self.contact.activated.connect(lambda _index: self.preview_for_contact())
        self.contact.lineEdit().returnPressed.connect(self.preview_for_contact)
        self.preview_button = QPushButton(icon("preview"), self.tr("Preview"))
        self.preview_button.clicked.connect(lambda _checked=False: self.preview_for_contact())
        for button in (self.new_button, self.edit_button, self.delete_button, self.preview_button):
            button.setAutoDefault(False)  # Return in the contact field previews; it never opens New
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.subject.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.subject.setFont(font)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("templateProblem")
        self.problem.hide()
        self.preview = MailPreview()
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self._renderer = PreviewRenderer()
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self._build_layout()
        self.ops.events.changed.connect(self._app_changed)
        self.ops.read(completions, store).owned_by(self).success(self._contacts_loaded).run()
        self.reload()

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        left.addLayout(row)
        left_widget = QWidget()
        left_widget.setLayout(left)
        right = QVBoxLayout()
        for_row = QHBoxLayout()
        for_row.addWidget(QLabel(self.tr("Preview for")))
        for_row.addWidget(self.contact, 1)
        for_row.addWidget(self.preview_button)
        right.addLayout(for_row)
        right.addWidget(self.problem)
        right.addWidget(self.subject)
        right.addWidget(self.preview, 1)
        right_widget = QWidget()
        right_widget.setLayout(right)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(left_widget)
        split.addWidget(right_widget)
        split.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.close_buttons)
        self.setStyleSheet("QLabel#templateProblem { background: palette(alternate-base); padding: 6px 8px;"
                           " border-left: 3px solid palette(highlight); }")

    # -- the list ----------------------------------------------------------------------------------
    def reload(self, select_uuid: str | None = None) -> None:
        self.ops.read(template_rows, self.store).owned_by(self).success(
            lambda templates: self._loaded(templates, select_uuid)).run()

    def _loaded(self, templates: list, select_uuid: str | None = None) -> None:
        current = select_uuid or self.current_uuid()
        self._templates = {t.uuid: t for t in templates}
        self.list.blockSignals(True)
        self.list.clear()
        for template in templates:
            item = QListWidgetItem(icon("template"), template.name)
            item.setData(Qt.ItemDataRole.UserRole, template.uuid)
            item.setToolTip(template.subject)
            self.list.addItem(item)
        self.list.blockSignals(False)
        uuids = [t.uuid for t in templates]
        if uuids:
            self.list.setCurrentRow(uuids.index(current) if current in uuids else 0)
        self._selection_changed()

    def _contacts_loaded(self, entries: list[str]) -> None:
        text = self.contact.currentText()
        self._contacts.setStringList(entries)
        self.contact.setCurrentIndex(-1)
        self.contact.setEditText(text)

    def _app_changed(self, changes: ev.ChangeSet) -> None:
        if changes.touches(ev.TEMPLATES):
            self.reload()

    def current_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current(self):
        return self._templates.get(self.current_uuid())

    def _selection_changed(self) -> None:
        template = self.current()
        self.edit_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None)
        self.preview_button.setEnabled(template is not None)
        self.problem.hide()
        if template is None:
            self.subject.setText(self.tr("No templates yet. New… makes one: a subject and a text with fields "
                                         "such as the contact's first name, filled in for each recipient."))
            self.preview.clear()
            return
        if self.contact.currentText().strip():
            self.preview_for_contact()
            return
        self._show(template.subject, template.body)

    def _show(self, subject: str, body: str) -> None:
        self.subject.setText(subject or self.tr("(no subject)"))
        self.preview.setHtml(self._renderer.render(body))

    # -- actions -----------------------------------------------------------------------------------
    def new_template(self) -> TemplateEditor:
        return self._open_editor(None)

    def edit_template(self) -> TemplateEditor | None:
        template = self.current()
        return self._open_editor(template) if template is not None else None

    def _open_editor(self, template) -> TemplateEditor:
        editor = TemplateEditor(self.store, self.ops, self, template)
        self.editor = editor
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.reload(select_uuid=editor.uuid)  # the new or renamed template, selected
        return editor

    def delete_template(self) -> None:
        template = self.current()
        if template is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete Template"),
            self.tr("Delete the template “%1”? This cannot be undone.").replace("%1", template.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        store, uuid = self.store, template.uuid

        def write() -> ev.ChangeSet:
            delete_template(store, uuid)
            return ev.ChangeSet.of(ev.TEMPLATES)
        self.ops.write(write).owned_by(self).run()

    def preview_for_contact(self) -> None:
        template = self.current()
        text = self.contact.currentText().strip()
        if template is None:
            return
        if not text:
            self._show(template.subject, template.body)
            return
        try:
            people = parse_recipients(text)
        except UserFacingError:
            people = []
        if not people:
            self._say(self.tr("“%1” is not an e-mail address; choose a contact from the list.").replace("%1", text))
            return
        address = people[0][1]
        accounts = list_accounts(self.store)
        account = next((a for a in accounts if has_server(a)), accounts[0] if accounts else None)
        self.ops.read(fill_for_contact, self.store, template.name, address, account).owned_by(self).success(
            lambda filled: self._filled(filled, address)).run()

    def _filled(self, filled: Filled, address: str) -> None:
        sentence = missing_sentence(filled, address)
        self._show(filled.subject, filled.body)
        if sentence:
            self._say(sentence)
        else:
            self.problem.hide()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
