"""Light and dark follow the system's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from app.ui.theme import SystemColorScheme


def test_a_dark_system_gets_a_dark_window_and_light_comes_back(qapp):
    style_before = qapp.style().name()
    scheme = SystemColorScheme(qapp)
    try:
        scheme.apply(Qt.ColorScheme.Dark)
        window = qapp.palette().color(QPalette.ColorRole.Window)
        text = qapp.palette().color(QPalette.ColorRole.WindowText)
        assert window.lightness() < 80 and text.lightness() > 200
        scheme.apply(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 128
        assert qapp.style().name() == style_before
    finally:
        scheme.apply(Qt.ColorScheme.Light)
