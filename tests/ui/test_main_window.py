"""The main window over a real synced store, and background sync with IDLE (pytest-qt)."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.message_list_model import MessageListModel, Roles
from app.ui.sync_service import SyncService
from tests.support.message_factory import make_message
from tests.ui.waiting import select_row_where

pytestmark = pytest.mark.integration


@pytest.fixture
def window(qtbot, store, account, profile_dir):
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    yield win
    service.stop()


def test_message_model_passes_the_model_tester(qtmodeltester, qapp, store, account, imap, run_sync):
    for n in range(30):
        imap.append("INBOX", make_message(n))
    run_sync()
    from app.store.mail_queries import find_folder

    model = MessageListModel(store)
    model.set_folder(find_folder(store, account.id, None).id)
    assert model.rowCount() == 30
    qtmodeltester.check(model)


def test_window_lists_folders_and_shows_the_selected_message(qtbot, window, imap, run_sync):
    imap.append("INBOX", (
        "From: 张伟 <zhang.wei@huaxin-trade.cn>\r\nTo: sales@example.com\r\n"
        "Subject: =?utf-8?b?5oql5Lu35Y2V?=\r\nDate: Mon, 2 Nov 2026 10:00:00 +0800\r\n"
        "Content-Type: text/plain; charset=gbk\r\n\r\n").encode() + "请查收报价单。".encode("gbk"))
    imap.append("INBOX", make_message(3))
    run_sync()
    window.reload_folders()
    labels = [window.folders.topLevelItem(0).child(i).text(0)
              for i in range(window.folders.topLevelItem(0).childCount())]
    assert labels[0] == "INBOX (2)" and set(labels[1:]) == {"Sent", "Drafts", "Archive", "Junk", "Trash"}
    assert window.messages.rowCount() == 2
    select_row_where(window, 1, "报价单")
    assert "张伟 <zhang.wei@huaxin-trade.cn>" in window.reader.header_text()
    assert window.body.toPlainText() == "请查收报价单。"
    # opening it marked it read: the folder's unread count follows shortly after
    qtbot.waitUntil(lambda: window.folders.topLevelItem(0).child(0).text(0) == "INBOX (1)", timeout=3000)


def show_thirty_messages(qtbot, window, imap, run_sync):
    """Thirty synced messages in the shown window, every row read: (model, view)."""
    for n in range(30):
        imap.append("INBOX", make_message(n))
    run_sync()
    window.reload_folders()
    window.show()
    qtbot.waitExposed(window)
    model = window.messages
    qtbot.waitUntil(lambda: all(model.row_for_paint(r) is not None for r in range(30)), timeout=5000)
    return model, window.list_view


def test_opening_a_message_repaints_its_row_and_not_the_list(qtbot, window, imap, run_sync):
    """Opening a message marks it read: the list is told about that row alone, and the row is
    then painted read. (Every row was signalled, at once and again when the row's page had
    been read anew: two repaints of the whole list for each message opened.)"""
    model, view = show_thirty_messages(qtbot, window, imap, run_sync)
    assert model.rowCount() == 30 and model.index(5, 0).data(Roles.Unread)
    signalled = []
    model.dataChanged.connect(lambda top, bottom, *_: signalled.append((top.row(), bottom.row())))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(5, 1)).center())
    qtbot.waitUntil(lambda: (row := model.row_for_paint(5)) is not None and row.seen, timeout=5000)
    assert not model.index(5, 0).data(Roles.Unread) and model.index(6, 0).data(Roles.Unread)
    assert signalled and set(signalled) == {(5, 5)}
    # Flagging a selection of three: those three rows, each painted flagged.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(7, 1)).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view.visualRect(model.index(9, 1)).center())
    assert len(view.selectionModel().selectedRows()) == 3
    qtbot.waitUntil(lambda: (row := model.row_for_paint(9)) is not None and row.seen, timeout=5000)  # opened
    signalled.clear()
    window.actions.toggle_flag.trigger()
    qtbot.waitUntil(lambda: all((row := model.row_for_paint(r)) is not None and row.flagged for r in (7, 8, 9)),
                    timeout=5000)
    assert signalled and all(7 <= top <= bottom <= 9 for top, bottom in signalled)
    assert not model.index(6, 0).data(Roles.Flagged) and not model.index(10, 0).data(Roles.Flagged)


def test_the_list_paints_a_row_again_from_its_pixmap_and_a_changed_row_anew(qtbot, window, imap, run_sync,
                                                                            monkeypatch):
    """A repaint of rows already painted copies their pixmaps (no text is laid out again); a
    row that changed, was selected or was resized is painted anew, and looks it."""
    from app.ui import message_list_view

    laid_out = []  # watched from the first paint: the window may paint the rows as soon as they come
    original = message_list_view.OneLineDelegate._paint_row
    monkeypatch.setattr(message_list_view.OneLineDelegate, "_paint_row",
                        lambda self, painter, option, row, *rest: (laid_out.append(row.id),
                                                                   original(self, painter, option, row, *rest)))
    model, view = show_thirty_messages(qtbot, window, imap, run_sync)

    def row_image(row: int):
        rect = view.visualRect(model.index(row, 0)).united(view.visualRect(model.index(row, 2)))
        return view.viewport().grab(rect).toImage()

    view.viewport().repaint()  # by now every visible row was laid out once
    assert {model.row_for_paint(r).id for r in range(5, 10)} <= set(laid_out)
    unread = row_image(5)
    laid_out.clear()
    view.viewport().repaint()
    assert laid_out == [] and row_image(5) == unread  # every visible row from its pixmap
    # Opening row 5 marks it read (no longer bold) and selects it: painted anew, different.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(5, 1)).center())
    qtbot.waitUntil(lambda: (row := model.row_for_paint(5)) is not None and row.seen, timeout=5000)
    qtbot.waitUntil(lambda: model.row_for_paint(5).id in laid_out, timeout=5000)
    read_selected = row_image(5)
    assert read_selected != unread
    # Unread again (the real action): bold again, still selected — not the read row's pixmap.
    window.actions.toggle_read.trigger()
    qtbot.waitUntil(lambda: not model.row_for_paint(5).seen, timeout=5000)
    qtbot.waitUntil(lambda: row_image(5) != read_selected, timeout=5000)
    # A wider subject column moves the date: every row is laid out again at the new width.
    laid_out.clear()
    before = row_image(6)
    view.horizontalHeader().resizeSection(0, view.columnWidth(0) + 40)
    view.viewport().repaint()
    assert model.row_for_paint(6).id in laid_out and row_image(6) != before


def test_background_sync_and_idle_bring_new_mail_into_the_window(qtbot, store, account, imap,
                                                                  profile_dir):
    import multiprocessing

    imap.append("INBOX", make_message(1))
    service = SyncService(store, separate_process=True)  # as the app runs: passes in a sync process
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    states = []
    service.account_state_changed.connect(lambda _id, state, _detail: states.append(state))
    service.start()
    try:
        qtbot.waitUntil(lambda: win.messages.rowCount() == 1, timeout=15000)
        qtbot.waitUntil(lambda: "up to date" in win.status_label.text(), timeout=15000)
        assert states[0] == "syncing" and states[-1] == "ok"
        qtbot.waitUntil(lambda: bool(service._watchers)
                        and all(w.connected.is_set() for w in service._watchers.values()), timeout=10000)
        imap.append("INBOX", make_message(2))  # arrives while the window is idle
        qtbot.waitUntil(lambda: win.messages.rowCount() == 2, timeout=15000)
        assert [p.name for p in multiprocessing.active_children()] == ["liaison-sync"]
    finally:
        service.stop()
    assert not [t.name for t in threading.enumerate() if t.name.startswith(("liaison-imap", "liaison-smtp",
                                                                            "liaison-idle", "liaison-schedule"))]
    assert multiprocessing.active_children() == []


def test_offline_is_reported_not_shown_as_synced(qtbot, account, dovecot, open_window):
    dovecot.stop()
    win, _service = open_window()
    qtbot.waitUntil(lambda: "offline" in win.status_label.text(), timeout=15000)
    assert "up to date" not in win.status_label.text()


def test_initial_sync_fills_the_list_batch_by_batch_keeping_the_selection(
        qtbot, store, account, imap, profile_dir, monkeypatch):
    import time

    from app.mail.imap import folder_sync
    from app.mail.imap import message_writer

    imap.multiappend("INBOX", [make_message(n) for n in range(240)])
    monkeypatch.setattr(folder_sync, "FETCH_BATCH", 20)
    real_store = message_writer.store_prepared

    def slow_store(*args):  # a slow disk or a big mailbox: several refreshes happen meanwhile
        time.sleep(0.15)
        return real_store(*args)

    monkeypatch.setattr(message_writer, "store_prepared", slow_store)
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    sizes = []
    win.messages.rowsInserted.connect(lambda *_: sizes.append(win.messages.rowCount()))
    win.messages.modelReset.connect(lambda: sizes.append(win.messages.rowCount()))
    service.start()
    try:
        qtbot.waitUntil(lambda: win.messages.rowCount() > 0, timeout=15000)
        win.list_view.setCurrentIndex(win.messages.index(0, 0))
        newest = win.messages.index(0, 0).data(Roles.MessageId)
        newest_subject = win.messages.index(0, 1).data()
        qtbot.waitUntil(lambda: win.messages.rowCount() == 240, timeout=30000)
    finally:
        service.stop()
    partial = [n for n in sizes if 0 < n < 240]
    assert len(partial) >= 2, f"rows should appear in steps while the sync runs: {sizes}"
    assert win.list_view.currentIndex().data(Roles.MessageId) == newest
    qtbot.waitUntil(lambda: win.reader.shown_pk == newest, timeout=5000)
    assert newest_subject and newest_subject in win.reader.header_text()


def test_actions_apply_at_once_reach_the_server_and_undo(qtbot, store, account, imap, run_sync,
                                                          profile_dir, monkeypatch):
    from app.ui import message_actions

    monkeypatch.setattr(message_actions, "PUSH_DELAY_MS", 50)
    for n in range(3):
        imap.append("INBOX", make_message(n))
    run_sync()
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    service.start()
    try:
        assert win.messages.rowCount() == 3
        first = win.messages.index(0, 0)
        win.list_view.setCurrentIndex(first)  # opening marks it read (an op: written off the GUI thread)
        qtbot.waitUntil(lambda: not win.messages.index(0, 0).data(Roles.Unread), timeout=5000)
        win.actions.toggle_flag.trigger()
        qtbot.waitUntil(lambda: win.messages.index(0, 0).data(Roles.Flagged), timeout=5000)
        opened_id = win.messages.index(0, 0).data(Roles.MessageId)
        win.actions.delete.trigger()
        qtbot.waitUntil(lambda: win.messages.rowCount() == 2, timeout=5000)
        assert win.list_view.currentIndex().row() == 0
        def server_count(folder):  # re-selecting makes the server report its current state
            return imap.select_folder(folder, readonly=True)[b"EXISTS"]

        qtbot.waitUntil(lambda: server_count("Trash") == 1, timeout=15000)
        trash_uid = imap.search(["ALL"])[0]
        assert imap.get_flags([trash_uid])[trash_uid] and b"\\Flagged" in imap.get_flags([trash_uid])[trash_uid]
        failures = []
        win.actions.failed.connect(failures.append)
        assert win.actions.undo.isEnabled()
        win.actions.undo.trigger()
        assert failures == []
        qtbot.waitUntil(lambda: server_count("INBOX") == 3, timeout=15000)
        assert server_count("Trash") == 0
        qtbot.waitUntil(lambda: win.messages.rowCount() == 3, timeout=15000)
        assert opened_id in [win.messages.index(r, 0).data(Roles.MessageId) for r in range(3)]
    finally:
        service.stop()


def test_sorting_by_sender_and_subject_happens_in_sql_and_keeps_the_selection(
        qtbot, window, imap, run_sync):
    for sender, subject, day in (("Bob <b@x.test>", "beta", 2), ("alice <a@x.test>", "Gamma", 3),
                                 ("<carol@x.test>", "alpha", 4), ("Émile <e@x.test>", "delta", 1)):
        imap.append("INBOX", (f"From: {sender}\r\nSubject: {subject}\r\n"
                              f"Date: {day} Nov 2026 10:00:00 +0000\r\n\r\nx\r\n").encode())
    run_sync()
    window.reload_folders()
    model = window.messages

    def column(n):
        return [model.index(r, n).data() for r in range(model.rowCount())]

    assert column(1) == ["alpha", "Gamma", "beta", "delta"]  # date, newest first
    window.list_view.setCurrentIndex(model.index(2, 0))  # "beta"
    window.list_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(0) == ["alice", "Bob", "carol@x.test", "Émile"]  # name, else address; no case
    assert window.list_view.currentIndex().data() == "Bob"  # the selection followed its message
    window.list_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(1) == ["Gamma", "delta", "beta", "alpha"]
    assert window.list_view.currentIndex().row() == 2


def test_move_to_a_chosen_folder_reaches_the_server(qtbot, window, imap, run_sync, monkeypatch):
    from app.ui import folder_picker

    imap.create_folder("Customers/华信")
    imap.append("INBOX", make_message(1))
    run_sync()
    window.reload_folders()
    offered = []

    def pick(self):
        offered.extend(self.list.item(r).text() for r in range(self.list.count()))
        self.filter.setText("华信")
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(folder_picker.FolderPicker, "exec", pick)
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    window.actions.move_to.trigger()
    assert "Customers/华信" in offered and "INBOX" not in offered
    qtbot.waitUntil(lambda: window.messages.rowCount() == 0, timeout=5000)
    window.sync.start()
    qtbot.waitUntil(lambda: imap.select_folder("Customers/华信", readonly=True)[b"EXISTS"] == 1,
                    timeout=15000)
    assert imap.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0


def test_new_mail_keeps_the_selection_and_the_scroll_position(qtbot, window, imap, run_sync):
    base = datetime(2026, 3, 1, tzinfo=timezone.utc)
    imap.multiappend("INBOX", [make_message(n, base_date=base) for n in range(60)])
    run_sync()
    window.reload_folders()
    window.resize(1000, 400)
    window.show()
    qtbot.waitExposed(window)
    view, model = window.list_view, window.messages
    view.scrollTo(model.index(30, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    view.setCurrentIndex(model.index(33, 0))
    selected = view.currentIndex().data(Roles.MessageId)
    top_id = view.indexAt(QPoint(0, 0)).data(Roles.MessageId)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    later = datetime(2026, 6, 1, tzinfo=timezone.utc)  # newer than all: lands at the top
    imap.multiappend("INBOX", [make_message(100 + n, base_date=later) for n in range(3)])
    run_sync()
    window._refresh_messages()
    assert model.rowCount() == 63 and resets == []
    assert view.currentIndex().data(Roles.MessageId) == selected
    assert view.currentIndex().row() == 36
    assert view.indexAt(QPoint(0, 0)).data(Roles.MessageId) == top_id  # same messages in view
    view.scrollToTop()
    imap.append("INBOX", make_message(200, base_date=datetime(2026, 7, 1, tzinfo=timezone.utc)))
    run_sync()
    window._refresh_messages()
    assert view.indexAt(QPoint(0, 0)).data(Roles.MessageId) == model.index(0, 0).data(Roles.MessageId)
    assert model.rowCount() == 64 and "200" in model.index(0, 1).data()  # shown at the top


def test_keep_private_from_the_message_menu_marks_the_selected_message(qtbot, window, store, imap, run_sync):
    """Message → Keep Private: the message is never shared with the team (by its Message-ID)."""
    from app.store.models import Message
    from app.store.team_models import PrivateMessage
    from sqlalchemy import select

    imap.append("INBOX", make_message(1))
    run_sync()
    window.reload_folders()
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and window.actions.keep_private
                in a.menu().actions())
    [entry] = [a for a in menu.actions() if a is window.actions.keep_private]
    assert entry.isEnabled()
    entry.trigger()

    def marked():
        with store.read() as session:
            key = session.scalar(select(Message.message_id))
            return session.get(PrivateMessage, key) is not None
    qtbot.waitUntil(marked, timeout=5000)
