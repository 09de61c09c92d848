"""A small scripted IMAP server that answers the way Courier-IMAP 5 does where it matters.

Courier differs from Dovecot in two ways Liaison met: it has no SPECIAL-USE (the Sent folder
is ``INBOX.Sent``, known by name only) and no UNSELECT, and it refuses an APPEND to the box
selected with EXAMINE: ``NO append failed: Current box is selected READ-ONLY``.  Only the
commands a sent-copy filing uses are scripted (CAPABILITY, LOGIN, LIST, SELECT, EXAMINE, UID
SEARCH on Message-ID, APPEND, CLOSE, NOOP, LOGOUT); anything else is ``BAD``, so a test
notices when Liaison starts to need more.  Plain text on loopback; one thread per connection.
"""

from __future__ import annotations

import re
import socketserver
import threading

CAPABILITIES = "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT SORT QUOTA IDLE"
FOLDERS = ("INBOX", "INBOX.Sent", "INBOX.Drafts", "INBOX.Trash")


class CourierLikeImap:
    """The server: ``mailboxes`` maps each folder to its messages (raw bytes), in UID order."""

    def __init__(self, user: str, password: str):
        self.user, self.password = user, password
        self.mailboxes: dict[str, list[bytes]] = {name: [] for name in FOLDERS}
        self.refusals: list[str] = []  # the NO answers given, for the test to read
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                _Session(owner, self.rfile, self.wfile).run()

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "CourierLikeImap":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Session:
    def __init__(self, server: CourierLikeImap, rfile, wfile):
        self.server, self.rfile, self.wfile = server, rfile, wfile
        self.selected: str | None = None
        self.read_only = False

    def send(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def run(self) -> None:
        self.send(f"* OK [CAPABILITY {CAPABILITIES}] Courier-IMAP ready.")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            command, _, args = rest.partition(" ")
            handler = getattr(self, "do_" + command.upper().replace(" ", "_"), None)
            if command.upper() == "UID":
                sub, _, args = args.partition(" ")
                handler = getattr(self, "do_UID_" + sub.upper(), None)
            if handler is None:
                self.send(f"{tag} BAD Unknown command.")
                continue
            if handler(tag, args) == "logout":
                return

    def do_CAPABILITY(self, tag, _args):
        self.send(f"* CAPABILITY {CAPABILITIES}")
        self.send(f"{tag} OK CAPABILITY completed")

    def do_LOGIN(self, tag, args):
        user, password = [a.strip('"') for a in args.split(" ", 1)]
        if (user, password) != (self.server.user, self.server.password):
            self.send(f"{tag} NO Login failed.")
        else:
            self.send(f"{tag} OK LOGIN Ok.")

    def do_LIST(self, tag, _args):
        for name in FOLDERS:
            flags = "\\Unmarked \\HasChildren" if name == "INBOX" else "\\HasNoChildren"
            self.send(f'* LIST ({flags}) "." "{name}"')
        self.send(f"{tag} OK LIST completed")

    def _open(self, tag, args, read_only: bool):
        name = args.strip().strip('"')
        if name not in self.server.mailboxes:
            self.send(f"{tag} NO Mailbox does not exist, or must be subscribed to.")
            return
        self.selected, self.read_only = name, read_only
        count = len(self.server.mailboxes[name])
        self.send("* FLAGS (\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)")
        self.send(f"* {count} EXISTS")
        self.send("* 0 RECENT")
        self.send("* OK [UIDVALIDITY 1700000000] Ok")
        self.send(f"* OK [UIDNEXT {count + 1}] Ok")
        self.send(f"{tag} OK [{'READ-ONLY' if read_only else 'READ-WRITE'}] Ok")

    def do_SELECT(self, tag, args):
        self._open(tag, args, read_only=False)

    def do_EXAMINE(self, tag, args):
        self._open(tag, args, read_only=True)

    def do_UID_SEARCH(self, tag, args):
        wanted = re.search(r"<[^>]+>", args)
        messages = self.server.mailboxes.get(self.selected or "", [])
        found = [str(uid) for uid, raw in enumerate(messages, 1)
                 if wanted and wanted.group(0).encode() in raw]
        self.send("* SEARCH" + "".join(" " + uid for uid in found))
        self.send(f"{tag} OK SEARCH done.")

    def do_APPEND(self, tag, args):
        name = args.split(" ", 1)[0].strip('"')
        size = int(re.search(r"\{(\d+)\}$", args).group(1))
        self.send("+ OK")
        raw = self.rfile.read(size)
        self.rfile.readline()  # the CRLF ending the command
        if self.read_only and self.selected == name:
            refusal = "NO append failed: Current box is selected READ-ONLY"
            self.server.refusals.append(refusal)
            self.send(f"{tag} {refusal}")
            return
        self.server.mailboxes[name].append(raw)
        self.send(f"{tag} OK [APPENDUID 1700000000 {len(self.server.mailboxes[name])}] APPEND Ok.")

    def do_CLOSE(self, tag, _args):
        self.selected, self.read_only = None, False
        self.send(f"{tag} OK mailbox closed.")

    def do_NOOP(self, tag, _args):
        self.send(f"{tag} OK NOOP completed")

    def do_LOGOUT(self, tag, _args):
        self.send("* BYE Courier-IMAP server shutting down")
        self.send(f"{tag} OK LOGOUT completed")
        return "logout"
