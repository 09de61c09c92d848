"""A private PostgreSQL cluster on loopback, for the team server's tests and benchmarks.

Each instance has its own data directory, Unix socket and log inside one temporary directory,
and listens on a free port of 127.0.0.1; it never touches a system cluster (port 5432).  See
PLATFORM.md: the server refuses to run as root, so under root it runs as the `postgres` user
the Debian package creates.  Authentication is `trust` for the superuser `liaison`: the port is
loopback only and the cluster lives as long as the test session.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import psycopg
from psycopg import sql

from tests.support.ports import free_port

USER = "liaison"

# Durability off: a crash loses the throw-away cluster anyway, and each fsync costs a test
# milliseconds.  For tests only; benchmarks that claim production figures pass durable=True.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def postgres_bin_dir() -> Path:
    """The bin directory of the highest installed PostgreSQL version."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").exists()]
    if not found:
        raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                           "install the Debian package `postgresql` "
                           "(scripts/bootstrap.sh test does)")
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else -1)


class PostgresServer:
    """Start with :meth:`start`, stop with :meth:`stop` (or use it as a context manager);
    databases are made with :meth:`create_database`."""

    def __init__(self, durable: bool = False, settings: Mapping[str, str] | None = None):
        self.bin = postgres_bin_dir()
        self.settings = {**({} if durable else FAST_SETTINGS), **(settings or {})}
        self.durable = durable
        self.port = free_port()
        self.root: Path | None = None
        self._watchdog: subprocess.Popen | None = None
        # The server refuses uid 0; under root every server-side command runs as `postgres`.
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, tool: str, *args: str) -> None:
        # cwd is the temp dir: under runuser, the caller's cwd may not be readable by postgres.
        result = subprocess.run([*self._as, str(self.bin / tool), *args], cwd=self.root,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if result.returncode != 0:
            log = self.root / "postgres.log"
            output = result.stdout + result.stderr + (log.read_text() if log.exists() else "")
            raise RuntimeError(f"{tool} failed ({result.returncode}):\n{output}")

    def start(self) -> "PostgresServer":
        # Its own directory under the system temp dir, owned by the server's user.
        self.root = Path(tempfile.mkdtemp(prefix="liaison-postgres-"))
        if self._as:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        atexit.register(self.stop)
        self._start_watchdog()
        initdb = ["-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8"]
        options = ["-p", str(self.port), "-k", str(self.root), "-c", "listen_addresses=127.0.0.1"]
        for name, value in self.settings.items():
            options += ["-c", f"{name}={value}"]
        try:
            self._run("initdb", *initdb, *([] if self.durable else ["--no-sync"]))
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "postgres.log"),
                      "-o", shlex.join(options), "-w", "-t", "30", "start")
        except BaseException:
            self.stop()
            raise
        return self

    def _start_watchdog(self) -> None:
        """A test session killed outright (SIGKILL, or SIGTERM, which skips atexit) would leave
        the server running: pg_ctl detaches it.  This shell blocks reading a pipe that only this
        process holds; when the pipe closes because the process died, it stops the server and
        removes the directory.  :meth:`stop` kills it first, so it does nothing on a clean stop."""
        stop = shlex.join([*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data),
                           "-m", "immediate", "stop"])
        script = f"read _ ; {stop} >/dev/null 2>&1 ; rm -rf {shlex.quote(str(self.root))}"
        self._watchdog = subprocess.Popen(["sh", "-c", script], stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          cwd=self.root, start_new_session=True)

    def stop(self) -> None:
        """Stop at once (no checkpoint: the data is thrown away) and remove the directory."""
        if self.root is None:
            return
        atexit.unregister(self.stop)
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "-w", "stop"], cwd=self.root,
                           stdin=subprocess.DEVNULL, capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def connect(self, dbname: str = "postgres") -> psycopg.Connection:
        """An autocommit admin connection, as the superuser."""
        return psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname=dbname,
                               autocommit=True)

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        """Create an empty database; returns its SQLAlchemy URL."""
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection a test left open to it (PostgreSQL 13+)."""
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))
