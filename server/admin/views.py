"""People and devices as the admin API and the admin command line show them."""

from __future__ import annotations

from sqlalchemy import select

from server.db.models import Device, ManagedTeam, Team, User
from server.records.views import iso


def user_json(session, user: User) -> dict:
    team = session.get(Team, user.team_id)
    managed = session.scalars(select(Team).join(ManagedTeam, ManagedTeam.team_id == Team.id)
                              .where(ManagedTeam.user_id == user.id).order_by(Team.name))
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role,
            "team": {"id": team.id, "name": team.name, "share_mail_bodies": team.share_mail_bodies},
            "managed_teams": [{"id": t.id, "name": t.name} for t in managed],
            "active": user.active}


def device_json(device: Device, email: str) -> dict:
    return {"id": device.id, "user": email, "name": device.name,
            "created_at": iso(device.created_at), "last_seen_at": iso(device.last_seen_at),
            "revoked": device.revoked_at is not None}
