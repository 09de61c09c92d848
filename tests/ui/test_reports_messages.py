"""The messages behind mail report rows, clicked in the window as a manager would: Go →
Reports, Response time, a colleague's row, double-click her customer's message (the shared
message's dialog), then my own row and my message (the reader); an activity row lists a week's
mail."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.paths import ProfilePaths
from app.store.models import Message
from tests.ui.test_chinese_window import chinese  # noqa: F401  (Qt's and Liaison's Chinese)
from tests.ui.waiting import wait_for
from tests.unit.test_report_team_mail import _signed_in, team_mail  # noqa: F401  (the shared mail)


def _click_report(qtbot, view, title: str, name: str) -> None:
    item = view.picker.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(view.picker.viewport(), Qt.MouseButton.LeftButton, pos=view.picker.visualItemRect(item).center())
    wait_for(lambda: view.report is not None and view.report.name == name, what=name)


def _click_row(qtbot, view, first_cell: str, second_cell: str) -> None:
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, 0).text() == first_cell and view.table.item(r, 1).text() == second_cell)
    view.table.scrollToItem(view.table.item(row, 0))
    rect = view.table.visualItemRect(view.table.item(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [row]


def _behind(view) -> list[str]:
    return [view.behind.item(n).text() for n in range(view.behind.count())]


def _double_click_behind(qtbot, view, text: str) -> None:
    item = view.behind.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    rect = view.behind.visualItemRect(item)
    qtbot.mouseClick(view.behind.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.behind.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_messages_behind_response_time_and_activity_rows_open(qtbot, team_mail, profile_dir, tmp_path):  # noqa: F811
    from app.ui.main_window import MainWindow
    from app.ui.sync_service import SyncService

    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    store.writer.never_wait_on()
    service = SyncService(store, use_idle=False)
    window = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    window.window_actions.go_reports.trigger()
    view = window.reports_view
    assert window.sections.currentWidget() is view
    _click_report(qtbot, view, "Response time", "response-time")

    # Amy's row: the customer's message that waited for her, shared by her; double-click: its dialog.
    _click_row(qtbot, view, "Colleague", "amy@us.test")
    wait_for(lambda: _behind(view) == ["Colleague's message: 2026-11-24 · 合同 · Amy"], what="Amy's waits")
    assert view.behind_label.text() == "Behind this row: 1 (double-click to open)"
    view.grab().save(str(tmp_path / "reports-behind.png"))
    _double_click_behind(qtbot, view, "Colleague's message: 2026-11-24 · 合同 · Amy")
    wait_for(lambda: view.shared_mail is not None and view.shared_mail.isVisible(), what="the shared message")
    assert view.shared_mail.windowTitle() == "合同"
    view.shared_mail.close()

    # My row: my customer's message; double-click: the Mail tab, that message in the list and the reader.
    _click_row(qtbot, view, "Colleague", "me@us.test")
    wait_for(lambda: _behind(view) == ["Message: 2026-11-24 · 报价"], what="my waits")
    with store.read() as session:
        question = session.query(Message.id).filter(Message.subject == "报价").scalar()
    _double_click_behind(qtbot, view, "Message: 2026-11-24 · 报价")
    wait_for(lambda: window.sections.currentIndex() == 0, what="the Mail tab")
    wait_for(lambda: window.reader._message_pk == question, what="the message in the reader")

    # Activity: Amy's week lists the mail she shared, newest first.
    window.window_actions.go_reports.trigger()
    _click_report(qtbot, view, "Activity per week", "activity")
    _click_row(qtbot, view, "2026-W48", "amy@us.test")
    wait_for(lambda: len(_behind(view)) == 4, what="Amy's week")
    assert _behind(view)[0] == "Colleague's message: 2026-11-24 · 回复：合同 · Amy"
    service.stop()


def test_the_messages_behind_a_row_in_chinese(qtbot, team_mail, chinese, tmp_path):  # noqa: F811
    from app.ui.reports_view import ReportsView

    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    store.writer.never_wait_on()
    view = ReportsView(store)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    wait_for(lambda: view.report is not None)
    item = next(view.picker.item(n) for n in range(view.picker.count())
                if view.picker.item(n).data(Qt.ItemDataRole.UserRole) == "response-time")
    qtbot.mouseClick(view.picker.viewport(), Qt.MouseButton.LeftButton, pos=view.picker.visualItemRect(item).center())
    wait_for(lambda: view.report.name == "response-time")
    _click_row(qtbot, view, view.table.item(0, 0).text(), "amy@us.test")
    wait_for(lambda: _behind(view) == ["同事的邮件: 2026-11-24 · 合同 · Amy"], what="Amy's waits")
    assert view.behind_label.text() == "这一行包含 1 条记录（双击打开）"
    view.grab().save(str(tmp_path / "reports-behind-zh.png"))
