"""Rows of a list painted once and kept as pixmaps, so painting them again is a copy.

**Why.**  Laying out a row's text is most of what painting the message list costs (about half
a millisecond a row on this machine: eliding and shaping three strings), and the
list paints the same rows again and again: when a page of rows arrives, when the window lays
itself out after the reader shows a message, when the selection moves.  During a first sync
each of those repaints competed for the interpreter and the CPU with the sync, and the
window stalled.  A row painted once is kept here; painting it again copies its pixmap.

**Keys.**  A key holds everything a row's pixels depend on: the row's content (the model's
immutable row tuple, a new tuple whenever the message changes), its state (selected, under
the mouse, current and focused), and the layout (column widths and row height, the device
pixel ratio, the palette, the font and the row style).  A changed row or a resized column is a
new key, so nothing is ever invalidated by hand; old keys fall out as the least recently used.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Hashable

from PySide6.QtGui import QColor, QPainter, QPixmap

# Memory, not a row count, bounds the cache: a 1,000-pixel row 22 pixels high is 88 kB, four
# times that on a high-density screen.  16 MB keeps about six screens of rows at the first and
# one and a half at the second: the rows in sight and around the selection.
DEFAULT_BUDGET_BYTES = 16 * 1024 * 1024


class RowPixmapCache:
    """Least-recently-used pixmaps of painted rows (GUI thread only, as are pixmaps)."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES):
        self.budget_bytes = budget_bytes
        self.used_bytes = 0
        self._pixmaps: OrderedDict[Hashable, QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pixmaps)

    def pixmap(self, key: Hashable, width: int, height: int, ratio: float, background: QColor,
               paint: Callable[[QPainter], None]) -> QPixmap:
        """The row's pixmap for ``key``; painted by ``paint`` (in logical pixels, the row's
        top-left at 0, 0, over ``background``) when not kept already."""
        kept = self._pixmaps.get(key)
        if kept is not None:
            self._pixmaps.move_to_end(key)
            return kept
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(background)
        painter = QPainter(pixmap)
        try:
            paint(painter)
        finally:
            painter.end()
        self._pixmaps[key] = pixmap
        self.used_bytes += _bytes(pixmap)
        while self.used_bytes > self.budget_bytes and len(self._pixmaps) > 1:
            self.used_bytes -= _bytes(self._pixmaps.popitem(last=False)[1])
        return pixmap


def _bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
