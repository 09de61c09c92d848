"""Asking for an account's password (or authorisation code, or app password) in the window.

Shown by the error presenter when a server refuses the password or none is stored.  It names
the account and its address, says what the server said, and gives the provider's advice from
:mod:`app.mail.accounts.providers` (QQ and NetEase want an authorisation code, Gmail an app
password…).  Save stores the secret in the keyring off the GUI thread (``ops.call``; a keyring
can block) and then asks the sync service for a pass of that account, which resumes the sync.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.errors import AuthError, LiaisonError
from app.mail.accounts.providers import PROVIDERS, Provider, provider_for_domain
from app.secrets import SecretStore

CODE, APP_PASSWORD, PASSWORD = "code", "app-password", "password"


def provider_for_account(account) -> Provider | None:
    """The provider behind an account: by its address's domain, else by its IMAP server
    (a company domain hosted on Tencent Exmail or Alibaba mail)."""
    provider = provider_for_domain(account.email.rpartition("@")[2])
    if provider is not None:
        return provider
    host = (account.imap_host or "").lower()
    return next((p for p in PROVIDERS if p.settings.imap_host == host), None)


def secret_kind(provider: Provider | None) -> str:
    """What the provider wants instead of the web password, read from its advice."""
    advice = (provider.password_help if provider else "").lower()
    if "authorisation code" in advice:
        return CODE
    if any(word in advice for word in ("app password", "app-specific", "application-specific",
                                       "client-specific password")):
        return APP_PASSWORD
    return PASSWORD


class PasswordPrompt(QDialog):
    """The password prompt for one account; non-blocking, at most one per account (the presenter)."""

    saved = Signal(int)  # account id, after the secret is in the keyring and the sync was asked for

    def __init__(self, account, error: BaseException | None, ops, sync, parent: QWidget | None = None,
                 translate_error=None):
        super().__init__(parent)
        self.account = account
        self.account_id = account.id
        self.ops = ops
        self.sync = sync
        self.provider = provider_for_account(account)
        self.kind = secret_kind(self.provider)
        self._translate_error = translate_error
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.setWindowTitle(self.tr("Sign In to %1").replace("%1", account.name))

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = {
            CODE: self.tr("Liaison needs the authorisation code of %1 <%2> to sync it."),
            APP_PASSWORD: self.tr("Liaison needs an app password for %1 <%2> to sync it."),
            PASSWORD: self.tr("Liaison needs the password of %1 <%2> to sync it."),
        }[self.kind]
        self.headline = QLabel(headline.replace("%1", account.display_name or account.name)
                               .replace("%2", account.email))
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reason = QLabel(self._reason_text(error))
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(self._advice_text())
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(260)
        self.show_secret = QCheckBox(self.tr("Show"))
        self.show_secret.toggled.connect(self._toggle_echo)
        field = QHBoxLayout()
        field.addWidget(self.password, 1)
        field.addWidget(self.show_secret)
        label = {CODE: self.tr("Authorisation code:"), APP_PASSWORD: self.tr("App password:"),
                 PASSWORD: self.tr("Password:")}[self.kind]
        form = QFormLayout()
        form.addRow(self.tr("Account:"), QLabel(f"{account.name} <{account.email}>"))
        form.addRow(label, field)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setEnabled(False)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text)))

        self.status.hide()

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.headline)
        text.addWidget(self.reason)
        text.addWidget(self.advice)
        text.addSpacing(6)
        text.addLayout(form)
        text.addWidget(self.status)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.password.setFocus()

    # -- texts ----------------------------------------------------------------------------
    def _reason_text(self, error: BaseException | None) -> str:
        if isinstance(error, AuthError) and error.missing:
            return self.tr("No password is stored for this account yet.")
        if isinstance(error, AuthError) and error.server_text:
            return self.tr("The server refused the sign-in. It said: “%1”").replace(
                "%1", error.server_text)
        if isinstance(error, LiaisonError):
            return self._describe(error)
        return self.tr("The server refused the sign-in.")

    def _describe(self, error: LiaisonError) -> str:
        if self._translate_error is not None:
            return self._translate_error(error)
        from app.errors import describe

        return describe(error, lambda text: QCoreApplication.translate("errors", text))

    def _advice_text(self) -> str:
        if self.provider is not None and self.provider.password_help:
            return QCoreApplication.translate("Providers", self.provider.password_help)
        return self.tr("If your provider uses app passwords or authorisation codes, enter one of those "
                       "instead of the password you use on the web.")

    def _toggle_echo(self, shown: bool) -> None:
        self.password.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    # -- saving -----------------------------------------------------------------------------
    def _save(self) -> None:
        secret = self.password.text()
        if not secret:
            return
        self._busy(True)
        self._say(self.tr("Saving in the system keyring…"))
        (self.ops.call(SecretStore().set_password, self.account.uuid, secret)
         .success(self._saved).failure(self._failed).owned_by(self).run())

    def _saved(self, _value) -> None:
        self.password.clear()
        self.sync.sync_account(self.account_id, user=True)
        self.saved.emit(self.account_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, LiaisonError):
            self._say(self._describe(error))
            return
        self._say(self.tr("The password could not be saved: Liaison ran into a bug."))
        self.ops.present_error(error)  # a bug: the crash dialog

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.save_button.setEnabled(not busy and bool(self.password.text()))
        self.cancel_button.setEnabled(not busy)
