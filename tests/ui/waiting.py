"""Waiting for the window in GUI tests: reading and writing happen off the GUI thread (ops)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication


def wait_for(predicate, timeout: float = 10.0, what: str = "the window") -> None:
    """Process events until ``predicate()`` holds; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.005)


def select_row_where(window, column: int, text: str, exact: bool = True) -> int:
    """Select the list row whose ``column`` shows ``text``; returns once the reader shows it."""
    from app.ui.message_list_model import Roles

    model = window.messages
    row = next(r for r in range(model.rowCount())
               if (model.index(r, column).data() == text if exact else text in (model.index(r, column).data() or "")))
    index = model.index(row, 0)
    window.list_view.setCurrentIndex(index)
    message_id = index.data(Roles.MessageId)
    wait_for(lambda: window.reader.shown_pk == message_id, what=f"message {text!r} in the reader")
    wait_idle(window.ops)
    return message_id


def wait_shown(window) -> None:
    """Wait until the reader shows the list's current message."""
    from app.ui.message_list_model import Roles

    current = window.list_view.currentIndex()
    message_id = current.data(Roles.MessageId) if current.isValid() else None
    wait_for(lambda: window.reader.shown_pk == message_id, what="the selected message in the reader")
    wait_idle(window.ops)


def wait_idle(ops, timeout: float = 10.0) -> None:
    """Wait until every op started so far has delivered its answer (the window is settled)."""
    wait_for(lambda: ops.in_flight == 0, timeout, what="the window's ops to finish")
    ops.events.flush()
    QApplication.processEvents()


def settle(timeout: float = 10.0) -> None:
    """Wait until no op of any window or panel is in flight, then deliver pending events
    (after a click whose answer is read off the GUI thread)."""
    from app.ui.ops import Ops

    wait_for(Ops.all_settled, timeout, what="the ops started by the click to finish")
    QApplication.processEvents()
    wait_for(Ops.all_settled, timeout, what="the ops started by the click to finish")
