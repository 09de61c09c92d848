"""This profile's team-sync state (``team_sync_state``, values as JSON): device id, server,
person, cursor, last sync and last error. The token is in the OS keyring, never here."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.store.team_models import TeamSyncState

# Keys kept across signing out: the device id and the clock (never reused).
PERMANENT = ("device_id", "hlc")


def get(session: Session, key: str, default=None):
    row = session.get(TeamSyncState, key)
    return default if row is None else json.loads(row.value)


def put(session: Session, key: str, value) -> None:
    row = session.get(TeamSyncState, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(TeamSyncState(key=key, value=text))
    else:
        row.value = text


def everything(session: Session) -> dict:
    return {row.key: get(session, row.key) for row in session.scalars(select(TeamSyncState))}


def forget_session(session: Session) -> None:
    """Signing out: all but the device id and its clock."""
    session.execute(delete(TeamSyncState).where(TeamSyncState.key.not_in(PERMANENT)))


def device_id(session: Session) -> str:
    return get(session, "device_id")
