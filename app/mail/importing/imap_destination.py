"""Imported mail uploaded to an IMAP account's folder with APPEND (no Qt).

Each message is appended with its date as INTERNALDATE (so the server sorts it where it
belongs, not at today's date) and its read, answered and flagged state; MULTIAPPEND sends a
whole batch in one command where the server offers it.  The account's next sync then brings
the messages into the store like any other mail.

**Duplicates.**  Before the first upload into a folder, the Message-IDs of what the folder
holds are read from the server (header field only, in UID batches that keep every command
under Dovecot's 64 KiB line limit); the few messages without one are fetched whole and
hashed.  So an upload stopped half-way is resumed by running it again.

A folder missing on the server is created (and subscribed).  Names use the server's
hierarchy delimiter; a top-level ``Inbox`` is the server's ``INBOX`` (and ``Inbox/Sub`` its child).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from app.errors import ServerError
from app.mail.imap.session import ImapSettings, imap_errors
from app.mail.importing.importer import Candidate, digest_of, first_message_id
from app.mail.importing.mbox_reader import crlf
from app.mail.reading.envelope import split_header_block

log = logging.getLogger("liaison.import")

_UID_BATCH = 500  # ~4 KiB of UIDs per command at worst, well under the 64 KiB line limit
_HEADER = b"BODY[HEADER.FIELDS (MESSAGE-ID)]"


class ImapDestination:
    """Folders of one logged-in IMAP session."""

    def __init__(self, client, settings: ImapSettings):
        self.client, self.settings = client, settings
        with imap_errors(settings):
            listed = client.list_folders()
        self.delimiter = next((d.decode() if isinstance(d, bytes) else d for _f, d, _n in listed if d), "/")
        self.existing = {name for _flags, _d, name in listed}
        self.touched: list[str] = []  # server folder names written to, for the sync afterwards

    def server_name(self, name: str) -> str:
        parts = name.split("/")
        if parts[0].upper() == "INBOX":
            parts[0] = "INBOX"  # the one name servers compare without case: never a second "Inbox"
        return self.delimiter.join(parts)

    def folder(self, name: str) -> "ImapFolder":
        server = self.server_name(name)
        with imap_errors(self.settings):
            if server not in self.existing and server.upper() != "INBOX":
                self.client.create_folder(server)
                try:
                    self.client.subscribe_folder(server)
                except Exception as exc:  # noqa: BLE001 - unsubscribed is still usable; worth a log line
                    log.info("could not subscribe %s: %s", server, exc)
                self.existing.add(server)
        if server not in self.touched:
            self.touched.append(server)
        return ImapFolder(self.client, self.settings, server)


class ImapFolder:
    def __init__(self, client, settings: ImapSettings, name: str):
        self.client, self.settings, self.name = client, settings, name
        self.multiappend = client.has_capability("MULTIAPPEND")
        self.problems: dict[str, int] = {}  # messages the server refused, by its reason
        self.ids, self.digests = self._stored()

    def _stored(self) -> tuple[set[str], set[bytes]]:
        ids: set[str] = set()
        without: list[int] = []
        digests: set[bytes] = set()
        with imap_errors(self.settings):
            self.client.select_folder(self.name, readonly=True)
            try:
                uids = self.client.search("ALL")
                for start in range(0, len(uids), _UID_BATCH):
                    chunk = uids[start:start + _UID_BATCH]
                    for uid, data in self.client.fetch(chunk, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).items():
                        found = first_message_id(split_header_block(data.get(_HEADER, b"") or b""))
                        if found:
                            ids.add(found)
                        else:
                            without.append(uid)
                for start in range(0, len(without), 50):
                    for data in self.client.fetch(without[start:start + 50], ["BODY.PEEK[]"]).values():
                        digests.add(digest_of(crlf(data.get(b"BODY[]", b"") or b"")))
            finally:
                self._leave()
        return ids, digests

    def _leave(self) -> None:
        # Some servers refuse APPEND into the mailbox opened read-only (Courier): leave it first.
        if self.client.has_capability("UNSELECT"):
            self.client.unselect_folder()
        else:
            self.client.close_folder()

    def duplicates(self, batch: list[Candidate]) -> set[int]:
        return {i for i, c in enumerate(batch)
                if ((c.message_id in self.ids) if c.message_id else (c.digest in self.digests))}

    def store(self, batch: list[Candidate]) -> int:
        stored = None
        if self.multiappend and len(batch) > 1:
            try:
                with imap_errors(self.settings):
                    self.client.multiappend(self.name, [
                        {"msg": c.raw, "flags": _flags(c), "date": _when(c)} for c in batch])
                stored = batch
            except ServerError as exc:  # one message refused fails them all: find which, one by one
                log.info("MULTIAPPEND to %s refused (%s); appending one at a time", self.name, exc)
        if stored is None:
            stored = [c for c in batch if self._append(c)]
        for c in stored:
            if c.message_id:
                self.ids.add(c.message_id)
            elif c.digest is not None:
                self.digests.add(c.digest)
        return len(stored)

    def _append(self, candidate: Candidate) -> bool:
        """Append one message; a refusal of this message (too big, say) is counted and
        skipped, so one message cannot stop the rest.  Lost connections still end the upload."""
        try:
            with imap_errors(self.settings):
                self.client.append(self.name, candidate.raw, flags=_flags(candidate), msg_time=_when(candidate))
        except ServerError as exc:
            reason = f"refused by the server ({exc.params.get('reply', '')})"
            self.problems[reason] = self.problems.get(reason, 0) + 1
            return False
        return True


def _flags(candidate: Candidate) -> tuple[bytes, ...]:
    return tuple(sorted(flag.encode("ascii") for flag in candidate.flags))


def _when(candidate: Candidate) -> datetime | None:
    if candidate.received is None:
        return None
    return datetime.fromtimestamp(candidate.received, timezone.utc)
