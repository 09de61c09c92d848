"""The one thread that writes to a profile's database.

**Why one thread.**  SQLite allows one writer at a time; when several threads write, each
waits on the database lock (or on a process-wide Python lock) for as long as the others'
transactions last.  A window whose click waits behind a sync batch stutters.  So every
write transaction of the process runs on a single writer thread, in the order it was asked
for (Anki's collection executor, Mailspring's single writer):

* :meth:`Store.write <app.store.database.Store.write>` refuses to open a transaction on any
  other thread (a programming error, caught by every test);
* a core function that writes is declared with :func:`writes`: called from anywhere, its
  body runs on the writer thread and the caller gets its result or its exception (a sync
  job's thread waits for that; it was waiting for the lock before);
* the GUI thread never waits for the writer: it hands work over with :meth:`Writer.submit`
  and hears back through a callback (``app.ui.ops``); :meth:`Writer.call` from a thread
  registered with :meth:`Writer.never_wait_on` raises :class:`WaitOnWriter`, and a test
  fails on it.

Work on the writer thread is short: CPU-heavy preparation (parsing, compressing, building
search documents, threading) is done by the caller before it hands over the write.  Other
processes (a CLI ``sync`` beside the window) are serialised by SQLite's own lock.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

log = logging.getLogger("liaison.db")

T = TypeVar("T")
_STOP = object()


class WaitOnWriter(RuntimeError):
    """A thread that must never block (the GUI thread) asked to wait for a database write."""


class WriteOutsideWriter(RuntimeError):
    """A write transaction was opened on a thread other than the writer thread."""


class Writer:
    """One daemon thread running write work in order; started on first use, stopped by ``stop``."""

    def __init__(self, name: str = "liaison-writer"):
        self._name = name
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ident: int | None = None
        self._start_lock = threading.Lock()
        self._never_wait: set[int] = set()
        self._waiting = 0  # jobs queued and not finished: "is anything being written?"
        self._waiting_lock = threading.Lock()
        # The thread that asked for the job now running: search indexing alongside a sync
        # looks for moments when nobody *else* is writing.
        self.caller: int = 0

    # -- asking for work ----------------------------------------------------------------
    def is_current(self) -> bool:
        return self._ident is not None and threading.get_ident() == self._ident

    def never_wait_on(self, thread_ident: int | None = None) -> None:
        """Declare a thread (default: this one) that must never block on a write."""
        self._never_wait.add(thread_ident if thread_ident is not None else threading.get_ident())

    @contextmanager
    def waiting_allowed(self) -> Iterator[None]:
        """Let this thread wait on writes for a moment: data set up *around* the GUI (tests,
        start-up before the window shows), never inside a slot."""
        ident = threading.get_ident()
        was_forbidden = ident in self._never_wait
        self._never_wait.discard(ident)
        try:
            yield
        finally:
            if was_forbidden:
                self._never_wait.add(ident)

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
        """Run ``fn`` on the writer thread; the future holds its result or its exception."""
        future: Future = Future()
        if self.is_current():  # nested: already in order, run it now
            self._run_one(future, fn, args, kwargs, threading.get_ident())
            return future
        self._ensure_started()
        with self._waiting_lock:
            self._waiting += 1
        self._queue.put((future, fn, args, kwargs, threading.get_ident()))
        return future

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the writer thread and wait for it (inline when already there)."""
        if self.is_current():
            return fn(*args, **kwargs)
        if threading.get_ident() in self._never_wait:
            raise WaitOnWriter(
                f"{getattr(fn, '__qualname__', fn)} writes to the database and was called on a thread "
                "that must never wait (the GUI thread): run it as an op")
        return self.submit(fn, *args, **kwargs).result()

    @property
    def busy(self) -> bool:
        """True while write work is queued or running."""
        return self._waiting > 0

    # -- the thread ---------------------------------------------------------------------
    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                started = threading.Event()
                self._thread = threading.Thread(target=self._loop, args=(started,), name=self._name,
                                                daemon=True)
                self._thread.start()
                started.wait()

    def _loop(self, started: threading.Event) -> None:
        self._ident = threading.get_ident()
        started.set()
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            future, fn, args, kwargs, caller = job
            try:
                if future.set_running_or_notify_cancel():
                    self._run_one(future, fn, args, kwargs, caller)
            finally:
                with self._waiting_lock:
                    self._waiting -= 1

    def _run_one(self, future: Future, fn, args, kwargs, caller: int) -> None:
        outer, self.caller = self.caller, caller
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # handed to whoever waits on the future
            future.set_exception(exc)
        else:
            future.set_result(result)
        finally:
            self.caller = outer

    def stop(self, timeout: float = 30.0) -> None:
        """Finish what is queued, then end the thread (joins it)."""
        thread = self._thread
        if thread is None or self.is_current():
            return
        self._queue.put(_STOP)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the database writer did not finish within %.0f s", timeout)
        self._thread = None
        self._ident = None

    def drain(self) -> None:
        """Wait until everything submitted so far has run (tests, shutdown)."""
        if self._thread is None or self.is_current():
            return
        self.submit(lambda: None).result()


def writes(fn: Callable[..., T]) -> Callable[..., T]:
    """Declare a core function that writes: ``fn(store, ...)`` always runs on the writer thread."""

    @functools.wraps(fn)
    def on_writer_thread(store, *args, **kwargs):
        return store.writer.call(fn, store, *args, **kwargs)

    on_writer_thread.writes = True  # type: ignore[attr-defined]
    return on_writer_thread

