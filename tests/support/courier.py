"""Real Courier-IMAP 5 on loopback, run from a private root (scripts/courier_root.sh).

Courier's ``imapd`` is started once per connection on the accepted socket, preauthenticated
(``AUTHENTICATED`` set, as Courier's own login program leaves it), over one Maildir: no
authdaemon or configuration files are needed.  Its folders are ``INBOX.Sent`` and so on, with
no SPECIAL-USE and no UNSELECT, as a Courier user's are.  Courier watches its Maildir through
gamin, whose server it starts itself: pointed at the private root's ``gam_server`` (without it
Courier greets with an ``[ALERT]`` line before its PREAUTH, which imaplib takes as the greeting).
:meth:`CourierServer.stop` ends that server too.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from pathlib import Path

from tests.conftest import REPO

COURIER_ROOT = Path(os.environ.get("LIAISON_TEST_COURIER_ROOT", REPO / ".cache" / "courier-root"))
CAPABILITIES = "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE"


def courier_available() -> bool:
    return (COURIER_ROOT / "usr" / "bin" / "imapd").exists()


class CourierServer:
    """A listener on 127.0.0.1 whose every connection is a Courier imapd session on ``maildir``."""

    def __init__(self, home: Path, folders: tuple[str, ...] = ("Sent", "Drafts", "Trash")):
        self.home = home
        self.maildir = home / "Maildir"
        for folder in ("", *(f".{name}" for name in folders)):
            for part in ("cur", "new", "tmp"):
                (self.maildir / folder / part).mkdir(parents=True, exist_ok=True)
            if folder:
                (self.maildir / folder / "maildirfolder").touch()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sessions: list[subprocess.Popen] = []
        self._thread = threading.Thread(target=self._accept, name="courier-accept", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        libraries = f"{COURIER_ROOT}/usr/lib:{COURIER_ROOT}/usr/lib/x86_64-linux-gnu"
        env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": libraries, "AUTHENTICATED": "sales",
               "IMAP_CAPABILITY": CAPABILITIES, "HOME": str(self.home),
               "GAMIN_DEBUG_SERVER": str(COURIER_ROOT / "usr" / "libexec" / "gam_server")}
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return  # closed by stop()
            with connection:
                self._sessions.append(subprocess.Popen(
                    [str(COURIER_ROOT / "usr" / "bin" / "imapd"), "Maildir"], cwd=self.home, env=env,
                    stdin=connection.fileno(), stdout=connection.fileno(), stderr=subprocess.DEVNULL))

    def messages(self, folder: str) -> list[bytes]:
        box = self.maildir / f".{folder}"
        return [path.read_bytes() for part in ("cur", "new") for path in sorted((box / part).iterdir())]

    def stop(self) -> None:
        import psutil

        self._listener.close()
        for session in self._sessions:
            session.kill()
            session.wait()
        # The gamin server imapd started: a process of our private root's binary, so ours.
        gam_server = str(COURIER_ROOT / "usr" / "libexec" / "gam_server")
        for process in psutil.process_iter(["exe"]):
            if process.info["exe"] == gam_server:
                process.kill()
