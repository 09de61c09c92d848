"""Writing messages straight into a Dovecot Maildir: ~10x faster than IMAP APPEND.

File names carry ``,S=<size>,W=<CRLF size>`` so Dovecot need not read the files to answer
RFC822.SIZE; the file's mtime becomes the INTERNALDATE.  Files must belong to the mail user.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Iterable


def seed_maildir(folder: Path, messages: Iterable[tuple[bytes, float]], uid: int, gid: int) -> int:
    """Write (raw CRLF message, internal date) pairs into ``folder/cur``; returns the count."""
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        os.chown(folder / sub, uid, gid)
    os.chown(folder, uid, gid)
    host = socket.gethostname().replace("/", "_").replace(":", "_")
    count = 0
    for index, (raw, when) in enumerate(messages):
        lf_size = len(raw.replace(b"\r\n", b"\n"))
        name = f"{int(when)}.M{index}P{os.getpid()}.{host},S={lf_size},W={len(raw)}:2,"
        path = folder / "cur" / name
        # Maildir files use bare LF; Dovecot converts to CRLF on the wire.
        path.write_bytes(raw.replace(b"\r\n", b"\n"))
        os.utime(path, (when, when))
        os.chown(path, uid, gid)
        count += 1
    return count
