"""An upload the server refuses one message of: that message is counted, the rest go on."""

from __future__ import annotations

import imaplib

from app.mail.imap.session import ImapSettings
from app.mail.importing.imap_destination import ImapDestination
from app.mail.importing.importer import Importer


class RefusingServer:
    """A scripted IMAP client: an empty folder, MULTIAPPEND, and no message over 1 KB."""

    def __init__(self):
        self.appended: list[bytes] = []

    def list_folders(self):
        return [((b"\\HasNoChildren",), b"/", "INBOX")]

    def has_capability(self, name):
        return name in ("MULTIAPPEND", "UNSELECT")

    def select_folder(self, name, readonly=False):
        return {}

    def search(self, criteria):
        return []

    def fetch(self, uids, items):
        return {}

    def unselect_folder(self):
        pass

    def _check(self, raw):
        if len(raw) > 1024:
            raise imaplib.IMAP4.error("[TOOBIG] Message too large")

    def multiappend(self, folder, messages):
        for message in messages:
            self._check(message["msg"])
        self.appended += [m["msg"] for m in messages]

    def append(self, folder, raw, flags=(), msg_time=None):
        self._check(raw)
        self.appended.append(raw)


def test_a_refused_message_is_counted_and_the_others_are_uploaded(tmp_path):
    body = "".join(f"From - Mon Mar 02 10:00:00 2015\nFrom: a@example.com\nSubject: {n}\n"
                   f"Message-ID: <r{n}@example.com>\n\n{'x' * (2000 if n == 2 else 10)}\n\n" for n in range(5))
    (tmp_path / "Inbox").write_text(body)
    server = RefusingServer()
    settings = ImapSettings("imap.example.com", 993, "ssl", "a@example.com")
    report = Importer(tmp_path / "Inbox", ImapDestination(server, settings)).run()
    assert report.imported == 4
    assert report.skipped == {"refused by the server ([TOOBIG] Message too large)": 1}
    assert len(server.appended) == 4
