"""The message body view: QTextBrowser behind a single resource gate (security-critical).

QTextBrowser itself makes no network requests; everything a document refers to (images,
style sheets) is asked of :meth:`MailBrowser.loadResource`, which is the only door:

* ``cid:`` — the message's own inline parts;
* ``data:image/…`` — decoded here;
* ``http(s):`` and scheme-relative ``//`` — only from the cache of what was fetched after the
  user allowed remote content for this message; otherwise refused and counted;
* anything else (``file:``, ``qrc:``, relative paths) — refused: a message must never read
  local files.

Links are never followed by the widget: clicks come out as :attr:`link_clicked`, hovering as
:attr:`link_hovered`, and the reader decides.

Long messages are shown progressively (:mod:`app.mail.reading.html_chunks`): the first piece at
once, the others appended one per event-loop turn, so a megabyte of HTML never freezes the
window.  The message's style sheet is the document's default style sheet, so it applies to
every piece.
"""

from __future__ import annotations

import base64
from typing import Callable
from urllib.parse import unquote

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from app.mail.reading.html_chunks import iter_pieces

CidLookup = Callable[[str], bytes | None]
_BLANK = QImage(1, 1, QImage.Format.Format_ARGB32)
_BLANK.fill(0)


class MailBrowser(QTextBrowser):
    link_clicked = Signal(QUrl)
    link_hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A scroll bar appearing mid-layout would make Qt lay the whole document out again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._pending = iter(())
        self._next_piece: str | None = None
        self._generation = 0
        self.anchorClicked.connect(self.link_clicked)
        self.highlighted.connect(lambda url: self.link_hovered.emit(url.toString()))
        self._cid_lookup: CidLookup = lambda _cid: None
        self._remote_cache: dict[str, bytes] = {}
        self.refused_remote: list[str] = []  # remote loads refused since the last set_content

    def set_content(self, html: str, cid_lookup: CidLookup | None = None,
                    remote_cache: dict[str, bytes] | None = None, css: str = "") -> None:
        """Show sanitised HTML; ``remote_cache`` holds what the user allowed and was fetched."""
        self._cid_lookup = cid_lookup or (lambda _cid: None)
        self._remote_cache = remote_cache or {}
        self.refused_remote = []
        self._generation += 1
        pieces = iter_pieces(html)
        self.document().setDefaultStyleSheet(css)
        self.setHtml(next(pieces))
        self._pending = pieces
        self._next_piece = next(pieces, None)
        if self._next_piece is not None:
            QTimer.singleShot(0, lambda generation=self._generation: self._append_next(generation))

    @property
    def loading(self) -> bool:
        """True while pieces of a long message are still being appended."""
        return self._next_piece is not None

    def _append_next(self, generation: int) -> None:
        if generation != self._generation or self._next_piece is None:
            return  # another message replaced this one
        cursor = QTextCursor(self.document())  # not the view's cursor: the reader keeps its place
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(self._next_piece)
        self._next_piece = next(self._pending, None)
        if self._next_piece is not None:
            QTimer.singleShot(0, lambda: self._append_next(generation))

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        text = url.toString()
        scheme = url.scheme().lower()
        if scheme == "cid":
            data = self._cid_lookup(unquote(text[4:]))
            return QByteArray(data) if data else None
        if scheme == "data":
            return self._data_url(kind, text)
        if scheme in ("http", "https") or text.startswith("//"):
            data = self._remote_cache.get(text)
            if data is None:
                self.refused_remote.append(text)
                # An empty image rather than Qt's broken-image icon: blocked is not broken.
                return _BLANK if kind == QTextDocument.ResourceType.ImageResource else None
            if kind == QTextDocument.ResourceType.StyleSheetResource:
                return data.decode("utf-8", "replace")
            return QByteArray(data)
        return None  # file:, qrc:, relative: never

    @staticmethod
    def _data_url(kind: int, text: str):
        if kind != QTextDocument.ResourceType.ImageResource:
            return None
        header, _comma, payload = text.partition(",")
        if not header.lower().startswith("data:image/") or ";base64" not in header.lower():
            return None
        try:
            return QByteArray(base64.b64decode(payload, validate=False))
        except ValueError:
            return None
