"""Answering dialogs from a test, and typing any text as key events (composer and templates tests)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox


def answer_modal(handler, kind=None) -> None:
    """Run ``handler(dialog)`` on the next modal dialog (of ``kind``) once it is shown."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind is not None and not isinstance(dialog, kind)):
            QTimer.singleShot(10, attempt)
            return
        handler(dialog)
    QTimer.singleShot(0, attempt)


def click_message_box(qtbot, button) -> list[str]:
    """Answer the next message box with ``button``; the list gets its text once it was shown."""
    seen: list[str] = []

    def press(box: QMessageBox):
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    answer_modal(press, QMessageBox)
    return seen


def click_box_button(qtbot, dialog, button: QDialogButtonBox.StandardButton) -> None:
    """Click a standard button (OK, Save, Cancel…) of a dialog's button box."""
    for box in dialog.findChildren(QDialogButtonBox):
        if box.button(button) is not None:
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
            return
    raise AssertionError(f"no {button} button in {dialog!r}")


def back_to(qtbot, window) -> None:
    """The window is active again after a dialog (a window manager does this; offscreen Qt does not)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def type_text(widget, text: str) -> None:
    """Type any text, Chinese included, as key events (qtbot.keyClicks aborts on non-ASCII)."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else (Qt.Key.Key_unknown if ord(char) > 127 else 0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
