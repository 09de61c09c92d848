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
from app.mail.imap import message_writer
from app.mail.imap.fetched import FetchedMessage
from app.mail.reading.envelope import parse_envelope
from app.profile import open_profile
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account
from app.store.mail_cache import ServerFolder
from app.store.models import Message
from app.store.team_models import TeamTimelineEntry
from app.sync.shared_timeline import mark_private
from app.sync.team import Team
from tests.support.team_server import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def office(team_server):
    team_server.team("Timeline", "edit")
    team_server.team("Faraway", "read")
    for email, team in (("ann@tl.test", "Timeline"), ("bob@tl.test", "Timeline"), ("eve@tl.test", "Faraway")):
        team_server.user(email, team, "rep")
    return team_server


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.support.test_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def mail(key: str, sender: str, to: str, subject: str, body: str, day: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = f"<{key}@tl.test>"
    message["Date"] = format_datetime(datetime(2026, 11, day, 9, tzinfo=timezone.utc))
    message.set_content(body)
    return message.as_bytes()


def laptop(server, root, name: str, raws: list[bytes]):
    _paths, store = open_profile(str(root / name))
    account = create_account(store, NewAccount(
        name=name, email=f"{name}@tl.test", imap_host="imap.tl.test", imap_port=993, imap_security="ssl",
        smtp_host="smtp.tl.test", smtp_port=465, smtp_security="ssl"))
    mail_cache.reconcile_folders(store, account.id, [ServerFolder("INBOX", "/", frozenset(), "inbox", True)])
    folder = account_folders(store, account.id)[0]
    fetched = [FetchedMessage(uid=n + 1, raw=raw, flags=set(), internal_date=None, size=len(raw), modseq=None,
                              envelope=parse_envelope(raw)) for n, raw in enumerate(raws)]
    mail_cache.begin_folder_sync(store, folder.id, 1)
    message_writer.store_messages(store, folder.id, fetched)
    mail_cache.finish_folder_sync(store, folder.id, len(raws) + 1, None, len(raws))
    Team(store).login(server.base_url, f"{name}@tl.test", PASSWORD, device_name=f"{name}'s laptop")
    return store


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
    for store in (ann, bob, eve):
        store.close()
