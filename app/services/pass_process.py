"""Sync passes in a process of their own, so the window's process holds only the window.

**Why.**  A pass is Python work on threads of the process that runs it: reading IMAP
replies, building rows, the writer's SQL, indexing.  In the window's process every one of
those threads holds the interpreter lock the GUI thread needs for each paint and timer; a
first sync of 10,000 messages stalled the window 150–280 ms at a time although the GUI
thread itself was running for only a third of each stall (``bench/window_sync_bench.py``).
:class:`PassProcess` runs :func:`~app.services.account_sync.sync_account` in one long-lived
child process instead (started at the first pass, so a profile without mail accounts never
starts it), slightly below normal priority: the window's process keeps its interpreter to
itself and wins the CPU when both want it.  The CLI is a process of its own already and
runs passes in-process.

**Protocol.**  One duplex pipe.  Parent → child: ``("pass", id, account_id, credential,
folder, index)``, ``("stop", id)`` and ``("quit",)``, which ends the child.  Child → parent:
``("progress", id, folder, done, total)``, ``("log", record)`` (the child's log lines go to
the parent's log file: one process writes it), ``("done", id, summary)``,
``("failed", id, error)`` for a :class:`~app.errors.LiaisonError` and ``("bug", id, text)``
for anything else, with its traceback.

**Secrets.**  The parent resolves what the child needs: the account's credential (keyring,
primary-password vault, an OAuth2 access token) and the profile's encryption key.  They
cross the pipe only, never a command line, the environment or a file.

**One writer per process.**  The child opens its own :class:`~app.store.database.Store`
and writes on its own writer thread; SQLite's lock and busy timeout serialise its
transactions with the window process's writer (as with a CLI ``sync`` beside the window).
The GUI thread never waits for either.

**Threads.**  In the parent, a caller of :meth:`PassProcess.run` (a job lane's thread,
never the GUI thread) blocks until its pass ends, polling its ``should_stop`` to pass a stop
on; a reader thread hands each reply to the pass waiting for it.  In the child, the main
thread reads requests and each pass runs on a thread of its own (one per account, as the
lanes run them).

**Failures.**  When the child dies (killed, out of memory, a crash in a C library) every
pass waiting on it fails with one sentence and the next pass starts a new child; the mail a
pass had stored is kept (each batch is its own transaction).  The child ends when asked to,
and when the parent dies (:func:`~app.search.worker_lifetime.die_with_parent`).  Only the
reader thread closes the parent's end of the pipe, after the child's end closed: closing it
under a thread blocked reading it could hand that thread another file with the same number.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import traceback
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from app.errors import AuthError, LiaisonError

log = logging.getLogger("liaison.sync")

PASS_NICENESS = 5  # below the window's process, above the parse workers it starts (app.services.parse_workers)
STOP_POLL_SECONDS = 0.2
EXIT_WAIT_SECONDS = 10.0


class PassProcessLost(LiaisonError):
    """The pass process ended while a pass ran in it."""


def _lost(exit_code) -> PassProcessLost:
    return PassProcessLost("The sync process ended unexpectedly (exit code {exit_code}); the next sync starts it "
                           "again.", code="sync.process_lost", exit_code="?" if exit_code is None else exit_code)


class _Waiting:
    """One pass the parent waits for: its progress callback and, at the end, its outcome."""

    def __init__(self, connection, progress):
        self.connection = connection
        self.progress = progress
        self.finished = threading.Event()
        self.result = None
        self.error: BaseException | None = None

    def finish(self, result=None, error: BaseException | None = None) -> None:
        self.result, self.error = result, error
        self.finished.set()

    def outcome(self):
        if self.error is not None:
            raise self.error
        return self.result


def portable_credential(credential, fresh: bool = False):
    """What of ``credential`` may cross to the child: a password as it is; an OAuth2 account's
    current access token (refreshed here, where the keyring and the token cache are)."""
    for_another_process = getattr(credential, "for_another_process", None)
    return for_another_process(force_refresh=fresh) if for_another_process else credential


class PassProcess:
    """Runs sync passes in one child process; the callable a :class:`~app.services.runtime.Services`
    takes as its ``pass_runner`` (same arguments as ``sync_account``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Reaping the child is serialised: two threads in ``join`` race for its exit status,
        # and the one that loses returns as if the child still ran (close() then "terminates"
        # a process already gone, and it stays in multiprocessing's list of children).
        self._reaping = threading.Lock()
        self._connection = None
        self._process = None
        self._waiting: dict[int, _Waiting] = {}
        self._ids = itertools.count(1)
        self._closed = False
        atexit.register(self.close)  # before multiprocessing's own exit handler joins the child

    # -- the caller's side ---------------------------------------------------------------
    def __call__(self, store, account, credential, *, only_folder=None, progress=None,
                 should_stop: Callable[[], bool] = lambda: False, index: bool = True, hooks=None):
        """One pass of ``account`` in the child; returns its ``SyncSummary`` or raises its error.

        ``hooks`` must be the default ones (the child registers its own); a Services made with
        other hooks runs its passes in-process.
        """
        try:
            return self._run(store, account, portable_credential(credential), only_folder, progress, should_stop,
                             index)
        except AuthError:
            if not hasattr(credential, "for_another_process"):
                raise
            # An access token refused though it had not expired (revoked early, clock skew):
            # one more try with a new one, as the in-process OAuth2 credential does.
            return self._run(store, account, portable_credential(credential, fresh=True), only_folder, progress,
                             should_stop, index)

    def _run(self, store, account, credential, only_folder, progress, should_stop, index):
        with self._lock:
            if self._closed:
                raise LiaisonError("Liaison is closing; the sync did not start.", code="sync.closing")
            connection = self._started(store)
            request_id = next(self._ids)
            waiting = self._waiting[request_id] = _Waiting(connection, progress)
            try:
                connection.send(("pass", request_id, account.id, credential, only_folder, index))
            except OSError:  # the child is gone: its reader fails what waited on it
                pass
            except BaseException:  # nothing was written (a credential that cannot be pickled): a bug
                del self._waiting[request_id]
                raise
        stop_sent = False
        while not waiting.finished.wait(STOP_POLL_SECONDS):
            if not stop_sent and should_stop():
                stop_sent = True
                self._send(connection, ("stop", request_id))
        return waiting.outcome()

    def _started(self, store):
        """The child's end of the pipe, starting the child first if none runs (under the lock)."""
        if self._connection is not None:
            return self._connection
        context = get_context("spawn")  # no fork beside Qt's and SQLite's threads
        mine, theirs = context.Pipe(duplex=True)
        level = logging.getLogger("liaison").getEffectiveLevel()
        process = context.Process(target=serve, args=(theirs, str(store.path), store.key, level),
                                  name="liaison-sync", daemon=False)  # daemons may not start the parse workers
        process.start()
        theirs.close()
        self._connection, self._process = mine, process
        threading.Thread(target=self._read, args=(mine, process), name="liaison-sync-replies", daemon=True).start()
        log.info("sync process %s started", process.pid)
        return mine

    def _send(self, connection, message) -> None:
        with self._lock:
            try:
                connection.send(message)
            except OSError:
                pass

    def _read(self, connection, process) -> None:
        """The reader thread: each reply to the pass waiting for it, until the child is gone."""
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                break
            except Exception:  # noqa: BLE001 - a reply that cannot be unpickled: the child is unusable
                log.exception("a reply of the sync process could not be read")
                break
            kind = message[0]
            if kind == "log":
                record = message[1]
                logging.getLogger(record.name).handle(record)
                continue
            with self._lock:
                waiting = self._waiting.get(message[1])
                if kind in ("done", "failed", "bug"):
                    self._waiting.pop(message[1], None)
            if waiting is None:
                continue
            if kind == "progress" and waiting.progress is not None:
                try:
                    waiting.progress(*message[2:])
                except Exception:  # noqa: BLE001 - a listener's bug must not end the reader
                    log.exception("a sync progress listener failed")
            elif kind == "done":
                waiting.finish(result=message[2])
            elif kind == "failed":
                waiting.finish(error=message[2])
            elif kind == "bug":
                waiting.finish(error=RuntimeError(f"the sync process failed:\n{message[2]}"))
        with self._reaping:
            process.join(EXIT_WAIT_SECONDS)
            exitcode = process.exitcode
        with self._lock:
            if self._connection is connection:
                self._connection = self._process = None
            orphans = [rid for rid, w in self._waiting.items() if w.connection is connection]
            lost = [self._waiting.pop(rid) for rid in orphans]
        if lost:
            log.warning("the sync process ended (exit code %s) during %d pass(es)", exitcode, len(lost))
        for waiting in lost:
            waiting.finish(error=_lost(exitcode))
        connection.close()

    @property
    def pid(self) -> int | None:
        """The running child's process id (None when none runs)."""
        with self._lock:
            return self._process.pid if self._process is not None else None

    def close(self) -> None:
        """End the child: its passes are told to stop, it closes its store and exits."""
        with self._lock:
            self._closed = True  # no pass starts from now on
            connection, process = self._connection, self._process
        if process is None:
            return
        self._send(connection, ("quit",))
        with self._reaping:
            process.join(EXIT_WAIT_SECONDS * 3)
            if process.is_alive():
                log.warning("the sync process did not end; terminating it")
                process.terminate()
                process.join(EXIT_WAIT_SECONDS)


# -- the child's side --------------------------------------------------------------------

class _Sender:
    """The child's end of the pipe, shared by its pass threads and its log handler."""

    def __init__(self, connection):
        self.connection = connection
        self.lock = threading.Lock()

    def send(self, message) -> None:
        """Send ``message``; an object that cannot be pickled raises (the pipe stays usable:
        ``Connection.send`` pickles before it writes)."""
        with self.lock:
            try:
                self.connection.send(message)
            except OSError:  # the parent is gone: die_with_parent ends us
                pass


class _LogToParent(logging.Handler):
    """Log records, formatted here (arguments and traceback made text), sent to the parent."""

    def __init__(self, sender: _Sender):
        super().__init__()
        self.sender = sender

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message = f"{message}\n{''.join(traceback.format_exception(*record.exc_info)).rstrip()}"
            copy = logging.makeLogRecord({**record.__dict__, "msg": message, "args": None, "exc_info": None,
                                          "exc_text": None, "name": record.name})
            self.sender.send(("log", copy))
        except Exception:  # noqa: BLE001 - logging never fails the pass
            self.handleError(record)


def serve(connection, database: str, key: bytes | None, level: int) -> None:
    """The child process's entry: passes on request until the parent closes the pipe."""
    from app.search.worker_lifetime import die_with_parent, lower_priority
    from app.store.database import Store

    die_with_parent()
    lower_priority(PASS_NICENESS)
    sender = _Sender(connection)
    root = logging.getLogger("liaison")
    root.handlers[:] = [_LogToParent(sender)]
    root.setLevel(level)
    root.propagate = False
    store = Store(Path(database), key)
    stops: dict[int, threading.Event] = {}
    passes: list[threading.Thread] = []
    try:
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                break
            if message[0] == "pass":
                request_id = message[1]
                stop = stops[request_id] = threading.Event()
                thread = threading.Thread(target=_one_pass, args=(sender, store, stop, *message[1:]),
                                          name=f"liaison-pass-{request_id}", daemon=True)
                thread.start()
                passes.append(thread)
            elif message[0] == "stop" and message[1] in stops:
                stops[message[1]].set()
            elif message[0] == "quit":
                break
            passes = [thread for thread in passes if thread.is_alive()]
    finally:
        for stop in stops.values():
            stop.set()
        for thread in passes:
            thread.join(60)
        store.close()


def _one_pass(sender: _Sender, store, stop: threading.Event, request_id: int, account_id: int, credential,
              only_folder: str | None, index: bool) -> None:
    from app.services.account_sync import sync_account
    from app.store.accounts import list_accounts

    def progress(folder: str, done: int, total: int) -> None:
        sender.send(("progress", request_id, folder, done, total))

    try:
        account = next((a for a in list_accounts(store) if a.id == account_id), None)
        if account is None:
            raise LiaisonError("The account was removed before its sync started.", code="sync.account_gone")
        summary = sync_account(store, account, credential, only_folder=only_folder, progress=progress,
                               should_stop=stop.is_set, index=index)
        reply = ("done", request_id, summary)
    except LiaisonError as exc:
        reply = ("failed", request_id, exc)
    except BaseException:  # noqa: BLE001 - a bug: its traceback goes to the parent's log and future
        log.exception("the sync pass failed")
        reply = ("bug", request_id, traceback.format_exc())
    try:
        sender.send(reply)
    except Exception:  # noqa: BLE001 - a summary or error that cannot be pickled: still answer
        log.exception("the sync pass's result could not be sent")
        sender.send(("bug", request_id, traceback.format_exc()))
