"""Signing in (OAuth2 password flow), who am I, signing out, my devices."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from sqlalchemy import select

from server import SCHEMA_VERSION
from server.api.deps import client_address, current_principal, get_db
from server.api.errors import AUTHED, answers
from server.api.schemas import DeviceOut, TokenOut, UserOut
from server.audit import audit
from server.auth import rate_limit
from server.auth.devices import new_device, principal_for
from server.auth.passwords import verify_password
from server.db.database import Database, now_ms
from server.db.models import Device, User
from server.policy.principal import Principal
from server.admin.views import device_json, user_json

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/token", response_model=TokenOut, responses=answers(400, 401, 429))
def sign_in(request: Request, response: Response,
            username: str = Form(max_length=320), password: str = Form(max_length=1000),
            device_name: str = Form(default="", max_length=200),
            db: Database = Depends(get_db)) -> dict:
    """OAuth2 password flow. Each sign-in creates a device with its own revocable token."""
    address = client_address(request)
    email = username.strip().lower()
    if len(email) > 320:  # lower-casing lengthened it (İ is two characters): no one's email
        raise HTTPException(401, "wrong email or password", headers={"WWW-Authenticate": "Bearer"})
    now = now_ms()
    with db.write() as tx:
        wait = rate_limit.retry_after_s(tx.session, email, address, now)
        if wait:
            raise HTTPException(429, f"too many failed sign-ins: try again in {wait} seconds",
                                headers={"Retry-After": str(wait)})
        user = tx.session.scalar(select(User).where(User.email == email))
        if not verify_password(user.password_hash if user else None, password) \
                or not user.active:
            rate_limit.record_failure(tx.session, email, address, now)
            # Filed under the account when there is one, so the user's audit trail shows it.
            audit(tx.session, Principal(user.id if user else None, email,
                                        user.role if user else "rep", None, address=address),
                  "login_failed")
            failed = True
        else:
            failed = False
            rate_limit.clear_user_failures(tx.session, email)
            device, token = new_device(tx.session, user, device_name, address)
            tx.session.flush()
            principal = principal_for(tx.session, user, device, address)
            audit(tx.session, principal, "login", detail={"device": device.id,
                                                          "device_name": device.name})
            answer = {"access_token": token, "token_type": "bearer", "device_id": device.id,
                      "user": user_json(tx.session, user), "schema_version": SCHEMA_VERSION}
    if failed:  # after commit: the failure must count even though we refuse
        raise HTTPException(401, "wrong email or password", headers={"WWW-Authenticate": "Bearer"})
    response.headers["Cache-Control"] = "no-store"
    return answer


@router.get("/me", response_model=UserOut, responses=AUTHED)
def me(principal: Principal = Depends(current_principal), db: Database = Depends(get_db)):
    with db.read() as session:
        return user_json(session, session.get(User, principal.user_id))


@router.get("/me/devices", response_model=list[DeviceOut], responses=AUTHED)
def my_devices(principal: Principal = Depends(current_principal),
               db: Database = Depends(get_db)):
    with db.read() as session:
        devices = session.scalars(select(Device).where(Device.user_id == principal.user_id)
                                  .order_by(Device.created_at))
        return [device_json(d, principal.email) for d in devices]


@router.post("/auth/logout", status_code=204, responses=AUTHED)
def sign_out(principal: Principal = Depends(current_principal),
             db: Database = Depends(get_db)) -> Response:
    """Ends this device's session (its token is refused from now on)."""
    with db.write() as tx:
        tx.session.get(Device, principal.device_id).revoked_at = now_ms()
        audit(tx.session, principal, "revoke", detail={"device": principal.device_id,
                                                       "reason": "signed out"})
    return Response(status_code=204)
