"""The shared customer timeline against a running team server (PostgreSQL and SQLite): real
profiles with stored mail, signed in as three people of two teams."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.crm import linking
from app.crm.customers import ContactInput, add_contact
from app.crm.customer_view import customer_json
from app.profile import open_profile
from app.store.crm_models import Contact
from app.store.models import Message
from app.store.team_models import TeamTimelineEntry
from app.sync.shared_timeline import mark_private
from app.sync.team import Team
from tests.support.stored_mail import store_inbox
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def office(team_server):
    team_server.team("Timeline", "edit")
    team_server.team("Faraway", "read")
    for email, team in (("ann@tl.test", "Timeline"), ("bob@tl.test", "Timeline"), ("eve@tl.test", "Faraway")):
        team_server.user(email, team, "rep")
    return team_server


def mail(key: str, sender: str, to: str, subject: str, body: str, day: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = f"<{key}@tl.test>"
    message["Date"] = format_datetime(datetime(2026, 11, day, 9, tzinfo=timezone.utc))
    message.set_content(body)
    return message.as_bytes()


def laptop(server, root, name: str, raws: list[bytes]):
    _paths, store = open_profile(str(root / name))
    store_inbox(store, name, f"{name}@tl.test", raws)
    Team(store).login(server.base_url, f"{name}@tl.test", PASSWORD, device_name=f"{name}'s laptop")
    return store


def bob_sees_no_links(office) -> bool:
    bob = office.sign_in("bob@tl.test")
    return bob.get("/api/v1/records", params={"type": "message_link"}).json()["records"] == []


def entries(store, email: str) -> list[dict]:
    return customer_json(store, email)["timeline"]


def test_mail_with_a_shared_customer_reaches_the_team_once_and_private_mail_never(office, tmp_path, memory_keyring):
    both = mail("both", "王芳 <wang@client.cn>", "ann@tl.test, bob@tl.test", "报价", "请报价 LED 面板", 2)
    only_ann = mail("only-ann", "王芳 <wang@client.cn>", "ann@tl.test", "合同", "合同第三条需要修改", 3)
    secret = mail("secret", "王芳 <wang@client.cn>", "ann@tl.test", "私事", "周末一起吃饭", 4)
    stranger = mail("stranger", "someone <someone@gmail.com>", "ann@tl.test", "Hi", "not a customer", 5)
    ann = laptop(office, tmp_path, "ann", [both, only_ann, secret, stranger])
    bob = laptop(office, tmp_path, "bob", [both])
    eve = laptop(office, tmp_path, "eve", [])
    add_contact(ann, ContactInput(name="王芳", emails=["wang@client.cn"]))
    linking.link_new_mail(ann)
    with ann.read() as session:
        secret_key = session.scalar(select(Message.message_id).where(Message.subject == "私事"))
    ann.write_with(lambda session: mark_private(session, secret_key))  # before it was ever shared
    Team(ann).sync_once()
    Team(bob).sync_once()
    Team(eve).sync_once()

    seen = entries(bob, "wang@client.cn")
    keys = [e["message_id"] for e in seen if e["kind"] in ("email", "team_email")]
    assert sorted(keys) == sorted({k for k in keys}), "one message, one entry"
    assert "<only-ann@tl.test>" in keys and "<both@tl.test>" in keys
    assert "<secret@tl.test>" not in keys and "<stranger@tl.test>" not in keys
    [shared] = [e for e in seen if e["message_id"] == "<only-ann@tl.test>"]
    assert (shared["kind"], shared["title"], shared["shared_by"]) == ("team_email", "合同", "ann")
    assert "合同第三条" in shared["detail"]  # its first words, not the mail itself
    with eve.read() as session:  # another team: ann's customer and her mail are not eve's
        assert session.scalars(select(TeamTimelineEntry)).all() == []

    # The server holds metadata of the two messages only: never the private one, never the stranger's.
    server = office.sign_in("ann@tl.test")
    links = server.get("/api/v1/records", params={"type": "message_link"}).json()["records"]
    assert sorted(r["fields"]["message_key"] for r in links) == ["<both@tl.test>", "<only-ann@tl.test>"]
    assert all("body" not in r["fields"] for r in links)

    # Marked private after sharing: withdrawn from the server and from bob's timeline.
    with ann.read() as session:
        contract_key = session.scalar(select(Message.message_id).where(Message.subject == "合同"))
    ann.write_with(lambda session: mark_private(session, contract_key))
    Team(ann).sync_once()
    Team(bob).sync_once()
    keys = [e["message_id"] for e in entries(bob, "wang@client.cn")]
    assert "<only-ann@tl.test>" not in keys and "<both@tl.test>" in keys
    with bob.read() as session:
        assert session.scalars(select(TeamTimelineEntry.message_key)).all() == ["<both@tl.test>"]

    # The customer made private: the conversation leaves the team with it (the server gives
    # the links on it the customer's sharing).
    with ann.read() as session:
        wang = session.scalar(select(Contact.uuid).where(Contact.name == "王芳"))
    assert server.post(f"/api/v1/records/{wang}/share", json={"sharing": "private"}).status_code == 200
    Team(bob).sync_once()
    with bob.read() as session:
        assert session.scalars(select(TeamTimelineEntry)).all() == []
    # ann still has her links; on the server, bob can no longer read any of them.
    assert server.get("/api/v1/records", params={"type": "message_link"}).json()["records"]
    assert bob_sees_no_links(office)
    for store in (ann, bob, eve):
        store.close()


def test_a_team_that_shares_bodies_shows_the_text_and_turning_it_off_withdraws_it(office, tmp_path, memory_keyring,
                                                                                 qtbot):
    """Team policy: bodies are shared only where IT turned it on; turned off, the server stops
    serving them and laptops drop them at their next sync. In the window, activating the
    colleague's message in the customer's timeline opens what was shared."""
    from PySide6.QtCore import Qt

    from app.ui.customer_panel import CustomerPanel
    from tests.ui.customer_support import settle as settle_panel
    from tests.ui.waiting import wait_for

    office.team("Open book", "edit")
    for email in ("amy@tl.test", "ben@tl.test"):
        office.user(email, "Open book", "rep")
    admin_email = "boss@tl.test"
    office.user(admin_email, "Open book", "admin")
    admin = office.sign_in(admin_email)
    turned = admin.put("/api/v1/admin/teams/Open book/mail-bodies", json={"share": True})
    assert turned.status_code == 200 and turned.json()["share_mail_bodies"] is True
    amy = laptop(office, tmp_path, "amy", [mail("offer", "赵总 <zhao@buyer.cn>", "amy@tl.test", "报价单",
                                                "第一段。\n\n附件是最终报价：每片 98 元，含税。", 6)])
    ben = laptop(office, tmp_path, "ben", [])
    add_contact(amy, ContactInput(name="赵总", emails=["zhao@buyer.cn"]))
    linking.link_new_mail(amy)
    Team(amy).sync_once()
    Team(ben).sync_once()
    [shared] = [e for e in entries(ben, "zhao@buyer.cn") if e["kind"] == "team_email"]
    assert "每片 98 元" in shared["body"]

    ben.writer.never_wait_on()
    panel = CustomerPanel(ben)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sender("赵总", "zhao@buyer.cn")
    settle_panel(panel)
    wait_for(lambda: panel.timeline.row_of(lambda e: e.kind == "team_email").isValid())
    index = panel.timeline.row_of(lambda e: e.kind == "team_email")
    panel.timeline.scrollTo(index)
    qtbot.wait(10)
    qtbot.mouseClick(panel.timeline.viewport(), Qt.MouseButton.LeftButton, pos=panel.timeline.visualRect(index).center())
    assert panel.timeline.currentIndex() == index
    qtbot.keyClick(panel.timeline, Qt.Key.Key_Return)
    wait_for(lambda: getattr(panel, "shared_mail", None) is not None and panel.shared_mail.isVisible())
    assert "每片 98 元" in panel.shared_mail.text.toPlainText()
    panel.shared_mail.close()

    assert admin.put("/api/v1/admin/teams/Open book/mail-bodies", json={"share": False}).status_code == 200
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # this thread is the window's: it never waits on a write
        pool.submit(lambda: Team(ben).sync_once()).result(timeout=60)
    [shared] = [e for e in entries(ben, "zhao@buyer.cn") if e["kind"] == "team_email"]
    assert shared["body"] == "" and shared["title"] == "报价单"
    for store in (amy, ben):
        store.close()


def test_message_private_from_the_command_line(office, tmp_path, memory_keyring):
    from tests.conftest import Cli

    office.user("cli@tl.test", "Timeline", "rep")
    store = laptop(office, tmp_path, "cli", [mail("cli-1", "王芳 <wang@client.cn>", "cli@tl.test", "私事", "…", 7)])
    store.close()
    cli = Cli(tmp_path / "cli", tmp_path / "cli-keyring.json")
    done = cli("message", "private", "--account", "cli", "--uid", "1")
    assert done.stdout.startswith("private: never shared with the team")
    again = cli("message", "private", "--account", "cli", "--uid", "1")
    assert "(it already was)" in again.stdout
    missing = cli("message", "private", "--account", "cli", "--uid", "9", check=False)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert missing.stderr.strip() == "liaison: No stored message with UID 9 in INBOX."
    _paths, store = open_profile(str(tmp_path / "cli"))
    with store.read() as session:
        from app.store.team_models import PrivateMessage
        assert session.scalars(select(PrivateMessage.message_key)).all() == ["<cli-1@tl.test>"]
    store.close()


def test_a_managers_reports_count_the_mail_the_team_shared(office, tmp_path, memory_keyring):
    """Rita answers a customer a day after he asked; her manager's response-time and activity
    reports count it, for her, from what the server gave his laptop (he holds none of the mail)."""
    from app.mail.reading.conversation_threads import rethread_account
    from app.reports.mail_reports import activity, response_time
    from app.reports.table import Filters
    from app.store.models import Account

    office.team("Reports", "edit")
    office.user("rita@tl.test", "Reports", "rep")
    office.user("max@tl.test", "Reports", "manager")
    rita = laptop(office, tmp_path, "rita", [
        mail("ask", "赵总 <zhao@buyer.cn>", "rita@tl.test", "询价", "LED 面板多少钱？", 10),
        mail("answer", "rita@tl.test", "zhao@buyer.cn", "Re: 询价", "每片 98 元。", 11).replace(
            b"Message-ID:", b"In-Reply-To: <ask@tl.test>\nMessage-ID:")])
    boss = laptop(office, tmp_path, "max", [])
    add_contact(rita, ContactInput(name="赵总", emails=["zhao@buyer.cn"]))
    with rita.read() as session:
        rethread_account(rita, session.scalar(select(Account.id)))
    linking.link_new_mail(rita)
    Team(rita).sync_once()
    Team(boss).sync_once()

    report = response_time(boss, Filters())
    assert [(r["group"], r["who"], r["replies"], r["median"]) for r in report.rows] == [
        ("person", "rita@tl.test", 1, 86400), ("customer", "赵总", 1, 86400)]
    assert [(r["week"], r["person"], r["sent"], r["received"]) for r in activity(boss, Filters()).rows] == [
        ("2026-W46", "rita@tl.test", 1, 1)]  # 10 and 11 November, a Tuesday and a Wednesday
    # Rita, a rep, sees her own mail once: her copies, not the team's entries of them.
    assert [(r["who"], r["replies"]) for r in response_time(rita, Filters()).rows if r["group"] == "person"] == [
        ("rita@tl.test", 1)]
    for store in (rita, boss):
        store.close()
