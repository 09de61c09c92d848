"""Bugs reach the user as one crash dialog, never as a silent traceback on a terminal nobody reads.

:func:`install_crash_handling` (called once by ``run_gui``) routes every way a bug surfaces:

* ``sys.excepthook`` — an exception nobody caught on the GUI thread, a Qt slot included
  (PySide6 hands those to the hook);
* ``threading.excepthook`` — an exception that ended another thread; it is moved to the GUI
  thread with a queued signal (a widget may only be made there);
* ``qInstallMessageHandler`` — Qt's own messages go to the log (``liaison.qt``); a critical or
  fatal one opens the dialog as well;
* a crash in native code, which ends the process, is written by :mod:`faulthandler` and shown
  at the next start (:mod:`app.ui.native_crashes`).

Each bug is logged with its traceback (``logs/liaison.log``) and shown in a
:class:`~app.ui.crash_dialog.CrashDialog`; at most one dialog is open at a time, later bugs
are logged and counted in it.  The report the user can copy holds the versions, the
traceback and the tail of the log, and goes through :func:`scrub_secrets` first: a password
or token in a log line (an IMAP ``LOGIN``, an SMTP ``AUTH``, ``password=…``, an
``Authorization:`` header, credentials in a URL) never reaches the clipboard.

The error presenter (:mod:`app.ui.error_presenter`) hands bugs from operations to the same
handler (:meth:`CrashHandler.report`).
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, __version__

log = logging.getLogger("liaison.ui.crash")
qt_log = logging.getLogger("liaison.qt")

LOG_TAIL_LINES = 200
_TAIL_BYTES = 256 * 1024
REMOVED = "[removed]"

# -- scrubbing -----------------------------------------------------------------------------
# A protocol command that carries a credential: everything after the command word goes.
_COMMAND = re.compile(r"(?<![A-Za-z0-9_])(LOGIN|AUTHENTICATE|AUTH)(?![A-Za-z0-9_])(\s+)\S.*$")
# key=value / key: value where the key names a secret.
_KEY_VALUE = re.compile(
    r"(?i)(?<![A-Za-z0-9])(password|passwd|pwd|pass|passphrase|secret|client_secret|token|access_token|"
    r"refresh_token|id_token|auth_code|authcode|api_key|apikey|cookie|set-cookie)"
    r"(['\"]?\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|\S+)")
_AUTH_HEADER = re.compile(r"(?i)((?:proxy-)?authorization)(\s*[:=]\s*).*$")
_URL_CREDENTIALS = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+):[^@\s/]+@")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")


def scrub_secrets(text: str) -> str:
    """``text`` with every credential-looking value replaced by ``[removed]``, line by line.

    Deliberately eager: a harmless word after ``AUTH`` is lost sooner than a password kept.
    """
    lines = []
    for line in text.splitlines():
        line = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED}", line)
        line = _COMMAND.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED}", line)
        line = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}:{REMOVED}@", line)
        line = _KEY_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED}", line)
        line = _BEARER.sub(lambda m: f"{m.group(1)} {REMOVED}", line)
        lines.append(line)
    return "\n".join(lines)


def log_tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> str:
    """The last ``lines`` lines of the log file (empty if there is none), scrubbed."""
    if path is None:
        return ""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - _TAIL_BYTES))
            data = handle.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    kept = text.splitlines()[-lines:]
    return scrub_secrets("\n".join(kept))


# -- the report ----------------------------------------------------------------------------
@dataclass
class CrashReport:
    """What the dialog shows and "Copy Report" copies; every text field is already scrubbed."""

    summary: str  # "ValueError: bad value"
    traceback: str
    where: str  # "the main thread", "thread liaison-call", "Qt"
    log_tail: str = ""
    log_file: str = ""
    when: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M:%S %z"))
    previous_run: bool = False  # a crash in native code that ended the previous run

    @classmethod
    def from_exception(cls, exc_type: type[BaseException] | None, exc: BaseException | None,
                       tb: TracebackType | None, where: str, log_file: Path | None) -> "CrashReport":
        exc_type = exc_type or type(exc)
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        trace = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()
        return cls(scrub_secrets(summary), scrub_secrets(trace), where, log_tail(log_file),
                   str(log_file or ""))

    @classmethod
    def from_message(cls, message: str, where: str, log_file: Path | None) -> "CrashReport":
        text = scrub_secrets(message.strip())
        return cls(text.splitlines()[0] if text else where, text, where, log_tail(log_file), str(log_file or ""))

    @classmethod
    def from_native_crash(cls, text: str, log_file: Path | None) -> "CrashReport":
        """The previous run's native crash (``app.ui.native_crashes``): faulthandler's stacks."""
        report = cls.from_message(text, "native code, the previous run", log_file)
        report.previous_run = True
        return report

    def versions(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        return (f"{APP_NAME} {__version__}\n"
                f"Platform: {platform.platform()}\n"
                f"Python: {platform.python_version()} ({platform.python_implementation()})\n"
                f"Qt: {qVersion()}, PySide6 {pyside_version}")

    def text(self) -> str:
        """The whole report, as copied to the clipboard (scrubbed once more as a whole)."""
        parts = [f"{APP_NAME} crash report, {self.when}", self.versions(), f"Where: {self.where}", "",
                 self.traceback or self.summary]
        if self.log_tail:
            parts += ["", f"Last {LOG_TAIL_LINES} lines of {self.log_file or 'the log'}:", self.log_tail]
        return scrub_secrets("\n".join(parts)) + "\n"


# -- the handler ---------------------------------------------------------------------------
class CrashHandler(QObject):
    """Logs bugs and shows them in one crash dialog; installs itself as the process's hooks."""

    _from_thread = Signal(object)  # a CrashReport made on another thread
    dialog_shown = Signal(object)  # the CrashDialog (tests, and anyone who wants to know)

    def __init__(self, log_file: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_file = log_file
        self.dialog = None
        self._previous: dict[str, object] = {}
        self._installed = False
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- hooks ------------------------------------------------------------------------------
    def install(self) -> "CrashHandler":
        if self._installed:
            return self
        self._previous = {"sys": sys.excepthook, "threading": threading.excepthook}
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        self._previous["qt"] = qInstallMessageHandler(self._qt_message)
        self._installed = True
        return self

    def uninstall(self) -> None:
        """Put back the hooks found at install time (tests; and at exit)."""
        if not self._installed:
            return
        sys.excepthook = self._previous["sys"]  # type: ignore[assignment]
        threading.excepthook = self._previous["threading"]  # type: ignore[assignment]
        qInstallMessageHandler(self._previous.get("qt"))  # type: ignore[arg-type]
        self._installed = False
        global _current
        if _current is self:
            _current = None

    def _sys_hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report_exception(exc_type, exc, tb, "the main thread")

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report_exception(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    def _qt_message(self, mode, context, message: str) -> None:
        previous = self._previous.get("qt")
        if previous is not None:  # pytest-qt's capture, or anyone installed before us
            try:
                previous(mode, context, message)
            except Exception:  # noqa: BLE001 - a broken handler must not stop ours
                pass
        level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
                 QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
                 QtMsgType.QtFatalMsg: logging.CRITICAL}.get(mode, logging.WARNING)
        where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
        qt_log.log(level, "%s%s", message, where)
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            report = CrashReport.from_message(f"Qt: {message}{where}", "Qt", self.log_file)
            if mode == QtMsgType.QtFatalMsg and _on_gui_thread():
                # Qt ends the process when this returns: the last chance to show what happened.
                for handler in logging.getLogger("liaison").handlers:
                    handler.flush()
                self._show(report, wait=True)
                return
            self._deliver(report)

    # -- reporting --------------------------------------------------------------------------
    def report(self, error: BaseException, where: str = "an operation") -> None:
        """A bug caught elsewhere (an op's exception): log it and show the dialog."""
        self.report_exception(type(error), error, error.__traceback__, where)

    def report_previous_native_crash(self, text: str) -> None:
        """Show the crash in native code that ended the previous run (already logged)."""
        self._deliver(CrashReport.from_native_crash(text, self.log_file))

    def report_exception(self, exc_type, exc, tb, where: str) -> None:
        log.error("internal error in %s", where, exc_info=(exc_type, exc, tb))
        try:
            report = CrashReport.from_exception(exc_type, exc, tb, where, self.log_file)
        except Exception:  # noqa: BLE001 - reporting must never raise from a hook
            log.exception("could not build a crash report")
            return
        self._deliver(report)

    def _deliver(self, report: CrashReport) -> None:
        if _on_gui_thread():
            self._show(report)
        else:
            self._from_thread.emit(report)  # queued to the GUI thread

    def _show(self, report: CrashReport, wait: bool = False) -> None:
        from app.ui.crash_dialog import CrashDialog

        if QApplication.instance() is None:
            return
        if self.dialog is not None and _alive(self.dialog) and self.dialog.isVisible():
            self.dialog.add_later_report(report)
            return
        self.dialog = CrashDialog(report, _parent_window())
        self.dialog.finished.connect(self._closed)
        if wait:
            self.dialog.exec()
            return
        self.dialog.show()
        self.dialog_shown.emit(self.dialog)

    def _closed(self, _result: int) -> None:
        self.dialog = None


_current: CrashHandler | None = None


def current_handler() -> CrashHandler | None:
    """The handler installed for this process, if any."""
    return _current


def install_crash_handling(app: QCoreApplication, paths) -> CrashHandler:
    """Route every bug of the process to the log and the crash dialog (see the module docstring)."""
    global _current
    if _current is not None:
        return _current
    _current = CrashHandler(paths.log_file if paths is not None else None, app).install()
    app.aboutToQuit.connect(_current.uninstall)
    return _current


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def _alive(widget) -> bool:
    try:
        widget.isVisible()
        return True
    except RuntimeError:  # the C++ object is gone
        return False


def _parent_window() -> QWidget | None:
    window = QApplication.activeWindow()
    if window is not None:
        return window
    from PySide6.QtWidgets import QMainWindow

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()),
                None)
