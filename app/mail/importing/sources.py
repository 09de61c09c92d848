"""What a path to import holds: mbox files, ``.eml`` files or a Thunderbird profile (no Qt).

:func:`find_sources` looks at the path once and returns the folders to import, each with a
relative folder name and a way to stream its messages; nothing is read whole.

* **an mbox file** (Thunderbird, Apple Mail, mutt, Google Takeout): one folder, named after
  the file;
* **an Apple Mail export**, ``Name.mbox/`` holding a file ``mbox``: one folder ``Name``;
* **a folder of ``.eml`` files** (Outlook, Foxmail, Windows Mail exports), sub-folders
  included: one folder per directory holding ``.eml`` files, named after its path;
* **a Thunderbird profile** (``Mail/Local Folders/``, and POP accounts beside it in
  ``Mail/``), or one of those mail directories itself: every mbox file is a folder, and
  ``Name.sbd/`` holds the sub-folders of ``Name``.  The ``.msf`` index files, filter rules and
  other files are not mail and are left alone.  ``ImapMail/`` is not imported: it is only
  Thunderbird's cache of IMAP accounts, which Liaison syncs itself.

A path that holds none of these is refused with one sentence (:class:`UserFacingError`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from app.errors import UserFacingError
from app.mail.importing.mbox_reader import MboxReader, crlf, envelope_time, looks_like_mbox

LOCAL_FOLDERS_DIR = "Local Folders"  # Thunderbird's name, also in profiles of other languages


@dataclass
class ImportItem:
    """One message to import: CRLF bytes and the time the mailbox received it, if known."""

    raw: bytes
    received: int | None
    where: str  # for messages about it: "file:offset" or a file name


@dataclass
class SourceFolder:
    """A folder to import: its name below the import's base folder, and its messages."""

    parts: tuple[str, ...]  # folder path relative to the import's base ("" parts never)
    size: int  # bytes, for progress
    messages: Callable[["SourceFolder"], Iterator[ImportItem]]
    origin: Path
    files: list[Path] = field(default_factory=list)  # the .eml files of an .eml folder
    position: int = 0  # bytes read so far, for progress
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count, filled while reading

    def read(self) -> Iterator[ImportItem]:
        return self.messages(self)


@dataclass
class Sources:
    folders: list[SourceFolder]
    default_base: str | None  # the folder name used when the user gives none (None: at the top)


def find_sources(path: Path) -> Sources:
    path = Path(path).expanduser()
    if not path.exists():
        raise UserFacingError("There is no file or folder at {path}.", code="import.missing", path=str(path))
    if path.is_file():
        return _file_sources(path)
    if not os.access(path, os.R_OK | os.X_OK):
        raise UserFacingError("The folder {path} cannot be read.", code="import.unreadable", path=str(path))
    if (path / "mbox").is_file() and path.suffix.lower() == ".mbox":
        return Sources([_mbox_folder(path / "mbox", ())], readable_name(path.stem))
    mail_dirs = _thunderbird_mail_dirs(path)
    if mail_dirs:
        folders = []
        for directory, prefix in mail_dirs:
            folders += _thunderbird_folders(directory, prefix)
        return _non_empty(Sources(folders, None), path)
    if _is_thunderbird_mail_dir(path):
        return _non_empty(Sources(_thunderbird_folders(path, ()), None), path)
    return _non_empty(Sources(_eml_folders(path), readable_name(path.name)), path)


def _file_sources(path: Path) -> Sources:
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError as exc:
        raise UserFacingError("{path} cannot be read: {reason}.", code="import.unreadable", path=str(path),
                              reason=exc.strerror or type(exc).__name__) from None
    if head.startswith(b"From "):
        return Sources([_mbox_folder(path, ())], readable_name(path.stem))
    if path.suffix.lower() == ".eml" and _looks_like_headers(head):
        folder = SourceFolder((), path.stat().st_size, _eml_messages, path, files=[path])
        return Sources([folder], "Imported")
    raise UserFacingError("{path} is not an mbox file, an .eml file or a folder of mail; nothing was imported.",
                          code="import.not_mail", path=str(path))


def readable_name(name: str) -> str:
    """A file name as a folder name.  An archive made on Chinese Windows and unpacked here keeps
    its GBK bytes, which Python hands over as undecodable surrogates: read them as GB18030."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    for encoding in ("gb18030", "big5"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _non_empty(sources: Sources, path: Path) -> Sources:
    if not sources.folders:
        raise UserFacingError("No mail was found in {path} (looked for mbox files, .eml files and a "
                              "Thunderbird profile); nothing was imported.", code="import.no_mail", path=str(path))
    return sources


# -- mbox ---------------------------------------------------------------------------------
def _mbox_folder(path: Path, parts: tuple[str, ...]) -> SourceFolder:
    return SourceFolder(parts, path.stat().st_size, _mbox_messages, path)


def _mbox_messages(folder: SourceFolder) -> Iterator[ImportItem]:
    reader = MboxReader(folder.origin)
    for message in reader:
        folder.position = reader.position
        yield ImportItem(message.raw, message.envelope_time, f"{folder.origin.name}:{message.offset}")
    folder.position = reader.position
    if reader.truncated:
        folder.skipped["cut off at the end of the file"] = reader.truncated
    if reader.malformed:
        folder.skipped["not a mail message"] = reader.malformed


# -- Thunderbird ----------------------------------------------------------------------------
_NOT_MAILBOXES = {".msf", ".dat", ".json", ".html", ".sqlite", ".log", ".txt", ".js", ".mab"}


def _thunderbird_mail_dirs(path: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """The local mail directories of a Thunderbird profile (empty if ``path`` is not one)."""
    mail = path / "Mail"
    if not mail.is_dir() or not ((path / "prefs.js").exists() or (mail / LOCAL_FOLDERS_DIR).is_dir()):
        return []
    found = []
    for directory in sorted(p for p in mail.iterdir() if p.is_dir()):
        # Local Folders at the top; a POP account's mail under its server's name.
        prefix = () if directory.name == LOCAL_FOLDERS_DIR else (readable_name(directory.name),)
        found.append((directory, prefix))
    return found


def _is_thunderbird_mail_dir(path: Path) -> bool:
    return any(p.suffix == ".msf" or p.suffix == ".sbd" for p in path.iterdir())


def _thunderbird_folders(directory: Path, prefix: tuple[str, ...]) -> list[SourceFolder]:
    folders = []
    for entry in sorted(directory.iterdir()):
        if entry.is_file() and entry.suffix.lower() not in _NOT_MAILBOXES and looks_like_mbox(entry):
            folders.append(_mbox_folder(entry, (*prefix, readable_name(entry.name))))
        elif entry.is_dir() and entry.suffix == ".sbd":
            folders += _thunderbird_folders(entry, (*prefix, readable_name(entry.name[:-4])))
    return folders


# -- .eml files ---------------------------------------------------------------------------
def _eml_folders(root: Path) -> list[SourceFolder]:
    """One folder per directory holding .eml files; the tree is walked in name order."""
    folders = []
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        emls = sorted(name for name in files if name.lower().endswith(".eml"))
        if not emls:
            continue
        paths = [Path(directory) / name for name in emls]
        relative = tuple(readable_name(part) for part in Path(directory).relative_to(root).parts)
        folder = SourceFolder(tuple(relative), sum(_size(p) for p in paths), _eml_messages, Path(directory),
                              files=paths)
        folders.append(folder)
    return folders


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _eml_messages(folder: SourceFolder) -> Iterator[ImportItem]:
    folder.position = 0
    for path in folder.files:
        try:
            raw = path.read_bytes()  # one message per file: read whole, one at a time
            received = int(path.stat().st_mtime)
        except OSError:
            folder.skipped["could not be read"] = folder.skipped.get("could not be read", 0) + 1
            continue
        folder.position += len(raw)
        if raw.startswith(b"From "):  # some tools write the mbox envelope line into the file too
            first, _, raw = raw.partition(b"\n")
            received = envelope_time(first) or received
        if not _looks_like_headers(raw):
            folder.skipped["not a mail message"] = folder.skipped.get("not a mail message", 0) + 1
            continue
        yield ImportItem(crlf(raw), received, readable_name(path.name))


def _looks_like_headers(head: bytes) -> bool:
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    name, colon, _ = first.partition(b":")
    return bool(colon) and bool(name) and all(33 <= c <= 126 for c in name.rstrip(b" \t"))
