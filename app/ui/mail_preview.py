"""The preview of a message being written: the page as recipients will see it.

The sent HTML carries its own colours (dark text on a light page: :mod:`app.mail.sending.markdown_html`),
so the preview is a light page in a dark theme too — what you see is what they get.  Pictures
shown in the text (``cid:`` references) come from the attached files; nothing else is loaded
(no file, no network).  :class:`HairLine` is the thin separator the composer and the template
editor draw between their parts, in a shade of the palette's text colour.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

PAGE = QColor("#ffffff")  # the message's own page and text colours (markdown_html.FONT)
INK = QColor("#222222")
LINK = QColor("#1a5fb4")
MARGIN = 12


class MailPreview(QTextBrowser):
    """A read-only page showing rendered Markdown; ``images`` maps a Content-ID to its picture."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(MARGIN)
        self.images: dict[str, QImage] = {}
        self._paint_as_page()

    def _paint_as_page(self) -> None:
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            palette.setColor(group, QPalette.ColorRole.Base, PAGE)
            palette.setColor(group, QPalette.ColorRole.Text, INK)
            palette.setColor(group, QPalette.ColorRole.Link, LINK)
        self.setPalette(palette)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self.palette().color(QPalette.ColorRole.Base) != PAGE:
            self._paint_as_page()  # the theme changed: the page stays the message's own

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        if url.scheme() == "cid":
            return self.images.get(url.path())
        return None  # never a file or the network from a preview


class HairLine(QWidget):
    """A one-pixel separator in a faint shade of the text colour (legible in light and dark)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedHeight(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        palette = self.palette()
        ink, paper = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        shade = QColor(round(paper.red() * 0.82 + ink.red() * 0.18), round(paper.green() * 0.82 + ink.green() * 0.18),
                       round(paper.blue() * 0.82 + ink.blue() * 0.18))
        painter = QPainter(self)
        painter.fillRect(self.rect(), shade)
