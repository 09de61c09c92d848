"""Settings → General: where passwords are kept, and the primary password of the secrets file.

Says which store is in use (the system keyring, or the encrypted file and whether it is
unlocked) and offers Set Primary Password…, Unlock… or Change Primary Password… for the file, and Move
to System Keyring when the file is unlocked and a keyring works (as ``secrets move-to-keyring``).  The
state is read in a ``call`` op (finding the keyring backend may talk to D-Bus); the dialog
derives keys off the GUI thread too (:mod:`app.ui.primary_password`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.ops import Ops
from app.ui.settings_fields import ErrorLabel, HintLabel


def read_state() -> dict:
    """Which store is in use, whether the file exists and is unlocked (runs off the GUI thread)."""
    from app.secrets import keyring_is_secure, store_in_use
    from app.vault import session
    from app.vault.secrets_file import SecretsFile

    from app.errors import SecretsLocked
    from app.vault import sealed

    file = SecretsFile()
    unlocked = False
    if session.is_unlocked() and file.exists():
        try:  # the key held may be stale: another process changed the primary password
            unlocked = sealed.verifies(file.parsed(), session.key())
        except SecretsLocked:
            unlocked = False
    return {"store": store_in_use(), "file": str(file.path), "exists": file.exists(),
            "unlocked": unlocked, "keyring_available": keyring_is_secure()}


class SecretsPanel(QWidget):
    """The Passwords part of the General page; ``state_shown`` fires when the state is on screen."""

    state_shown = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.state: dict | None = None
        heading = QLabel(self.tr("Passwords"))
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        self.status = HintLabel()
        self.status.setWordWrap(True)
        self.primary_button = QPushButton()
        self.primary_button.hide()
        self.primary_button.clicked.connect(lambda _checked=False: self.open_primary_password())
        self.move_button = QPushButton(self.tr("Move to System Keyring"))
        self.move_button.setToolTip(self.tr("Moves every password from the encrypted file into the system keyring, "
                                            "then removes the file."))
        self.move_button.hide()
        self.move_button.clicked.connect(lambda _checked=False: self.move_to_keyring())
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.primary_button)
        row.addWidget(self.move_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.ops.call(read_state).success(self._show).owned_by(self).run()

    def _show(self, state: dict) -> None:
        self.state = state
        if state["store"] == "keyring":
            self.status.setText(self.tr("Passwords are kept in the system keyring."))
            self.primary_button.hide()
            self.move_button.hide()
        else:
            if not state["exists"]:
                text = self.tr("Passwords are kept in an encrypted file, but no primary password protects it "
                               "yet: set one before adding an account.")
            elif state["unlocked"]:
                text = self.tr("Passwords are kept in the encrypted file {path}, protected by your primary "
                               "password; unlocked for this session.").format(path=state["file"])
            else:
                text = self.tr("Passwords are kept in the encrypted file {path}, protected by your primary "
                               "password; locked.").format(path=state["file"])
            self.status.setText(text)
            if not state["exists"]:
                self.primary_button.setText(self.tr("Set Primary Password…"))
            elif state["unlocked"]:
                self.primary_button.setText(self.tr("Change Primary Password…"))
            else:
                self.primary_button.setText(self.tr("Unlock…"))
            self.primary_button.show()
            # Moving needs the file unlocked and a keyring that works.
            self.move_button.setVisible(state["exists"] and state["unlocked"] and state["keyring_available"])
            self.move_button.setEnabled(True)
        self.state_shown.emit()

    def move_to_keyring(self) -> None:
        from app.secrets import move_file_to_keyring

        self.error.say("")
        self.move_button.setEnabled(False)
        self.ops.call(move_file_to_keyring).success(lambda _moved: self.refresh()).failure(
            self._move_failed).owned_by(self).run()

    def _move_failed(self, error: BaseException) -> None:
        from app.errors import LiaisonError
        from app.ui.error_presenter import error_text

        self.move_button.setEnabled(True)
        if not isinstance(error, LiaisonError):
            self.ops.present_error(error)
            return
        self.error.say(error_text(error))

    def open_primary_password(self) -> None:
        from app.ui.primary_password import CHANGE, CREATE, UNLOCK, PrimaryPasswordDialog

        state = self.state or {}
        mode = CREATE if not state.get("exists") else CHANGE if state.get("unlocked") else UNLOCK
        dialog = PrimaryPasswordDialog(mode, self.ops, self.window())
        dialog.finished_work.connect(self.refresh)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        self.dialog = dialog
