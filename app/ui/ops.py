"""Operations: work off the GUI thread, answers back on it, changes told to every panel.

``ops.write(fn, *args).success(on_done).failure(on_error).run()``

* **write** ops run ``fn`` on the store's writer thread (``app.store.writer``): the one place
  database writes happen.  The GUI thread never opens a write transaction and never waits
  for one (the window declares itself with ``Writer.never_wait_on``; a test fails if it does).
* **read** ops run ``fn`` on a reader thread: a search, a report, a list, anything slow that
  only reads.
* **view read** ops are the reads a selection starts (the message parsed and sanitised for
  the reader, the list's rows in sight, the customer panel): they run on one thread of their
  own, the message body first (``urgent``), and a panel's or the reader's read that a newer
  one replaced before it started never runs (``replacing``). So a selection never waits
  behind a search or behind what the previous selection asked for, and two of them never
  run Python at once: Python runs one thread at a time, and while the GUI thread paints it
  takes turns with every other thread running Python (with the selection's reads on two
  threads it had a third of the turns).
* **call** ops run ``fn`` on a plain thread: the keyring, a login test, remote images.

``fn`` never touches a widget.  It may return a :class:`~app.services.events.ChangeSet`, or
an :class:`OpResult` carrying a value and a change set; the change set is published on the
window's :class:`AppEvents` (panels refresh from it, coalesced) before ``success`` gets the
value.  Without ``failure``, errors go to the window's error presenter: a
:class:`~app.errors.LiaisonError` becomes one clear sentence, anything else is a bug and
opens the crash dialog.  If the op's owner widget is deleted before the answer comes, the
answer is dropped.
"""

from __future__ import annotations

import heapq
import logging
import threading
import weakref
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.events import ChangeSet
from app.store.database import Store

log = logging.getLogger("liaison.ui.ops")

COALESCE_MS = 60


@dataclass
class OpResult:
    """What an op's function returns when it has both a value and changes to tell."""

    value: Any = None
    changes: ChangeSet | None = None


class AppEvents(QObject):
    """One broadcast of what changed, on the GUI thread, coalesced over a few milliseconds.

    Sources: ops, the services (sync passes, deliveries), anything that changes shared state.
    A burst of changes becomes one ``changed`` signal with their union, so a panel refreshes
    once per burst (one UI update per item is the anti-pattern that froze Electrum forks).
    """

    changed = Signal(object)  # ChangeSet

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending = ChangeSet()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._fire)

    def publish(self, changes: ChangeSet | None) -> None:
        if changes:
            self._pending.merge(changes)
            if not self._timer.isActive():
                self._timer.start()

    def flush(self) -> None:
        """Deliver what is pending now (tests, and before a modal dialog reads state)."""
        self._timer.stop()
        self._fire()

    def _fire(self) -> None:
        pending, self._pending = self._pending, ChangeSet()
        if pending:
            self.changed.emit(pending)


class _Relay(QObject):
    finished = Signal(bool, object)


class Op:
    """One operation; build it with :class:`Ops` and call :meth:`run`."""

    def __init__(self, ops: "Ops", kind: str, fn: Callable, args: tuple, kwargs: dict):
        self._ops = ops
        self._kind = kind
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._owner: QObject | None = None
        self._counted = False  # counted in ops.in_flight until delivered or dropped
        self._urgent = False  # view reads: run before the others queued
        self._replaces: Any = None  # view reads: a queued one with this key is dropped

    def success(self, callback: Callable[[Any], None]) -> "Op":
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> "Op":
        self._failure = callback
        return self

    def urgent(self) -> "Op":
        """A view read the user is waiting for (the message body): run before the other view
        reads queued."""
        self._urgent = True
        return self

    def replacing(self, key: Any) -> "Op":
        """A view read whose answer makes the one queued under ``key`` useless (a panel shows
        only its newest subject): that one is dropped if it has not started; its callbacks
        never run."""
        self._replaces = key
        return self

    def owned_by(self, widget: QObject) -> "Op":
        """Drop the answer if ``widget`` is gone by then (a closed dialog)."""
        self._owner = widget
        return self

    def run(self) -> Future:
        self._ops.in_flight += 1
        self._counted = True
        relay = _Relay(self._owner or self._ops)
        relay.finished.connect(lambda ok, value: self._deliver(relay, ok, value))
        # An owner deleted before the answer arrives takes the relay (and the queued answer)
        # with it: the op is no longer in flight then either.
        relay.destroyed.connect(lambda _obj=None: self._uncount())
        future = self._ops._start(self._kind, self._fn, self._args, self._kwargs,
                                  urgent=self._urgent, replaces=self._replaces)

        def done(f: Future) -> None:
            exc = _DROPPED if f.cancelled() else f.exception()
            try:
                relay.finished.emit(exc is None, f.result() if exc is None else exc)
            except RuntimeError:  # the owner was deleted meanwhile
                log.debug("op result dropped: its window is gone")
        future.add_done_callback(done)
        return future

    def _uncount(self) -> None:
        if self._counted:
            self._counted = False
            self._ops.in_flight -= 1

    def _deliver(self, relay: QObject, ok: bool, value: Any) -> None:
        self._uncount()
        relay.deleteLater()
        if value is _DROPPED:
            return
        if not ok:
            (self._failure or self._ops.present_error)(value)
            return
        if isinstance(value, OpResult):
            self._ops.events.publish(value.changes)
            value = value.value
        elif isinstance(value, ChangeSet):
            self._ops.events.publish(value)
        if self._success is not None:
            self._success(value)


_live_ops: "weakref.WeakSet[Ops]" = weakref.WeakSet()
_DROPPED = CancelledError("replaced by a newer view read before it started")


class ViewReader:
    """The view reads' one thread: the most urgent first, a replaced read never run.

    Threads: :meth:`submit` is called on the GUI thread; the reads run in order on the
    ``liaison-view-reader`` thread, urgent ones first, then by submission. A read submitted
    with the ``replaces`` key of one still queued cancels that one (a cancelled future's
    callbacks run at once, on the submitting thread). The thread starts with the first read
    and ends after ``IDLE_SECONDS`` without one (every widget used on its own has ops of its
    own), like a thread pool's.
    """

    IDLE_SECONDS = 30.0

    def __init__(self):
        self._queue: list = []  # heap of (0 urgent / 1, sequence, future, fn, args, kwargs, key)
        self._queued: dict[Any, Future] = {}  # replaces key → its queued future
        self._sequence = 0
        self._closed = False
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, fn: Callable, args: tuple, kwargs: dict, urgent: bool = False, replaces: Any = None) -> Future:
        future: Future = Future()
        with self._ready:
            if self._closed:
                raise RuntimeError("the window is closing")
            older = self._queued.pop(replaces, None) if replaces is not None else None
            if replaces is not None:
                self._queued[replaces] = future
            self._sequence += 1
            heapq.heappush(self._queue, (0 if urgent else 1, self._sequence, future, fn, args, kwargs, replaces))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="liaison-view-reader", daemon=True)
                self._thread.start()
            self._ready.notify()
        if older is not None:
            older.cancel()  # still queued: the loop skips it
        return future

    def _run(self) -> None:
        while True:
            with self._ready:
                if not self._queue and not self._closed:
                    self._ready.wait(self.IDLE_SECONDS)
                if not self._queue:  # idle (or closing): the next read starts a new thread
                    self._thread = None
                    return
                _urgent, _seq, future, fn, args, kwargs, replaces = heapq.heappop(self._queue)
                if replaces is not None and self._queued.get(replaces) is future:
                    del self._queued[replaces]
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the op's failure handler
                future.set_exception(exc)

    def shutdown(self, wait: bool = True) -> None:
        """Drop what is queued, let the running read finish."""
        with self._ready:
            self._closed = True
            dropped = [entry[2] for entry in self._queue]
            self._queue.clear()
            self._queued.clear()
            thread = self._thread
            self._ready.notify_all()
        for future in dropped:
            future.cancel()
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join()


class Ops(QObject):
    """Makes ops for one open profile; lives on the GUI thread as long as the window."""

    def __init__(self, store: Store | None, events: AppEvents, parent: QObject | None = None,
                 present_error: Callable[[BaseException], None] | None = None):
        super().__init__(parent)
        self.store = store
        self.events = events
        self._readers = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaison-reader")
        self._view_reader = ViewReader()
        self.in_flight = 0  # ops started whose answer has not been delivered (tests wait for 0)
        self._present_error = present_error
        _live_ops.add(self)

    @staticmethod
    def all_settled() -> bool:
        """No op of any open window is waiting for its answer (GUI tests wait for this)."""
        return all(ops.in_flight == 0 for ops in list(_live_ops))

    @classmethod
    def standalone(cls, store: Store | None, parent: QObject | None = None) -> "Ops":
        """Ops for a widget used on its own (a benchmark, a test): its own events object.
        Without a store (before a profile is open: the primary password), only ``call`` ops."""
        events = AppEvents(parent)
        return cls(store, events, parent)

    def write(self, fn: Callable, *args: Any, **kwargs: Any) -> Op:
        return Op(self, "write", fn, args, kwargs)

    def read(self, fn: Callable, *args: Any, **kwargs: Any) -> Op:
        return Op(self, "read", fn, args, kwargs)

    def view_read(self, fn: Callable, *args: Any, **kwargs: Any) -> Op:
        """A read for what a selection shows (see the module's docstring): quick, in order."""
        return Op(self, "view", fn, args, kwargs)

    def call(self, fn: Callable, *args: Any, **kwargs: Any) -> Op:
        return Op(self, "call", fn, args, kwargs)

    def set_error_presenter(self, present: Callable[[BaseException], None]) -> None:
        self._present_error = present

    def present_error(self, error: BaseException) -> None:
        if self._present_error is not None:
            self._present_error(error)
        else:
            log.error("operation failed: %r", error, exc_info=error)

    def _start(self, kind: str, fn: Callable, args: tuple, kwargs: dict, urgent: bool = False,
               replaces: Any = None) -> Future:
        if kind in ("write", "read", "view"):
            assert self.store is not None, "read and write ops need a profile's store"
        if kind == "write":
            return self.store.writer.submit(fn, *args, **kwargs)
        if kind == "read":
            return self._readers.submit(fn, *args, **kwargs)
        if kind == "view":
            return self._view_reader.submit(fn, args, kwargs, urgent=urgent, replaces=replaces)
        future: Future = Future()

        def work() -> None:
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the op's failure handler
                future.set_exception(exc)
        threading.Thread(target=work, name="liaison-call", daemon=True).start()
        return future

    def shutdown(self) -> None:
        """Wait for running reads and writes (the window is closing)."""
        self._readers.shutdown(wait=True, cancel_futures=True)
        self._view_reader.shutdown(wait=True)
        if self.store is not None:
            self.store.writer.drain()
