"""Helpers for the customer GUI tests: answer modal dialogs, type Chinese, wait for ops."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

import pytest

from tests.ui.waiting import settle as settle_all, wait_for

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
CHEN = "陈静 <chen.jing@huaxin-trade.cn>"
WANG = "王芳 <wangfang@163.com>"
MAYA = "Maya Chen <maya.chen@example.com>"  # a colleague: the account is sales@example.com
ME = "Me <sales@example.com>"


def answer_modal(handler, kind=None, seen: list | None = None) -> list:
    """Run ``handler(dialog)`` on the next modal dialog (of ``kind``) once it is shown."""
    answered = seen if seen is not None else []

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind is not None and not isinstance(dialog, kind)):
            QTimer.singleShot(10, attempt)
            return
        answered.append(dialog)
        # A dialog the handler failed to close would block the test for ever: close it later.
        QTimer.singleShot(10000, lambda: _close_if_open(dialog))
        handler(dialog)
    QTimer.singleShot(0, attempt)
    return answered


def _close_if_open(dialog) -> None:
    try:
        if dialog.isVisible():
            dialog.reject()
    except RuntimeError:  # already deleted with its window
        pass


def type_into(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch))


def click(qtbot, button) -> None:
    label = button.text() if hasattr(button, "text") else type(button).__name__
    assert button.isVisible() and button.isEnabled(), f"{label!r} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle_all()  # what the click shows is read off the GUI thread


def click_accepting(qtbot, button, fill, kind=QDialog) -> QDialog:
    """Click ``button``; the modal dialog it opens is filled by ``fill(dialog)`` (which accepts it)."""
    seen = answer_modal(fill, kind)
    click(qtbot, button)
    wait_for(lambda: seen, what="the dialog")
    return seen[0]


def right_click(qtbot, widget: QWidget, position: QPoint) -> None:
    """A right click: the press (it selects) and the context-menu event a platform sends with it."""
    qtbot.mouseClick(widget, Qt.MouseButton.RightButton, pos=position)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position))
    QApplication.sendEvent(widget, event)


def menu_action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def choose(qtbot, menu: QMenu, text: str) -> None:
    """Pick ``text`` in an open menu with the keyboard, as a person would."""
    action = menu_action(menu, text)
    assert menu.isVisible() and action.isEnabled(), text
    menu.setActiveAction(action)
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def settle(panel) -> None:
    """Wait for the ops in flight (writes, and the reads a refresh starts), deliver their change
    sets now, and wait for the reads those start."""
    from tests.ui.waiting import wait_idle

    panel.store.writer.drain()
    wait_idle(panel.ops)
    panel.ops.events.flush()
    wait_idle(panel.ops)


@pytest.fixture
def english_plurals(qapp):
    """English plural forms for this test only ("1 contact", "2 contacts"), as the app installs them."""
    from app.ui.plurals import EnglishPlurals

    translator = EnglishPlurals()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
