"""Group Policy on Windows: the registry values the ADMX templates write, as policy entries (no Qt).

Security: Windows administrators set Liaison's policies with the templates in
``packaging/policies`` (``liaison.admx`` and its ``.adml`` files, generated from the schema by
``scripts/policy_templates.py``).  Group Policy writes them under
``HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Liaison``, a key only administrators can write:

* ``<setting key>\\value`` — REG_DWORD for a switch (0/1) or a number, REG_SZ for text and
  choices, REG_MULTI_SZ for several lines (a signature);
* ``<setting key>\\value\\`` (a subkey) — a list, one REG_SZ per item, named 1, 2, 3…;
* ``<setting key>\\locked`` — REG_DWORD 0/1.

:func:`entries` turns them into the entries of ``policies.json`` (``{"value": …, "locked": …}``),
checked by :mod:`app.settings.policy_file` exactly like the file's: an entry set by Group
Policy replaces the file's entry for the same setting.  Reading is behind a small
:class:`Reader` so the conversion is tested on any system.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from app.settings.schema import BOOL, LIST, MARKDOWN, SCHEMA

log = logging.getLogger("liaison.settings")

ROOT = r"SOFTWARE\Policies\Liaison"


class Reader(Protocol):
    def values(self, path: str) -> dict[str, Any] | None:
        """The named values of the key at ``path`` under HKLM (``None``: no such key)."""


class WindowsRegistry:
    """The real registry, read-only, the 64-bit view (what Group Policy writes)."""

    def values(self, path: str) -> dict[str, Any] | None:
        import winreg  # Windows only

        try:
            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except OSError:
            return None
        found: dict[str, Any] = {}
        with key:
            index = 0
            while True:
                try:
                    name, data, _kind = winreg.EnumValue(key, index)
                except OSError:
                    return found
                found[name] = data
                index += 1


def entries(reader: Reader | None = None) -> dict[str, Any]:
    """Every setting Group Policy set, as ``{key: {"value": …, "locked": …}}`` (unchecked).

    A key left without values (the policy set to Disabled) is no entry.  A setting locked
    without a value still yields an entry without ``value``, so the file's checks name it (and
    a security setting fails closed) rather than dropping it silently.
    """
    reader = reader or WindowsRegistry()
    found: dict[str, Any] = {}
    for s in SCHEMA:
        here = reader.values(rf"{ROOT}\{s.key}")
        if here is None:
            continue
        entry: dict[str, Any] = {}
        if s.type == LIST:
            items = reader.values(rf"{ROOT}\{s.key}\value")
            if items is not None:
                entry["value"] = [items[name] for name in sorted(items, key=_item_order)]
        elif "value" in here:
            entry["value"] = _value(s.type, here["value"])
        if "locked" in here:
            entry["locked"] = here["locked"] == 1 if isinstance(here["locked"], int) else here["locked"]
        if entry:  # a policy set to Disabled leaves its key without values: not configured
            found[s.key] = entry
    return found


def _value(kind: str, data: Any) -> Any:
    if kind == BOOL and isinstance(data, int) and data in (0, 1):
        return bool(data)
    if kind == MARKDOWN and isinstance(data, list):  # REG_MULTI_SZ: one string per line
        return "\n".join(str(line) for line in data)
    return data  # anything else is checked (and refused if wrong) like the file's values


def _item_order(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (1 << 30, name)
