"""Mail → Import Mail…: choose an mbox, import it into Local Folders, see it in the folder tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.store.local_folders import local_account
from app.ui.mail_import_dialog import MailImportDialog
from app.store.mail_queries import find_folder, latest_messages
from tests.ui.customer_support import english_plurals  # noqa: F401  (a fixture)
from tests.ui.waiting import wait_for


def mail_menu_entry(window, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == window.tr("&Mail"))
    return next(a for a in menu.actions() if a.text() == text)


def test_importing_an_mbox_from_the_mail_menu(qtbot, store, open_window, tmp_path, monkeypatch, english_plurals):
    mbox = tmp_path / "Archive.mbox"
    mbox.write_bytes(b"".join(
        b"From - Mon Mar 02 10:00:00 2015\nFrom: =?utf-8?b?5byg5Lyf?= <zhang.wei@huaxin-trade.cn>\n"
        b"Subject: Old %d\nMessage-ID: <gui%d@example.com>\nX-Mozilla-Status: 0001\n\nBody %d\n\n" % (n, n, n)
        for n in range(450)))  # more than one batch: progress arrives before the end
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(mbox), ""))
    window, _service = open_window(start=False)
    entry = mail_menu_entry(window, "&Import Mail…")
    assert entry.isVisible() and entry.isEnabled()
    entry.trigger()
    dialog = window.findChild(MailImportDialog, "mail-import-dialog")
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(mbox)
    dialog.folder.setText("Old mail")
    seen = []
    dialog._relay.progressed.connect(lambda p: seen.append(p.imported))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.outcome is not None, timeout=30, what="the import")
    assert dialog.status.text() == "450 messages imported into Local Folders."
    assert dialog.progress.value() == 1000 and seen
    folder = find_folder(store, local_account(store).id, "Old mail")
    assert len(latest_messages(store, folder.id, 1000)) == 450
    wait_for(lambda: any(window.folders.topLevelItem(i).text(0).startswith("Local Folders")
                         for i in range(window.folders.topLevelItemCount())), what="Local Folders in the tree")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # again: nothing twice
    wait_for(lambda: dialog.import_button.isEnabled() and "were there already" in dialog.status.text(),
             timeout=30, what="the second import")
    assert dialog.status.text() == "0 messages imported into Local Folders. 450 were there already."
    dialog.reject()


def test_local_folders_offer_no_sync_and_are_removed_only_when_confirmed(qtbot, store, open_window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from app.services.mail_import import import_local
    from app.store.accounts import list_accounts
    from tests.ui.dialogs import click_message_box

    mbox = tmp_path / "Inbox"
    mbox.write_bytes(b"From - Mon Mar 02 10:00:00 2015\nFrom: a@example.com\nSubject: Old\n\nBody\n")
    with store.writer.waiting_allowed():
        import_local(store, mbox, index=False)
    window, _service = open_window(start=False)
    account = local_account(store)
    menu = window.accounts.context_menu(account.id, None)
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels == ["Remove Local Folders…"]  # no Sync Now, no schedule
    assert window.accounts.context_menu(account.id, "Inbox") is None  # a folder of it: nothing to sync
    said = click_message_box(qtbot, QMessageBox.StandardButton.No)
    menu.actions()[-1].trigger()
    assert said and "cannot be fetched again" in said[0]
    assert local_account(store) is not None  # kept: the answer was No
    click_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.accounts.removed, timeout=10000):
        window.accounts.context_menu(account.id, None).actions()[-1].trigger()
    assert list_accounts(store) == []
    menu.deleteLater()


def test_uploading_to_an_account_from_the_dialog(qtbot, store, account, imap, open_window, tmp_path, monkeypatch,
                                                 english_plurals):
    from app.store.models import Message

    mbox = tmp_path / "Archive.mbox"
    mbox.write_bytes(b"".join(b"From - Mon Mar 02 10:00:00 2015\nFrom: a@example.com\nSubject: Up %d\n"
                              b"Message-ID: <up-gui%d@example.com>\nX-Mozilla-Status: 0001\n\nBody\n\n" % (n, n)
                              for n in range(3)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(mbox), ""))
    window, _service = open_window(start=False)
    mail_menu_entry(window, "&Import Mail…").trigger()
    dialog = window.findChild(MailImportDialog, "mail-import-dialog")
    assert [dialog.destination.itemText(i) for i in range(dialog.destination.count())] == [
        "Local Folders (this computer only)", "work (upload to the server)"]
    dialog.destination.setCurrentIndex(1)
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    dialog.folder.setText("Archive")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: dialog.outcome is not None, timeout=60, what="the upload")
    assert dialog.status.text() == "3 messages uploaded to work."
    imap.select_folder("Archive", readonly=True)
    assert len(imap.search("SEEN")) == 3
    folder = find_folder(store, account.id, "Archive")  # the sync after the upload stored them
    with store.read() as session:
        assert session.query(Message).filter(Message.folder_id == folder.id).count() == 3
    assert local_account(store) is None  # nothing went into Local Folders
    dialog.reject()
