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
    rb"^From \S*\s+(?:[A-Z][a-z]{2},?\s+)?(?:[A-Z][a-z]{2}\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2})"
    rb"\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2})?")
_ESCAPED_FROM = re.compile(rb"^>+From ")
_HEADER_FIRST = re.compile(rb"[!-9;-~]+[ \t]*:")  # a message starts with a header field
_BARE_LF = re.compile(rb"(?<!\r)\n")
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


def unescape_line(line: bytes) -> bytes:
    return line[1:] if _ESCAPED_FROM.match(line) else line


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
        with open(self.path, "rb", buffering=READ_BUFFER) as file:
            file.seek(self.start)
            yield from self._messages(file)

    def _messages(self, file: BinaryIO) -> Iterator[MboxMessage]:
        lines: list[bytes] = []
        begun_at, stamp = self.start, None
        previous_blank = True  # the first line of the file starts a message
        offset = self.start
        last_line = b""
        for line in file:
            if line.startswith(b"From ") and (previous_blank or _ENVELOPE_DATE.match(line)):
                if lines or offset > begun_at:
                    message = self._finish(lines, stamp, begun_at, offset)
                    if message is not None:
                        yield message
                begun_at, stamp, lines = offset, envelope_time(line), []
            else:
                lines.append(unescape_line(line) if line[:1] == b">" else line)
            offset += len(line)
            self.position = offset
            previous_blank = line in (b"\n", b"\r\n")
            last_line = line
        if lines:
            cut = not last_line.endswith(b"\n")
            message = self._finish(lines, stamp, begun_at, offset, cut=cut)
            if message is not None:
                yield message

    def _finish(self, lines: list[bytes], stamp: int | None, begun_at: int, end: int,
                cut: bool = False) -> MboxMessage | None:
        if lines and lines[-1] in (b"\n", b"\r\n"):
            lines.pop()  # the blank line the writer put before the next "From "
        raw = b"".join(lines)
        if cut:
            self.truncated += 1
            return None
        if not _HEADER_FIRST.match(raw):
            self.malformed += bool(raw.strip())
            return None
        return MboxMessage(raw=crlf(raw), envelope_time=stamp, offset=begun_at, end=end)


def crlf(raw: bytes) -> bytes:
    """``raw`` with every bare LF made CRLF (lines already CRLF are left as they are)."""
    return _BARE_LF.sub(b"\r\n", raw) if b"\n" in raw else raw
