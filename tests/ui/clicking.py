"""Clicking every control of a window the way a user does, answering whatever dialog opens.

:class:`Clicker` walks a widget's visible, enabled buttons and clicks each with a real mouse
click (so ``clicked(bool)`` reaches the slot exactly as it does for a user), triggers actions
through ``QAction.trigger`` (the signal a menu entry or a shortcut sends), opens context
menus with a real ``QContextMenuEvent``, and follows every window or dialog that opens to
click its controls too.  Modal dialogs, message boxes, file choosers and popup menus are
answered by a timer (Cancel/Escape), so nothing waits for a human.  Ops started by a click
are waited for (the writer drained, app events flushed) before the next click.

A test using it fails on any exception in a slot (pytest-qt) and any Qt warning
(``qt_log_level_fail``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)

from app.ui.ops import Ops

SETTLE_SECONDS = 0.05



def _alive(widget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True


class Clicker:
    def __init__(self, qtbot, store, skip_texts: set[str] = frozenset(), max_depth: int = 2):
        self.qtbot = qtbot
        self.store = store
        self.skip_texts = {t.replace("&", "") for t in skip_texts}
        self.max_depth = max_depth
        self.clicked: list[str] = []
        self.answered: list[str] = []
        self._seen: set[int] = set()
        self._acting = False
        self._context_pending = False
        self._timer = QTimer()
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._answer_modal)

    # -- answering ------------------------------------------------------------------------
    def __enter__(self) -> "Clicker":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _answer_modal(self) -> None:
        # Only a click still blocked in a nested event loop (exec) is answered; a dialog opened
        # with open()/show() is explored by the walker instead.
        if not self._acting:
            return
        popup = QApplication.activePopupWidget()
        if popup is not None and not self._context_pending:
            self.answered.append(f"popup {type(popup).__name__}")
            popup.close()
            return
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        self.answered.append(f"{type(modal).__name__}: {modal.windowTitle()}")
        if isinstance(modal, QMessageBox):
            cancel = modal.button(QMessageBox.StandardButton.Cancel) or modal.button(QMessageBox.StandardButton.No)
            (cancel.click() if cancel is not None else modal.reject())
        elif isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def settle(self) -> None:
        """Let ops started by a click finish and their results come back."""
        deadline = time.monotonic() + 5
        self.qtbot.wait(int(SETTLE_SECONDS * 1000))
        while (self.store.writer.busy or not Ops.all_settled()) and time.monotonic() < deadline:
            self.qtbot.wait(10)
        self.qtbot.wait(int(SETTLE_SECONDS * 1000))

    # -- clicking -------------------------------------------------------------------------
    def _label(self, thing) -> str:
        text = thing.text() if hasattr(thing, "text") else ""
        return (text or thing.toolTip() or thing.objectName() or type(thing).__name__).replace("&", "")

    def _skip(self, thing) -> bool:
        return self._label(thing) in self.skip_texts

    def _top_levels(self) -> set[QWidget]:
        return {w for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, QMenu)}

    def click_buttons(self, root: QWidget, depth: int = 0) -> None:
        """Click every visible, enabled button under ``root``; follow windows that open."""
        for button in list(root.findChildren(QAbstractButton)):
            if id(button) in self._seen or self._skip(button):
                continue
            try:
                if not button.isVisible() or not button.isEnabled() or isinstance(button.parent(), QTabBar):
                    continue
            except RuntimeError:  # deleted by an earlier click (a panel rebuilt itself)
                continue
            self._seen.add(id(button))
            if not _alive(button):
                continue
            self._around(lambda b=button: self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton),
                         f"{type(root).__name__} › {self._label(button)}", depth)

    def trigger_actions(self, actions: list[QAction], where: str, depth: int = 0) -> None:
        for action in actions:
            if action.isSeparator() or action.menu() is not None or id(action) in self._seen or self._skip(action):
                continue
            if not action.isVisible() or not action.isEnabled():
                continue
            self._seen.add(id(action))
            self._around(action.trigger, f"{where} › {self._label(action)}", depth)

    def menu_actions(self, menu: QMenu) -> list[QAction]:
        """Every action of a menu and its submenus (submenus filled as when they open)."""
        menu.aboutToShow.emit()
        found = []
        for action in menu.actions():
            if action.menu() is not None:
                found += self.menu_actions(action.menu())
            else:
                found.append(action)
        return found

    def menu_actions_of(self, window) -> list[QAction]:
        """Every entry of the window's menu bar, submenus included."""
        found = []
        for top in window.menuBar().actions():
            if top.menu() is not None and top.isVisible():
                found += self.menu_actions(top.menu())
        return found

    def context_menu(self, widget: QWidget, position: QPoint) -> list[str]:
        """Open ``widget``'s context menu with a real event and trigger each of its entries."""
        texts: list[str] = []

        def collect() -> None:
            popup = QApplication.activePopupWidget()
            if isinstance(popup, QMenu):
                texts.extend(a.text() for a in popup.actions() if not a.isSeparator() and a.menu() is None)
                popup.close()
        self._open_context(widget, position, collect)
        for index, text in enumerate(texts):
            if text.replace("&", "") in self.skip_texts:
                continue

            def pick(i=index) -> None:
                popup = QApplication.activePopupWidget()
                if isinstance(popup, QMenu):
                    entries = [a for a in popup.actions() if not a.isSeparator() and a.menu() is None]
                    popup.close()
                    if i < len(entries) and entries[i].isEnabled():
                        entries[i].trigger()
            self._around(lambda p=pick: self._open_context(widget, position, p),
                         f"context › {text.replace('&', '')}", 1)
        return texts

    def _open_context(self, widget: QWidget, position: QPoint, then) -> None:
        def run_then() -> None:
            self._context_pending = False
            then()
        self._context_pending = True
        QTimer.singleShot(50, run_then)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position))
        acting, self._acting = self._acting, True
        try:
            QApplication.sendEvent(widget, event)
        finally:
            self._acting = acting
        self.qtbot.wait(80)

    def _around(self, act, label: str, depth: int) -> None:
        before = self._top_levels()
        self.clicked.append(label)
        self._acting = True
        try:
            act()
        finally:
            self._acting = False
        self.settle()
        for window in self._top_levels() - before:
            try:
                if depth < self.max_depth:
                    self.click_buttons(window, depth + 1)
                if window.isVisible():
                    self._acting = True  # closing may ask (keep this draft?): answered like a click
                    try:
                        window.close()
                    finally:
                        self._acting = False
                    self.settle()
            except RuntimeError:  # the window deleted itself (a dialog closed by one of its buttons)
                continue
