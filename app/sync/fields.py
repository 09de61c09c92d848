"""Local record fields ↔ the server's field names.

Local references are integer keys (``company_id``); in the change history and on the wire
they are UUIDs (``company``). ``owner`` is the server's to decide (the creator, then
hand-over), so the local owner label is not synced. Fields the server has and this client does
not keep (message links) are skipped on pull, never emptied.
"""

from __future__ import annotations

from app.crm.records import RECORD_TYPES

SYNCED_TYPES = tuple(RECORD_TYPES)  # the customer records and the definitions (pipelines…)
TO_SERVER = {"company_id": "company", "contact_id": "contact", "deal_id": "deal",
             "stage_id": "stage", "pipeline_id": "pipeline"}
TO_LOCAL = {server: local for local, server in TO_SERVER.items()}
LOCAL_ONLY = {"owner"}
SET_FIELDS = {"emails", "phones", "tags", "domains", "choices", "messages"}


def server_field(local_field: str) -> str | None:
    """The server's name for a local field, or None if it is not synced."""
    if local_field in LOCAL_ONLY:
        return None
    return TO_SERVER.get(local_field, local_field)


def local_field(record_type: str, field: str) -> str | None:
    """The local name of a server field, or None if this client does not keep it."""
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        return None
    name = TO_LOCAL.get(field, field)
    if name in kind.fields or name in kind.lists or name.startswith("custom."):
        return name if name not in LOCAL_ONLY else None
    return None


def normalise_element(field: str, element: str) -> str:
    element = element.strip()
    return element.lower() if field in ("emails", "domains") else element
