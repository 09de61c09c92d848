"""The message list's row pixmaps: kept by key, bounded by memory, least recently used out."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from app.ui.row_pixmaps import RowPixmapCache

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_key_is_painted_once_and_the_least_recently_used_row_leaves_first():
    cache = RowPixmapCache(budget_bytes=3 * 100 * 20 * 4)  # three rows of 100 × 20
    painted = []

    def row(key):
        return cache.pixmap(key, 100, 20, 1.0, QColor("white"), lambda _painter: painted.append(key))

    first = row("a")
    assert row("a") is first and painted == ["a"]
    row("b"), row("c")
    row("a")  # used again: "b" is now the least recently used
    row("d")
    assert len(cache) == 3 and cache.used_bytes == 3 * 100 * 20 * 4
    row("a"), row("c"), row("d")
    assert painted == ["a", "b", "c", "d"]
    row("b")
    assert painted == ["a", "b", "c", "d", "b"]


def test_a_pixmap_is_as_large_as_the_screen_needs():
    cache = RowPixmapCache()
    pixmap = cache.pixmap("row", 300, 22, 2.0, QColor("white"), lambda _painter: None)
    assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (600, 44, 2.0)
    assert cache.used_bytes == 600 * 44 * 4
