"""This device's hybrid logical clock (``MILLIS:COUNTER:NODE``, docs/sync-protocol.md).

A change gets its clock when it is first pushed, from the time it was made (``crm_changes.at_ms``)
but never earlier than the last clock this device gave out or saw: clocks only move forward on
a device, and a change made after seeing a value carries a later clock than that value.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.sync import state


def _parse(hlc: str) -> tuple[int, int]:
    millis, counter, _node = hlc.split(":", 2)
    return int(millis), int(counter)


def next_clock(session: Session, at_millis: int) -> str:
    last_millis, last_counter = state.get(session, "hlc", [0, 0])
    millis = max(at_millis, last_millis)
    counter = last_counter + 1 if millis == last_millis else 0
    if counter > 99_999:  # the counter has five digits: move to the next millisecond
        millis, counter = millis + 1, 0
    state.put(session, "hlc", [millis, counter])
    return f"{millis:013d}:{counter:05d}:{state.device_id(session)}"


def witness(session: Session, hlc: str) -> None:
    """A clock seen in a pull: later local clocks will be later than it."""
    try:
        seen = _parse(hlc)
    except ValueError:
        return
    if seen > tuple(state.get(session, "hlc", [0, 0])):
        state.put(session, "hlc", list(seen))
