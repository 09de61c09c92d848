"""Action and record icons, drawn in the palette's colours so they suit light and dark.

The icons are line drawings in ``resources/icons/actions/*.svg`` whose strokes are
``currentColor``; :func:`icon` renders them with the palette's text colour (and a muted one
for the disabled state) at the sizes Qt asks for.  Rendered icons are cached per name,
colour and tint; :func:`clear_cache` runs when the colour scheme changes.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.bundled import resources_dir

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
    """The icon ``name`` (a file in resources/icons/actions), in ``tint`` or the text colour.

    Rendered lazily, at the size and for the state Qt paints it in (the window makes some
    seventy icons at start-up; rendering each at every size first cost 0.1 s)."""
    palette = QGuiApplication.palette()
    normal = tint or palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = QColor(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)).name()
    return QIcon(_TintedIcon(name, normal, disabled))


class _TintedIcon(QIconEngine):
    """Renders an SVG line icon in one colour (another when disabled), on demand, cached."""

    def __init__(self, name: str, normal: str, disabled: str):
        super().__init__()
        self._name, self._normal, self._disabled = name, normal, disabled

    def _colour(self, mode) -> str:
        return self._disabled if mode == QIcon.Mode.Disabled else self._normal

    def pixmap(self, size: QSize, mode, state) -> QPixmap:  # noqa: N802 - Qt override
        return _pixmap(self._name, self._colour(mode), max(1, min(size.width(), size.height())), 1.0)

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:  # noqa: N802 - Qt override
        return _pixmap(self._name, self._colour(mode), max(1, min(size.width(), size.height())), scale)

    def paint(self, painter: QPainter, rect, mode, state) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        side = max(1, min(rect.width(), rect.height()))
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2,
                           _pixmap(self._name, self._colour(mode), side, ratio))

    def clone(self) -> "_TintedIcon":
        return _TintedIcon(self._name, self._normal, self._disabled)

    def key(self) -> str:
        return "liaison-tinted"


def kind_icon(kind: str) -> QIcon:
    """A timeline entry's icon in its kind's colour (mail-in, mail-out, call, meeting, note, task, deal)."""
    return icon(kind, KIND_COLOURS.get(kind))


def names() -> list[str]:
    return sorted(p.stem for p in (resources_dir() / "icons" / "actions").glob("*.svg"))


def clear_cache() -> None:
    _pixmap.cache_clear()

