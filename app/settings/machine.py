"""Settings of this computer's user, shared by every profile: one small JSON file (no Qt).

The file is ``settings.json`` in the platform's config folder (``user_config_dir("Liaison")``:
``~/.config/Liaison`` on Linux, ``%APPDATA%\\Liaison`` on Windows, ``~/Library/Application
Support/Liaison`` on macOS).  ``LIAISON_MACHINE_SETTINGS=FILE`` or :func:`use_file` points
elsewhere (tests, a portable install).  Shape: ``{"settings": {"KEY": value, ...}}``.

It is written atomically (a temporary file beside it, flushed, then renamed over it), so a
crash or a second process never leaves half a file; it is read again whenever it changed on
disk, so a change made by the CLI reaches a running window.  A file that cannot be read is
logged, its values count as unset (defaults apply), and the next write moves it aside as
``settings.json.bad`` rather than losing it silently.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger("liaison.settings")

FILE_ENV = "LIAISON_MACHINE_SETTINGS"
_override: Path | None = None
_lock = threading.Lock()
_cache: tuple[tuple, dict[str, Any]] | None = None  # (file identity, values)


def use_file(path: str | os.PathLike | None) -> None:
    """Read and write ``path`` from now on (``None``: back to the usual place)."""
    global _override, _cache
    with _lock:
        _override = Path(path) if path is not None else None
        _cache = None


def settings_file() -> Path:
    if _override is not None:
        return _override
    if os.environ.get(FILE_ENV):
        return Path(os.environ[FILE_ENV]).expanduser()
    from platformdirs import user_config_dir  # only needed when no file was named

    return Path(user_config_dir("Liaison", appauthor=False)) / "settings.json"


def _identity(path: Path) -> tuple:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _load(path: Path) -> tuple[dict[str, Any], bool]:
    """(values, whether the file was usable); a missing file is usable and empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, True
    except (OSError, ValueError) as exc:
        log.warning("machine settings %s cannot be read (%s); defaults apply", path, exc)
        return {}, False
    values = data.get("settings") if isinstance(data, dict) else None
    if not isinstance(values, dict):
        log.warning("machine settings %s have no \"settings\" object; defaults apply", path)
        return {}, False
    return values, True


def read_all() -> dict[str, Any]:
    """Every value the file holds (unchecked: the caller checks each against its setting)."""
    global _cache
    path = settings_file()
    identity = _identity(path)
    with _lock:
        if _cache is not None and _cache[0] == identity:
            return dict(_cache[1])
    values, _usable = _load(path)
    with _lock:
        _cache = (identity, values)
    return dict(values)


def write(key: str, value: Any) -> None:
    """Set ``key`` (``None`` removes it) and replace the file atomically."""
    global _cache
    path = settings_file()
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        values, usable = _load(path)
        if not usable:
            _keep_aside(path)
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
        text = json.dumps({"settings": values}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
        _cache = None


def _keep_aside(path: Path) -> None:
    """An unreadable file is about to be replaced: keep it for whoever wants to look."""
    try:
        os.replace(path, path.with_name(path.name + ".bad"))
        log.warning("unreadable machine settings moved to %s", path.with_name(path.name + ".bad"))
    except OSError as exc:
        log.warning("could not move unreadable machine settings aside: %s", exc)
