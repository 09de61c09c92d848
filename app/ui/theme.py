"""Light and dark follow the system.

Qt reports the desktop's colour scheme in ``QStyleHints.colorScheme`` (from the GNOME/KDE
settings portal, Windows or macOS).  Native styles repaint themselves when it changes; where
the active style keeps a light palette in a dark session (plain X11, some Linux desktops),
the Fusion style with a dark palette is applied instead, and the original look comes back
when the system returns to light.  Widgets use palette roles only, never fixed colours, so
everything follows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: QColor(45, 45, 48), QPalette.ColorRole.WindowText: QColor(230, 230, 230),
        QPalette.ColorRole.Base: QColor(30, 30, 32), QPalette.ColorRole.AlternateBase: QColor(55, 55, 60),
        QPalette.ColorRole.ToolTipBase: QColor(60, 60, 64), QPalette.ColorRole.ToolTipText: QColor(230, 230, 230),
        QPalette.ColorRole.Text: QColor(230, 230, 230), QPalette.ColorRole.Button: QColor(53, 53, 57),
        QPalette.ColorRole.ButtonText: QColor(230, 230, 230), QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(110, 170, 255), QPalette.ColorRole.Highlight: QColor(45, 115, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


class SystemColorScheme:
    """Keeps the application's palette in step with the system's light/dark setting."""

    def __init__(self, app: QApplication):
        self.app = app
        self._original_style = app.style().name()
        self._applied_dark = False
        app.styleHints().colorSchemeChanged.connect(self.apply)
        self.apply()

    def apply(self, scheme: Qt.ColorScheme | None = None) -> None:
        """Match the palette to ``scheme`` (by default, what the system reports now)."""
        if scheme is None:
            scheme = self.app.styleHints().colorScheme()
        dark = scheme == Qt.ColorScheme.Dark
        looks_dark = self.app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if dark and not looks_dark:
            self.app.setStyle(QStyleFactory.create("Fusion"))
            self.app.setPalette(dark_palette())
            self._applied_dark = True
        elif not dark and self._applied_dark:
            self.app.setStyle(QStyleFactory.create(self._original_style))
            self.app.setPalette(self.app.style().standardPalette())
            self._applied_dark = False
