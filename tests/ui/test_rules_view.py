"""The Rules tab, used as a person would: New Rule… through the editor, the rule in words, Test
against stored mail (a hit double-clicked opens the message), Save refused in one sentence,
the enabled box, Move Up/Down, Delete (asked first), Import…/Export… of JSON files, the run
log after the rules ran, and a rule's notification shown by the window."""

from __future__ import annotations

import json
import time
from email.utils import formatdate

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QStyle, QStyleOptionViewItem

from app.automation import rule_book
from app.automation.rule_format import ACTION_KEYS, check_rule
from app.ui.message_list_model import Roles
from app.ui.rule_sentences import describe
from tests.support.mail_store import MailStore, mail
from tests.ui.clicking import Clicker
from tests.ui.customer_support import english_plurals  # noqa: F401  (fixture)
from tests.ui.dialogs import click_box_button, click_message_box, type_text
from tests.ui.waiting import settle, wait_for, wait_idle

pytestmark = pytest.mark.usefixtures("english_plurals")


def seed_mail(store) -> MailStore:
    mails = MailStore(store)
    mails.add(*[mail("li@acme.com", "sales@example.com", f"投诉 order {i}", day=i + 1) for i in range(5)],
              *[mail("bo@globex.com", "sales@example.com", f"Hello {i}", day=10) for i in range(7)])
    return mails


def arriving_now(raw: bytes) -> bytes:
    """A message dated now (rules act only on what happens after they were enabled)."""
    head, _, body = raw.partition(b"\n\n")
    lines = [line for line in head.split(b"\n") if not line.startswith(b"Date:")]
    return b"\n".join([*lines, f"Date: {formatdate(time.time())}".encode()]) + b"\n\n" + body


def names_in(view) -> list[str]:
    return [view.list.item(row).text() for row in range(view.list.count())]


def click_item(qtbot, view, name: str) -> None:
    item = view.list.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=view.list.visualItemRect(item).center())
    assert view.current_name() == name


def click_check_box(qtbot, view, name: str) -> None:
    """A real click on the item's check box (where the style draws it)."""
    item = view.list.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    option = QStyleOptionViewItem()
    option.initFrom(view.list)
    option.rect = view.list.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.list.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view.list)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def double_click(qtbot, widget, pos: QPoint) -> None:
    """A click, then the second press (QTest's double-click sends only that one)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def open_rules(qtbot, window):
    window.window_actions.go_rules.trigger()  # Go → Rules
    view = window.rules_view
    assert window.sections.currentWidget() is view
    wait_for(lambda: view.loaded, what="the rules")
    return view


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_make_test_save_and_arrange_rules(qtbot, store, open_window, tmp_path, monkeypatch):
    seed_mail(store)
    window, _service = open_window(start=False)
    window.resize(1280, 800)
    window.show()
    view = open_rules(qtbot, window)
    assert names_in(view) == []
    assert "No rules yet" in view.sentence.text()

    # New Rule…: a complaint becomes a case.
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    assert editor.isVisible() and editor.windowTitle() == "New Rule"
    wait_idle(view.ops)
    qtbot.keyClicks(editor.name, "Complaints")
    row = editor.condition_rows[0]
    assert row.field.currentData() == "subject" and row.op.currentData() == "contains"
    row.value.setFocus()
    type_text(row.value, "投诉")
    choose(editor.action_rows[0].form.fields["priority"], "high")
    sentence = ("When a message arrives in Inbox, if the subject contains “投诉”, create a case, priority high, "
                "assigned to me.")
    assert editor.preview.text() == sentence

    # Test: what it would have matched among the stored mail.
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: editor.test_result.text().startswith("Would have matched"), what="the trial")
    assert editor.test_result.text() == "Would have matched 5 of 12 messages"
    assert editor.hits.count() == 5 and "投诉 order 0" in editor.hits.item(0).text()
    hit = editor.hits.item(2)
    message_pk = int(hit.data(Qt.ItemDataRole.UserRole)[1])
    double_click(qtbot, editor.hits.viewport(), editor.hits.visualItemRect(hit).center())
    wait_for(lambda: window.list_view.currentIndex().isValid()
             and window.list_view.currentIndex().data(Roles.MessageId) == message_pk, what="the message opened")
    assert window.sections.currentIndex() == 0

    # Save without a name, or with one too long: told in one sentence, inside the dialog.
    editor.name.clear()
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    assert editor.error.isVisible()
    assert editor.error.text() == "Give the rule a name."
    assert editor.isVisible()
    editor.name.setText("x" * 121)
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    assert editor.error.text() == f"Rule '{'x' * 121}': a rule needs a name of 1 to 120 characters."
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Complaints")
    assert not editor.error.isVisible()
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    window.show_rules()
    wait_for(lambda: names_in(view) == ["Complaints"], what="the saved rule")
    assert view.sentence.text() == sentence
    assert rule_book.rule_named(store, "Complaints").then == [{"action": "create_case", "priority": "high",
                                                               "assignee": "me"}]

    # A second rule: every Monday at 08:30, a notification.
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    wait_idle(view.ops)
    qtbot.keyClicks(editor.name, "Monday review")
    choose(editor.event, "schedule")
    choose(editor.trigger_form.fields["every"], "week")
    editor.condition_rows[0].remove.click()
    choose(editor.action_rows[0].kind, "notify")
    qtbot.keyClicks(editor.action_rows[0].form.fields["title"], "Review the pipeline")
    assert editor.preview.text() == "Every Monday at 09:00, notify me: “Review the pipeline”."
    # A notification needs no message; moving one does: the check says so in the dialog.
    qtbot.mouseClick(editor.add_action, Qt.MouseButton.LeftButton)
    choose(editor.action_rows[1].kind, "move_message")
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    assert editor.error.text() == ("Rule 'Monday review': the action move_message needs folder.")
    qtbot.mouseClick(editor.action_rows[1].remove, Qt.MouseButton.LeftButton)
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    wait_for(lambda: names_in(view) == ["Complaints", "Monday review"], what="the second rule")
    assert view.current_name() == "Monday review"
    assert view.sentence.text() == "Every Monday at 09:00, notify me: “Review the pipeline”."

    # The enabled box: a real click on it.
    click_check_box(qtbot, view, "Monday review")
    wait_for(lambda: not rule_book.rule_named(store, "Monday review").enabled, what="the rule turned off")
    wait_for(lambda: view.state.text().startswith("Off"), what="the state shown")
    click_check_box(qtbot, view, "Monday review")
    wait_for(lambda: rule_book.rule_named(store, "Monday review").enabled, what="the rule turned on")

    # Order: Move Up, Move Down (the moved rule stays selected).
    assert not view.down_button.isEnabled()
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names_in(view) == ["Monday review", "Complaints"], what="moved up")
    assert view.current_name() == "Monday review" and not view.up_button.isEnabled()
    qtbot.mouseClick(view.down_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names_in(view) == ["Complaints", "Monday review"], what="moved down")
    assert [spec.name for spec in rule_book.list_rules(store)] == ["Complaints", "Monday review"]

    # Edit…: the rule comes back in the editor as it was saved; renaming keeps its place.
    click_item(qtbot, view, "Complaints")
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    assert editor.windowTitle() == "Edit Rule" and editor.preview.text() == sentence
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Complaints to cases")
    click_box_button(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    wait_for(lambda: names_in(view) == ["Complaints to cases", "Monday review"], what="the renamed rule")

    # Export…, then Delete… (asked first: Cancel keeps it, Yes deletes it), then Import….
    exported = tmp_path / "rules.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(exported), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: view.notice.text() == f"Saved 2 rules to {exported}", what="the export")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [rule["name"] for rule in data["rules"]] == ["Complaints to cases", "Monday review"]
    assert data["rules"][0]["if"] == {"field": "subject", "op": "contains", "value": "投诉"}

    click_item(qtbot, view, "Monday review")
    asked = click_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete the rule “Monday review”? Its run log is kept."]
    settle()
    assert names_in(view) == ["Complaints to cases", "Monday review"]
    click_message_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names_in(view) == ["Complaints to cases"], what="the rule deleted")

    data["rules"][1]["enabled"] = False
    data["rules"].append({"name": "Won deals", "when": {"event": "field_changed", "record": "deal", "field": "stage",
                                                         "to": "Won"},
                          "then": [{"action": "notify", "title": "Won: {deal.title}"}]})
    imported = tmp_path / "import.json"
    imported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(imported), ""))
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: names_in(view) == ["Complaints to cases", "Monday review", "Won deals"], what="the import")
    assert view.notice.text() == "Imported 3 rules."
    assert view.list.item(1).checkState() == Qt.CheckState.Unchecked
    click_item(qtbot, view, "Won deals")
    assert view.sentence.text() == "When the stage of a deal changes to “Won”, notify me: “Won: {deal.title}”."

    # A file that is not a rules file: one sentence, nothing imported.
    imported.write_text('{"rules": [{"name": "x", "when": {"event": "sometimes"}, "then": []}]}', encoding="utf-8")
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.error_presenter.messages, what="the error shown")
    box = next(iter(window.error_presenter.messages.values()))
    assert box.text().startswith("Rule 'x': 'when' needs an event")
    box.close()
    assert names_in(view) == ["Complaints to cases", "Monday review", "Won deals"]
    view.grab().save(str(tmp_path / "rules.png"))


def test_the_run_log_and_a_rules_notification(qtbot, store, open_window):
    mails = MailStore(store)
    rule_book.save_rule(store, check_rule({
        "name": "Complaints", "when": {"event": "message_received"},
        "if": {"field": "subject", "op": "contains", "value": "投诉"},
        "then": [{"action": "create_case", "priority": "high"},
                 {"action": "notify", "title": "New complaint", "body": "{subject}"}]}))
    rule_book.save_rule(store, check_rule({
        "name": "Thank them", "when": {"event": "message_received"},
        "if": {"field": "subject", "op": "contains", "value": "投诉"},
        "then": [{"action": "send_template", "template": "No such template"}]}))
    mails.add(arriving_now(mail("li@acme.com", "sales@example.com", "投诉: late delivery")),
              arriving_now(mail("bo@globex.com", "sales@example.com", "Lunch?")))
    window, service = open_window(start=False)
    window.show()
    view = open_rules(qtbot, window)
    assert view.log.topLevelItemCount() == 0 and view.log_status.text() == "No rule has run yet."

    # The rules job runs (as after a sync pass): its change set and its notice reach the window.
    service.services.rules.request().result(timeout=30)
    wait_for(lambda: view.log.topLevelItemCount() == 2, what="the runs in the log")
    runs = {view.log.topLevelItem(i).text(1): view.log.topLevelItem(i) for i in range(2)}
    done = runs["Complaints"]
    assert [done.text(c) for c in (2, 3, 4)] == ["A message arrives", "投诉: late delivery", "done"]
    assert [done.child(i).text(2) for i in range(done.childCount())] == ["Create a case", "Notify me"]
    assert [done.child(i).text(4) for i in range(done.childCount())] == ["done", "done"]
    failed = runs["Thank them"]
    assert failed.text(4) == "retrying"
    assert failed.child(0).text(2) == "Send a template" and failed.child(0).text(4) == "failed"
    assert "No such template" in failed.text(5)
    wait_for(lambda: window.rule_notices.shown == [("New complaint", "投诉: late delivery")], what="the notice")
    assert window.statusBar().currentMessage() == "New complaint — 投诉: late delivery"

    # A run about a message opens it in Mail, by a double-click on the run or on one of its steps.
    opened = []
    view.message_requested.connect(opened.append)
    rect = view.log.visualItemRect(done)
    double_click(qtbot, view.log.viewport(), rect.center())
    assert len(opened) == 1
    with store.read() as session:
        from app.store.models import Message
        assert session.get(Message, opened[0]).subject == "投诉: late delivery"

    # Only the selected rule's runs.
    click_item(qtbot, view, "Thank them")
    qtbot.mouseClick(view.only_selected, Qt.MouseButton.LeftButton)
    wait_for(lambda: view.log.topLevelItemCount() == 1, what="the filtered log")
    assert view.log.topLevelItem(0).text(1) == "Thank them"
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.log.topLevelItemCount() == 1


def test_every_control_of_the_rules_view_and_the_editor(qtbot, store, open_window):
    seed_mail(store)
    rule_book.save_rule(store, check_rule({
        "name": "Complaints", "when": {"event": "message_received"},
        "if": {"any": [{"field": "subject", "op": "contains", "value": "投诉"},
                       {"field": "customer.tags", "op": "in", "value": ["VIP", "key"]}]},
        "then": [{"action": "create_case", "priority": "urgent", "due_in": "4h"}, {"action": "flag_message"}]}))
    rule_book.save_rule(store, check_rule({
        "name": "Nested", "when": {"event": "no_reply", "hours": 36},
        "if": {"all": [{"not": {"field": "domain", "op": "is", "value": "example.com"}},
                       {"field": "subject", "op": "matches", "value": "^RE"}]},
        "then": [{"action": "send_template", "template": "Chaser", "to": "contact"}]}))
    window, _service = open_window(start=False)
    window.show()
    view = open_rules(qtbot, window)
    click_item(qtbot, view, "Nested")
    editor = view.edit_rule()
    wait_idle(view.ops)
    assert editor.fixed_label.isVisible() and not editor.add_condition.isVisible()
    assert editor.trigger_form.values() == {"after": "36h"}
    assert check_rule(editor.rule()).condition == rule_book.rule_named(store, "Nested").condition
    editor.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed editor is gone
    with Clicker(qtbot, store) as clicker:
        clicker.click_buttons(view)
    clicked = set(clicker.clicked)
    for label in ("RulesView › New Rule…", "RulesView › Edit…", "RulesView › Move Up",
                  "RulesView › Refresh",
                  "RulesView › Delete…", "RulesView › Import…", "RulesView › Export…",
                  "RuleEditor › Test", "RuleEditor › Add Condition", "RuleEditor › Add Action",
                  "RuleEditor › Remove", "RuleEditor › Save", "RuleEditor › Cancel"):
        assert label in clicked, label
    # Delete…, Import… and Export… were answered "no" by the clicker: nothing deleted.
    assert sorted(names_in(view)) == ["Complaints", "Nested"]
    # Every event and every action of the editor's combos, each with its own fields.
    editor = view.new_rule()
    wait_idle(view.ops)
    qtbot.keyClicks(editor.name, "Every event")
    editor.condition_rows[0].remove.click()
    choose(editor.action_rows[0].kind, "notify")
    qtbot.keyClicks(editor.action_rows[0].form.fields["title"], "Look")
    for index in range(editor.event.count()):
        editor.event.setCurrentIndex(index)
        assert editor.trigger_form.params and editor.preview.text().endswith(".")
        check_rule(editor.rule())  # each event's fields, as they start, make a valid rule
    choose(editor.event, "message_received")
    action = editor.action_rows[0]
    for index in range(action.kind.count()):
        action.kind.setCurrentIndex(index)
        assert set(action.form.fields) <= ACTION_KEYS[action.kind.currentData()][0]
    editor.close()
    QApplication.processEvents()


def test_a_rule_in_words_for_whatever_the_editor_builds(qtbot, store, open_window):
    window, _service = open_window(start=False)
    view = window.rules_view
    editor = view.new_rule()
    wait_idle(view.ops)
    assert editor.preview.text() == describe(editor.rule())


ROUND_TRIP = [
    {"name": "a", "enabled": False, "scope": "team", "when": {"event": "message_received", "folder": "Support",
                                                               "account": "work"},
     "if": {"any": [{"field": "has_attachment", "op": "is", "value": True},
                    {"field": "deal.amount", "op": "in", "value": [5000, "big"]},
                    {"field": "tier", "op": "matches", "value": "^(A|B)$"}]},
     "then": [{"action": "set_field", "record": "deal", "field": "amount", "value": 100},
              {"action": "flag_message", "flagged": False}, {"action": "mark_read", "read": True},
              {"action": "link_customer", "company": "Acme"}, {"action": "move_message", "folder": "Archive"}]},
    {"name": "b", "enabled": True, "scope": "me",
     "when": {"event": "field_changed", "record": "deal", "field": "stage", "from": "Lead", "to": "Won"},
     "if": {"field": "deal.owner", "op": "changed_to", "value": "ann"},
     "then": [{"action": "assign_owner", "owner": "bob@example.com"}, {"action": "return_to_pool", "record": "contact"},
              {"action": "add_tag", "tag": "VIP"},
              {"action": "create_task", "title": "Call", "due_in": "2d", "notes": "n"}]},
    {"name": "c", "enabled": True, "scope": "me", "when": {"event": "schedule", "every": "week", "at": "07:15",
                                                            "day": "friday"},
     "then": [{"action": "notify", "title": "t", "body": "b"},
              {"action": "send_template", "template": "T", "to": "deal.contact", "account": "work"}]},
    {"name": "d", "enabled": True, "scope": "me", "when": {"event": "no_activity", "days": 45, "record": "company"},
     "then": [{"action": "create_case", "title": "x", "priority": "urgent", "assignee": "me", "due_in": "4h",
               "description": "d"}]},
    {"name": "e", "enabled": True, "scope": "me", "when": {"event": "overdue", "record": "case"},
     "then": [{"action": "notify", "title": "late"}]},
    {"name": "f", "enabled": True, "scope": "me", "when": {"event": "message_sent", "account": "work"},
     "then": [{"action": "send_template", "template": "T", "to": "li@acme.com"}]},
    {"name": "g", "enabled": True, "scope": "me", "when": {"event": "record_created", "record": "task"},
     "then": [{"action": "notify", "title": "new task"}]},
    {"name": "h", "enabled": True, "scope": "me", "when": {"event": "no_reply", "after": "3d"},
     "then": [{"action": "create_case", "priority": "normal", "assignee": "me"}]},
]


@pytest.mark.parametrize("rule", ROUND_TRIP, ids=[r["name"] for r in ROUND_TRIP])
def test_a_rule_opened_and_saved_unchanged_is_the_same_rule(qtbot, store, rule):
    from app.ui.ops import Ops
    from app.ui.rule_editor import RuleEditor

    store.writer.never_wait_on()
    ops = Ops.standalone(store)
    editor = RuleEditor(store, ops, check_rule(rule).as_json())
    qtbot.addWidget(editor)
    try:
        wait_idle(ops)
        assert check_rule(editor.rule()).as_json() == check_rule(rule).as_json()
        assert editor.preview.text() == describe(rule)
    finally:
        ops.shutdown()


def test_a_notice_goes_to_the_system_tray_where_there_is_one(qtbot, store, open_window, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.services import events as ev
    from app.ui.icons import icon

    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: shown.append(args[:2]))
    window, service = open_window(start=False)
    window.setWindowIcon(icon("mail"))
    service.services.events.publish(ev.RuleNotice("Big deal won", "Acme: 50,000 USD"))
    wait_for(lambda: shown == [("Big deal won", "Acme: 50,000 USD")], what="the tray message")
    assert window.statusBar().currentMessage() == ""
