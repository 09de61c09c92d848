"""A short interpreter switch interval while CPU-bound background threads run.

Threads: a thread that wants the interpreter lock (GIL) while another runs Python code waits
for the switch interval (5 ms by default) before the holder is asked to let go. A thread that
takes the lock many times in a row pays that wait each time: the fetch thread of the mail
pipeline wakes for every TLS record, and the GUI thread takes the lock for every call between
Qt and Python while it paints or reloads a view (a view built in 20 such steps waited 100 ms
behind the team pull's writer while doing 4 ms of work). With a short interval the threads
interleave finely; the CPU-bound thread loses a little to the extra switches.

:func:`begin` and :func:`end` are counted: nested and concurrent users (a mail pipeline and a
team pull at once) share the short interval, and the interval the process had comes back when
the last ends. Every ``begin`` needs its ``end`` in a ``finally``.
"""

from __future__ import annotations

import sys
import threading

SHORT_SWITCH_INTERVAL = 0.0005
_users = 0
_lock = threading.Lock()
_saved = sys.getswitchinterval()


def begin() -> None:
    """Start a short-interval span (end it with :func:`end`)."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(SHORT_SWITCH_INTERVAL)
        _users += 1


def end() -> None:
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            sys.setswitchinterval(_saved)
