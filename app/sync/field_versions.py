"""Each field's version as this profile last pulled it: the ``base`` its next local change is
sent with (docs/sync-protocol.md). Kept as one JSON object per record on ``team_records``
(``{"field": [version, "hlc"]}``, migration 0017): they are only ever read a record at a
time, and a first sync writes one text per record instead of a row per field."""

from __future__ import annotations

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.team_models import TeamRecord

Versions = dict[str, list]  # field → [version, hlc]


def stored(session: Session, record_uuids: list[str]) -> dict[str, Versions]:
    """The stored versions of those records that have any, by record UUID."""
    found = {}
    for start in range(0, len(record_uuids), 500):  # within SQLite's bound-parameter limit
        for record_uuid, text in session.execute(select(TeamRecord.record_uuid, TeamRecord.versions).where(
                TeamRecord.record_uuid.in_(record_uuids[start:start + 500]))):
            found[record_uuid] = orjson.loads(text or "{}")
    return found


def base(versions: Versions, field: str) -> int:
    """The version a change to ``field`` was made on (0: never pulled, new to the server)."""
    known = versions.get(field)
    return int(known[0]) if known else 0


def encode(versions: Versions) -> str:
    return orjson.dumps(versions).decode()
