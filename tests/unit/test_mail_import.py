"""Importing old mail into Local Folders: sources, duplicates, resuming, and mail that works like synced mail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import Cancelled, UserFacingError
from app.mail.importing import importer as importer_module
from app.mail.importing.importer import DELETED, DUPLICATE, Importer
from app.mail.importing.local_destination import LocalDestination, LocalFolder
from app.services.mail_import import import_local
from app.store.accounts import account_folders
from app.store.local_folders import has_server, local_account
from app.store.models import Folder, Message


def raw(n: int, *, message_id: bool = True, extra: str = "", sender: str = "anna@example.com") -> str:
    mid = f"Message-ID: <m{n}@example.com>\n" if message_id else ""
    return (f"From: Anna <{sender}>\nTo: me@example.com\nSubject: Message {n}\n{mid}"
            f"Date: Mon, 2 Mar 2015 10:00:00 +0000\n{extra}\nBody of message {n}.\n")


def write_mbox(path, messages, envelope="From - Mon Mar 02 10:00:00 2015\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(f"{envelope}{m}\n" for m in messages).encode())
    return path


def stored(store, folder_name: str | None = None) -> list[Message]:
    with store.read() as session:
        query = select(Message).join(Folder, Folder.id == Message.folder_id).order_by(Message.uid)
        if folder_name:
            query = query.where(Folder.name == folder_name)
        return list(session.scalars(query))


def folder_names(store) -> set[str]:
    return {f.name for f in account_folders(store, local_account(store).id)}


def test_an_mbox_goes_into_a_local_folder_named_after_it(store, tmp_path):
    mbox = write_mbox(tmp_path / "Archive 2015", [raw(1), raw(2), raw(3, extra="X-Mozilla-Status: 0000\n")])
    outcome = import_local(store, mbox)
    assert outcome.report.imported == 3
    account = local_account(store)
    assert account.name == "Local Folders" and not has_server(account)
    messages = stored(store, "Archive 2015")
    assert [m.uid for m in messages] == [1, 2, 3]
    assert [m.seen for m in messages] == [True, True, False]  # no state header: read; 0000: unread
    assert messages[0].internal_date == 1425290400  # the envelope line's date


def test_running_it_again_skips_every_message_already_there(store, tmp_path):
    mbox = write_mbox(tmp_path / "Inbox", [raw(1), raw(2, message_id=False), raw(1)])
    first = import_local(store, mbox)
    assert first.report.imported == 2
    assert first.report.skipped == {DUPLICATE: 1}  # the same Message-ID twice in one file
    again = import_local(store, mbox)
    assert again.report.imported == 0
    assert again.report.skipped == {DUPLICATE: 3}  # the one without a Message-ID by its bytes
    assert len(stored(store)) == 2


def test_an_interrupted_import_resumes_without_loss_or_duplicates(store, tmp_path, monkeypatch):
    monkeypatch.setattr(importer_module, "BATCH_MESSAGES", 10)
    mbox = write_mbox(tmp_path / "Inbox", [raw(n, message_id=n % 7 != 0) for n in range(95)])
    read = {"n": 0}

    def stop_after_43() -> bool:
        read["n"] += 1
        return read["n"] >= 43

    with pytest.raises(Cancelled):
        import_local(store, mbox, should_stop=stop_after_43)
    partial = len(stored(store))
    assert 40 <= partial <= 43  # every batch before the stop is stored whole

    calls = {"n": 0}
    real_store = LocalFolder.store

    def failing_store(self, batch):  # a crash while writing the third batch of the second run
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk unplugged")
        return real_store(self, batch)

    monkeypatch.setattr(LocalFolder, "store", failing_store)
    with pytest.raises(OSError):
        import_local(store, mbox)
    monkeypatch.setattr(LocalFolder, "store", real_store)
    import_local(store, mbox)
    messages = stored(store)
    assert len(messages) == 95
    assert len({m.uid for m in messages}) == 95
    assert sorted(m.subject for m in messages) == sorted(f"Message {n}" for n in range(95))


def test_an_eml_tree_keeps_its_folders(store, tmp_path):
    root = tmp_path / "Outlook export"
    for relative, n in (("a.eml", 1), ("Customers/b.eml", 2), ("Customers/Huaxin/c.EML", 3),
                        ("Customers/Huaxin/d.eml", 4)):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw(n).replace("\n", "\r\n").encode())
    (root / "Customers" / "notes.txt").write_text("not mail")
    (root / "Customers" / "broken.eml").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    outcome = import_local(store, root)
    assert outcome.report.imported == 4
    assert folder_names(store) >= {"Outlook export", "Outlook export/Customers", "Outlook export/Customers/Huaxin"}
    assert [m.subject for m in stored(store, "Outlook export/Customers/Huaxin")] == ["Message 3", "Message 4"]
    assert outcome.report.skipped == {"not a mail message": 1}


def test_eml_files_of_foxmail_with_gbk_headers(store, tmp_path):
    root = tmp_path / "foxmail"
    root.mkdir()
    (root / "1.eml").write_bytes(("From: 张伟 <zw@huaxin-trade.cn>\r\nTo: me@example.com\r\nSubject: 报价单\r\n"
                                  "Content-Type: text/plain; charset=gbk\r\n\r\n您好\r\n").encode("gbk"))
    import_local(store, root, base="来自 Foxmail")
    [message] = stored(store, "来自 Foxmail")
    assert (message.from_name, message.subject) == ("张伟", "报价单")


def test_a_thunderbird_profile_brings_its_local_folders_and_leaves_the_rest(store, tmp_path):
    profile = tmp_path / "abcd.default-release"
    local = profile / "Mail" / "Local Folders"
    write_mbox(local / "Inbox", [raw(1), raw(2, extra="X-Mozilla-Status: 0009\n")])  # 2 deleted, not compacted
    (local / "Inbox.msf").write_text("// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    write_mbox(local / "Sent", [raw(3)])
    write_mbox(local / "Archives.sbd" / "2019", [raw(4)])
    (local / "Archives").write_bytes(b"")  # a folder holding only sub-folders
    (local / "msgFilterRules.dat").write_text('version="9"')
    write_mbox(profile / "Mail" / "pop.example.com" / "Inbox", [raw(5)])
    write_mbox(profile / "ImapMail" / "imap.example.com" / "INBOX", [raw(6)])  # a cache of an IMAP account
    (profile / "prefs.js").write_text("// prefs")
    outcome = import_local(store, profile)
    assert outcome.report.imported == 4
    assert outcome.report.skipped == {DELETED: 1}
    assert folder_names(store) == {"Inbox", "Sent", "Archives", "Archives/2019", "pop.example.com",
                                   "pop.example.com/Inbox"}
    with store.read() as session:
        roles = dict(session.execute(select(Folder.name, Folder.role)).all())
    assert roles["Inbox"] == "inbox" and roles["Sent"] == "sent"
    assert [m.subject for m in stored(store, "Archives/2019")] == ["Message 4"]


def test_the_local_folders_directory_itself_and_an_apple_mail_export(store, tmp_path):
    local = tmp_path / "Local Folders"
    write_mbox(local / "Inbox", [raw(1)])
    (local / "Inbox.msf").write_text("")
    apple = tmp_path / "Projects.mbox"
    write_mbox(apple / "mbox", [raw(2)])
    (apple / "Info.plist").write_text("<plist/>")
    import_local(store, local)
    import_local(store, apple)
    assert [m.subject for m in stored(store, "Inbox")] == ["Message 1"]
    assert [m.subject for m in stored(store, "Projects")] == ["Message 2"]


@pytest.mark.parametrize("make, words", [
    (lambda p: p / "missing.mbox", "There is no file or folder at"),
    (lambda p: (p / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0garbage") and p / "photo.jpg", "is not an mbox file"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "No mail was found in"),
])
def test_a_path_without_mail_is_one_sentence_and_stores_nothing(store, tmp_path, make, words):
    with pytest.raises(UserFacingError) as caught:
        import_local(store, make(tmp_path))
    assert words in caught.value.message
    assert local_account(store) is None  # nothing was created either


def test_imported_mail_is_linked_threaded_and_searchable(store, tmp_path):
    from app.crm.customers import ContactInput, add_contact
    from app.search.mail_search import search_mail
    from app.store.crm_models import MessageLink

    add_contact(store, ContactInput(name="Anna", emails=["anna@nordwind-handel.de"]))
    reply = raw(2, sender="me@example.com", extra="In-Reply-To: <m1@example.com>\n").replace(
        "Subject: Message 2", "Subject: Re: Message 1")
    mbox = write_mbox(tmp_path / "Inbox", [raw(1, sender="anna@nordwind-handel.de"), reply])
    outcome = import_local(store, mbox)
    assert outcome.indexed == 2 and not outcome.hook_errors
    first, second = stored(store, "Inbox")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(MessageLink)
                              .where(MessageLink.message_id == first.id)) == 1
    assert first.thread_id is not None and first.thread_id == second.thread_id
    found = search_mail(store, "from:anna@nordwind-handel.de body")  # the words are indexed too
    assert [hit.subject for hit in found.hits] == ["Message 1"]


def test_the_sync_never_sees_local_folders(store, tmp_path):
    from app.services.runtime import Services

    import_local(store, write_mbox(tmp_path / "Inbox", [raw(1)]))
    services = Services(store, use_idle=False)
    try:
        assert services.accounts() == []
    finally:
        services.stop()


def test_destination_names_follow_the_base_folder(store, tmp_path):
    mbox = write_mbox(tmp_path / "Inbox", [raw(1)])
    report = Importer(mbox, LocalDestination(store), "Old mail/2015").run()
    assert report.folders[0].folder == "Old mail/2015"
    assert "Old mail" in folder_names(store)  # parents are made too


def test_flags_and_moves_in_local_folders_are_done_at_once_and_never_queued(store, tmp_path):
    from app.mail.imap.actions import queue_move, set_flag, undo_move
    from app.store.models import PendingMailAction

    import_local(store, write_mbox(tmp_path / "Inbox", [raw(1), raw(2)]))
    import_local(store, write_mbox(tmp_path / "Archive", [raw(3)]))
    first, second = stored(store, "Inbox")
    assert set_flag(store, [first.id], "\\Flagged", True) == [first.id]
    [undo] = queue_move(store, [second.id], "archive")
    assert [m.subject for m in stored(store, "Archive")] == ["Message 3", "Message 2"]
    assert [m.uid for m in stored(store, "Archive")] == [1, 2]
    assert not any(m.moving for m in stored(store))
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(PendingMailAction)) == 0
    undo_move(store, undo)
    assert [m.subject for m in stored(store, "Inbox")] == ["Message 1", "Message 2"]
    assert stored(store, "Inbox")[0].flagged


def test_folder_names_unpacked_from_a_chinese_windows_zip_are_read_as_gbk(store, tmp_path):
    import os

    root = tmp_path / "export"
    folder = os.path.join(os.fsencode(root), "客户来信".encode("gbk"))  # GBK bytes, not UTF-8
    os.makedirs(folder)
    with open(os.path.join(folder, "1.eml".encode()), "wb") as file:
        file.write(raw(1).encode())
    import_local(store, root)
    assert [m.subject for m in stored(store, "export/客户来信")] == ["Message 1"]


def test_a_read_failure_is_one_sentence_and_keeps_what_was_stored(store, tmp_path, monkeypatch):
    from app.mail.importing import mbox_reader

    monkeypatch.setattr(importer_module, "BATCH_MESSAGES", 5)
    mbox = write_mbox(tmp_path / "Inbox", [raw(n) for n in range(20)])
    real = mbox_reader.MboxReader._finish
    calls = {"n": 0}

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 13:
            raise OSError(5, "Input/output error")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(mbox_reader.MboxReader, "_finish", failing)
    with pytest.raises(UserFacingError) as caught:
        import_local(store, mbox)
    assert "could not be read to the end (Input/output error)" in caught.value.message
    assert len(stored(store)) == 10  # the two whole batches before the failure


def test_two_imports_into_local_folders_at_once_are_refused(store, tmp_path):
    from app.errors import Busy
    from app.services.sync_lock import SyncLock, profile_of
    from app.store.local_folders import ensure_local_account

    account = ensure_local_account(store)
    with SyncLock(profile_of(store.path), account.uuid).held():
        with pytest.raises(Busy, match="Another import into Local Folders is under way"):
            import_local(store, write_mbox(tmp_path / "Inbox", [raw(1)]))


def test_folder_names_are_tidied():
    from app.mail.importing.importer import folder_name

    assert folder_name(" Old mail//2015/ ", ("Inbox",)) == "Old mail/2015/Inbox"
    assert folder_name(None, ()) == "Imported"
    assert folder_name("/", ("", "Sent")) == "Sent"


def test_a_message_without_message_id_read_since_the_last_export_is_still_the_same(store, tmp_path):
    unread = write_mbox(tmp_path / "Inbox", [raw(1, message_id=False, extra="X-Mozilla-Status: 0000\n")])
    import_local(store, unread)
    read = write_mbox(tmp_path / "again" / "Inbox", [raw(1, message_id=False, extra="X-Mozilla-Status: 0001\n")])
    again = import_local(store, read)
    assert again.report.skipped == {DUPLICATE: 1}
    assert len(stored(store)) == 1


def test_messages_finds_an_imported_folder_without_naming_the_account(store, tmp_path):
    from app.cli.message_commands import one_account
    from app.store.accounts import NewAccount, create_account

    create_account(store, NewAccount(name="Work", email="me@example.com", imap_host="imap.example.com",
                                     imap_port=993, imap_security="ssl", smtp_host="smtp.example.com",
                                     smtp_port=465, smtp_security="ssl"))
    import_local(store, write_mbox(tmp_path / "Inbox", [raw(1)]), base="Archive 2015")
    assert one_account(store, None, "archive 2015").name == "Local Folders"
    with pytest.raises(UserFacingError, match="Name the account with --account"):
        one_account(store, None, None)
