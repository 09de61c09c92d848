"""The Reports view, clicked as a manager would: each report from the list, the period, the
owner, the days; a bar clicked selects its row; both exports written and read back."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.waiting import wait_for
from tests.unit.test_reports import sales  # noqa: F401  (the deals with hand-computed figures)


def rows_of(view) -> list[list[str]]:
    return [[view.table.item(r, c).text() for c in range(view.table.columnCount())]
            for r in range(view.table.rowCount())]


def test_reports_view(qtbot, sales, tmp_path, monkeypatch):  # noqa: F811
    from app.ui.reports_view import ReportsView

    from PySide6.QtCore import QLocale

    store = sales
    store.writer.never_wait_on()
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))  # thousands shown
    view = ReportsView(store)
    QLocale.setDefault(previous)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    wait_for(lambda: view.report is not None and view.report.name == "pipeline")
    assert rows_of(view) == [["Lead", "CNY", "2", "3,000.50", "10 %", "300.05"],
                             ["Proposal", "USD", "1", "5,000.00", "50 %", "2,500.00"]]
    assert [bar[0] for bar in view.chart.bars] == ["Lead · CNY", "Proposal · USD"]

    # A bar clicked: its row is selected in the table.
    bar = view.chart.bar_rect(1)
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=QPoint(int(bar.center().x()), int(bar.center().y())))
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [1]
    # What the bar counts is listed beside it; a double-click opens the deal.
    assert view.behind.count() == 1 and view.behind.item(0).text().startswith("Deal: ")
    opened = []
    view.record_requested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    item = view.behind.item(0)
    rect = view.behind.visualItemRect(item)
    qtbot.mouseClick(view.behind.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.behind.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1 and opened[0][0] == "deal"
    with store.read() as session:
        from app.store.crm_models import Deal
        assert session.get(Deal, opened[0][1]).currency == "USD"  # the Proposal · USD bar's deal

    # Every report from the list.
    for row in range(view.picker.count()):
        item = view.picker.item(row)
        qtbot.mouseClick(view.picker.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.picker.visualItemRect(item).center())
        name = item.data(Qt.ItemDataRole.UserRole)
        wait_for(lambda n=name: view.report is not None and view.report.name == n, what=name)
    funnel = view.picker.findItems("Funnel", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(view.picker.viewport(), Qt.MouseButton.LeftButton, pos=view.picker.visualItemRect(funnel).center())
    wait_for(lambda: view.report.name == "funnel")
    assert [r[:2] for r in rows_of(view)] == [["Lead", "5"], ["Qualified", "2"], ["Proposal", "2"],
                                              ["Negotiation", "1"], ["Won", "1"]]
    # The last 30 days leave out deal A, made 40 days ago.
    view.period.setFocus()
    qtbot.keyClick(view.period, Qt.Key.Key_Down)
    qtbot.keyClick(view.period, Qt.Key.Key_Down)
    assert view.period.currentData() == "30"
    wait_for(lambda: rows_of(view)[0][:2] == ["Lead", "4"])

    stuck = view.picker.findItems("Stuck deals", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(view.picker.viewport(), Qt.MouseButton.LeftButton, pos=view.picker.visualItemRect(stuck).center())
    wait_for(lambda: view.report.name == "stuck-deals" and len(rows_of(view)) == 1)
    view.days.setFocus()
    view.days.selectAll()
    qtbot.keyClicks(view.days, "45")
    wait_for(lambda: view.report.name == "stuck-deals" and rows_of(view) == [])
    assert not view.export_csv.isEnabled()
    view.days.selectAll()
    qtbot.keyClicks(view.days, "30")
    wait_for(lambda: len(rows_of(view)) == 1)
    qtbot.keyClicks(view.owner, "nobody")
    qtbot.keyClick(view.owner, Qt.Key.Key_Return)
    wait_for(lambda: rows_of(view) == [])
    view.owner.clear()
    qtbot.keyClick(view.owner, Qt.Key.Key_Return)
    wait_for(lambda: len(rows_of(view)) == 1)
    for box in (view.team, view.tag):  # nobody's team, nobody's tag: nothing; cleared: the deal again
        qtbot.keyClicks(box, "nobody")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        wait_for(lambda: rows_of(view) == [])
        box.clear()
        qtbot.keyClick(box, Qt.Key.Key_Return)
        wait_for(lambda: len(rows_of(view)) == 1)

    # Both exports, through the buttons.
    target = {"csv": str(tmp_path / "stuck.csv"), "xlsx": str(tmp_path / "stuck.xlsx")}
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kw: (target["csv" if args[3].startswith("CSV") else "xlsx"], ""))
    qtbot.mouseClick(view.export_csv, Qt.MouseButton.LeftButton)
    wait_for(lambda: view.status.text() == f"Saved {target['csv']}")
    table = list(csv.reader(open(target["csv"], encoding="utf-8-sig")))
    assert table[0][:3] == ["Deal", "Stage", "Days in stage"] and table[1][:3] == ["A", "Lead", "40"]
    qtbot.mouseClick(view.export_xlsx, Qt.MouseButton.LeftButton)
    wait_for(lambda: view.status.text() == f"Saved {target['xlsx']}")
    # The dashboard: every report with these filters, a page each, one PDF.
    pdf = str(tmp_path / "dashboard.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (pdf, ""))
    qtbot.mouseClick(view.export_pdf, Qt.MouseButton.LeftButton)
    wait_for(lambda: view.status.text() == f"Saved {pdf}")
    assert open(pdf, "rb").read(5) == b"%PDF-"
    from openpyxl import load_workbook

    assert [c.value for c in load_workbook(target["xlsx"]).active[2]][:3] == ["A", "Lead", 40]
    view.grab().save(str(tmp_path / "reports.png"))
