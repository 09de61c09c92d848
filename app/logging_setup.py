"""Logging to the profile's log file.  Loggers are named per area (liaison.imap, .db, .sync,
.ui); nothing secret is ever passed to them (credentials have a redacting ``repr``).

The log is a help, never a reason to fail: a log file that cannot be opened (a read-only
profile, a path taken by a folder) or written (a full disk) costs one warning line on stderr
and Liaison goes on without it, instead of a traceback at every command.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

from app.paths import ProfilePaths


class _ForgivingLogFile(RotatingFileHandler):
    """A rotating log file whose write failures are told once, then dropped quietly."""

    told = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if not self.told:
            self.told = True
            reason = sys.exc_info()[1]
            _warn(f"could not write the log file {self.baseFilename} ({_reason(reason)}); "
                  "later log lines are dropped.")


def configure_logging(paths: ProfilePaths, level: int = logging.INFO) -> None:
    root = logging.getLogger("liaison")
    if any(isinstance(h, (RotatingFileHandler, logging.NullHandler)) for h in root.handlers):
        return
    try:
        handler: logging.Handler = _ForgivingLogFile(paths.log_file, maxBytes=2_000_000, backupCount=3,
                                                     encoding="utf-8")
    except OSError as exc:
        _warn(f"cannot open the log file {paths.log_file} ({_reason(exc)}); continuing without a log file.")
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def writing_log_file() -> bool:
    """Whether log lines reach the profile's log file (an error message may point to it)."""
    return any(isinstance(h, _ForgivingLogFile) and not h.told for h in logging.getLogger("liaison").handlers)


def _reason(exc: BaseException | None) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _warn(sentence: str) -> None:
    try:
        print(f"liaison: warning: {sentence}", file=sys.stderr)
    except (OSError, ValueError):  # no usable stderr (a windowed build): nothing more to do
        pass
