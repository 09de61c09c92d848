"""The server's folder list with each folder's role, and the extensions a session turns on."""

from __future__ import annotations

from app.mail.imap.folder_roles import assign_roles
from app.mail.imap.folder_sync import ServerFeatures
from app.store.mail_cache import ServerFolder


def enable_extensions(client) -> ServerFeatures:
    """Turn on QRESYNC (or CONDSTORE) so SELECT reports HIGHESTMODSEQ."""
    capabilities = {c.upper() for c in client.capabilities()}
    if b"QRESYNC" in capabilities:
        client.enable("QRESYNC")
        return ServerFeatures(condstore=True, qresync=True)
    if b"CONDSTORE" in capabilities:
        client.enable("CONDSTORE")
        return ServerFeatures(condstore=True, qresync=False)
    return ServerFeatures(condstore=False, qresync=False)


def list_server_folders(client) -> list[ServerFolder]:
    listed = []
    for flags, delimiter, name in client.list_folders():
        text_flags = {f.decode() if isinstance(f, bytes) else str(f) for f in flags}
        delim = delimiter.decode() if isinstance(delimiter, bytes) else delimiter
        listed.append((name, text_flags, delim))
    roles = assign_roles(listed)
    return [ServerFolder(name=name, delimiter=delim, flags=frozenset(flags), role=roles[name],
                         selectable=not {"\\noselect", "\\nonexistent"} & {f.lower() for f in flags})
            for name, flags, delim in listed]
