"""Reading an mbox file one message at a time, in constant memory (no Qt).

An mbox is a file of messages, each introduced by a ``From `` envelope line.  The variants
differ in how a body line that itself starts with ``From `` was kept apart:

* *mboxo* (Thunderbird, older tools) wrote it as ``>From ``;
* *mboxrd* (Apple Mail, mutt, Python) adds a ``>`` to any line of ``>``\\ s followed by
  ``From ``, so ``>>From `` stands for ``>From ``.

Reading removes one ``>`` from every ``>…>From `` line: that is exact for mboxrd and for
mboxo's own escapes (an mboxo body line that really started with ``>From `` cannot be told
apart, by any reader).  A ``From `` line starts a new message when it is the first line, when
a blank line comes before it (every writer adds one), or when it carries an envelope date,
which also catches writers that forgot the blank line; an unescaped ``From here on…`` in the
middle of a paragraph stays in the body.

Lines end in LF or CRLF (an mbox copied from Windows); messages come out with CRLF line ends,
as IMAP and the stored mail have them, so the same message imported from an mbox and from an
``.eml`` file has the same bytes.  The file is read line by line through a buffer, never
whole: a 2 GB mbox costs the memory of its largest message.

A last message cut off (the file ends in the middle of a line) is not yielded as if it were
whole: it is counted in :attr:`MboxReader.truncated`, so a re-import of the complete file
brings it in.  Text between envelope lines that does not start with a header field is not a
message: it is counted in :attr:`MboxReader.malformed`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

# "From sender Sat Jan  3 01:05:34 1996" (asctime), optionally with a zone or a year last.
_ENVELOPE_DATE = re.compile(
    rb"From \S*\s+(?:[A-Z][a-z]{2},?\s+)?(?:[A-Z][a-z]{2}\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2})"
    rb"\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2})?")
_HEADER_FIRST = re.compile(rb"[!-9;-~]+[ \t]*:")  # a message starts with a header field
_ASCTIME = re.compile(rb"([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s+(\d{4})")
_MONTHS = {name: number for number, name in enumerate(
    (b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"), start=1)}
READ_BUFFER = 1 << 20


@dataclass
class MboxMessage:
    """One message of an mbox: its bytes (CRLF line ends) and what the envelope line said."""

    raw: bytes
    envelope_time: int | None  # the date of the "From " line, when it has one
    offset: int  # where its "From " line starts in the file
    end: int  # the offset just past it


def looks_like_mbox(path: Path) -> bool:
    """True when the file starts as an mbox does (an empty file is not one)."""
    try:
        with open(path, "rb") as file:
            head = file.read(5)
    except OSError:
        return False
    return head == b"From "


def envelope_time(line: bytes) -> int | None:
    """The time of an envelope line (``From x Sat Jan  3 01:05:34 1996``), or None."""
    match = _ASCTIME.search(line)
    if match is None:
        return None
    month_name, day, clock, year = match.groups()
    month = _MONTHS.get(month_name)
    if month is None:
        return None
    hour, minute, *second = (int(part) for part in clock.split(b":"))
    try:  # asctime is UTC; computed directly, as parsing a date string costs more than the rest
        return calendar.timegm((int(year), month, int(day), hour, minute, second[0] if second else 0, 0, 0, 0))
    except (ValueError, OverflowError):
        return None


class MboxReader:
    """Iterate over the messages of an mbox file: ``for message in MboxReader(path)``.

    ``start`` skips to a byte offset that begins a ``From `` line (the importer resumes by
    skipping what is stored instead).  :attr:`truncated` and :attr:`malformed` count what was
    not yielded; :attr:`position` is how far the file has been read (for progress).
    """

    def __init__(self, path: Path, start: int = 0):
        self.path = Path(path)
        self.start = start
        self.truncated = 0
        self.malformed = 0
        self.position = start

    def __iter__(self) -> Iterator[MboxMessage]:
        with open(self.path, "rb", buffering=0) as file:
            file.seek(self.start)
            yield from self._messages(file)

    def _messages(self, file: BinaryIO) -> Iterator[MboxMessage]:
        """Scan blocks for envelope lines with ``bytes.find`` (a Python loop over every line
        of a 2 GB file of base64 attachments took most of an import's time)."""
        data = b""  # read, not yet scanned; always begins at the start of a line
        base = self.start  # the file offset of data[0]
        parts: list[bytes] = []  # the current message so far
        current: tuple[int | None, int] | None = None  # (envelope time, offset) of the current message
        blank_before = True  # whether the line just before data[0] is blank (the file's start is)
        eof = False
        while not eof:
            block = file.read(READ_BUFFER)
            eof = not block
            data += block
            usable = len(data) if eof else data.rfind(b"\n") + 1  # complete lines only
            if usable == 0:
                continue  # one line longer than a block: read on
            consumed = 0
            for start, end in self._envelope_lines(data, usable, blank_before):
                parts.append(data[consumed:start])
                if current is not None or any(parts):
                    message = self._finish(parts, current, base + start)
                    if message is not None:
                        yield message
                current, parts, consumed = (envelope_time(data[start:end]), base + start), [], end
            parts.append(data[consumed:usable])
            last_line = data[data.rfind(b"\n", 0, usable - 1) + 1:usable]
            blank_before = last_line in (b"\n", b"\r\n")
            data, base = data[usable:], base + usable
            self.position = base
        if any(parts):
            message = self._finish(parts, current, base, cut=not self._ends_with_newline(parts))
            if message is not None:
                yield message

    @staticmethod
    def _envelope_lines(data: bytes, usable: int, blank_before: bool) -> Iterator[tuple[int, int]]:
        """(start, end) of every envelope line in ``data[:usable]``."""
        start = 0 if data.startswith(b"From ") else data.find(b"\nFrom ", 0, usable) + 1
        while 0 < start or (start == 0 and data.startswith(b"From ")):
            newline = data.find(b"\n", start, usable)
            end = usable if newline < 0 else newline + 1
            if start == 0:
                previous_blank = blank_before
            else:
                previous = data[data.rfind(b"\n", 0, start - 1) + 1:start]
                previous_blank = previous in (b"\n", b"\r\n")
            if previous_blank or _ENVELOPE_DATE.match(data, start, end):
                yield start, end
            start = data.find(b"\nFrom ", end - 1, usable) + 1
            if start == 0:
                return

    @staticmethod
    def _ends_with_newline(parts: list[bytes]) -> bool:
        last = next((p for p in reversed(parts) if p), b"")
        return last.endswith(b"\n")

    def _finish(self, parts: list[bytes], current: tuple[int | None, int] | None, end: int,
                cut: bool = False) -> MboxMessage | None:
        raw = b"".join(parts)
        stamp, begun_at = current if current is not None else (None, self.start)
        self.position = end
        if cut:
            self.truncated += 1
            return None
        if raw.endswith(b"\r\n\r\n"):
            raw = raw[:-2]  # the blank line the writer put before the next "From "
        elif raw.endswith(b"\n\n"):
            raw = raw[:-1]
        if not _HEADER_FIRST.match(raw):
            self.malformed += bool(raw.strip())
            return None
        return MboxMessage(raw=crlf(unescape(raw)), envelope_time=stamp, offset=begun_at, end=end)


def unescape(raw: bytes) -> bytes:
    """``>From `` lines back to ``From ``, one ``>`` less on each (``>>From `` to ``>From ``).

    Plain ``replace`` calls, shortest escape first, so none undoes another's work."""
    depth = 1
    while b"\n" + b">" * depth + b"From " in raw:
        raw = raw.replace(b"\n" + b">" * depth + b"From ", b"\n" + b">" * (depth - 1) + b"From ")
        depth += 1
    return raw


def crlf(raw: bytes) -> bytes:
    """``raw`` with every bare LF made CRLF (lines already CRLF are left as they are).

    Two ``replace`` calls: a regular expression with a look-behind took seconds per 100 MB."""
    if b"\n" not in raw:
        return raw
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
