"""The browser sign-in as the window runs it: off the GUI thread, with a Cancel button.

:class:`BrowserSignIn` runs one blocking sign-in call (``call(open_browser, cancelled)``) on a
background thread.  The call asks for the browser through a queued signal, so the system
browser is opened on the GUI thread (:func:`app.ui.desktop_browser.open_url`);
:meth:`cancel` sets the event the loopback wait watches.  ``finished``/``failed`` arrive on
the GUI thread.  :class:`SignInAgainPrompt` is the error presenter's answer to a revoked grant.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.ui import desktop_browser
from app.ui.background import run_in_background


class BrowserSignIn(QObject):
    browser_requested = Signal(str)
    finished = Signal(object)  # the call's result
    failed = Signal(object)  # its exception (Cancelled when the person cancelled)

    def __init__(self, parent: QObject, call: Callable[[Callable[[str], Any], threading.Event], Any]):
        super().__init__(parent)
        self._call = call
        self._cancelled = threading.Event()
        self.running = False
        self.browser_requested.connect(self._open_browser)

    def start(self) -> None:
        self.running = True
        self._cancelled.clear()
        run_in_background(self, lambda: self._call(self.browser_requested.emit, self._cancelled),
                          self._done, self._error)

    def cancel(self) -> None:
        self._cancelled.set()

    def _open_browser(self, url: str) -> None:
        desktop_browser.open_url(url)

    def _done(self, value) -> None:
        self.running = False
        self.finished.emit(value)

    def _error(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(error)


class SignInAgainPrompt(QDialog):
    """What the window shows for ``auth.oauth_revoked`` / ``auth.oauth_missing``: the sentence
    and "Sign In Again…", which runs the browser sign-in (Cancel ends the wait), then asks the
    sync service for a pass of the account."""

    signed_in = Signal(int)  # account id

    def __init__(self, account, error, sync, parent: QWidget | None = None,
                 translate_error: Callable[[Any], str] = str):
        super().__init__(parent)
        from app.mail.accounts.oauth.account_setup import sign_in_again

        self.account_id = account.id
        self.sync = sync
        self.setWindowTitle(self.tr("Sign In Again"))
        self.text = QLabel(translate_error(error) if error is not None else
                           self.tr("%1 needs to be signed in again.").replace("%1", account.name))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.sign_in = self.buttons.addButton(self.tr("Sign In Again…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in.clicked.connect(lambda: self._start())
        self.cancel.clicked.connect(lambda: self._cancel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self._translate_error = translate_error
        self._browser = BrowserSignIn(self, lambda open_browser, cancelled: sign_in_again(
            account, open_browser, cancelled=cancelled))
        self._browser.finished.connect(self._done)
        self._browser.failed.connect(self._failed)
        self.setMinimumWidth(420)

    def _start(self) -> None:
        self.sign_in.setEnabled(False)
        self.text.setText(self.tr("Waiting for you to sign in in your browser…"))
        self._browser.start()

    def _cancel(self) -> None:
        if self._browser.running:
            self._browser.cancel()  # the dialog stays until the wait has ended
        else:
            self.reject()

    def _done(self, _tokens) -> None:
        self.sync.sync_account(self.account_id, user=True)
        self.signed_in.emit(self.account_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from app.errors import Cancelled

        self.sign_in.setEnabled(True)
        if isinstance(error, Cancelled):
            self.text.setText(self.tr("Sign-in cancelled."))
        else:
            self.text.setText(self._translate_error(error))
