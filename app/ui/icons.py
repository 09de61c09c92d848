"""Action and record icons, drawn in the palette's colours so they suit light and dark.

The icons are line drawings in ``resources/icons/actions/*.svg`` whose strokes are
``currentColor``; :func:`icon` renders them with the palette's text colour (and a muted one
for the disabled state) at the sizes Qt asks for.  Rendered icons are cached per name,
colour and tint; :func:`clear_cache` runs when the colour scheme changes.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.bundled import resources_dir

SIZES = (16, 20, 24, 32, 48)

# Tints for record kinds on timelines: recognisable at a glance, readable on light and dark.
KIND_COLOURS = {
    "mail-in": "#2f7bd9", "mail-out": "#2a9d6f", "call": "#c77d12", "meeting": "#8a55c8",
    "note": "#6b7a8c", "task": "#d0453a", "deal": "#1f8a8a",
}


def _svg(name: str) -> str:
    path = resources_dir() / "icons" / "actions" / f"{name}.svg"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=512)
def _pixmap(name: str, colour: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode()))
    pixels = max(1, round(size * ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, tint: str | None = None) -> QIcon:
    """The icon ``name`` (a file in resources/icons/actions), in ``tint`` or the text colour."""
    palette = QGuiApplication.palette()
    normal = tint or palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = QColor(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_pixmap(name, normal, size, ratio), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(name, disabled.name(), size, ratio), QIcon.Mode.Disabled)
    return result


def kind_icon(kind: str) -> QIcon:
    """A timeline entry's icon in its kind's colour (mail-in, mail-out, call, meeting, note, task, deal)."""
    return icon(kind, KIND_COLOURS.get(kind))


def names() -> list[str]:
    return sorted(p.stem for p in (resources_dir() / "icons" / "actions").glob("*.svg"))


def clear_cache() -> None:
    _pixmap.cache_clear()

