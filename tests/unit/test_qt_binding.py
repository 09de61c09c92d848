"""Guards against Qt binding releases that corrupt reference counts.

PySide6 6.12.0 releases one reference to None on every call of a method returning void
(setText, setData, addItem...).  On Python 3.11, where None is not immortal, the window
aborted with "Fatal Python error: none_dealloc" after some minutes of use; pyproject.toml
excludes that release, and this test fails if an installed binding does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem


def test_void_qt_methods_leave_the_reference_count_of_none_alone(qapp):
    label, widget, item = QLabel(), QListWidget(), QListWidgetItem("x")
    calls = 500  # each bad call costs None one reference: enough to see, far from zero
    before = sys.getrefcount(None)
    for _ in range(calls):
        label.setText("x")
        item.setData(Qt.ItemDataRole.UserRole, 5)
        widget.addItem("row")
    widget.clear()
    assert sys.getrefcount(None) - before > -calls // 2
