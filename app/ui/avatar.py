"""Initials avatars: a circle in a colour taken from the name, with one or two initials.

"Anna Schmidt" → AS, "anna@nordwind.de" → A, "张伟" → 张伟 (a two-character Chinese name is
shown whole), "欧阳娜娜" → 娜娜 (the given name, as Chinese apps do), a company
"华信贸易有限公司" → 华信 (the start of its name).  The colour is stable for a name on every
machine (a CRC of the text, not Python's salted ``hash``) and dark enough for white text in
light and dark themes.
"""

from __future__ import annotations

import unicodedata
import zlib

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

# Mid-tone colours: white initials stay readable on each, on light and on dark backgrounds.
PALETTE = ("#1f77b4", "#2a9d8f", "#7b61c9", "#d0527c", "#c0642a", "#3c8d40", "#5566d6", "#a0527a",
           "#0f8aa6", "#8a6d1f", "#b5485d", "#4f7c8a")


_LEGAL_FORMS = {"ltd", "pte", "gmbh", "inc", "llc", "co", "corp", "ag", "sa", "srl", "bv", "plc", "kg", "limited",
                "the", "&", "and"}


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def initials(name: str, company: bool = False) -> str:
    text = " ".join((name or "").replace("@", " @").split())
    if text.startswith("@") or not text:
        return "?"
    if "@" in text:  # an address: its first letter
        text = text.split(" @", 1)[0]
    letters = [ch for ch in text if ch.isalnum()]
    if not letters:
        return "?"
    if _wide(letters[0]):
        wide = [ch for ch in text if _wide(ch) and ch.isalnum()]
        if not company and len(wide) in (3, 4) and len(wide) == len(letters):
            return "".join(wide[-2:])  # 欧阳娜娜 → 娜娜, 李小龙 → 小龙: the given name
        return "".join(wide[:2])  # 张伟; 华信贸易有限公司 → 华信
    words = [w for w in text.replace("-", " ").replace(".", " ").split() if any(c.isalnum() for c in w)]
    if company:
        words = [w for w in words if w.lower().strip(",") not in _LEGAL_FORMS] or words
        return "".join(next(c for c in w if c.isalnum()).upper() for w in words[:2])
    first = next(c for c in words[0] if c.isalnum()).upper()
    if len(words) == 1:
        return first
    last = next(c for c in words[-1] if c.isalnum()).upper()
    return first + last


def colour_for(name: str) -> QColor:
    key = unicodedata.normalize("NFKC", (name or "").strip().lower())
    return QColor(PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)])


def paint_avatar(painter: QPainter, rect: QRectF, name: str, company: bool = False, font: QFont | None = None) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour_for(name))
    if company:
        radius = rect.width() * 0.22
        painter.drawRoundedRect(rect, radius, radius)
    else:
        painter.drawEllipse(rect)
    text = initials(name, company)
    face = QFont(font) if font is not None else QFont()
    size = rect.height() * (0.36 if len(text) > 1 and _wide(text[0]) else 0.4)
    face.setPixelSize(max(6, int(size)))
    face.setWeight(QFont.Weight.DemiBold)
    painter.setFont(face)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


_cache: dict[tuple[str, bool, int, float], QPixmap] = {}


def avatar_pixmap(name: str, size: int, company: bool = False, ratio: float = 1.0) -> QPixmap:
    key = (name, company, size, ratio)
    pixmap = _cache.get(key)
    if pixmap is None:
        pixmap = QPixmap(int(size * ratio), int(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_avatar(painter, QRectF(0, 0, size, size), name, company)
        painter.end()
        if len(_cache) > 2000:
            _cache.clear()
        _cache[key] = pixmap
    return pixmap


class Avatar(QWidget):
    """A round (person) or rounded-square (company) initials avatar."""

    def __init__(self, size: int = 44, parent: QWidget | None = None):
        super().__init__(parent)
        self._size = size
        self._name = ""
        self._company = False
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_name(self, name: str, company: bool = False) -> None:
        self._name, self._company = name, company
        self.setAccessibleName(name)
        self.update()

    def text(self) -> str:
        return initials(self._name, self._company)

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        paint_avatar(painter, QRectF(0, 0, self._size, self._size), self._name, self._company, self.font())
        painter.end()
