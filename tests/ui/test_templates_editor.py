"""Templates in the window: created, edited, previewed for a contact and deleted through the dialog's controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.mail.sending.templates import field_names, list_templates, save_template
from app.store.accounts import NewAccount, create_account
from app.ui.ops import Ops
from tests.ui.dialogs import answer_modal, click_box_button, click_message_box, type_text
from tests.ui.waiting import wait_for


def _setup(store):
    from app.crm.customers import ContactInput, add_contact

    create_account(store, NewAccount(
        name="work", email="sales@example.com", display_name="李雷", imap_host="imap.invalid", imap_port=993,
        imap_security="ssl", smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
    add_contact(store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], company="华信贸易", title="经理"))
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna@nordwind.de"]))


def open_dialog(qtbot, store):
    from app.ui.template_editor import TemplatesDialog

    ops = Ops.standalone(store)
    dialog = TemplatesDialog(store, ops, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(dialog) -> list[str]:
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]


def write_template(qtbot, name: str, subject: str, body: str, *, field: str | None = None, bold: str = ""):
    """Answer the next template editor: fill it in with its controls, then click Save."""
    from app.ui.template_editor import TemplateEditor

    done = []

    def fill(editor: TemplateEditor):
        editor.name.setText(name)
        editor.subject.setFocus()
        type_text(editor.subject, subject)
        editor.body.setFocus()
        type_text(editor.body, body)
        if bold:
            text = editor.body.toPlainText()
            cursor = editor.body.textCursor()
            cursor.setPosition(text.index(bold))
            cursor.setPosition(text.index(bold) + len(bold), cursor.MoveMode.KeepAnchor)
            editor.body.setTextCursor(cursor)
            qtbot.mouseClick(editor.format_bar.widgetForAction(editor.format_bar.bold), Qt.MouseButton.LeftButton)
            editor.body.moveCursor(cursor.MoveOperation.End)
        if field:
            entry = next(a for a in editor.fields_menu.actions() if a.data() == "{{ " + field + " }}")
            entry.trigger()  # Insert Field → the entry
        done.append(editor)
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    answer_modal(fill, TemplateEditor)
    return done


def test_new_edit_preview_and_delete_through_the_dialog(qtbot, store):
    _setup(store)
    dialog = open_dialog(qtbot, store)
    wait_for(lambda: dialog.subject.text().startswith("No templates yet"))
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()

    written = write_template(qtbot, "报价单", "{{ company.name }} 报价", "您好，", field="contact.last_name",
                             bold="您好")
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names(dialog) == ["报价单"])
    (template,) = list_templates(store)
    assert template.body == "**您好**，{{ contact.last_name }}"  # the bar wrote the Markdown, the menu the field
    assert written[0].preview.toPlainText().startswith(" Company: Name  报价")  # the live preview marks fields
    assert dialog.current().name == "报价单" and "您好" in dialog.preview.toPlainText()

    # Preview for a contact: filled in, or the missing field named in one sentence
    dialog.contact.setFocus()
    dialog.contact.lineEdit().setText("anna@nordwind.de")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.problem.isVisible())
    assert dialog.problem.text() == ("Anna Schmidt has no value for {{ company.name }}: fill it in on their "
                                     "record first, or change the template.")
    dialog.contact.lineEdit().setText("张伟 <zw@huaxin.cn>")
    qtbot.keyClick(dialog.contact.lineEdit(), Qt.Key.Key_Return)
    wait_for(lambda: dialog.subject.text() == "华信贸易 报价")
    assert dialog.problem.isHidden() and "您好，张" in dialog.preview.toPlainText()
    dialog.contact.lineEdit().setText("nobody@else.cn")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.problem.text().startswith("nobody@else.cn is not one of your contacts"))

    # Edit: renamed in place
    from app.ui.template_editor import TemplateEditor

    def rename(editor: TemplateEditor):
        assert editor.windowTitle() == "Edit Template" and editor.body.toPlainText().startswith("**您好**")
        editor.name.setText("Quotation")
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    answer_modal(rename, TemplateEditor)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names(dialog) == ["Quotation"])
    assert [t.uuid for t in list_templates(store)] == [template.uuid]

    # Delete: asked first; No keeps it, Yes deletes it
    seen = click_message_box(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert seen == ["Delete the template “Quotation”? This cannot be undone."] and names(dialog) == ["Quotation"]
    click_message_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names(dialog) == [])
    assert list_templates(store) == []
    qtbot.mouseClick(dialog.close_buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert dialog.isHidden()


def test_the_editor_names_what_is_wrong_and_keeps_the_text(qtbot, store):
    from app.ui.template_editor import TemplateEditor

    _setup(store)
    save_template(store, "Follow-up", "Hi", "Dear {{ contact.first_name }}")
    dialog = open_dialog(qtbot, store)
    wait_for(lambda: names(dialog) == ["Follow-up"])
    sentences = []

    def try_saving(editor: TemplateEditor):
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)  # no name yet
        sentences.append(editor.error.text())
        editor.name.setText("Follow-up")  # taken
        editor.subject.setText("{{ contact.nickname }}")
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
        qtbot.waitUntil(lambda: editor.error.text() != sentences[-1])
        sentences.append(editor.error.text())
        editor.subject.setText("Hello")
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
        qtbot.waitUntil(lambda: editor.error.text() != sentences[-1])
        sentences.append(editor.error.text())
        assert editor.isVisible() and editor.subject.text() == "Hello"  # nothing lost
        click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Cancel)
    answer_modal(try_saving, TemplateEditor)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert sentences == ["Give the template a name.",
                         "There is no field {{ contact.nickname }}; use Insert Field to choose one that exists.",
                         "There is already a template called Follow-up; choose another name."]
    assert [t.name for t in list_templates(store)] == ["Follow-up"]


def test_insert_field_lists_every_field(qtbot, store):
    from app.ui.template_editor import TemplateEditor

    _setup(store)
    editor = TemplateEditor(store, Ops.standalone(store), None)
    qtbot.addWidget(editor)
    tokens = [a.data() for a in editor.fields_menu.actions() if a.data()]
    assert tokens == ["{{ " + f + " }}" for f in field_names()]
    editor.subject.setFocus()
    editor.show()
    next(a for a in editor.fields_menu.actions() if a.data() == "{{ sender.name }}").trigger()
    assert editor.subject.text() == "{{ sender.name }}"  # where the cursor was last
    assert "Full name\t{{ contact.name }}" in [a.text() for a in editor.fields_menu.actions()]


def test_the_composer_opens_templates_and_its_chooser_follows_changes(qtbot, store):
    from app.ui.composer import Composer
    from app.ui.template_editor import TemplatesDialog

    _setup(store)
    composer = Composer(store)
    qtbot.addWidget(composer)
    composer.show()
    wait_for(lambda: not composer.template_box.isEnabled())  # no templates yet
    qtbot.mouseClick(composer.top_bar.widgetForAction(composer.templates_action), Qt.MouseButton.LeftButton)
    dialog = composer.templates_dialog
    assert isinstance(dialog, TemplatesDialog) and dialog.isVisible()
    write_template(qtbot, "Welcome", "Welcome {{ contact.first_name }}", "Hello!")
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: composer.template_box.count() == 1)  # the chooser heard of it
    assert composer.template_box.itemText(0) == "Welcome" and composer.template_box.isEnabled()
    composer._autosave.stop()
