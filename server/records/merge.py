"""How one field-level mutation merges into a record. Pure functions, no database: the client
implements the very same rules (docs/sync-protocol.md), so both sides converge.

Scalar fields carry a version (incremented on every applied change) and the clock and device
of the write that set them (and ``init`` when a create's initial values set them). A mutation says which version its author had seen (``base``):

* ``base`` equals the current version (or the field was never set): the author saw the current
  value; the change applies.
* ``base`` is older: the field changed since the author last saw it. The later hybrid logical
  clock wins (last writer wins), so whatever the arrival order, every copy ends with the same
  value. When the overtaken write came from another device, this is a collision: the losing
  value is kept in the history and reported as a conflict to both people. (A device's own
  earlier write is not a collision with itself.)

Emptiness plays no part in choosing a winner: any other rule breaks convergence (a clear that
follows the same device's earlier value would win in one arrival order and lose in another).
A field is emptied only by an explicit ``set`` to empty, which only a person makes: fields a
pull leaves out (hidden, or newer than the client's schema) are never read as empty.

Set fields (emails, phones, tags) merge element by element: each element keeps the clock of
its last add or remove, and the later clock decides. No collision is possible.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.records.clock import parse


@dataclass
class ScalarOutcome:
    wins: bool  # the mutation becomes the field's latest write (version, clock, device)
    changed: bool  # ... and the value differs from the one it replaces
    collision: bool  # it overtook, or lost to, another device's write its author never saw
    kept: object
    lost: object
    kept_hlc: str
    lost_hlc: str
    kept_by: str | None
    lost_by: str | None


class StaleBase(ValueError):
    """The mutation claims a version the server never gave out."""


def merge_scalar(current, meta: dict | None, value, base: int | None, hlc: str,
                 author: str | None, device: str | None) -> ScalarOutcome:
    """Merge ``value`` (written at ``hlc`` by ``author`` on ``device``, on top of version
    ``base``) into a field whose value is ``current`` with metadata ``meta``
    ({"v", "hlc", "by", "dev"} or None).

    Every winning write becomes the field's latest, even when it writes the value already
    there: a field is a last-writer-wins register, and skipping "no-op" writes would let the
    arrival order decide which later write overtakes them.
    """
    version = meta["v"] if meta else 0
    if base is None:
        base = version
    if base > version:
        raise StaleBase(f"version {base} of this field was never given out (the latest is "
                        f"{version})")
    saw_current = base == version
    wins = saw_current or parse(hlc) > parse(meta["hlc"])
    # A value a create filled in (the default pipeline's names) is nobody's words: changing
    # it without having seen it is not a collision.
    collision = (not saw_current and current != value and meta.get("dev") != device
                 and not meta.get("init"))
    if wins:
        return ScalarOutcome(True, current != value, collision, value, current, hlc,
                             meta["hlc"] if meta else "", author, meta.get("by") if meta else None)
    return ScalarOutcome(False, False, collision, current, value, meta["hlc"], hlc,
                         meta.get("by"), author)


def merge_element(elements: dict, element: str, present: bool, hlc: str) -> bool:
    """Add or remove ``element`` at ``hlc``; True if the set changed its mind about it."""
    state = elements.get(element)
    if state is not None and (parse(state[0]), state[1]) >= (parse(hlc), present):
        return False
    changed = state is None and present or state is not None and state[1] != present
    elements[element] = [hlc, present]
    return changed


def set_members(elements: dict) -> list[str]:
    """The present elements, in the order they were (last) added."""
    return [e for e, (hlc, present) in sorted(elements.items(), key=lambda kv: parse(kv[1][0]))
            if present]
