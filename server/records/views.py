"""A record as one person may see it: hidden fields left out (also from versions), read-only
fields named, fields newer than the client's schema left out."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Record, Team, User
from server.policy.permissions import FieldRules, access
from server.policy.principal import Principal
from server.records.schema import visible_in_schema


def iso(ms: int | None) -> str | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, timezone.utc).isoformat()


class RecordViews:
    """Serialises records for one principal; caches people and teams for one request."""

    def __init__(self, session: Session, principal: Principal, rules: FieldRules | None = None):
        self.session = session
        self.principal = principal
        self.rules = rules or FieldRules.load(session, principal)
        self._users: dict[str, tuple[str, str]] = {}
        self._teams: dict[str, tuple[str, str, bool]] = {}

    def prefetch_users(self, user_ids) -> None:
        """Owners of a page of records in one query (not one per owner)."""
        wanted = [u for u in user_ids if u not in self._users]
        if wanted:
            for user_id, email, name in self.session.execute(
                    select(User.id, User.email, User.name).where(User.id.in_(wanted))):
                self._users[user_id] = (email, name)

    def _user(self, user_id: str) -> tuple[str, str]:
        if user_id not in self._users:
            user = self.session.get(User, user_id)
            self._users[user_id] = (user.email, user.name) if user else ("", "")
        return self._users[user_id]

    def team(self, team_id: str) -> tuple[str, str]:
        """(name, default sharing)"""
        return self._team(team_id)[:2]

    def _team(self, team_id: str) -> tuple[str, str, bool]:
        if team_id not in self._teams:
            if not self._teams:
                self._teams = {t.id: (t.name, t.sharing, t.share_mail_bodies)
                               for t in self.session.scalars(select(Team))}
            if team_id not in self._teams:
                team = self.session.get(Team, team_id)
                self._teams[team_id] = (team.name, team.sharing, team.share_mail_bodies)
        return self._teams[team_id]

    def hidden(self, record: Record) -> set[str]:
        """Field rules, and fields the record's team policy withholds (a mail body where the
        team does not share bodies: one stored before the policy was turned off stays unseen)."""
        hidden = self.rules.hidden(record)
        if record.type == "message_link" and not self._team(record.team_id)[2]:
            hidden = hidden | {"body"}
        return hidden

    def fields_for(self, record: Record) -> tuple[dict, dict, list[str]]:
        hidden = self.hidden(record)
        schema = self.principal.schema
        fields = {k: v for k, v in (record.fields or {}).items()
                  if k not in hidden and visible_in_schema(record.type, k, schema)}
        versions = {k: {"v": meta.get("v", 0), "hlc": meta.get("hlc", "")}
                    for k, meta in (record.versions or {}).items() if k in fields}
        read_only = sorted(f for f in self.rules.read_only(record) if f not in hidden)
        return fields, versions, read_only

    def record_json(self, record: Record) -> dict:
        fields, versions, read_only = self.fields_for(record)
        email, name = self._user(record.owner_id)
        team_name, team_sharing = self.team(record.team_id)
        allowed = access(self.principal, record, team_sharing)
        return {
            "uuid": record.uuid, "type": record.type,
            "owner": {"id": record.owner_id, "email": email, "name": name},
            "team": {"id": record.team_id, "name": team_name},
            "sharing": record.sharing or team_sharing,
            "revision": record.revision, "created_at": iso(record.created_at),
            "updated_at": iso(record.updated_at), "deleted": record.deleted_at is not None,
            "fields": fields, "versions": versions, "read_only_fields": read_only,
            "can_edit": allowed.edit, "can_manage": allowed.manage,
        }
