"""Writing attachments to disk without ever replacing an existing file."""

from __future__ import annotations

import os
from pathlib import Path


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def unused_path(directory: Path, name: str) -> Path:
    """``directory/name``, or ``name (2)``, ``name (3)``… so nothing existing is overwritten."""
    candidate = directory / name
    stem, dot, ext = name.rpartition(".")
    if not stem:
        stem, dot, ext = name, "", ""
    number = 2
    while candidate.exists():
        candidate = directory / f"{stem} ({number}){dot}{ext}"
        number += 1
    return candidate


def write_new_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create ``path`` with ``data``; fails rather than write through a file or link that exists.

    O_EXCL closes the gap between choosing a free name and creating it.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
