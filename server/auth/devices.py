"""Devices and their tokens.

A token is 32 random bytes (URL-safe text) shown to the client once; the server keeps only its
SHA-256. Every request looks the token up together with its user, so revoking a device or a
user refuses the very next request, whatever any process had seen before.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import SCHEMA_VERSION

from server.db.database import now_ms
from server.db.models import Device, ManagedTeam, Team, User
from server.policy.principal import Principal

LAST_SEEN_EVERY_MS = 60_000  # don't write on every request


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_device(session: Session, user: User, name: str, address: str) -> tuple[Device, str]:
    token = secrets.token_urlsafe(32)
    device = Device(id=str(uuid.uuid4()), user_id=user.id, name=name[:200],
                    token_hash=token_hash(token), created_at=now_ms(), address=address[:64])
    session.add(device)
    return device, token


def principal_for(session: Session, user: User, device: Device | None = None,
                  address: str = "", schema: int = SCHEMA_VERSION) -> Principal:
    # Only a manager's managed teams mean anything (Principal.teams): everyone else's request
    # is authenticated in the one token query.
    managed = frozenset(session.scalars(
        select(ManagedTeam.team_id).where(ManagedTeam.user_id == user.id))) \
        if user.role == "manager" else frozenset()
    return Principal(user_id=user.id, email=user.email, role=user.role, team_id=user.team_id,
                     managed_team_ids=managed, device_id=device.id if device else None,
                     address=address, schema=schema)


def device_for_token(session: Session, token: str) -> tuple[Device, User] | None:
    """The live device and user behind ``token``, or None if unknown or revoked."""
    # The user's team comes along (outer join: an admin may have none) so that the request's
    # later session.get(Team, ...) of it (visibility, team sharing) finds it in the session
    # instead of asking the database again.
    row = session.execute(
        select(Device, User, Team).join(User, User.id == Device.user_id)
        .outerjoin(Team, Team.id == User.team_id)
        .where(Device.token_hash == token_hash(token))).first()
    if row is None:
        return None
    device, user, _team = row
    if device.revoked_at is not None or not user.active:
        return None
    return device, user
