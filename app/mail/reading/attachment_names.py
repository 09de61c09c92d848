"""Attachment names: what to show (the truth) and what to write to disk (something safe).

Malware hides an executable behind a harmless-looking name: a right-to-left override makes
``invoice‮fdp.exe`` display as ``invoiceexe.pdf``; ``invoice.pdf.exe`` relies on hidden
extensions; ``invoice.pdf<200 spaces>.exe`` pushes the real extension out of view; a ZIP is
named ``.pdf``.  The reader shows the name with every invisible or direction-changing
character removed and padding collapsed, and warns about each trick.  The name written to
disk is further stripped of path separators, control characters and names Windows reserves.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi controls, zero-width and other invisible characters that can disguise a name.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad\u180e]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_PADDING = re.compile(r"[\s\u3000_]{8,}")
_UNSAFE_ON_DISK = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
MAX_NAME_BYTES = 200

EXECUTABLE_EXTENSIONS = frozenset(
    "exe scr com pif bat cmd vbs vbe js jse wsf wsh hta msi msp lnk jar ps1 psm1 reg cpl dll "
    "app command sh run apk iso img vhd".split())
_DOCUMENT_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx txt rtf jpg jpeg png gif zip rar csv odt ods".split())

# File signatures, to notice a name that lies about the content.
_SIGNATURES = (
    (b"%PDF", "pdf", {"pdf"}),
    (b"PK\x03\x04", "zip", {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "jar", "apk", "epub"}),
    (b"MZ", "exe", {"exe", "dll", "scr", "com", "cpl", "sys"}),
    (b"\x89PNG", "png", {"png"}),
    (b"\xff\xd8\xff", "jpeg", {"jpg", "jpeg", "jpe"}),
    (b"GIF8", "gif", {"gif"}),
    (b"Rar!", "rar", {"rar"}),
    (b"\x7fELF", "elf", set()),
)


def extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower().strip() if dot and stem else ""


def revealed_name(name: str) -> str:
    """The name as it should be shown: invisible characters removed, padding collapsed."""
    text = unicodedata.normalize("NFC", name or "")
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _PADDING.sub(" … ", text).strip()


def name_warnings(name: str, head: bytes = b"") -> list[str]:
    """Reasons to distrust this attachment, as short codes the UI and CLI word themselves.

    ``bidi``: direction-changing characters; ``padding``: long padding hides the end of the
    name; ``double-extension``: a document extension followed by another one;
    ``executable``: the real extension runs code; ``content-mismatch:<kind>``: the first
    bytes say the file is something its extension denies.
    """
    warnings = []
    if _BIDI.search(name or ""):
        warnings.append("bidi")
    if _PADDING.search(_INVISIBLE.sub("", name or "")):
        warnings.append("padding")
    shown = revealed_name(name)
    ext = extension(shown)
    inner = extension(shown[: -len(ext) - 1].rstrip(" …")) if ext else ""
    if inner in _DOCUMENT_EXTENSIONS and ext and ext != inner:
        warnings.append("double-extension")
    if ext in EXECUTABLE_EXTENSIONS:
        warnings.append("executable")
    for signature, kind, extensions in _SIGNATURES:
        if head.startswith(signature):
            if ext not in extensions:
                warnings.append(f"content-mismatch:{kind}")
            break
    return warnings


def safe_filename(name: str, fallback: str = "attachment") -> str:
    """A name that is safe to create in any directory on Linux, macOS and Windows."""
    text = revealed_name(name)
    text = _UNSAFE_ON_DISK.sub("_", text).strip(" .")
    text = text.lstrip("-")  # never looks like a command-line option
    if not text or _WINDOWS_RESERVED.match(text):
        text = f"{fallback}_{text}" if text else fallback
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        ext = extension(text)
        keep = MAX_NAME_BYTES - len(ext.encode("utf-8")) - 1
        stem = encoded[:keep].decode("utf-8", "ignore").rstrip()
        text = f"{stem}.{ext}" if ext else stem
    return text
