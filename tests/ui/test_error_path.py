"""One error path in the window: the presenter, the password prompt that resumes the sync against
a real Dovecot, translated (stored) errors, and the crash dialog for bugs (pytest-qt)."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator, qCritical
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.errors import Cancelled, NetworkError, UserFacingError
from app.paths import ProfilePaths
from app.secrets import SecretStore
from app.ui.crash_dialog import CrashDialog
from app.ui.crash_handling import CrashHandler
from app.ui.error_presenter import ErrorPresenter
from app.ui.main_window import MainWindow
from app.ui.password_prompt import PasswordPrompt
from app.ui.sync_service import SyncService
from tests.integration.conftest import PASSWORD
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration

PLANTED = "hunter2-planted-secret"


def shout(template: str) -> str:
    return re.sub(r"(\{[^}]*\})|([^{]+)", lambda m: m.group(1) or m.group(2).upper(), template)


class ShoutingTranslator(QTranslator):
    """A stand-in for a real translation: every error template comes back upper-cased."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return shout(source) if context == "errors" else ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def shouting(qapp):
    translator = ShoutingTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def presented(qtbot, store, profile_dir):
    """``presented(start=False)`` → (window, service, presenter): the window with its error presenter
    wired as the window's owner is told (``ErrorPresenter(window)``, ``ops.set_error_presenter``,
    ``account_error`` → ``account_failed``)."""
    services = []

    def open_(start: bool = False):
        service = SyncService(store, use_idle=False)
        services.append(service)
        window = MainWindow(ProfilePaths(profile_dir), store, service)
        qtbot.addWidget(window)
        presenter = getattr(window, "error_presenter", None)
        if presenter is None:  # the window does not wire it itself (yet): exactly what it is told to do
            presenter = ErrorPresenter(window)
            window.ops.set_error_presenter(presenter.present)
            service.account_error.connect(presenter.account_failed)
        window.show()
        if start:
            service.start()
        return window, service, presenter

    yield open_
    for service in services:
        service.stop()


def _prompts() -> list[PasswordPrompt]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordPrompt) and w.isVisible()]


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_refused_password_is_asked_for_in_the_window_and_the_sync_resumes(qtbot, store, account, imap,
                                                                             presented):
    imap.append("INBOX", make_message(1))
    SecretStore().set_password(account.uuid, "an-old-password")  # the server no longer takes it
    window, service, presenter = presented()
    states = []
    service.account_error.connect(lambda _id, state, _error: states.append(state))
    service.start()

    qtbot.waitUntil(lambda: len(_prompts()) == 1, timeout=15000)
    assert states and states[0] == "auth"
    (prompt,) = _prompts()
    assert "work <sales@example.com>" in prompt.headline.text() and "sales@example.com" in prompt.headline.text()
    assert "AUTHENTICATIONFAILED" in prompt.reason.text()  # the server's own words
    assert prompt.password.echoMode() == prompt.password.EchoMode.Password
    assert not prompt.save_button.isEnabled()
    assert window.messages.rowCount() == 0

    service.sync_account(account.id)  # another failure meanwhile: still one prompt for the account
    qtbot.waitUntil(lambda: states.count("auth") >= 2, timeout=15000)
    assert len(_prompts()) == 1

    qtbot.keyClicks(prompt.password, PASSWORD)
    qtbot.mouseClick(prompt.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _prompts(), timeout=10000)
    assert SecretStore().get_password(account.uuid) == PASSWORD
    qtbot.waitUntil(lambda: window.messages.rowCount() == 1, timeout=15000)
    qtbot.waitUntil(lambda: "up to date" in window.status_label.text(), timeout=15000)
    assert not _prompts() and not _boxes()


def test_no_stored_password_opens_the_prompt_and_cancel_closes_it(qtbot, store, account, presented):
    SecretStore().delete_password(account.uuid)
    window, service, presenter = presented()
    errors = []
    service.account_error.connect(lambda _id, _state, error: errors.append(error))
    service.start()
    qtbot.waitUntil(lambda: len(_prompts()) == 1, timeout=15000)
    (prompt,) = _prompts()
    assert prompt.reason.text() == "No password is stored for this account yet."
    assert "set-password" not in prompt.reason.text() + prompt.advice.text()  # no CLI instruction
    assert presenter.status_text(errors[0]) == "No password is stored for work."  # for the status bar
    qtbot.mouseClick(prompt.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _prompts(), timeout=5000)
    presenter.account_failed(account.id, "auth", None)  # the other lane's failure right after: quiet
    assert not _prompts()


def test_an_auth_error_from_an_op_asks_for_that_accounts_password(qtbot, store, account, presented):
    window, _service, _presenter = presented()
    from app.mail.accounts.credential import credential_for

    SecretStore().delete_password(account.uuid)
    window.ops.call(credential_for, account).run()  # no .failure: the presenter handles it
    qtbot.waitUntil(lambda: len(_prompts()) == 1, timeout=5000)
    assert _prompts()[0].account_id == account.id


def test_expected_errors_are_one_translated_sentence_shown_once_and_cancelled_is_silent(
        qtbot, store, presented, shouting):
    window, _service, presenter = presented()

    def fail():
        raise NetworkError("{host}:{port} refused the connection: check the port number.", host="mail.example.com",
                           port=993)

    def cancelled():
        raise Cancelled()

    window.ops.call(cancelled).run()
    for _ in range(3):
        window.ops.call(fail).run()
    qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=5000)
    qtbot.wait(200)  # the repeats arrived too: still one box
    (box,) = _boxes()
    assert len(_boxes()) == 1
    assert box.text() == "mail.example.com:993 REFUSED THE CONNECTION: CHECK THE PORT NUMBER."
    assert box.isModal() is False or box.windowModality() != Qt.WindowModality.ApplicationModal
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _boxes(), timeout=5000)
    window.ops.call(lambda: (_ for _ in ()).throw(UserFacingError("Plain {braces} text"))).run()
    qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=5000)
    assert _boxes()[0].text() == "PLAIN {braces} TEXT"  # translated as it is: no parameters, no formatting
    _boxes()[0].close()


def test_a_stored_outbox_reason_is_shown_translated_in_the_outbox(qtbot, store, account, presented, shouting):
    from app.mail.sending.outbox import enqueue
    from app.mail.sending.outgoing import Outgoing

    enqueue(store, account, Outgoing("", "sales@example.com", [("", "x@example.org")], "hello", "b"))
    window, service, _presenter = presented()
    service.deliver(account.id)  # nothing listens on the account's SMTP port: queued with the reason
    qtbot.waitUntil(lambda: window.outbox_button.isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: "REFUSED THE CONNECTION" in _outbox_reason(window), timeout=15000)


def _outbox_reason(window) -> str:
    """The "Why" of the first row, in the Outbox dialog opened from the status bar's button."""
    from app.mail.sending.outbox import list_outbox
    from app.ui.outbox_view import OutboxDialog

    if not any(i.last_error for i in list_outbox(window.store)):
        return ""
    window.outbox_button.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, OutboxDialog) and w.isVisible()]
    try:
        return dialogs[-1].table.item(0, 3).text() if dialogs else ""
    finally:
        for dialog in dialogs:
            dialog.close()


# -- bugs: the crash dialog --------------------------------------------------------------------

@pytest.fixture
def crash_handling(qtbot, profile_dir):
    """The process hooks installed for one test, then put back (pytest-qt's own included)."""
    log_file = ProfilePaths(profile_dir).ensure().log_file
    log_file.write_text(
        "2026-11-30 10:00:00 INFO liaison.imap: connected to imap.example.com:993 as sales\n"
        f"2026-11-30 10:00:01 DEBUG liaison.imap: > b'a001 LOGIN sales \"{PLANTED}\"'\n"
        f"2026-11-30 10:00:02 DEBUG liaison.smtp: send: 'AUTH PLAIN {PLANTED}'\n"
        f"2026-11-30 10:00:03 WARNING liaison.setup: retrying with password={PLANTED}\n"
        f"2026-11-30 10:00:04 DEBUG liaison.http: Authorization: Bearer {PLANTED}\n"
        "2026-11-30 10:00:05 INFO liaison.sync: INBOX: 3 new\n", encoding="utf-8")
    with qtbot.capture_exceptions() as captured:
        handler = CrashHandler(log_file).install()
        try:
            yield handler
        finally:
            handler.uninstall()
            for dialog in [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]:
                dialog.close()
    assert captured == []  # every bug went to our dialog, none escaped to pytest-qt


def _crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def test_a_bug_in_a_slot_shows_the_crash_dialog_and_the_report_is_copied_without_secrets(
        qtbot, crash_handling):
    def broken_slot():
        raise ValueError(f"the tally went negative (password={PLANTED})")

    button = QPushButton("Recount")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: broken_slot())
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1, timeout=5000)
    (dialog,) = _crash_dialogs()
    assert dialog.summary.text().startswith("ValueError: the tally went negative")
    details = dialog.details.toPlainText()
    assert "Traceback (most recent call last)" in details and "broken_slot" in details
    assert "INBOX: 3 new" in details  # the log tail
    assert PLANTED not in details + dialog.summary.text()

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    report = QGuiApplication.clipboard().text()
    assert "crash report" in report and "Python: " in report and "Qt: " in report and "Platform: " in report
    assert "broken_slot" in report and "ValueError: the tally went negative" in report
    assert "INBOX: 3 new" in report and "a001 LOGIN [removed]" in report
    assert PLANTED not in report
    assert dialog.copied.text() == "The report is on the clipboard."

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second bug: counted, not a second dialog
    assert len(_crash_dialogs()) == 1 and dialog.more.isVisible() and "1 more" in dialog.more.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _crash_dialogs(), timeout=5000)


def test_a_bug_on_another_thread_reaches_the_dialog_on_the_gui_thread(qtbot, crash_handling):
    def work():
        raise KeyError("missing-folder")

    thread = threading.Thread(target=work, name="liaison-test-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1, timeout=5000)
    (dialog,) = _crash_dialogs()
    assert "KeyError" in dialog.summary.text() and "liaison-test-worker" in dialog.report.where


@pytest.mark.qt_log_ignore("planted critical message")
def test_a_critical_qt_message_is_logged_and_shown(qtbot, crash_handling):
    qCritical("planted critical message")
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1, timeout=5000)
    assert "planted critical message" in _crash_dialogs()[0].summary.text()


def test_a_bug_in_an_op_goes_to_the_crash_dialog_through_the_presenter(qtbot, store, presented, crash_handling):
    window, _service, _presenter = presented()

    def buggy():
        return 1 / 0

    window.ops.call(buggy).run()
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1, timeout=5000)
    (dialog,) = _crash_dialogs()
    assert "ZeroDivisionError" in dialog.summary.text() and "buggy" in dialog.details.toPlainText()
    assert not _boxes()


CRASHING_RUN = """
import faulthandler, sys
from app.ui.native_crashes import NativeCrashRecorder
NativeCrashRecorder(sys.argv[1]).start()
def syncing_the_inbox():
    faulthandler._sigsegv()  # what a crash inside Qt or an extension does to the process
syncing_the_inbox()
"""


def test_a_native_crash_is_shown_at_the_next_start(qtbot, crash_handling, profile_dir):
    """A segmentation fault ends the process past every Python hook: its stacks, written by
    faulthandler, reach the crash dialog at the next start, once."""
    import faulthandler
    import subprocess
    import sys
    from pathlib import Path

    from app.ui.native_crashes import NativeCrashRecorder

    logs = ProfilePaths(profile_dir).ensure().logs
    repo = Path(__file__).resolve().parents[2]
    crashed = subprocess.run([sys.executable, "-c", CRASHING_RUN, str(logs)], cwd=repo, capture_output=True,
                             timeout=60)
    assert crashed.returncode == -11, crashed.stderr.decode(errors="replace")
    recorder = NativeCrashRecorder(logs)
    try:
        recorder.start()
        assert "Segmentation fault" in recorder.previous and "syncing_the_inbox" in recorder.previous
        crash_handling.report_previous_native_crash(recorder.previous)
        qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1, timeout=5000)
        (dialog,) = _crash_dialogs()
        assert dialog.headline.text().startswith("Liaison stopped unexpectedly the last time it ran.")
        assert dialog.summary.text() == "Fatal Python error: Segmentation fault"
        assert "syncing_the_inbox" in dialog.details.toPlainText() and PLANTED not in dialog.details.toPlainText()
        recorder.stop()  # this run ended well: nothing for the next start
        assert NativeCrashRecorder(logs).start().previous == ""
    finally:
        faulthandler.disable()
        faulthandler.enable(sys.__stderr__, all_threads=True)  # pytest's own, for the tests after this


def test_the_prompt_gives_the_providers_advice_for_an_authorisation_code(qtbot, store, presented):
    from app.errors import AuthError
    from app.store.accounts import NewAccount, create_account

    account = create_account(store, NewAccount(
        name="QQ 邮箱", email="li.lei@qq.com", display_name="李雷", imap_host="imap.qq.com", imap_port=993,
        imap_security="ssl", smtp_host="smtp.qq.com", smtp_port=465, smtp_security="ssl"))
    window, _service, presenter = presented()
    error = AuthError("{host} rejected the user name or password for {user} ({reply}).",
                      "[AUTHENTICATIONFAILED] 请使用授权码登录", host="imap.qq.com", user="li.lei@qq.com")
    presenter.account_failed(account.id, "auth", error)
    (prompt,) = _prompts()
    assert prompt.kind == "code"
    assert "authorisation code" in prompt.headline.text() and "李雷 <li.lei@qq.com>" in prompt.headline.text()
    assert "授权码" in prompt.advice.text() and "POP3/IMAP/SMTP" in prompt.advice.text()
    assert "请使用授权码登录" in prompt.reason.text()
    presenter.present(error)  # the same account's error again, from an op (found by host and user)
    assert _prompts() == [prompt]
    prompt.close()
