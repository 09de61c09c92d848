"""Settings → Team: sign this profile in to the team server, see its state, sign out.

Signing in and out talk to the server and the keyring, so they run as ``call`` ops; the page
shows the answer. The password is sent once and never kept: the server gives this device its
own token, which goes to the OS keyring.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from app.services.events import RECORDS, ChangeSet
from app.settings.values import Effective, machine_effective
from app.sync.team import Team
from app.ui.icons import icon
from app.ui.ops import OpResult
from app.ui.settings_fields import ErrorLabel, HintLabel, error_sentence


class TeamPage(QWidget):
    """Sign in / out of the team server; ``changed`` after either."""

    changed = Signal()

    def __init__(self, store, ops, sync_service=None, parent=None, team: Team | None = None):
        super().__init__(parent)
        self.ops = ops
        self.sync_service = sync_service
        self.team = team or Team(store)
        self.explain = HintLabel(self.tr(
            "Sign in to your team's server to share customers with your colleagues. Your mail "
            "stays on this computer; customer records and their history sync with the team."))

        self.sign_in_box = QWidget()
        form = QFormLayout(self.sign_in_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://liaison.example.com")
        self.email = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_name = QLineEdit(platform.node())
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("Only for a server with a private certificate"))
        form.addRow(self.tr("Server:"), self.server)
        form.addRow(self.tr("Email:"), self.email)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("This computer's name:"), self.device_name)
        form.addRow(self.tr("CA certificate file:"), self.ca_file)
        self.sign_in_button = QPushButton(self.tr("Sign In"))
        self.sign_in_button.clicked.connect(lambda _checked=False: self.sign_in())
        form.addRow("", self.sign_in_button)

        self.signed_in_box = QWidget()
        signed = QVBoxLayout(self.signed_in_box)
        signed.setContentsMargins(0, 0, 0, 0)
        self.who = HintLabel()
        self.progress = HintLabel()
        self.sync_button = QPushButton(icon("sync"), self.tr("Sync Now"))
        self.sync_button.clicked.connect(lambda _checked=False: self.sync_now())
        self.sign_out_button = QPushButton(self.tr("Sign Out"))
        self.sign_out_button.clicked.connect(lambda _checked=False: self.sign_out())
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.sign_out_button)
        row.addStretch(1)
        signed.addWidget(self.who)
        signed.addWidget(self.progress)
        signed.addLayout(row)

        self.status = HintLabel()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explain)
        layout.addWidget(self.sign_in_box)
        layout.addWidget(self.signed_in_box)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.signed_in_box.hide()
        self.reload()

    def reload(self) -> None:
        self.ops.read(self._read_state).success(self._show_state).owned_by(self).run()

    def _read_state(self) -> tuple[dict, Effective]:
        return self.team.status(), machine_effective("team_server_url")

    def _show_state(self, state: tuple[dict, Effective]) -> None:
        status, preset = state
        if preset.value and (preset.locked or not self.server.text().strip()):
            self.server.setText(preset.value)
        # A server set by the organisation is the only one: shown, not editable.
        self.server.setReadOnly(preset.locked and bool(preset.value))
        self.server.setToolTip(self.tr("Set by your organisation") if self.server.isReadOnly() else "")
        self._show(status)

    def _show(self, status: dict) -> None:
        signed_in = bool(status["server"])
        self.sign_in_box.setVisible(not signed_in)
        self.signed_in_box.setVisible(signed_in)
        if not signed_in:
            return
        self.who.setText(self.tr("Signed in to %1 as %2 (team %3).").replace("%1", status["server"])
                         .replace("%2", status["user"] or "").replace("%3", status["team"] or ""))
        last = status["last_sync"] or self.tr("never")
        self.progress.setText(self.tr("Last sync: %1 · %2 change(s) waiting · %3 conflict(s)")
                              .replace("%1", last).replace("%2", str(status["pending"]))
                              .replace("%3", str(status["conflicts"])))

    def sign_in(self) -> None:
        server, email, password = self.server.text().strip(), self.email.text().strip(), self.password.text()
        if not server or not email or not password:
            self.error.say(self.tr("Enter the server, your email and your password."))
            return
        self.error.say("")
        self.sign_in_button.setEnabled(False)
        self.status.setText(self.tr("Signing in…"))
        ca_file, device = self.ca_file.text().strip() or None, self.device_name.text().strip() or None
        self.ops.call(self.team.login, server, email, password, ca_file, device) \
            .success(self._signed_in).failure(self._refused).owned_by(self).run()

    def _signed_in(self, _user: dict) -> None:
        self.password.clear()
        self.sign_in_button.setEnabled(True)
        self.status.setText(self.tr("Signed in. Customer records now sync with your team."))
        self.sync_now()
        self.changed.emit()
        self.reload()

    def _refused(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.status.setText("")
        self.error.say(error_sentence(error))

    def sync_now(self) -> None:
        if self.sync_service is not None:
            self.sync_service.team_sync()

    def sign_out(self) -> None:
        self.sign_out_button.setEnabled(False)

        def sign_out():
            self.team.logout()
            return OpResult(None, ChangeSet.of(RECORDS))
        self.ops.call(sign_out).success(self._signed_out).failure(self._refused).owned_by(self).run()

    def _signed_out(self, _value) -> None:
        self.sign_out_button.setEnabled(True)
        self.status.setText(self.tr("Signed out. The records on this computer stay."))
        self.changed.emit()
        self.reload()
