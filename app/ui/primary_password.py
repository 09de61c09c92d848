"""The primary password: asked once per session when passwords are kept in the secrets file.

:func:`ask_at_start` runs before the profile opens.  When the encrypted secrets file is the
store in use and is locked, :class:`PrimaryPasswordDialog` asks for the primary password (a
wrong one: it says so and asks again; Cancel quits cleanly); when there is no file yet, it asks
to create one (twice, the two must match).  Settings → General opens the same dialog to set or
change it.  The key derivation (Argon2id, ~0.3 s) runs in a ``call`` op, never on the GUI
thread; only the derived key is kept (:mod:`app.vault.session`), never the password.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.error_presenter import error_text
from app.ui.ops import Ops
from app.ui.settings_fields import ErrorLabel, HintLabel
from app.vault import session
from app.vault.secrets_file import SecretsFile

log = logging.getLogger("liaison.ui.secrets")

UNLOCK, CREATE, CHANGE = "unlock", "create", "change"
MIN_LENGTH = 8


class PrimaryPasswordDialog(QDialog):
    """Unlock, create or change the primary password; ``finished_work`` fires after success."""

    finished_work = Signal()

    def __init__(self, mode: str, ops: Ops | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode = mode
        self.ops = ops or Ops.standalone(None, self)
        self.setWindowTitle(self._title())
        self.current = self._password_field()
        self.password = self._password_field()
        self.repeat = self._password_field()
        form = QFormLayout()
        if mode == CHANGE:
            form.addRow(self.tr("Current primary password:"), self.current)
        form.addRow(self.tr("New primary password:") if mode != UNLOCK else self.tr("Primary password:"),
                    self.password)
        if mode != UNLOCK:
            form.addRow(self.tr("Repeat it:"), self.repeat)
        self.explain = QLabel(self._explanation())
        self.explain.setWordWrap(True)
        self.error = ErrorLabel()
        self.working = HintLabel(self.tr("Checking…"))
        self.working.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Unlock") if mode == UNLOCK else self.tr("Save"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if mode != CHANGE:
            self.cancel_button.setText(self.tr("Quit") if parent is None else self.tr("Cancel"))
        self.ok_button.clicked.connect(lambda _checked=False: self.submit())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.working)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        (self.current if mode == CHANGE else self.password).setFocus()

    @staticmethod
    def _password_field() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _title(self) -> str:
        if self.mode == UNLOCK:
            return self.tr("Unlock Your Passwords")
        if self.mode == CREATE:
            return self.tr("Create a Primary Password")
        return self.tr("Change the Primary Password")

    def _explanation(self) -> str:
        if self.mode == UNLOCK:
            return self.tr("Your mail passwords are kept in an encrypted file. Enter your primary password to "
                           "unlock them for this session.")
        if self.mode == CREATE:
            return self.tr("This computer has no system keyring, so Liaison keeps your mail passwords in an "
                           "encrypted file. Choose a primary password to protect it; you will enter it once "
                           "each time Liaison starts. It cannot be recovered if you forget it.")
        return self.tr("Every password in the encrypted file is sealed again with the new primary password.")

    def submit(self) -> None:
        self.error.say("")
        password = self.password.text()
        if not password:
            self.error.say(self.tr("Enter the primary password."))
            return
        if self.mode != UNLOCK:
            if len(password) < MIN_LENGTH:
                self.error.say(self.tr("A primary password needs at least {count} characters.")
                               .format(count=MIN_LENGTH))
                return
            if password != self.repeat.text():
                self.error.say(self.tr("The two passwords are not the same."))
                self.repeat.clear()
                self.repeat.setFocus()
                return
        if self.mode == UNLOCK:
            op = self.ops.call(session.unlock, password)
        elif self.mode == CREATE:
            op = self.ops.call(session.create, password)
        else:
            op = self.ops.call(session.change_password, self.current.text(), password)
        self._busy(True)
        op.success(lambda _value: self._done()).failure(self._failed).owned_by(self).run()

    def _busy(self, busy: bool) -> None:
        self.working.setVisible(busy)
        for widget in (self.ok_button, self.current, self.password, self.repeat):
            widget.setEnabled(not busy)

    def _done(self) -> None:
        self._busy(False)
        self.finished_work.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        from app.errors import LiaisonError

        if not isinstance(error, LiaisonError):  # our bug: logged, and said here (no window yet)
            log.error("primary password failed", exc_info=error)
            self.error.say(self.tr("Something went wrong inside Liaison ({error}); the details are in the "
                                   "log.").format(error=type(error).__name__))
            return
        self.error.say(error_text(error))
        retry = self.current if self.mode == CHANGE else self.password
        retry.clear()
        retry.setFocus()


def needed_at_start() -> str | None:
    """UNLOCK or CREATE when the secrets file is in use and locked; None when nothing is asked."""
    from app.secrets import FILE, store_in_use

    if store_in_use() != FILE or session.is_unlocked():
        return None
    return UNLOCK if SecretsFile().exists() else CREATE


def ask_at_start() -> bool:
    """Ask for the primary password if it is needed; False when the user chose to quit."""
    mode = needed_at_start()
    if mode is None:
        return True
    dialog = PrimaryPasswordDialog(mode)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
