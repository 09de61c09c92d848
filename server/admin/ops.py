"""Administrative operations. Each runs inside the caller's write transaction and raises
``AdminError`` (one sentence) before changing anything when the input is wrong, so a refused
command leaves nothing half done.

Permission changes (roles, managed teams, team sharing, field rules, revocations, hand-over)
bump the revision of the records whose visibility they change, so every affected device's
next pull brings them, or reports them gone.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import delete, or_, select, update

from server.audit import audit
from server.auth.passwords import MIN_LENGTH, hash_password
from server.db.database import WriteTx, now_ms
from server.db.models import Device, FieldRule, ManagedTeam, Record, Team, User
from server.policy.permissions import SHARING
from server.policy.principal import ROLES, Principal
from server.records.schema import RECORD_TYPES, FieldError, field_spec

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RULES = ("hidden", "read_only", "none")
SCOPES = ("all", "other_teams")


class AdminError(ValueError):
    """Bad input to an administrative operation (one sentence for the admin)."""


def _team(tx: WriteTx, name_or_id: str) -> Team:
    team = tx.session.scalar(select(Team).where(or_(Team.name == name_or_id,
                                                    Team.id == name_or_id)))
    if team is None:
        raise AdminError(f"there is no team {name_or_id!r}")
    return team


def user_by_email(tx: WriteTx, email: str) -> User:
    user = tx.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise AdminError(f"there is no user {email!r}")
    return user


def _lock_records(tx: WriteTx, *conditions) -> list[str]:
    """Lock the records matching ``conditions`` in uuid order, before the revision is taken:
    pushes lock their records first and the revision last, and so must everyone
    (``server.db.database``), or a push and an admin change could deadlock."""
    return list(tx.session.scalars(select(Record.uuid).where(*conditions)
                                   .order_by(Record.uuid).with_for_update()))


def _bump(tx: WriteTx, *conditions) -> None:
    if _lock_records(tx, *conditions):
        tx.session.execute(update(Record).where(*conditions).values(revision=tx.revision))


def create_team(tx: WriteTx, actor: Principal, name: str, sharing: str = "read") -> Team:
    name = name.strip()
    if not name or len(name) > 200:
        raise AdminError("a team needs a name of 1 to 200 characters")
    if sharing not in SHARING:
        raise AdminError(f"sharing is one of {', '.join(SHARING)}")
    if tx.session.scalar(select(Team).where(Team.name == name)):
        raise AdminError(f"a team named {name!r} exists already")
    team = Team(id=str(uuid.uuid4()), name=name, sharing=sharing, share_mail_bodies=False,
                created_at=now_ms())
    tx.session.add(team)
    audit(tx.session, actor, "team", new={"name": name, "sharing": sharing},
          detail={"team": team.id})
    return team


def create_user(tx: WriteTx, actor: Principal, email: str, team: str, role: str,
                password: str, name: str = "") -> User:
    email = email.strip().lower()
    if not _EMAIL.match(email) or len(email) > 320:
        raise AdminError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AdminError(f"role is one of {', '.join(ROLES)}")
    if len(password) < MIN_LENGTH:
        raise AdminError(f"a password has at least {MIN_LENGTH} characters")
    if tx.session.scalar(select(User).where(User.email == email)):
        raise AdminError(f"a user {email!r} exists already")
    home = _team(tx, team)
    user = User(id=str(uuid.uuid4()), email=email, name=name.strip()[:200],
                password_hash=hash_password(password), role=role, team_id=home.id,
                created_at=now_ms())
    tx.session.add(user)
    audit(tx.session, actor, "user", new={"email": email, "role": role, "team": home.name},
          detail={"user": user.id})
    return user


def set_role(tx: WriteTx, actor: Principal, email: str, role: str,
             team: str | None = None, manages: list[str] | None = None) -> User:
    """Change a user's role, home team, and (for managers) the other teams they manage."""
    if role not in ROLES:
        raise AdminError(f"role is one of {', '.join(ROLES)}")
    user = user_by_email(tx, email)
    home = _team(tx, team) if team else None
    # once each, however often (by name or id) it was named
    managed = list({t.id: t for t in (_team(tx, name) for name in manages or [])}.values())
    if managed and role != "manager":
        raise AdminError("only a manager manages other teams")
    before = {"role": user.role, "team": user.team_id, "manages": sorted(
        tx.session.scalars(select(ManagedTeam.team_id).where(ManagedTeam.user_id == user.id)))}
    affected = {user.team_id, *before["manages"]}
    user.role = role
    if home:
        user.team_id = home.id
    if manages is not None or role != "manager":
        tx.session.execute(delete(ManagedTeam).where(ManagedTeam.user_id == user.id))
        tx.session.add_all(ManagedTeam(user_id=user.id, team_id=t.id) for t in managed)
    after = {"role": role, "team": user.team_id, "manages": sorted(t.id for t in managed)}
    affected |= {user.team_id, *after["manages"]}
    _bump(tx, or_(Record.team_id.in_(affected), Record.owner_id == user.id))
    audit(tx.session, actor, "permission", old=before, new=after,
          detail={"user": user.id, "email": user.email})
    return user


def revoke_user(tx: WriteTx, actor: Principal, email: str) -> User:
    """Deactivate a user and every device of theirs; their very next request is refused."""
    user = user_by_email(tx, email)
    now = now_ms()
    if not user.active:
        return user  # already revoked: the first revocation's time and audit row stand
    user.active = False
    user.revoked_at = now
    tx.session.execute(update(Device).where(Device.user_id == user.id,
                                            Device.revoked_at.is_(None)).values(revoked_at=now))
    audit(tx.session, actor, "revoke", detail={"user": user.id, "email": user.email})
    return user


def revoke_device(tx: WriteTx, actor: Principal, device_id: str) -> Device:
    device = tx.session.get(Device, device_id)
    if device is None:
        raise AdminError(f"there is no device {device_id!r}")
    if device.revoked_at is None:
        device.revoked_at = now_ms()
    audit(tx.session, actor, "revoke", detail={"device": device.id, "user": device.user_id})
    return device


def hand_over(tx: WriteTx, actor: Principal, from_email: str, to_email: str) -> int:
    """离职继承: every record the departing user owns passes to the colleague, in this one
    transaction, each change audited; the colleague's next pull brings them."""
    source = user_by_email(tx, from_email)
    target = user_by_email(tx, to_email)
    if source.id == target.id:
        raise AdminError("hand-over needs two different users")
    if not target.active:
        raise AdminError(f"{target.email} has been revoked and cannot take records over")
    uuids = _lock_records(tx, Record.owner_id == source.id)
    if uuids:
        tx.session.execute(update(Record).where(Record.owner_id == source.id).values(
            owner_id=target.id, team_id=target.team_id, revision=tx.revision,
            updated_at=now_ms()))
    for record_uuid in uuids:
        audit(tx.session, actor, "hand_over", record_uuid=record_uuid, field="owner",
              old=source.email, new=target.email)
    audit(tx.session, actor, "hand_over", old=source.email, new=target.email,
          detail={"records": len(uuids)})
    return len(uuids)


def set_team_sharing(tx: WriteTx, actor: Principal, team: str, sharing: str) -> Team:
    if sharing not in SHARING:
        raise AdminError(f"sharing is one of {', '.join(SHARING)}")
    found = _team(tx, team)
    old = found.sharing
    found.sharing = sharing
    _bump(tx, Record.team_id == found.id)
    audit(tx.session, actor, "permission", field="sharing", old=old, new=sharing,
          detail={"team": found.id, "name": found.name})
    return found


def set_mail_bodies(tx: WriteTx, actor: Principal, team: str, share: bool) -> Team:
    """Whether the team's members share the bodies of the mail they file on customers. Turned
    off, bodies already on the server stop being served at once (the views withhold them) and
    the team's message links get a new revision, so every laptop's copy drops them."""
    found = _team(tx, team)
    old = found.share_mail_bodies
    found.share_mail_bodies = share
    _bump(tx, Record.team_id == found.id, Record.type == "message_link")
    audit(tx.session, actor, "permission", field="share_mail_bodies", old=old, new=share,
          detail={"team": found.id, "name": found.name})
    return found


def set_field_rule(tx: WriteTx, actor: Principal, role: str, record_type: str, field: str,
                   rule: str, scope: str = "all") -> None:
    """Hide a field from a role, make it read-only, or (rule ``none``) lift the rule."""
    if role not in ("manager", "rep"):
        raise AdminError("field rules apply to managers or reps (admins see everything)")
    if record_type not in RECORD_TYPES:
        raise AdminError(f"record type is one of {', '.join(RECORD_TYPES)}")
    try:
        field_spec(record_type, field)
    except FieldError as exc:
        raise AdminError(str(exc)) from None
    if rule not in RULES:
        raise AdminError(f"rule is one of {', '.join(RULES)}")
    if scope not in SCOPES:
        raise AdminError(f"scope is one of {', '.join(SCOPES)}")
    existing = tx.session.scalar(select(FieldRule).where(
        FieldRule.role == role, FieldRule.record_type == record_type,
        FieldRule.field == field, FieldRule.scope == scope))
    old = existing.rule if existing else "none"
    if existing is not None:
        tx.session.delete(existing)
        tx.session.flush()
    if rule != "none":
        tx.session.add(FieldRule(role=role, record_type=record_type, field=field, rule=rule,
                                 scope=scope))
    _bump(tx, Record.type == record_type)
    audit(tx.session, actor, "permission", record_type=record_type, field=field, old=old,
          new=rule, detail={"role": role, "scope": scope})


def field_rules(tx_or_session) -> list[dict]:
    session = getattr(tx_or_session, "session", tx_or_session)
    return [{"role": r.role, "record_type": r.record_type, "field": r.field, "rule": r.rule,
             "scope": r.scope}
            for r in session.scalars(select(FieldRule).order_by(FieldRule.id))]
