"""Removing copies of a message from the selected IMAP folder."""

from __future__ import annotations


def delete_uids(imap_client, uids: list[int]) -> None:
    """Delete these UIDs of the selected folder (expunging only them where UIDPLUS allows)."""
    if not uids:
        return
    imap_client.add_flags(uids, [b"\\Deleted"])
    if imap_client.has_capability("UIDPLUS"):
        imap_client.uid_expunge(uids)
    else:
        imap_client.expunge()


def delete_by_message_id(imap_client, folder: str, message_id: str) -> None:
    imap_client.select_folder(folder)
    delete_uids(imap_client, imap_client.search(["HEADER", "Message-ID", message_id]))
