"""Every button, menu entry, toolbar action and context menu of the window, clicked as a user would.

Tests that call slots directly stayed green while Note…, Task… and Link to Deal… were dead
(``clicked(bool)`` arrived as the note's text).  These tests click the real controls through
their signals, answer every dialog that opens, follow every window that opens and click its
controls too — with the bundled sample data and with an empty profile — and fail on any
exception in a slot or any Qt warning.  The GUI thread is declared never to wait for a write,
so a control that writes on it fails here too.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.ui.application import WindowHost
from tests.ui.clicking import Clicker
from tests.ui.teardown import close_unattended

# Controls that end the session or leave the window being tested: exercised by their own tests.
SKIPPED = {"Quit", "Leave Sample Data", "Remove Account…", "Explore Sample Data"}


@pytest.fixture
def host(qtbot, tmp_path):
    from app.profile import open_profile

    paths, store = open_profile(str(tmp_path / "profile"))
    host = WindowHost(paths, store)
    host.show()
    yield host
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not host.window:
            close_unattended(widget)
    host.close()


def exercise_window(qtbot, host) -> Clicker:
    window = host.window
    with Clicker(qtbot, host.store, SKIPPED) as clicker:
        clicker.click_buttons(window.welcome)
        for section in range(window.sections.count()):
            window.sections.setCurrentIndex(section)
            clicker.settle()
            clicker.click_buttons(window.sections.widget(section))
        window.sections.setCurrentIndex(0)
        clicker.settle()
        if window.messages.rowCount():
            window.list_view.setCurrentIndex(window.messages.index(0, 0))
            clicker.settle()
            clicker.click_buttons(window.reader)
            clicker.click_buttons(window.customer)
            rect = window.list_view.visualRect(window.messages.index(0, 1))
            clicker.context_menu(window.list_view.viewport(), rect.center())
        folder = window.folders.topLevelItem(0)
        if folder is not None and folder.childCount():
            rect = window.folders.visualItemRect(folder.child(0))
            clicker.context_menu(window.folders.viewport(), rect.center())
        clicker.trigger_actions(clicker.menu_actions_of(window), "menu")
        clicker.trigger_actions(window.toolbar.actions(), "toolbar")
        clicker.click_buttons(window.statusBar())
    return clicker


def test_every_control_with_sample_data(qtbot, host):
    first = host.window
    qtbot.mouseClick(first.welcome.explore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: host.window is not first, timeout=20000)
    clicker = exercise_window(qtbot, host)
    clicked = set(clicker.clicked)
    # The controls the issue found dead, and the everyday ones, were all really clicked.
    for expected in ("menu › Reply", "menu › New Message", "menu › Archive", "menu › About Liaison",
                     "context › Reply All", "menu › Two-Line Rows"):
        assert expected in clicked, expected
    assert any(label.endswith("Note…") for label in clicked)
    assert any(label.endswith("Task…") for label in clicked)
    assert len(clicker.clicked) > 60


def test_every_control_with_an_empty_profile(qtbot, host):
    clicker = exercise_window(qtbot, host)
    assert any("Add Account" in label for label in clicker.clicked)
    assert host.window.central.currentWidget() is host.window.welcome
