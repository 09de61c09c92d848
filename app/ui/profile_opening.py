"""Opening the profile at start-up without the GUI thread waiting on the disk.

:func:`app.profile.open_profile` (the key from the keyring, the schema, and — the first time
with encryption on — converting a plain database to an encrypted one) runs on a worker
thread; the GUI thread turns its event loop meanwhile.  When a conversion runs, a progress
dialog says what is being done, step by step (it cannot be cancelled: an interrupted
conversion is safe but would only start over next time).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from app import APP_NAME


class _Relay(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(bool, object)  # ok, (paths, store) or the exception


class ProfileOpening(QObject):
    """Opens a profile on a worker thread; shows a progress dialog while it is converted."""

    def __init__(self, profile: str | None, parent: QObject | None = None):
        super().__init__(parent)
        self.profile = profile
        self.dialog: QProgressDialog | None = None
        self.outcome: tuple[bool, Any] | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed)
        self._relay.finished.connect(self._finished)
        self._loop = QEventLoop(self)

    def _work(self) -> None:
        from app.profile import open_profile

        try:
            outcome = (True, open_profile(self.profile, progress=self._relay.progressed.emit))
        except Exception as exc:  # handed to the GUI thread, which presents it
            outcome = (False, exc)
        self._relay.finished.emit(*outcome)

    def step_text(self, what: str) -> str:
        """The dialog's line for a step of app.store.convert.STEPS."""
        texts = {
            "copy": self.tr("Copying your mail and customers into an encrypted file…"),
            "verify": self.tr("Checking the encrypted copy…"),
            "swap": self.tr("Replacing the unencrypted file…"),
            "backups": self.tr("Encrypting the backups…"),
        }
        return texts.get(what, what)

    def _progressed(self, step: int, steps: int, what: str) -> None:
        if self.dialog is None:
            self.dialog = QProgressDialog()
            self.dialog.setWindowTitle(self.tr("Encrypting your profile — {app}").format(app=APP_NAME))
            self.dialog.setCancelButton(None)
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.setMinimumWidth(460)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setRange(0, steps)
            self.dialog.show()
        self.dialog.setLabelText(self.tr("Liaison is encrypting your profile (AES-256, the key in the system "
                                         "keyring). This happens once.") + "\n\n"
                                 + self.tr("Step {step} of {steps}: {what}").format(
                                     step=step, steps=steps, what=self.step_text(what)))
        self.dialog.setValue(step - 1)

    def _finished(self, ok: bool, value: object) -> None:
        self.outcome = (ok, value)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self._loop.quit()

    def run(self) -> tuple[bool, Any]:
        """Open the profile; returns (True, (paths, store)) or (False, the exception)."""
        threading.Thread(target=self._work, name="liaison-profile-open", daemon=True).start()
        if self.outcome is None:
            self._loop.exec()
        return self.outcome  # type: ignore[return-value]


def open_profile_in_background(profile: str | None) -> tuple[Any, Any]:
    """:func:`app.profile.open_profile`, with the GUI's event loop turning meanwhile; raises
    what it raises."""
    opening = ProfileOpening(profile)
    ok, value = opening.run()
    opening.deleteLater()
    if not ok:
        raise value  # type: ignore[misc]
    return value
