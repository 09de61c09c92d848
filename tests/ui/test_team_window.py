"""The team in the window: the status bar tells the team sync's state truthfully, and the
Conflicts dialog lists collisions and keeps the other value with one click — against a
running team server (PostgreSQL and SQLite), through the real services job."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.crm import records
from app.store.crm_models import Contact
from app.sync.team import Team
from tests.support.team_server import PASSWORD
from tests.ui.waiting import settle, wait_for

pytestmark = pytest.mark.integration

KIND = records.RECORD_TYPES["contact"]


@pytest.fixture(scope="module")
def people(team_server):
    team_server.team("Window", "edit")
    team_server.user("win@window.test", "Window", "rep")
    team_server.user("mate@window.test", "Window", "rep")
    return team_server


def add_contact(store, email, **fields):
    return store.write_with(lambda s: records.create(s, KIND, {"name": "Liu", "emails": [email],
                                                              **fields}).uuid)


def set_title(store, record_uuid, title):
    from sqlalchemy import select

    def change(session):
        record = session.scalar(select(Contact).where(Contact.uuid == record_uuid))
        records.apply_changes(session, KIND, record, {"title": title}, origin="local")
    store.write_with(change)


def off_gui(fn, *args):
    """Run a test's own step on another thread (the window's thread never waits on a write)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(fn, *args)
        wait_for(future.done, timeout=60)
        return future.result()


def test_status_bar_and_conflicts_dialog(people, store, account, qtbot, tmp_path, open_window):
    from app.profile import open_profile
    from app.ui.conflicts_dialog import ConflictsDialog

    Team(store).login(people.base_url, "win@window.test", PASSWORD)
    _paths, mate_store = open_profile(str(tmp_path / "mate"))
    mate = Team(mate_store)
    mate.login(people.base_url, "mate@window.test", PASSWORD)
    record = add_contact(store, "liu@window.cn")

    window, _service = open_window()
    window.show()
    window.sync.services.team.request()  # as the schedule's first tick does
    wait_for(lambda: window.status_area.team_button.isVisible()
             and "synced" in window.status_area.team_button.text(), timeout=20)
    assert "waiting" not in window.status_area.team_button.text()

    # A collision: both change the title; the colleague's later change wins.
    off_gui(mate.sync_once)
    off_gui(set_title, store, record, "Buyer")
    off_gui(set_title, mate_store, record, "Chief buyer")
    off_gui(lambda: window.sync.services.team.request().result(30))
    off_gui(mate.sync_once)
    off_gui(lambda: window.sync.services.team.request().result(30))
    wait_for(lambda: "1 conflict" in window.status_area.team_button.text(), timeout=20)

    # The mark on the record: the customer's panel in Customers says so, and a click opens the Conflicts.
    window.window_actions.go_customers.trigger()
    with store.read() as session:
        from sqlalchemy import select
        contact_id = session.scalar(select(Contact.id).where(Contact.uuid == record))
    window.customers_view.show_record("contact", contact_id)
    panel = window.customers_view.panel
    wait_for(lambda: panel.conflict_line.isVisible(), timeout=20)
    assert panel.conflict_line.text() == "⚠ 1 conflict(s) with a colleague · Review…"
    qtbot.mouseClick(panel.conflict_line, Qt.MouseButton.LeftButton)
    wait_for(lambda: any(w.isVisible() for w in window.findChildren(ConflictsDialog)))
    for opened in window.findChildren(ConflictsDialog):
        opened.close()

    qtbot.mouseClick(window.status_area.team_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: any(w.isVisible() for w in window.findChildren(ConflictsDialog)))
    [dialog] = [w for w in window.findChildren(ConflictsDialog) if w.isVisible()]
    wait_for(lambda: dialog.tree.topLevelItemCount() == 1)
    row = dialog.tree.topLevelItem(0)
    assert [row.text(i) for i in (0, 1, 2, 3, 4)] == ["Liu", "Title", "Chief buyer", "Buyer",
                                                       "win@window.test"]
    assert not dialog.keep_other_button.isEnabled()
    dialog.tree.setCurrentItem(row)
    qtbot.mouseClick(dialog.keep_other_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.empty.isVisible(), timeout=20)
    wait_for(lambda: not panel.conflict_line.isVisible(), timeout=20)  # resolved: the mark goes
    # The resolution is a new change: it reaches the colleague.
    wait_for(lambda: "synced" in window.status_area.team_button.text()
             and "waiting" not in window.status_area.team_button.text()
             and "conflict" not in window.status_area.team_button.text(), timeout=30)
    off_gui(mate.sync_once)
    with mate_store.read() as session:
        from sqlalchemy import select

        assert session.scalar(select(Contact.title).where(Contact.uuid == record)) == "Buyer"
    settle()
    dialog.close()
    window.close()
    mate_store.close()


def test_offline_is_shown_as_offline(people, store, open_window):
    from app.sync import state

    Team(store).login(people.base_url, "win@window.test", PASSWORD)
    add_contact(store, "offline@window.cn")
    store.write_with(lambda s: state.put(s, "server", "http://127.0.0.1:9"))
    window, _service = open_window()
    window.show()
    window.sync.services.team.request()
    wait_for(lambda: "offline" in window.status_area.team_button.text(), timeout=20)
    assert "waiting" in window.status_area.team_button.text()
    assert "synced" not in window.status_area.team_button.text()
    settle()
    window.close()


def test_settings_team_page_signs_in_and_out(people, store, qtbot, open_window):
    from PySide6.QtWidgets import QApplication

    from app.ui.settings_dialog import SettingsDialog
    from app.ui.settings_team import TeamPage

    window, service = open_window()
    dialog = SettingsDialog(store, window.ops, service, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go_to("team")
    page: TeamPage = dialog.team_page
    wait_for(lambda: page.sign_in_box.isVisible() and page.isEnabled() and dialog.ok_button.isEnabled())
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert page.error.isVisible() and "server" in page.error.text()
    qtbot.keyClicks(page.server, people.base_url)
    qtbot.keyClicks(page.email, "win@window.test")
    qtbot.keyClicks(page.password, "not the password")
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.error.isVisible() and "wrong email or password" in page.error.text(), timeout=20)
    page.password.clear()
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.signed_in_box.isVisible(), timeout=20)
    assert "win@window.test" in page.who.text() and page.password.text() == ""
    wait_for(lambda: "synced" in window.status_area.team_button.text(), timeout=20)
    qtbot.mouseClick(page.sign_out_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.sign_in_box.isVisible(), timeout=20)
    assert "records on this computer stay" in page.status.text()
    settle()
    QApplication.processEvents()
    dialog.close()


def test_the_panel_says_whose_customer_it_is(people, store, qtbot, tmp_path):
    """A shared contact shows its owner, team and sharing; someone who is not a contact here
    but is a colleague's customer says so (the server's duplicate check), without any of the
    colleague's fields."""
    from app.profile import open_profile
    from app.ui.customer_panel import CustomerPanel
    from tests.ui.customer_support import settle as settle_panel

    _paths, mate_store = open_profile(str(tmp_path / "mate2"))
    mate = Team(mate_store)
    mate.login(people.base_url, "mate@window.test", PASSWORD)
    add_contact(mate_store, "colleague.customer@big.cn", title="CFO")
    mate.sync_once()
    Team(store).login(people.base_url, "win@window.test", PASSWORD)
    add_contact(store, "mine@window.cn")
    Team(store).sync_once()
    # Shared read-only from here on: the colleague's customer is not visible to win any more.
    owner = people.sign_in("mate@window.test")
    with mate_store.read() as session:
        from sqlalchemy import select
        theirs = session.scalar(select(Contact.uuid).where(Contact.title == "CFO"))
    assert owner.post(f"/api/v1/records/{theirs}/share", json={"sharing": "private"}).status_code == 200
    Team(store).sync_once()

    store.writer.never_wait_on()
    panel = CustomerPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sender("Liu", "mine@window.cn")
    settle_panel(panel)
    wait_for(lambda: panel.team_line.isVisible())
    assert panel.team_line.text() == "Owner: win · team Window · the team can edit"
    # The owner makes it private from the panel's Sharing menu: the server answers, the line follows.
    assert panel.sharing_button.isVisible() and panel.sharing_button.choices["edit"].isChecked()
    panel.sharing_button.choices["private"].trigger()
    wait_for(lambda: panel.team_line.text() == "Owner: win · team Window · private", timeout=20)
    with store.read() as session:
        from sqlalchemy import select
        from app.store.crm_models import ContactEmail
        mine = session.scalar(select(Contact.uuid).join(ContactEmail, ContactEmail.contact_id == Contact.id)
                              .where(ContactEmail.email == "mine@window.cn"))
    assert owner.get(f"/api/v1/records/{mine}").status_code == 404  # mate no longer sees it

    panel.show_sender("Someone", "colleague.customer@big.cn")
    settle_panel(panel)
    wait_for(lambda: panel.team_line.isVisible(), timeout=20)
    assert panel.team_line.text() == "Already a customer of mate (team Window)"
    assert "CFO" not in panel.team_line.text()
    assert not panel.sharing_button.isVisible()  # not win's to share
    mate_store.close()


def test_give_a_customer_to_a_colleague_from_the_panel(people, store, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.profile import open_profile
    from app.ui.customer_panel import CustomerPanel
    from tests.ui.customer_support import settle as settle_panel

    Team(store).login(people.base_url, "win@window.test", PASSWORD)
    add_contact(store, "given@window.cn")
    Team(store).sync_once()
    store.writer.never_wait_on()
    panel = CustomerPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sender("Liu", "given@window.cn")
    settle_panel(panel)
    wait_for(lambda: panel.sharing_button.isVisible())
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *args, **kw: (asked.append(args[2]) or "Mate@Window.test ", True))
    panel.sharing_button.give.trigger()
    wait_for(lambda: panel.team_line.text().startswith("Owner: mate"), timeout=20)
    assert asked and not panel.sharing_button.isVisible()  # no longer win's to share or give
    _paths, mate_store = open_profile(str(tmp_path / "mate-given"))
    off_gui(lambda: Team(mate_store).login(people.base_url, "mate@window.test", PASSWORD))
    off_gui(lambda: Team(mate_store).sync_once())
    with mate_store.read() as session:
        from sqlalchemy import select

        from app.store.team_models import TeamRecord
        record = session.scalar(select(TeamRecord).where(TeamRecord.owner_email == "mate@window.test"))
        assert record is not None and record.can_manage
    mate_store.close()


def test_return_a_customer_to_the_pool_and_a_colleague_picks_it_up_in_the_panel(people, store, qtbot, tmp_path):
    """The owner's Sharing menu returns the customer to the team's pool; on a colleague's laptop
    the panel says it is in the pool and its Pick Up button (clicked) makes it theirs."""
    from app.profile import open_profile
    from app.ui.customer_panel import CustomerPanel
    from tests.ui.customer_support import settle as settle_panel

    Team(store).login(people.base_url, "win@window.test", PASSWORD)
    add_contact(store, "pooled@window.cn")
    Team(store).sync_once()
    store.writer.never_wait_on()
    panel = CustomerPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sender("Liu", "pooled@window.cn")
    settle_panel(panel)
    wait_for(lambda: panel.sharing_button.isVisible())
    assert panel.sharing_button.pool.isEnabled()
    panel.sharing_button.pool.trigger()
    wait_for(lambda: panel.team_line.text().startswith("In the team's pool"), timeout=20)
    assert panel.team_line.text() == "In the team's pool · team Window · last owner win"
    assert not panel.sharing_button.pool.isEnabled()  # in the pool already

    _paths, mate_store = open_profile(str(tmp_path / "mate-pool"))
    off_gui(lambda: Team(mate_store).login(people.base_url, "mate@window.test", PASSWORD))
    off_gui(lambda: Team(mate_store).sync_once())
    mate_store.writer.never_wait_on()
    mate_panel = CustomerPanel(mate_store)
    qtbot.addWidget(mate_panel)
    mate_panel.show()
    mate_panel.show_sender("Liu", "pooled@window.cn")
    settle_panel(mate_panel)
    wait_for(lambda: mate_panel.pick_up_button.isVisible(), timeout=20)
    qtbot.mouseClick(mate_panel.pick_up_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: mate_panel.team_line.text().startswith("Owner: mate"), timeout=20)
    assert not mate_panel.pick_up_button.isVisible()
    off_gui(lambda: Team(store).sync_once())
    assert Team(store).record_facts(_uuid_of(store, "pooled@window.cn"))["owner"] == "mate"  # team Window reads it
    mate_store.close()


def _uuid_of(store, email):
    from sqlalchemy import select

    from app.store.crm_models import ContactEmail
    with store.read() as session:
        return session.scalar(select(Contact.uuid).join(ContactEmail, ContactEmail.contact_id == Contact.id)
                              .where(ContactEmail.email == email))
