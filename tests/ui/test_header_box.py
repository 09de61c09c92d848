"""The reader's header box: a new header text lays out the box, not the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit, QVBoxLayout, QWidget

from app.ui.header_box import HeaderBox


class LayoutRequests(QObject):
    def __init__(self, widget: QWidget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_header_of_as_many_lines_leaves_the_window_alone_and_a_longer_one_makes_room(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    label = QLabel()
    label.setWordWrap(True)
    box = HeaderBox(label)
    body = QTextEdit()
    layout.addWidget(box)
    layout.addWidget(body, 1)
    qtbot.addWidget(window)
    window.resize(420, 320)
    window.show()
    qtbot.waitExposed(window)
    label.setText("询价：LED 面板 2000 台\n张伟 <zhang.wei@huaxin-trade.cn>")
    qtbot.waitUntil(lambda: box.height() == box.needed_height() > 0)
    two_lines = box.height()
    requests = LayoutRequests(window)

    label.setText("Re: Quote for 500 units\nAnna Schmidt <anna@nordwind.example>")
    for _ in range(5):
        QApplication.processEvents()
    assert requests.count == 0  # the window was not asked to lay out again
    assert box.height() == two_lines and label.height() == box.needed_height()
    assert body.geometry().top() >= box.geometry().bottom()

    label.setText("Subject\nFrom\nTo: someone\nCc: someone else\nCc: and another")
    qtbot.waitUntil(lambda: box.height() == box.needed_height() > two_lines)
    assert requests.count > 0  # more room: the window lays out once
    qtbot.waitUntil(lambda: body.geometry().top() >= box.geometry().bottom())

    label.hide()
    qtbot.waitUntil(lambda: box.height() == 0)
