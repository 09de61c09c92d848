"""Where a machine-wide policy meets the settings (no Qt).

IT may preset a setting (its value replaces the default; the user may change it) or lock it
(its value is the value; nobody here may change it).  The policy's *source* is installed
with :func:`install`: a function returning ``{key: Policy}`` (the policy file reader of
``/etc/liaison/policies.json`` and its Windows/macOS twins, or a test's dictionary).  With
none installed, nothing is preset or locked.  :func:`app.settings.values.effective` is the one
reader that asks :func:`policy_for`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Mapping

log = logging.getLogger("liaison.settings")


@dataclass(frozen=True)
class Policy:
    """What the machine's policy says about one setting."""

    value: Any
    locked: bool = False


_source: Callable[[], Mapping[str, Policy]] | None = None


def install(source: Callable[[], Mapping[str, Policy]] | None) -> None:
    """Use ``source`` for every later read (``None``: no policy)."""
    global _source
    _source = source


def policy_for(key: str) -> Policy | None:
    if _source is None:
        return None
    try:
        return _source().get(key)
    except Exception:  # noqa: BLE001 - a broken policy source must not stop the program
        log.exception("the settings policy could not be read; %s is not preset", key)
        return None
