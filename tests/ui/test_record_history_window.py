"""Record history in the window, against a running team server (PostgreSQL and SQLite): the
History window of a contact (opened from the customer panel's History… button) and the deal
editor's History tab show every device's versions, who and when, the value that lost a
collision; Restore This Version is a new change that reaches the colleague at the next sync.

Everything is clicked; the GUI thread never waits for a write (``never_wait_on``), and the
history's network reads run off it. Each window is rendered offscreen in English to a PNG
(``LIAISON_SCREENSHOTS`` names the folder; the test's own temporary folder otherwise)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import select

from app.crm import deals, records
from app.store.crm_models import Contact, Deal
from app.sync.team import Team
from app.ui.ops import Ops
from tests.support.team_server import PASSWORD
from tests.ui.test_team_window import off_gui, set_title
from tests.ui.waiting import settle, wait_for

pytestmark = [pytest.mark.integration,
              pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")]

KIND = records.RECORD_TYPES["contact"]


@pytest.fixture(scope="module")
def desk(team_server):
    team_server.team("Desk", "edit")
    team_server.user("me@desk.test", "Desk", "rep")
    team_server.user("mate@desk.test", "Desk", "rep")
    return team_server


@pytest.fixture
def two_laptops(desk, store, tmp_path):
    """This profile (me) and a colleague's (mate), both signed in to the team."""
    from app.profile import open_profile

    Team(store).login(desk.base_url, "me@desk.test", PASSWORD)
    _paths, mate_store = open_profile(str(tmp_path / "mate"))
    Team(mate_store).login(desk.base_url, "mate@desk.test", PASSWORD, device_name="Mate's laptop")
    yield store, mate_store
    mate_store.close()


def screenshot(widget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("LIAISON_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{os.environ.get('PYTEST_CURRENT_TEST', '').split('[')[-1].split(']')[0]}.png"
    assert widget.grab().save(str(path))
    return path


def texts(tree) -> list[str]:
    found = []
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        found += [top.text(0)] + [top.child(i).text(0) for i in range(top.childCount())]
    return found


def read(store, model, column, record_uuid):
    with store.read() as session:
        return session.scalar(select(column).where(model.uuid == record_uuid))


def test_contact_history_window_shows_both_devices_and_restores(two_laptops, qtbot, tmp_path):
    from app.ui.customer_panel import CustomerPanel
    from app.ui.history_view import RecordHistoryDialog

    store, mate_store = two_laptops
    me, mate = Team(store), Team(mate_store)
    record = store.write_with(lambda s: records.create(s, KIND, {"name": "Liu Yang", "emails": ["liu@desk.cn"],
                                                                 "title": "Buyer"}).uuid)
    me.sync_once()
    mate.sync_once()
    # The colleague changes the title first, I change it later; mine reaches the server first,
    # so theirs arrives with the older clock and loses (kept in the history).
    set_title(mate_store, record, "Senior buyer")
    set_title(store, record, "Chief buyer")
    me.sync_once()
    mate.sync_once()
    me.sync_once()
    contact_id = read(store, Contact, Contact.id, record)

    store.writer.never_wait_on()
    panel = CustomerPanel(store, ops=Ops.standalone(store))
    qtbot.addWidget(panel)
    panel.resize(420, 800)
    panel.show()
    panel.show_contact(contact_id)
    wait_for(lambda: panel.history_button.isVisible(), what="the contact in the panel")
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: any(d.isVisible() for d in panel.findChildren(RecordHistoryDialog)), what="History")
    [dialog] = panel.findChildren(RecordHistoryDialog)
    wait_for(lambda: dialog.view.is_loaded, timeout=20, what="the team's history")
    assert dialog.windowTitle() == "History: Liu Yang"
    assert dialog.note.text() == "Every version from every device, from the team server."
    shown = texts(dialog.tree)
    assert shown[0].startswith("Version 3 · ") and shown[0].endswith(" · mate@desk.test")
    assert shown[1] == "On another device (Mate's laptop)"
    assert shown[2] == "Job title: Chief buyer → Senior buyer (lost in a collision, not applied)"
    assert shown[3].startswith("Version 2 · ") and shown[3].endswith(" · me@desk.test")
    assert shown[4:6] == ["On this computer", "Job title: Buyer → Chief buyer"] and "Contact added" in shown
    lost = dialog.tree.topLevelItem(0).child(1)
    assert lost.font(0).italic()
    dialog.resize(640, 460)
    path = screenshot(dialog, "contact-history", tmp_path)
    print(f"screenshot: {path}")

    newest = dialog.tree.topLevelItem(0)
    dialog.tree.setCurrentItem(newest)
    assert not dialog.restore_button.isEnabled()  # it is the record as it is
    oldest = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.tree.visualItemRect(oldest).center())
    assert dialog.tree.currentItem() is oldest and dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.tree.topLevelItemCount() == 4
             and dialog.tree.topLevelItem(0).text(0).endswith("not sent to the team yet"), timeout=20,
             what="the restore in the history")
    assert "Job title: Chief buyer → Buyer" in texts(dialog.tree)
    settle()
    assert read(store, Contact, Contact.title, record) == "Buyer"
    off_gui(me.sync_once)
    off_gui(mate.sync_once)
    assert read(mate_store, Contact, Contact.title, record) == "Buyer"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    settle()


def test_deal_history_tab_shows_the_colleagues_version_and_restores(two_laptops, qtbot, tmp_path):
    from app.ui.deal_dialog import DealDialog

    store, mate_store = two_laptops
    me, mate = Team(store), Team(mate_store)
    with store.writer.waiting_allowed():
        deal = deals.add_deal(store, "LED panels", amount="1000", currency="CNY")
    me.sync_once()
    mate.sync_once()
    with mate_store.writer.waiting_allowed():
        deals.update_deal(mate_store, deal, {"amount": "2500"})
    mate.sync_once()
    me.sync_once()

    store.writer.never_wait_on()
    ops = Ops.standalone(store)
    errors: list[BaseException] = []
    ops.set_error_presenter(errors.append)
    editor = DealDialog.edit(store, ops, deal, locale=QLocale("en_US"))
    qtbot.addWidget(editor)
    wait_for(lambda: editor.is_loaded and editor.history_view.is_loaded, timeout=20, what="the deal and its history")
    assert editor.amount.text() == "2500"
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert editor.tabs.currentWidget() is editor.history_view
    shown = texts(editor.history)
    assert shown[0].startswith("Version 2 · ") and shown[0].endswith(" · mate@desk.test")
    assert shown[1].startswith("On another device (") and shown[2] == "Value: ¥1,000 → ¥2,500"
    assert shown[3].endswith(" · me@desk.test") and shown[4:6] == ["On this computer", "Deal added"]
    path = screenshot(editor, "deal-history", tmp_path)
    print(f"screenshot: {path}")

    oldest = editor.history.topLevelItem(editor.history.topLevelItemCount() - 1)
    qtbot.mouseClick(editor.history.viewport(), Qt.MouseButton.LeftButton,
                     pos=editor.history.visualItemRect(oldest).center())
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: editor.amount.text() == "1000", timeout=20, what="the restored deal in the editor")
    wait_for(lambda: editor.history.topLevelItem(0).text(0).endswith("not sent to the team yet"), timeout=20)
    settle()
    off_gui(me.sync_once)
    off_gui(mate.sync_once)
    assert read(mate_store, Deal, Deal.amount, deal) == "1000"
    assert errors == []
    editor.close()
    settle()


def test_company_history_offline_is_this_computers_and_says_so(desk, store, qtbot, tmp_path):
    from app.crm.customers import add_company
    from app.store.crm_models import Company
    from app.sync import state
    from app.ui.company_view import CompanyPanel
    from app.ui.history_view import RecordHistoryDialog

    team = Team(store)
    team.login(desk.base_url, "me@desk.test", PASSWORD)
    with store.writer.waiting_allowed():
        company = add_company(store, "Desk Trading", ["desk-trading.cn"], industry="Furniture")
    team.sync_once()
    store.write_with(lambda s: state.put(s, "server", "http://127.0.0.1:9"))  # the network is gone
    company_id = read(store, Company, Company.id, company)

    store.writer.never_wait_on()
    panel = CompanyPanel(store, ops=Ops.standalone(store))
    qtbot.addWidget(panel)
    panel.resize(700, 800)
    panel.show()
    panel.show_company(company_id)
    wait_for(lambda: panel.history_button.isVisible(), what="the company in the panel")
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: any(d.isVisible() for d in panel.findChildren(RecordHistoryDialog)), what="History")
    [dialog] = panel.findChildren(RecordHistoryDialog)
    wait_for(lambda: dialog.view.is_loaded, timeout=20, what="the history")
    assert dialog.note.text() == ("The team server cannot be reached: only the history on this computer is shown.")
    shown = texts(dialog.tree)
    # Newest first: the owner the team server gave it (at the sync), then its creation here.
    assert shown[0].startswith("Version 2 · ") and shown[0].endswith(" · from the team")
    assert shown[1] == "Owner: (empty) → me"
    assert shown[2].startswith("Version 1 · ") and shown[2].endswith(" · by you")
    assert shown[3:] == ["Company added", "Name: (empty) → Desk Trading", "Industry: (empty) → Furniture",
                         "Domains: (empty) → desk-trading.cn"]
    print(f"screenshot: {screenshot(dialog, 'company-history-offline', tmp_path)}")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    settle()
