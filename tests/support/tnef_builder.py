"""Builds minimal TNEF (winmail.dat) blobs for tests, following [MS-OXTNEF] 2.1."""

from __future__ import annotations

import struct

_SIGNATURE = 0x223E9F78
_LVL_MESSAGE, _LVL_ATTACHMENT = 1, 2
_ATT_TNEF_VERSION = 0x00089006
_ATT_OEM_CODEPAGE = 0x00069007
_ATT_ATTACH_REND_DATA = 0x00069002
_ATT_ATTACH_TITLE = 0x00018010
_ATT_ATTACH_DATA = 0x0006800F


def _attribute(level: int, attribute_id: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute_id, len(data)) + data + struct.pack("<H", checksum)


def build_tnef(files: list[tuple[str, bytes]]) -> bytes:
    """A TNEF stream holding the given (8-bit name, data) files."""
    out = struct.pack("<IH", _SIGNATURE, 0x0101)
    out += _attribute(_LVL_MESSAGE, _ATT_TNEF_VERSION, struct.pack("<I", 0x00010000))
    out += _attribute(_LVL_MESSAGE, _ATT_OEM_CODEPAGE, struct.pack("<II", 1252, 0))
    for name, data in files:
        out += _attribute(_LVL_ATTACHMENT, _ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\x00" * 12)
        out += _attribute(_LVL_ATTACHMENT, _ATT_ATTACH_TITLE, name.encode("cp1252") + b"\x00")
        out += _attribute(_LVL_ATTACHMENT, _ATT_ATTACH_DATA, data)
    return out
