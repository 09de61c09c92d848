"""The timeline paints an entry once and copies it after; an entry that changed, or was
selected, is painted anew and looks it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.crm.timeline import Entry
from app.ui import timeline_view
from app.ui.timeline_view import TimelineView

DAY = 86400


def email(key: int, at: int, thread: int) -> Entry:
    return Entry("email", at, key, f"Quotation {key}", "From Anna · INBOX", message_id=f"<{key}@x>",
                 thread_id=thread)


def test_an_entry_is_painted_once_and_again_only_when_it_changes(qtbot, monkeypatch):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show_list([email(1, 10 * DAY, thread=7), email(2, 9 * DAY, thread=8)])
    view.show()
    qtbot.waitExposed(view)
    painted = []
    original = timeline_view.TimelineDelegate._paint
    monkeypatch.setattr(timeline_view.TimelineDelegate, "_paint",
                        lambda self, painter, option, index: (painted.append(index.row()),
                                                              original(self, painter, option, index)))
    row = view.row_of(lambda entry: entry.key == 1).row()

    def image():
        return view.viewport().grab(view.visualRect(view.model().index(row, 0))).toImage()

    view.viewport().repaint()
    before = image()
    painted.clear()
    view.viewport().repaint()
    assert painted == [] and image() == before  # every entry copied from its pixmap
    # An older message of the first conversation arrives: that row now says "2 messages".
    view.model_.append([email(3, 8 * DAY, thread=7)])
    qtbot.waitUntil(lambda: row in painted, timeout=3000)  # the view repaints the changed row itself
    grown = image()
    assert grown != before
    # Selected (a click): painted anew, with the selection's fill.
    painted.clear()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: row in painted, timeout=3000)
    assert image() != grown


def test_an_inactive_window_paints_its_entries_anew(qtbot, monkeypatch):
    """The window's active state picks the palette's colour group (an inactive window's
    selection), so an entry painted active is not copied into an inactive window."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    view = TimelineView()
    qtbot.addWidget(view)
    view.show_list([email(1, 10 * DAY, thread=7)])
    painted = []
    original = timeline_view.TimelineDelegate._paint
    monkeypatch.setattr(timeline_view.TimelineDelegate, "_paint",
                        lambda self, painter, option, index: (painted.append(option.state),
                                                              original(self, painter, option, index)))
    index = view.row_of(lambda entry: entry.key == 1)
    delegate = view.itemDelegate()
    image = QImage(400, 60, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for active in (True, True, False):
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index).translated(0, -view.visualRect(index).top())
        option.state |= QStyle.StateFlag.State_Selected
        option.state = option.state | QStyle.StateFlag.State_Active if active \
            else option.state & ~QStyle.StateFlag.State_Active
        delegate.paint(painter, option, index)
    painter.end()
    assert [bool(state & QStyle.StateFlag.State_Active) for state in painted] == [True, False]
