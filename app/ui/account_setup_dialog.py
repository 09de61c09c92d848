"""The "Add account" dialog: address and password, settings found for you, login tested.

For an address whose provider offers OAuth2 (Gmail, Outlook.com / Microsoft 365) page one
also shows "Sign in with Google" / "Sign in with Microsoft": the sign-in runs in the system
browser, waited for off the GUI thread with a Cancel button (:mod:`app.ui.oauth_sign_in`),
and the account is saved with the provider's settings once the login with the new token
worked.  Without a client id on this computer the button says so in one sentence.

Page one asks for the address and password (with the provider's advice about authorisation
codes as soon as the address is recognised).  "Continue" looks the settings up off the GUI
thread (provider table, autoconfig, MX) and shows them on page two, editable; "Test and
save" logs in, again off the GUI thread, and saves the account only if that worked.  A
failure is explained in words and the dialog stays open with everything as typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import Cancelled, LiaisonError
from app.mail.accounts.oauth.account_setup import add_oauth_account, browser_sign_in
from app.mail.accounts.oauth.config import OAuthProvider, config_for, oauth_provider_for_mail
from app.mail.accounts.setup import Discovery, account_from, add_account, discover, explain, guessed_settings
from app.mail.accounts.providers import ServerSettings, provider_for_domain
from app.settings.guards import plaintext_allowed
from app.store.database import Store
from app.ui.background import run_in_background
from app.ui.error_presenter import error_text
from app.ui.oauth_sign_in import BrowserSignIn

log = logging.getLogger("liaison.ui")
_SECURITY = ("ssl", "starttls", "none")


def provider_text(text: str) -> str:
    """Provider advice comes from the Qt-free core in English; translated here."""
    return QCoreApplication.translate("Providers", text)


class AccountSetupDialog(QDialog):
    account_added = Signal(int)  # the new account's id

    def __init__(self, store: Store, parent=None, discover_settings=discover, save=add_account,
                 oauth_config=config_for, save_oauth=add_oauth_account):
        super().__init__(parent)
        self.store = store
        self._discover = discover_settings
        self._save = save
        self._oauth_config = oauth_config  # OAuthProvider -> OAuthConfig (raises without a client id)
        self._save_oauth = save_oauth
        self._sign_in: BrowserSignIn | None = None
        self._discovery: Discovery | None = None
        self._named_after = ""  # the address the account name was filled from
        self.setWindowTitle(self.tr("Add Mail Account"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._address_page())
        self.pages.addWidget(self._server_page())
        # A long explanation (no keyring, a refused login) grows the dialog; it never squeezes
        # the fields above it.
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.buttons = QDialogButtonBox()
        self.back = self.buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next = QPushButton(self.tr("Continue"))
        self.next.setDefault(True)
        self.buttons.addButton(self.next, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._forward)
        self.buttons.rejected.connect(self.reject)
        self.back.clicked.connect(self._show_address_page)
        # Outside the pages, which are disabled while the browser sign-in is waited for.
        self.cancel_sign_in = QPushButton(self.tr("Cancel Sign-In"))
        self.cancel_sign_in.hide()
        self.cancel_sign_in.clicked.connect(lambda: self._sign_in and self._sign_in.cancel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_sign_in, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self._show_address_page()
        self.setMinimumWidth(520)

    # -- pages --------------------------------------------------------------------------
    def _address_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.your_name = QLineEdit()
        self.your_name.setPlaceholderText(self.tr("Shown to the people you write to"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("you@example.com"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_help = QLabel()
        self.password_help.setWordWrap(True)
        self.password_help.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Your name:"), self.your_name)
        form.addRow(self.tr("Email address:"), self.email)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.password_help)
        self.oauth_button = QPushButton()
        self.oauth_button.hide()
        self.oauth_button.clicked.connect(lambda: self._start_sign_in())
        oauth_row = QHBoxLayout()
        oauth_row.addWidget(self.oauth_button)
        oauth_row.addStretch(1)
        form.addRow(oauth_row)
        self.email.textChanged.connect(self._email_changed)
        return page

    def _server_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.found.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.found)
        self.imap_host, self.imap_port, self.imap_security = self._server_row(form, self.tr("Incoming (IMAP):"))
        self.smtp_host, self.smtp_port, self.smtp_security = self._server_row(form, self.tr("Outgoing (SMTP):"))
        self.username = QLineEdit()
        form.addRow(self.tr("User name:"), self.username)
        self.account_name = QLineEdit()
        self.account_name.setPlaceholderText(self.tr("For example: Work"))
        form.addRow(self.tr("Account name:"), self.account_name)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("Only if your company uses its own certificates"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form.addRow(self.tr("Certificate authority:"), ca_row)
        return page

    def _choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate Authority"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer)"))
        if path:
            self.ca_file.setText(path)

    def _server_row(self, form: QFormLayout, label: str):
        host = QLineEdit()
        port = QSpinBox()
        port.setRange(1, 65535)
        security = QComboBox()
        for mode, text in zip(_SECURITY, (self.tr("SSL/TLS"), self.tr("STARTTLS"),
                                          self.tr("None (unencrypted)"))):
            security.addItem(text, mode)
        if not plaintext_allowed():  # refused by the core anyway (app.settings.guards)
            unencrypted = security.model().item(_SECURITY.index("none"))
            unencrypted.setEnabled(False)
            unencrypted.setToolTip(self.tr("Set by your organisation"))
        row = QWidget()
        row_layout = QFormLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addRow(self.tr("Server:"), host)
        row_layout.addRow(self.tr("Port:"), port)
        row_layout.addRow(self.tr("Security:"), security)
        form.addRow(label, row)
        return host, port, security

    def _show_address_page(self) -> None:
        self.pages.setCurrentIndex(0)
        self.back.hide()
        self.next.setText(self.tr("Continue"))
        self.status.clear()
        self.email.setFocus()

    def _email_changed(self, text: str) -> None:
        provider = provider_for_domain(text.rpartition("@")[2]) if "@" in text else None
        self.password_help.setText(provider_text(provider.password_help)
                                   if provider and provider.password_help else "")
        oauth = self._oauth_provider()
        self.oauth_button.setVisible(oauth is not None)
        if oauth is not None:
            self.oauth_button.setText(self._sign_in_label(oauth))

    def _sign_in_label(self, oauth: OAuthProvider) -> str:
        labels = {"google": self.tr("Sign in with Google"), "microsoft": self.tr("Sign in with Microsoft")}
        return labels.get(oauth.key, self.tr("Sign in with %1").replace("%1", oauth.name))

    def _oauth_provider(self) -> OAuthProvider | None:
        text = self.email.text().strip()
        provider = provider_for_domain(text.rpartition("@")[2]) if "@" in text else None
        return oauth_provider_for_mail(provider.key) if provider else None

    # -- OAuth2 sign-in -----------------------------------------------------------------
    def _start_sign_in(self) -> None:
        email = self.email.text().strip()
        oauth = self._oauth_provider()
        provider = provider_for_domain(email.rpartition("@")[2])
        if oauth is None or provider is None or (self._sign_in and self._sign_in.running):
            return
        try:
            config = self._oauth_config(oauth)
            new = account_from(email, provider.settings, display_name=self.your_name.text())
        except LiaisonError as exc:
            self.status.setText(error_text(exc))
            return
        store, save = self.store, self._save_oauth

        def sign_in_and_save(open_browser, cancelled):
            tokens = browser_sign_in(config, open_browser, login_hint=email, ca_file=new.ca_file,
                                     cancelled=cancelled, account=new.name)
            return save(store, new, config, tokens)

        self._sign_in = BrowserSignIn(self, sign_in_and_save)
        self._sign_in.finished.connect(self._saved)
        self._sign_in.failed.connect(self._sign_in_failed)
        self._busy(self.tr("Waiting for you to sign in to %1 in your browser…").replace("%1", oauth.name))
        self.cancel_sign_in.show()
        self._sign_in.start()

    def _sign_in_failed(self, error: BaseException) -> None:
        self.cancel_sign_in.hide()
        if isinstance(error, Cancelled):
            self._idle()
            self.status.setText(self.tr("Sign-in cancelled."))
            return
        if isinstance(error, LiaisonError):  # not a password's failure: no advice about passwords
            self._idle()
            self.status.setText(error_text(error))
            return
        self._failed(error)

    def reject(self) -> None:
        if self._sign_in is not None and self._sign_in.running:
            self._sign_in.cancel()  # the browser wait ends; nothing is saved
        super().reject()

    # -- steps --------------------------------------------------------------------------
    def _forward(self) -> None:
        if self.pages.currentIndex() == 0:
            self._look_up()
        else:
            self._test_and_save()

    def _look_up(self) -> None:
        email = self.email.text().strip()
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            self.status.setText(self.tr("Enter your full email address, like name@example.com."))
            return
        if not self.password.text():
            self.status.setText(self.tr("Enter your password or authorisation code."))
            return
        self._busy(self.tr("Looking up the settings for %1…").replace("%1", email))
        run_in_background(self, lambda: self._discover(email), self._found, self._failed)

    def _found(self, discovery: Discovery) -> None:
        self._idle()
        self._discovery = discovery
        email = self.email.text().strip()
        settings = discovery.settings or guessed_settings(email)
        texts = {
            "provider": self.tr("Settings for %1."),
            "autoconfig": self.tr("Settings published by your mail domain (%1)."),
            "mx": self.tr("Your domain's mail is hosted by %2; using its settings (%1)."),
            "none": self.tr("No settings were found for this address. Enter your server's "
                            "settings; the ones below are common names, check them with your "
                            "mail administrator."),
        }
        self.found.setText(texts[discovery.source].replace("%1", discovery.detail).replace(
            "%2", discovery.provider.name if discovery.provider else ""))
        self._fill(settings, email)
        self.pages.setCurrentIndex(1)
        self.back.show()
        self.next.setText(self.tr("Test and Save"))

    def _fill(self, settings: ServerSettings, email: str) -> None:
        for host, port, security, values in (
                (self.imap_host, self.imap_port, self.imap_security,
                 (settings.imap_host, settings.imap_port, settings.imap_security)),
                (self.smtp_host, self.smtp_port, self.smtp_security,
                 (settings.smtp_host, settings.smtp_port, settings.smtp_security))):
            host.setText(values[0])
            port.setValue(values[1])
            security.setCurrentIndex(_SECURITY.index(values[2]))
        self.username.setText(settings.login_for(email))
        # The account is named after the address unless the user named it: after Back and
        # another address, the old address must not stay behind as the name.
        if not self.account_name.text() or self.account_name.text() == self._named_after:
            self.account_name.setText(email)
            self._named_after = email

    def entered_settings(self) -> ServerSettings:
        return ServerSettings(
            self.imap_host.text().strip(), self.imap_port.value(), self.imap_security.currentData(),
            self.smtp_host.text().strip(), self.smtp_port.value(), self.smtp_security.currentData(),
            username=self.username.text().strip() or "%EMAILADDRESS%")

    def _test_and_save(self) -> None:
        try:
            new = account_from(self.email.text(), self.entered_settings(),
                               name=self.account_name.text(), display_name=self.your_name.text(),
                               username=self.username.text(),
                               ca_file=self.ca_file.text().strip() or None)
        except LiaisonError as exc:
            self.status.setText(error_text(exc))
            return
        password = self.password.text()
        self._busy(self.tr("Logging in to %1…").replace("%1", new.imap_host))
        run_in_background(self, lambda: self._save(self.store, new, password),
                          self._saved, self._failed)

    def _saved(self, account) -> None:
        self.cancel_sign_in.hide()
        self._idle()
        self.account_added.emit(account.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        if isinstance(error, LiaisonError):
            provider = self._discovery.provider if self._discovery else None
            if provider is None:
                provider = provider_for_domain(self.email.text().rpartition("@")[2])
            # What went wrong and what to do, as a template with parameters (the provider's
            # advice among them), translated here.
            self.status.setText(error_text(explain(error, provider)))
        else:
            log.error("account setup failed", exc_info=error)
            self.status.setText(self.tr("Something went wrong inside Liaison (%1); the details "
                                        "are in the log.").replace("%1", type(error).__name__))

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.pages.setEnabled(False)
        self.next.setEnabled(False)
        self.back.setEnabled(False)

    def _idle(self) -> None:
        self.status.clear()
        self.pages.setEnabled(True)
        self.next.setEnabled(True)
        self.back.setEnabled(True)
