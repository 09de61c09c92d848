"""A word-wrapped label whose new text re-lays out itself, not the whole window.

A label inside a layout tells its parent's layout to lay out again whenever its text
changes, and that request climbs through every ancestor up to the window (``QLayout``
activates, then ``updateGeometry()`` on its widget, then the parent's layout...).  For the
reader's header, whose text changes at every selected message, that made the window lay out
and repaint as a whole in about one selection in three: the folder tree, the message list
and the splitter, for a few lines of text (measured with paint events counted per widget).

:class:`HeaderBox` holds the label without a layout: a new text only makes the box place
the label again.  The box changes its own height, which does reach the ancestors, only when
the text needs more room, or at least a line less than it has: stepping through messages
whose headers differ by a Cc line keeps the window still.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class HeaderBox(QWidget):
    """Holds ``label`` (shown or hidden as the caller likes) at the box's full width."""

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(0)

    def needed_height(self) -> int:
        if self.label.isHidden():
            return 0
        return max(0, self.label.heightForWidth(max(1, self.width())))

    def fit(self) -> None:
        """Place the label; change the box's height only when the text needs another one."""
        needed = self.needed_height()
        slack = self.label.fontMetrics().lineSpacing()
        if needed > self.height() or needed < self.height() - slack:
            self.setFixedHeight(needed)
        self.label.setGeometry(0, 0, self.width(), needed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.label.sizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def event(self, event) -> bool:
        # The label's new text (or its showing and hiding) asks its parent, this box, to lay
        # out again: answered here, so the request goes no further.
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit()
            return True
        return super().event(event)
