"""A private Dovecot IMAP server on loopback, for integration tests and benchmarks.

Each instance has its own config, ports, users, Maildirs and logs inside one temporary
directory; it never touches the system instance (ports 143/993).  See PLATFORM.md for the
pitfalls this works around: the mail user must not be uid 0, the master keeps the caller's
stderr open (so its output goes to a file), failed logins are not delayed.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from imapclient import IMAPClient

from tests.support.ports import free_ports
from tests.support.tls import make_test_certificates

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechanisms}
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
{user_settings}
passdb {{
  driver = passwd-file
  args = {root}/users
  mechanisms = plain login
}}
{oauth_passdb}userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \\Archive
    auto = subscribe
  }}
}}
"""


# Dovecot's OAuth2 passdb (XOAUTH2 and OAUTHBEARER): every token is checked at the
# authorization server's RFC 7662 introspection endpoint (tests.support.oauth_server).
OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/dovecot-oauth2.conf.ext
}}
"""
OAUTH_CONFIG = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""


class DovecotServer:
    """Start with :meth:`start`, stop with :meth:`stop`; users are added with :meth:`add_user`.

    ``oauth2_introspection_url`` also lets users log in with an OAuth2 access token (XOAUTH2,
    OAUTHBEARER), checked at that introspection endpoint; passwords keep working beside it.
    """

    def __init__(self, root: Path | None = None, oauth2_introspection_url: str | None = None):
        # Its own directory under the system temp dir: pytest's tmp folders are 0700, and
        # Dovecot's auth and mail processes run as other users that must traverse the path.
        self.root = root or Path(tempfile.mkdtemp(prefix="liaison-dovecot-"))
        self.root.chmod(0o755)
        root = self.root
        self.port, self.ssl_port = free_ports(2)
        self.process: subprocess.Popen | None = None
        self.ca_file, self._cert, self._key = make_test_certificates(root / "tls")
        if os.geteuid() == 0:
            self.uid, self.gid = 65534, 65534  # Dovecot refuses to give mail to uid 0
            user_settings = ""
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
            me = pwd.getpwuid(self.uid).pw_name
            user_settings = f"default_internal_user = {me}\ndefault_login_user = {me}\n"
        for sub in ("run", "state", "mail", "home"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for sub in ("mail", "home"):
            os.chown(root / sub, self.uid, self.gid)
        (root / "users").write_text("")
        oauth_passdb = oauth_mechanisms = ""
        if oauth2_introspection_url:
            (root / "dovecot-oauth2.conf.ext").write_text(OAUTH_CONFIG.format(url=oauth2_introspection_url))
            oauth_passdb, oauth_mechanisms = OAUTH_PASSDB.format(root=root), " xoauth2 oauthbearer"
        self.config = root / "dovecot.conf"
        self.config.write_text(CONFIG.format(
            root=root, cert=self._cert, key=self._key, uid=self.uid, gid=self.gid,
            port=self.port, ssl_port=self.ssl_port, user_settings=user_settings,
            oauth_passdb=oauth_passdb, oauth_mechanisms=oauth_mechanisms))

    def add_user(self, name: str, password: str) -> None:
        with open(self.root / "users", "a") as users:
            users.write(f"{name}:{{PLAIN}}{password}\n")

    def change_password(self, name: str, password: str) -> None:
        users = self.root / "users"
        lines = [f"{name}:{{PLAIN}}{password}" if line.startswith(f"{name}:") else line
                 for line in users.read_text().splitlines()]
        users.write_text("\n".join(lines) + "\n")
        time.sleep(1.1)  # Dovecot looks at the passwd-file for changes at most once a second

    def start(self) -> "DovecotServer":
        log = open(self.root / "master.out", "ab")
        # A session of its own, so stop() can end the master *and* the per-connection imap
        # processes at once, as a dropped network would.
        self.process = subprocess.Popen(["dovecot", "-F", "-c", str(self.config)],
                                        stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {(self.root / 'master.out').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                socket.create_connection(("127.0.0.1", self.ssl_port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("dovecot did not start listening within 10 s")

    def stop(self) -> None:
        """Stop the server and cut every open connection."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(10)
        self.process = None
        # Dovecot's children may outlive the group kill by a moment; wait for the ports.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and self._listening():
            time.sleep(0.02)
        (self.root / "run" / "master.pid").unlink(missing_ok=True)

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False

    def client(self, user: str, password: str) -> IMAPClient:
        """A plain admin-side connection, for the test to act as another mail client."""
        client = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=30)
        client.login(user, password)
        return client

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        base = self.root / "mail" / user
        return base if folder == "INBOX" else base / f".{folder}"

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
