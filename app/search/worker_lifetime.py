"""Worker processes that end when the process that started them ends, however it ends.

A worker of a ``multiprocessing`` pool outlives a parent killed with SIGKILL (or one that
crashed): it keeps waiting on the pool's queue, and multiprocessing's resource tracker, which
stays up as long as any process holds its pipe, keeps running with it.  So each worker runs
:func:`die_with_parent` at start-up: a daemon thread waits on the parent's *sentinel* (a
handle that becomes ready when the parent process is gone; a pipe end on POSIX, the process
handle on Windows) and then ends the worker at once.  Once the workers are gone the tracker
sees the end of its pipe and exits too.

Why not ``prctl(PR_SET_PDEATHSIG)`` on Linux: that signal follows the *thread* that started
the child, not the process, and the pool's workers are started by the search-indexing thread
of a sync (:mod:`app.search.indexing_alongside`), which ends while the same workers go on
indexing for the end of the pass.  The sentinel follows the process, on every platform.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait


def die_with_parent() -> None:
    """In a spawned worker: end this process as soon as its parent process is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not started by multiprocessing: nobody to follow
        return
    sentinel = parent.sentinel
    threading.Thread(target=_exit_when_ready, args=(sentinel,), name="parent-watch", daemon=True).start()


def _exit_when_ready(sentinel) -> None:
    wait([sentinel])
    # os._exit, not sys.exit: the main thread may be deep in a batch, and nothing of a
    # worker's state is worth flushing (its results were for the dead parent).
    os._exit(1)


def lower_priority(niceness: int) -> None:
    """In a worker: yield the CPU to the process that started it and to the user's desktop."""
    try:
        os.nice(niceness)
    except (AttributeError, OSError):  # no nice() (Windows) or not allowed: run as is
        pass
