"""Push notification of new mail with IMAP IDLE (RFC 2177), on a thread of its own.

Threading: :class:`IdleWatcher` owns one daemon thread and one IMAP connection, separate
from the sync connection (a connection in IDLE can do nothing else).  ``on_change`` is
called *on the watcher thread* whenever the server reports new, changed or expunged mail;
the caller hands it to its own machinery (the GUI posts a Qt event).  :meth:`stop` sets an
event and joins the thread; the loop notices within ``poll_seconds``.

IDLE is re-issued every ``renew_seconds`` (servers may drop an IDLE connection after 30
minutes; RFC 2177 asks clients to renew before 29).  A lost connection is reported through
``on_error`` and retried with exponential backoff, capped at five minutes; once the
connection is back, ``on_change`` is called so a sync catches up on what arrived meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from app.errors import LiaisonError
from app.mail.imap.session import Credential, ImapSettings, close_quietly, imap_errors, open_session

RENEW_SECONDS = 25 * 60
MAX_BACKOFF_SECONDS = 300
_CHANGE_WORDS = {b"EXISTS", b"EXPUNGE", b"FETCH", b"VANISHED"}

log = logging.getLogger("liaison.imap.idle")


def _is_change(response) -> bool:
    return any(isinstance(part, bytes) and part.upper() in _CHANGE_WORDS for part in response)


class IdleWatcher:
    """Watches one folder of one account and reports changes."""

    def __init__(self, settings: ImapSettings, credential: Callable[[], Credential],
                 on_change: Callable[[], None], on_error: Callable[[LiaisonError], None] = lambda e: None,
                 folder: str = "INBOX", renew_seconds: float = RENEW_SECONDS,
                 poll_seconds: float = 1.0):
        self.settings = settings
        self.credential = credential
        self.on_change = on_change
        self.on_error = on_error
        self.folder = folder
        self.renew_seconds = renew_seconds
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()
        self._lost_connection = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"liaison-idle-{self.settings.username}",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self._watch_once()
                failures = 0
            except LiaisonError as exc:
                self.connected.clear()
                self._lost_connection = True
                failures += 1
                log.warning("IDLE on %s failed (%s); retrying", self.folder, exc)
                self.on_error(exc)
                self._stop.wait(min(MAX_BACKOFF_SECONDS, 2 ** failures))

    def _watch_once(self) -> None:
        client = open_session(self.settings, self.credential())
        try:
            with imap_errors(self.settings):
                if not client.has_capability("IDLE"):
                    raise LiaisonError("{host} does not support IDLE; polling instead.", host=self.settings.host)
                client.select_folder(self.folder, readonly=True)
                if self._lost_connection:
                    # Back after a drop (the network returned): mail may have come meanwhile.
                    self._lost_connection = False
                    self.on_change()
                while not self._stop.is_set():
                    self._idle_until_renewal(client)
        finally:
            self.connected.clear()
            close_quietly(client)

    def _idle_until_renewal(self, client) -> None:
        client.idle()
        self.connected.set()
        started = time.monotonic()
        changed = False
        try:
            while not self._stop.is_set() and time.monotonic() - started < self.renew_seconds:
                responses = client.idle_check(timeout=self.poll_seconds)
                if any(_is_change(r) for r in responses):
                    changed = True
                    break
        finally:
            # A change can arrive while DONE is on its way: it comes back from idle_done.
            _text, late_responses = client.idle_done()
        if changed or any(_is_change(r) for r in late_responses):
            self.on_change()
