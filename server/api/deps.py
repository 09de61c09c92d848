"""Request dependencies: the database, the client's schema version, and the principal.

The principal is read from the database on every request (token → device → user → managed
teams): there is no session cache to outlive a revocation.

Dependencies that do no I/O are ``async def``: FastAPI runs a plain ``def`` dependency in its
thread pool, a thread hand-off (and a turn of the GIL) per dependency per request.
"""

from __future__ import annotations

import uuid

from fastapi import Depends, Header, HTTPException, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import update
from sqlalchemy.orm import Session

from server import OLDEST_SUPPORTED_SCHEMA, SCHEMA_VERSION
from server.auth.devices import LAST_SEEN_EVERY_MS, device_for_token, principal_for
from server.db.database import Database, now_ms
from server.db.models import Device
from server.policy.principal import Principal

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

UNAUTHORIZED = "sign in again: this device's session has ended or was revoked"


async def get_db(request: Request) -> Database:
    return request.app.state.db


def client_address(request: Request) -> str:
    # Behind a reverse proxy, uvicorn's --forwarded-allow-ips puts the real client here.
    return request.client.host if request.client else ""


async def client_schema(
        x_liaison_schema: int | None = Header(default=None, ge=0, le=10**6)) -> int:
    """The record schema the client speaks (header ``X-Liaison-Schema``; scripts that send none
    get the current one)."""
    schema = SCHEMA_VERSION if x_liaison_schema is None else x_liaison_schema
    if schema < OLDEST_SUPPORTED_SCHEMA:
        raise HTTPException(426, "this Liaison is too old for the team server: update it to "
                                 "keep syncing (nothing waiting on it is lost)")
    if schema > SCHEMA_VERSION:
        raise HTTPException(400, "this Liaison is newer than the team server: ask IT to "
                                 "update the server")
    return schema


async def presented_token(token: str | None = Depends(bearer)) -> str:
    """The bearer token the request presents; none is refused before anything else."""
    if not token:
        raise HTTPException(401, "sign in first", headers={"WWW-Authenticate": "Bearer"})
    return token


def _identify(session: Session, request: Request, token: str,
              schema: int) -> tuple[Principal, str | None]:
    """The principal behind ``token``, and its device's id when its last sighting is due."""
    found = device_for_token(session, token)
    if found is None:
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    device, user = found
    principal = principal_for(session, user, device, client_address(request), schema)
    request.state.user_id = principal.user_id
    due = device.last_seen_at is None or device.last_seen_at < now_ms() - LAST_SEEN_EVERY_MS
    return principal, device.id if due else None


def _note_seen(session: Session, device_id: str) -> None:
    session.execute(update(Device).where(Device.id == device_id).values(last_seen_at=now_ms()))


def authenticate(session: Session, request: Request, token: str, schema: int) -> Principal:
    """The principal behind ``token``, read in the caller's write transaction: the sync routes
    authenticate inside the transaction that does their work (one BEGIN and COMMIT, one
    pooled connection per request instead of two)."""
    principal, due = _identify(session, request, token, schema)
    if due:
        _note_seen(session, due)
    return principal


def current_principal(request: Request, token: str = Depends(presented_token),
                      schema: int = Depends(client_schema),
                      db: Database = Depends(get_db)) -> Principal:
    with db.read() as session:
        principal, due = _identify(session, request, token, schema)
    if due:  # at most once a minute per device: a write lock only then
        with db.write() as tx:
            _note_seen(tx.session, due)
    return principal


async def admin_principal(principal: Principal = Depends(current_principal)) -> Principal:
    if principal.role != "admin":
        raise HTTPException(403, "only an admin may do this")
    return principal


def record_uuid(value: str) -> str:
    """A record id in any spelling UUID allows, canonical; anything else is simply not found."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise HTTPException(404, "no such record") from None
