"""Importing the messages of mbox files, .eml files or a Thunderbird profile (no Qt).

One loop for every source and both destinations (a Local Folders folder, or an IMAP folder
by APPEND): each folder's messages are streamed from :mod:`.sources`, their state read from
the headers (:mod:`.mail_state`), duplicates left out, and the rest handed to the destination
in batches of at most 400 messages or 8 MiB, so memory stays flat whatever the file's size.

**Duplicates and resuming.**  A message is the same as one already in the destination folder
when it has the same Message-ID, or, without a Message-ID, the same bytes (SHA-256 of the
CRLF form).  So an import stopped at any point (Ctrl+C, a crash, a full disk) is resumed by
running it again: what is stored is skipped, the rest follows; a batch is stored whole or
not at all.  A message is never changed or removed by an import.

**Only what the destination needs is parsed.**  Skipping a message costs a split of its
header block; the full envelope (addresses, charsets, attachments) is parsed only for
messages that will be stored.

Progress goes to a callback (the CLI prints it, the window could show it); what was not
imported is counted by reason in the :class:`ImportReport`, never raised.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from app.errors import Cancelled, UserFacingError
from app.mail.importing.mail_state import mail_state
from app.mail.importing.sources import ImportItem, SourceFolder, Sources, find_sources
from app.mail.reading.envelope import Envelope, parse_envelope, split_header_block

log = logging.getLogger("liaison.import")

BATCH_MESSAGES = 400
BATCH_BYTES = 8 * 1024 * 1024
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")  # as app.mail.reading.envelope reads it
DUPLICATE = "already there"
DELETED = "deleted in the program it came from"


@dataclass
class Candidate:
    """A message that may be stored: its bytes, identity and state."""

    raw: bytes
    message_id: str | None
    digest: bytes | None  # SHA-256 of the bytes, for messages without a Message-ID
    flags: frozenset[str]
    received: int | None  # INTERNALDATE: the envelope line's date, the file's time, or the Date header
    headers: dict[str, list[bytes]] | None = None  # the split header block, until the envelope is parsed
    envelope: Envelope | None = None


class FolderDestination(Protocol):
    """Where one folder's messages go (a local folder, an IMAP folder)."""

    name: str

    def duplicates(self, batch: list[Candidate]) -> set[int]:
        """Indexes into ``batch`` of messages the folder already holds."""

    def store(self, batch: list[Candidate]) -> "int | Future[int]":
        """Store the batch (envelopes parsed); returns how many were stored, or a future of
        that number when the writing goes on in the background.  Fewer than offered means
        the others turned out to be there already, or were refused: a destination that can
        refuse a message counts it by reason in a ``problems`` dict."""


class Destination(Protocol):
    def folder(self, name: str) -> FolderDestination: ...


@dataclass
class ImportProgress:
    folder: str
    messages: int  # messages read so far, over the whole import
    imported: int  # of which stored
    bytes_done: int
    bytes_total: int


@dataclass
class FolderReport:
    folder: str
    source: str
    imported: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count


@dataclass
class ImportReport:
    folders: list[FolderReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return sum(f.imported for f in self.folders)

    @property
    def skipped(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for report in self.folders:
            for reason, count in report.skipped.items():
                total[reason] = total.get(reason, 0) + count
        return total


ProgressFn = Callable[[ImportProgress], None]


def folder_name(base: str | None, parts: tuple[str, ...], delimiter: str = "/") -> str:
    """The destination folder of a source folder: ``base/part/part``; the base alone for a
    single file; ``Imported`` when there is neither."""
    names = [p.strip() for p in (*(base or "").split("/"), *parts)]
    return delimiter.join(p for p in names if p) or "Imported"  # "a//b/" is a/b


class Importer:
    """Runs one import: ``Importer(path, destination, base).run(progress)``.

    ``base`` is the folder the user asked for (``--to-folder``); None takes the source's
    own name (the mbox file's, the .eml folder's; a Thunderbird profile's folders keep their
    names at the top).  ``should_stop`` is asked between messages; stopping raises
    :class:`Cancelled` after the batch under way is stored.
    """

    def __init__(self, path: Path, destination: Destination, base: str | None = None,
                 should_stop: Callable[[], bool] = lambda: False):
        self.sources: Sources = find_sources(path)
        self.destination = destination
        self.base = base if base else self.sources.default_base
        self.should_stop = should_stop
        self.report = ImportReport()
        self._read = 0
        self._in_flight: tuple[int | Future, int, FolderReport] | None = None
        self._done_bytes = 0
        self._total_bytes = sum(f.size for f in self.sources.folders)

    def run(self, progress: ProgressFn | None = None) -> ImportReport:
        started = time.monotonic()
        try:
            for source in self.sources.folders:
                self._import_folder(source, progress)
                self._done_bytes += source.size
        except BaseException:
            self._settle(quiet=True)  # the batch being written still lands whole (or not at all)
            raise
        finally:
            self.report.seconds = time.monotonic() - started
        return self.report

    def _import_folder(self, source: SourceFolder, progress: ProgressFn | None) -> None:
        name = folder_name(self.base, source.parts)
        target = self.destination.folder(name)
        report = FolderReport(target.name, readable_path(source.origin))
        self.report.folders.append(report)
        batch: list[Candidate] = []
        size = 0
        for item in _reading(source):
            self._read += 1
            candidate = self._candidate(item, report)
            if candidate is not None:
                batch.append(candidate)
                size += len(candidate.raw)
            if len(batch) >= BATCH_MESSAGES or size >= BATCH_BYTES:
                self._flush(target, batch, report)
                batch, size = [], 0
                self._tell(progress, target.name, source)
            if self.should_stop():
                self._flush(target, batch, report)
                self._settle()
                raise Cancelled("The import was stopped; run it again to continue.")
        self._flush(target, batch, report)
        self._settle()
        for reason, count in (*source.skipped.items(), *getattr(target, "problems", {}).items()):
            report.skipped[reason] = report.skipped.get(reason, 0) + count
        self._tell(progress, target.name, source)

    def _candidate(self, item: ImportItem, report: FolderReport) -> Candidate | None:
        headers = split_header_block(item.raw)
        state = mail_state(headers)
        if state.deleted:
            _count(report, DELETED)
            return None
        message_id = first_message_id(headers)
        digest = None if message_id else digest_of(item.raw)
        return Candidate(item.raw, message_id, digest, state.flags, item.received, headers)

    def _flush(self, target: FolderDestination, batch: list[Candidate], report: FolderReport) -> None:
        if not batch:
            return
        known = target.duplicates(batch)
        fresh: list[Candidate] = []
        seen: set = set()
        for index, candidate in enumerate(batch):
            key = candidate.message_id or candidate.digest
            if index in known or key in seen:  # the same message twice in one file counts too
                _count(report, DUPLICATE)
                continue
            seen.add(key)
            candidate.envelope = parse_envelope(candidate.raw, candidate.received, candidate.headers)
            candidate.headers = None
            if candidate.received is None:
                candidate.received = candidate.envelope.date
            fresh.append(candidate)
        if fresh:
            self._settle()  # one batch written while the next is parsed, never more (flat memory)
            refused = _problem_count(target)
            result = target.store(fresh)
            self._in_flight = (result, len(fresh) - (_problem_count(target) - refused), report)

    def _settle(self, quiet: bool = False) -> None:
        """Wait for the batch being written and count it."""
        if self._in_flight is None:
            return
        result, offered, report = self._in_flight
        self._in_flight = None
        if isinstance(result, Future):
            if quiet:
                result.exception()
                return
            result = result.result()
        report.imported += result
        if offered > result:
            _count(report, DUPLICATE, offered - result)

    def _tell(self, progress: ProgressFn | None, folder: str, source: SourceFolder) -> None:
        if progress is not None:
            progress(ImportProgress(folder, self._read, self.report.imported,
                                    self._done_bytes + min(source.position, source.size), self._total_bytes))


def _reading(source: SourceFolder):
    """The source's messages; a read failure (a disk error, a file removed meanwhile) becomes
    one sentence.  What was stored before it stays, and running again continues from there."""
    messages = source.read()
    while True:
        try:
            item = next(messages)
        except StopIteration:
            return
        except OSError as exc:
            raise UserFacingError(
                "{path} could not be read to the end ({reason}); the messages before that point are "
                "imported, run it again to continue.", code="import.read_failed",
                path=readable_path(source.origin), reason=exc.strerror or type(exc).__name__) from None
        yield item


def readable_path(path: Path) -> str:
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _problem_count(target: FolderDestination) -> int:
    """Messages the destination refused so far (an IMAP server may refuse one: too big)."""
    return sum(getattr(target, "problems", {}).values())


def _count(report: FolderReport, reason: str, count: int = 1) -> None:
    report.skipped[reason] = report.skipped.get(reason, 0) + count


def first_message_id(headers: dict[str, list[bytes]]) -> str | None:
    """The Message-ID as the envelope stores it (``<…>``), from a split header block."""
    values = headers.get("message-id")
    found = _MESSAGE_ID.findall(values[0].decode("ascii", "replace")) if values else []
    return found[0] if found else None


# Header fields a mail program rewrites in place when a message is read or flagged: left out of
# the digest, so the same message exported again after being read is still the same message.
_STATE_FIELDS = re.compile(rb"^(?:x-mozilla-status2?|x-mozilla-keys|status|x-status)[ \t]*:.*\r?\n",
                           re.IGNORECASE | re.MULTILINE)


def digest_of(raw: bytes) -> bytes:
    """The identity of a message without a Message-ID: SHA-256 of its CRLF bytes, state
    fields of the header block left out."""
    end = raw.find(b"\r\n\r\n")
    head, body = (raw, b"") if end < 0 else (raw[:end + 2], raw[end + 2:])
    return hashlib.sha256(_STATE_FIELDS.sub(b"", head) + body).digest()
