"""Hybrid logical clocks as the protocol writes them: ``MILLIS:COUNTER:NODE``.

MILLIS is 13 digits of wall-clock milliseconds, COUNTER 5 digits, NODE the device id. Clocks
compare as (millis, counter, node), which is a total order, so every server and client picks
the same winner for the same two edits.
"""

from __future__ import annotations

import re
import time

_HLC = re.compile(r"^(\d{13}):(\d{5}):([A-Za-z0-9-]{1,64})$")


class ClockError(ValueError):
    pass


def parse(hlc: str) -> tuple[int, int, str]:
    match = _HLC.fullmatch(hlc or "")
    if not match:
        raise ClockError("the clock is MILLIS(13 digits):COUNTER(5 digits):NODE")
    return int(match.group(1)), int(match.group(2)), match.group(3)


def server_clock(node: str = "server") -> str:
    """A clock for edits made through the REST routes (no client clock)."""
    return f"{int(time.time() * 1000):013d}:00000:{node}"
