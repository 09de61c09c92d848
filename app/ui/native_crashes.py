"""A crash in native code (Qt, a C extension) leaves its Python stacks for the next start.

Python's exception hooks never see a segmentation fault or an abort: the process is gone.
:mod:`faulthandler` writes every thread's Python stack to ``logs/native-crash.txt`` when the
process gets such a signal. The file is opened at start and kept open for the life of the
process, because the signal handler can only write to a descriptor that is already open.

At the next start a non-empty file is read (before it is emptied for this run) and shown in
the crash dialog once the window is up, so a crash that left no window behind is still
reported. The stacks hold file names, function names and line numbers only, no values; the
report is scrubbed like every other.
"""

from __future__ import annotations

import faulthandler
import logging
from pathlib import Path

log = logging.getLogger("liaison.ui.crash")

NATIVE_CRASH_FILE = "native-crash.txt"
_KEEP_CHARS = 64 * 1024  # a crash with hundreds of threads is cut, not the report dialog


class NativeCrashRecorder:
    """Records this run's native crash, and holds the previous run's (``previous``, or "")."""

    def __init__(self, logs_dir: Path):
        self.path = Path(logs_dir) / NATIVE_CRASH_FILE
        self.previous = ""
        self._file = None

    def start(self) -> "NativeCrashRecorder":
        try:
            self.previous = self.path.read_text("utf-8", "replace")[:_KEEP_CHARS].strip()
        except OSError:
            self.previous = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        except OSError as exc:
            log.warning("native crashes cannot be recorded: %s", exc)
            return self
        faulthandler.enable(self._file, all_threads=True)
        if self.previous:
            log.error("the previous run ended in a crash in native code:\n%s", self.previous)
        return self

    def stop(self) -> None:
        """The process ends normally: nothing to report next time."""
        if self._file is None:
            return
        faulthandler.disable()
        self._file.close()
        self._file = None
        try:
            if self.path.stat().st_size == 0:
                self.path.unlink()
        except OSError:
            pass
