"""The window's one presenter for errors (DESIGN.md practice 10).

Every failure that reaches the user in the window goes through :class:`ErrorPresenter`:

* :class:`~app.errors.Cancelled` — nothing (the user stopped it);
* :class:`~app.errors.AuthError` for an account — the password prompt (for an OAuth2
  account, :class:`~app.ui.oauth_sign_in.SignInAgainPrompt` with "Sign In Again…")
  (:class:`~app.ui.password_prompt.PasswordPrompt`), at most one open per account; saving
  it resumes that account's sync;
* any other :class:`~app.errors.LiaisonError` — one clear sentence in the user's language
  (the error's template through ``QCoreApplication.translate("errors", …)``, then its
  parameters) in a non-blocking message box; the same error repeated while its box is open
  does not open another;
* anything else is a bug — logged with its traceback and shown in the crash dialog
  (:mod:`app.ui.crash_handling`).

Sync failures arrive as ``SyncService.account_error(account_id, state, error)``:
:meth:`ErrorPresenter.account_failed` asks for the password on ``auth`` and shows no dialog for
``offline``/``error`` — the status bar says those, with :meth:`ErrorPresenter.status_text`.

Wiring (the window does it once)::

    self.error_presenter = ErrorPresenter(self)
    self.ops.set_error_presenter(self.error_presenter.present)
    sync.account_error.connect(self.error_presenter.account_failed)

:func:`error_text` turns any error, or one stored in the database (``last_error`` columns),
into the translated sentence; use it wherever such text is shown.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.store.local_folders import has_server
from app.errors import AuthError, Cancelled, LiaisonError, describe
from app.store.accounts import list_accounts

log = logging.getLogger("liaison.ui.errors")

CONTEXT = "errors"
# After the user cancels a password prompt, another failure of the same account within this
# time (the other lane of the same sync, typically) does not reopen it at once.
QUIET_AFTER_CANCEL_SECONDS = 10.0


def translate_template(template: str) -> str:
    """An error template in the user's language (context ``errors``; provider advice, passed
    as a parameter, is found under ``Providers`` like in the account setup dialog)."""
    text = QCoreApplication.translate(CONTEXT, template)
    if text == template:
        text = QCoreApplication.translate("Providers", template)
    return text


def error_text(error: Any) -> str:
    """An error, or an error as stored in the database, as one sentence in the user's language.

    Plain text from an older version's rows is returned as it is.
    """
    return describe(error, translate_template)


def bring_forward(widget: QWidget) -> None:
    """Raise an open window above the others (platforms without windows, such as offscreen
    test runs, cannot and would only warn)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    widget.raise_()
    widget.activateWindow()


def _alive(widget: QWidget | None) -> bool:
    if widget is None:
        return False
    try:
        return widget.isVisible()
    except RuntimeError:  # the C++ object is already gone
        return False


class ErrorPresenter(QObject):
    """Shows the window's errors: a sentence, the password prompt, or the crash dialog."""

    prompt_shown = Signal(object)  # a PasswordPrompt
    message_shown = Signal(object)  # a QMessageBox

    def __init__(self, window: QWidget, *, store=None, sync=None, ops=None, crash_handler=None):
        super().__init__(window)
        self.window = window
        self.store = store if store is not None else window.store
        self.sync = sync if sync is not None else window.sync
        self.ops = ops if ops is not None else window.ops
        self._crash_handler = crash_handler
        self.messages: dict[tuple, QMessageBox] = {}
        self.prompts: dict[int, QWidget] = {}
        self._cancelled_at: dict[int, float] = {}

    # -- the entry points -----------------------------------------------------------------
    def present(self, error: BaseException) -> None:
        """The default failure handler of every op (``ops.set_error_presenter(presenter.present)``)."""
        if isinstance(error, Cancelled):
            return
        if isinstance(error, AuthError):
            account = self._account_for(error)
            if account is not None:
                self.ask_password(account.id, error)
                return
        if isinstance(error, LiaisonError):
            self.show_message(error)
            return
        self.report_bug(error)

    def account_failed(self, account_id: int, state: str, error: Any) -> None:
        """A sync pass ended badly (``SyncService.account_error``): ask for the password on
        ``auth``; ``offline`` and ``error`` are for the status bar, not a dialog."""
        if state != "auth":
            return
        cancelled = self._cancelled_at.get(account_id)
        if cancelled is not None and time.monotonic() - cancelled < QUIET_AFTER_CANCEL_SECONDS:
            return
        self.ask_password(account_id, error)

    def status_text(self, error: Any) -> str:
        """The error as one line for the status bar (translated; stored errors too)."""
        return " ".join(error_text(error).split())

    # -- what is shown ----------------------------------------------------------------------
    def ask_password(self, account_id: int, error: BaseException | None = None):
        """Open the account's password prompt, or bring forward the one already open."""
        from app.ui.password_prompt import PasswordPrompt

        existing = self.prompts.get(account_id)
        if _alive(existing):
            bring_forward(existing)
            return existing
        account = self._account(account_id)
        if account is None or not has_server(account):
            if isinstance(error, LiaisonError):
                self.show_message(error)
            return None
        if account.auth_method == "oauth2":  # no password can help: "Sign In Again…" in the browser
            from app.ui.oauth_sign_in import SignInAgainPrompt

            prompt = SignInAgainPrompt(account, error, self.sync, self.window, translate_error=error_text)
        else:
            prompt = PasswordPrompt(account, error, self.ops, self.sync, self.window,
                                    translate_error=error_text)
        prompt.finished.connect(lambda result, a=account_id: self._prompt_closed(a, result))
        self.prompts[account_id] = prompt
        prompt.show()
        self.prompt_shown.emit(prompt)
        return prompt

    def show_message(self, error: LiaisonError) -> QMessageBox:
        """One sentence in a non-blocking box; the same error while its box is open: no second box."""
        key = error.key
        box = self.messages.get(key)
        if _alive(box):
            bring_forward(box)
            return box
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Liaison"), error_text(error),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, k=key: self.messages.pop(k, None))
        self.messages[key] = box
        box.open()
        self.message_shown.emit(box)
        return box

    def report_bug(self, error: BaseException) -> None:
        """Not a LiaisonError: a bug in Liaison — the log and the crash dialog."""
        from app.ui.crash_handling import CrashHandler, current_handler

        handler = self._crash_handler or current_handler()
        if handler is None:
            paths = getattr(self.window, "paths", None)
            handler = self._crash_handler = CrashHandler(paths.log_file if paths is not None else None, self)
        handler.report(error, "an operation")

    # -- helpers ----------------------------------------------------------------------------
    def _prompt_closed(self, account_id: int, result: int) -> None:
        self.prompts.pop(account_id, None)
        if result != 1:  # QDialog.Rejected: the user said not now
            self._cancelled_at[account_id] = time.monotonic()
        else:
            self._cancelled_at.pop(account_id, None)

    def _account(self, account_id: int):
        return next((a for a in list_accounts(self.store) if a.id == account_id), None)

    def _account_for(self, error: AuthError):
        """The account an authentication error is about: named by the error, or found by the
        server and user name it was raised for."""
        if error.account_id is not None:
            return self._account(error.account_id)
        host, user = error.params.get("host"), error.params.get("user")
        if not host:
            return None
        matches = [a for a in list_accounts(self.store) if has_server(a)
                   and host in (a.imap_host, a.smtp_host) and (user is None or a.username == user)]
        return matches[0] if len(matches) == 1 else None
