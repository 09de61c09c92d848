"""Failed sign-ins are limited per user and per address, counted in the database so that the
limit holds across every app process behind the load balancer."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from server.db.models import LoginFailure

WINDOW_MS = 15 * 60 * 1000
MAX_PER_USER = 5
MAX_PER_ADDRESS = 20


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"user:{email.lower()}", f"addr:{address}"


def retry_after_s(session: Session, email: str, address: str, now: int) -> int:
    """Seconds until another attempt is allowed, or 0 if one is allowed now."""
    waits = []
    for key, limit in zip(_keys(email, address), (MAX_PER_USER, MAX_PER_ADDRESS)):
        times = session.scalars(select(LoginFailure.at).where(
            LoginFailure.key == key, LoginFailure.at > now - WINDOW_MS)
            .order_by(LoginFailure.at.desc()).limit(limit)).all()
        if len(times) >= limit:
            waits.append((times[-1] + WINDOW_MS - now) // 1000 + 1)
    return max(waits, default=0)


def record_failure(session: Session, email: str, address: str, now: int) -> None:
    for key in _keys(email, address):
        session.add(LoginFailure(key=key, at=now))
    # Old failures are of no use to the limit; keep the table small.
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - 2 * WINDOW_MS))


def clear_user_failures(session: Session, email: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == _keys(email, "")[0]))


def failure_count(session: Session, key: str, now: int) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.key == key, LoginFailure.at > now - WINDOW_MS))
