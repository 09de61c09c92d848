"""Looking into a folder read-only (EXAMINE) without leaving the connection there.

Some servers refuse to write to the box that is selected read-only: Courier-IMAP answers an
APPEND to it with ``NO append failed: Current box is selected READ-ONLY``.  So a read-only
look ends by leaving the folder: UNSELECT where the server has it, otherwise CLOSE, which on
a box selected with EXAMINE expunges nothing (RFC 3501 6.4.2) — and Courier has no UNSELECT.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def examined(client, folder: str) -> Iterator[None]:
    """The ``with`` body runs with ``folder`` selected read-only; afterwards none is selected."""
    client.select_folder(folder, readonly=True)
    try:
        yield
    finally:
        leave_folder(client)


def leave_folder(client) -> None:
    """Deselect the current folder without expunging anything (it was selected read-only)."""
    if client.has_capability("UNSELECT"):
        client.unselect_folder()
    else:
        client.close_folder()
