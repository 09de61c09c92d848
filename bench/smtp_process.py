"""The benches' SMTP server in a process of its own, as a mail provider's server is.

aiosmtpd runs an asyncio loop on a thread; inside the process of a bench that measures the
window, that thread takes Python's interpreter lock from the GUI thread (0.4 s in 8 s of a
first sync, stop 39's measurement), a cost no user's window has. The child serves the same
test server (``tests.support.smtp_server``) with the TLS certificates the parent already made
(one CA per process otherwise: the account trusts the parent's), and the parent counts what
arrived in its spool directory.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path


def _serve(root: str, users: dict[str, str], certificates: tuple[str, str, str], conn) -> None:
    from tests.support import tls
    from tests.support.smtp_server import SmtpServer

    paths = tuple(Path(p) for p in certificates)
    tls._made[paths[0].parent] = paths
    server = SmtpServer(Path(root), users).start()
    conn.send(server.port)
    try:
        conn.recv()  # until the parent says stop, or goes away
    except EOFError:
        pass
    server.stop()


class SmtpProcess:
    """Start with :meth:`start`, read ``port`` and ``received`` (messages spooled so far)."""

    def __init__(self, root: Path, users: dict[str, str]):
        from tests.support import tls
        from tests.support.tls import make_test_certificates

        make_test_certificates(root / "tls")  # makes this process's set if it has none yet
        self.spool = root / "spool"
        self._args = (str(root), users, tuple(str(p) for p in next(iter(tls._made.values()))))
        self.port = 0
        self._process = None
        self._conn = None

    def start(self) -> "SmtpProcess":
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(*self._args, child), daemon=True,
                                        name="bench-smtp")
        self._process.start()
        if not self._conn.poll(30):
            self.stop()
            raise RuntimeError("the bench's SMTP server did not start within 30 s")
        self.port = self._conn.recv()
        return self

    @property
    def received(self) -> int:
        return sum(1 for _ in self.spool.glob("*.eml")) if self.spool.exists() else 0

    def stop(self) -> None:
        if self._process is None:
            return
        try:
            self._conn.send("stop")
        except (BrokenPipeError, OSError):
            pass
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
        self._process = None
