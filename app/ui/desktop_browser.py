"""Opening a web address in the system browser (the OAuth2 sign-in's first step).

One small module so that tests can replace :func:`open_url` with a browser stand-in.  Call it
on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))
