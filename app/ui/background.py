"""Running one blocking call (network, keyring) off the GUI thread and hearing back on it.

The call runs on a plain daemon thread; its result or its exception comes back through a
queued Qt signal, so ``on_done``/``on_error`` always run on the GUI thread.  The relay is a
child of ``owner``: if the owner is gone when the call finishes, the answer is dropped.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("liaison.ui")


class _Relay(QObject):
    finished = Signal(bool, object)  # ok, result or exception


def run_in_background(owner: QObject, call: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> threading.Thread:
    relay = _Relay(owner)

    def deliver(ok: bool, value: object) -> None:
        relay.deleteLater()
        (on_done if ok else on_error)(value)

    relay.finished.connect(deliver)

    def work() -> None:
        try:
            outcome = (True, call())
        except Exception as exc:  # handed to on_error on the GUI thread
            outcome = (False, exc)
        try:
            relay.finished.emit(*outcome)
        except RuntimeError:  # the owner (a closed dialog) was deleted meanwhile
            log.debug("background result dropped: its window is gone")

    thread = threading.Thread(target=work, name="liaison-background", daemon=True)
    thread.start()
    return thread
